/**
 * The script worker threads run: its bundle (see `../bundled.ts`), which a
 * thread loads as a few modules, while the bundles are fresh; else the
 * compiled `parse-worker.js`, which loads module by module; else none
 * (quire runs from its TypeScript sources, as the unit tests do).
 */
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { bundleEntries, freshBundle } from '../bundled.js'

let script: URL | undefined | null

/** The script for worker threads, or undefined when there is none; looked up once. */
export function workerScript(): URL | undefined {
  if (script === undefined) {
    const worker = bundleEntries['parse-worker']
    script = freshBundle('parse-worker') ?? (existsSync(fileURLToPath(worker)) ? worker : null)
  }
  return script ?? undefined
}
