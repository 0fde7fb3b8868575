/**
 * Render: the graph → every file of the site, as strings in memory.
 */
import { createHash } from 'node:crypto'
import type { ElementContent, Root } from 'hast'
import rehypeStringify from 'rehype-stringify'
import { unified } from 'unified'
import { homePage } from '../../templates/home.js'
import { inquiryPage } from '../../templates/inquiry.js'
import { notFoundPage } from '../../templates/not-found.js'
import { notePage } from '../../templates/note.js'
import { papersPage } from '../../templates/papers.js'
import { graphPage } from '../../templates/graph.js'
import type { Progress } from '../analyse.js'
import type { Graph, SiteOptions, Slug } from '../model.js'
import { siteAssets } from './assets.js'
import { loadBodyExtensions } from './body-extensions.js'
import { renderBody } from './body.js'
import { atomFeed, feedFile } from './feed.js'
import { graphJson, serialiseJson } from './graph-json.js'
import { graphPageProps, graphPageSlug } from './graph-page.js'
import { previewsFile, previewsJson } from './previews.js'
import { searchIndexFiles } from './search-index.js'
import { hasTags, tagPages } from './tags.js'
import { card, citedPapers, inquiryPromptText, inquiryProps, layoutProps, listed, noteProps, papersPageSlug, papersProps, promptFileName, type PageContext } from './pages.js'
import { crawlerFiles } from './sitemap.js'
import { rootFromBase, rootFromPage } from './url.js'

/** One file of the site: a path relative to the output folder and its contents. */
export interface WrittenFile {
  readonly path: string
  readonly contents: string
}

/** A file whose bytes are already on disk from the previous build (hard-linked, not rewritten). */
export interface ReusedFile {
  readonly path: string
  readonly reuseFrom: string
}

/** A file of the site. */
export type OutputFile = WrittenFile | ReusedFile

/** The text of a file rendered in memory (dev and tests build without reuse). */
export function contentsOf(file: OutputFile): string {
  if ('contents' in file) return file.contents
  throw new Error(`quire: ${file.path} was reused from disk, not rendered`)
}

const serializer = unified().use(rehypeStringify).freeze()

/** Serialise a page tree to HTML text. */
export function pageHtml(tree: Root): string {
  return serializer.stringify(tree) + '\n'
}

/** Rendered document pages by slug, with the fingerprint of their inputs. */
export type RenderCache = ReadonlyMap<Slug, { readonly fingerprint: string; readonly files: readonly OutputFile[] }>

/** A rendered site. */
export interface RenderedSite {
  /** Every file, in a stable order. */
  readonly files: OutputFile[]
  /** Pass back as `previous` to re-render only what changed. */
  readonly cache: RenderCache
  /** Documents whose page was rendered this time. */
  readonly rendered: Slug[]
}

/**
 * The fingerprint of a document's page. The page is its props (computed
 * cheaply, with an empty body) plus its body, and the body depends only on
 * the document's text and the slug and title of each link target. So two
 * renders with the same fingerprint produce the same bytes, whatever
 * feature adds a prop later.
 */
function fingerprint(context: PageContext, slug: Slug, props: unknown): string {
  const { graph } = context
  const doc = graph.documents.get(slug)!
  const hash = createHash('sha256')
  hash.update(JSON.stringify(props))
  hash.update('\u0000')
  hash.update(doc.file.text)
  for (const result of graph.resolved.get(slug) ?? []) {
    hash.update('\u0000')
    if (result.kind === 'resolved') hash.update(`${result.slug}\u0001${graph.documents.get(result.slug)?.data.title ?? ''}`)
    else hash.update(result.kind)
  }
  return hash.digest('base64url')
}

/** Props of a document's page with the body left out (for fingerprints) or filled in. */
function documentProps(context: PageContext, slug: Slug, body: ElementContent[]) {
  const doc = context.graph.documents.get(slug)!
  return doc.type === 'inquiry' ? ({ type: 'inquiry', props: inquiryProps(context, doc, body) } as const) : ({ type: 'note', props: noteProps(context, doc, body) } as const)
}

