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
import type { GraphEdgeProps, GraphListItemProps, GraphNodeProps, LocalGraphProps } from '../../templates/props.js'
import type { EdgeKind, Graph, Slug } from '../model.js'
import { graphIndex, graphPageSlug, ring, ringRadius, type GraphIndex, type Point } from './graph-layout.js'
import { urlFor, type RootPrefix } from './url.js'

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
  const spacing = 34
  const r1 = ringRadius(hood.near.length, spacing, 60)
  const far = [...hood.far].sort((a, b) => a.via - b.via || index.order(a.slug, b.slug))
  const r2 = far.length > 0 ? ringRadius(far.length, spacing, r1 + 50) : 0
  const inner = ring(hood.near.length, r1)
  const outer = ring(far.length, r2, { x: 0, y: 0 }, outerStart(inner, far))
  const half = Math.ceil(Math.max(r1, r2) + 18)

  const position = new Map<Slug, Point>([[slug, { x: 0, y: 0 }]])
  const nodes: GraphNodeProps[] = []
  const item = (other: Slug, at: Point, relation: string | undefined): GraphListItemProps => {
    const target = graph.documents.get(other)!
    position.set(other, at)
    const node: GraphNodeProps = { number: nodes.length + 1, href: urlFor(root, { slug: other }), title: target.data.title, type: target.type, x: at.x, y: at.y }
    nodes.push(node)
    return { number: node.number, href: node.href, title: node.title, type: node.type, relation }
  }
  const near = hood.near.map((other, i) => item(other, inner[i]!, relation(index.edgeKind(slug, other), index.edgeKind(other, slug))))
  const farItems = far.map((entry, i) => item(entry.slug, outer[i]!, `via ${graph.documents.get(hood.near[entry.via]!)!.data.title}`))

  return {
    drawing: {
      id: 'nearby-graph',
      viewBox: [-half, -half, 2 * half, 2 * half],
      title: `Notes and inquiring lines within two links of “${doc.data.title}”`,
      description:
        'This page is at the centre. Documents linked directly are on the inner ring, documents two links away on the outer ring. ' +
        'Circles are notes, squares are inquiring lines, dashed lines lead to a next inquiring line. Each numbered node links to its page and is listed below.',
      centre: { x: 0, y: 0, type: doc.type, title: doc.data.title },
      nodes,
      edges: edgesAmong([slug, ...hood.near, ...far.map((entry) => entry.slug)], position, index),
    },
    near,
    far: farItems,
    truncated: hood.truncated,
    graphHref: urlFor(root, { slug: graphPageSlug }),
  }
}

/** The lines between drawn documents: one per connected pair, `link` if either direction is a link. */
export function edgesAmong(slugs: readonly Slug[], position: ReadonlyMap<Slug, Point>, index: GraphIndex): GraphEdgeProps[] {
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
      const from = position.get(a)!
      const to = position.get(b)!
      edges.push({ x1: from.x, y1: from.y, x2: to.x, y2: to.y, kind: forward === 'link' || backward === 'link' ? 'link' : 'next' })
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
