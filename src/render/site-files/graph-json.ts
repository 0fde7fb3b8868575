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
  return safe(JSON.stringify(value, null, 2)) + '\n'
}

/** JSON text with no raw `<`. */
function safe(json: string): string {
  return json.replace(/</g, '\\u003c')
}

/**
 * `serialiseJson(json)` in pieces, a node or an edge at a time: on a large
 * library the file is tens of megabytes, and made whole it was held
 * several times over (the text, the text made safe, the text with its
 * last line) at the end of the build.
 */
export function* graphJsonPieces(json: GraphJson): Generator<string> {
  yield '{\n'
  yield* listPieces('nodes', json.nodes, ',\n')
  yield* listPieces('edges', json.edges, '\n')
  yield '}\n'
}

/** One list of `graph.json` as `JSON.stringify(…, null, 2)` writes it at the file's first level, then `after`. */
function* listPieces(name: string, items: readonly object[], after: string): Generator<string> {
  if (items.length === 0) {
    yield `  ${JSON.stringify(name)}: []${after}`
    return
  }
  yield `  ${JSON.stringify(name)}: [\n`
  for (const [i, item] of items.entries()) {
    // An item's lines are indented two levels; a string value holds no line break (JSON escapes it).
    yield `    ${safe(JSON.stringify(item, null, 2)).replace(/\n/g, '\n    ')}${i === items.length - 1 ? '\n' : ',\n'}`
  }
  yield `  ]${after}`
}
