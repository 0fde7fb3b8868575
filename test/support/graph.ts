/**
 * Build a graph from in-memory files (relative path → text), for tests of
 * stages after parsing. Every file must parse cleanly.
 */
import { expect } from 'vitest'
import { formatDiagnostic } from '../../src/diagnostics.js'
import { buildGraph } from '../../src/graph/build-graph.js'
import type { Doc, Graph, SourceFile } from '../../src/model.js'
import { parseDocument } from '../../src/parse/parse-document.js'

/** The graph of a small library given as relative path → text. */
export function graphOf(files: Record<string, string>): Graph {
  const docs: Doc[] = []
  for (const [relativePath, text] of Object.entries(files)) {
    const file: SourceFile = { path: `/notes/${relativePath}`, relativePath, displayPath: `notes/${relativePath}`, text }
    const parsed = parseDocument(file)
    expect(parsed.diagnostics.map(formatDiagnostic)).toEqual([])
    docs.push(parsed.document!)
  }
  return buildGraph(docs)
}
