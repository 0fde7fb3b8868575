/**
 * Bundle the worker threads' script into one file at compile time, so a
 * worker thread starts by reading one module instead of resolving,
 * reading and linking several hundred (quire's parser and renderer, unified
 * and its plugins, YAML, zod…): a thread spends less time loading before it
 * parses its first note. KaTeX and highlight.js stay behind their dynamic
 * imports, in files of their own beside the bundle, so a thread loads them
 * only when a note needs them (held in one file, they would take a thread's
 * memory on every library).
 *
 * The bundle also keeps what micromark's parser is made of: micromark
 * combines its syntax extensions into one table of constructs for every
 * document it parses, a fixed cost that weighs on short notes, though the
 * extensions are the same each time (quire's parsers are made once). In the
 * bundle, the same extensions give the table combined the first time
 * (`memoCombinedExtensions`); micromark only reads it. Should a version of
 * the package no longer have the function, the bundle is made without it.
 *
 * Beside the bundle goes the list of the files it was made from and a hash
 * of their contents (`WorkerBundleRecord`): a build uses the bundle
 * only while every one of them is unchanged, so code compiled after the
 * bundle was made (`tsc` alone, a dependency updated) is never shadowed by
 * a stale copy (see `src/build/worker-script.ts`).
 *
 *   npx tsc -p . && node dist/scripts/bundle-worker.js
 */
import { rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { readFile } from 'node:fs/promises'
import { build, type Plugin } from 'esbuild'
import { inputsHash, workerBundleFiles, type WorkerBundleRecord } from '../src/build/worker-script.js'

async function main(): Promise<void> {
  const { worker, bundle, record } = workerBundleFiles()
  const folder = path.dirname(fileURLToPath(bundle))
  // Parts of an earlier bundle are named by their contents: they would stay beside the new ones.
  rmSync(folder, { recursive: true, force: true })
  const result = await build({
    entryPoints: [fileURLToPath(worker)],
    outdir: folder,
    // The dynamic imports (KaTeX, highlight.js) become files of their own, loaded when imported.
    splitting: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    metafile: true,
    plugins: [memoCombinedExtensions],
    // CommonJS dependencies (gray-matter, js-yaml…) require Node's own modules; an ES module has no `require` of its own.
    banner: { js: "import { createRequire as quireCreateRequire } from 'node:module'; const require = quireCreateRequire(import.meta.url);" },
  })
  // esbuild names inputs relative to the working folder; the record names them relative to the bundle's folder.
  const inputs = Object.keys(result.metafile.inputs).map((input) => path.relative(folder, path.resolve(input)))
  const hash = inputsHash(folder, inputs)
  if (hash === undefined) throw new Error('bundle-worker: a file the bundle was made from cannot be read')
  const contents: WorkerBundleRecord = { inputs, hash }
  writeFileSync(fileURLToPath(record), JSON.stringify(contents) + '\n')
  console.log(`worker-bundle/parse-worker.js: ${inputs.length} modules, in ${Object.keys(result.metafile.outputs).length} files`)
}

/** The function micromark combines syntax extensions with, as `micromark-util-combine-extensions` writes it. */
const combineSignature = 'export function combineExtensions(extensions) {'

/**
 * `combineExtensions` answering the same list of extensions (the same
 * objects in the same order) with the table it combined the first time.
 * Extensions are told apart by identity; should a caller make new ones for
 * each call, the memo is emptied before it grows past a few dozen tables.
 */
const memo = `
const quireExtensionIds = new WeakMap()
let quireNextExtensionId = 0
const quireCombined = new Map()
export function combineExtensions(extensions) {
  let key = ''
  for (const extension of extensions) {
    let id = quireExtensionIds.get(extension)
    if (id === undefined) quireExtensionIds.set(extension, (id = quireNextExtensionId++))
    key += id + ','
  }
  let all = quireCombined.get(key)
  if (all === undefined) {
    if (quireCombined.size >= 64) quireCombined.clear()
    quireCombined.set(key, (all = combineExtensionsOnce(extensions)))
  }
  return all
}
`

const memoCombinedExtensions: Plugin = {
  name: 'memo-combined-extensions',
  setup(bundler) {
    bundler.onLoad({ filter: /[\\/]micromark-util-combine-extensions[\\/]index\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8')
      if (!source.includes(combineSignature)) {
        console.warn('bundle-worker: micromark-util-combine-extensions has no combineExtensions as expected; bundled as it is')
        return undefined
      }
      return { contents: source.replace(combineSignature, 'function combineExtensionsOnce(extensions) {') + memo, loader: 'js' }
    })
  },
}

main().catch((problem: unknown) => {
  console.error(problem)
  process.exitCode = 1
})
