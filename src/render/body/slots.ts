/**
 * Slots: the places in a drafted body (see `draftBody` in body.ts) that
 * wait for the graph. A slot is written into the draft's HTML as a token,
 * U+0001, its number, U+0002 (see {@link slotToken}); quire drafts no body whose file contains
 * either character, so a token never clashes with a note's own text.
 */

/** A place in a draft that is filled once the graph is known. */
export type Slot =
  /** The start tag of link `link` (`<a href=… class="internal">`, or a `<span>` for a broken link). */
  | { readonly kind: 'open'; readonly link: number }
  /** The end tag of link `link` (`</a>` or `</span>`). */
  | { readonly kind: 'close'; readonly link: number }
  /** What an unlabelled `[[target]]` shows: the target's title, or the link as written. */
  | { readonly kind: 'title'; readonly link: number }
  /**
   * A Markdown image (`![alt](img/x.png)`) that names a file of the notes
   * folder: the `<img>`, or when there is no such file, the placeholder
   * that says so (see `missing-file.ts`).
   */
  | { readonly kind: 'image'; readonly link: number; readonly written: string; readonly alt: string | undefined; readonly title: string | undefined }
  /** The address of tag `tag`'s page (relative to the page, so it waits for the page's depth). */
  | { readonly kind: 'tag'; readonly tag: string }
  /**
   * `![[file]]` (link `link`, written `written`, with its label): the file
   * shown in the page, or the placeholder of a missing file, or a link. An
   * embed that turns out to name a note cannot be filled: the note's body
   * goes in its place (see `usableDraft` in body.ts).
   */
  | { readonly kind: 'embed'; readonly link: number; readonly written: string; readonly label: string | undefined }

/**
 * The token for slot number `n`. A link's end tag (`close`) has a `/`
 * before its number: its fill replaces the `</a>` after the token too,
 * where any other slot's keeps it (an image inside a Markdown link).
 */
export function slotToken(n: number, close = false): string {
  return close ? `\u0001/${n}\u0002` : `\u0001${n}\u0002`
}

/** Could this text hold something that reads as a token (so it must not be drafted)? */
export function mayHoldTokens(text: string): boolean {
  return text.includes('\u0001') || text.includes('\u0002')
}

const tokens = /\u0001\/?\d+\u0002/g

/** Text with its tokens removed (a heading's text, to make its id from). */
export function withoutTokens(text: string): string {
  return text.includes('\u0001') ? text.replace(tokens, '') : text
}

/**
 * A body rendered before the graph is known: sanitized HTML with a token
 * for each slot, the slots, and the table of contents (which no slot
 * changes). The HTML is held as UTF-8 bytes: a build holds every draft
 * until its page is written, and most HTML is ASCII, which as a
 * JavaScript string would often take two bytes a character.
 */
export interface DraftBody {
  /**
   * The HTML, or undefined when the worker thread that made the draft
   * keeps it (and assembles its page: see `HeldDrafts`).
   */
  readonly html: Uint8Array | undefined
  readonly slots: readonly Slot[]
  /** The table of contents (empty where the HTML is kept elsewhere: the page is made there). */
  readonly toc: readonly { readonly id: string; readonly text: string; readonly depth: 2 | 3 }[]
  /** For a note, the words a reader sees in its body (see `wordCount`), counted where it was drafted. */
  readonly words?: number | undefined
}
