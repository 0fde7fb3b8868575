/**
 * A parse result as plain data (for the persistent cache and for worker
 * threads), and back. The document's text is not stored (it is read fresh)
 * and neither is its tree (parsed again when the page is rendered).
 *
 * Links and front-matter positions, most of a stored document, are stored
 * as flat lists rather than objects: a large library has about five links
 * and ten positions a note, and as objects (a link, its position, each
 * position's pair and object) they took most of a stored parse's memory,
 * in the cache file's text, in a worker's answer and once restored. A
 * restore shares equal strings (link targets, positions' paths) among the
 * documents it restores through {@link SharedStrings}.
 */
import type { Diagnostic, Position } from '../diagnostics.js'
import type { Derived, Doc, LinkRef, Slug, SourceFile } from '../model.js'
import { bodyTree, type ParseResult } from '../parse/parse-document.js'
import type { DraftBody, Slot } from '../render/body/slots.js'

/**
 * A link as stored: as written, its target (`0` when it is what was
 * written), its syntax and whether it is an embed as one number
 * ({@link linkFlags}), its line and column, then its label and fragment
 * (`null` when absent; left off at the end).
 */
export type StoredLink = readonly [
  written: string,
  target: string | 0,
  flags: number,
  line: number,
  column: number,
  label?: string | null,
  fragment?: string | null,
]

/** A document as stored: everything but its text (read fresh) and its tree (parsed on demand). */
export interface StoredDocument {
  readonly slug: string
  readonly type: 'note' | 'inquiry'
  readonly data: unknown
  readonly links: readonly StoredLink[]
  readonly hasHtml: boolean
  readonly bodyOffset: number
  /** Each front-matter value's path, then its line and column, one after another. */
  readonly positions: readonly (string | number)[]
  readonly anchors: readonly string[]
  readonly derived: Derived
  readonly published: boolean
}

/** A parse result as plain data. */
export interface StoredParseResult {
  readonly diagnostics: readonly Diagnostic[]
  readonly document: StoredDocument | undefined
}

const embedFlag = 1
const markdownFlag = 2

/** A link's syntax and whether it is an embed, as one number. */
function linkFlags(link: LinkRef): number {
  return (link.embed ? embedFlag : 0) | (link.syntax === 'markdown' ? markdownFlag : 0)
}

/** A link as stored (see {@link StoredLink}). */
export function storeLink(link: LinkRef): StoredLink {
  const stored: (string | number | null)[] = [
    link.written,
    link.target === link.written ? 0 : link.target,
    linkFlags(link),
    link.position.line,
    link.position.column,
  ]
  if (link.label !== undefined || link.fragment !== undefined) stored.push(link.label ?? null)
  if (link.fragment !== undefined) stored.push(link.fragment)
  return stored as unknown as StoredLink
}

/** A parse result as plain data. */
export function storeParse(result: ParseResult): StoredParseResult {
  const doc = result.document
  return {
    diagnostics: result.diagnostics,
    document: doc
      ? {
          slug: doc.slug,
          type: doc.type,
          data: doc.data,
          links: doc.links.map(storeLink),
          hasHtml: doc.hasHtml,
          bodyOffset: doc.bodyOffset,
          positions: storePositions(doc.positions),
          anchors: doc.anchors,
          derived: doc.derived,
          published: doc.published,
        }
      : undefined,
  }
}

function storePositions(positions: ReadonlyMap<string, Position>): (string | number)[] {
  const stored: (string | number)[] = []
  for (const [path, { line, column }] of positions) stored.push(path, line, column)
  return stored
}

/**
 * Strings met while restoring, each kept once: many documents link to the
 * same targets and have the same front-matter paths, and each restored
 * copy would otherwise be a string of its own. Also the lists of paths, so
 * documents with the same front-matter fields share one.
 */
export class SharedStrings {
  readonly #strings = new Map<string, string>()
  readonly #paths = new Map<string, readonly string[]>()
  readonly #slots = new Map<string, Slot>()

  /** `text`, or the equal string met before. */
  share(text: string): string {
    const known = this.#strings.get(text)
    if (known !== undefined) return known
    this.#strings.set(text, text)
    return text
  }

  /** `paths` as a list, shared with the equal list met before. */
  paths(paths: readonly string[]): readonly string[] {
    const key = paths.join('\u0000')
    const known = this.#paths.get(key)
    if (known) return known
    const own = paths.map((path) => this.share(path))
    this.#paths.set(key, own)
    return own
  }

