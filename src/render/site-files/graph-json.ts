/**
 * `graph.json`: the library's graph as data, for other tools and for the
 * site's own scripts. URLs are absolute paths under the site's base.
 */
import type { Graph, SiteOptions } from '../../model.js'
import { rootFromBase, urlFor } from '../url.js'

/** One document in `graph.json`. */
export interface GraphJsonNode {
  readonly id: string
  readonly type: 'note' | 'inquiry'
  readonly title: string
  readonly summary: string
  readonly url: string
}

/** One connection in `graph.json`. */
export interface GraphJsonEdge {
  readonly from: string
  readonly to: string
  readonly kind: 'link' | 'next'
}

/** The whole file. */
export interface GraphJson {
  readonly nodes: readonly GraphJsonNode[]
  readonly edges: readonly GraphJsonEdge[]
}

/** The graph as plain data (nodes in slug order, edges sorted). */
export function graphJson(graph: Graph, site: SiteOptions): GraphJson {
  const root = rootFromBase(site.base)
  const nodes = [...graph.documents.values()].map((doc) => ({
    id: doc.slug,
    type: doc.type,
    title: doc.data.title,
    summary: doc.data.summary,
    url: urlFor(root, { slug: doc.slug }),
  }))
  const edges = graph.edges.map((edge) => ({ from: edge.from, to: edge.to, kind: edge.kind }))
  return { nodes, edges }
}

/** Serialise for the site: stable, and safe to embed (no `<`, so no `</script>`). */
export function serialiseJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/</g, '\\u003c') + '\n'
}
