/**
 * Page props: the graph, seen from one page. Everything a template shows is
 * prepared here (titles, summaries, URLs relative to the page, sanitized
 * bodies), so templates never query the graph.
 */
import type { DocumentCard, InquiryPageProps, LayoutProps, NotePageProps, PromptProps } from '../../templates/props.js'
import { promptText } from '../../templates/prompt.js'
import type { Doc, Graph, Inquiry, Note, SiteOptions, Slug } from '../model.js'
import { arxivRuns } from './arxiv-links.js'
import { renderBody } from './body.js'
import { arxivUrl, urlFor, type RootPrefix } from './url.js'

/** Where the site's own assets live, relative to the site root. */
export const assetFiles = { stylesheet: 'assets/quire.css', script: 'assets/quire.js' } as const

/** Layout props for a page reached through `root`. */
export function layoutProps(site: SiteOptions, root: RootPrefix, title: string | undefined, description: string): LayoutProps {
  return {
    siteTitle: site.title,
    homeHref: urlFor(root, 'home'),
    stylesheetHref: urlFor(root, { file: assetFiles.stylesheet }),
    scriptHref: urlFor(root, { file: assetFiles.script }),
    documentTitle: title ? `${title} · ${site.title}` : site.title,
    description,
  }
}

/** A card for the document `slug`, linked from a page reached through `root`. */
export function card(graph: Graph, slug: Slug, root: RootPrefix): DocumentCard {
  const doc = graph.documents.get(slug)!
  return { href: urlFor(root, { slug }), title: doc.data.title, summary: doc.data.summary, type: doc.type }
}

/** The research prompt of an inquiry, as it is shown and copied. */
export function inquiryPromptText(inquiry: Inquiry): string | undefined {
  const prompt = inquiry.data.prompt
  if (!prompt) return undefined
  return promptText({ ...prompt, library: prompt.library, closing: prompt.closing })
}

/** Props for an inquiry's page. */
export function inquiryProps(graph: Graph, inquiry: Inquiry, site: SiteOptions, root: RootPrefix): InquiryPageProps {
  const text = inquiryPromptText(inquiry)
  const prompt: PromptProps | undefined = text === undefined ? undefined : { runs: arxivRuns(text) }
  const next = (graph.next.get(inquiry.slug) ?? []).flatMap((result) =>
    result.kind === 'resolved' && graph.documents.get(result.slug)?.type === 'inquiry' ? [card(graph, result.slug, root)] : [],
  )
  return {
    layout: layoutProps(site, root, inquiry.data.title, inquiry.data.summary),
    title: inquiry.data.title,
    summary: inquiry.data.summary,
    date: inquiry.data.date,
    body: renderBody(inquiry, graph, root),
    sources: (graph.sources.get(inquiry.slug) ?? []).map((slug) => card(graph, slug, root)),
    next,
    prompt,
    citedBy: (graph.citedBy.get(inquiry.slug) ?? []).map((slug) => card(graph, slug, root)),
  }
}

/** Props for a note's page. */
export function noteProps(graph: Graph, note: Note, site: SiteOptions, root: RootPrefix): NotePageProps {
  return {
    layout: layoutProps(site, root, note.data.title, note.data.summary),
    title: note.data.title,
    summary: note.data.summary,
    date: note.data.date,
    tags: note.data.tags ?? [],
    papers: (note.data.papers ?? []).map((id) => ({ id, href: arxivUrl(id) })),
    body: renderBody(note, graph, root),
    citedBy: (graph.citedBy.get(note.slug) ?? []).map((slug) => card(graph, slug, root)),
  }
}

/** Documents of one type, ordered for listing: by title, then slug. */
export function listed(graph: Graph, type: Doc['type']): Slug[] {
  const slugs: Slug[] = []
  for (const [slug, doc] of graph.documents) if (doc.type === type) slugs.push(slug)
  return slugs.sort((a, b) => {
    const ta = graph.documents.get(a)!.data.title.toLowerCase()
    const tb = graph.documents.get(b)!.data.title.toLowerCase()
    return ta < tb ? -1 : ta > tb ? 1 : a < b ? -1 : a > b ? 1 : 0
  })
}