  /**
   * `draft` with its slots shared with the equal slots met before: most
   * slots are a link's start, end or title, by the link's number, and the
   * same few recur in every draft (as copies, each with a string of its own).
   */
  draft(draft: DraftBody): DraftBody {
    // Written out, not spread (see `restoreDocument`).
    return { html: draft.html, slots: draft.slots.map((slot) => this.#slot(slot)), toc: draft.toc, words: draft.words }
  }

  #slot(slot: Slot): Slot {
    const key = sharedSlotKey(slot)
    if (key === undefined) return slot
    const known = this.#slots.get(key)
    if (known) return known
    this.#slots.set(key, slot)
    return slot
  }
}

/** What identifies a slot worth sharing (see {@link SharedStrings.draft}); undefined for one that names a file, seldom met twice. */
function sharedSlotKey(slot: Slot): string | undefined {
  switch (slot.kind) {
    case 'open':
    case 'close':
    case 'title':
      return `${slot.kind}\u0000${slot.link}`
    case 'tag':
      return `tag\u0000${slot.tag}`
    default:
      return undefined
  }
}

/** A link as it was before it was stored (see {@link storeLink}). */
export function restoreLink(stored: StoredLink, strings: SharedStrings): LinkRef {
  const [written, target, flags, line, column, label, fragment] = stored
  return {
    target: strings.share(target === 0 ? written : target),
    written: strings.share(written),
    label: label ?? undefined,
    fragment: fragment ?? undefined,
    syntax: flags & markdownFlag ? 'markdown' : 'wikilink',
    embed: (flags & embedFlag) !== 0,
    position: { line, column },
  }
}

/**
 * Where each front-matter value of a restored document is written: its
 * paths (a list shared among documents with the same fields) and their
 * lines and columns, as numbers. Only checks read it, a few values at most.
 */
export class FieldPositions implements ReadonlyMap<string, Position> {
  readonly #paths: readonly string[]
  /** Line, then column, of each path. */
  readonly #places: readonly number[]

  constructor(paths: readonly string[], places: readonly number[]) {
    this.#paths = paths
    this.#places = places
  }

  get size(): number {
    return this.#paths.length
  }

  get(path: string): Position | undefined {
    const i = this.#paths.indexOf(path)
    return i === -1 ? undefined : this.#at(i)
  }

  has(path: string): boolean {
    return this.#paths.includes(path)
  }

  forEach(callback: (value: Position, key: string, map: ReadonlyMap<string, Position>) => void, thisArg?: unknown): void {
    for (const [path, position] of this.entries()) callback.call(thisArg, position, path, this)
  }

  *entries(): MapIterator<[string, Position]> {
    for (const [i, path] of this.#paths.entries()) yield [path, this.#at(i)]
  }

  *keys(): MapIterator<string> {
    yield* this.#paths
  }

  *values(): MapIterator<Position> {
    for (let i = 0; i < this.#paths.length; i++) yield this.#at(i)
  }

  [Symbol.iterator](): MapIterator<[string, Position]> {
    return this.entries()
  }

  #at(i: number): Position {
    return { line: this.#places[2 * i]!, column: this.#places[2 * i + 1]! }
  }
}

function restorePositions(stored: readonly (string | number)[], strings: SharedStrings): FieldPositions {
  const paths: string[] = []
  const places: number[] = []
  for (let i = 0; i + 2 < stored.length; i += 3) {
    paths.push(stored[i] as string)
    places.push(stored[i + 1] as number, stored[i + 2] as number)
  }
  return new FieldPositions(strings.paths(paths), places)
}

/** Rebuild a parse result for `file` (whose text it was made from), sharing strings with the other results restored with `strings`. */
export function restoreParse(file: SourceFile, stored: StoredParseResult, strings: SharedStrings = new SharedStrings()): ParseResult {
  return { diagnostics: [...stored.diagnostics], document: stored.document ? restoreDocument(file, stored.document, strings) : undefined }
}

function restoreDocument(file: SourceFile, stored: StoredDocument, strings: SharedStrings): Doc {
  const bodyLine = lineAt(file.text, stored.bodyOffset)
  const slug = stored.slug as Slug
  const { bodyOffset, hasHtml, derived, published } = stored
  const body = bodyTree(file, bodyOffset, bodyLine)
  const links = stored.links.map((link) => restoreLink(link, strings))
  const positions = restorePositions(stored.positions, strings)
  const anchors = stored.anchors.map((anchor) => strings.share(anchor))
  // The data was validated by the schema when it was stored, by this same quire (the key says so).
  const data = stored.data as never
  // Written out rather than spread from a common part: V8 gives objects made by a spread, past the first few, a
  // hidden class each (hundreds of bytes a document on a large library); these share one per type.
  return stored.type === 'inquiry'
    ? { slug, file, bodyOffset, body, links, hasHtml, positions, anchors, derived, published, type: 'inquiry', data }
    : { slug, file, bodyOffset, body, links, hasHtml, positions, anchors, derived, published, type: 'note', data }
}

/** The line (1-based) of `offset` in `text`. */
function lineAt(text: string, offset: number): number {
  let line = 1
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++
  return line
}
