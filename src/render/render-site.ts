/**
 * Render: the graph → every file of the site.
 *
 * The site is first planned: every file's path, and how to make it. A
 * build then makes the files one at a time and hands each to a sink (the
 * staging folder, which writes it at once, or a list in memory), so no
 * build holds its whole site in memory. `quire dev` keeps the plan and
 * makes a file only when a browser asks for it.
 */
import { createHash } from 'node:crypto'
import { compare } from '../diagnostics.js'
import type { ElementContent, Root } from 'hast'
import { pageHtml, treeHtml } from './serialize/page-html.js'
import { homePage } from '../../templates/home.js'
import { allNotesPage, folderPage } from '../../templates/folder.js'
import { inquiryPage } from '../../templates/inquiry.js'
import { notFoundPage } from '../../templates/not-found.js'
import { notePage } from '../../templates/note.js'
import { paperCard, papersPage } from '../../templates/papers.js'
import { graphPage } from '../../templates/graph.js'
import { unwrittenPage } from '../../templates/unwritten.js'
import type { Progress } from '../progress.js'
import type { Doc, Graph, SiteOptions, Slug } from '../model.js'
import { assetText } from './site-files/assets.js'
import { loadBodyExtensions } from './body/body-extensions.js'
import { bodyNodes, finishBody, renderBody, slotFills, usableDraft } from './body/body.js'
import type { HeldDrafts } from './held-drafts.js'
import type { Drafts } from './drafts.js'
import type { DraftBody } from './body/slots.js'
import {
  contentsOf,
  libraryCacheKey,
  type CacheKey,
  type FileSink,
  type OutputFile,
  type RenderCache,
  type RenderedPage,
  type WrittenFile,
} from './output-files.js'
import { tableOfContents } from './body/toc.js'
import { atomFeed, feedFile } from './site-files/feed.js'
import { graphDataFile, graphDataText } from './site-files/graph-data.js'
import { graphJson, graphJsonPieces } from './site-files/graph-json.js'
import type { ShippedFiles } from '../load/shipped-files.js'
import { graphLibraryFiles } from './site-files/site-files.js'
import { graphPageProps, graphPageSlug } from './props/graph-page.js'
import { previewBuckets, previewFiles, previewsFolder, previewsIndexFile } from './site-files/previews.js'
import { sectionIds } from './site-files/preview-sections.js'
import { searchDocument, searchFingerprint, searchSource, type SearchSource } from './site-files/search-index.js'
import { manifestFile, SearchIndexBuilder, searchBlockOf, searchFolder, searchPaths, type SearchBlock } from './site-files/search-shards.js'
import { describedTag, hasTags, lazyTagPages } from './props/tags.js'
import { byStructure } from '../graph/structure.js'
import { unwrittenNotes, unwrittenPageSlug } from '../graph/unwritten-notes.js'
import {
  assetFiles,
  inquiryPromptText,
  inquiryProps,
  layoutProps,
  noteProps,
  papersPageSlug,
  papersProps,
  promptFileName,
  unwrittenProps,
  type PageBody,
  type PageContext,
} from './props/pages.js'
import { absoluteUrlFor, siteRootUrl } from './site-url.js'
import { allNotesSlug, folderTree, isListed, listingFile, pageCount } from './props/folders.js'
import { allDocuments, allNotesProps, folderPageProps, folderPages, homeSections } from './props/navigation.js'
import { robotsFile, robotsTxt, sitemapFile, sitemapXml } from './site-files/sitemap.js'
import { headersFile, headersText } from './site-files/headers.js'
import { homeSlug, rootFromBase, rootFromPage, urlFor } from './url.js'
import { attachmentFiles, attachmentPath } from './site-files/attachments.js'
import { libraryFingerprint } from './library-fingerprint.js'
import { quartzRedirectsText, redirectsFile } from './site-files/quartz-redirects.js'
import { embeddedTexts } from './body/embeds.js'
import { folderListingMarkdown, folderMarkdown, llmsFile, llmsTxt } from './site-files/llms-txt.js'
import { pageMarkdown, pageMarkdownFile } from './site-files/page-markdown.js'
import { redirectPage } from '../../templates/redirect.js'
import { InFlight } from '../in-flight.js'
import {
  anyProseKey,
  anySummaryKey,
  everything as everythingKey,
  noteRead,
  proseKey,
  readsInto,
  recordingGraph,
  structureKey,
  summaryKey,
  type PageReads,
} from '../graph/recorded-reads.js'
import { ReadRecords } from '../graph/read-records.js'
import { changedReads, readsUnchanged, readValues } from '../graph/read-values.js'
import path from 'node:path'

export { pageHtml }
export { contentsOf, libraryCacheKey, type CacheKey, type FileSink, type OutputFile, type RenderCache, type WrittenFile } from './output-files.js'

/** A rendered site. */
export interface RenderedSite {
  /** Every file, in a stable order (empty when the files went to a sink). */
  readonly files: OutputFile[]
  /** Every file's path, in the same order. */
  readonly paths: string[]
  /** Pass back as `previous` to re-render only what changed. */
  readonly cache: RenderCache
  /** Documents whose page was rendered this time. */
  readonly rendered: Slug[]
}

/**
 * What a file of the site is made from, so `quire dev` can tell which
 * files an edit may change without making them: `static` (quire's own
 * files), `site` (the site's settings only), or `library` (the default:
 * anything in the notes folder).
 */
export type FileScope = 'static' | 'site' | 'library'

/** A file of the site that is not a document's: made when it is written or served. */
export interface PlannedFile {
  readonly path: string
  /** What the file is made from (default `library`). */
  readonly scope?: FileScope
  /**
   * The fingerprint of what the file is made from, for files worth not
   * making again (the search files): a build reuses the previous build's
   * file when it is unchanged. Equal fingerprints, equal bytes.
   */
  readonly fingerprint?: () => string
  /**
   * What the file reads of the graph (see `graph/recorded-reads.ts`), for
   * a file whose record is not taken by making it (the search files share
   * the record of their fingerprint). Undefined: recorded as it is made.
   */
  readonly reads?: () => PageReads
  make(): OutputFile | Promise<OutputFile>
}

