/**
 * A worker thread that parses files for a large library: it receives
 * source files and answers with each file's parse in serialisable form
 * (front matter, links, positions, diagnostics; no tree) and, when asked,
 * the body drafted from the tree before it is let go (`draftBody`).
 */
import { parentPort } from 'node:worker_threads'
import type { SourceFile } from '../model.js'
import { storeParse, type StoredParseResult } from '../cache/stored-parse.js'
import { loadBodyExtensionsFor } from '../render/body-extensions.js'
import { drafted } from '../render/draft-documents.js'
import type { DraftBody } from '../render/slots.js'
import { parseDocument } from './parse-document.js'

/** A batch of files to parse. */
export interface ParseRequest {
  readonly id: number
  readonly files: readonly SourceFile[]
  /** Draft each published body too. */
  readonly draft: boolean
}

/** One file's answer. */
export interface ParseAnswer {
  readonly parse: StoredParseResult
  readonly draft: DraftBody | undefined
}

parentPort?.on('message', (request: ParseRequest) => {
  void answer(request).then((results) => parentPort!.postMessage({ id: request.id, results }))
})

async function answer(request: ParseRequest): Promise<ParseAnswer[]> {
  if (request.draft) await loadBodyExtensionsFor(request.files.map((file) => file.text))
  return request.files.map((file) => {
    const parsed = request.draft ? drafted(parseDocument(file), false) : parseDocument(file, { keepTree: false })
    return { parse: storeParse(parsed), draft: parsed.document?.draft }
  })
}
