/**
 * `feed.xml`: an Atom feed of the library's inquiries and notes, newest
 * first by their date (see `document-dates.ts`: `date` or `created`, else
 * the file's first commit).
 *
 * - Only dated documents are entries: a feed orders by time, and an
 *   undated note has no place in it (giving it the build date would mark it
 *   as new on every build).
 * - An entry is `published` at its date and `updated` at its last change
 *   (`updated`, `modified`, else the file's last commit), or its date.
 * - A fuzzy date stands for the first day it can mean: `2025-04` is
 *   2025-04-01, `~2025` is 2025-01-01. Equal dates are ordered by slug.
 * - The feed's `updated` is its newest entry's date, or the build date when
 *   no document is dated, never the wall clock: the same notes give the same
 *   bytes.
 * - At most {@link feedEntryLimit} entries, as feed readers expect.
 * - With the site's `url`, ids and links are absolute. Without it (a site
 *   whose address is not known yet) links are relative to the site's root,
 *   where the feed is, which feed readers resolve against the feed's own
 *   address; ids, which must be absolute, are then `urn:uuid:`s made from
 *   the site's title and each page's address, so they stay put from build
 *   to build.
 */
import { createHash } from 'node:crypto'
import { parseFuzzyDate, type CalendarDay, type FuzzyDate } from '../../dates.js'
import { compare } from '../../diagnostics.js'
import { documentDates } from '../../document-dates.js'
import type { Doc, Graph, SiteOptions } from '../../model.js'
import { absoluteUrlFor, siteRootUrl } from '../site-url.js'
import { urlFor, type RootPrefix } from '../url.js'
import { serialiseXml, x, type XmlElement } from '../serialize/xml.js'

/** Where the feed is written, relative to the site root. */
export const feedFile = 'feed.xml'

/** The most entries the feed lists. */
export const feedEntryLimit = 50

/** An RFC 3339 timestamp for the first day a fuzzy date can mean. */
export function atomDate(date: FuzzyDate | CalendarDay): string {
  const pad = (n: number, width = 2): string => String(n).padStart(width, '0')
  return `${pad(date.year, 4)}-${pad(date.month ?? 1)}-${pad(date.day ?? 1)}T00:00:00Z`
}

/** Dated documents, newest first (then by slug), at most `limit` of them, each with its last change (its date when it has none later). */
export function feedDocuments(graph: Graph, limit = feedEntryLimit): { doc: Doc; date: FuzzyDate; updated: FuzzyDate }[] {
  const dated: { doc: Doc; date: FuzzyDate; updated: FuzzyDate; key: string }[] = []
  for (const doc of graph.documents.values()) {
    const dates = documentDates(graph, doc)
    const date = dates.date === undefined ? undefined : parseFuzzyDate(dates.date)
    if (!date) continue
    const changed = dates.updated === undefined ? undefined : parseFuzzyDate(dates.updated)
    const updated = changed && atomDate(changed) > atomDate(date) ? changed : date
    dated.push({ doc, date, updated, key: atomDate(date) })
  }
  dated.sort((a, b) => compare(b.key, a.key) || compare(a.doc.slug, b.doc.slug))
  return dated.slice(0, limit).map(({ doc, date, updated }) => ({ doc, date, updated }))
}

/** A stable `urn:uuid:` for `name` (a name-based UUID, version 5 layout, from SHA-1). */
function nameId(name: string): string {
  const hex = createHash('sha1').update(name).digest('hex')
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

/** The feed's text: absolute with the site's `url`, relative to the site's root without it. */
export function atomFeed(graph: Graph, site: SiteOptions): string {
  const absolute = siteRootUrl(site)
  const root = absolute ?? './'
  const address = (target: { slug: Doc['slug'] } | { file: string }): string => absoluteUrlFor(site, target) ?? urlFor('' as RootPrefix, target)
  const id = (href: string): string => (absolute === undefined ? nameId(`${site.title}\u0000${href}`) : href)
  const documents = feedDocuments(graph)
  // The feed changed when its latest entry did.
  const newest = documents.reduce<FuzzyDate | undefined>(
    (latest, entry) => (latest === undefined || atomDate(entry.updated) > atomDate(latest) ? entry.updated : latest),
    undefined,
  )
  const entries = documents.map(({ doc, date, updated }): XmlElement => {
    const href = address({ slug: doc.slug })
    return x(
      'entry',
      null,
      x('id', null, id(href)),
      x('title', { type: 'text' }, doc.data.title),
      x('link', { rel: 'alternate', type: 'text/html', href }),
      x('updated', null, atomDate(updated)),
      atomDate(updated) === atomDate(date) ? undefined : x('published', null, atomDate(date)),
      x('summary', { type: 'text' }, doc.data.summary),
      x('category', { term: doc.type, label: doc.type === 'inquiry' ? 'Inquiring line' : 'Note' }),
      ...(doc.data.tags ?? []).map((tag) => x('category', { term: tag })),
    )
  })
  const feed = x(
    'feed',
    { xmlns: 'http://www.w3.org/2005/Atom' },
    x('id', null, id(root)),
    x('title', { type: 'text' }, site.title),
    site.description === undefined ? undefined : x('subtitle', { type: 'text' }, site.description),
    x('link', { rel: 'self', type: 'application/atom+xml', href: address({ file: feedFile }) }),
    x('link', { rel: 'alternate', type: 'text/html', href: root }),
    x('updated', null, atomDate(newest ?? site.buildDate)),
    x('author', null, x('name', null, site.author ?? site.title)),
    x('generator', null, 'quire'),
    ...entries,
  )
  return serialiseXml(feed)
}
