/**
 * The full-graph page, `graph/`: every document, grouped by the inquiry
 * that first cites it (inquiries in listing order, each with its sources in
 * order; then the notes no inquiry cites), and, for libraries of up to
 * {@link graphDrawLimit} documents, a drawing of the whole graph. Past that
 * a drawing is a hairball, so the page is the grouped list alone.
 *
 * Layout: each group is a cluster, its inquiry at the centre and its notes
 * on rings around it; clusters are packed in rows. O(documents + edges).
 */
import type { GraphDrawingProps, GraphEdgeProps, GraphGroupProps, GraphListItemProps, GraphNodeProps, GraphPageProps } from '../../templates/props.js'
import type { Graph, Slug } from '../model.js'
import { graphIndex, graphPageSlug, ring, round, type Point } from './graph-layout.js'
import { layoutProps, listed, type PageContext } from './pages.js'
import { urlFor } from './url.js'

export { graphPageSlug }

/** The most documents the page draws. */
export const graphDrawLimit = 150

/** The groups of the page, by slug: each inquiry with the notes it cites first, then the uncited notes. */
export function graphGroups(graph: Graph): { inquiry: Slug | undefined; notes: Slug[] }[] {
  const placed = new Set<Slug>()
  const groups: { inquiry: Slug | undefined; notes: Slug[] }[] = []
  for (const inquiry of listed(graph, 'inquiry')) {
    const notes: Slug[] = []
    for (const source of graph.sources.get(inquiry) ?? []) {
      if (placed.has(source) || graph.documents.get(source)?.type !== 'note') continue
      placed.add(source)
      notes.push(source)
    }
    groups.push({ inquiry, notes })
  }
  const rest = listed(graph, 'note').filter((slug) => !placed.has(slug))
  if (rest.length > 0) groups.push({ inquiry: undefined, notes: rest })
  return groups
}

/** Props for the full-graph page. */
export function graphPageProps(context: PageContext): GraphPageProps {
  const { graph, root } = context
  const groups = graphGroups(graph)
  const draw = graph.documents.size > 0 && graph.documents.size <= graphDrawLimit
  const entries: { slug: Slug; item: GraphListItemProps }[] = []
  const item = (slug: Slug): GraphListItemProps => {
    const doc = graph.documents.get(slug)!
    const entry = { number: draw ? entries.length + 1 : undefined, href: urlFor(root, { slug }), title: doc.data.title, type: doc.type, relation: undefined }
    entries.push({ slug, item: entry })
    return entry
  }
  const groupProps: GraphGroupProps[] = groups.map((group) => ({
    inquiry: group.inquiry === undefined ? undefined : item(group.inquiry),
    notes: group.notes.map(item),
    empty: group.notes.length > 0 ? undefined : (graph.sources.get(group.inquiry!) ?? []).length > 0 ? 'Its sources are listed under an earlier line.' : 'It cites no notes yet.',
  }))
  return {
    layout: layoutProps(context, 'Graph', 'Every inquiring line and note in this library, and how they link.', 'graph', { slug: graphPageSlug }),
    documentCount: graph.documents.size,
    connectionCount: graph.edges.length,
    drawing: draw ? drawing(graph, groups, entries) : undefined,
    drawLimit: graphDrawLimit,
    groups: groupProps,
  }
}

/** The drawing: clusters laid out in rows, numbered in list order. */
function drawing(graph: Graph, groups: readonly { inquiry: Slug | undefined; notes: Slug[] }[], entries: readonly { slug: Slug; item: GraphListItemProps }[]): GraphDrawingProps {
  const spacing = 34
  const ringStep = 52
  const gap = 20
  const clusters = groups.map((group) => {
    const placed: { slug: Slug; at: Point }[] = []
    let remaining = group.notes
    let k = 0
    if (group.inquiry !== undefined) placed.push({ slug: group.inquiry, at: { x: 0, y: 0 } })
    else if (remaining.length > 0) {
      placed.push({ slug: remaining[0]!, at: { x: 0, y: 0 } })
      remaining = remaining.slice(1)
    }
    while (remaining.length > 0) {
      k++
      const capacity = Math.floor((2 * Math.PI * ringStep * k) / spacing)
      const points = ring(Math.min(capacity, remaining.length), ringStep * k)
      points.forEach((at, i) => placed.push({ slug: remaining[i]!, at }))
      remaining = remaining.slice(points.length)
    }
    return { placed, radius: ringStep * k + 16 }
  })
  // Pack clusters into rows at most `limit` wide, then centre each row in the widest one.
  const limit = Math.max(720, ...clusters.map((cluster) => 2 * cluster.radius))
  const rows: (typeof clusters)[] = []
  let used = 0
  for (const cluster of clusters) {
    const last = rows.at(-1)
    if (last && used + gap + 2 * cluster.radius <= limit) {
      last.push(cluster)
      used += gap + 2 * cluster.radius
    } else {
      rows.push([cluster])
      used = 2 * cluster.radius
    }
  }
  const rowWidth = (row: typeof clusters): number => row.reduce((sum, cluster) => sum + 2 * cluster.radius, 0) + gap * (row.length - 1)
  const width = Math.max(...rows.map(rowWidth))
  const position = new Map<Slug, Point>()
  let y = 0
  for (const row of rows) {
    const rowHeight = Math.max(...row.map((cluster) => 2 * cluster.radius))
    let x = (width - rowWidth(row)) / 2
    for (const cluster of row) {
      const centre = { x: x + cluster.radius, y: y + rowHeight / 2 }
      for (const { slug, at } of cluster.placed) position.set(slug, { x: round(centre.x + at.x), y: round(centre.y + at.y) })
      x += 2 * cluster.radius + gap
    }
    y += rowHeight + gap
  }
  const height = y - gap

  const nodes: GraphNodeProps[] = entries.map(({ slug, item }) => {
    const at = position.get(slug)!
    return { number: item.number!, href: item.href, title: item.title, type: item.type, x: at.x, y: at.y }
  })
  const index = graphIndex(graph)
  const edges: GraphEdgeProps[] = []
  const drawn = new Set<string>()
  for (const edge of graph.edges) {
    const from = position.get(edge.from)
    const to = position.get(edge.to)
    if (!from || !to || edge.from === edge.to) continue
    const pair = edge.from < edge.to ? `${edge.from}\u0000${edge.to}` : `${edge.to}\u0000${edge.from}`
    if (drawn.has(pair)) continue
    drawn.add(pair)
    const link = index.edgeKind(edge.from, edge.to) === 'link' || index.edgeKind(edge.to, edge.from) === 'link'
    edges.push({ x1: from.x, y1: from.y, x2: to.x, y2: to.y, kind: link ? 'link' : 'next' })
  }
  return {
    id: 'full-graph',
    viewBox: [-4, -4, round(width + 8), round(height + 8)],
    title: `The ${graph.documents.size === 1 ? 'one document' : `${graph.documents.size} notes and inquiring lines`} of this library, and how they link`,
    description:
      'Each inquiring line (a square) is at the centre of the notes it cites first (circles); lines join documents that link to each other, dashed lines lead to a next inquiring line. ' +
      'Each numbered node links to its page and is listed below.',
    centre: undefined,
    nodes,
    edges,
  }
}
