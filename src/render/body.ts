/**
 * A document's body: mdast → sanitized hast, with links to other documents
 * pointing at their pages.
 *
 * remark-rehype converts the tree; quire's handlers turn wikilinks and
 * Markdown links to `.md` files into page links (a bare `[[slug]]` shows the
 * target's title). Raw HTML is parsed (rehype-raw) only when the body has
 * some, then everything passes the sanitizer's allow-list, then arXiv
 * mentions become links.
 */
import type { ElementContent, Element, Root as HastRoot } from 'hast'
import type { Image, Link, Nodes as MdastNodes, Root as MdastRoot } from 'mdast'
import { defaultHandlers, type State } from 'mdast-util-to-hast'
import rehypeRaw from 'rehype-raw'
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize'
import remarkRehype from 'remark-rehype'
import { unified, type Plugin } from 'unified'
import { VFile } from 'vfile'
import type { Doc, Graph, Resolution } from '../model.js'
import { anchorId } from '../anchors.js'
import type { InlineTag } from '../parse/inline-tags.js'
import type { WikiLink } from '../parse/wikilink-syntax.js'
import { attachmentUrl, embeddedFile } from './attachments.js'
import { rehypeBlockAnchors } from './block-anchors.js'
import { rehypeScrollRegions } from './scroll-regions.js'
import { pageBody } from './embeds.js'
import { tagPageSlug, tagSlug } from './tag-links.js'
import { linkArxivMentions } from './arxiv-links.js'
import { remarkCallouts, withCalloutSchema } from './callouts.js'
import { rehypeHeadingAnchors } from './heading-anchors.js'
import { rehypeHighlightCode } from './highlight.js'
import { rehypeMath } from './math.js'
import { urlFor, type RootPrefix } from './url.js'

/** What the link handlers need to know about the document being rendered. */
interface BodyContext {
  readonly doc: Doc
  readonly resolved: readonly Resolution[]
  readonly graph: Graph
  readonly root: RootPrefix
}

declare module 'vfile' {
  interface DataMap {
    quireBody: BodyContext
  }
}

/**
 * The allow-list for note bodies: GitHub's, plus the classes quire itself
 * puts on links and what callouts need. No script, no event handlers, no
 * `javascript:` URLs.
 */
export const sanitizeSchema: SanitizeSchema = withCalloutSchema({
  ...defaultSchema,
  tagNames: [...(defaultSchema.tagNames ?? []), 'audio', 'video'],
  attributes: {
    ...defaultSchema.attributes,
    a: [...(defaultSchema.attributes?.a ?? []).filter((a) => !(Array.isArray(a) && a[0] === 'className')), ['className', 'data-footnote-backref', 'internal', 'tag']],
    span: [['className', 'broken-link', 'unpublished-link']],
    // Embedded notes (`embeds.ts`) and files (`attachments.ts`).
    div: [...(defaultSchema.attributes?.div ?? []), ['className', 'embed']],
    p: [...(defaultSchema.attributes?.p ?? []), ['className', 'embed-source']],
    img: [...(defaultSchema.attributes?.img ?? []), 'width', 'height', 'loading'],
    audio: ['src', 'controls', 'preload'],
    video: ['src', 'controls', 'preload', 'width', 'height'],
  },
})

function context(state: State): BodyContext {
  const file = state.options.file
  const data = file?.data.quireBody
  if (!data) throw new Error('quire: body rendered without its context')
  return data
}

/** Where a link node goes: a page (with its title), a file of the notes folder, a draft (no address), or nowhere. */
type LinkTarget =
  | { readonly kind: 'page'; readonly href: string; readonly title: string }
  | { readonly kind: 'file'; readonly href: string; readonly name: string }
  | { readonly kind: 'unpublished' }
  | undefined

/** What the link node `node` (with `data.quireLink`) resolved to, seen from the page being rendered. */
function target(ctx: BodyContext, node: MdastNodes): LinkTarget {
  const index = node.data?.quireLink
  if (index === undefined) return undefined
  // Embedded content keeps its own document's links.
  const owner = node.data?.quireOwner ? ctx.graph.documents.get(node.data.quireOwner) : ctx.doc
  const result = owner ? ctx.graph.resolved.get(owner.slug)?.[index] : undefined
  const link = owner?.links[index]
  if (result?.kind === 'attachment') return { kind: 'file', href: attachmentUrl(ctx.root, result.path), name: result.path.slice(result.path.lastIndexOf('/') + 1) }
  if (result?.kind === 'unpublished') return { kind: 'unpublished' }
  if (result?.kind !== 'resolved') return undefined
  const doc = ctx.graph.documents.get(result.slug)
  if (!doc) return undefined
  // `[[note#Heading Text]]` goes to the heading's id (`heading-text`), `[[note#^id]]` to the block's.
  const hash = link?.fragment ? `#${encodeURIComponent(anchorId(link.fragment))}` : ''
  // `[[#Heading]]` stays on the page.
  const href = link?.target === '' && hash !== '' && doc === owner && owner === ctx.doc ? hash : urlFor(ctx.root, { slug: doc.slug }) + hash
  // `[[#Heading]]` on its own page reads as the heading, not the page's title.
  const title = href.startsWith('#') && link?.fragment ? link.fragment.replace(/^\^/, '') : doc.data.title
  return { kind: 'page', href, title }
}

