/**
 * `graph/data.json`: what the drawing on `graph/` fetches. Every document
 * with its position (laid out when the site is built, see
 * `library-layout.ts`), its folder and kind; the connections; and what the
 * page filters by (folders, tags, inquiries and their sources).
 *
 * Kept compact, since the page fetches it whole: columns rather than
 * objects, documents as indices, and a document's address as its folder
 * (an index) and the last part of its slug.
 */
import { compare } from '../../diagnostics.js'
import { byStructure } from '../../graph/structure.js'
import type { Graph, Slug } from '../../model.js'
import { folderTree, parentOf } from '../props/folders.js'
import { graphDataFile } from '../props/graph-layout.js'
import { layoutLibrary } from '../props/library-layout.js'
import { collectTags } from '../props/tags.js'
import { homeSlug } from '../url.js'

export { graphDataFile }

/** The file's contents. Index `i` of every column is the same document. */
export interface GraphData {
  /** Bumped when the shape changes. */
  readonly version: 1
  /** Folders (the top of the library is `""`), parents before their sub-folders: address, name as spelled, parent (−1 at the top). */
  readonly folders: readonly { readonly slug: string; readonly name: string; readonly parent: number }[]
  readonly nodes: {
    /** Each document's folder (an index into `folders`). */
    readonly folder: readonly number[]
    /** The rest of its slug after the folder's (`a/b/c` in folder `a/b` is `c`). */
    readonly name: readonly string[]
    readonly title: readonly string[]
    /** One letter per document: `n` for a note, `i` for an inquiry. */
    readonly type: string
    /** Position, in layout units (whole numbers, `y` grows downwards). */
    readonly x: readonly number[]
    readonly y: readonly number[]
  }
  /** Links between documents as pairs of indices `[a0, b0, a1, b1, …]`, each pair once. */
  readonly links: readonly number[]
  /** `next` connections (between inquiries) that are not also links, as pairs. */
  readonly next: readonly number[]
  /** Tags, by label: the documents carrying each. */
  readonly tags: readonly { readonly label: string; readonly slug: string; readonly nodes: readonly number[] }[]
  /** Inquiries in the data's order: the inquiry and its sources, in source order. */
  readonly inquiries: readonly { readonly node: number; readonly sources: readonly number[] }[]
}

/** The document order of the data: by folder (in folder order), then by title. */
function dataOrder(graph: Graph): { folders: string[]; order: Slug[]; folderOf: Map<Slug, number> } {
  const folderSet = new Set<string>([''])
  for (const slug of graph.documents.keys()) {
    for (let at = parentOf(slug); at !== undefined; at = parentOf(at)) folderSet.add(at)
  }
  const folders = [...folderSet].sort(compare)
  const folderIndex = new Map(folders.map((slug, i) => [slug, i]))
  const folderOf = new Map<Slug, number>()
  // Each document's sort key worked out once, not at every comparison.
  const keyed = [...graph.documents.values()].map((doc) => {
    const folder = folderIndex.get(parentOf(doc.slug) ?? '')!
    folderOf.set(doc.slug, folder)
    return { slug: doc.slug, folder, title: doc.data.title.toLowerCase() }
  })
  keyed.sort((a, b) => a.folder - b.folder || compare(a.title, b.title) || compare(a.slug, b.slug))
  return { folders, order: keyed.map((entry) => entry.slug), folderOf }
}

/** The graph's data for the drawing (worked out once per graph structure). */
export const graphData = byStructure((graph: Graph): GraphData => {
  const { folders, order, folderOf } = dataOrder(graph)
  const index = new Map(order.map((slug, i) => [slug, i]))
  const tree = folderTree(graph)
  // Connections, each unordered pair once; a link wins over `next`.
  const kinds = new Map<number, 'link' | 'next'>()
  const n = order.length
  for (const edge of graph.edges) {
    const a = index.get(edge.from)
    const b = index.get(edge.to)
    if (a === undefined || b === undefined || a === b) continue
    const key = Math.min(a, b) * n + Math.max(a, b)
    if (kinds.get(key) !== 'link') kinds.set(key, edge.kind)
  }
  const links: number[] = []
  const next: number[] = []
  for (const key of [...kinds.keys()].sort((p, q) => p - q)) (kinds.get(key) === 'link' ? links : next).push(Math.floor(key / n), key % n)
  // Only folders that hold documents are clusters; empty ones (parents of others) are kept for the filter.
  const layout = layoutLibrary({ cluster: order.map((slug) => clusterOf(graph, slug, folderOf)), clusterCount: folders.length, edges: [...links, ...next] })
  const folderNumber = new Map(folders.map((slug, i) => [slug, i]))
  return {
    version: 1,
    folders: folders.map((slug) => ({
      slug,
      name: slug === '' ? '' : (tree.folders.get(slug as Slug)?.name ?? slug.slice(slug.lastIndexOf('/') + 1)),
      parent: slug === '' ? -1 : folderNumber.get(parentOf(slug as Slug) ?? '')!,
    })),
    nodes: {
      folder: order.map((slug) => folderOf.get(slug)!),
      name: order.map((slug) => {
        const parent = parentOf(slug)
        return parent === undefined ? slug : slug.slice(parent.length + 1)
      }),
      title: order.map((slug) => graph.documents.get(slug)!.data.title),
      type: order.map((slug) => (graph.documents.get(slug)!.type === 'inquiry' ? 'i' : 'n')).join(''),
      x: [...layout.x],
      y: [...layout.y],
    },
    links,
    next,
    tags: collectTags(graph, false).map((tag) => ({
      label: tag.label,
      slug: tag.slug,
      nodes: tag.documents.map((slug) => index.get(slug)!).sort((a, b) => a - b),
    })),
    inquiries: order
      .filter((slug) => graph.documents.get(slug)!.type === 'inquiry')
      .map((slug) => ({
        node: index.get(slug)!,
        sources: (graph.sources.get(slug) ?? []).flatMap((source) => (index.has(source) ? [index.get(source)!] : [])),
      })),
  }
})

/**
 * The cluster a document is drawn in: its folder's, except that an
 * inquiry is drawn among its sources (in the folder most of them are in,
 * the first such folder on a tie), where it is their hub, rather than in a
 * folder of inquiries far from them.
 */
function clusterOf(graph: Graph, slug: Slug, folderOf: ReadonlyMap<Slug, number>): number {
  const own = folderOf.get(slug)!
  if (graph.documents.get(slug)!.type !== 'inquiry') return own
  const votes = new Map<number, number>()
  for (const source of graph.sources.get(slug) ?? []) {
    const folder = folderOf.get(source)
    if (folder !== undefined) votes.set(folder, (votes.get(folder) ?? 0) + 1)
  }
  let best = own
  let most = 0
  for (const [folder, n] of votes) if (n > most || (n === most && folder < best)) [best, most] = [folder, n]
  return best
}

/** The address of document `i` of the data, relative to the site root (`""` for the home page). */
export function dataAddress(data: GraphData, i: number): string {
  const folder = data.folders[data.nodes.folder[i]!]!.slug
  const slug = folder === '' ? data.nodes.name[i]! : `${folder}/${data.nodes.name[i]!}`
  return slug === homeSlug ? '' : `${slug}/`
}

/** The file's text: compact JSON with no `<` (safe anywhere). */
export function graphDataText(graph: Graph): string {
  return JSON.stringify(graphData(graph)).replace(/</g, '\\u003c') + '\n'
}
