/**
 * The site's own static files as the site gets them: read by load (minified
 * where the compiled copy is current), the stylesheet following the
 * reader's theme choice (see `theme-css.ts`; a minified copy has it already).
 */
import { readAsset } from '../../load/assets.js'
import { withThemeChoice } from './theme-css.js'

export { assetFolder, minifiedFolder, sourceHash } from '../../load/assets.js'

/** The text of the asset `file` (a path in the site, `assets/quire.css`) as the site gets it. */
export async function assetText(file: string): Promise<string> {
  const { text, minified } = await readAsset(file)
  return minified || !file.endsWith('.css') ? text : withThemeChoice(text)
}
