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
import type { Link, Root as MdastRoot } from 'mdast'
import { defaultHandlers, type State } from 'mdast-util-to-hast'
import rehypeRaw from 'rehype-raw'
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize'
import remarkRehype from 'remark-rehype'
import { unified, type Plugin } from 'unified'
import { VFile } from 'vfile'
import type { Doc, Graph, Resolution } from '../model.js'
import type { WikiLink } from '../parse/wikilink-syntax.js'
import { linkArxivMentions } from './arxiv-links.js'
import { headingId, rehypeHeadingAnchors } from './heading-anchors.js'
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
 * puts on links. No script, no event handlers, no `javascript:` URLs.
 */
export const sanitizeSchema: SanitizeSchema = {
  ...defaultSchema,
  attributes: {
    ...defaultSchema.attributes,
    a: [...(defaultSchema.attributes?.a ?? []).filter((a) => !(Array.isArray(a) && a[0] === 'className')), ['className', 'data-footnote-backref', 'internal']],
    span: [['className', 'broken-link']],
  },
}

function context(state: State): BodyContext {
  const file = state.options.file
  const data = file?.data.quireBody
  if (!data) throw new Error('quire: body rendered without its context')
  return data
}

function target(ctx: BodyContext, index: number | undefined): { href: string; title: string } | undefined {
  const result = index === undefined ? undefined : ctx.resolved[index]
  if (result?.kind !== 'resolved') return undefined
  const doc = ctx.graph.documents.get(result.slug)
  if (!doc) return undefined
  const link = ctx.doc.links[index!]
  // `[[note#Heading Text]]` goes to the heading's id (`heading-text`), as heading anchors make it.
  const hash = link?.fragment ? `#${encodeURIComponent(headingId(link.fragment))}` : ''
  return { href: urlFor(ctx.root, { slug: doc.slug }) + hash, title: doc.data.title }
}

function wikiLinkHandler(state: State, node: WikiLink): Element {
  const ctx = context(state)
  const found = target(ctx, node.data?.quireLink)
  const element: Element = found
    ? { type: 'element', tagName: 'a', properties: { href: found.href, className: ['internal'] }, children: [{ type: 'text', value: node.label ?? found.title }] }
    : { type: 'element', tagName: 'span', properties: { className: ['broken-link'] }, children: [{ type: 'text', value: node.label ?? node.value }] }
  state.patch(node, element)
  return element
}

function linkHandler(state: State, node: Link): ElementContent | ElementContent[] {
  const index = node.data?.quireLink
  if (index === undefined) return defaultHandlers.link(state, node)
  const found = target(context(state), index)
  const element: Element = found
    ? { type: 'element', tagName: 'a', properties: { href: found.href, className: ['internal'] }, children: state.all(node) }
    : { type: 'element', tagName: 'span', properties: { className: ['broken-link'] }, children: state.all(node) }
  state.patch(node, element)
  return element
}

/** rehype-raw, but only for bodies that contain raw HTML: it re-parses the whole tree. */
const rehypeRawWhenNeeded: Plugin<[], HastRoot> = function () {
  const raw = rehypeRaw.call(this)
  return (tree, file) => (file.data.quireBody?.doc.hasHtml ? (raw(tree, file) as HastRoot) : undefined)
}

const rehypeArxivLinks: Plugin<[], HastRoot> = () => (tree) => linkArxivMentions(tree)

const bodyProcessor = unified()
  .use(remarkRehype, { allowDangerousHtml: true, handlers: { wikiLink: wikiLinkHandler, link: linkHandler } })
  .use(rehypeRawWhenNeeded)
  .use(rehypeSanitize, sanitizeSchema)
  // Math (MathML) and code highlighting come after the sanitizer: their output is quire's own.
  .use(rehypeMath)
  .use(rehypeHighlightCode)
  .use(rehypeArxivLinks)
  // Ids and anchor links for headings, after the sanitizer (which would prefix the ids).
  .use(rehypeHeadingAnchors)
  .freeze()

/** Render a document's body for a page whose way back to the site root is `root`. */
export function renderBody(doc: Doc, graph: Graph, root: RootPrefix): ElementContent[] {
  const file = new VFile({ path: doc.file.path })
  file.data.quireBody = { doc, graph, root, resolved: graph.resolved.get(doc.slug) ?? [] }
  const tree = bodyProcessor.runSync(doc.body() as MdastRoot, file) as HastRoot
  return tree.children.filter((child): child is ElementContent => child.type !== 'doctype')
}
