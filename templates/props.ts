/**
 * The props each page template receives: everything already resolved to
 * text, URLs and sanitized trees. Templates never look at the graph.
 */
import type { ElementContent } from 'hast'
import type { PromptListPart } from './prompt.js'

/** What every page shares: the site, where its assets are, the page's own title. */
export interface LayoutProps {
  readonly siteTitle: string
  /** URL of the home page from this page. */
  readonly homeHref: string
  readonly stylesheetHref: string
  readonly scriptHref: string
  /** The script that applies the reader's chosen colour theme before the page is drawn (loaded in `<head>`, not deferred). */
  readonly themeScriptHref: string
  /** ES modules every page loads (search, link previews), relative to the page. */
  readonly moduleHrefs: readonly string[]
  /** The `<title>`: page title, then the site's. */
  readonly documentTitle: string
  /** The page's description for `<meta name="description">`. */
  readonly description: string
  /** Site-wide links in the header (Home, Papers). */
  readonly nav: readonly { readonly href: string; readonly label: string; readonly current: boolean }[]
  /** Canonical address, Open Graph properties and the feed link. */
  readonly meta: PageMetaProps
  /** Where the page sits (Home › folder › page); shown at the top of the page. */
  readonly breadcrumbs?: BreadcrumbProps | undefined
  /** The page's Markdown (see `page-markdown.ts`), relative to the page, for pages that have one: linked, and copied by the page's copy control. */
  readonly markdownHref?: string | undefined
}

/** One step of a breadcrumb trail: a link, or plain text for a folder without a page. */
export interface CrumbProps {
  readonly label: string
  readonly href: string | undefined
}

/** The way from the home page down to this page. */
export interface BreadcrumbProps {
  /** Home, then each folder above the page. */
  readonly trail: readonly CrumbProps[]
  /** The page itself. */
  readonly current: string
}

/** A folder as listed: its name, its page and how many documents it holds. */
export interface FolderLinkProps {
  readonly label: string
  /** Its page; undefined when its address belongs to one of quire's own pages. */
  readonly href: string | undefined
  readonly count: number
}

/** A folder in the explorer, with the sub-folders shown below it. */
export interface ExplorerFolderProps extends FolderLinkProps {
  /** Is this the page's own folder? */
  readonly current: boolean
  /** Is it shown open (on the way to the page's folder)? */
  readonly open: boolean
  readonly children: readonly ExplorerFolderProps[]
  /** Sub-folders left out to keep the explorer small (see the folder's page). */
  readonly more: number
}

/** The folder tree: top-level folders, deeper levels collapsed. */
export interface ExplorerProps {
  readonly folders: readonly ExplorerFolderProps[]
  /** Top-level folders left out. */
  readonly more: number
}

/** Links between the pages of a long listing. */
export interface PaginationProps {
  /** This page, from 1. */
  readonly page: number
  readonly pages: number
  readonly previous: string | undefined
  readonly next: string | undefined
}

/** One page of a folder's listing: sub-folders first, then documents. */
export interface FolderListingProps {
  readonly folders: readonly FolderLinkProps[]
  readonly documents: readonly DocumentCard[]
  /** How many documents the folder holds, at any depth. */
  readonly total: number
  readonly pagination: PaginationProps | undefined
}

/** A folder's page (or a later page of its listing). */
export interface FolderPageProps {
  readonly layout: LayoutProps
  readonly title: string
  /** The folder's `index.md`, on the first page: its body heads the page. */
  readonly intro: { readonly title: string; readonly body: readonly ElementContent[]; readonly href: string } | undefined
  readonly listing: FolderListingProps
  readonly explorer: ExplorerProps
}

/** One page of the list of every document. */
export interface AllNotesPageProps {
  readonly layout: LayoutProps
  readonly total: number
  readonly documents: readonly DocumentCard[]
  readonly pagination: PaginationProps | undefined
}

/** What a page tells other sites about itself. Absolute addresses need the site's `url`. */
export interface PageMetaProps {
  /** The page's absolute address, when the site's `url` is configured. */
  readonly canonical: string | undefined
  /** Open Graph properties, in order. */
  readonly openGraph: readonly { readonly property: string; readonly content: string }[]
  /** The Atom feed, relative to the page, when the site has one. */
  readonly feedHref: string | undefined
}

/** A link to a document with what a reader needs to choose it. */
export interface DocumentCard {
  readonly href: string
  readonly title: string
  readonly summary: string
  readonly type: 'note' | 'inquiry'
}

/** A piece of text that may be a link (an arXiv id inside text). */
export interface TextRun {
  readonly text: string
  readonly href?: string
}

