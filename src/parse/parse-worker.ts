/**
 * A worker thread that parses files for a large library: it receives
 * source files and answers with each file's parse in serialisable form
 * (front matter, links, positions, diagnostics; no tree, which the main
 * thread parses again when it renders).
 */
import { parentPort } from 'node:worker_threads'
import type { SourceFile } from '../model.js'
import { storeParse } from '../cache/stored-parse.js'
import { parseDocument } from './parse-document.js'

/** A batch of files to parse. */
export interface ParseRequest {
  readonly id: number
  readonly files: readonly SourceFile[]
}

parentPort?.on('message', (request: ParseRequest) => {
  const results = request.files.map((file) => storeParse(parseDocument(file, { keepTree: false })))
  parentPort!.postMessage({ id: request.id, results })
})