/** A document's files: its page, and for an inquiry with a prompt, `prompt.md`. */
export interface PlannedDocument {
  readonly slug: Slug
  readonly paths: readonly string[]
}

/** Every file of a site, in order, and how to make each. */
export interface SitePlan {
  readonly graph: Graph
  readonly site: SiteOptions
  /** Every file, in a stable order; a document's files are one entry. */
  readonly entries: readonly (PlannedFile | PlannedDocument)[]
  /** Every file's path, in the same order. */
  readonly paths: readonly string[]
  /** The documents' entries (also in `entries`): the same list in every plan of graphs of one structure. */
  readonly documents: readonly PlannedDocument[]
  /** What every page depends on besides the graph (the site's settings, which shared pages exist). */
  readonly shared: string
  /** The fingerprint of a document's page: equal fingerprints, equal bytes. */
  fingerprint(slug: Slug): string
  /**
   * What a document's page (by its slug) or a file made from the whole
   * library (by `file:` and its path) reads of the graph (see
   * `graph/recorded-reads.ts`): a page's recorded as its fingerprint is
   * taken, a file's as it is made (made now if need be). Every plan of one
   * graph shares the records.
   */
  reads(key: CacheKey): PageReads
  /** The record under `key` if it was taken (or adopted) already: see {@link reads}. */
  recorded(key: CacheKey): PageReads | undefined
  /** Take `reads` as what the page or file at `key` reads, unless it is known: an edit changed nothing it read, so it reads the same. */
  adopt(key: CacheKey, reads: PageReads): void
  /** The keys of the pages and files whose record (taken or adopted so far) holds any of `keys`. */
  readers(keys: Iterable<string>): Set<CacheKey>
  /**
   * Take over the records of `before`, a plan of the graph this one's was
   * made from by an edit, but for those under `stale` (what read something
   * the edit changed): every other page and file reads the same as before.
   * The records move rather than being copied, so this costs as much as the
   * edit, not the library; `before` keeps none.
   */
  carry(before: SitePlan, stale: Iterable<CacheKey>): void
  /** Make a file, recording what it reads unless that is known (see {@link reads}). */
  make(entry: PlannedFile): OutputFile | Promise<OutputFile>
  /** The fingerprint of the whole site (see {@link libraryFingerprint}), worked out once. */
  library(): string
  /** The search index's builder and the fingerprint of its files, so a build can index each document while the pages are made. */
  readonly search: {
    readonly fingerprint: () => string
    readonly builder: () => Promise<SearchIndexBuilder>
    readonly numbers: () => ReadonlyMap<Slug, number>
    /** What the search entry of the document numbered `n` in the index is made from. */
    readonly source: (n: number) => SearchSource
  }
  /** Render a document's files (call {@link loadBodyExtensions} for it first). */
  render(slug: Slug): WrittenFile[]
  /**
   * Have a document's files made and written by the worker thread that
   * holds its draft (see `HeldDrafts`): their paths, and the stamps the
   * worker took as it wrote them. Undefined when no worker holds the draft.
   */
  renderHeld(slug: Slug): { paths: string[]; stamps: Promise<readonly string[]> } | undefined
  /**
   * A document's page is made and the document indexed for search: unless a
   * file made later reads its body (a home, folder or tag page it heads, a
   * page that embeds it), hand the document to `letGo`, which may let its
   * draft go. Its text must stay readable: its link preview is made from it
   * later.
   */
  doneWith(slug: Slug, letGo: (doc: Doc) => void): void
}

/** Is this key of a record (see {@link SitePlan.reads}) a file's rather than a document page's? */
export function isFileKey(key: CacheKey): key is `file:${string}` {
  return key.startsWith('file:')
}

/**
 * What `run` reads of the graph, for a file made from the whole library.
 * Such a file is planned from the graph's structure (which files there
 * are, what each lists), so the record holds the structure too; a file
 * that cannot be made is taken to read everything.
 */
function recordedReads(run: () => unknown): PageReads {
  const reads = new Set<string>([structureKey])
  try {
    const made = readsInto(reads, run)
    if (made instanceof Promise) made.catch(() => undefined)
  } catch {
    return [everythingKey]
  }
  return [...reads]
}

/**
 * The record of a file made from some documents' data and summaries, and
 * the text of those `prose` says: declared, for a file whose record is
 * taken without making it (see `PlannedFile.reads`).
 */
function documentsRead(slugs: readonly Slug[], prose: (slug: Slug) => boolean): PageReads {
  const reads: string[] = [structureKey]
  for (const slug of slugs) {
    reads.push(slug, summaryKey(slug))
    if (prose(slug)) reads.push(proseKey(slug))
  }
  return reads
}

/** Is this entry of a plan a document's? */
export function isDocumentEntry(entry: PlannedFile | PlannedDocument): entry is PlannedDocument {
  return 'slug' in entry
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
    else if (result.kind === 'attachment') hash.update(`attachment\u0001${result.path}\u0001${attachmentPath(graph, result.path)}`)
    else if (result.kind === 'tag') hash.update(`tag\u0001${result.tag}`)
    else hash.update(result.kind)
  }
  // What embedded notes show is part of the page too.
  for (const text of embeddedTexts(graph, slug)) hash.update(`\u0000embed\u0000${text}`)
  return hash.digest('base64url')
}

/**
 * What each page and file of a graph read (see `graph/recorded-reads.ts`):
 * kept with the graph, so every plan of it shares them, and handed on to the
 * next graph, but for the records an edit made stale (see {@link SitePlan.carry}).
 */
const readsByGraph = new WeakMap<Graph, ReadRecords<CacheKey>>()

function recordsOf(graph: Graph): ReadRecords<CacheKey> {
  let records = readsByGraph.get(graph)
  if (!records) readsByGraph.set(graph, (records = new ReadRecords()))
  return records
}

/**
 * A document's body on a page whose way back to the site root is
 * `context.root`: its draft (from `drafts`) finished, or (when it has none
 * in hand) rendered whole.
 */
