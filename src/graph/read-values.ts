/**
 * What the keys of the records stand for (see `recorded-reads.ts`), as
 * hashes a build can keep: the graph's structure as one hash, and each
 * document's prose and summary. A build compares the values the previous
 * build kept with its own to find the keys whose values changed; a page or
 * file whose record holds none of them reads what it read before, so it is
 * what it was, and neither its props nor its fingerprint need making again.
 *
 * This is the same reasoning `quire dev` applies between two graphs in
 * memory (`dev/site-changes.ts`), for a build that has only the previous
 * build's cache: any change beyond prose and summaries (a document added,
 * removed, or changed in what the graph is built from; an attachment, an
 * alias, a date from history, the site's settings) changes the structure,
 * and then nothing is taken as unchanged.
 */
import { createHash, type Hash } from 'node:crypto'
import type { Doc, Graph, Slug } from '../model.js'
import { documentData, graphInputs } from './document-data.js'
import { fileTextHash, textHash } from '../text-hash.js'
import { anyProseKey, anySummaryKey, everything, proseKey, summaryKey, type PageReads } from './recorded-reads.js'

/** The values behind the keys of the records of a site made from one graph. */
export interface ReadValues {
  /**
   * A hash of everything but documents' prose and summaries: the site's
   * settings (`shared`), each document's data but its summary, its links
   * and its place in the notes folder, the unpublished documents whole,
   * the attachments, the documents published at other addresses, and the
   * dates taken from history. Every other key a record may hold (a
   * document's slug, a folder, a paper, an alias…) is worked out from these.
   */
  readonly structure: string
  /** Each document's prose (its text) and summary, hashed, by slug. */
  readonly documents: ReadonlyMap<Slug, readonly [prose: string, summary: string]>
}

/** The values of the keys of the records of a site made from `graph`, with `shared` its settings and shared pages. */
export function readValues(graph: Graph, shared: string): ReadValues {
  const structure = createHash('sha256')
  structure.update(shared)
  structure.update('\u0000documents\u0000')
  const documents = new Map<Slug, readonly [string, string]>()
  for (const [slug, doc] of graph.documents) {
    structure.update(`${slug}\u0001${graphInputs(doc)}\u0000`)
    documents.set(slug, [fileTextHash(doc.file), textHash(JSON.stringify(doc.data.summary ?? null))])
  }
  structure.update('\u0000unpublished\u0000')
  for (const [slug, doc] of graph.unpublished) updateWhole(structure, slug, doc)
  updateWithPlaces(structure, graph)
  return { structure: structure.digest('base64url'), documents }
}

/**
 * Add to `hash` what a graph holds besides its documents: the attachments
 * published, the documents and attachments published at other addresses,
 * and the dates taken from history (the library's fingerprint ends the same
 * way, see `render/library-fingerprint.ts`).
 */
export function updateWithPlaces(hash: Hash, graph: Graph): void {
  hash.update('\u0000attachments\u0000')
  for (const [relative, file] of graph.attachments) hash.update(`${relative}\u0001${file.relativePath}\u0001${file.unsafe ?? ''}\u0000`)
  hash.update('\u0000addresses\u0000')
  hash.update(JSON.stringify([graph.readdressed, [...graph.movedAttachments]]))
  hash.update('\u0000history\u0000')
  for (const [relative, dates] of graph.history ?? []) hash.update(`${relative}\u0001${dates.created}\u0001${dates.updated}\u0000`)
}

/** An unpublished document counts whole: links to it show its title, summary or text, and it has no page whose record would tell. */
function updateWhole(into: Hash, slug: Slug, doc: Doc): void {
  into.update(`${slug}\u0001${documentData(doc, true)}\u0001${fileTextHash(doc.file)}\u0000`)
}

/**
 * The keys whose values differ from `before` to `after`: a document's prose
 * (and the key of every document's prose), its summary (and the key of
 * every summary). Undefined when the structure differs: then any key may
 * have changed.
 */
export function changedReads(before: ReadValues, after: ReadValues): ReadonlySet<string> | undefined {
  if (before.structure !== after.structure || before.documents.size !== after.documents.size) return undefined
  const keys = new Set<string>()
  for (const [slug, [prose, summary]] of after.documents) {
    const old = before.documents.get(slug)
    if (!old) return undefined
    if (old[0] !== prose) keys.add(proseKey(slug)).add(anyProseKey)
    if (old[1] !== summary) keys.add(summaryKey(slug)).add(anySummaryKey)
  }
  return keys
}

/** Does a record hold nothing among `changed` (nor {@link everything}), so that what it read is as it was? */
export function readsUnchanged(reads: PageReads, changed: ReadonlySet<string>): boolean {
  for (const key of reads) if (key === everything || changed.has(key)) return false
  return true
}
