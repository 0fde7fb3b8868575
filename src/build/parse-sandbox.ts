/**
 * Parse notes under a time limit: each note goes to a worker thread on its
 * own, and a note that is not done in time stops that thread and becomes a
 * `note-too-complex` error naming the file. The build (and `quire dev`,
 * which keeps answering requests meanwhile) goes on with the other notes.
 *
 * Only notes that {@link needsTimeLimit} picks come here; the others are
 * parsed where they would be anyway. When the worker script is not there
 * (running from TypeScript sources, as the unit tests do), notes are parsed
 * in this thread with no limit but the nesting one.
 */
import { Worker } from 'node:worker_threads'
import { restoreParse, SharedStrings } from './stored-parse.js'
import { workerScript } from './worker-script.js'
import { error } from '../diagnostics.js'
import type { SourceFile } from '../model.js'
import type { DraftedParse } from '../render/body/draft-documents.js'
import type { DraftMode, ParseAnswer, ParseRequest, WorkerMessage } from './parse-worker.js'

/** Options for {@link parseWithTimeLimit}. */
export interface TimeLimitOptions {
  /** Seconds one note may take to parse (and draft). */
  readonly seconds: number
  /** Draft published bodies in the worker and send the drafts back (`returned`), or only parse (`none`). */
  readonly draft: 'none' | 'returned'
  /** How the caller parses a note in this thread: used, with no time limit, when no worker can start. */
  readonly here: (file: SourceFile) => DraftedParse
}

/** Worker threads used at once: notes that need a limit are few. */
const threadCount = 2

/** Parse each of `files` with at most `options.seconds` for each; results in the order of `files`. */
export async function parseWithTimeLimit(files: readonly SourceFile[], options: TimeLimitOptions): Promise<DraftedParse[]> {
  if (files.length === 0) return []
  const script = workerScript()
  if (!script) return files.map(options.here)
  const results: DraftedParse[] = new Array(files.length)
  let next = 0
  const strings = new SharedStrings()
  const run = async (): Promise<void> => {
    let thread: Worker | undefined
    try {
      while (next < files.length) {
        const i = next++
        thread ??= await readyThread(script)
        const answer = await parseOne(thread, files[i]!, options.draft, options.seconds * 1000)
        if (answer === 'timeout') {
          await thread.terminate()
          thread = undefined
          results[i] = { document: undefined, diagnostics: [timedOut(files[i]!, options.seconds)] }
          continue
        }
        const restored = restoreParse(files[i]!, answer.parse, strings)
        results[i] = answer.draft && restored.document ? { ...restored, draft: answer.draft } : restored
      }
    } finally {
      await thread?.terminate()
    }
  }
  await Promise.all(Array.from({ length: Math.min(threadCount, files.length) }, run))
  return results
}

/** The error for a note that took longer than the limit. */
function timedOut(file: SourceFile, seconds: number): ReturnType<typeof error> {
  return error(
    file.displayPath,
    { line: 1, column: 1 },
    'note-too-complex',
    `This note took longer than ${seconds} s to read, so quire stopped (long runs of \`*\`, \`_\`, \`[\` or footnotes can cost that much). Break up the runs or split the note; \`noteTimeLimit\` in the config sets the limit.`,
  )
}

let nextId = 0

/** A worker whose modules are loaded, so a note's time starts when its parse does. */
async function readyThread(script: URL): Promise<Worker> {
  const worker = new Worker(script)
  const ready = await ask(worker, { kind: 'parse', id: nextId++, files: [], draft: 'none' }, undefined)
  if (ready === 'timeout' || ready.kind !== 'parsed') throw new Error('quire: a worker thread did not start')
  return worker
}

/** Parse one file in `worker`, or 'timeout' after `ms`. */
async function parseOne(worker: Worker, file: SourceFile, draft: DraftMode, ms: number): Promise<ParseAnswer | 'timeout'> {
  const answer = await ask(worker, { kind: 'parse', id: nextId++, files: [file], draft }, ms)
  if (answer === 'timeout') return answer
  if (answer.kind !== 'parsed' || answer.results.length !== 1) throw new Error('quire: a worker thread answered a parse with something else')
  return answer.results[0]!
}

/** Send `request` and wait for its answer (at most `ms`, when given). */
function ask(worker: Worker, request: ParseRequest, ms: number | undefined): Promise<WorkerMessage | 'timeout'> {
  return new Promise((resolve, reject) => {
    const timer = ms === undefined ? undefined : setTimeout(() => finish(() => resolve('timeout')), ms)
    const onMessage = (message: WorkerMessage): void => {
      if (message.id !== request.id) return
      finish(() => (message.kind === 'failed' ? reject(new Error(`quire: a worker thread failed: ${message.message}`)) : resolve(message)))
    }
    const onError = (problem: Error): void => finish(() => reject(problem))
    const onExit = (code: number): void => finish(() => reject(new Error(`quire: a worker thread stopped (exit code ${code})`)))
    const finish = (settle: () => void): void => {
      clearTimeout(timer)
      worker.off('message', onMessage)
      worker.off('error', onError)
      worker.off('exit', onExit)
      settle()
    }
    worker.on('message', onMessage)
    worker.once('error', onError)
    worker.once('exit', onExit)
    worker.postMessage(request)
  })
}
