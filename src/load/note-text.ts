/**
 * A note's text as loaded, which a one-shot build may set aside.
 *
 * A large library's texts are much of a build's memory, and a one-shot
 * build reads each one again only when the note's page is made (its HTML,
 * its Markdown, its entry in the search index) and when its link preview
 * is. So `quire build`, once the notes are parsed, sets every text aside
 * ({@link setTextAside}, see `folder-build.ts`): the text is not held at
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

/** How to set each loaded file's text aside. */
const setAside = new WeakMap<SourceFile, () => void>()

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

/** A note's file whose text {@link setTextAside} can set aside. */
export function noteFile(path: string, relativePath: string, displayPath: string, text: string): SourceFile {
  let held: string | Uint8Array | undefined = pastLatin1.test(text) ? encoder.encode(text) : text
  // The hash of the text once it is set aside, to check it against when it is read again from the file.
  let aside: string | undefined
  const file = { path, relativePath, displayPath } as SourceFile
  const readBack = (hash: string): string => {
    if (lastRead?.file === file) return lastRead.text
    let again: string
    try {
      const read = fromFile.decode(readFileSync(path))
      again = read.charCodeAt(0) === 0xfeff ? read.slice(1) : read
    } catch {
      throw new NoteChangedDuringBuild(displayPath)
    }
    if (textHash(again) !== hash) throw new NoteChangedDuringBuild(displayPath)
    lastRead = { file, text: again }
    return again
  }
  // An own, enumerable property: copies (a message to a worker thread, a spread) read the text as any other.
  Object.defineProperty(file, 'text', {
    enumerable: true,
    get: (): string => {
      if (held !== undefined) return typeof held === 'string' ? held : decoder.decode(held)
      return readBack(aside!)
    },
  })
  setAside.set(file, () => {
    if (held === undefined) return
    aside = fileTextHash(file)
    held = undefined
  })
  return file
}

/**
 * Stop holding the text of `file` (a file not made by {@link noteFile}
 * keeps it): it is read again from the file each time it is asked for
 * (the last one read is kept), and reading it throws if the file no longer
 * holds the same text.
 */
export function setTextAside(file: SourceFile): void {
  setAside.get(file)?.()
}
