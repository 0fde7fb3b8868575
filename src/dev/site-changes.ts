/**
 * Which files of the site a rebuild changed, worked out without making
 * them, so `quire dev` can tell browsers within milliseconds of a save.
 *
 * Each file of the site records what it read of the graph (see
 * `graph/recorded-reads.ts`): a document's page, what its props and body
 * read; a file made from the whole library (home, folder and tag pages,
 * search, previews, feed, graph data…), what it read as it was made. Both
 * hold the documents whose data, summary or place in the graph it shows,
 * the documents whose prose it shows, folders, papers and the like, and
 * the graph's structure once it listed the documents. A file whose record
 * holds nothing that changed is made from the same inputs, so it is the
 * same; a page that may have changed is compared by fingerprint, a file
 * made from the library is named as changed. What changed is worked out
 * from the two graphs:
 *
 * - a document whose text changed but whose data, links and link targets
 *   did not (an edit to prose) changes its prose only;
 * - one whose summary changed too changes its summary as well;
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
import { documentData, graphInputs } from '../build/reuse-graph.js'
import { structureOf } from '../graph/structure.js'
import { graphIndex } from '../render/props/graph-layout.js'
import { folderTree, type Folder } from '../render/props/folders.js'
import { citedPapers } from '../graph/papers.js'
import { isDocumentEntry, type CacheKey, type SitePlan } from '../render/render-site.js'
import { replacedKeys } from '../build/replaced-map.js'
import {
  attachmentPrefix,
  documentCountKey,
  folderKey,
  folderListingKey,
  historyPrefix,
  paperKey,
  proseKey,
  readsAny,
  redirectPrefix,
  structureKey,
  summaryKey,
  type PageReads,
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

/** What changed from `before` to `after`, given the files the watcher saw change. */
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
  // Pages to compare by fingerprint.
  const candidates = new Set<Slug>()
  for (const [slug] of changed) {
    // Its own text changed, so its own page did (the fingerprint covers the text).
    if (after.graph.documents.has(slug) && before.graph.documents.has(slug) && before.graph.documents.get(slug) !== after.graph.documents.get(slug))
      pages.add(slug)
  }
  if (everything) {
    for (const slug of after.graph.documents.keys()) candidates.add(slug)
  }
  const keys = everything ? undefined : changedKeys(before.graph, after.graph, changed, touched)
  // Files' records may be shared (the search term shards hold their fingerprint's): each is looked through once.
  const seen = new Map<PageReads, boolean>()
  /** Did what the page or file at `key` read change? If not, it reads the same in the new graph. */
  const mayHaveChanged = (key: CacheKey, shared: boolean): boolean => {
    if (keys!.size === 0) {
      // Nothing changed: whatever was recorded holds.
      const known = before.recorded(key)
      if (known) after.adopt(key, known)
      return false
    }
    const reads = before.reads(key)
    let found = shared ? seen.get(reads) : undefined
    if (found === undefined) {
      found = readsAny(reads, keys!)
      if (shared) seen.set(reads, found)
    }
    if (!found) after.adopt(key, reads)
    return found
  }
  if (keys) for (const slug of before.graph.documents.keys()) if (mayHaveChanged(slug, false)) candidates.add(slug)
  for (const slug of changed.keys()) if (!before.graph.documents.has(slug) || !after.graph.documents.has(slug)) pages.add(slug)
  for (const slug of candidates) {
    if (pages.has(slug) || !before.graph.documents.has(slug) || !after.graph.documents.has(slug)) continue
    if (before.fingerprint(slug) !== after.fingerprint(slug)) pages.add(slug)
  }

  for (const entry of after.entries) {
    if (isDocumentEntry(entry)) {
      if (pages.has(entry.slug)) for (const file of entry.paths) files.add(file)
      continue
    }
    const scope = entry.scope ?? 'library'
    if (scope === 'static' || files.has(entry.path)) continue
    if (everything) files.add(entry.path)
    // A file made from the library (not new: a new one is named above): named if anything it read changed. One whose
    // record is not taken yet (see `readyForChanges`) is named rather than made now: that could take longer than the save.
    else if (scope === 'library' && (before.recorded(`file:${entry.path}`) === undefined || mayHaveChanged(`file:${entry.path}`, true))) files.add(entry.path)
  }
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
 * what every page and every file made from the library reads), so that the
 * next save costs no more than it must: a slice of the pages at each step,
 * one file made from the library at a time. Records already taken (or
 * adopted from the build cache or the previous plan) cost nothing.
 */
export function* readyForChanges(plan: SitePlan): Generator<void, void, void> {
  graphIndex(plan.graph)
  let done = 0
  for (const slug of plan.graph.documents.keys()) {
    if (plan.recorded(slug) !== undefined) continue
    plan.reads(slug)
    if (++done % readsPerSlice === 0) yield
  }
  for (const entry of plan.entries) {
    if (isDocumentEntry(entry) || (entry.scope ?? 'library') !== 'library' || plan.recorded(`file:${entry.path}`) !== undefined) continue
    plan.reads(`file:${entry.path}`)
    yield
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
    keys.add(proseKey(slug))
    if (change !== 'text') keys.add(summaryKey(slug))
    if (change === 'data') keys.add(slug)
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
    if (before.unpublished.get(slug) !== after.unpublished.get(slug)) keys.add(slug).add(summaryKey(slug)).add(proseKey(slug))
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