function wikiLinkHandler(state: State, node: WikiLink): Element {
  const found = target(context(state), node)
  const text = (value: string): ElementContent[] => [{ type: 'text', value }]
  let element: Element
  if (found?.kind === 'file' && node.embed) element = embeddedFile(found.href, found.name, node.label)
  else if (found?.kind === 'file') element = { type: 'element', tagName: 'a', properties: { href: found.href }, children: text(node.label ?? found.name) }
  else if (found?.kind === 'page') element = { type: 'element', tagName: 'a', properties: { href: found.href, className: ['internal'] }, children: text(node.label ?? found.title) }
  else if (found?.kind === 'unpublished') element = { type: 'element', tagName: 'span', properties: { className: ['unpublished-link'] }, children: text(node.label ?? node.value.replace(/#.*$/, '')) }
  else element = { type: 'element', tagName: 'span', properties: { className: ['broken-link'] }, children: text(node.label ?? node.value) }
  state.patch(node, element)
  return element
}

function linkHandler(state: State, node: Link): ElementContent | ElementContent[] {
  if (node.data?.quireLink === undefined) return defaultHandlers.link(state, node)
  const found = target(context(state), node)
  const element: Element =
    found?.kind === 'page' || found?.kind === 'file'
      ? { type: 'element', tagName: 'a', properties: found.kind === 'page' ? { href: found.href, className: ['internal'] } : { href: found.href }, children: state.all(node) }
      : { type: 'element', tagName: 'span', properties: { className: [found?.kind === 'unpublished' ? 'unpublished-link' : 'broken-link'] }, children: state.all(node) }
  state.patch(node, element)
  return element
}

/** `![alt](img/x.png)`: the image is published with the site, at its path in the notes folder. */
function imageHandler(state: State, node: Image): ElementContent | ElementContent[] {
  if (node.data?.quireLink === undefined) return defaultHandlers.image(state, node)
  const found = target(context(state), node)
  if (found?.kind !== 'file') return defaultHandlers.image(state, { ...node, url: '' })
  return defaultHandlers.image(state, { ...node, url: found.href })
}

/** `#rl/reward` links to its tag's page. */
function inlineTagHandler(state: State, node: InlineTag): Element {
  const ctx = context(state)
  const element: Element = {
    type: 'element',
    tagName: 'a',
    properties: { href: urlFor(ctx.root, { slug: tagPageSlug(tagSlug(node.value)) }), className: ['tag'] },
    children: [{ type: 'text', value: `#${node.value}` }],
  }
  state.patch(node, element)
  return element
}

/** A remark step that drops a derived title heading and expands note embeds (see `embeds.ts`). */
const remarkPageBody: Plugin<[], MdastRoot> = () => (tree, file) => {
  const ctx = file.data.quireBody
  if (ctx) pageBody(ctx.doc, tree, { graph: ctx.graph, root: ctx.root })
}

/** rehype-raw, but only for bodies that contain raw HTML: it re-parses the whole tree. */
const rehypeRawWhenNeeded: Plugin<[], HastRoot> = function () {
  const raw = rehypeRaw.call(this)
  return (tree, file) => (file.data.quireBody?.doc.hasHtml ? (raw(tree, file) as HastRoot) : undefined)
}

const rehypeArxivLinks: Plugin<[], HastRoot> = () => (tree) => linkArxivMentions(tree)

const bodyProcessor = unified()
  // Transclusions first, so callouts and everything after apply to embedded notes too.
  .use(remarkPageBody)
  // Obsidian callouts, on the mdast: `> [!note] Title` becomes an aside.
  .use(remarkCallouts)
  .use(remarkRehype, { allowDangerousHtml: true, handlers: { wikiLink: wikiLinkHandler, link: linkHandler, image: imageHandler, inlineTag: inlineTagHandler } })
  .use(rehypeRawWhenNeeded)
  .use(rehypeSanitize, sanitizeSchema)
  // Math (MathML) and code highlighting come after the sanitizer: their output is quire's own.
  .use(rehypeMath)
  .use(rehypeHighlightCode)
  .use(rehypeArxivLinks)
  // Ids and anchor links for headings, after the sanitizer (which would prefix the ids); block ids keep theirs.
  .use(rehypeHeadingAnchors)
  .use(rehypeBlockAnchors)
  .use(rehypeScrollRegions)
  .freeze()

/** Render a document's body for a page whose way back to the site root is `root`. */
export function renderBody(doc: Doc, graph: Graph, root: RootPrefix): ElementContent[] {
  const file = new VFile({ path: doc.file.path })
  file.data.quireBody = { doc, graph, root, resolved: graph.resolved.get(doc.slug) ?? [] }
  const tree = bodyProcessor.runSync(doc.body() as MdastRoot, file) as HastRoot
  return tree.children.filter((child): child is ElementContent => child.type !== 'doctype')
}
