/**
 * Parse a large library on every core: worker threads parse batches of
 * files and send back plain data, which the main thread turns into
 * documents. Small libraries are parsed in the main thread, where starting
 * workers would cost more than it saves.
 *
 * A build can ask the workers to keep the drafts they make (see
 * `parse-worker.ts`): the workers then stay up after parsing, as
 * {@link HeldDrafts}, to assemble those documents' pages.
 */
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import { restoreParse, SharedStrings } from './stored-parse.js'
import { workerScript } from './worker-script.js'
import { collectIfLarge } from './heap.js'
import type { SourceFile } from '../model.js'
import type { HeldDrafts } from '../render/held-drafts.js'
import type { DraftedParse } from '../render/body/draft-documents.js'
import type { DraftMode, PageRequest, ParseRequest, WorkerMessage } from './parse-worker.js'
import type { SearchAnswer, SearchFinish, SearchRequest } from './search-in-worker.js'
import { searchTermsModule } from '../load/shipped-files.js'
import type { SearchIndexElsewhere } from '../render/search-elsewhere.js'
import type { SearchSource } from '../render/site-files/search-index.js'

/** Below this many files to parse, workers are not worth starting (override: QUIRE_PARALLEL_MIN). */
const parallelFrom = 400
const batchSize = 100

/** What parsing in workers gives: each file's parse, and with `held`, the workers that keep the drafts. */
export type { HeldDrafts }

export interface ParsedInWorkers {
  readonly results: DraftedParse[]
  readonly held: HeldDrafts | undefined
}

/** A worker, the answers it owes by request id, and why it stopped, once it has. */
interface Thread {
  readonly worker: Worker
  readonly waiting: Map<number, { resolve: (message: WorkerMessage | SearchAnswer) => void; reject: (problem: unknown) => void }>
  stopped?: Error
}

/**
 * Worker threads keep the young generation V8 sizes for them: a smaller
 * one lowers a thread's share of the peak a little, but it is collected so
 * often that a large build costs a quarter more CPU time (see
 * docs/performance.md).
 */
function startThread(script: URL): Thread {
  const worker = new Worker(script)
  const thread: Thread = { worker, waiting: new Map() }
  worker.on('message', (message: WorkerMessage | SearchAnswer) => {
    const waiter = thread.waiting.get(message.id)
    thread.waiting.delete(message.id)
    if (message.kind === 'failed') waiter?.reject(workerFailure(message))
    else waiter?.resolve(message)
  })
  // A thread that fails or exits fails what it owes and everything asked of it later, instead of leaving the build waiting.
  const stop = (problem: Error): void => {
    thread.stopped ??= problem
    for (const waiter of thread.waiting.values()) waiter.reject(thread.stopped)
    thread.waiting.clear()
  }
  worker.once('error', stop)
  worker.once('exit', (code) => stop(new Error(`quire: a worker thread stopped (exit code ${code})`)))
  return thread
}

/** A worker's failure as an error; a file system error (a page that could not be written) keeps its code and file. */
function workerFailure(message: Extract<WorkerMessage | SearchAnswer, { kind: 'failed' }>): Error {
  const error: NodeJS.ErrnoException = new Error(`quire: a worker thread failed: ${message.message}`)
  if (message.code) {
    error.code = message.code
    error.path = message.path
  }
  return error
}

let nextId = 0

/** Send a request to `thread` and wait for its answer. */
function ask(thread: Thread, request: ParseRequest | PageRequest): Promise<WorkerMessage>
function ask(thread: Thread, request: SearchFinish): Promise<SearchAnswer>
function ask(thread: Thread, request: ParseRequest | PageRequest | SearchFinish): Promise<WorkerMessage | SearchAnswer> {
  return new Promise((resolve, reject) => {
    if (thread.stopped) return reject(thread.stopped)
    thread.waiting.set(request.id, { resolve, reject })
    thread.worker.postMessage(request)
  })
}

/** How many threads parse `files` files, and whether threads are worth starting at all (see {@link parallelFrom}). */
function threadCount(files: number, env: NodeJS.ProcessEnv): number {
  const threshold = Number(env.QUIRE_PARALLEL_MIN ?? parallelFrom)
  const count = Math.min(availableParallelism(), 4, Math.ceil(files / batchSize))
  if (files < threshold || (count < 2 && env.QUIRE_PARALLEL_MIN === undefined)) return 0
  return Math.max(count, 1)
}

/**
 * At most this many notes are parsed while the folder is read. That covers a garden's
 * whole folder read; on a large library, the first thread (which keeps its drafts) would
 * otherwise parse far more than its share, holding those drafts and leaving the others less.
 */
const earlyFilesAtMost = 2_000

/** A batch the first thread was given while the notes folder was being read, and its answer once it comes. */
interface EarlyBatch {
  readonly files: readonly SourceFile[]
  readonly answer: Promise<WorkerMessage>
}

