/**
 * The local graph on each document's page: the notes and inquiries within
 * two steps (links and `next`, in either direction), drawn as rings around
 * the page's own document and listed as the drawing's text alternative.
 *
 * Cheap and bounded: at most {@link localGraphLimit} documents (the page's
 * own included). The inner ring takes the page's neighbours in listing
 * order (inquiries first, then by title); the outer ring is filled round
 * robin from each inner node's neighbours, so every inner node gets some
 * of its own. Each page costs O(limit²) after one O(edges) index per
 * build, whatever the size of the library.
 */
import type { GraphEdgeProps, GraphNodeProps, LocalGraphProps } from '../../../templates/props.js'
import type { EdgeKind, Graph, Slug } from '../../model.js'
import { graphIndex, graphPageSlug, ring, ringRadius, round, type GraphIndex, type Point } from './graph-layout.js'
import { sourceNumbers } from './source-numbers.js'
import { urlFor, type RootPrefix } from '../url.js'

/** The most documents a local graph shows, the page's own included. */
export const localGraphLimit = 24

/** The documents near `slug`: one step away, then two steps away (each with the inner node it was reached from). */
export interface Neighbourhood {
  readonly near: readonly Slug[]
  readonly far: readonly { readonly slug: Slug; readonly via: number }[]
  /** More documents are within two steps than were taken. */
  readonly truncated: boolean
}

/** Choose the documents within two steps of `slug`, at most `limit` with `slug` itself. */
export function neighbourhood(graph: Graph, slug: Slug, limit = localGraphLimit): Neighbourhood {
  const index = graphIndex(graph)
  const all = (index.neighbours.get(slug) ?? []).filter((other) => other !== slug)
  const near = all.slice(0, Math.max(0, limit - 1))
  let truncated = all.length > near.length
  const seen = new Set<Slug>([slug, ...near])
  const far: { slug: Slug; via: number }[] = []
  const lists = near.map((parent) => index.neighbours.get(parent) ?? [])
  const positions = near.map(() => 0)
  /** The next unseen neighbour of inner node `i`, advancing past seen ones. */
  const nextOf = (i: number): Slug | undefined => {
    const list = lists[i]!
    while (positions[i]! < list.length && seen.has(list[positions[i]!]!)) positions[i]!++
    return list[positions[i]!]
  }
  let active = near.map((_, i) => i)
  while (active.length > 0 && seen.size < limit) {
    const still: number[] = []
    for (const i of active) {
      if (seen.size >= limit) {
        still.push(i)
        continue
      }
      const next = nextOf(i)
      if (next === undefined) continue
      seen.add(next)
      far.push({ slug: next, via: i })
      positions[i]!++
      still.push(i)
    }
    active = still
  }
  if (!truncated) truncated = active.some((i) => nextOf(i) !== undefined)
  return { near, far, truncated }
}

/**
 * The last local graph computed: a page's props are computed twice in a
 * row (once for its fingerprint, once to render it), so one entry is enough.
 */
let last: { graph: Graph; slug: Slug; root: RootPrefix; props: LocalGraphProps | undefined } | undefined

/** Props for the local graph of `slug`'s page, or undefined when nothing is linked to it. */
export function localGraphProps(graph: Graph, slug: Slug, root: RootPrefix): LocalGraphProps | undefined {
  if (last && last.graph === graph && last.slug === slug && last.root === root) return last.props
  const props = computeLocalGraph(graph, slug, root)
  last = { graph, slug, root, props }
  return props
}