function pageBodyOf(context: PageContext, doc: Doc, drafts: Drafts | undefined): PageBody {
  const draft = usableDraft(doc, drafts?.get(doc.file.path), context.graph)
  // A body made from its draft was made from the note's text all the same: the read is noted as a body rendered whole
  // notes it through the graph's view, so that a page showing another note's body (the home page's `index.md`, a
  // folder's or a tag's) is made again when that body changes.
  if (draft?.html) {
    noteRead(proseKey(doc.slug))
    return { nodes: bodyNodes(finishBody(doc, draft.html, draft.slots, context.graph, context.root)), toc: draft.toc, words: draft.words }
  }
  const nodes = renderBody(doc, context.graph, context.root)
  return { nodes, toc: tableOfContents(nodes) }
}

/** The content of the home page's `index.md`, if the library has one. */
function homeIntro(context: PageContext, drafts: Drafts | undefined): { title: string; body: ElementContent[] } | undefined {
  const doc = context.graph.documents.get(homeSlug)
  if (!doc) return undefined
  return { title: doc.data.title, body: pageBodyOf(context, doc, drafts).nodes }
}

/** The folder of a folder's `index.md` (`a/b/index` → `a/b`): its text is shown on that folder's page. */
function parentOfIndex(slug: Slug): Slug {
  return slug.slice(0, slug.lastIndexOf('/')) as Slug
}

/** Is the document at `slug` an `index.md` whose text heads the home page or a folder's page (rendered here, not by a worker)? */
function isIntro(slug: Slug): boolean {
  return slug === homeSlug || slug.endsWith('/index')
}

/** How many documents the list of every note holds (as `allDocuments(graph).length`, without sorting). */
function documentCount(graph: Graph): number {
  let n = 0
  for (const slug of graph.documents.keys()) if (isListed(slug)) n++
  return n
}

/** The documents that some document embeds (at any depth: an embedded note's own embeds are links of its own). */
function embedTargets(graph: Graph): Set<Slug> {
  const targets = new Set<Slug>()
  for (const [slug, doc] of graph.documents) {
    const results = graph.resolved.get(slug) ?? []
    doc.links.forEach((link, i) => {
      const result = results[i]
      if (link.embed && result?.kind === 'resolved') targets.add(result.slug)
    })
  }
  return targets
}

/** A redirect page from an alias's address `from` to the document `to`. */
function redirectPageTree(graph: Graph, site: SiteOptions, from: Slug, to: Slug): Root {
  const doc = graph.documents.get(to)!
  return redirectPage({
    siteTitle: site.title,
    title: doc.data.title,
    href: urlFor(rootFromPage(from), { slug: to }),
    canonical: absoluteUrlFor(site, { slug: to }),
  })
}

/** Is `file` the page of an alias redirect? */
function isRedirect(graph: Graph, file: string): boolean {
  return file.endsWith('/index.html') && graph.redirects.has(file.slice(0, -'/index.html'.length) as Slug)
}

const emptyBody: PageBody = { nodes: [], toc: [] }

/** Props of a document's page with the body left out (for fingerprints) or filled in. */
function documentProps(context: PageContext, slug: Slug, body: PageBody) {
  const doc = context.graph.documents.get(slug)!
  return doc.type === 'inquiry'
    ? ({ type: 'inquiry', props: inquiryProps(context, doc, body) } as const)
    : ({ type: 'note', props: noteProps(context, doc, body) } as const)
}

/** A document page's props, with the body left out. */
type DocumentProps = ReturnType<typeof documentProps>

/**
 * The files of one document: its page, and for an inquiry with a prompt,
 * `prompt.md`. `bare` is the page's props without its body, when its
 * fingerprint was just taken from them.
 */
function renderDocument(context: PageContext, slug: Slug, drafts: Drafts | undefined, bare?: DocumentProps): WrittenFile[] {
  const doc = context.graph.documents.get(slug)!
  const body = pageBodyOf(context, doc, drafts)
  const page = bare ?? documentProps(context, slug, { ...emptyBody, words: body.words })
  const tree =
    page.type === 'inquiry' ? inquiryPage({ ...page.props, body: body.nodes, toc: body.toc }) : notePage({ ...page.props, body: body.nodes, toc: body.toc })
  return documentFiles(context, doc, pageHtml(tree))
}

/** The files of one document: its page (`html`), and for an inquiry with a prompt, `prompt.md`. */
function documentFiles(context: PageContext, doc: Doc, html: string): WrittenFile[] {
  const files: WrittenFile[] = [{ path: `${doc.slug}/index.html`, contents: html }]
  const tail: string[] = []
  if (doc.type === 'inquiry') {
    const prompt = inquiryPromptText(context.graph, doc)
    if (prompt !== undefined) {
      files.push({ path: `${doc.slug}/${promptFileName}`, contents: prompt })
      tail.push(`Research prompt: [${promptFileName}](${absoluteUrlFor(context.site, { file: `${doc.slug}/${promptFileName}` }) ?? promptFileName})`)
    }
  }
  // A note whose address is a folder's is that folder's page: its listing follows the text.
  const folder = folderTree(context.graph).folders.get(doc.slug)
  if (folder?.hasPage) tail.push(...folderListingMarkdown(context.graph, context.site, folder))
  files.push({ path: pageMarkdownFile(doc.slug), contents: pageMarkdown(context.graph, context.site, doc, tail) })
  return files
}

/**
 * `renderDocument`, with the page and the document's other files (its
 * Markdown, an inquiry's `prompt.md`) made and written into `folder` by the
 * worker thread that holds the document's draft (`draft`, its HTML there),
 * or by one lent the draft: their paths, and the stamps the worker took as
 * it wrote them. Undefined when no worker makes the page.
 */
