/**
 * Files of a notes folder that other tools keep beside notes but that are
 * not notes: Obsidian's canvases (`.canvas`, a board of cards as JSON) and
 * Excalidraw drawings (`.excalidraw.md`, or Markdown whose front matter has
 * `excalidraw-plugin:`: a compressed drawing, not prose). quire leaves
 * them out and says so in a hint; nothing needs fixing.
 */
import { hint, type Diagnostic } from '../diagnostics.js'

/** Is `name` an Obsidian canvas? */
export function isCanvas(name: string): boolean {
  return /\.canvas$/i.test(name)
}

/** How far into a file the Excalidraw plugin's front-matter key is looked for. */
const frontMatterLook = 4096

/** Is the Markdown file at `relativePath`, holding `text`, an Excalidraw drawing? */
export function isDrawing(relativePath: string, text: string): boolean {
  if (/\.excalidraw\.md$/i.test(relativePath)) return true
  if (!/^(\uFEFF)?---\r?\n/.test(text)) return false
  const head = text.slice(0, frontMatterLook)
  const end = head.search(/\n---\r?(\n|$)/)
  return /(^|\n)excalidraw-plugin\s*:/.test(end === -1 ? head : head.slice(0, end))
}

/** The hint for a canvas or drawing left out of the site. */
export function drawingHint(file: string, kind: 'canvas' | 'excalidraw'): Diagnostic {
  const what =
    kind === 'canvas'
      ? 'This is an Obsidian canvas (a board of cards), not a note, so quire leaves it out; the notes on its cards are published on their own.'
      : 'This is an Excalidraw drawing, not a note, so quire leaves it out.'
  return hint(file, { line: 1, column: 1 }, 'not-a-note', `${what} To show it on a page, export it as SVG or PNG and embed that file.`)
}