function computeLocalGraph(graph: Graph, slug: Slug, root: RootPrefix): LocalGraphProps | undefined {
  const hood = neighbourhood(graph, slug)
  if (hood.near.length === 0) return undefined
  const index = graphIndex(graph)
  const doc = graph.documents.get(slug)!
  const numberOf = pageNumbers(graph, slug, hood)
  // The inner ring in number order (an inquiry's sources first, as its Sources list has them).
  const nearOrder = hood.near.map((_, i) => i).sort((a, b) => numberOf.get(hood.near[a]!)! - numberOf.get(hood.near[b]!)!)
  const near = nearOrder.map((i) => hood.near[i]!)
  const rank = new Map(nearOrder.map((i, k) => [i, k]))
  const far = hood.far
    .map((entry) => ({ slug: entry.slug, via: rank.get(entry.via)! }))
    .sort((a, b) => a.via - b.via || numberOf.get(a.slug)! - numberOf.get(b.slug)!)
  const spacing = 34
  let here: Point = { x: 0, y: 0 }
  let inner: Point[]
  let outer: Point[]
  if (near.length === 1) {
    // One neighbour: everything else is reached through it, so it is the hub, at the centre, with this page
    // and the documents beyond it on one ring around it (this page at the left).
    const r = ringRadius(far.length + 1, spacing, 70)
    const around = ring(far.length + 1, r, { x: 0, y: 0 }, Math.PI)
    here = around[0]!
    inner = [{ x: 0, y: 0 }]
    outer = around.slice(1)
  } else {
    const r1 = ringRadius(near.length, spacing, 70)
    const r2 = far.length > 0 ? ringRadius(far.length, spacing, r1 + 60) : 0
    inner = ring(near.length, r1)
    outer = ring(far.length, r2, { x: 0, y: 0 }, outerStart(inner, far))
  }

  // Each drawn document's place: 0 for this page, n for the nth node.
  const place = new Map<Slug, number>([[slug, 0]])
  const nodes: GraphNodeProps[] = []
  const node = (other: Slug, at: Point): void => {
    const target = graph.documents.get(other)!
    nodes.push({
      number: numberOf.get(other)!,
      href: urlFor(root, { slug: other }),
      title: target.data.title,
      label: placeLabel(shortLabel(target.data.title), at),
      type: target.type,
      x: at.x,
      y: at.y,
    })
    place.set(other, nodes.length)
  }
  near.forEach((other, i) => node(other, inner[i]!))
  const relations = near.map((other) => relation(index.edgeKind(slug, other), index.edgeKind(other, slug)))
  // Two links away, in runs reached through the same document one step away (named once, by its number and title).
  const farRuns: { via: number; count: number }[] = []
  far.forEach((entry, i) => {
    node(entry.slug, outer[i]!)
    const last = farRuns.at(-1)
    if (last && last.via === entry.via) last.count++
    else farRuns.push({ via: entry.via, count: 1 })
  })

  return {
    drawing: {
      id: 'nearby-graph',
      viewBox: fittedViewBox(nodes, here),
      title: `Notes and inquiring lines within two links of “${doc.data.title}”`,
      description:
        (near.length === 1
          ? 'This page (the larger node, at the left) connects to one document, drawn at the centre; the documents two links away are around it. '
          : 'This page is at the centre. Documents linked directly are on the inner ring, documents two links away on the outer ring. ') +
        'Circles are notes, squares are inquiring lines, dashed lines lead to a next inquiring line. Each node is numbered as in the lists beside it, and links to its page.',
      centre: { x: here.x, y: here.y, type: doc.type, title: doc.data.title },
      nodes,
      edges: edgesAmong([slug, ...near, ...far.map((entry) => entry.slug)], place, index),
    },
    relations,
    far: farRuns,
    truncated: hood.truncated,
    graphHref: `${urlFor(root, { slug: graphPageSlug })}?focus=${encodeURIComponent(slug).replace(/%2F/g, '/')}`,
  }
}

/**
 * The numbers of a page's neighbourhood: on an inquiry's page its sources
 * keep their numbers from its Sources list; every other document is
 * numbered after them, in the order the neighbourhood lists it.
 */
function pageNumbers(graph: Graph, slug: Slug, hood: Neighbourhood): Map<Slug, number> {
  const numbers = new Map(sourceNumbers(graph, slug))
  let next = numbers.size
  for (const other of [...hood.near, ...hood.far.map((entry) => entry.slug)]) if (!numbers.has(other)) numbers.set(other, ++next)
  return numbers
}

/** The most characters of a title a node's label shows. */
export const labelLength = 26

/** A title cut for a node's label, at a word where it can be. */
export function shortLabel(title: string): string {
  // A title no longer in UTF-16 units than the limit is no longer in characters either: most titles, counted without a copy.
  if (title.length <= labelLength) return title
  const chars = [...title]
  if (chars.length <= labelLength) return title
  const cut = chars.slice(0, labelLength - 1).join('')
  const space = cut.lastIndexOf(' ')
  return `${(space > labelLength / 2 ? cut.slice(0, space) : cut).trimEnd()}…`
}

