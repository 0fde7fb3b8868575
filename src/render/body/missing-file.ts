/**
 * The placeholder for an embedded file that is not in the notes folder
 * (`![[figure.png]]`, `![chart](img/chart.png)` with no such file): a
 * `<span>` that says so in words, so every reader, with or without a
 * screen reader, sees what is missing where a broken image would show
 * nothing:
 *
 * `<span class="missing-file">Missing image: figure.png</span>`
 */
import type { Element } from 'hast'

/** The placeholder's class (allowed through the sanitizer, see body.ts). */
export const missingFileClass = 'missing-file'

const image = /\.(png|jpe?g|gif|webp|avif|bmp|svg|ico)$/i
const media = /\.(mp3|wav|ogg|oga|m4a|flac|opus|mp4|webm|ogv|mov|m4v)$/i

/** The placeholder for the missing file `written` (its name or path as written; `alt`, an image's text, when given). */
export function missingFile(written: string, alt?: string | null): Element {
  const name = written.replace(/[#|].*$/, '').trim()
  const what = image.test(name) ? 'image' : media.test(name) ? 'recording' : 'file'
  const shown = alt && alt.trim() !== '' && alt.trim() !== name ? `${alt.trim()} (${name})` : name
  return { type: 'element', tagName: 'span', properties: { className: [missingFileClass] }, children: [{ type: 'text', value: `Missing ${what}: ${shown}` }] }
}
