/**
 * Props for finding one's way in a large library: breadcrumbs on every
 * page, the folder explorer, folder pages, the list of every document and
 * the home page's bounded sections. Every listing is cut into pages of at
 * most `entriesPerPage` entries, so no page grows with the library.
 */
import type { ElementContent } from 'hast'
import type {
  AllNotesPageProps,
  BreadcrumbProps,
  CrumbProps,
  DateProps,
  DocumentCard,
  ExplorerFolderProps,
  ExplorerProps,
  FolderListingProps,
  FolderPageProps,
  PaginationProps,
} from '../../../templates/props.js'
import { machineDate, parseFuzzyDate, type FuzzyDate } from '../../dates.js'
import { compare } from '../../diagnostics.js'
import { documentDates } from '../../document-dates.js'
import type { Graph, Slug } from '../../model.js'
import { allNotesSlug, entriesPerPage, folderTree, foldersAbove, isListed, pageCount, sortByTitle, type Folder, type FolderTree } from './folders.js'
import { card, layoutProps } from './layout-props.js'
import type { PageContext } from './page-context.js'
import { urlFor } from '../url.js'
import { pageMarkdownName } from '../site-files/page-markdown.js'
import { tagsPageSlug } from './tag-links.js'

/** The explorer shows every folder of the top two levels while there are at most this many; else only the top level (and the way to the page). */
export const explorerBudget = 300

/** The explorer lists at most this many folders of one level (the rest are counted). */
export const explorerLevelLimit = 100

/** The home page shows at most this many inquiring lines, notes at the top, and recently changed notes. */
export const homeInquiries = 50
export const homeTopNotes = 50
export const homeRecent = 20

/** The breadcrumbs of the page at `slug` titled `title`: Home, then each folder above it. */
export function breadcrumbsFor(context: PageContext, slug: Slug, title: string): BreadcrumbProps {
  const tree = folderTree(context.graph)
  const trail: CrumbProps[] = [{ label: 'Home', href: urlFor(context.root, 'home') }]
  for (const folder of foldersAbove(tree, slug, false))
    trail.push({ label: folder.name, href: folder.hasPage ? urlFor(context.root, { slug: folder.slug }) : undefined })
  return { trail, current: title }
}

/** The breadcrumbs of a later page of a listing: the listing's own crumbs, its first page as a link, then this page. */
function laterPageCrumbs(first: BreadcrumbProps, href: string, page: number, pages: number): BreadcrumbProps {
  return { trail: [...first.trail, { label: first.current, href }], current: `Page ${page} of ${pages}` }
}

/** The breadcrumbs of a tag's page: Home › Tags › the tag. */
export function tagBreadcrumbs(context: PageContext, label: string, index: boolean): BreadcrumbProps {
  const trail: CrumbProps[] = [{ label: 'Home', href: urlFor(context.root, 'home') }]
  if (!index) trail.push({ label: 'Tags', href: urlFor(context.root, { slug: tagsPageSlug }) })
  return { trail, current: index ? 'Tags' : label }
}

/** The explorer seen from the folder `current` (undefined: the home page). */
export function explorerProps(context: PageContext, current: Slug | undefined): ExplorerProps {
  const tree = folderTree(context.graph)
  const way = new Set(current === undefined ? [] : foldersAbove(tree, current, true).map((folder) => folder.slug))
  let secondLevel = 0
  for (const slug of tree.top) secondLevel += tree.folders.get(slug)!.folders.length
  const deep = tree.top.length + secondLevel <= explorerBudget
  const entry = (folder: Folder, depth: number): ExplorerFolderProps => {
    const onWay = way.has(folder.slug)
    const showChildren = onWay || (deep && depth === 0)
    const children = showChildren ? limited(folder.folders, current, way) : []
    return {
      label: folder.name,
      href: folder.hasPage ? urlFor(context.root, { slug: folder.slug }) : undefined,
      count: folder.total,
      current: folder.slug === current,
      open: onWay && folder.slug !== current ? true : folder.slug === current && children.length > 0,
      children: children.map((slug) => entry(tree.folders.get(slug)!, depth + 1)),
      more: showChildren ? folder.folders.length - children.length : 0,
    }
  }
  const top = limited(tree.top, current, way)
  return { folders: top.map((slug) => entry(tree.folders.get(slug)!, 0)), more: tree.top.length - top.length }
}

/** The first folders of a level, and the one on the way to the page's folder if it is further down. */
function limited(folders: readonly Slug[], current: Slug | undefined, way: ReadonlySet<Slug>): Slug[] {
  if (folders.length <= explorerLevelLimit) return [...folders]
  const shown = folders.slice(0, explorerLevelLimit)
  if (current !== undefined) for (const slug of folders.slice(explorerLevelLimit)) if (way.has(slug)) shown.push(slug)
  return shown
}

/** Links between the pages of the listing at `slug` (undefined when it has one page). */
function paginationProps(context: PageContext, slug: Slug, page: number, pages: number): PaginationProps | undefined {
  if (pages <= 1) return undefined
  return {
    page,
    pages,
    previous: page > 1 ? urlFor(context.root, { slug, page: page - 1 }) : undefined,
    next: page < pages ? urlFor(context.root, { slug, page: page + 1 }) : undefined,
  }
}

/** How many pages the listing of `folder` takes. */
export function folderPages(folder: Folder): number {
  return pageCount(folder.folders.length + folder.documents.length)
}

