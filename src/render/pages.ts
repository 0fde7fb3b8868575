/**
 * Page props: the graph, seen from one page. Everything a template shows is
 * prepared here (titles, summaries, URLs relative to the page, sanitized
 * bodies), so templates never query the graph.
 */
import type { ElementContent } from 'hast'
import type {
  BackedClaimProps,
  ClaimProps,
  DateProps,
  DocumentCard,
  InquiryPageProps,
  LayoutProps,
  NotePageProps,
  PaperEntryProps,
  PaperLink,
  PapersPageProps,
  PromptProps,
  TocEntry,
  UnwrittenEntryProps,
  UnwrittenPageProps,
} from '../../templates/props.js'
import { promptText } from '../../templates/prompt.js'
import { ageInMonths, machineDate, parseFuzzyDate, yearSpan } from '../dates.js'
import { compare } from '../diagnostics.js'
import { documentDates } from '../document-dates.js'
import { unwrittenPageSlug, type UnwrittenNote } from '../graph/unwritten-notes.js'
import type { Doc, Graph, Inquiry, Note, SiteOptions, Slug } from '../model.js'
import { arxivRuns } from './arxiv-links.js'
import { graphPageSlug } from './graph-layout.js'
import { inlineMarkdown } from './inline.js'
import { localGraphProps } from './local-graph.js'
import { breadcrumbsFor, ownFolderListing } from './navigation.js'
import { pageMeta, type PageAddress } from './meta.js'
import { pageMarkdownName } from './page-markdown.js'
import { tagLinks, tagsPageSlug } from './tag-links.js'
import { arxivUrl, homeSlug, urlFor, type RootPrefix } from './url.js'

/** Where the site's own assets and shared pages live, relative to the site root. */
export const assetFiles = {
  stylesheet: 'assets/quire.css',
  script: 'assets/quire.js',
  search: 'assets/search.js',
  searchTerms: 'assets/search-terms.js',
  preview: 'assets/preview.js',
  theme: 'assets/theme.js',
} as const
export const papersPageSlug = 'papers' as Slug
export const promptFileName = 'prompt.md'

/** Everything a page's props are computed from. */
export interface PageContext {
  readonly graph: Graph
  readonly site: SiteOptions
  /** The way from this page back to the site root. */
  readonly root: RootPrefix
  /** Does the site have a papers page (computed once per build)? */
  readonly hasPapers: boolean
  /** Does any document carry a tag, so the site has tag pages (computed once per build)? */
  readonly hasTags: boolean
}

/**
 * Layout props for a page. `address` is where the page is published (for
 * its canonical URL and Open Graph); leave it out for pages served at any
 * address, such as 404.html.
 */
export function layoutProps(context: PageContext, title: string | undefined, description: string, current?: 'home' | 'papers' | 'graph' | 'tags', address?: PageAddress): LayoutProps {
  const { site, root } = context
  const nav = [{ href: urlFor(root, 'home'), label: 'Home', current: current === 'home' }]
  if (context.hasPapers) nav.push({ href: urlFor(root, { slug: papersPageSlug }), label: 'Papers', current: current === 'papers' })
  if (context.hasTags) nav.push({ href: urlFor(root, { slug: tagsPageSlug }), label: 'Tags', current: current === 'tags' })
  if (context.graph.documents.size > 0) nav.push({ href: urlFor(root, { slug: graphPageSlug }), label: 'Graph', current: current === 'graph' })
  return {
    siteTitle: site.title,
    homeHref: urlFor(root, 'home'),
    stylesheetHref: urlFor(root, { file: assetFiles.stylesheet }),
    scriptHref: urlFor(root, { file: assetFiles.script }),
    themeScriptHref: urlFor(root, { file: assetFiles.theme }),
    moduleHrefs: [urlFor(root, { file: assetFiles.search }), urlFor(root, { file: assetFiles.preview })],
    documentTitle: title ? `${title} · ${site.title}` : site.title,
    description,
    nav,
    meta: pageMeta(site, root, { address, title: title ?? site.title, description, article: address !== undefined && address !== 'home' && context.graph.documents.has(address.slug) }),
  }
}

/** A card for the document `slug`. */
export function card(context: PageContext, slug: Slug): DocumentCard {
  const doc = context.graph.documents.get(slug)!
  return { href: urlFor(context.root, { slug }), title: doc.data.title, summary: doc.data.summary, type: doc.type }
}

/**
 * The research prompt of an inquiry, as it is shown, copied and
 * downloaded. When `library` is not given, the span is the years of the
 * inquiry's sources and claims.
 */
export function inquiryPromptText(graph: Graph, inquiry: Inquiry): string | undefined {
  const prompt = inquiry.data.prompt
  if (!prompt) return undefined
  return promptText({
    role: prompt.role,
    question: prompt.question,
    library: prompt.library ?? librarySpan(graph, inquiry),
    claims: prompt.claims.map((claim) => ({ text: claim.text, date: claim.date })),
    anchors: prompt.anchors,
    tasks: prompt.tasks,
    closing: prompt.closing,
  })
}

