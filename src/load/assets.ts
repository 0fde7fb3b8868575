/**
 * Reading quire's own static files (stylesheet, scripts), shipped in
 * `templates/assets/`, and their minified copies made at compile time.
 */
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** quire's install folder: the nearest parent of this module with `templates/assets/`. */
export function assetFolder(): string {
  let folder = path.dirname(fileURLToPath(import.meta.url))
  for (;;) {
    const candidate = path.join(folder, 'templates', 'assets')
    if (existsSync(candidate)) return candidate
    const parent = path.dirname(folder)
    if (parent === folder) throw new Error('quire is installed without its templates/assets folder')
    folder = parent
  }
}

/** Where `scripts/minify-assets.ts` writes the minified assets: `dist/minified-assets/` of quire's install folder. */
export function minifiedFolder(): string {
  return path.join(assetFolder(), '..', '..', 'dist', 'minified-assets')
}

/** The hash that ties a minified asset to the source it was made from. */
export function sourceHash(text: string): string {
  return createHash('sha256').update(text).digest('base64url')
}

/** The hashes of the sources the minified assets were made from, by file name (read once); empty when there are none. */
let minifiedSources: Promise<Record<string, string>> | undefined

function minified(): Promise<Record<string, string>> {
  minifiedSources ??= readFile(path.join(minifiedFolder(), 'sources.json'), 'utf8').then(
    (text) => JSON.parse(text) as Record<string, string>,
    () => ({}),
  )
  return minifiedSources
}

/**
 * The asset `file` (a path in the site, `assets/quire.css`): its minified
 * copy when the compiled one was made from this very source, else the
 * source itself.
 */
export async function readAsset(file: string): Promise<{ readonly text: string; readonly minified: boolean }> {
  const name = path.basename(file)
  const [text, sources] = await Promise.all([readFile(path.join(assetFolder(), name), 'utf8'), minified()])
  if (sources[name] === sourceHash(text)) {
    const small = await readFile(path.join(minifiedFolder(), name), 'utf8').catch(() => undefined)
    if (small !== undefined) return { text: small, minified: true }
  }
  return { text, minified: false }
}
