/**
 * Bundle quire's CLI and its worker threads' script at compile time (see
 * `src/bundled.ts`), so the main thread and each worker thread start by
 * reading a few modules instead of resolving, reading and linking several
 * hundred (quire's parser and renderer, unified and its plugins, YAML,
 * zod…). The two share their common code in files of their own. KaTeX and
 * highlight.js stay behind their dynamic imports, in files of their own
 * too, so a thread loads them only when a note needs them (held in one
 * file, they would take a thread's memory on every library).
 *
 * Every output file sits in one folder, and `import.meta.url` in a bundled
 * module still names the module's own compiled file: code that finds
 * quire's files from where it is (templates, assets, the worker's script)
 * finds them as it would unbundled.
 *
 * Beside the bundles goes the list of the files they were made from and a
 * hash of their contents (`BundleRecord`): quire uses the bundles only
 * while every one of them is unchanged, so code compiled after the
 * bundles were made (`tsc` alone, a dependency updated) is never shadowed
 * by a stale copy.
 *
 *   npx tsc -p . && node dist/scripts/bundle.js
 */
import { readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { build, type Plugin } from 'esbuild'
import { bundleEntries, bundleFolder, inputsHash, type BundleRecord } from '../src/bundled.js'

/** `import.meta.url` as written, not in a longer name. */
const metaUrl = /\bimport\.meta\.url\b/g

/** Rewrite each module's `import.meta.url` into its own compiled file's URL, found from the bundle's (see the file's comment). */
function ownPlaces(folder: string): Plugin {
  return {
    name: 'quire-own-places',
    setup(builder) {
      builder.onLoad({ filter: /\.[cm]?js$/ }, async (args) => {
        const text = await readFile(args.path, 'utf8')
        if (!text.includes('import.meta.url')) return undefined
        // A URL relative to the bundle's folder, as a URL spells it (forward slashes, escaped).
        const relative = path.relative(folder, args.path).split(path.sep).map(encodeURIComponent).join('/')
        const own = `new URL(${JSON.stringify(relative.startsWith('..') ? relative : `./${relative}`)}, import.meta.url).href`
        return { contents: text.replace(metaUrl, own), loader: 'js' }
      })
    },
  }
}

async function main(): Promise<void> {
  const folder = fileURLToPath(bundleFolder)
  // Parts of earlier bundles are named by their contents: they would stay beside the new ones.
  await rm(folder, { recursive: true, force: true })
  const entries = Object.fromEntries(Object.entries(bundleEntries).map(([name, url]) => [name, fileURLToPath(url)]))
  const result = await build({
    entryPoints: entries,
    outdir: folder,
    // Every file in the folder itself, so that the places `ownPlaces` writes hold from each of them.
    entryNames: '[name]',
    chunkNames: '[name]-[hash]',
    // Shared code and the dynamic imports (KaTeX, highlight.js) become files of their own, loaded when imported.
    splitting: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    metafile: true,
    plugins: [ownPlaces(folder)],
    // CommonJS dependencies (gray-matter, js-yaml…) require Node's own modules; an ES module has no `require` of its own.
    banner: { js: "import { createRequire as quireCreateRequire } from 'node:module'; const require = quireCreateRequire(import.meta.url);" },
  })
  // esbuild names inputs relative to the working folder; the record names them relative to the bundles' folder.
  const inputs = Object.keys(result.metafile.inputs).map((input) => path.relative(folder, path.resolve(input)))
  const hash = inputsHash(folder, inputs)
  if (hash === undefined) throw new Error('bundle: a file the bundles were made from cannot be read')
  const contents: BundleRecord = { inputs, hash }
  await writeFile(path.join(folder, 'inputs.json'), JSON.stringify(contents) + '\n')
  console.log(`bundle/: ${Object.keys(entries).join(' and ')}, ${inputs.length} modules, in ${Object.keys(result.metafile.outputs).length} files`)
}

main().catch((problem: unknown) => {
  console.error(problem)
  process.exitCode = 1
})
