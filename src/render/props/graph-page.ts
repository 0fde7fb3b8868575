/**
 * The full-graph page, `graph/`: the whole library drawn in the browser
 * (sigma.js, from positions laid out when the site is built and fetched
 * from `graph/data.json`), with its text equivalent: a search over every
 * document (from the same data, by keyboard), and lists of the folders,
 * inquiring lines and tags with their counts, linking to their pages.
 *
 * The page's own HTML stays small at any size: the lists are capped at
 * {@link graphFacetLimit} entries each, and every document is listed by
 * inquiring line only while the library has at most {@link graphListLimit}
 * documents. A larger library's documents are reached through the search,
 * the folder pages and the list of every note.
 */
import type { GraphFacetProps, GraphGroupProps, GraphListItemProps, GraphPageProps } from '../../../templates/props.js'
import type { Graph, Slug } from '../../model.js'
import { graphDataFile } from '../site-files/graph-data.js'
import { graphLibraryFiles } from '../site-files/site-files.js'
import { graphPageSlug } from './graph-layout.js'
import { folderTree, type Folder } from './folders.js'
import { assetFiles, layoutProps, listed, type PageContext } from './pages.js'
import { tagPageSlug } from './tag-links.js'
import { collectTags } from './tags.js'
import { urlFor } from '../url.js'

export { graphPageSlug }

/** The most entries each list of the page (folders, inquiring lines, tags) shows. */
export const graphFacetLimit = 200

/** Up to this many documents, the page also lists every document, by inquiring line. */
export const graphListLimit = 500

/** The groups of the page's full list, by slug: each inquiry with the notes it cites first, then the uncited notes. */
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
  const base = layoutProps(context, 'Graph', 'Every inquiring line and note in this library, and how they link.', 'graph', { slug: graphPageSlug })
  const folders = folderFacets(context)
  const inquiries = listed(graph, 'inquiry').map((slug) => ({
    label: graph.documents.get(slug)!.data.title,
    href: urlFor(root, { slug }),
    count: (graph.sources.get(slug) ?? []).length,
    depth: 0,
  }))
  const tags = collectTags(graph, false).map((tag) => ({
    label: tag.label,
    href: urlFor(root, { slug: tagPageSlug(tag.slug) }),
    count: tag.documents.length,
    depth: 0,
  }))
  const cap = <T>(list: T[]): T[] => list.slice(0, graphFacetLimit)
  return {
    layout: { ...base, moduleHrefs: [...base.moduleHrefs, urlFor(root, { file: assetFiles.graph })] },
    documentCount: graph.documents.size,
    connectionCount: graph.edges.length,
    canvas: {
      dataHref: urlFor(root, { file: graphDataFile }),
      graphologyHref: urlFor(root, { file: graphLibraryFiles.graphology }),
      sigmaHref: urlFor(root, { file: graphLibraryFiles.sigma }),
      root: urlFor(root, 'home'),
    },
    folders: cap(folders),
    inquiries: cap(inquiries),
    tags: cap(tags),
    leftOut: {
      folders: Math.max(0, folders.length - graphFacetLimit),
      inquiries: Math.max(0, inquiries.length - graphFacetLimit),
      tags: Math.max(0, tags.length - graphFacetLimit),
    },
    facetLimit: graphFacetLimit,
    groups: graph.documents.size <= graphListLimit ? groupProps(context) : undefined,
  }
}

/** Every folder, depth first (sub-folders after their folder), with how many documents it holds at any depth. */
function folderFacets(context: PageContext): GraphFacetProps[] {
  const tree = folderTree(context.graph)
  const facets: GraphFacetProps[] = []
  const visit = (folder: Folder, depth: number): void => {
    facets.push({ label: folder.name, href: folder.hasPage ? urlFor(context.root, { slug: folder.slug }) : undefined, count: folder.total, depth })
    for (const child of folder.folders) visit(tree.folders.get(child)!, depth + 1)
  }
  // Documents at the top of the library belong to no folder: they are counted first, leading home.
  if (tree.documents.length > 0 && tree.top.length > 0)
    facets.push({ label: 'Top of the library', href: urlFor(context.root, 'home'), count: tree.documents.length, depth: 0 })
  for (const top of tree.top) visit(tree.folders.get(top)!, 0)
  return facets
}

/** The full list, by inquiring line (small libraries only). */
function groupProps(context: PageContext): GraphGroupProps[] {
  const { graph, root } = context
  const item = (slug: Slug): GraphListItemProps => {
    const doc = graph.documents.get(slug)!
    return { number: undefined, href: urlFor(root, { slug }), title: doc.data.title, type: doc.type, relation: undefined }
  }
  return graphGroups(graph).map((group) => ({
    inquiry: group.inquiry === undefined ? undefined : item(group.inquiry),
    notes: group.notes.map(item),
    empty:
      group.notes.length > 0
        ? undefined
        : (graph.sources.get(group.inquiry!) ?? []).length > 0
          ? 'Its sources are listed under an earlier line.'
          : 'It cites no notes yet.',
  }))
}