function renderHeldDocument(
  context: PageContext,
  slug: Slug,
  draft: DraftBody | undefined,
  held: { drafts: HeldDrafts; folder: string },
  bare?: DocumentProps,
): { paths: string[]; stamps: Promise<readonly string[]> } | undefined {
  const doc = context.graph.documents.get(slug)!
  if (!draft) return undefined
  // A draft the main thread holds goes to a worker only while the workers have little to do; else the main thread makes the page.
  const lent = draft.html && held.drafts.pending() < lendWhileFewerThan ? { html: draft.html, toc: draft.toc } : undefined
  if (!lent && (draft.html || !held.drafts.holds(doc.file.path))) return undefined
  const page = bare ?? documentProps(context, slug, { ...emptyBody, words: draft.words })
  const fills = slotFills(doc, draft.slots, context.graph, context.root)
  const [made, ...others] = documentFiles(context, doc, '')
  const target = (file: WrittenFile): string => path.join(held.folder, file.path)
  const stamps = held.drafts.page(
    doc.file.path,
    { ...page, fills },
    target(made!),
    others.map((file) => ({ target: target(file), contents: file.contents })),
    lent,
  )
  return { paths: [made!.path, ...others.map((file) => file.path)], stamps }
}

/** How many pages worker threads may be making at once (enough to keep each busy while the main thread works). */
const pagesInFlight = 64

/**
 * A page whose draft the main thread holds is sent to a worker thread
 * while it has fewer than this many pages to make: the two threads share
 * the pages without either waiting.
 */
const lendWhileFewerThan = 16

/** Resolves once the event loop has taken what is waiting (messages from worker threads, finished writes). */
function turn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}

/** Make each value once, on first use. */
function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined
  return () => (made ??= { value: make() }).value
}

/** Does any document cite a paper (so the site has a papers page)? As `citedPapers(graph).size > 0`, without collecting them. */
function citesPapers(graph: Graph): boolean {
  for (const doc of graph.documents.values()) {
    if ((doc.data.papers ?? []).length > 0) return true
    if (doc.type === 'inquiry' && (doc.data.prompt?.anchors ?? []).length > 0) return true
  }
  return false
}

/** What decides which shared pages the site has: structure only, so `quire dev` works it out once per structure. */
const traits = byStructure((graph) => ({ hasPapers: citesPapers(graph), tagged: hasTags(graph) }))

/**
 * What the plan of a site lists, worked out from the structure alone, so
 * that planning the site again after an edit to prose or a summary costs
 * little: the notes not written yet, how many documents the list of every
 * note holds, the link previews' buckets, and the documents in the order
 * the search index numbers them.
 */
const listed = byStructure((graph) => ({
  unwritten: unwrittenNotes(graph),
  documentCount: documentCount(graph),
  buckets: previewBuckets(graph),
  slugs: [...graph.documents.keys()],
}))

/** Each document's entry in the plan, in slug order: its page, and an inquiry's prompt file. */
const documentEntries = byStructure((graph): readonly PlannedDocument[] => {
  const entries: PlannedDocument[] = []
  for (const [slug, doc] of graph.documents) {
    // `index.md` is the home page's content, not a page of its own.
    if (slug === homeSlug) continue
    // A note below `tags/` heads its tag's page instead (see `tags.ts`).
    if (describedTag(slug) !== undefined) continue
    const prompt = doc.type === 'inquiry' && Boolean(doc.data.prompt)
    entries.push({
      slug,
      paths: prompt ? [`${slug}/index.html`, `${slug}/${promptFileName}`, pageMarkdownFile(slug)] : [`${slug}/index.html`, pageMarkdownFile(slug)],
    })
  }
  return entries
})

/**
 * Plan every file of the site, in a stable order. Cheap: paths only, no
 * file is made until asked for. Bodies with a draft in `drafts` are made
 * from it; given `folder` (the staging folder the files go to), the worker
 * threads that keep drafts (`drafts.held`) make and write those pages.
 */