/**
 * Threads started before the files to parse are all read: each loads
 * quire's parser and warms up while the main thread reads the notes
 * folder, instead of after. Meanwhile the first thread (which keeps its
 * drafts whatever the library's size, see `holders`) parses the files
 * already read, a batch or two at a time, so that both cores work while
 * the folder is read; the rest wait for {@link parseInWorkers}, which
 * shares what is left among every thread.
 */
export class EarlyThreads {
  private readonly threads: Thread[] = []
  private readonly env: NodeJS.ProcessEnv
  private readonly draft: DraftMode
  /** Files read and not yet sent, in the order they were read. */
  private waiting: SourceFile[] = []
  private readonly batches: EarlyBatch[] = []
  private outstanding = 0
  private sent = 0
  private taken = false

  /** `draft` is what the first thread does with each body it parses (as {@link parseInWorkers}'s `draft` for it). */
  constructor(draft: DraftMode, env: NodeJS.ProcessEnv = process.env) {
    this.draft = draft
    this.env = env
  }

  /** `files` notes have been found so far: start the threads parsing that many would use, if not started yet. */
  found(files: number): void {
    const wanted = threadCount(files, this.env)
    const script = this.taken || wanted <= this.threads.length ? undefined : workerScript()
    if (!script) return
    while (this.threads.length < wanted) this.threads.push(startThread(script))
    this.send()
  }

  /** A note was read that will be parsed (not one set aside to be parsed under a time limit). */
  read(file: SourceFile): void {
    if (this.taken) return
    this.waiting.push(file)
    this.send()
  }

  /**
   * Give the first thread full batches while it has fewer than two to parse, and no more than
   * {@link earlyFilesAtMost} in all, so it never holds more than its share of the drafts.
   */
  private send(): void {
    const first = this.threads[0]
    while (first && !this.taken && this.outstanding < 2 && this.waiting.length >= batchSize && this.sent < earlyFilesAtMost) {
      const files = this.waiting.splice(0, batchSize)
      this.sent += files.length
      this.outstanding++
      const answer = ask(first, { kind: 'parse', id: nextId++, files, draft: this.draft })
      // Failures are reported by whoever takes the batch; one nobody takes fails nothing.
      answer.then(
        () => {
          this.outstanding--
          this.send()
        },
        () => undefined,
      )
      this.batches.push({ files, answer })
    }
  }

  /** Up to `count` of the threads started, for a parse, and the batches the first was given; the caller owns them. */
  take(count: number): { threads: Thread[]; batches: EarlyBatch[] } {
    this.taken = true
    this.waiting = []
    return { threads: this.threads.splice(0, count), batches: this.batches.splice(0) }
  }

  /** Stop the threads no parse took. */
  async release(): Promise<void> {
    await Promise.all(this.take(this.threads.length).threads.map((thread) => thread.worker.terminate()))
  }
}

/**
 * Parse `files` in worker threads; undefined when that is not worth it or
 * not possible (running from TypeScript sources). Threads started early
 * (`early`) are used first. `draft` says whether to
 * draft published bodies, and whether the drafts come back or stay; with
 * `held`, `holders` says how many of the threads keep theirs (the others
 * send them back, and stop once the parse is done). `restored` is told of
 * each file once its parse is restored on this thread.
 */
export async function parseInWorkers(
  files: readonly SourceFile[],
  onBatch?: (done: number, total: number) => void,
  env: NodeJS.ProcessEnv = process.env,
  draft: DraftMode = 'none',
  holders = Infinity,
  early?: EarlyThreads,
  restored?: (file: SourceFile) => void,
): Promise<ParsedInWorkers | undefined> {
  const count = threadCount(files.length, env)
  const script = count === 0 ? undefined : workerScript()
  if (!script) return undefined

  const results: DraftedParse[] = new Array(files.length)
  const holder = new Map<string, Thread>()
  const taken = early?.take(count)
  const threads = taken?.threads ?? []
  const fresh = threads.length
  while (threads.length < count) threads.push(startThread(script))
  // The batches the first thread was given while the folder was read (only if it is one of these threads).
  const batches = fresh > 0 ? (taken?.batches ?? []) : []
  // Each file's place in `files`, needed only when some were parsed out of order.
  const place = batches.length > 0 ? new Map(files.map((file, i) => [file.path, i])) : undefined
  const given = new Set(batches.flatMap((batch) => batch.files.map((file) => file.path)))
  const rest = given.size > 0 ? files.filter((file) => !given.has(file.path)) : files
  let next = 0
  let done = 0
  const strings = new SharedStrings()
  const take = (thread: Thread, batch: readonly SourceFile[], answer: WorkerMessage, start: number): void => {
    if (answer.kind !== 'parsed') throw new Error('quire: a worker thread answered a parse with something else')
    answer.results.forEach((result, i) => {
      const file = batch[i]!
      const parse = restoreParse(file, result.parse, strings)
      const draft = result.draft && strings.draft(result.draft)
      // Written out, not spread (see `restoreDocument` in stored-parse.ts).
      results[place?.get(file.path) ?? start + i] = draft && parse.document ? { document: parse.document, diagnostics: parse.diagnostics, draft } : parse
      if (draft && !draft.html) holder.set(file.path, thread)
      restored?.(file)
    })
    done += answer.results.length
    onBatch?.(done, files.length)
  }
  const run = async (thread: Thread, index: number): Promise<void> => {
    const mode: DraftMode = draft === 'held' && index >= holders ? 'returned' : draft
    // The first thread finishes the batches it was given before it takes more.
    // Each answer is let go once taken (a promise keeps its value), as a batch asked for below is.
    if (index === 0) for (let batch = batches.shift(); batch; batch = batches.shift()) take(thread, batch.files, await batch.answer, -1)
    while (next < rest.length) {
      const start = next
      next += batchSize
      const batch = rest.slice(start, start + batchSize)
      take(thread, batch, await ask(thread, { kind: 'parse', id: nextId++, files: batch, draft: mode }), start)
    }
  }
  const close = (): Promise<void> => stopAll(threads, holder)
  try {
    await Promise.all(threads.map(run))
  } catch (problem) {
    await close()
    throw problem
  }
  if (draft !== 'held') {
    await close()
    return { results, held: undefined }
  }
  // Threads that sent their drafts back have nothing left to do: stop them now, and their heaps go with them.
  await Promise.all(threads.slice(holders).map((thread) => thread.worker.terminate()))
  return { results, held: heldBy(threads, threads.slice(0, holders), holder) }
}

