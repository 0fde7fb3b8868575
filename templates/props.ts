/**
 * The props each page template receives: everything already resolved to
 * text, URLs and sanitized trees. Templates never look at the graph.
 */
import type { ElementContent } from 'hast'

/** What every page shares: the site, where its assets are, the page's own title. */
export interface LayoutProps {
  readonly siteTitle: string
  /** URL of the home page from this page. */
  readonly homeHref: string
  readonly stylesheetHref: string
  readonly scriptHref: string
  /** The `<title>`: page title, then the site's. */
  readonly documentTitle: string
  /** The page's description for `<meta name="description">`. */
  readonly description: string
}

/** A link to a document with what a reader needs to choose it. */
export interface DocumentCard {
  readonly href: string
  readonly title: string
  readonly summary: string
  readonly type: 'note' | 'inquiry'
}

/** A piece of text that may be a link (used for arXiv ids inside the prompt). */
export interface TextRun {
  readonly text: string
  readonly href?: string
}

/** An arXiv paper cited by a document. */
export interface PaperLink {
  readonly id: string
  readonly href: string
}

/** The research prompt section. */
export interface PromptProps {
  /** The prompt text split into runs; joined, the runs are exactly the text copied. */
  readonly runs: readonly TextRun[]
}

/** An inquiry line's page. */
export interface InquiryPageProps {
  readonly layout: LayoutProps
  readonly title: string
  readonly summary: string
  readonly date: string | undefined
  /** The sanitized body. */
  readonly body: readonly ElementContent[]
  readonly sources: readonly DocumentCard[]
  readonly next: readonly DocumentCard[]
  readonly prompt: PromptProps | undefined
  readonly citedBy: readonly DocumentCard[]
}

/** A note's page. */
export interface NotePageProps {
  readonly layout: LayoutProps
  readonly title: string
  readonly summary: string
  readonly date: string | undefined
  readonly tags: readonly string[]
  readonly papers: readonly PaperLink[]
  readonly body: readonly ElementContent[]
  readonly citedBy: readonly DocumentCard[]
}

/** The home page. */
export interface HomePageProps {
  readonly layout: LayoutProps
  readonly description: string | undefined
  readonly inquiries: readonly DocumentCard[]
  readonly notes: readonly DocumentCard[]
}

/** The page a host serves for any missing URL. */
export interface NotFoundPageProps {
  readonly layout: LayoutProps
}
