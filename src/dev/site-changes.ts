/**
 * Which files of the site a rebuild changed, worked out without making
 * them, so `quire dev` can tell browsers within milliseconds of a save.
 *
 * Each file of the site records what it read of the graph (see
 * `graph/recorded-reads.ts`): a document's page, what its props and body
 * read; a file made from the whole library (home, folder and tag pages,
 * feed, graph data…), what it read as it was made, or for the search
 * files and the previews, what they declare they read. Both hold the
 * documents whose data, summary or place in the graph it shows, the
 * documents whose prose it shows, folders, papers and the like, and the
 * graph's structure once it listed the documents. A file whose record
 * holds nothing that changed is made from the same inputs, so it is the
 * same; a page that may have changed is compared by fingerprint, a file
 * made from the library is named as changed. The records are indexed by
 * what they read, so the files that read what changed are found by
 * looking up what changed, and the records of all the others are carried
 * to the new plan as they are. What changed is worked out from the two
 * graphs:
 *
 * - a document whose text changed but whose data, links and link targets
 *   did not (an edit to prose) changes its prose only;
 * - one whose summary changed too changes its summary as well (and a
 *   file that weighs every document's prose or summary against the rest,
 *   the search index's terms, reads them all as one key);
 * - any other change (added, removed, data, links, what its links resolve
 *   to) gives a graph of another structure, and then every document whose
 *   entries in the graph's relations differ (backlinks, sources, claims,
 *   suggestions, neighbours), and every folder, paper, alias, attachment
 *   and file date that differs, is changed too, and so is the structure;
 * - a file of the notes folder that is not a note (an attachment, the
 *   config) changes the structure.
 *
 * A change to the site's settings, or to which shared pages exist,
 * changes every file.
 *
 * Only the list of changed files depends on this reasoning: the files
 * themselves are always made from the current graph.
 */
import type { Graph, Slug } from '../model.js'
import { documentData, graphInputs } from '../graph/document-data.js'
import { structureOf } from '../graph/structure.js'
import { graphIndex } from '../render/props/graph-layout.js'
import { folderTree, type Folder } from '../render/props/folders.js'
import { citedPapers } from '../graph/papers.js'
import { isDocumentEntry, isFileKey, type CacheKey, type SitePlan } from '../render/render-site.js'
import { replacedKeys } from '../build/replaced-map.js'
import {
  anyProseKey,
  anySummaryKey,
  attachmentPrefix,
  documentCountKey,
  folderKey,
  folderListingKey,
  historyPrefix,
  paperKey,
  proseKey,
  redirectPrefix,
  structureKey,
  summaryKey,
} from '../graph/recorded-reads.js'

/** What changed between two plans of the site. */
export interface SiteChanges {
  /** Documents whose page changed, was added or was removed, sorted. */
  readonly pages: Slug[]
  /** Paths of the files that changed, were added or were removed, sorted. */
  readonly files: string[]
}

/** How a document changed: only its prose, its prose and summary, or anything else. */
type Change = 'text' | 'summary' | 'data'

/**
 * What changed from `before` to `after`, given the files the watcher saw
 * change. `after` takes over `before`'s records of what each page and file
 * read, but for those of the pages and files that may have changed (see
 * `SitePlan.carry`): after an edit to prose or a summary, this costs as much
 * as the edit, not the library.
 */
export function siteChanges(before: SitePlan, after: SitePlan, touched: readonly string[]): SiteChanges {
  const files = new Set<string>()
  if (!samePaths(before.paths, after.paths)) {
    const beforePaths = new Set(before.paths)
    const afterPaths = new Set(after.paths)
    for (const file of after.paths) if (!beforePaths.has(file)) files.add(file)
    for (const file of before.paths) if (!afterPaths.has(file)) files.add(file)
  }

  const everything = before.shared !== after.shared
  const changed = changedDocuments(before.graph, after.graph)
  const pages = new Set<Slug>()
  for (const [slug] of changed) {
    const old = before.graph.documents.get(slug)
    const doc = after.graph.documents.get(slug)
    // Added or removed; or its own text changed, so its own page did (the fingerprint covers the text).
    if (!old || !doc || old !== doc) pages.add(slug)
  }
  // Pages to compare by fingerprint, and the pages and files whose records read something that changed.
  const candidates = new Set<Slug>()
  let stale = new Set<CacheKey>()
  if (everything) {
    for (const slug of after.graph.documents.keys()) candidates.add(slug)
  } else {
    const keys = changedKeys(before.graph, after.graph, changed, touched)
    if (keys.size > 0) {
      // Whether a page changed is told by its record: a record not taken yet is taken now.
      for (const slug of before.graph.documents.keys()) if (before.recorded(slug) === undefined) before.reads(slug)
      stale = before.readers(keys)
      for (const key of stale) if (!isFileKey(key)) candidates.add(key as Slug)
    }
  }
  // Each candidate's page as it was, worked out while `before` still holds the records.
  const fingerprints = new Map<Slug, string>()
  for (const slug of candidates)
    if (!pages.has(slug) && before.graph.documents.has(slug) && after.graph.documents.has(slug)) fingerprints.set(slug, before.fingerprint(slug))

  for (const entry of after.entries) {
    if (isDocumentEntry(entry)) continue
    const scope = entry.scope ?? 'library'
    if (scope === 'static' || files.has(entry.path)) continue
    if (everything) files.add(entry.path)
    // A file made from the library (not new: a new one is named above): named if anything it read changed. One whose
    // record is not taken yet (see `readyForChanges`) is named rather than made now: that could take longer than the save.
    else if (scope === 'library') {
      const key = `file:${entry.path}` as const
      if (stale.has(key) || before.recorded(key) === undefined) files.add(entry.path)
    }
  }
  if (!everything) after.carry(before, stale)
  for (const [slug, fingerprint] of fingerprints) if (after.fingerprint(slug) !== fingerprint) pages.add(slug)
  for (const entry of after.documents) if (pages.has(entry.slug)) for (const file of entry.paths) files.add(file)
  return { pages: [...pages].sort(), files: [...files].sort() }
}

