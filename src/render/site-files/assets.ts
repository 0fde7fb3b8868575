/**
 * The site's own static files as the site gets them: read by load
 * (minified where the compiled copy is current, see `load/shipped-files.ts`),
 * the stylesheet following the reader's theme choice (see `theme-css.ts`; a
 * minified copy has it already).
 */
import type { ShippedFiles } from '../../load/shipped-files.js'
import { withThemeChoice } from './theme-css.js'

/** The text of the asset `file` (a path in the site, `assets/quire.css`) as the site gets it. */
export async function assetText(shipped: ShippedFiles, file: string): Promise<string> {
  const { text, minified } = await shipped.asset(file)
  return minified || !file.endsWith('.css') ? text : withThemeChoice(text)
}
