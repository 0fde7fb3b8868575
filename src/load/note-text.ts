/**
 * A note's text as loaded, which a one-shot build may set aside.
 *
 * A large library's texts are much of a build's memory, and a one-shot
 * build reads each one again only when the note's page is made (its HTML,
 * its Markdown, its entry in the search index) and when its link preview
 * is. So `quire build`, once the notes are parsed, sets every text aside
 * when the texts hold more than a few megabytes in all ({@link setTextAside},
 * see `textsWorthSettingAside` in `analyse.ts`): the text is not held at
 * all, but read again from its file when asked for, and checked against
 * the hash of the text that was parsed, so a page never shows a text other
 * than the one its note was parsed from (a file edited during the build
 * fails it). A page reads its note's text a few times in a row: the last
 * text read back is kept for the next reader. `quire dev` keeps every
 * text, since it renders again after each save.
 *
 * Until then, a text with a character past Latin-1 (a dash, a Greek
 * letter), which would take two bytes a character as a JavaScript string,
 * in the heap, is held as UTF-8 bytes instead, outside the heap, and read
 * back as a string each time it is read.
 */
import { readFileSync } from 'node:fs'
import type { SourceFile } from '../model.js'
import { fileTextHash, textHash } from '../text-hash.js'

/** A character a one-byte string cannot hold. */
const pastLatin1 = /[^\u0000-\u00ff]/
const encoder = new TextEncoder()
// The text is kept whole: a leading U+FEFF left in it stays.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true })
// As the notes folder is read (see `load-notes.ts`): a byte order mark is dropped.
const fromFile = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false })

/** The text read back last, for the next reader of the same note. */
let lastRead: { readonly file: SourceFile; readonly text: string } | undefined

/**
 * A note whose text was set aside was changed, moved or removed before the
 * build was done with it: the build stops, and the previous site stays.
 */
export class NoteChangedDuringBuild extends Error {
  constructor(displayPath: string) {
    super(`${displayPath} changed while the site was being built; build it again. The previous site was left as it was.`)
    this.name = 'NoteChangedDuringBuild'
  }
}

/** Where a note's text is: held (as a string, or as UTF-8 bytes), or set aside with the hash it must have when read again. */
interface TextPlace {
  held: string | Uint8Array | undefined
  aside: string | undefined
}

/** A file's {@link TextPlace}, under a key that copies and messages leave out (a symbol, not enumerable). */
const placeKey = Symbol('note text')

type NoteFile = SourceFile & { readonly [placeKey]: TextPlace }

/**
 * The text of every note file, one getter for all: a getter of each
 * file's own would give each file a hidden class (and closures) of its
 * own, hundreds of bytes a note on a large library.
 */
const textProperty: PropertyDescriptor = {
  // An own, enumerable property: copies (a message to a worker thread, a spread) read the text as any other.
  enumerable: true,
  get(this: NoteFile): string {
    const { held, aside } = this[placeKey]
    if (held !== undefined) return typeof held === 'string' ? held : decoder.decode(held)
    return readBack(this, aside!)
  },
}

/** The text of `file`, set aside, read again from its file and checked against `hash`. */
function readBack(file: SourceFile, hash: string): string {
  if (lastRead?.file === file) return lastRead.text
  let again: string
  try {
    const read = fromFile.decode(readFileSync(file.path))
    again = read.charCodeAt(0) === 0xfeff ? read.slice(1) : read
  } catch {
    throw new NoteChangedDuringBuild(file.displayPath)
  }
  if (textHash(again) !== hash) throw new NoteChangedDuringBuild(file.displayPath)
  lastRead = { file, text: again }
  return again
}

/** A note's file whose text {@link setTextAside} can set aside. */
export function noteFile(path: string, relativePath: string, displayPath: string, text: string): SourceFile {
  const place: TextPlace = { held: pastLatin1.test(text) ? encoder.encode(text) : text, aside: undefined }
  const file = Object.defineProperty({ path, relativePath, displayPath }, placeKey, { value: place })
  return Object.defineProperty(file, 'text', textProperty) as SourceFile
}

/** About how many bytes holding `file`'s text takes (its length as a string, or as UTF-8 bytes); 0 once set aside. */
export function heldTextSize(file: SourceFile): number {
  const place = (file as Partial<NoteFile>)[placeKey]
  if (!place) return file.text.length
  return place.held === undefined ? 0 : place.held.length
}

/**
 * Stop holding the text of `file` (a file not made by {@link noteFile}
 * keeps it): it is read again from the file each time it is asked for
 * (the last one read is kept), and reading it throws if the file no longer
 * holds the same text.
 */
export function setTextAside(file: SourceFile): void {
  const place = (file as Partial<NoteFile>)[placeKey]
  if (place?.held === undefined) return
  // The hash of the text once it is set aside, to check it against when it is read again from the file.
  place.aside = fileTextHash(file)
  place.held = undefined
}