/** An arXiv paper cited by a document. */
export interface PaperLink {
  readonly id: string
  readonly href: string
  /** Title and date, when an inquiry's anchor list gives them (as on the papers page). */
  readonly title?: string | undefined
  readonly date?: string | undefined
}

/** One block of the research prompt, formatted for reading (its inline Markdown rendered and sanitized). */
export type PromptBlockProps =
  | { readonly kind: 'paragraph'; readonly content: readonly ElementContent[] }
  | {
      readonly kind: 'list'
      /** Claims, anchor papers or tasks: items follow the inquiry's own order. */
      readonly part: PromptListPart
      readonly label: string
      readonly ordered: boolean
      readonly items: readonly (readonly ElementContent[])[]
    }

/** The research prompt section. */
export interface PromptProps {
  /** The prompt exactly as copied and downloaded (Markdown). */
  readonly markdown: string
  /** The same prompt, block by block, as the page shows it. */
  readonly blocks: readonly PromptBlockProps[]
  /** The same text as a file beside the page (`prompt.md`). */
  readonly downloadHref: string
}

/** A date as written, with its machine-readable form. */
export interface DateProps {
  readonly text: string
  readonly dateTime: string
}

/** A link to a numbered item elsewhere on the same page (source 3, claim 2), or to a page when it is not on this one. */
export interface NumberedLink {
  /** Its number on this page; undefined for a note that is not one of the sources (the link goes to its page). */
  readonly number: number | undefined
  /** `#source.3`, or the note's page. */
  readonly href: string
  /** What it is called. */
  readonly title: string
}

/**
 * What the page adds to a dated claim of an inquiry (its text and date are
 * shown in the prompt, once): its anchor, its age, and the sources that support it.
 */
export interface ClaimProps {
  /** Its number, from 1, in the prompt's order. */
  readonly number: number
  /** Its element id (`claim.1`). */
  readonly id: string
  /** Months since the claim's date, when past the staleness threshold. */
  readonly staleMonths: number | undefined
  /** The sources (numbered as on the page) that support it. */
  readonly support: readonly NumberedLink[]
}

/** One source of an inquiry: a card numbered in source order, with its date and the claims it supports. */
export interface SourceCardProps extends DocumentCard {
  readonly number: number
  /** Its element id (`source.1`). */
  readonly id: string
  /** When the note was written (front matter, else its file's first commit). */
  readonly date: DateProps | undefined
  /** The inquiry's claims it supports. */
  readonly claims: readonly NumberedLink[]
}

/** A claim a note supports, shown on the note's page. */
export interface BackedClaimProps {
  readonly text: readonly ElementContent[]
  readonly date: DateProps
  readonly inquiry: { readonly href: string; readonly title: string }
}

/** An inquiry line's page. */
export interface InquiryPageProps {
  readonly layout: LayoutProps
  readonly title: string
  readonly summary: string
  /** When it was written (front matter, else its file's first commit). */
  readonly date: string | undefined
  /** When it last changed, if that is another day than `date`. */
  readonly updated?: string | undefined
  /** The sanitized body. */
  readonly body: readonly ElementContent[]
  /** Each note the answer links to, once, in the order `inquirySources` gives. */
  readonly sources: readonly SourceCardProps[]
  readonly next: readonly DocumentCard[]
  /** Related inquiries suggested when `next` is empty (ranked by shared sources). */
  readonly suggestions: readonly DocumentCard[]
  readonly claims: readonly ClaimProps[]
  /** How many months make a claim stale (shown with the markers). */
  readonly staleAfterMonths: number
  /** Papers the inquiry cites beyond the prompt's anchor papers (the anchors are shown in the prompt). */
  readonly papers: readonly PaperLink[]
  readonly prompt: PromptProps | undefined
  readonly citedBy: readonly DocumentCard[]
  /** The documents within two steps, drawn and listed (undefined when none are linked). */
  readonly localGraph: LocalGraphProps | undefined
  /** The table of contents (empty for short bodies). */
  readonly toc: readonly TocEntry[]
  /** When the inquiry's address is a folder's, the folder's listing (below the text). */
  readonly folder?: FolderListingProps | undefined
}