/** "2024–2026" from the dates of an inquiry's sources and claims. */
export function librarySpan(graph: Graph, inquiry: Inquiry): string | undefined {
  const years: number[] = []
  for (const slug of graph.sources.get(inquiry.slug) ?? []) {
    const doc = graph.documents.get(slug)
    const date = doc && documentDates(graph, doc).date
    const parsed = date ? parseFuzzyDate(date) : undefined
    if (parsed) years.push(parsed.year)
  }
  for (const claim of inquiry.data.prompt?.claims ?? []) {
    const parsed = parseFuzzyDate(claim.date)
    if (parsed) years.push(parsed.year)
  }
  return yearSpan(years)
}

/** A page's dates: when it was written, and when it last changed if that was another day. */
function pageDates(graph: Graph, doc: Doc): { date: string | undefined; updated: string | undefined } {
  const { date, updated } = documentDates(graph, doc)
  return { date, updated: updated !== undefined && updated !== date ? updated : undefined }
}

function dateProps(text: string): DateProps {
  const parsed = parseFuzzyDate(text)
  return { text, dateTime: parsed ? machineDate(parsed) : text }
}

function claimProps(context: PageContext, inquiry: Inquiry): ClaimProps[] {
  const support = context.graph.claimSupport.get(inquiry.slug) ?? []
  return (inquiry.data.prompt?.claims ?? []).map((claim, i) => {
    const parsed = parseFuzzyDate(claim.date)
    const age = parsed ? ageInMonths(parsed, context.site.buildDate) : 0
    const notes = [...new Set((support[i] ?? []).flatMap((result) => (result.kind === 'resolved' ? [result.slug] : [])))]
    return {
      text: inlineMarkdown(claim.text),
      date: dateProps(claim.date),
      staleMonths: age > context.site.staleAfterMonths ? age : undefined,
      support: notes.map((slug) => ({ href: urlFor(context.root, { slug }), title: context.graph.documents.get(slug)!.data.title })),
    }
  })
}

/** A rendered body and its table of contents, as a page shows them. */
export interface PageBody {
  readonly nodes: ElementContent[]
  readonly toc: readonly TocEntry[]
}

/** Props for an inquiry's page, with `body` its rendered body. */
export function inquiryProps(context: PageContext, inquiry: Inquiry, body: PageBody): InquiryPageProps {
  const { graph } = context
  const text = inquiryPromptText(graph, inquiry)
  const prompt: PromptProps | undefined = text === undefined ? undefined : { runs: arxivRuns(text), downloadHref: promptFileName }
  const next = (graph.next.get(inquiry.slug) ?? []).flatMap((result) =>
    result.kind === 'resolved' && graph.documents.get(result.slug)?.type === 'inquiry' ? [card(context, result.slug)] : [],
  )
  const papers: PaperLink[] = (inquiry.data.prompt?.anchors ?? []).map((anchor) => ({ id: anchor.arxiv, href: arxivUrl(anchor.arxiv), title: anchor.title, date: anchor.date }))
  const listed = new Set(papers.map((paper) => paper.id))
  for (const id of inquiry.data.papers ?? []) if (!listed.has(id)) papers.push({ id, href: arxivUrl(id) })
  return {
    layout: { ...layoutProps(context, inquiry.data.title, inquiry.data.summary, undefined, { slug: inquiry.slug }), breadcrumbs: breadcrumbsFor(context, inquiry.slug, inquiry.data.title), markdownHref: pageMarkdownName },
    title: inquiry.data.title,
    summary: inquiry.data.summary,
    ...pageDates(graph, inquiry),
    body: body.nodes,
    sources: (graph.sources.get(inquiry.slug) ?? []).map((slug) => card(context, slug)),
    next,
    suggestions: (graph.suggestions.get(inquiry.slug) ?? []).map((slug) => card(context, slug)),
    claims: claimProps(context, inquiry),
    staleAfterMonths: context.site.staleAfterMonths,
    papers,
    prompt,
    citedBy: (graph.citedBy.get(inquiry.slug) ?? []).map((slug) => card(context, slug)),
    localGraph: localGraphProps(graph, inquiry.slug, context.root),
    toc: body.toc,
    folder: ownFolderListing(context, inquiry.slug),
  }
}