export function planSite(graph: Graph, site: SiteOptions, shipped: ShippedFiles, drafts?: Drafts, folder?: string): SitePlan {
  const held = drafts?.held && folder !== undefined ? { drafts: drafts.held, folder } : undefined
  const draftOf = (doc: Doc): DraftBody | undefined => usableDraft(doc, drafts?.get(doc.file.path), graph)
  const { hasPapers, tagged } = traits(graph)
  // Whether there are documents is part of `shared`, so pages need not read the count of the graph.
  const hasDocuments = graph.documents.size > 0
  const contextFor = (slug: Slug | undefined): PageContext => ({ graph, site, root: rootFromPage(slug), hasPapers, hasTags: tagged, hasDocuments })
  // Files made from the whole library read the graph through a view that records what they read, as pages' props do.
  const view = recordingGraph(graph)
  const viewFor = (slug: Slug | undefined): PageContext => ({ ...contextFor(slug), graph: view })
  const entries: (PlannedFile | PlannedDocument)[] = []
  const paths: string[] = []
  const add = (entry: PlannedFile | PlannedDocument): void => {
    entries.push(entry)
    if (isDocumentEntry(entry)) paths.push(...entry.paths)
    else paths.push(entry.path)
  }
  // Every file made from the library is as the previous build made it while the library is unchanged.
  const library = once(() => libraryFingerprint(graph, site))
  const text = (file: string, make: () => string | Promise<string>, scope?: FileScope): PlannedFile => ({
    path: file,
    scope,
    fingerprint: library,
    make: async () => ({ path: file, contents: await make() }),
  })
  // The documents whose text a page other than their own reads (intros of the home, folder and tag pages).
  const readLater = new Set<Slug>()
  const page = (file: string, tree: () => Root, scope?: FileScope, prose: readonly Slug[] = []): PlannedFile => {
    for (const slug of prose) readLater.add(slug)
    return pageEntry(file, tree, scope)
  }
  const pageEntry = (file: string, tree: () => Root, scope: FileScope | undefined): PlannedFile => ({
    path: file,
    scope,
    fingerprint: library,
    make: () => ({ path: file, contents: pageHtml(tree()) }),
  })
  // Links to notes not written yet: their page exists when there are some.
  const { unwritten, documentCount: listedCount, buckets: bucketSlugs, slugs } = listed(graph)

  add(
    page(
      'index.html',
      () => {
        const home = viewFor(undefined)
        return homePage({
          layout: layoutProps(home, undefined, site.description ?? `${site.title}: research notes and inquiry lines`, 'home', 'home'),
          description: site.description,
          intro: homeIntro(home, drafts),
          ...homeSections(home),
          unwritten: unwritten.length > 0 ? { href: urlFor(home.root, { slug: unwrittenPageSlug }), count: unwritten.length } : undefined,
        })
      },
      undefined,
      graph.documents.has(homeSlug) ? [homeSlug] : [],
    ),
  )
  const documents = documentEntries(graph)
  for (const entry of documents) add(entry)
  // Each folder's page, and the further pages of long listings (see `folders.ts`).
  const folders = folderTree(graph)
  const folderBody = (slug: Slug) => pageBodyOf(viewFor(parentOfIndex(slug)), view.documents.get(slug)!, drafts).nodes
  for (const folder of [...folders.folders.values()].sort((a, b) => compare(a.slug, b.slug))) {
    if (!folder.hasPage) continue
    const pages = folderPages(folder)
    for (let n = folder.note === undefined ? 1 : 2; n <= pages; n++) {
      add(
        page(
          listingFile(folder.slug, n),
          () => folderPage(folderPageProps(viewFor(folder.slug), folder, n, folderBody)),
          undefined,
          folder.index === undefined ? [] : [folder.index],
        ),
      )
    }
    // A folder's page of its own has its Markdown too (a folder note's is the note's).
    if (folder.note === undefined) add(text(pageMarkdownFile(folder.slug), () => folderMarkdown(view, site, folder)))
  }
  const everything = once(() => allDocuments(graph))
  // The list of every note, when there is one to list.
  for (let n = 1; listedCount > 0 && n <= pageCount(listedCount); n++)
    add(page(listingFile(allNotesSlug, n), () => allNotesPage(allNotesProps(viewFor(allNotesSlug), everything(), n))))
  // Each paper's card is written as it is made, and only its HTML kept for the page: a large library's cards, as trees
  // all at once, took more memory than anything else made after the documents' pages.
  const writtenCard = (paper: Parameters<typeof paperCard>[0]): ElementContent => ({ type: 'raw', value: treeHtml(paperCard(paper)) })
  if (hasPapers) add(page(`${papersPageSlug}/index.html`, () => papersPage(papersProps(viewFor(papersPageSlug)), writtenCard)))
  if (graph.documents.size > 0) add(page(`${graphPageSlug}/index.html`, () => graphPage(graphPageProps(viewFor(graphPageSlug)))))
  if (unwritten.length > 0) add(page(`${unwrittenPageSlug}/index.html`, () => unwrittenPage(unwrittenProps(viewFor(unwrittenPageSlug), unwritten))))
  const tagIntro = (slug: Slug) => {
    const doc = view.documents.get(slug)
    return doc && { title: doc.data.title, body: pageBodyOf(viewFor(slug), doc, drafts).nodes }
  }
  for (const tagPage of lazyTagPages(view, viewFor, tagIntro))
    add(page(tagPage.path, tagPage.tree, undefined, tagPage.intro === undefined ? [] : [tagPage.intro]))
  add(
    page(
      '404.html',
      () => {
        const notFound: PageContext = { graph, site, root: rootFromBase(site.base), hasPapers, hasTags: tagged, hasDocuments }
        return notFoundPage({ layout: layoutProps(notFound, 'Page not found', 'This page does not exist.') })
      },
      'site',
    ),
  )
  // Written in pieces; the graph is read (and its reads recorded) as the file is made, before it is written.
  add({ path: 'graph.json', fingerprint: library, make: () => ({ path: 'graph.json', pieces: graphJsonPieces(graphJson(view, site)) }) })
  add(text(graphDataFile, () => graphDataText(view)))
  add(text(graphLibraryFiles.graphology, () => shipped.graphLibrary('graphology'), 'static'))
  add(text(graphLibraryFiles.sigma, () => shipped.graphLibrary('sigma'), 'static'))
  // Link previews: a small index, then one file per bucket of documents, each made from its own documents only.
  add(text(previewsIndexFile, () => previewFiles.index(view)))
  const buckets = () => bucketSlugs
  // A bucket shows the title, summary and first text of its documents' sections (for `[[note#Heading]]`).
  const bucket = (slugs: readonly Slug[]): string => previewFiles.bucket(view, slugs)
  // A bucket reads its documents' summaries, and the text of those with sections: declared, so that its record is
  // taken without making it.
  const bucketReads = (slugs: readonly Slug[]): PageReads => documentsRead(slugs, (slug) => sectionIds(graph.documents.get(slug)!).length > 0)
  for (let i = 0; i < buckets().length; i++)
    add({ ...text(`${previewsFolder}/${i}.json`, () => bucket(buckets()[i]!)), reads: () => bucketReads(buckets()[i]!) })
  // The search files: one builder indexes each document in turn (during the render, see `renderInto`), then writes them all.
  const docs = once(() => [...graph.documents.values()])
  const searchBuilder = once(async () => {
    const terms = await shipped.searchTerms()
    return new SearchIndexBuilder(graph.documents.size, (n) => searchDocument(graph, docs()[n]!), terms)
  })
  const searchKey = once(() => searchFingerprint(graph))
  // What the search files read, declared, so that their records are taken without making them: the terms and the
  // manifest read every document's text and summary, all weighed against each other (see `searchFingerprint`); a block
  // of documents' records reads their summaries, one of phrase texts their summaries and text too. Their titles, kinds
  // and tags, and the titles their links show, are the structure's.
  const searchReads: PageReads = [structureKey, anyProseKey, anySummaryKey]
  const blockReads = (block: SearchBlock | undefined): (() => PageReads) => {
    if (!block) return () => searchReads
    const prose = block.kind === 'text'
    return () => documentsRead(slugs.slice(block.first, block.first + block.size), () => prose)
  }
  for (const file of searchPaths(graph.documents.size)) {
    add({
      path: file,
      fingerprint: searchKey,
      reads: blockReads(searchBlockOf(file)),
      make: async () => ({ path: file, contents: (await searchBuilder()).take(file) }),
    })
  }
  const hasUrl = siteRootUrl(site) !== undefined
  add(text(feedFile, () => atomFeed(view, site)))
  add(text(llmsFile, () => llmsTxt(view, site)))
  // The sitemap lists every page of the plan, so pages planned after it are listed too.
  // Redirect pages (for aliases) are not listed: they are not pages of their own.
  if (hasUrl)
    add(
      text(sitemapFile, () =>
        sitemapXml(
          site,
          paths.filter((file) => !isRedirect(view, file)),
        )!,
      ),
    )
  add(text(robotsFile, () => robotsTxt(site), 'site'))
  add(text(headersFile, () => headersText(site), 'site'))
  if (site.movedFrom === 'quartz') add(text(redirectsFile, () => quartzRedirectsText(view, site)))
  for (const file of Object.values(assetFiles)) add(text(file, () => assetText(shipped, file), 'static'))
  // Extra files (copied attachments, redirect pages…) go here, at the end.
  for (const file of attachmentFiles(graph)) add({ path: file.path, make: () => file })
  for (const [from, to] of graph.redirects) add(page(`${from}/index.html`, () => redirectPageTree(view, site, from, to)))

  const embedded = once(() => embedTargets(graph))
  // The files made from the whole library, by their key in the records.
  const libraryFiles = once(() => {
    const files = new Map<CacheKey, PlannedFile>()
    for (const entry of entries) if (!isDocumentEntry(entry) && (entry.scope ?? 'library') === 'library') files.set(`file:${entry.path}`, entry)
    return files
  })
  const fingerprints = new Map<Slug, string>()
  // Looked up at each use: `carry` hands the records of one graph to the next.
  const records = (): ReadRecords<CacheKey> => recordsOf(graph)
  // A page is usually rendered right after its fingerprint is taken: the props made for it are kept until then.
  let bare: { slug: Slug; props: DocumentProps } | undefined
  const fingerprintOf = (slug: Slug): string => {
    let key = fingerprints.get(slug)
    if (key === undefined) {
      // The props are made through a view of the graph that records what they read; so is the fingerprint,
      // which reads the body's link targets and embedded notes.
      const reads = new Set<string>()
      const context = viewFor(slug)
      const props = readsInto(reads, () => documentProps(context, slug, emptyBody))
      key = readsInto(reads, () => fingerprint(context, slug, props))
      fingerprints.set(slug, key)
      records().set(slug, [...reads])
      bare = { slug, props }
    }
    return key
  }
  return {
    graph,
    site,
    entries,
    paths,
    documents,
    shared: JSON.stringify({ site, hasPapers, hasTags: tagged, hasDocuments }),
    library,
    search: {
      fingerprint: searchKey,
      builder: searchBuilder,
      numbers: once(() => new Map([...graph.documents.keys()].map((slug, n) => [slug, n]))),
      source: (n) => searchSource(graph, docs()[n]!),
    },
    fingerprint: fingerprintOf,
    reads(key) {
      let reads = records().get(key)
      if (reads !== undefined) return reads
      if (isFileKey(key)) {
        const entry = libraryFiles().get(key)
        reads = entry?.reads?.() ?? (entry ? recordedReads(() => entry.make()) : [everythingKey])
        records().set(key, reads)
        return reads
      }
      fingerprints.delete(key)
      fingerprintOf(key)
      return records().get(key)!
    },
    recorded: (key) => records().get(key),
    adopt(key, reads) {
      if (!records().has(key)) records().set(key, reads)
    },
    readers: (keys) => records().readersOf(keys),
    carry(before, stale) {
      const from = recordsOf(before.graph)
      for (const key of stale) from.delete(key)
      const own = records()
      if (from === own) return
      // What this plan recorded already is of its own graph.
      for (const [key, reads] of own.entries()) from.set(key, reads)
      readsByGraph.set(graph, from)
      readsByGraph.set(before.graph, new ReadRecords())
    },
    make(entry) {
      const key = `file:${entry.path}` as const
      if (entry.reads || records().has(key) || !libraryFiles().has(key)) return entry.make()
      const reads = new Set<string>([structureKey])
      const made = readsInto(reads, () => entry.make())
      records().set(key, [...reads])
      return made
    },
    render(slug) {
      const props = bare?.slug === slug ? bare.props : undefined
      bare = undefined
      return renderDocument(contextFor(slug), slug, drafts, props)
    },
    doneWith(slug, letGo) {
      if (readLater.has(slug) || embedded().has(slug)) return
      letGo(graph.documents.get(slug)!)
    },
    renderHeld(slug) {
      if (!held) return undefined
      const props = bare?.slug === slug ? bare.props : undefined
      const files = renderHeldDocument(contextFor(slug), slug, draftOf(graph.documents.get(slug)!), held, props)
      if (files) bare = undefined
      return files
    },
  }
}