/** A note's page. */
export interface NotePageProps {
  readonly layout: LayoutProps
  readonly title: string
  /** Undefined when the summary is the body's first paragraph (shown just below), or there is none. */
  readonly summary: string | undefined
  /** When it was written (front matter, else its file's first commit). */
  readonly date: string | undefined
  /** When it last changed, if that is another day than `date`. */
  readonly updated?: string | undefined
  /** Minutes to read the note (its summary and body), rounded up. */
  readonly readingMinutes: number
  readonly tags: readonly string[]
  /** The papers it cites, with titles and dates where the library gives them. */
  readonly papers: readonly PaperLink[]
  readonly body: readonly ElementContent[]
  readonly citedBy: readonly DocumentCard[]
  /** Claims of inquiries that this note supports. */
  readonly backs: readonly BackedClaimProps[]
  /** The documents within two steps, drawn and listed (undefined when none are linked). */
  readonly localGraph: LocalGraphProps | undefined
  /** The note's tags, each linking to its tag's page. */
  readonly tagLinks: readonly TagLink[]
  /** The table of contents (empty for short bodies). */
  readonly toc: readonly TocEntry[]
  /** When the note's address is a folder's (`methods.md` beside `methods/`), the folder's listing (below the text). */
  readonly folder?: FolderListingProps | undefined
}

/** One paper on the papers page, with everything that cites it. */
export interface PaperEntryProps {
  readonly id: string
  readonly href: string
  /** The title and date given by an inquiry's anchor list, if any. */
  readonly title: string | undefined
  readonly date: string | undefined
  readonly citedBy: readonly { readonly href: string; readonly title: string; readonly type: 'note' | 'inquiry' }[]
}

/** The page listing every cited paper. */
export interface PapersPageProps {
  readonly layout: LayoutProps
  readonly papers: readonly PaperEntryProps[]
}

/** The home page. */
export interface HomePageProps {
  readonly layout: LayoutProps
  readonly description: string | undefined
  /** The content of `index.md` at the top of the notes folder, when there is one: its title and body lead the page. */
  readonly intro: { readonly title: string; readonly body: readonly ElementContent[] } | undefined
  /** Inquiring lines, by title (at most a bounded number). */
  readonly inquiries: readonly DocumentCard[]
  /** How many inquiring lines there are in all. */
  readonly inquiryCount: number
  /** The most recently changed documents, newest first. */
  readonly recent: readonly (DocumentCard & { readonly date: DateProps })[]
  /** The folder tree (top-level folders with counts). */
  readonly explorer: ExplorerProps
  /** Documents at the top of the library, outside any folder (the first of them). */
  readonly topDocuments: readonly DocumentCard[]
  readonly topDocumentCount: number
  /** The list of every document, and how many there are. */
  readonly allNotes: { readonly href: string; readonly count: number }
  /** The page of notes not written yet and how many there are, when there are some. */
  readonly unwritten: { readonly href: string; readonly count: number } | undefined
}

/** One note not written yet, with (some of) the documents that link to it. */
export interface UnwrittenEntryProps {
  /** The name the links give it. */
  readonly name: string
  /** The entry's id on the page. */
  readonly id: string
  /** How many documents link to it. */
  readonly citedByCount: number
  /** The first of them, in slug order. */
  readonly citedBy: readonly { readonly href: string; readonly title: string; readonly type: 'note' | 'inquiry' }[]
}

/** The page listing notes not written yet, most cited first. */
export interface UnwrittenPageProps {
  readonly layout: LayoutProps
  /** How many notes are not written yet in all. */
  readonly total: number
  /** The most cited of them, in rank order. */
  readonly notes: readonly UnwrittenEntryProps[]
}

/** The page at an alias's address (see `redirect.ts`). */
export interface RedirectPageProps {
  readonly siteTitle: string
  /** The document's title. */
  readonly title: string
  /** The document's URL, relative to the redirect page. */
  readonly href: string
  /** The document's absolute URL, when the site's `url` is configured. */
  readonly canonical: string | undefined
}

/** The page a host serves for any missing URL. */
export interface NotFoundPageProps {
  readonly layout: LayoutProps
}

/** A tag as shown on a document: its label and its page. */
export interface TagLink {
  readonly label: string
  readonly href: string
}

/** The page of one tag. */
export interface TagPageProps {
  readonly layout: LayoutProps
  readonly label: string
  /** Every document carrying the tag, by title. */
  readonly documents: readonly DocumentCard[]
  /** The index of tags. */
  readonly indexHref: string
  /** The note that describes the tag (`tags/<tag>.md`), when there is one: its title and body lead the page. */
  readonly intro?: { readonly title: string; readonly body: readonly ElementContent[] } | undefined
}

/** The index of tags. */
export interface TagIndexPageProps {
  readonly layout: LayoutProps
  readonly tags: readonly { readonly label: string; readonly href: string; readonly count: number }[]
}

/** One heading in a table of contents. */
export interface TocEntry {
  /** The heading's id (the link goes to `#id`). */
  readonly id: string
  readonly text: string
  readonly depth: 2 | 3
}

