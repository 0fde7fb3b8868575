/**
 * Build-time graph layout shared by the local graph and the full-graph
 * page: an index of the graph's connections (built once per graph), ring
 * placement, and rounding. Everything is deterministic: no randomness, and
 * coordinates are rounded to a tenth so the bytes do not depend on the
 * last bit of a cosine.
 */
import { compare } from '../../diagnostics.js'
import type { Doc, EdgeKind, Graph, Slug } from '../../model.js'
import { byStructure } from '../../graph/structure.js'
import { noteRead, RecordingMap } from '../../graph/recorded-reads.js'

/** Undirected neighbours and directed edge kinds, computed once per graph. */
export interface GraphIndex {
  /** Every document's neighbours (either direction), inquiries first, then by title and slug. */
  readonly neighbours: ReadonlyMap<Slug, readonly Slug[]>
  /** The kind of the edge `from → to`, if there is one (`link` wins over `next`). */
  edgeKind(from: Slug, to: Slug): EdgeKind | undefined
  /** Every edge out of `from`, by target: `edgeKind(from, to)` is `edgesFrom(from)?.get(to)`. */
  edgesFrom(from: Slug): ReadonlyMap<Slug, EdgeKind> | undefined
  /** The order documents are listed in: inquiries first, then by title and slug (a slug that is no document's last). */
  readonly order: (a: Slug, b: Slug) => number
}

/** The full-graph page's slug (reserved: no document may take it). */
export const graphPageSlug = 'graph' as Slug

/** Where the full-graph page's data is published (see `graph-data.ts`). */
export const graphDataFile = 'graph/data.json'

/** The index of `graph`, built on first use (O(edges · log)) and shared by graphs of the same structure (it reads titles, types and edges). */
export const graphIndex: (graph: Graph) => GraphIndex = byStructure(buildIndex, recordedIndex)

/** The index seen by a page whose reads are recorded: a document's neighbours and edges are read under its slug. */
function recordedIndex(index: GraphIndex): GraphIndex {
  return {
    neighbours: new RecordingMap(index.neighbours, ''),
    edgeKind: (from, to) => {
      noteRead(from)
      noteRead(to)
      return index.edgeKind(from, to)
    },
    edgesFrom: (from) => {
      noteRead(from)
      return index.edgesFrom(from)
    },
    order: (a, b) => {
      noteRead(a)
      noteRead(b)
      return index.order(a, b)
    },
  }
}

/** A document's sort key: inquiries before notes, then title (case-insensitive), then slug. */
export function documentSortKey(doc: Doc): string {
  return `${doc.type === 'inquiry' ? 0 : 1}\u0000${doc.data.title.toLowerCase()}\u0000${doc.slug}`
}

function buildIndex(graph: Graph): GraphIndex {
  const rank = documentRanks(graph)
  // A slug that is no document's comes after every document.
  const order = (a: Slug, b: Slug): number => {
    const ra = rank.get(a)
    const rb = rank.get(b)
    return ra !== undefined && rb !== undefined ? ra - rb : ra !== undefined ? -1 : rb !== undefined ? 1 : compare(a, b)
  }
  const kinds = new Map<Slug, Map<Slug, EdgeKind>>()
  for (const edge of graph.edges) {
    if (edge.from === edge.to || !graph.documents.has(edge.from) || !graph.documents.has(edge.to)) continue
    let out = kinds.get(edge.from)
    if (!out) kinds.set(edge.from, (out = new Map()))
    if (out.get(edge.to) !== 'link') out.set(edge.to, edge.kind)
  }
  const neighbours = neighbourLists(graph, order)
  return { neighbours, edgeKind: (from, to) => kinds.get(from)?.get(to), edgesFrom: (from) => kinds.get(from), order }
}

/**
 * Every document's place in the order documents are listed in, found once: neighbour lists are then sorted by number.
 * Made apart from the index's functions, so the sort keys (a string for every document) are not kept with them.
 */
function documentRanks(graph: Graph): Map<Slug, number> {
  const keys = new Map<Slug, string>()
  for (const doc of graph.documents.values()) keys.set(doc.slug, documentSortKey(doc))
  const rank = new Map<Slug, number>()
  ;[...keys.keys()].sort((a, b) => compare(keys.get(a)!, keys.get(b)!)).forEach((slug, i) => rank.set(slug, i))
  return rank
}

/** Round a coordinate to a tenth. */
export function round(value: number): number {
  return Math.round(value * 10) / 10
}

/** A point. */
export interface Point {
  readonly x: number
  readonly y: number
}

/** `count` points evenly around a circle of `radius` about `centre`, the first at `start` radians (0 is to the right, −π/2 at the top). */
export function ring(count: number, radius: number, centre: Point = { x: 0, y: 0 }, start = -Math.PI / 2): Point[] {
  const points: Point[] = []
  for (let i = 0; i < count; i++) {
    const angle = start + (2 * Math.PI * i) / count
    points.push({ x: round(centre.x + radius * Math.cos(angle)), y: round(centre.y + radius * Math.sin(angle)) })
  }
  return points
}

/** The radius that gives `count` nodes `spacing` units of arc each, but at least `minimum`. */
export function ringRadius(count: number, spacing: number, minimum: number): number {
  return Math.max(minimum, (count * spacing) / (2 * Math.PI))
}

/**
 * Each document's neighbours (linked either way), sorted by `order`. Made
 * apart from the index's functions: the sets it gathers them in would
 * otherwise live as long as those functions (closures made in one call
 * keep all of its variables any of them uses).
 */
function neighbourLists(graph: Graph, order: (a: Slug, b: Slug) => number): Map<Slug, Slug[]> {
  const sets = new Map<Slug, Set<Slug>>()
  const add = (a: Slug, b: Slug): void => {
    let set = sets.get(a)
    if (!set) sets.set(a, (set = new Set()))
    set.add(b)
  }
  for (const edge of graph.edges) {
    if (edge.from === edge.to || !graph.documents.has(edge.from) || !graph.documents.has(edge.to)) continue
    add(edge.from, edge.to)
    add(edge.to, edge.from)
  }
  const neighbours = new Map<Slug, Slug[]>()
  for (const [slug, set] of sets) neighbours.set(slug, [...set].sort(order))
  return neighbours
}