/** How a site is rendered. */
export interface RenderOptions {
  /**
   * Work out each page's fingerprint and what it read, and the
   * fingerprints of the files made from the whole library (default true).
   * A build that keeps no cache has no use for them: with false, no file is
   * reused from `previous`, and the returned cache holds only the library's
   * fingerprint (under {@link libraryCacheKey}).
   */
  readonly fingerprints?: boolean | undefined
  /**
   * Told once the render has read what it reads of every note's text at
   * once (what the records stand for, the search files' fingerprint),
   * before the first page is made: a one-shot build sets the texts aside
   * then, rather than have those passes read each from its file again.
   */
  readonly textsRead?: (() => void) | undefined
}

const emptyOptions: RenderOptions = {}

/** A sink that keeps every file in a list (a streamed file as one string). */
function listSink(files: OutputFile[]): FileSink {
  return { add: (file) => void files.push('pieces' in file ? { path: file.path, contents: contentsOf(file) } : file), settle: () => Promise.resolve([]) }
}

/**
 * Render every file of the site, in a stable order, into `sink` (by
 * default a list, returned as `files`). Given the cache of an earlier
 * render, document pages whose inputs did not change are reused.
 *
 * Bodies drafted as they were parsed (`drafts`) are made from their
 * drafts; with a sink on disk, the worker threads that keep some drafts
 * (`drafts.held`) make those pages.
 *
 * Given `letGo` (a one-shot build), each document whose page was made here
 * and whose body no later file reads is handed to it once its page is
 * made and it is indexed for search, so its draft need not stay in memory
 * (only with a sink on disk: a list keeps the files for the next render).
 * Its text must stay readable: the link previews are made from the texts
 * at the end (a one-shot build reads each again from its file, see
 * `note-text.ts`).
 */
