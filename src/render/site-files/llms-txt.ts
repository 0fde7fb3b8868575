/**
 * `llms.txt` at the site root, in the form llmstxt.org proposes: the
 * site's title as a `#` heading, its description as a quote, a few lines
 * on how the site is laid out, then `## Inquiries` and `## Notes`, each a
 * list of `- [title](address): summary`. Every address is a page's
 * Markdown (`…/index.html.md`, see `page-markdown.ts`): absolute when the
 * site has a `url`, else relative to the site root, as in `feed.xml`.
 *
 * A library of at most {@link listEveryNoteUpTo} listed notes has every
 * note in `llms.txt`. A larger one lists its inquiries, the notes at its
 * top, and its top folders, each with how many notes it holds and the
 * address of the folder's Markdown, which lists that folder's sub-folders
 * and notes the same way. So the file stays small enough to read whole
 * (a few kilobytes at 10,000 notes), and every note is two steps away.
 *
 * Only published documents appear: drafts and ignored files are never in
 * the graph's documents.
 */
import type { Graph, SiteOptions, Slug } from '../../model.js'
import { folderTree, isListed, sortByTitle, type Folder } from '../props/folders.js'
import { listingLine, markdownAddress } from './page-markdown.js'

/** Where the file is written, at the site root. */
export const llmsFile = 'llms.txt'

/** Up to this many listed notes, llms.txt lists every note; beyond, it lists folders. */
export const listEveryNoteUpTo = 1000

/** The summary shown for a document in a listing (inquiries and notes both have one). */
function summaryOf(graph: Graph, slug: Slug): string | undefined {
  return graph.documents.get(slug)!.data.summary
}

/** The text of llms.txt. */
export function llmsTxt(graph: Graph, site: SiteOptions): string {
  const inquiries: Slug[] = []
  const notes: Slug[] = []
  for (const [slug, doc] of graph.documents) {
    if (!isListed(slug)) continue
    if (doc.type === 'inquiry') inquiries.push(slug)
    else notes.push(slug)
  }
  const line = (slug: Slug) => listingLine(graph.documents.get(slug)!.data.title, markdownAddress(site, undefined, slug), summaryOf(graph, slug))
  const out = [`# ${site.title.replace(/\s*\n\s*/g, ' ')}`, '']
  const description = site.description ?? 'Research notes and inquiry lines.'
  out.push(`> ${description.replace(/\s*\n\s*/g, ' ')}`, '')
  out.push(
    'A note is a claim titled as a question, with a short summary; an inquiry asks one research question and answers it in prose that links to notes, its sources. ' +
      'Every page has its Markdown at its address followed by `index.html.md`; links inside it go to the pages.',
    '',
  )
  if (inquiries.length > 0) out.push('## Inquiries', '', ...sortByTitle(graph, inquiries).map(line), '')
  if (notes.length === 0) return out.join('\n')
  out.push('## Notes', '')
  if (notes.length <= listEveryNoteUpTo) {
    out.push(...sortByTitle(graph, notes).map(line), '')
    return out.join('\n')
  }
  const tree = folderTree(graph)
  out.push(`${notes.length} notes, by folder: each folder's Markdown lists its notes.`, '')
  for (const slug of tree.top) {
    const folder = tree.folders.get(slug)!
    if (folder.hasPage) out.push(folderLine(site, undefined, folder))
  }
  for (const slug of tree.documents) if (graph.documents.get(slug)!.type === 'note') out.push(line(slug))
  out.push('')
  return out.join('\n')
}

/** A folder in a listing: its name, its Markdown's address and how many notes it holds. */
function folderLine(site: SiteOptions, from: Slug | undefined, folder: Folder): string {
  return listingLine(`${folder.name}/`, markdownAddress(site, from, folder.slug), `${folder.total} ${folder.total === 1 ? 'note' : 'notes'}`)
}

/**
 * A folder's listing as Markdown lines (its sub-folders, then its
 * documents, by title): the Markdown of a folder's page, after its text.
 */
export function folderListingMarkdown(graph: Graph, site: SiteOptions, folder: Folder): string[] {
  const lines: string[] = []
  const tree = folderTree(graph)
  for (const slug of folder.folders) {
    const sub = tree.folders.get(slug)!
    if (sub.hasPage) lines.push(folderLine(site, folder.slug, sub))
  }
  for (const slug of folder.documents) {
    const doc = graph.documents.get(slug)!
    lines.push(listingLine(doc.data.title, markdownAddress(site, folder.slug, slug), doc.data.summary))
  }
  return lines
}

/** The Markdown of a folder's own page (a folder with no note of its own): its name and its listing. */
export function folderMarkdown(graph: Graph, site: SiteOptions, folder: Folder): string {
  const lines = folderListingMarkdown(graph, site, folder)
  // The folder's `index.md` heads its page: it leads the list.
  const index = folder.index === undefined ? undefined : graph.documents.get(folder.index)
  if (index) lines.unshift(listingLine(index.data.title, markdownAddress(site, folder.slug, index.slug), index.data.summary))
  return [`# ${folder.name}`, '', `${folder.total} ${folder.total === 1 ? 'note' : 'notes'} in this folder and below.`, '', ...lines].join('\n') + '\n'
}
