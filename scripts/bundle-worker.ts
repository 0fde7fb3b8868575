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
import { build } from 'esbuild'
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

main().catch((problem: unknown) => {
  console.error(problem)
  process.exitCode = 1
})