export async function renderSite(
  graph: Graph,
  site: SiteOptions,
  shipped: ShippedFiles,
  previous?: RenderCache,
  onProgress?: Progress,
  sink?: FileSink,
  drafts?: Drafts,
  letGo?: (doc: Doc) => void,
  options?: Readonly<RenderOptions> | null,
): Promise<RenderedSite> {
  try {
    const settings = options || emptyOptions
    return settings.fingerprints === false
      ? await renderInto(graph, site, shipped, undefined, onProgress, sink, drafts, letGo, false, settings.textsRead)
      : await renderInto(graph, site, shipped, previous, onProgress, sink, drafts, letGo, true, settings.textsRead)
  } catch (problem) {
    // Stop the worker threads before the caller drops the staging folder they write pages into.
    await drafts?.held?.close()
    throw problem
  }
}

async function renderInto(
  graph: Graph,
  site: SiteOptions,
  shipped: ShippedFiles,
  previous: RenderCache | undefined,
  onProgress: Progress | undefined,
  sink: FileSink | undefined,
  drafts: Drafts | undefined,
  letGo: ((doc: Doc) => void) | undefined,
  fingerprints: boolean,
  textsRead: (() => void) | undefined,
): Promise<RenderedSite> {
  // Pages made by worker threads arrive in any order, so they are only asked for when the files go to a sink.
  const plan = planSite(graph, site, shipped, drafts, sink?.folder)
  const held = drafts?.held
  const files: OutputFile[] = []
  const out = sink ?? listSink(files)
  // A list keeps each page's files for the next render to reuse; a sink on disk keeps only their paths.
  const keep = sink === undefined
  const cache = new Map<CacheKey, RenderedPage>()
  const rendered: Slug[] = []
  // Math and highlighting are needed here only if some body is rendered whole here (a draft in hand was rendered
  // where it was parsed); then for every document, since such a body may embed any other.
  // The library's and folders' `index.md` are rendered here for the home and folder pages should a worker hold their drafts
  // (workers send such drafts back: see `shownOnOtherPages`).
  // Loaded before the first file is made: a site carried over whole needs neither.
  const extensions = once(() => {
    const whole = [...graph.documents.values()].some((doc) => {
      const draft = usableDraft(doc, drafts?.get(doc.file.path), graph)
      return !draft || (!draft.html && (!held?.holds(doc.file.path) || isIntro(doc.slug)))
    })
    return loadBodyExtensions(whole ? graph.documents.values() : [])
  })
  // Each file made from the library records what it read as it is made (see `SitePlan.reads`).
  const make = async (entry: PlannedFile): Promise<OutputFile> => {
    await extensions()
    return plan.make(entry)
  }
  // An unchanged library: every file of the previous render is carried over, no page's fingerprint is worked out.
  const library = plan.library()
  const unchanged = previous?.get(libraryCacheKey)?.fingerprint === library
  // A changed library: what the keys of the records stand for, and which of them changed since the previous render. A
  // page or file whose record holds none of those reads what it read then, so it is carried over without its props or
  // fingerprint being made (see `graph/read-values.ts`). Worked out before any text is let go.
  const earlierValues = previous?.get(libraryCacheKey)?.values
  const values = !fingerprints ? undefined : unchanged && earlierValues ? earlierValues : readValues(graph, plan.shared)
  const changed = !unchanged && earlierValues && values ? changedReads(earlierValues, values) : undefined
  const readSame = (reads: PageReads | undefined): boolean => changed !== undefined && reads !== undefined && readsUnchanged(reads, changed)
  cache.set(libraryCacheKey, { fingerprint: library, paths: [], values })
  let done = 0
  // Pages being made by worker threads, and the first problem one of them met.
  const inFlight = new InFlight()
  let failure: { problem: unknown } | undefined
  const lastDocument = plan.entries.findLastIndex(isDocumentEntry)
  // Unless the previous build's search files can be used again, each document is indexed as its page is made, not all
  // in one pass at the end: on disk, by a worker thread of its own when the build has one (it writes the files itself),
  // else here.
  const earlierSearch = previous?.get(`file:${manifestFile}`)
  const searchWanted = !earlierSearch?.files || earlierSearch.fingerprint !== plan.search.fingerprint()
  const indexedElsewhere = searchWanted && !keep && sink?.folder !== undefined && sink.placed ? held?.searchIndex(graph.documents.size, sink.folder) : undefined
  const indexer = searchWanted && !indexedElsewhere ? await plan.search.builder() : undefined
  const numbers = (indexer || indexedElsewhere) && plan.search.numbers()
  // How many documents were sent to be indexed elsewhere, and the search files' stamps once that thread wrote them.
  let sent = 0
  let writtenElsewhere: Promise<ReadonlyMap<string, string>> | undefined
  let searchAnswered = false
  const sendUpTo = (n: number): void => {
    for (; sent <= n && sent < graph.documents.size; sent++) indexedElsewhere!.add(plan.search.source(sent))
  }
  // On disk, each file of phrase texts is written as soon as its block is full, instead of waiting in memory for the
  // rest of the search files (on a large library they are most of the index).
  const handedOver = new Set<string>()
  if (indexer && !keep) indexer.handOverTexts()
  // The search files written elsewhere are placed in the site when the first of them is reached (or at the end).
  const placeWrittenElsewhere = async (): Promise<void> => {
    const written = writtenElsewhere
    writtenElsewhere = undefined
    for (const [file, stamp] of (await written) ?? []) {
      handedOver.add(file)
      out.placed!(file, stamp)
    }
  }
  // What reads every text (the search files' fingerprint, like the values above) is worked out before the first page,
  // and the caller told: a one-shot build sets the texts aside then.
  const release = keep ? undefined : letGo
  if (release && fingerprints) plan.search.fingerprint()
  textsRead?.()
  for (const [index, entry] of plan.entries.entries()) {
    if (index === lastDocument + 1 && indexedElsewhere) {
      // Every document is indexed elsewhere: that thread writes the search files while this one makes the rest.
      sendUpTo(graph.documents.size - 1)
      const written = indexedElsewhere.finish()
      written.then(
        () => (searchAnswered = true),
        () => (searchAnswered = true),
      )
      writtenElsewhere = written
    }
    if (index === lastDocument + 1 && held) {
      // Every page a worker thread makes is asked for: let the workers finish and go before the rest is made.
      await inFlight.drained()
      await held.pagesMade()
    }
    if (!isDocumentEntry(entry)) {
      const cacheKey = `file:${entry.path}` as const
      // Until the thread building the index has answered, this thread turns to its event loop between files: the
      // answer is taken as soon as it comes and the thread stops, its heap with it, instead of lasting through every
      // file made before the search files.
      if (writtenElsewhere && !searchAnswered) await turn()
      if (writtenElsewhere && entry.path.startsWith(`${searchFolder}/`)) await placeWrittenElsewhere()
      if (handedOver.has(entry.path)) {
        if (fingerprints) cache.set(cacheKey, { fingerprint: entry.fingerprint!(), paths: [entry.path] })
        continue
      }
      const earlier = entry.fingerprint && previous?.get(cacheKey)
      const key = unchanged && earlier ? earlier.fingerprint : fingerprints ? entry.fingerprint?.() : undefined
      if (key === undefined) {
        await out.add(await make(entry))
        continue
      }
      let own = earlier && earlier.files && (earlier.fingerprint === key || readSame(entry.reads?.() ?? earlier.reads)) ? earlier.files : undefined
      if (!own) {
        const made = await make(entry)
        // A file kept for the next render is kept whole (a streamed file's pieces can be read once).
        own = [keep && 'pieces' in made ? { path: made.path, contents: contentsOf(made) } : made]
      }
      // What the file read, recorded as it was made (or, for a file carried over, as recorded before); the search files' shared record is not kept.
      const reads = entry.reads ? undefined : (plan.recorded(cacheKey) ?? (earlier ? earlier.reads : undefined))
      if (reads) plan.adopt(cacheKey, reads)
      cache.set(cacheKey, { fingerprint: key, paths: [entry.path], files: keep ? own : undefined, reads })
      for (const file of own) await out.add(file)
      continue
    }
    const { slug } = entry
    if (onProgress && done++ % 100 === 0) onProgress('render', done - 1, graph.documents.size)
    if (indexedElsewhere) sendUpTo(numbers!.get(slug)!)
    if (indexer) {
      indexer.advanceTo(numbers!.get(slug)!)
      for (const file of indexer.takeFinishedTexts()) {
        handedOver.add(file.path)
        await out.add(file)
      }
    }
    const earlier = previous?.get(slug)
    // A page is as before in a library carried over whole, and in a changed one when nothing it read changed.
    const same = earlier !== undefined && (unchanged || readSame(earlier.reads))
    const key = !fingerprints ? undefined : same ? earlier.fingerprint : plan.fingerprint(slug)
    // What the page read, recorded with its fingerprint (or, for a page as before, as recorded before).
    const reads = !fingerprints ? undefined : same ? earlier.reads : plan.reads(slug)
    if (reads) plan.adopt(slug, reads)
    const reused = earlier?.files && earlier.fingerprint === key ? earlier.files : undefined
    if (!reused) await extensions()
    // Files are written with blocking calls, so the worker threads' answers wait until this thread turns to its event
    // loop: take them now, so that whether the workers have room for a page (see `lendWhileFewerThan`) is up to date.
    if (held && !reused && inFlight.size > 0) await turn()
    const elsewhere = reused ? undefined : plan.renderHeld(slug)
    if (elsewhere) {
      rendered.push(slug)
      if (key !== undefined) cache.set(slug, { fingerprint: key, paths: elsewhere.paths, reads })
      const task = elsewhere.stamps
        .then((stamps) => {
          for (const [index, file] of elsewhere.paths.entries()) out.placed?.(file, stamps[index]!)
        })
        .catch((problem: unknown) => {
          failure ??= { problem }
        })
      inFlight.add(task)
      if (release) plan.doneWith(slug, release)
      await inFlight.room(pagesInFlight)
      if (failure) throw failure.problem
      continue
    }
    const own = reused ?? plan.render(slug)
    if (own !== earlier?.files) rendered.push(slug)
    if (release && !reused) plan.doneWith(slug, release)
    if (key !== undefined) cache.set(slug, { fingerprint: key, paths: own.map((file) => file.path), files: keep ? own : undefined, reads })
    for (const file of own) await out.add(file)
  }
  await inFlight.drained()
  if (failure) throw failure.problem
  await placeWrittenElsewhere()
  // A page to reuse that is gone from the previous site (deleted by hand?) is rendered after all.
  const missing = new Set(await out.settle())
  if (missing.size > 0) {
    for (const [key, page] of cache) {
      if (!page.paths.some((file) => missing.has(file))) continue
      if (key.startsWith('file:')) {
        const planned = plan.entries.find((entry): entry is PlannedFile => !isDocumentEntry(entry) && `file:${entry.path}` === key)
        if (planned) await out.add(await make(planned))
        continue
      }
      const slug = key as Slug
      await extensions()
      for (const file of plan.render(slug)) await out.add(file)
      if (!rendered.includes(slug)) rendered.push(slug)
    }
  }
  return { files, paths: [...plan.paths], cache, rendered }
}
