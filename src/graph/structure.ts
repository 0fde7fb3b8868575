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

/**
 * Graphs that are views of another (see `recorded-reads.ts`): the graph
 * each reads, and the record of what was read through it.
 */
const views = new WeakMap<Graph, { readonly graph: Graph; readonly reads: Set<string> }>()

/** The key a record holds once something read the whole graph (every document, every edge): any change may change what read it. */
export const everything = '*'

/** Record that `view` reads `graph`, noting each read in `reads`; the two share a structure. */
export function registerView(view: Graph, graph: Graph, reads: Set<string>): void {
  views.set(view, { graph, reads })
  shareStructure(graph, view)
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
 * the whole graph, unless `recorded` gives a view of the value that
 * records which of its entries are read (under the keys `site-changes.ts`
 * compares).
 */
export function byStructure<T>(make: (graph: Graph) => T, recorded?: (value: T, reads: Set<string>) => T): (graph: Graph) => T {
  const made = new WeakMap<object, { value: T }>()
  return (graph) => {
    const view = views.get(graph)
    const plain = view?.graph ?? graph
    const key = structureOf(plain)
    let found = made.get(key)
    if (!found) {
      found = { value: make(plain) }
      made.set(key, found)
    }
    if (!view) return found.value
    if (recorded) return recorded(found.value, view.reads)
    view.reads.add(everything)
    return found.value
  }
}
