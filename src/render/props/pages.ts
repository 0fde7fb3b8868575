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
  NumberedLink,
  InquiryPageProps,
  NotePageProps,
  PaperEntryProps,
  PaperLink,
  PapersPageProps,
  PromptProps,
  SourceCardProps,
  TocEntry,
  UnwrittenEntryProps,
  UnwrittenPageProps,
} from '../../../templates/props.js'
import { promptBlocks, promptMarkdown, type PromptBlock } from '../../../templates/prompt.js'
import { ageInMonths, machineDate, parseFuzzyDate, yearSpan } from '../../dates.js'
import { compare } from '../../diagnostics.js'
import { documentDates } from '../../document-dates.js'
import { inquirySources } from '../../graph/inquiry-sources.js'
import { byStructure } from '../../graph/structure.js'
import { paperKey, RecordingMap } from '../../graph/recorded-reads.js'
import { unwrittenPageSlug, type UnwrittenNote } from '../../graph/unwritten-notes.js'
import type { Doc, Graph, Inquiry, Note, Slug } from '../../model.js'
import { inlineMarkdown } from '../body/inline.js'
import { localGraphProps } from './local-graph.js'
import { card, layoutProps, papersPageSlug, promptFileName } from './layout-props.js'
import type { PageContext } from './page-context.js'
import { citedPapers } from '../../graph/papers.js'
import { sourceNumbers } from './source-numbers.js'
import { breadcrumbsFor, ownFolderListing } from './navigation.js'
import { pageMarkdownName } from '../site-files/page-markdown.js'
import { promptBlockProps } from './prompt-view.js'
import { readingMinutes, wordCount } from './reading-time.js'
import { tagLinks } from './tag-links.js'
import { arxivUrl, homeSlug, urlFor } from '../url.js'

export { assetFiles, card, layoutProps, papersPageSlug, promptFileName } from './layout-props.js'
export type { PageContext } from './page-context.js'

/**
 * The research prompt of an inquiry, as it is copied and downloaded. When
 * `library` is not given, the span is the years of the inquiry's sources
 * and claims.
 */
export function inquiryPromptText(graph: Graph, inquiry: Inquiry): string | undefined {
  const blocks = inquiryPromptBlocks(graph, inquiry)
  return blocks && promptMarkdown(blocks)
}