/** Page `page` of a folder's listing: its sub-folders first, then its documents. */
export function folderListingProps(context: PageContext, folder: Folder, page: number): FolderListingProps {
  const tree = folderTree(context.graph)
  const start = (page - 1) * entriesPerPage
  const end = start + entriesPerPage
  const folders = folder.folders.slice(start, end)
  const documents = folder.documents.slice(Math.max(0, start - folder.folders.length), Math.max(0, end - folder.folders.length))
  return {
    folders: folders.map((slug) => {
      const sub = tree.folders.get(slug)!
      return { label: sub.name, href: sub.hasPage ? urlFor(context.root, { slug }) : undefined, count: sub.total }
    }),
    documents: documents.map((slug) => card(context, slug)),
    total: folder.total,
    pagination: paginationProps(context, folder.slug, page, folderPages(folder)),
  }
}

/** The listing a document's page carries when its address is a folder's (see `folders.ts`). */
export function ownFolderListing(context: PageContext, slug: Slug): FolderListingProps | undefined {
  const folder = folderTree(context.graph).folders.get(slug)
  return folder?.hasPage ? folderListingProps(context, folder, 1) : undefined
}

/** Props for page `page` of a folder's own page; `intro` renders its `index.md`. */
export function folderPageProps(context: PageContext, folder: Folder, page: number, intro: (slug: Slug) => readonly ElementContent[]): FolderPageProps {
  const pages = folderPages(folder)
  const title = page > 1 ? `${folder.name} (page ${page} of ${pages})` : folder.name
  const index = page === 1 && folder.note === undefined && folder.index !== undefined ? context.graph.documents.get(folder.index) : undefined
  const layout = layoutProps(
    context,
    title,
    `The notes in the folder ${folder.slug}/ of this library.`,
    undefined,
    page === 1 ? { slug: folder.slug } : undefined,
  )
  return {
    layout: {
      ...layout,
      breadcrumbs:
        page > 1
          ? laterPageCrumbs(breadcrumbsFor(context, folder.slug, folder.name), urlFor(context.root, { slug: folder.slug }), page, pages)
          : breadcrumbsFor(context, folder.slug, title),
      markdownHref: page === 1 ? pageMarkdownName : undefined,
    },
    title: folder.name,
    intro: index ? { title: index.data.title, body: intro(index.slug), href: urlFor(context.root, { slug: index.slug }) } : undefined,
    listing: folderListingProps(context, folder, page),
    explorer: explorerProps(context, folder.slug),
  }
}

/** Every document in the list of every note, by title: all but the home page's `index.md` and tags' descriptions. */
export function allDocuments(graph: Graph): Slug[] {
  const slugs: Slug[] = []
  for (const slug of graph.documents.keys()) if (isListed(slug)) slugs.push(slug)
  return sortByTitle(graph, slugs)
}

/** Props for page `page` of the list of every document. */
export function allNotesProps(context: PageContext, documents: readonly Slug[], page: number): AllNotesPageProps {
  const pages = pageCount(documents.length)
  const title = page > 1 ? `All notes (page ${page} of ${pages})` : 'All notes'
  const layout = layoutProps(
    context,
    title,
    'Every note and inquiring line in this library, by title.',
    undefined,
    page === 1 ? { slug: allNotesSlug } : undefined,
  )
  const home: BreadcrumbProps = { trail: [{ label: 'Home', href: urlFor(context.root, 'home') }], current: 'All notes' }
  return {
    layout: { ...layout, breadcrumbs: page > 1 ? laterPageCrumbs(home, urlFor(context.root, { slug: allNotesSlug }), page, pages) : home },
    total: documents.length,
    documents: documents.slice((page - 1) * entriesPerPage, page * entriesPerPage).map((slug) => card(context, slug)),
    pagination: paginationProps(context, allNotesSlug, page, pages),
  }
}

/** The `count` most recently changed documents (by their last change, else when written), newest first; undated ones are left out. */
export function recentDocuments(graph: Graph, documents: readonly Slug[], count: number): { slug: Slug; date: FuzzyDate }[] {
  const dated: { slug: Slug; date: FuzzyDate; key: string }[] = []
  for (const slug of documents) {
    const doc = graph.documents.get(slug)!
    const { date, updated } = documentDates(graph, doc)
    const parsed = parseFuzzyDate(updated ?? date ?? '')
    if (parsed) dated.push({ slug, date: parsed, key: machineDate(parsed) })
  }
  // Newest first; one day's documents by title (the order `documents` has).
  const order = new Map(documents.map((slug, i) => [slug, i]))
  dated.sort((a, b) => compare(b.key, a.key) || order.get(a.slug)! - order.get(b.slug)!)
  return dated.slice(0, count)
}

/** The home page's bounded sections (see `templates/home.ts`). */
export function homeSections(context: PageContext): {
  inquiries: DocumentCard[]
  inquiryCount: number
  recent: (DocumentCard & { date: DateProps })[]
  explorer: ExplorerProps
  topDocuments: DocumentCard[]
  topDocumentCount: number
  allNotes: { href: string; count: number }
} {
  const { graph } = context
  const tree: FolderTree = folderTree(graph)
  const everything = allDocuments(graph)
  const inquiries = everything.filter((slug) => graph.documents.get(slug)!.type === 'inquiry')
  const top = tree.documents.filter((slug) => graph.documents.get(slug)!.type === 'note')
  return {
    inquiries: inquiries.slice(0, homeInquiries).map((slug) => card(context, slug)),
    inquiryCount: inquiries.length,
    recent: recentDocuments(graph, everything, homeRecent).map(({ slug, date }) => ({
      ...card(context, slug),
      date: { text: date.text, dateTime: machineDate(date) },
    })),
    explorer: explorerProps(context, undefined),
    topDocuments: top.slice(0, homeTopNotes).map((slug) => card(context, slug)),
    topDocumentCount: top.length,
    allNotes: { href: urlFor(context.root, { slug: allNotesSlug }), count: everything.length },
  }
}