/**
 * Documents that changed from one graph to the other: added or removed,
 * parsed again (a file's text changed), or whose links now resolve
 * differently (a link to a title that another document took or gave up).
 * Unchanged files keep their parse, so their documents are the same objects.
 */
function changedDocuments(before: Graph, after: Graph): Map<Slug, Change> {
  const changed = new Map<Slug, Change>()
  // Graphs of one structure resolve every link alike (see `graph/structure.ts`).
  const resolvedAlike = structureOf(before) === structureOf(after)
  // After an edit to prose, only the edited documents can differ.
  const slugs = (resolvedAlike && replacedKeys(before.documents, after.documents)) || after.documents.keys()
  for (const slug of slugs) {
    const doc = after.documents.get(slug)!
    const old = before.documents.get(slug)
    if (old === doc && resolvedAlike) continue
    if (!old || !(resolvedAlike || sameResolutions(before, after, slug))) changed.set(slug, 'data')
    else if (old !== doc)
      changed.set(slug, documentData(old, true) === documentData(doc, true) ? 'text' : graphInputs(old) === graphInputs(doc) ? 'summary' : 'data')
  }
  // One structure, one set of documents.
  if (!resolvedAlike) for (const slug of before.documents.keys()) if (!after.documents.has(slug)) changed.set(slug, 'data')
  return changed
}

function samePaths(a: readonly string[], b: readonly string[]): boolean {
  return a === b || (a.length === b.length && a.every((file, i) => file === b[i]))
}

/** Do a document's links, `next` entries and claims' notes resolve to the same things in both graphs? */
function sameResolutions(before: Graph, after: Graph, slug: Slug): boolean {
  return (
    sameList(before.resolved.get(slug), after.resolved.get(slug)) &&
    sameList(before.next.get(slug), after.next.get(slug)) &&
    sameNested(before.claimSupport.get(slug), after.claimSupport.get(slug))
  )
}

function sameNested(a: readonly (readonly object[])[] | undefined, b: readonly (readonly object[])[] | undefined): boolean {
  if (a === b) return true
  if (!a || !b || a.length !== b.length) return false
  return a.every((list, i) => sameList(list, b[i]))
}

function sameList(a: readonly object[] | undefined, b: readonly object[] | undefined): boolean {
  if (a === b) return true
  if (!a || !b || a.length !== b.length) return false
  return a.every((item, i) => sameValue(item, b[i]))
}

/** Plain data compared field by field (resolutions: kinds, slugs, candidate lists). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  const x = a as Record<string, unknown>
  const y = b as Record<string, unknown>
  const keys = Object.keys(x)
  if (keys.length !== Object.keys(y).length) return false
  return keys.every((key) => sameValue(x[key], y[key]))
}

/**
 * Work out now what `siteChanges` needs of `plan` (the graph's index, and
 * what every page and every file made from the library reads, by what it
 * read), so that the next save costs no more than it must: a slice of the
 * pages at each step, one file made from the library at a time (those
 * whose record is declared first, a slice of them at a time). Records
 * already taken (or adopted from the build cache, or carried from the
 * previous plan) cost nothing.
 */