/** Width of one character of a label, in drawing units (a generous average, so labels fit). */
const labelCharWidth = 6.4

/**
 * The view box that holds every node and its label, and no more: the
 * drawing is as small as its contents, so a page with one neighbour is not
 * a large square with the pair in one corner.
 */
function fittedViewBox(nodes: readonly GraphNodeProps[], here: Point): [number, number, number, number] {
  let minX = here.x - 18
  let maxX = here.x + 18
  let minY = here.y - 18
  let maxY = here.y + 18
  for (const node of nodes) {
    const { x, y, anchor, text } = node.label
    const width = [...text].length * labelCharWidth
    const left = anchor === 'end' ? x - width : anchor === 'middle' ? x - width / 2 : x
    minX = Math.min(minX, left - 4, node.x - 14)
    maxX = Math.max(maxX, left + width + 4, node.x + 14)
    minY = Math.min(minY, y - 10, node.y - 14)
    maxY = Math.max(maxY, y + 10, node.y + 14)
  }
  return [Math.floor(minX), Math.floor(minY), Math.ceil(maxX) - Math.floor(minX), Math.ceil(maxY) - Math.floor(minY)]
}

/** A node's label at `at`: beside it, away from the centre (right of a node on the right, left on the left, below or above near the vertical). */
function placeLabel(text: string, at: Point): GraphNodeProps['label'] {
  const anchor = at.x === 0 && at.y === 0 ? 'middle' : labelSide(at.x, at.y)
  if (anchor === 'middle') return { text, x: at.x, y: round(at.y + (at.y > 0 ? 22 : -20)), anchor }
  return { text, x: round(at.x + (anchor === 'start' ? 15 : -15)), y: at.y, anchor }
}

/** Where a node's label goes: away from the centre (right of a node on the right, left on the left, above or below near the vertical). */
export function labelSide(x: number, y: number): 'start' | 'end' | 'middle' {
  if (Math.abs(x) < 0.25 * Math.abs(y)) return 'middle'
  return x >= 0 ? 'start' : 'end'
}

/** The lines between drawn documents (by their places, see {@link GraphEdgeProps}): one per connected pair, `link` if either direction is a link. */
function edgesAmong(slugs: readonly Slug[], place: ReadonlyMap<Slug, number>, index: GraphIndex): GraphEdgeProps[] {
  const edges: GraphEdgeProps[] = []
  // Each document's edges are looked up once, not once per pair.
  const out = slugs.map((slug) => index.edgesFrom(slug))
  for (let i = 0; i < slugs.length; i++) {
    for (let j = i + 1; j < slugs.length; j++) {
      const a = slugs[i]!
      const b = slugs[j]!
      const forward = out[i]?.get(b)
      const backward = out[j]?.get(a)
      if (!forward && !backward) continue
      edges.push({ from: place.get(a)!, to: place.get(b)!, kind: forward === 'link' || backward === 'link' ? 'link' : 'next' })
    }
  }
  return edges
}

/** How a directly connected document relates to the page, in words. */
function relation(out: EdgeKind | undefined, back: EdgeKind | undefined): string {
  if (out === 'next' && !back) return 'next inquiring line from here'
  if (back === 'next' && !out) return 'lists this as its next line'
  if (out && back) return 'links both ways'
  return out ? 'linked from here' : 'links here'
}

/**
 * Where the outer ring starts: rotated so that outer nodes sit, on
 * average, next to the inner node they were reached from (the circular
 * mean of the differences, so it is the same on every machine).
 */
function outerStart(inner: readonly Point[], far: readonly { via: number }[]): number {
  if (far.length === 0 || inner.length === 0) return -Math.PI / 2
  let sin = 0
  let cos = 0
  far.forEach((entry, j) => {
    const parent = inner[entry.via]!
    const wanted = Math.atan2(parent.y, parent.x)
    const even = (2 * Math.PI * j) / far.length
    sin += Math.sin(wanted - even)
    cos += Math.cos(wanted - even)
  })
  return sin === 0 && cos === 0 ? -Math.PI / 2 : Math.round(Math.atan2(sin, cos) * 1000) / 1000
}
