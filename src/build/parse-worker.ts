/**
 * A worker thread that parses files for a large library: it receives
 * source files and answers with each file's parse in serialisable form
 * (front matter, links, positions, diagnostics; no tree) and, when asked,
 * the body drafted from the tree before it is let go (`draftBody`).
 *
 * A build asks it to keep the drafts' HTML: once the main thread has built
 * the graph, it sends each page's props and slot texts here, and this
 * thread assembles the page around the draft it holds (`draftedPageHtml`)
 * and writes it into the site's staging folder, so the main thread neither
 * receives the drafts nor serializes and writes those pages. One such
 * thread also builds the search index meanwhile (`search-in-worker.ts`).
 */
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { parentPort } from 'node:worker_threads'
import type { SourceFile } from '../model.js'
import { storeParse, type StoredParseResult } from './stored-parse.js'
import { loadBodyExtensionsFor } from '../render/body/body-extensions.js'
import { drafted } from '../render/body/draft-documents.js'
import { draftedPageHtml, type DraftedPage } from '../render/body/drafted-page.js'
import type { DraftBody } from '../render/body/slots.js'
import { shownOnOtherPages, type LentDraft, type OtherFile } from '../render/held-drafts.js'
import { writeStamped, type FileStamp } from '../emit/emit-site.js'
import { parseDocument } from '../parse/parse-document.js'
import { collectNow } from './heap.js'
import { searchRequest, type SearchAnswer, type SearchRequest } from './search-in-worker.js'

/** What to do with each published body besides parsing it. */
export type DraftMode = 'none' | 'returned' | 'held'

/** A batch of files to parse. */
export interface ParseRequest {
  readonly kind: 'parse'
  readonly id: number
  readonly files: readonly SourceFile[]
  /** Draft each published body, and send the drafts back or keep their HTML here. */
  readonly draft: DraftMode
}

/** One file's answer. */
export interface ParseAnswer {
  readonly parse: StoredParseResult
  /** The draft; with `held`, without its HTML and table of contents, which stay in this thread. */
  readonly draft: DraftBody | undefined
}

/** Assemble the page of the file at `path` around the draft this thread holds (or the one sent along), and write it to `target`. */
export interface PageRequest {
  readonly kind: 'page'
  readonly id: number
  readonly path: string
  /**
   * The page's props as JSON: a page's props are many small objects, which
   * cost the main thread more to clone into a message than to write as one
   * string (the main thread sets a large build's pace).
   */
  readonly page: string
  /** A draft the main thread holds, sent for this thread to make the page while the main thread is busy. */
  readonly draft?: LentDraft | undefined
  /** Where the page goes: a file in the site's staging folder. */
  readonly target: string
  /** The document's other files, written beside the page. */
  readonly others: readonly OtherFile[]
}

/** Messages from this thread. */
export type WorkerMessage =
  | { readonly kind: 'parsed'; readonly id: number; readonly results: readonly ParseAnswer[] }
  | { readonly kind: 'page'; readonly id: number; readonly stamps: readonly FileStamp[] }
  | { readonly kind: 'failed'; readonly id: number; readonly message: string; readonly code?: string | undefined; readonly path?: string | undefined }

/** Drafts' HTML kept here, by file path. */
const held = new Map<string, { html: Uint8Array; toc: DraftBody['toc'] }>()

let collected = false

/**
 * Collect this thread's garbage once, as its first page is asked for.
 * Parsing leaves the heap as large as the parse made it, and making pages
 * allocates little that lasts, so V8 would not collect it again (nor give
 * its memory back) while the pages are made: on a large library, most of
 * this thread's heap through the rest of the build.
 */
function collectOnce(): void {
  if (collected) return
  collected = true
  collectNow()
}

/** `problem` as a failed answer; a file system error keeps its code and file, so the build can report a failed write as one (not as a bug). */
function failedAnswer(id: number, problem: unknown, target?: string): Extract<WorkerMessage, { kind: 'failed' }> {
  const error = problem as NodeJS.ErrnoException
  return {
    kind: 'failed',
    id,
    message: problem instanceof Error ? (problem.stack ?? problem.message) : String(problem),
    code: error?.code,
    path: error?.code ? (error.path ?? target) : undefined,
  }
}

parentPort?.on('message', (request: ParseRequest | PageRequest | SearchRequest) => {
  const reply = (message: WorkerMessage | SearchAnswer): void => parentPort!.postMessage(message)
  if (request.kind === 'search-start' || request.kind === 'search-add' || request.kind === 'search-finish') {
    const id = request.kind === 'search-finish' ? request.id : -1
    // The finish comes after the last page asked of this thread: what the pages left (their drafts, gone) is collected
    // before the index's files are made, rather than held through the rest of the build (the thread's heap would not
    // shrink by itself while it makes them).
    if (request.kind === 'search-finish') collectNow()
    searchRequest(request)?.then(
      (stamps) => reply({ kind: 'searched', id, stamps }),
      (problem: unknown) => reply(failedAnswer(id, problem)),
    )
    return
  }
  if (request.kind === 'page') {
    collectOnce()
    const draft = request.draft ?? held.get(request.path)
    try {
      if (!draft) throw new Error(`no draft of ${request.path} is held here`)
      const html = draftedPageHtml(draft.html, draft.toc, JSON.parse(request.page) as DraftedPage)
      const stamps: FileStamp[] = []
      const folders = new Set<string>()
      for (const file of [{ target: request.target, contents: html }, ...request.others]) {
        const folder = path.dirname(file.target)
        if (!folders.has(folder)) mkdirSync(folder, { recursive: true })
        folders.add(folder)
        stamps.push(writeStamped(file.target, file.contents))
      }
      // Each page is asked for once: its draft is not needed again.
      held.delete(request.path)
      reply({ kind: 'page', id: request.id, stamps })
    } catch (problem) {
      reply(failedAnswer(request.id, problem, request.target))
    }
    return
  }
  void answer(request).then(
    (results) => reply({ kind: 'parsed', id: request.id, results }),
    (problem: unknown) => reply({ kind: 'failed', id: request.id, message: problem instanceof Error ? (problem.stack ?? problem.message) : String(problem) }),
  )
})

/**
 * `toc` with strings of its own. A heading's text may be a slice of the
 * note's text, and a slice keeps the whole text in memory: the drafts held
 * here would keep every text they were drafted from until their pages are
 * made.
 */
function ownStrings(toc: DraftBody['toc']): DraftBody['toc'] {
  return JSON.parse(JSON.stringify(toc)) as DraftBody['toc']
}

async function answer(request: ParseRequest): Promise<ParseAnswer[]> {
  if (request.draft !== 'none') await loadBodyExtensionsFor(request.files.map((file) => file.text))
  return request.files.map((file) => {
    if (request.draft === 'none') return { parse: storeParse(parseDocument(file, { keepTree: false })), draft: undefined }
    const parsed = drafted(parseDocument(file), false)
    const draft = parsed.draft
    // A body shown on another page too (the home page, a folder's or a tag's) goes back to the main thread, which makes those pages.
    if (request.draft === 'held' && draft?.html && !shownOnOtherPages(parsed.document!.slug)) {
      held.set(file.path, { html: draft.html, toc: ownStrings(draft.toc) })
      // The main thread reads a held draft's slots, never its table of contents, which stays here with the HTML.
      return { parse: storeParse(parsed), draft: { ...draft, html: undefined, toc: [] } }
    }
    return { parse: storeParse(parsed), draft }
  })
}