/** Props for a note's page, with `body` its rendered body. */
export function noteProps(context: PageContext, note: Note, body: PageBody): NotePageProps {
  const { graph } = context
  const backs: BackedClaimProps[] = (graph.backs.get(note.slug) ?? []).map(({ inquiry, claim }) => {
    const doc = graph.documents.get(inquiry) as Inquiry
    const data = doc.data.prompt!.claims[claim]!
    return { text: inlineMarkdown(data.text), date: dateProps(data.date), inquiry: { href: urlFor(context.root, { slug: inquiry }), title: doc.data.title } }
  })
  return {
    layout: { ...layoutProps(context, note.data.title, note.data.summary || note.data.title, undefined, { slug: note.slug }), breadcrumbs: breadcrumbsFor(context, note.slug, note.data.title), markdownHref: pageMarkdownName },
    title: note.data.title,
    summary: note.derived.summary === 'paragraph' || note.derived.summary === 'none' ? undefined : note.data.summary,
    ...pageDates(graph, note),
    tags: note.data.tags ?? [],
    papers: (note.data.papers ?? []).map((id) => ({ id, href: arxivUrl(id) })),
    body: body.nodes,
    citedBy: (graph.citedBy.get(note.slug) ?? []).map((slug) => card(context, slug)),
    backs,
    localGraph: localGraphProps(graph, note.slug, context.root),
    tagLinks: tagLinks(context, note.data.tags),
    toc: body.toc,
    folder: ownFolderListing(context, note.slug),
  }
}

/** Every cited paper: its title and date where an anchor gives them, and the documents citing it (by slug). */
export function citedPapers(graph: Graph): Map<string, { title: string | undefined; date: string | undefined; citedBy: Slug[] }> {
  const papers = new Map<string, { title: string | undefined; date: string | undefined; citedBy: Slug[] }>()
  const add = (id: string, slug: Slug, title?: string, date?: string): void => {
    const entry = papers.get(id) ?? { title: undefined, date: undefined, citedBy: [] }
    entry.title ??= title
    entry.date ??= date
    if (!entry.citedBy.includes(slug)) entry.citedBy.push(slug)
    papers.set(id, entry)
  }
  for (const [slug, doc] of graph.documents) {
    if (doc.type === 'inquiry') for (const anchor of doc.data.prompt?.anchors ?? []) add(anchor.arxiv, slug, anchor.title, anchor.date)
    for (const id of doc.data.papers ?? []) add(id, slug)
  }
  return new Map([...papers].sort((a, b) => compare(a[0], b[0])))
}

/** Props for the papers page. */
export function papersProps(context: PageContext): PapersPageProps {
  const papers: PaperEntryProps[] = [...citedPapers(context.graph)].map(([id, entry]) => ({
    id,
    href: arxivUrl(id),
    title: entry.title,
    date: entry.date,
    citedBy: entry.citedBy.map((slug) => {
      const doc = context.graph.documents.get(slug)!
      return { href: urlFor(context.root, { slug }), title: doc.data.title, type: doc.type }
    }),
  }))
  return { layout: layoutProps(context, 'Papers', 'Every paper cited in this library, with the inquiries and notes that cite it.', 'papers', { slug: papersPageSlug }), papers }
}

/** The page of notes not written yet lists at most this many, the most cited (`quire check --report` lists them all). */
export const unwrittenListed = 500

/** Each note not written yet names at most this many of the documents that link to it, then says how many more. */
export const unwrittenCitersListed = 10

/** Props for the page of notes not written yet; `notes` ranked as `unwrittenNotes` ranks them. */
export function unwrittenProps(context: PageContext, notes: readonly UnwrittenNote[]): UnwrittenPageProps {
  const ids = new Set<string>()
  const entries: UnwrittenEntryProps[] = notes.slice(0, unwrittenListed).map((note) => {
    // Keys are distinct, but a name kept as it was may hold spaces, which an id may not.
    let id = `unwritten-${note.key.replace(/\s+/g, '-')}`
    while (ids.has(id)) id += '-'
    ids.add(id)
    return {
      name: note.name,
      id,
      citedByCount: note.citedBy.length,
      citedBy: note.citedBy.slice(0, unwrittenCitersListed).map((slug) => {
        const doc = context.graph.documents.get(slug)!
        return { href: urlFor(context.root, { slug }), title: doc.data.title, type: doc.type }
      }),
    }
  })
  const description = 'Notes this library links to that are not written yet, most cited first, with the notes that link to them.'
  return { layout: layoutProps(context, 'Not written yet', description, undefined, { slug: unwrittenPageSlug }), total: notes.length, notes: entries }
}

/** Documents of one type, ordered for listing: by title, then slug. */
export function listed(graph: Graph, type: Doc['type']): Slug[] {
  const slugs: Slug[] = []
  // The home page's own content (`index.md`) is not listed on it.
  for (const [slug, doc] of graph.documents) if (doc.type === type && slug !== homeSlug) slugs.push(slug)
  return slugs.sort((a, b) => {
    const ta = graph.documents.get(a)!.data.title.toLowerCase()
    const tb = graph.documents.get(b)!.data.title.toLowerCase()
    return compare(ta, tb) || compare(a, b)
  })
}
