/**
 * A note's text as loaded, which a one-shot build may let go of.
 *
 * A large library's texts are much of a build's memory, and once a page is
 * made (its HTML, its Markdown, its entry in the search index) nothing
 * needs most of them again. `quire build` tells {@link letGoOfText} so,
 * note by note (see `renderSite`); `quire dev` keeps every text, since it
 * renders again after each save. Reading a text that was let go is a bug,
 * and throws rather than giving a wrong page.
 *
 * A text with a character past Latin-1 (a dash, a Greek letter) would take
 * two bytes a character as a JavaScript string, in the heap; such a text is
 * held as UTF-8 bytes instead, outside the heap, and read back as a string
 * each time it is read.
 */
import type { SourceFile } from '../model.js'

/** A character a one-byte string cannot hold. */
const pastLatin1 = /[^\u0000-\u00ff]/
const encoder = new TextEncoder()
// The text is kept whole: a leading U+FEFF left in it stays.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true })

/** How to let each loaded file's text go. */
const letGo = new WeakMap<SourceFile, () => void>()

/** A note's file whose text {@link letGoOfText} can let go. */
export function noteFile(path: string, relativePath: string, displayPath: string, text: string): SourceFile {
  let held: string | Uint8Array | undefined = pastLatin1.test(text) ? encoder.encode(text) : text
  const file = { path, relativePath, displayPath } as SourceFile
  // An own, enumerable property: copies (a message to a worker thread, a spread) read the text as any other.
  Object.defineProperty(file, 'text', {
    enumerable: true,
    get: (): string => {
      if (held === undefined) throw new Error(`quire: the text of ${displayPath} was read after the build let it go`)
      return typeof held === 'string' ? held : decoder.decode(held)
    },
  })
  letGo.set(file, () => (held = undefined))
  return file
}

/** Let the text of `file` go (a file not made by {@link noteFile} keeps it); reading it afterwards throws. */
export function letGoOfText(file: SourceFile): void {
  letGo.get(file)?.()
}
