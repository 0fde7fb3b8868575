/**
 * Minify the site's own scripts and stylesheet at compile time, so a build
 * pays nothing for it: each file of `templates/assets/` that quire ships
 * (see `assetFiles`) is written minified into `dist/minified-assets/`,
 * with the hash of the source it was made from in `sources.json`. A build
 * uses a minified file only while that hash matches its source, so an
 * edited source is never shadowed by a stale copy (see `src/render/site-files/assets.ts`).
 * The stylesheet gets its theme rules (`theme-css.ts`) before it is
 * minified. esbuild's output depends only on its input and version, so
 * the same sources give the same bytes.
 *
 *   npx tsc -p . && node dist/scripts/minify-assets.js
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { transform } from 'esbuild'
import { assetFolder, minifiedFolder, sourceHash } from '../src/load/assets.js'
import { assetFiles } from '../src/render/props/pages.js'
import { withThemeChoice } from '../src/render/site-files/theme-css.js'

async function main(): Promise<void> {
  const from = assetFolder()
  const into = minifiedFolder()
  await mkdir(into, { recursive: true })
  const sources: Record<string, string> = {}
  for (const file of Object.values(assetFiles)) {
    const name = path.basename(file)
    const source = await readFile(path.join(from, name), 'utf8')
    const css = name.endsWith('.css')
    // Scripts stay what they are (modules or classic scripts): only whitespace, comments and local names go.
    const result = await transform(css ? withThemeChoice(source) : source, {
      loader: css ? 'css' : 'js',
      minify: true,
      target: css ? 'chrome100' : 'es2022',
      charset: 'utf8',
      legalComments: 'none',
    })
    await writeFile(path.join(into, name), result.code)
    sources[name] = sourceHash(source)
    console.log(`${name}: ${source.length} → ${result.code.length} bytes`)
  }
  await writeFile(path.join(into, 'sources.json'), JSON.stringify(sources, null, 2) + '\n')
}

await main()
