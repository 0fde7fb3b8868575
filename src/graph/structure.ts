/**
 * A graph's structure: everything it is built from except its documents'
 * prose, positions and summaries (see `reuse-graph.ts`). `quire dev` makes
 * a new graph after every save, and after most saves only prose changed:
 * then the new graph shares the old one's structure, and whatever was
 * worked out from the structure alone (indexes, tag lists, the site's
 * list of pages) is shared too instead of being worked out again.
 */
import type { Graph } from '../model.js'

const structures = new WeakMap<Graph, object>()

/** Graphs that are views of another (see `recorded-reads.ts`), and the graph each reads. */
const views = new WeakMap<Graph, Graph>()

/** Where reads through a view are noted while a page's props are made (see {@link readsInto}). */
let active: Set<string> | undefined

/** The key a record holds once something read the whole graph in a way no other key covers: any change may change what read it. */
export const everything = '*'

/**
 * The key of the graph's structure (see {@link structureOf}): which
 * documents there are and in what order, their data but summaries, links,
 * edges, folders, tags. A record holds it once something iterated the
 * graph or used a value worked out once per structure; it changes only
 * when the structure does.
 */
export const structureKey = '#structure'

/** Record that `view` reads `graph`; the two share a structure. */
export function registerView(view: Graph, graph: Graph): void {
  views.set(view, graph)
  shareStructure(graph, view)
}

/** Note that the key `key` was read, if reads are being recorded. */
export function noteRead(key: string): void {
  active?.add(key)
}

/** Run `make`, noting in `reads` every read it makes through a view of a graph. */
export function readsInto<T>(reads: Set<string>, make: () => T): T {
  const outer = active
  active = reads
  try {
    return make()
  } finally {
    active = outer
  }
}

/** A token that two graphs share when they have the same structure. */
export function structureOf(graph: Graph): object {
  return structures.get(graph) ?? graph
}

/** Record that `to` was made from `from` changing nothing but documents' prose, positions and summaries. */
export function shareStructure(from: Graph, to: Graph): void {
  structures.set(to, structureOf(from))
}

/**
 * `make`, computed once per structure. Only for what depends on nothing
 * but the structure: slugs, titles, types, data other than summaries,
 * links and what they resolve to, tags, aliases. Never on prose or
 * summaries (it would go stale after an edit).
 *
 * The value is always made from the graph itself, never through a view
 * that records reads. Read through a view, the value counts as a read of
 * the structure ({@link structureKey}), unless `recorded` gives a view of
 * the value that records which of its entries are read (under the keys
 * `site-changes.ts` compares).
 */
export function byStructure<T>(make: (graph: Graph) => T, recorded?: (value: T) => T): (graph: Graph) => T {
  const made = new WeakMap<object, { value: T; recorded?: T }>()
  return (graph) => {
    const plain = views.get(graph)
    const key = structureOf(plain ?? graph)
    let found = made.get(key)
    if (!found) {
      found = { value: make(plain ?? graph) }
      made.set(key, found)
    }
    if (!plain) return found.value
    if (recorded) return (found.recorded ??= recorded(found.value))
    noteRead(structureKey)
    return found.value
  }
}
