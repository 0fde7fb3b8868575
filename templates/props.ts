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
  /** Site-wide links in the header (Home, Papers). */
  readonly nav: readonly { readonly href: string; readonly label: string; readonly current: boolean }[]
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
  /** Title and date, when the document gives them (inquiry anchors). */
  readonly title?: string | undefined
  readonly date?: string | undefined
}

/** The research prompt section. */
export interface PromptProps {
  /** The prompt text split into runs; joined, the runs are exactly the text copied. */
  readonly runs: readonly TextRun[]
  /** The same text as a file beside the page (`prompt.md`). */
  readonly downloadHref: string
}

/** A date as written, with its machine-readable form. */
export interface DateProps {
  readonly text: string
  readonly dateTime: string
}

/** One dated claim of an inquiry, as shown on its page. */
export interface ClaimProps {
  /** The claim's text as inline HTML (emphasis allowed, sanitized). */
  readonly text: readonly ElementContent[]
  readonly date: DateProps
  /** Months since the claim's date, when past the staleness threshold. */
  readonly staleMonths: number | undefined
  /** The notes that support it. */
  readonly support: readonly { readonly href: string; readonly title: string }[]
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
  readonly date: string | undefined
  /** The sanitized body. */
  readonly body: readonly ElementContent[]
  readonly sources: readonly DocumentCard[]
  readonly next: readonly DocumentCard[]
  /** Related inquiries suggested when `next` is empty (ranked by shared sources). */
  readonly suggestions: readonly DocumentCard[]
  readonly claims: readonly ClaimProps[]
  /** How many months make a claim stale (shown with the markers). */
  readonly staleAfterMonths: number
  readonly papers: readonly PaperLink[]
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
  /** Claims of inquiries that this note supports. */
  readonly backs: readonly BackedClaimProps[]
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
  readonly inquiries: readonly DocumentCard[]
  readonly notes: readonly DocumentCard[]
}

/** The page a host serves for any missing URL. */
export interface NotFoundPageProps {
  readonly layout: LayoutProps
}
