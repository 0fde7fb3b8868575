/**
 * Alias redirects: each of a document's `aliases` also gets an address,
 * next to the document's own (`notes/Old name` → `notes/old-name/`), whose
 * page sends readers on to the document. So a note renamed in the vault
 * keeps its old links working, if the old name is kept as an alias.
 */
import { compare } from '../diagnostics.js'
import type { Doc, Slug } from '../model.js'
import { slugifySegment } from '../slug.js'
import { unwrittenPageSlug } from './unwritten-notes.js'

/** An alias that could not get its page, and why. */
export interface AliasConflict {
  readonly doc: Doc
  /** Index in the document's `aliases`. */
  readonly index: number
  readonly slug: Slug
  /** What already has that address. */
  readonly takenBy: string
}

/** Addresses quire uses for its own pages (see the check of reserved slugs). */
const reserved = new Set(['papers', 'graph', 'tags', 'assets', '__quire', 'index', 'all-notes', unwrittenPageSlug])

/** The address an alias gets: the alias as a slug, in the document's folder. */
function aliasSlug(doc: Doc, alias: string): Slug | undefined {
  const segment = slugifySegment(alias)
  if (segment === '') return undefined
  const folder = doc.slug.includes('/') ? doc.slug.slice(0, doc.slug.lastIndexOf('/') + 1) : ''
  return `${folder}${segment}` as Slug
}

/**
 * Every alias redirect (address → document), and the aliases that could
 * not have one because a document, a quire page or an earlier alias (by
 * slug order) already has the address.
 */
export function aliasRedirects(documents: ReadonlyMap<Slug, Doc>): { redirects: Map<Slug, Slug>; conflicts: AliasConflict[] } {
  const redirects = new Map<Slug, Slug>()
  const conflicts: AliasConflict[] = []
  for (const [slug, doc] of documents) {
    ;(doc.data.aliases ?? []).forEach((alias, index) => {
      const target = aliasSlug(doc, alias)
      if (target === undefined || target === slug) return
      const takenBy = documents.has(target)
        ? documents.get(target)!.file.displayPath
        : reserved.has(target.split('/')[0]!)
          ? "quire's own pages"
          : redirects.has(target)
            ? `an alias of ${documents.get(redirects.get(target)!)!.file.displayPath}`
            : undefined
      if (takenBy) conflicts.push({ doc, index, slug: target, takenBy })
      else redirects.set(target, slug)
    })
  }
  return { redirects: new Map([...redirects].sort((a, b) => compare(a[0], b[0]))), conflicts }
}