/** Stop every thread; the drafts they keep go with them. */
async function stopAll(threads: readonly Thread[], holder: Map<string, Thread>): Promise<void> {
  holder.clear()
  await Promise.all(threads.map((thread) => thread.worker.terminate()))
}

/**
 * The drafts kept by `kept` (of `threads`, the parse's threads), by the thread that holds each (`holder`, taken over).
 * Made apart from the parse: closures made in one call share what any of them keeps, and the parse's closures keep
 * every result, drafts sent back included, which would then last as long as the threads that make pages.
 */
function heldBy(threads: readonly Thread[], kept: readonly Thread[], holder: Map<string, Thread>): HeldDrafts {
  // The thread that builds the search index, once asked for (see `searchInThread`): the last thread that makes pages.
  // It waits on this thread for most of the render, so it has time to spare; a thread of its own would cost the
  // build a heap of its own (about 50 MiB more at the peak on 10,000 notes, for no faster a build).
  let indexing: Thread | undefined
  let pending = 0
  return {
    holds: (path) => holder.has(path),
    async page(path, page, target, others, draft) {
      const thread = draft ? kept.reduce((a, b) => (b.waiting.size < a.waiting.size ? b : a)) : holder.get(path)
      if (!thread) throw new Error(`quire: no worker thread holds the draft of ${path}`)
      pending++
      try {
        const answer = await ask(thread, { kind: 'page', id: nextId++, path, page: JSON.stringify(page), target, others, draft })
        if (answer.kind !== 'page') throw new Error('quire: a worker thread answered a page with something else')
        // The thread lets the draft go once its page is made.
        if (!draft) holder.delete(path)
        return answer.stamps
      } finally {
        pending--
      }
    },
    pending: () => pending,
    searchIndex(count, folder) {
      if (indexing) return undefined
      indexing = kept.at(-1)
      return indexing && searchInThread(indexing, count, folder)
    },
    // The main thread's heap is collected once the pages are made, before the rest of the site.
    async pagesMade() {
      holder.clear()
      await Promise.all(threads.filter((thread) => thread !== indexing).map((thread) => thread.worker.terminate()))
      collectIfLarge()
    },
    close: () => stopAll(threads, holder),
  }
}

/** Search sources sent to the indexing thread at a time: few messages, and little held on either side. */
const searchBatch = 64

/**
 * Build the search index in `thread` while the main thread makes the pages: the sources are sent in batches, and the
 * thread writes the files into `folder` itself (see `search-in-worker.ts`).
 * The thread stops once it has answered the finish (every page it made is made by then).
 */
function searchInThread(thread: Thread, count: number, folder: string): SearchIndexElsewhere {
  const post = (request: SearchRequest): void => {
    if (!thread.stopped) thread.worker.postMessage(request)
  }
  post({ kind: 'search-start', count, terms: searchTermsModule(), folder })
  let batch: SearchSource[] = []
  return {
    add(source) {
      batch.push(source)
      if (batch.length < searchBatch) return
      post({ kind: 'search-add', sources: batch })
      batch = []
    },
    async finish() {
      if (batch.length > 0) post({ kind: 'search-add', sources: batch })
      batch = []
      try {
        const answer = await ask(thread, { kind: 'search-finish', id: nextId++ })
        if (answer.kind !== 'searched') throw new Error('quire: a worker thread answered the search index with something else')
        return new Map(answer.stamps)
      } finally {
        await thread.worker.terminate()
      }
    },
  }
}
