/**
 * Render: the graph → every file of the site, as strings in memory.
 */
import type { Root } from 'hast'
import rehypeStringify from 'rehype-stringify'
import { unified } from 'unified'
import { homePage } from '../../templates/home.js'
import { inquiryPage } from '../../templates/inquiry.js'
import { notFoundPage } from '../../templates/not-found.js'
import { notePage } from '../../templates/note.js'
import type { Graph, SiteOptions, Slug } from '../model.js'
import { siteAssets } from './assets.js'
import { graphJson, serialiseJson } from './graph-json.js'
import { pageFingerprint } from './page-inputs.js'
import { card, inquiryProps, layoutProps, listed, noteProps } from './pages.js'
import { rootFromBase, rootFromPage } from './url.js'

/** One file of the site: a path relative to the output folder and its contents. */
export interface OutputFile {
  readonly path: string
  readonly contents: string
}

const serializer = unified().use(rehypeStringify).freeze()

/** Serialise a page tree to HTML text. */
export function pageHtml(tree: Root): string {
  return serializer.stringify(tree) + '\n'
}

/** Render the page of one document. */
export function renderDocument(graph: Graph, slug: Slug, site: SiteOptions): OutputFile {
  const doc = graph.documents.get(slug)!
  const root = rootFromPage(slug)
  const tree = doc.type === 'inquiry' ? inquiryPage(inquiryProps(graph, doc, site, root)) : notePage(noteProps(graph, doc, site, root))
  return { path: `${slug}/index.html`, contents: pageHtml(tree) }
}

/** Rendered document pages by slug, with the fingerprint of their inputs. */
export type RenderCache = ReadonlyMap<Slug, { readonly fingerprint: string; readonly file: OutputFile }>

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
 * Render every file of the site, in a stable order. Given the cache of an
 * earlier render, document pages whose inputs did not change are reused.
 */
export async function renderSite(graph: Graph, site: SiteOptions, previous?: RenderCache): Promise<RenderedSite> {
  const files: OutputFile[] = []
  const cache = new Map<Slug, { fingerprint: string; file: OutputFile }>()
  const rendered: Slug[] = []
  const home = rootFromPage(undefined)
  files.push({
    path: 'index.html',
    contents: pageHtml(
      homePage({
        layout: layoutProps(site, home, undefined, site.description ?? `${site.title}: research notes and inquiry lines`),
        description: site.description,
        inquiries: listed(graph, 'inquiry').map((slug) => card(graph, slug, home)),
        notes: listed(graph, 'note').map((slug) => card(graph, slug, home)),
      }),
    ),
  })
  for (const slug of graph.documents.keys()) {
    const fingerprint = pageFingerprint(graph, slug, site)
    const earlier = previous?.get(slug)
    const file = earlier && earlier.fingerprint === fingerprint ? earlier.file : renderDocument(graph, slug, site)
    if (file !== earlier?.file) rendered.push(slug)
    cache.set(slug, { fingerprint, file })
    files.push(file)
  }
  files.push({ path: '404.html', contents: pageHtml(notFoundPage({ layout: layoutProps(site, rootFromBase(site.base), 'Page not found', 'This page does not exist.') })) })
  files.push({ path: 'graph.json', contents: serialiseJson(graphJson(graph, site)) })
  files.push(...(await siteAssets()))
  return { files, cache, rendered }
}
