/**
 * quire's code bundled at compile time (`scripts/bundle.ts`): the CLI,
 * which the main thread then loads as a few modules instead of several
 * hundred (each resolved, read and linked), and the worker threads'
 * script. Both are in one folder and share their common code.
 *
 * A bundle is used only while every file it was made from is as it was
 * then, so code compiled with `tsc` alone never runs from a stale copy:
 * then the compiled modules are loaded one by one, as without a bundle.
 */
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** What `scripts/bundle.ts` writes beside the bundles: the files they were made from, relative to their folder, and a hash of their contents. */
export interface BundleRecord {
  readonly inputs: readonly string[]
  readonly hash: string
}

/** The bundles' entry points, each named after the compiled module it stands for. */
export const bundleEntries = {
  /** The CLI (`cli.js`), which `bin.js` loads. */
  cli: new URL('./cli.js', import.meta.url),
  /** The worker threads' script (`build/parse-worker.js`). */
  'parse-worker': new URL('./build/parse-worker.js', import.meta.url),
} as const

export type BundleName = keyof typeof bundleEntries

/** The folder of the bundles, each bundle's entry file in it, and their record. */
export const bundleFolder = new URL('./bundle/', import.meta.url)
const bundleRecord = new URL('inputs.json', bundleFolder)

/** The bundle of `name` as a file of {@link bundleFolder}, fresh or not. */
export function bundleFile(name: BundleName): URL {
  return new URL(`${name}.js`, bundleFolder)
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

/** Are the bundles there, and made from the files as they are now? */
function bundlesFresh(): boolean {
  try {
    const { inputs, hash } = JSON.parse(readFileSync(bundleRecord, 'utf8')) as BundleRecord
    return Object.keys(bundleEntries).every((name) => existsSync(bundleFile(name as BundleName))) && inputsHash(fileURLToPath(bundleFolder), inputs) === hash
  } catch {
    return false
  }
}

/**
 * Whether the bundles are fresh, worked out once per process and per
 * bundles' folder. The answer is kept on the global object, not in this
 * module: the CLI's bundle holds a copy of this module of its own (whose
 * folder is the same), which would otherwise check again. Keyed by the
 * folder, so that quire run from elsewhere in the same process (its
 * sources, in the tests) gets its own answer.
 */
const checked = Symbol.for('quire.bundlesFresh')

/** The bundle of `name` if the bundles are fresh (see the module's comment); else undefined. */
export function freshBundle(name: BundleName): URL | undefined {
  const global = globalThis as { [checked]?: Map<string, boolean> }
  const answers = (global[checked] ??= new Map())
  let fresh = answers.get(bundleFolder.href)
  if (fresh === undefined) answers.set(bundleFolder.href, (fresh = bundlesFresh()))
  return fresh ? bundleFile(name) : undefined
}
