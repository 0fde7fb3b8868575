/**
 * Which files of the site a rebuild changed, worked out without making
 * them, so `quire dev` can tell browsers within milliseconds of a save.
 *
 * A document page is made from its fingerprint's inputs (see
 * `render-site.ts`): its own document, and what its props show of the
 * graph, which reaches at most two links away (the local graph shows
 * neighbours' neighbours; cards, backlinks, sources and suggestions are one
 * or two links away), plus the claims that cite it. So:
 *
 * - a document whose text changed but whose data, links and link targets
 *   did not (an edit to prose) changes its own page and the pages that
 *   embed it; if its summary changed too, also the pages that show its card
 *   (one link away, or for an inquiry two: suggestions);
 * - any other change to a document (added, removed, data, links, what its
 *   links resolve to) may change the pages within two steps of it, before
 *   or after the edit, and the pages that embed those, and for an inquiry
 *   the pages of documents citing one of its anchor papers (they show the
 *   paper's title); their fingerprints are compared;
 * - files made from the whole library (home page, search, feed…) change
 *   with any document, except that after edits to prose alone only those
 *   that show the prose of a page that changed do (see `PlannedFile.prose`:
 *   the search files, and a home, folder or tag page whose `index.md` or tag
 *   note was edited or embeds what was); a change to the site's settings,
 *   or to which shared pages exist, changes every page.
 *
 * Only the list of changed files depends on this reasoning: the files
 * themselves are always made from the current graph.
 */
import type { Graph, Slug } from '../model.js'
import { documentData, graphInputs } from '../build/reuse-graph.js'
import { byStructure, structureOf } from '../graph/structure.js'
import { graphIndex } from '../render/props/graph-layout.js'
import { isDocumentEntry, type SitePlan } from '../render/render-site.js'
import { replacedKeys } from '../build/replaced-map.js'

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
  if (everything) {
    for (const slug of after.graph.documents.keys()) candidates.add(slug)
  } else {
    const spread: Slug[] = []
    const cards: Slug[] = []
    for (const [slug, change] of changed) {
      // Its own text changed, so its own page did (the fingerprint covers the text).
      if (after.graph.documents.has(slug) && before.graph.documents.has(slug) && before.graph.documents.get(slug) !== after.graph.documents.get(slug))
        pages.add(slug)
      // A summary shows only in cards: on the pages one link away (backlinks, sources, next lines), and an
      // inquiry's also on the inquiries that share a source with it (suggestions).
      if (change === 'data' || (change === 'summary' && after.graph.documents.get(slug)?.type === 'inquiry')) spread.push(slug)
      else if (change === 'summary') cards.push(slug)
      candidates.add(slug)
    }
    for (const graph of [before.graph, after.graph]) {
      if (spread.length > 0) nearby(graph, spread, candidates, 2)
      if (cards.length > 0) nearby(graph, cards, candidates, 1)
      if (spread.length > 0) paperCiters(graph, spread, candidates)
    }
    // A page that embeds a candidate (at any depth) shows part of it.
    if (candidates.size > 0) {
      const found = [...candidates]
      embedders(before.graph, found, candidates)
      embedders(after.graph, found, candidates)
    }
  }
  for (const slug of changed.keys()) if (!before.graph.documents.has(slug) || !after.graph.documents.has(slug)) pages.add(slug)
  for (const slug of candidates) {
    if (pages.has(slug) || !before.graph.documents.has(slug) || !after.graph.documents.has(slug)) continue
    if (before.fingerprint(slug) !== after.fingerprint(slug)) pages.add(slug)
  }

  // Any change in the notes folder (a document, an attachment) may change the files made from the whole library.
  const otherFiles = touched.some((file) => !file.toLowerCase().endsWith('.md'))
  const library = changed.size > 0 || otherFiles
  // Edits to prose alone: a file made from the library changes only if it shows the prose of a page that may have changed.
  const proseOnly = !everything && !otherFiles && changed.size > 0 && [...changed.values()].every((change) => change === 'text')
  const showsChangedProse = (prose: readonly Slug[] | undefined): boolean => prose === undefined || prose.some((slug) => candidates.has(slug))
  for (const entry of after.entries) {
    if (isDocumentEntry(entry)) {
      if (pages.has(entry.slug)) for (const file of entry.paths) files.add(file)
      continue
    }
    const scope = entry.scope ?? 'library'
    if (scope === 'library' && proseOnly && !showsChangedProse(entry.prose)) continue
    if (scope === 'library' ? library || everything : scope === 'site' && everything) files.add(entry.path)
  }
  return { pages: [...pages].sort(), files: [...files].sort() }
}

/**
 * Add the documents citing a paper that an anchor list of `slugs` names:
 * their pages show the title and date the anchor gives it, however far
 * from the inquiry they are.
 */
function paperCiters(graph: Graph, slugs: readonly Slug[], into: Set<Slug>): void {
  const ids = new Set<string>()
  for (const slug of slugs) {
    const doc = graph.documents.get(slug)
    if (doc?.type === 'inquiry') for (const anchor of doc.data.prompt?.anchors ?? []) ids.add(anchor.arxiv)
  }
  if (ids.size === 0) return
  for (const [slug, doc] of graph.documents) if (doc.data.papers?.some((id) => ids.has(id))) into.add(slug)
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

/** Build now the indexes that `siteChanges` reads from `graph` (for `quire dev` to do before the first save). */
export function indexForChanges(graph: Graph): void {
  graphIndex(graph)
  embedIndex(graph)
}

/** Add every document within `steps` steps of `seeds` in `graph` (links and `next` either way, and claims' notes). */
function nearby(graph: Graph, seeds: readonly Slug[], into: Set<Slug>, steps: number): void {
  const index = graphIndex(graph)
  const around = (slug: Slug): Slug[] => {
    const list = [...(index.neighbours.get(slug) ?? [])]
    for (const claim of graph.claimSupport.get(slug) ?? []) for (const result of claim) if (result.kind === 'resolved') list.push(result.slug)
    for (const ref of graph.backs.get(slug) ?? []) list.push(ref.inquiry)
    return list
  }
  let frontier = seeds.filter((slug) => graph.documents.has(slug))
  const seen = new Set<Slug>(frontier)
  for (let step = 0; step < steps; step++) {
    const next: Slug[] = []
    for (const slug of frontier) {
      for (const other of around(slug)) {
        if (seen.has(other)) continue
        seen.add(other)
        next.push(other)
      }
    }
    frontier = next
  }
  for (const slug of seen) into.add(slug)
}

/** Add every document that embeds one of `targets`, at any depth. */
function embedders(graph: Graph, targets: readonly Slug[], into: Set<Slug>): void {
  const embeddedBy = embedIndex(graph)
  if (embeddedBy.size === 0) return
  const queue = [...targets]
  while (queue.length > 0) {
    for (const slug of embeddedBy.get(queue.pop()!) ?? []) {
      if (into.has(slug)) continue
      into.add(slug)
      queue.push(slug)
    }
  }
}

/** For each embedded document, the documents that embed it (links and what they resolve to are structure). */
const embedIndex = byStructure((graph: Graph): Map<Slug, Slug[]> => {
  const index = new Map<Slug, Slug[]>()
  for (const [slug, doc] of graph.documents) {
    const results = graph.resolved.get(slug) ?? []
    doc.links.forEach((link, i) => {
      const result = results[i]
      if (!link.embed || result?.kind !== 'resolved') return
      const list = index.get(result.slug)
      if (list) list.push(slug)
      else index.set(result.slug, [slug])
    })
  }
  return index
})
