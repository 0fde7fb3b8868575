/**
 * Parse a large library on every core: worker threads parse batches of
 * files and send back plain data, which the main thread turns into
 * documents. Small libraries are parsed in the main thread, where starting
 * workers would cost more than it saves.
 */
import { existsSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { restoreParse } from '../cache/stored-parse.js'
import type { SourceFile } from '../model.js'
import type { ParseResult } from './parse-document.js'
import type { ParseAnswer, ParseRequest } from './parse-worker.js'

/** Below this many files to parse, workers are not worth starting (override: QUIRE_PARALLEL_MIN). */
export const parallelFrom = 400
const batchSize = 100

/** Parse `files` in worker threads; undefined when that is not worth it or not possible (running from TypeScript sources). */
export async function parseInWorkers(files: readonly SourceFile[], onBatch?: (done: number, total: number) => void, env: NodeJS.ProcessEnv = process.env, draft = false): Promise<ParseResult[] | undefined> {
  const threshold = Number(env.QUIRE_PARALLEL_MIN ?? parallelFrom)
  const count = Math.min(availableParallelism(), 4, Math.ceil(files.length / batchSize))
  const script = new URL('./parse-worker.js', import.meta.url)
  if (files.length < threshold || count < 2 && env.QUIRE_PARALLEL_MIN === undefined) return undefined
  if (!existsSync(fileURLToPath(script))) return undefined

  const results: ParseResult[] = new Array(files.length)
  let next = 0
  let done = 0
  const run = (worker: Worker): Promise<void> =>
    new Promise((resolve, reject) => {
      const send = (): void => {
        if (next >= files.length) {
          resolve()
          return
        }
        const start = next
        next += batchSize
        worker.postMessage({ id: start, files: files.slice(start, start + batchSize), draft } satisfies ParseRequest)
      }
      worker.on('message', (message: { id: number; results: ParseAnswer[] }) => {
        message.results.forEach((answer, i) => {
          const restored = restoreParse(files[message.id + i]!, answer.parse)
          results[message.id + i] = answer.draft && restored.document ? { ...restored, document: { ...restored.document, draft: answer.draft } } : restored
        })
        done += message.results.length
        onBatch?.(done, files.length)
        send()
      })
      worker.once('error', reject)
      send()
    })
  const workers = Array.from({ length: Math.max(count, 1) }, () => new Worker(script))
  try {
    await Promise.all(workers.map(run))
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()))
  }
  return results
}
