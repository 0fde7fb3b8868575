/**
 * What a page reads of the graph, recorded as its props are made.
 *
 * A page's props are made from a view of the graph that notes each lookup
 * under a key: a document's slug (its data, summary and its entries in the
 * graph's relations: links, backlinks, sources, claims, suggestions,
 * neighbours), or a prefixed key for another input (a folder's listing, a
 * paper, an alias, an attachment, a file's dates). Reading the whole graph
 * (iterating its documents, its edges) is recorded as {@link everything}.
 * The record drives `quire dev`'s list of changed pages: a page may have
 * changed only if something it read did (see `dev/site-changes.ts`).
 */
import type { Graph, Slug } from '../model.js'
import { everything, registerView } from './structure.js'

export { everything }

/** A page's record: the keys of what its props and body read. */
export type PageReads = readonly string[]

/** The key of the document count (a page that shows whether there are documents reads it). */
export const documentCountKey = '#documents'

/** The key of a document's prose (its text beyond its data and summary): a page shows it in its body or an embed. */
export function proseKey(slug: string): string {
  return `prose:${slug}`
}

/** The key of a folder's entry in the folder tree (its name, page, sub-folders and documents). */
export function folderKey(slug: string): string {
  return `folder:${slug}`
}

/** The key of a cited paper (its title and date come from an inquiry's anchor). */
export function paperKey(id: string): string {
  return `paper:${id}`
}

/** The key of an alias's redirect, of an attachment by relative path, and of a file's dates from history. */
export const redirectPrefix = 'redirect:'
export const attachmentPrefix = 'attachment:'
export const historyPrefix = 'history:'

/** A map whose lookups are noted in `reads` under `prefix` + key; iterating it reads everything. */
export class RecordingMap<K extends string, V> implements ReadonlyMap<K, V> {
  constructor(
    private readonly map: ReadonlyMap<K, V>,
    private readonly reads: Set<string>,
    private readonly prefix: string,
    private readonly sizeKey: string = everything,
  ) {}

  get size(): number {
    this.reads.add(this.sizeKey)
    return this.map.size
  }

  get(key: K): V | undefined {
    this.reads.add(this.prefix + key)
    return this.map.get(key)
  }

  has(key: K): boolean {
    this.reads.add(this.prefix + key)
    return this.map.has(key)
  }

  entries(): MapIterator<[K, V]> {
    this.reads.add(everything)
    return this.map.entries()
  }

  keys(): MapIterator<K> {
    this.reads.add(everything)
    return this.map.keys()
  }

  values(): MapIterator<V> {
    this.reads.add(everything)
    return this.map.values()
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries()
  }

  forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void, thisArg?: unknown): void {
    this.reads.add(everything)
    this.map.forEach((value, key) => callback.call(thisArg, value, key, this))
  }
}

/**
 * A view of `graph` that notes in `reads` everything read through it.
 * Values worked out once per structure (`byStructure`) are made from the
 * graph itself and record their own reads.
 */
export function recordingGraph(graph: Graph, reads: Set<string>): Graph {
  const bySlug = <V>(map: ReadonlyMap<Slug, V>): ReadonlyMap<Slug, V> => new RecordingMap(map, reads, '')
  const view: Graph = {
    documents: new RecordingMap(graph.documents, reads, '', documentCountKey),
    resolved: bySlug(graph.resolved),
    next: bySlug(graph.next),
    citedBy: bySlug(graph.citedBy),
    sources: bySlug(graph.sources),
    claimSupport: bySlug(graph.claimSupport),
    backs: bySlug(graph.backs),
    suggestions: bySlug(graph.suggestions),
    unpublished: bySlug(graph.unpublished),
    attachments: new RecordingMap(graph.attachments, reads, attachmentPrefix),
    movedAttachments: new RecordingMap(graph.movedAttachments, reads, attachmentPrefix),
    redirects: new RecordingMap(graph.redirects, reads, redirectPrefix),
    history: graph.history && new RecordingMap(graph.history, reads, historyPrefix),
    get readdressed() {
      reads.add(everything)
      return graph.readdressed
    },
    get edges() {
      reads.add(everything)
      return graph.edges
    },
  }
  registerView(view, graph, reads)
  return view
}

/** Did anything a page read change? `changed` holds the keys whose values differ (see `dev/site-changes.ts`). */
export function readsAny(reads: PageReads, changed: ReadonlySet<string>): boolean {
  if (changed.size === 0) return false
  for (const key of reads) if (key === everything || changed.has(key)) return true
  return false
}
