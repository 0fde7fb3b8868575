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
 */
export function byStructure<T>(make: (graph: Graph) => T): (graph: Graph) => T {
  const made = new WeakMap<object, { value: T }>()
  return (graph) => {
    const key = structureOf(graph)
    let found = made.get(key)
    if (!found) {
      found = { value: make(graph) }
      made.set(key, found)
    }
    return found.value
  }
}
