/**
 * The site's own static files (stylesheet, script), shipped in `templates/assets/`.
 */
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { assetFiles } from './pages.js'
import { withThemeChoice } from './theme-css.js'

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

/** The text of the asset `file` (a path in the site, `assets/quire.css`) as the site gets it: the stylesheet follows the reader's theme choice (see `theme-css.ts`). */
export async function assetText(file: string): Promise<string> {
  const text = await readFile(path.join(assetFolder(), path.basename(file)), 'utf8')
  return file.endsWith('.css') ? withThemeChoice(text) : text
}

/** Read the assets every site gets, as output files. */
export async function siteAssets(): Promise<{ path: string; contents: string }[]> {
  return Promise.all(Object.values(assetFiles).map(async (file) => ({ path: file, contents: await assetText(file) })))
}