export function* readyForChanges(plan: SitePlan): Generator<void, void, void> {
  graphIndex(plan.graph)
  // The records by what they read: made now from those taken so far, then kept up to date as each is taken.
  plan.readers([])
  let done = 0
  for (const slug of plan.graph.documents.keys()) {
    if (plan.recorded(slug) !== undefined) continue
    plan.reads(slug)
    if (++done % readsPerSlice === 0) yield
  }
  // First the files whose record is declared (the search files, the previews): taken without making them, as cheap as a
  // page's. Then the others, made one at a time.
  for (const declared of [true, false]) {
    for (const entry of plan.entries) {
      if (isDocumentEntry(entry) || (entry.scope ?? 'library') !== 'library' || (entry.reads !== undefined) !== declared) continue
      if (plan.recorded(`file:${entry.path}`) !== undefined) continue
      plan.reads(`file:${entry.path}`)
      if (!declared || ++done % readsPerSlice === 0) yield
    }
  }
}

/** How many pages' reads {@link readyForChanges} records between two pauses. */
const readsPerSlice = 100

/**
 * The keys (see `graph/recorded-reads.ts`) whose values differ between the
 * two graphs. A changed document changes its prose, and unless only its
 * prose changed, its summary; a change to its data, its slug. Graphs of one
 * structure differ in nothing else; graphs of two also in the structure
 * and in the relations, folders, papers, aliases, attachments and dates
 * that differ.
 */
function changedKeys(before: Graph, after: Graph, changed: ReadonlyMap<Slug, Change>, touched: readonly string[]): Set<string> {
  const keys = new Set<string>()
  for (const [slug, change] of changed) {
    keys.add(proseKey(slug)).add(anyProseKey)
    if (change !== 'text') keys.add(summaryKey(slug)).add(anySummaryKey)
    // A document's data is part of the structure (see `graph/structure.ts`): a record that holds the structure need not list slugs.
    if (change === 'data') keys.add(slug).add(structureKey)
  }
  // A file that is not a note (an attachment copied into the site, the config) is part of the structure.
  if (touched.some((file) => !file.toLowerCase().endsWith('.md'))) keys.add(structureKey)
  if (structureOf(before) === structureOf(after)) return keys
  keys.add(structureKey)
  if (before.documents.size !== after.documents.size) keys.add(documentCountKey)
  const beforeIndex = graphIndex(before)
  const afterIndex = graphIndex(after)
  for (const slug of new Set([...before.documents.keys(), ...after.documents.keys()])) {
    if (keys.has(slug)) continue
    const same =
      sameResolutions(before, after, slug) &&
      sameValue(before.citedBy.get(slug), after.citedBy.get(slug)) &&
      sameValue(before.backs.get(slug), after.backs.get(slug)) &&
      sameValue(before.suggestions.get(slug), after.suggestions.get(slug)) &&
      sameValue(before.sources.get(slug), after.sources.get(slug)) &&
      sameValue(beforeIndex.neighbours.get(slug), afterIndex.neighbours.get(slug))
    if (!same) keys.add(slug)
  }
  // Unpublished documents have no page, but links to them are slugs too.
  for (const slug of new Set([...before.unpublished.keys(), ...after.unpublished.keys()]))
    if (before.unpublished.get(slug) !== after.unpublished.get(slug))
      keys.add(slug).add(summaryKey(slug)).add(proseKey(slug)).add(anySummaryKey).add(anyProseKey)
  const entry = ({ folders: _folders, documents: _documents, total: _total, ...rest }: Folder) => rest
  const listing = ({ folders, documents, total }: Folder) => ({ folders, documents, total })
  const beforeFolders = folderTree(before).folders
  const afterFolders = folderTree(after).folders
  differing(mapValues(beforeFolders, entry), mapValues(afterFolders, entry), folderKey(''), keys)
  differing(mapValues(beforeFolders, listing), mapValues(afterFolders, listing), folderListingKey(''), keys)
  differing(citedPapers(before), citedPapers(after), paperKey(''), keys)
  differing(before.redirects, after.redirects, redirectPrefix, keys)
  differing(before.attachments, after.attachments, attachmentPrefix, keys)
  differing(before.movedAttachments, after.movedAttachments, attachmentPrefix, keys)
  differing(before.history ?? new Map(), after.history ?? new Map(), historyPrefix, keys)
  return keys
}

function mapValues<V, W>(map: ReadonlyMap<Slug, V>, f: (value: V) => W): Map<string, W> {
  return new Map([...map].map(([key, value]) => [key, f(value)]))
}

/** Add `prefix` + each key whose value differs between the two maps (compared as plain data). */
function differing<V>(before: ReadonlyMap<string, V>, after: ReadonlyMap<string, V>, prefix: string, into: Set<string>): void {
  if (before === after) return
  for (const key of new Set([...before.keys(), ...after.keys()])) if (!sameValue(before.get(key), after.get(key))) into.add(prefix + key)
}