/** The blocks of an inquiry's research prompt (see `inquiryPromptText`), or undefined when it has none. */
export function inquiryPromptBlocks(graph: Graph, inquiry: Inquiry): PromptBlock[] | undefined {
  const prompt = inquiry.data.prompt
  if (!prompt) return undefined
  return promptBlocks({
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
  for (const slug of inquirySources(graph, inquiry.slug)) {
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

/** The element id of source `n` and of claim `n` on an inquiry's page (a dot, so no heading's or block's id can be the same). */
export function sourceId(n: number): string {
  return `source.${n}`
}
export function claimId(n: number): string {
  return `claim.${n}`
}

/** For each claim of `inquiry`, the notes that support it (each once, in the order the claim names them). */
function claimNotes(graph: Graph, inquiry: Inquiry): Slug[][] {
  const support = graph.claimSupport.get(inquiry.slug) ?? []
  return (inquiry.data.prompt?.claims ?? []).map((_, i) => [
    ...new Set((support[i] ?? []).flatMap((result) => (result.kind === 'resolved' ? [result.slug] : []))),
  ])
}

function claimProps(context: PageContext, inquiry: Inquiry, sources: readonly Slug[], notes: readonly Slug[][]): ClaimProps[] {
  return (inquiry.data.prompt?.claims ?? []).map((claim, i) => {
    const parsed = parseFuzzyDate(claim.date)
    const age = parsed ? ageInMonths(parsed, context.site.buildDate) : 0
    return {
      number: i + 1,
      id: claimId(i + 1),
      staleMonths: age > context.site.staleAfterMonths ? age : undefined,
      support: (notes[i] ?? [])
        .map((slug): NumberedLink => {
          const title = context.graph.documents.get(slug)!.data.title
          const at = sources.indexOf(slug)
          return at < 0 ? { number: undefined, href: urlFor(context.root, { slug }), title } : { number: at + 1, href: `#${sourceId(at + 1)}`, title }
        })
        // Sources by number, then notes that are not sources as the claim names them.
        .sort((a, b) => (a.number ?? Number.MAX_SAFE_INTEGER) - (b.number ?? Number.MAX_SAFE_INTEGER)),
    }
  })
}

/** The cards of an inquiry's sources, numbered in order, each with its date and the claims it supports. */
function sourceCards(context: PageContext, sources: readonly Slug[], notes: readonly Slug[][]): SourceCardProps[] {
  return sources.map((slug, i) => {
    const doc = context.graph.documents.get(slug)!
    const date = documentDates(context.graph, doc).date
    const claims: NumberedLink[] = []
    notes.forEach((supporting, c) => {
      if (supporting.includes(slug)) claims.push({ number: c + 1, href: `#${claimId(c + 1)}`, title: `Claim ${c + 1}` })
    })
    return { ...card(context, slug), number: i + 1, id: sourceId(i + 1), date: date === undefined ? undefined : dateProps(date), claims }
  })
}

/** A rendered body and its table of contents, as a page shows them. */
export interface PageBody {
  readonly nodes: ElementContent[]
  readonly toc: readonly TocEntry[]
  /** The words a reader sees in the body, when counted already (see `wordCount`). */
  readonly words?: number | undefined
}

/** Props for an inquiry's page, with `body` its rendered body. */
export function inquiryProps(context: PageContext, inquiry: Inquiry, body: PageBody): InquiryPageProps {
  const { graph } = context
  const blocks = inquiryPromptBlocks(graph, inquiry)
  const prompt: PromptProps | undefined = blocks && { markdown: promptMarkdown(blocks), blocks: promptBlockProps(blocks), downloadHref: promptFileName }
  const next = (graph.next.get(inquiry.slug) ?? []).flatMap((result) =>
    result.kind === 'resolved' && graph.documents.get(result.slug)?.type === 'inquiry' ? [card(context, result.slug)] : [],
  )
  // The anchor papers are shown in the prompt; any other paper it cites is listed on its own.
  const anchors = new Set((inquiry.data.prompt?.anchors ?? []).map((anchor) => anchor.arxiv))
  const papers = paperLinks(
    graph,
    (inquiry.data.papers ?? []).filter((id) => !anchors.has(id)),
  )
  const sources = [...sourceNumbers(graph, inquiry.slug).keys()]
  const notes = claimNotes(graph, inquiry)
  return {
    layout: {
      ...layoutProps(context, inquiry.data.title, inquiry.data.summary, undefined, { slug: inquiry.slug }),
      breadcrumbs: breadcrumbsFor(context, inquiry.slug, inquiry.data.title),
      markdownHref: pageMarkdownName,
    },
    title: inquiry.data.title,
    summary: inquiry.data.summary,
    ...pageDates(graph, inquiry),
    body: body.nodes,
    // Numbered as every drawing and list on the page numbers them (see `source-numbers.ts`).
    sources: sourceCards(context, sources, notes),
    next,
    suggestions: (graph.suggestions.get(inquiry.slug) ?? []).map((slug) => card(context, slug)),
    claims: claimProps(context, inquiry, sources, notes),
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
    // The link goes to the claim itself on the inquiry's page.
    return {
      text: inlineMarkdown(data.text),
      date: dateProps(data.date),
      inquiry: { href: `${urlFor(context.root, { slug: inquiry })}#${claimId(claim + 1)}`, title: doc.data.title },
    }
  })
  return {
    layout: {
      ...layoutProps(context, note.data.title, note.data.summary || note.data.title, undefined, { slug: note.slug }),
      breadcrumbs: breadcrumbsFor(context, note.slug, note.data.title),
      markdownHref: pageMarkdownName,
    },
    title: note.data.title,
    summary: note.derived.summary === 'paragraph' || note.derived.summary === 'none' ? undefined : note.data.summary,
    ...pageDates(graph, note),
    readingMinutes: readingMinutes(
      (body.words ?? wordCount(note.file.text.slice(note.bodyOffset))) +
        (note.derived.summary === undefined || note.derived.summary === 'description' ? wordCount(note.data.summary) : 0),
    ),
    tags: note.data.tags ?? [],
    papers: paperLinks(graph, note.data.papers ?? []),
    body: body.nodes,
    citedBy: (graph.citedBy.get(note.slug) ?? []).map((slug) => card(context, slug)),
    backs,
    localGraph: localGraphProps(graph, note.slug, context.root),
    tagLinks: tagLinks(context, note.data.tags),
    toc: body.toc,
    folder: ownFolderListing(context, note.slug),
  }
}

/** Every cited paper (see `citedPapers`), computed once per structure of the graph: anchors' titles and dates are front matter. */
const paperCatalogue = byStructure(
  (graph): ReadonlyMap<string, CitedPaper> => citedPapers(graph),
  (catalogue) => new RecordingMap(catalogue, paperKey('')),
)

/** A paper of the catalogue: its title and date where an anchor gives them, and who cites it. */
type CitedPaper = ReturnType<typeof citedPapers> extends Map<string, infer V> ? V : never

/** Links to the papers `ids`, each with the title and date the papers page gives it. */
function paperLinks(graph: Graph, ids: readonly string[]): PaperLink[] {
  const catalogue = paperCatalogue(graph)
  return ids.map((id) => {
    const entry = catalogue.get(id)
    return { id, href: arxivUrl(id), title: entry?.title, date: entry?.date }
  })
}

/** Props for the papers page. */
export function papersProps(context: PageContext): PapersPageProps {
  const papers: PaperEntryProps[] = [...paperCatalogue(context.graph)].map(([id, entry]) => ({
    id,
    href: arxivUrl(id),
    title: entry.title,
    date: entry.date,
    citedBy: entry.citedBy.map((slug) => {
      const doc = context.graph.documents.get(slug)!
      return { href: urlFor(context.root, { slug }), title: doc.data.title, type: doc.type }
    }),
  }))
  return {
    layout: layoutProps(context, 'Papers', 'Every paper cited in this library, with the inquiries and notes that cite it.', 'papers', { slug: papersPageSlug }),
    papers,
  }
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
