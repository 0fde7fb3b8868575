/**
 * The read side of the pipeline, shared by `build` and `check`:
 * load → parse → graph → check. Returns the graph and every problem found.
 */
import path from 'node:path'
import { checkGraph } from './check/check-graph.js'
import { sortDiagnostics, type Diagnostic } from './diagnostics.js'
import { buildGraph } from './graph/build-graph.js'
import { loadConfig, type SiteConfig } from './load/config.js'
import { loadNotes } from './load/load-notes.js'
import type { Doc, Graph } from './model.js'
import { parseDocument } from './parse/parse-document.js'

/** The library as quire understands it. */
export interface Analysis {
  readonly graph: Graph
  /** The site configuration (defaults when there is no config file). */
  readonly config: SiteConfig
  /** Sorted by file, line and column. */
  readonly diagnostics: readonly Diagnostic[]
  /** Markdown files read. */
  readonly fileCount: number
}

/** Options for {@link analyse}. */
export interface AnalyseOptions {
  /** Folder that diagnostics' paths are relative to (default: the working directory). */
  readonly cwd?: string
}

const emptyOptions: AnalyseOptions = {}

/** Read, parse, connect and check every note under `notesDir`. */
export async function analyse(notesDir: string, options?: Readonly<AnalyseOptions> | null): Promise<Analysis> {
  const cwd = (options || emptyOptions).cwd ?? process.cwd()
  const display = (file: string): string => {
    const relative = path.relative(cwd, file)
    return (relative.startsWith('..') ? file : relative).split(path.sep).join('/')
  }
  const [configResult, loaded] = await Promise.all([loadConfig(notesDir, display), loadNotes(notesDir, display)])
  const diagnostics: Diagnostic[] = [...configResult.diagnostics, ...loaded.diagnostics]
  const documents: Doc[] = []
  for (const file of loaded.files) {
    const parsed = parseDocument(file)
    diagnostics.push(...parsed.diagnostics)
    if (parsed.document) documents.push(parsed.document)
  }
  const graph = buildGraph(documents)
  diagnostics.push(...checkGraph(graph))
  return { graph, config: configResult.config, diagnostics: sortDiagnostics(diagnostics), fileCount: loaded.files.length }
}