/** One document drawn in a graph: a link to its page, at a position. */
export interface GraphNodeProps {
  /** The number shown in the node and beside the document in the list. */
  readonly number: number
  readonly href: string
  readonly title: string
  /** The name drawn beside the node (the title, cut short), where it is drawn and which end of it is there. */
  readonly label: { readonly text: string; readonly x: number; readonly y: number; readonly anchor: 'start' | 'middle' | 'end' }
  readonly type: 'note' | 'inquiry'
  readonly x: number
  readonly y: number
}

/**
 * A line between two drawn documents (`next` lines are dashed). Each end
 * is a place in the drawing: 0 for the page's own document at the centre,
 * n for the drawing's nth node.
 */
export interface GraphEdgeProps {
  readonly from: number
  readonly to: number
  readonly kind: 'link' | 'next'
}

/** A drawing of part of the graph, laid out at build time. */
export interface GraphDrawingProps {
  /** Prefix of the drawing's element ids (unique on the page). */
  readonly id: string
  /** `min-x`, `min-y`, `width`, `height`. */
  readonly viewBox: readonly [number, number, number, number]
  /** The drawing's title and description, for assistive technology. */
  readonly title: string
  readonly description: string
  /** The page's own document, drawn at the centre and not a link. */
  readonly centre: { readonly x: number; readonly y: number; readonly type: 'note' | 'inquiry'; readonly title: string } | undefined
  readonly nodes: readonly GraphNodeProps[]
  /** Drawn under the nodes. */
  readonly edges: readonly GraphEdgeProps[]
}

/** A document in a graph's list, the drawing's text alternative. */
export interface GraphListItemProps {
  /** Its number in the drawing, when there is a drawing. */
  readonly number: number | undefined
  readonly href: string
  readonly title: string
  readonly type: 'note' | 'inquiry'
  /** How it connects, such as "links here" (local graphs). */
  readonly relation: string | undefined
}

/** The neighbourhood on a document's page: the documents within two steps. */
export interface LocalGraphProps {
  /**
   * Its nodes are the documents one step away, in the order they are
   * listed, then those two steps away. The lists beside the drawing are
   * made from the nodes, so each document's link and title is given once.
   */
  readonly drawing: GraphDrawingProps
  /** How each document one step away (the drawing's first nodes, one each) connects to the page, such as "links here". */
  readonly relations: readonly string[]
  /**
   * The documents two steps away (the drawing's nodes after the first
   * `relations.length`), in runs reached through the same document one
   * step away: its place among the nodes (from 0), and how many.
   */
  readonly far: readonly { readonly via: number; readonly count: number }[]
  /** More documents are within two steps than the drawing shows. */
  readonly truncated: boolean
  /** The full-graph page. */
  readonly graphHref: string
}

/** A group on the full-graph page: an inquiry and the notes first cited by it, or the notes no inquiry cites. */
export interface GraphGroupProps {
  readonly inquiry: GraphListItemProps | undefined
  readonly notes: readonly GraphListItemProps[]
  /** What to say when `notes` is empty. */
  readonly empty: string | undefined
}

/** One entry of the graph page's lists of folders, inquiring lines and tags: a link (when it has a page) and a count. */
export interface GraphFacetProps {
  readonly label: string
  readonly href: string | undefined
  readonly count: number
  /** How deep a folder is (0 at the top); 0 for inquiries and tags. */
  readonly depth: number
}

/** What the graph page's script needs to draw (data attributes of the drawing's box). */
export interface GraphCanvasProps {
  /** The graph's data, relative to the page. */
  readonly dataHref: string
  /** The drawing libraries, relative to the page. */
  readonly graphologyHref: string
  readonly sigmaHref: string
  /** The way from the page to the site root (document addresses in the data are relative to it). */
  readonly root: string
}

/** The full-graph page. */
export interface GraphPageProps {
  readonly layout: LayoutProps
  readonly documentCount: number
  readonly connectionCount: number
  readonly canvas: GraphCanvasProps
  /** Folders, depth first; inquiring lines and tags by name. Each at most {@link GraphPageProps.facetLimit}. */
  readonly folders: readonly GraphFacetProps[]
  readonly inquiries: readonly GraphFacetProps[]
  readonly tags: readonly GraphFacetProps[]
  /** How many of each were left out of the lists. */
  readonly leftOut: { readonly folders: number; readonly inquiries: number; readonly tags: number }
  readonly facetLimit: number
  /** Every document, by inquiring line, when the library is small enough to list on one page. */
  readonly groups: readonly GraphGroupProps[] | undefined
}
