/**
 * Notes not written yet: names that links point at but no document has.
 *
 * A garden grows by linking first and writing later, so such a link is
 * normal. This is the graph seen from the missing side: each name once,
 * with the documents that cite it, ranked so the most wanted note comes
 * first. The checks, the site's "not written yet" page and
 * `quire check --report` all read it from here.
 */
import { compare } from '../diagnostics.js'
import type { Graph, LinkRef, Resolution, Slug } from '../model.js'
import { slugFromPath } from '../slug.js'
import { hasFileExtension } from './resolve.js'

/** The address of the site's page that lists them (a slug no document may take). */
export const unwrittenPageSlug = 'not-written-yet' as Slug

/** One note that is linked but not written yet. */
export interface UnwrittenNote {
  /** The name as first written (in slug order of the citing documents, then link order). */
  readonly name: string
  /** The slug a note of that name would most likely get: what spellings of one name are grouped by. */
  readonly key: string
  /** The documents that link to it, each once, in slug order. */
  readonly citedBy: readonly Slug[]
  /** How many links name it in all (a document may link to it more than once). */
  readonly links: number
}

/**
 * Does `link`, which resolved to `result`, name a note nobody has written?
 * A link to a file (`figure.png`) names an attachment instead, and a
 * relative Markdown link without `.md` (`[x](other)`) names a path, not a
 * note; neither counts.
 */
export function isUnwrittenNoteLink(link: LinkRef, result: Resolution | undefined): boolean {
  if (result?.kind !== 'unresolved') return false
  if (hasFileExtension(link.target)) return false
  if (link.syntax === 'markdown') return !link.embed && /\.md$/i.test(link.target)
  return link.target.trim() !== ''
}

/** The name a link gives a missing note, without folders' slashes at either end or `.md`. */
function writtenName(link: LinkRef): string {
  return link.target
    .trim()
    .replace(/^\/+|\/+$/g, '')
    .replace(/\.md$/i, '')
}

/** What spellings of one missing note are grouped by: its likely slug, else the name in lower case. */
function unwrittenKey(name: string): string {
  return slugFromPath(name) ?? name.toLowerCase()
}

/**
 * Every note linked but not written yet, most cited first: by the number
 * of documents that cite it, then by the number of links, then by key.
 * Deterministic: the graph's documents are in slug order.
 */
export function unwrittenNotes(graph: Graph): UnwrittenNote[] {
  const found = new Map<string, { name: string; key: string; citedBy: Slug[]; links: number }>()
  for (const [slug, doc] of graph.documents) {
    const results = graph.resolved.get(slug) ?? []
    doc.links.forEach((link, i) => {
      if (!isUnwrittenNoteLink(link, results[i])) return
      const name = writtenName(link)
      const key = unwrittenKey(name)
      let entry = found.get(key)
      if (!entry) {
        entry = { name, key, citedBy: [], links: 0 }
        found.set(key, entry)
      }
      entry.links++
      if (entry.citedBy[entry.citedBy.length - 1] !== slug) entry.citedBy.push(slug)
    })
  }
  return [...found.values()].sort((a, b) => b.citedBy.length - a.citedBy.length || b.links - a.links || compare(a.key, b.key))
}
