/** The papers a library cites: anchor papers of inquiries and papers listed by notes. */
import { compare } from '../diagnostics.js'
import type { Graph, Slug } from '../model.js'

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
