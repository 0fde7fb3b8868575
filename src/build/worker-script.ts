/**
 * The script worker threads run: the bundle made at compile time
 * (`scripts/bundle-worker.ts`), which a thread loads as one module, while
 * every file it was made from is as it was then; else the compiled
 * `parse-worker.js`, which loads module by module; else none (quire runs
 * from its TypeScript sources, as the unit tests do).
 */
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** What `scripts/bundle-worker.ts` writes beside the bundle: the files it was made from, relative to its folder, and a hash of their contents. */
export interface WorkerBundleRecord {
  readonly inputs: readonly string[]
  readonly hash: string
}

/** The worker's compiled script, its bundle (with the parts loaded only when needed beside it) and the bundle's record. */
export function workerBundleFiles(): { worker: URL; bundle: URL; record: URL } {
  return {
    worker: new URL('./parse-worker.js', import.meta.url),
    bundle: new URL('./worker-bundle/parse-worker.js', import.meta.url),
    record: new URL('./worker-bundle/inputs.json', import.meta.url),
  }
}

/**
 * The files whose contents stand for `inputs` (paths relative to `folder`):
 * quire's own files themselves, and for a dependency's files its
 * `package.json`, whose version changes whenever they do (reading several
 * hundred files of dependencies would cost a build more than it saves).
 */
function witnesses(inputs: readonly string[]): string[] {
  const files = new Set<string>()
  for (const input of inputs) {
    const parts = input.split('/')
    const modules = parts.lastIndexOf('node_modules')
    if (modules === -1) files.add(input)
    else files.add([...parts.slice(0, modules + (parts[modules + 1]?.startsWith('@') ? 3 : 2)), 'package.json'].join('/'))
  }
  return [...files]
}

/** One hash of what `inputs` (paths relative to `folder`) are made of (see {@link witnesses}); undefined when a file cannot be read. */
export function inputsHash(folder: string, inputs: readonly string[]): string | undefined {
  const hash = createHash('sha1')
  for (const file of witnesses(inputs)) {
    try {
      hash.update(file).update(readFileSync(path.resolve(folder, file)))
    } catch {
      return undefined
    }
  }
  return hash.digest('base64url')
}

/** Is the bundle there, and made from the files as they are now? */
function bundleFresh(bundle: URL, record: URL): boolean {
  try {
    const { inputs, hash } = JSON.parse(readFileSync(record, 'utf8')) as WorkerBundleRecord
    return existsSync(bundle) && inputsHash(path.dirname(fileURLToPath(bundle)), inputs) === hash
  } catch {
    return false
  }
}

let script: URL | undefined | null

/** The script for worker threads, or undefined when there is none; looked up once. */
export function workerScript(): URL | undefined {
  if (script === undefined) {
    const { worker, bundle, record } = workerBundleFiles()
    script = bundleFresh(bundle, record) ? bundle : existsSync(fileURLToPath(worker)) ? worker : null
  }
  return script ?? undefined
}