/** The files of one document: its page, and for an inquiry with a prompt, `prompt.md`. */
function renderDocument(context: PageContext, slug: Slug): OutputFile[] {
  const doc = context.graph.documents.get(slug)!
  const page = documentProps(context, slug, renderBody(doc, context.graph, context.root))
  const tree = page.type === 'inquiry' ? inquiryPage(page.props) : notePage(page.props)
  const files: WrittenFile[] = [{ path: `${slug}/index.html`, contents: pageHtml(tree) }]
  if (doc.type === 'inquiry') {
    const prompt = inquiryPromptText(context.graph, doc)
    if (prompt !== undefined) files.push({ path: `${slug}/${promptFileName}`, contents: prompt })
  }
  return files
}

/**
 * Render every file of the site, in a stable order. Given the cache of an
 * earlier render, document pages whose inputs did not change are reused.
 */
export async function renderSite(graph: Graph, site: SiteOptions, previous?: RenderCache, onProgress?: Progress): Promise<RenderedSite> {
  const files: OutputFile[] = []
  const cache = new Map<Slug, { fingerprint: string; files: readonly OutputFile[] }>()
  const rendered: Slug[] = []
  const papers = citedPapers(graph)
  const hasPapers = papers.size > 0
  const tagged = hasTags(graph)
  const home: PageContext = { graph, site, root: rootFromPage(undefined), hasPapers, hasTags: tagged }

  files.push({
    path: 'index.html',
    contents: pageHtml(
      homePage({
        layout: layoutProps(home, undefined, site.description ?? `${site.title}: research notes and inquiry lines`, 'home', 'home'),
        description: site.description,
        inquiries: listed(graph, 'inquiry').map((slug) => card(home, slug)),
        notes: listed(graph, 'note').map((slug) => card(home, slug)),
      }),
    ),
  })
  await loadBodyExtensions(graph.documents.values())
  let done = 0
  for (const slug of graph.documents.keys()) {
    if (onProgress && done++ % 100 === 0) onProgress('render', done - 1, graph.documents.size)
    const context: PageContext = { graph, site, root: rootFromPage(slug), hasPapers, hasTags: tagged }
    const key = fingerprint(context, slug, documentProps(context, slug, []))
    const earlier = previous?.get(slug)
    const own = earlier && earlier.fingerprint === key ? earlier.files : renderDocument(context, slug)
    if (own !== earlier?.files) rendered.push(slug)
    cache.set(slug, { fingerprint: key, files: own })
    files.push(...own)
  }
  if (hasPapers) {
    files.push({ path: `${papersPageSlug}/index.html`, contents: pageHtml(papersPage(papersProps({ graph, site, root: rootFromPage(papersPageSlug), hasPapers, hasTags: tagged }))) })
  }
  if (graph.documents.size > 0) {
    files.push({ path: `${graphPageSlug}/index.html`, contents: pageHtml(graphPage(graphPageProps({ graph, site, root: rootFromPage(graphPageSlug), hasPapers, hasTags: tagged }))) })
  }
  for (const page of tagPages(graph, (slug) => ({ graph, site, root: rootFromPage(slug), hasPapers, hasTags: tagged }))) files.push({ path: page.path, contents: pageHtml(page.tree) })
  const notFound: PageContext = { graph, site, root: rootFromBase(site.base), hasPapers, hasTags: tagged }
  files.push({ path: '404.html', contents: pageHtml(notFoundPage({ layout: layoutProps(notFound, 'Page not found', 'This page does not exist.') })) })
  files.push({ path: 'graph.json', contents: serialiseJson(graphJson(graph, site)) })
  files.push({ path: previewsFile, contents: previewsJson(graph) }, ...(await searchIndexFiles(graph)))
  const feed = atomFeed(graph, site)
  if (feed !== undefined) files.push({ path: feedFile, contents: feed })
  files.push(...crawlerFiles(site, files.map((file) => file.path)))
  files.push(...(await siteAssets()))
  return { files, cache, rendered }
}
