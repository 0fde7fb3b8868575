/**
 * A parse result as plain data (for the persistent cache and for worker
 * threads), and back. The document's text is not stored (it is read fresh)
 * and neither is its tree (parsed again when the page is rendered).
 */
import type { Diagnostic, Position } from '../diagnostics.js'
import type { Derived, Doc, LinkRef, Slug, SourceFile } from '../model.js'
import { bodyTree, type ParseResult } from '../parse/parse-document.js'
import { locator } from '../locate.js'

/** A document as stored: everything but its text (read fresh) and its tree (parsed on demand). */
export interface StoredDocument {
  readonly slug: string
  readonly type: 'note' | 'inquiry'
  readonly data: unknown
  readonly links: readonly LinkRef[]
  readonly hasHtml: boolean
  readonly bodyOffset: number
  readonly positions: readonly (readonly [string, Position])[]
  readonly anchors: readonly string[]
  readonly derived: Derived
  readonly published: boolean
}

/** A parse result as plain data. */
export interface StoredParseResult {
  readonly diagnostics: readonly Diagnostic[]
  readonly document: StoredDocument | undefined
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
          links: doc.links,
          hasHtml: doc.hasHtml,
          bodyOffset: doc.bodyOffset,
          positions: [...doc.positions],
          anchors: doc.anchors,
          derived: doc.derived,
          published: doc.published,
        }
      : undefined,
  }
}

/** Rebuild a parse result for `file` (whose text it was made from). */
export function restoreParse(file: SourceFile, stored: StoredParseResult): ParseResult {
  return { diagnostics: [...stored.diagnostics], document: stored.document ? restoreDocument(file, stored.document) : undefined }
}

function restoreDocument(file: SourceFile, stored: StoredDocument): Doc {
  const bodyLine = locator(file.text)(stored.bodyOffset).line
  const base = {
    slug: stored.slug as Slug,
    file,
    bodyOffset: stored.bodyOffset,
    body: bodyTree(file, stored.bodyOffset, bodyLine),
    links: stored.links,
    hasHtml: stored.hasHtml,
    positions: new Map(stored.positions),
    anchors: stored.anchors,
    derived: stored.derived,
    published: stored.published,
  }
  // The data was validated by the schema when it was stored, by this same quire (the key says so).
  return stored.type === 'inquiry' ? { ...base, type: 'inquiry', data: stored.data as never } : { ...base, type: 'note', data: stored.data as never }
}
