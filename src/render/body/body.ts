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
import type { Doc, Graph, LinkRef } from '../../model.js'
import { anchorId } from '../../anchors.js'
import type { InlineTag } from '../../parse/inline-tags.js'
import type { WikiLink } from '../../parse/wikilink-syntax.js'
import { attachmentPath, attachmentUrl, embeddedFile } from '../site-files/attachments.js'
import { missingFile, missingFileClass } from './missing-file.js'
import { hasFileExtension } from '../../graph/resolve.js'
import { rehypeBlockAnchors } from './block-anchors.js'
import { rehypeScrollRegions } from './scroll-regions.js'
import { dropTitleHeading, pageBody } from './embeds.js'
import { tagPageSlug, tagSlug } from '../props/tag-links.js'
import { linkArxivMentions } from './arxiv-links.js'
import { remarkCallouts, withCalloutSchema } from './callouts.js'
import { rehypeHeadingAnchors } from './heading-anchors.js'
import { rehypeHighlightCode } from './highlight.js'
import { rehypeMath } from './math.js'
import { urlFor, type RootPrefix } from '../url.js'
import { mayHoldTokens, slotToken, type DraftBody, type Slot } from './slots.js'
import { fragmentHtml } from '../serialize/page-html.js'
import { tableOfContents } from './toc.js'
import { normalizeUri } from 'micromark-util-sanitize-uri'
import { skip, walk } from '../../walk.js'
import { isUnwrittenNoteLink } from '../../graph/unwritten-notes.js'
import { unwrittenClass, unwrittenHint, unwrittenHintClass, unwrittenShell } from './unwritten-mark.js'

/** What the link handlers need to know about the body being rendered. */
interface BodyContext {
  readonly doc: Doc
  /** The graph and the page's way back to the site root; undefined while drafting. */
  readonly linked: { readonly graph: Graph; readonly root: RootPrefix } | undefined
  /** While drafting: the slots the draft's tokens stand for, filled in by {@link finishBody}. */
  readonly slots: Slot[] | undefined
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
    a: [
      ...(defaultSchema.attributes?.a ?? []).filter((a) => !(Array.isArray(a) && a[0] === 'className')),
      ['className', 'data-footnote-backref', 'internal', 'tag'],
    ],
    span: [['className', 'broken-link', 'unpublished-link', unwrittenClass, unwrittenHintClass, 'folder-link', missingFileClass]],
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

/**
 * Where a link goes: a page (with its title), a file of the notes folder,
 * a draft (no address), a note not written yet (no address), or nowhere.
 */
export type LinkTarget =
  | { readonly kind: 'page'; readonly href: string; readonly title: string }
  | { readonly kind: 'file'; readonly href: string; readonly name: string }
  | { readonly kind: 'unpublished' }
  | { readonly kind: 'unwritten' }
  /** A folder with no page (yet): plain text. */
  | { readonly kind: 'folder' }
  | undefined

/**
 * What link `index` of `owner` resolved to, seen from the page of `page`
 * (whose way back to the site root is `root`). Embedded content keeps its
 * own document's links, so `owner` may be another document than `page`.
 */
export function linkTarget(graph: Graph, root: RootPrefix, page: Doc, owner: Doc | undefined, index: number): LinkTarget {
  const result = owner ? graph.resolved.get(owner.slug)?.[index] : undefined
  const link = owner?.links[index]
  // A file quire refused as unsafe is not published: its embed shows as missing, a link to it as text.
  if (result?.kind === 'attachment' && graph.attachments.get(result.path)?.unsafe) return undefined
  if (result?.kind === 'attachment')
    return { kind: 'file', href: attachmentUrl(root, attachmentPath(graph, result.path)), name: result.path.slice(result.path.lastIndexOf('/') + 1) }
  if (result?.kind === 'unpublished') return { kind: 'unpublished' }
  if (result?.kind === 'folder') return { kind: 'folder' }
  if (result?.kind === 'tag') return { kind: 'page', href: urlFor(root, { slug: tagPageSlug(result.tag) }), title: `#${result.tag}` }
  if (link && isUnwrittenNoteLink(link, result)) return { kind: 'unwritten' }
  if (result?.kind !== 'resolved') return undefined
  const doc = graph.documents.get(result.slug)
  if (!doc) return undefined
  // `[[note#Heading Text]]` goes to the heading's id (`heading-text`), `[[note#^id]]` to the block's.
  const hash = link?.fragment ? `#${encodeURIComponent(anchorId(link.fragment))}` : ''
  // `[[#Heading]]` stays on the page.
  const href = link?.target === '' && hash !== '' && doc === owner && owner === page ? hash : urlFor(root, { slug: doc.slug }) + hash
  // `[[#Heading]]` on its own page reads as the heading, not the page's title.
  const title = href.startsWith('#') && link?.fragment ? link.fragment.replace(/^\^/, '') : doc.data.title
  return { kind: 'page', href, title }
}

/** What the link node `node` (with `data.quireLink`) resolved to, from the page being rendered. */
function target(ctx: BodyContext, node: MdastNodes): LinkTarget {
  const index = node.data?.quireLink
  if (index === undefined || !ctx.linked) return undefined
  const { graph, root } = ctx.linked
  const owner = node.data?.quireOwner ? graph.documents.get(node.data.quireOwner) : ctx.doc
  return linkTarget(graph, root, ctx.doc, owner, index)
}

/**
 * The element around a link's content: `<a>` to a page or file, or a
 * `<span>` marking a draft's, a broken link, or a note not written yet
 * (see `unwritten-mark.ts`).
 */
function linkShell(found: LinkTarget): Pick<Element, 'tagName' | 'properties'> {
  if (found?.kind === 'page') return { tagName: 'a', properties: { href: found.href, className: ['internal'] } }
  if (found?.kind === 'file') return { tagName: 'a', properties: { href: found.href } }
  if (found?.kind === 'unwritten') return unwrittenShell()
  return {
    tagName: 'span',
    properties: { className: [found?.kind === 'unpublished' ? 'unpublished-link' : found?.kind === 'folder' ? 'folder-link' : 'broken-link'] },
  }
}

/** What follows a link's content inside its element: the screen-reader hint of a note not written yet, else nothing. */
function linkTail(found: LinkTarget): ElementContent[] {
  return found?.kind === 'unwritten' ? [unwrittenHint()] : []
}

/** A link's element with its content. */
function linkElement(found: LinkTarget, children: ElementContent[]): Element {
  return { type: 'element', ...linkShell(found), children: [...children, ...linkTail(found)] }
}

/** What an unlabelled `[[value]]` shows: the page's title or the file's name, else the link as written. */
function unlabelledText(found: LinkTarget, value: string): string {
  if (found?.kind === 'page') return found.title
  if (found?.kind === 'file') return found.name
  if (found?.kind === 'unpublished' || found?.kind === 'unwritten' || found?.kind === 'folder') return value.replace(/#.*$/, '')
  return value
}

/** Add a slot to the draft; its token goes where the slot's content will be. */
function slot(ctx: BodyContext, value: Slot): string {
  const slots = ctx.slots!
  slots.push(value)
  return slotToken(slots.length - 1, value.kind === 'close')
}

/**
 * A link while drafting: `<a href="TOKEN">content TOKEN</a>`, whose start
 * and end tags {@link finishBody} replaces once the link's target is known.
 */
function draftedLink(ctx: BodyContext, link: number, children: ElementContent[]): Element {
  const open = slot(ctx, { kind: 'open', link })
  const close = slot(ctx, { kind: 'close', link })
  return { type: 'element', tagName: 'a', properties: { href: open }, children: [...children, { type: 'text', value: close }] }
}

function wikiLinkHandler(state: State, node: WikiLink): ElementContent {
  const ctx = context(state)
  const text = (value: string): ElementContent[] => [{ type: 'text', value }]
  let element: Element
  if (ctx.slots && node.data?.quireLink !== undefined) {
    const link = node.data.quireLink
    // While drafting, an embed waits for the graph whole: a file, a missing file's placeholder, or a link.
    if (node.embed) return { type: 'text', value: slot(ctx, { kind: 'embed', link, written: node.value, label: node.label }) }
    element = draftedLink(ctx, link, text(node.label ?? slot(ctx, { kind: 'title', link })))
  } else {
    const found = target(ctx, node)
    element = node.embed ? embedElement(found, node.value, node.label) : linkElement(found, text(node.label ?? unlabelledText(found, node.value)))
  }
  state.patch(node, element)
  return element
}

/**
 * An embed `![[value|label]]` that shows no note's body: the file, the
 * placeholder of a missing file, or (a note that could not be embedded) a
 * link. Drafts fill their embed slots with it, so both paths make the same
 * bytes.
 */
function embedElement(found: LinkTarget, value: string, label: string | undefined): Element {
  if (found?.kind === 'file') return embeddedFile(found.href, found.name, label)
  if (found === undefined && hasFileExtension(value.replace(/#.*$/, ''))) return missingFile(value)
  return linkElement(found, [{ type: 'text', value: label ?? unlabelledText(found, value) }])
}

function linkHandler(state: State, node: Link): ElementContent | ElementContent[] {
  if (node.data?.quireLink === undefined) return defaultHandlers.link(state, node)
  const ctx = context(state)
  const element: Element = ctx.slots ? draftedLink(ctx, node.data.quireLink, state.all(node)) : linkElement(target(ctx, node), state.all(node))
  state.patch(node, element)
  return element
}

/** `![alt](img/x.png)`: the image is published with the site, at its path in the notes folder. */
function imageHandler(state: State, node: Image): ElementContent | ElementContent[] {
  if (node.data?.quireLink === undefined) return defaultHandlers.image(state, node)
  const ctx = context(state)
  // While drafting, the whole image waits for the graph: it is an `<img>`, or the placeholder of a missing file.
  if (ctx.slots)
    return {
      type: 'text',
      value: slot(ctx, { kind: 'image', link: node.data.quireLink, written: node.url, alt: node.alt ?? undefined, title: node.title ?? undefined }),
    }
  const element = imageOrMissing(target(ctx, node), node.url, node.alt ?? undefined, node.title ?? undefined)
  state.patch(node, element)
  return element
}

/**
 * A Markdown image that names a file of the notes folder: the `<img>` (as
 * mdast-util-to-hast makes it), or the placeholder of a missing file.
 * Drafts fill their image slots with it, so both paths make the same bytes.
 */
function imageOrMissing(found: LinkTarget, written: string, alt: string | undefined, title: string | undefined): Element {
  if (found?.kind !== 'file') return missingFile(safeDecode(written), alt)
  const properties: Element['properties'] = { src: normalizeUri(found.href) }
  if (alt !== undefined) properties['alt'] = alt
  if (title !== undefined) properties['title'] = title
  return { type: 'element', tagName: 'img', properties, children: [] }
}

/** `img/figure%201.png` as its file name is written on disk; as it is when it does not decode. */
function safeDecode(url: string): string {
  try {
    return decodeURIComponent(url)
  } catch {
    return url
  }
}

/** `#rl/reward` links to its tag's page. */
function inlineTagHandler(state: State, node: InlineTag): Element {
  const ctx = context(state)
  const href = ctx.linked ? urlFor(ctx.linked.root, { slug: tagPageSlug(tagSlug(node.value)) }) : slot(ctx, { kind: 'tag', tag: node.value })
  const element: Element = {
    type: 'element',
    tagName: 'a',
    properties: { href, className: ['tag'] },
    children: [{ type: 'text', value: `#${node.value}` }],
  }
  state.patch(node, element)
  return element
}

/** A remark step that drops a derived title heading and expands note embeds (see `embeds.ts`). */
const remarkPageBody: Plugin<[], MdastRoot> = () => (tree, file) => {
  const ctx = file.data.quireBody
  if (ctx?.linked) pageBody(ctx.doc, tree, ctx.linked)
  // A draft has no embeds to expand (see `draftable`).
  else if (ctx) dropTitleHeading(ctx.doc, tree)
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
  file.data.quireBody = { doc, linked: { graph, root }, slots: undefined }
  const tree = bodyProcessor.runSync(doc.body() as MdastRoot, file) as HastRoot
  return tree.children.filter((child): child is ElementContent => child.type !== 'doctype')
}

/**
 * Can `doc`'s body be drafted before the graph is known? Not when it
 * may embed a note (what the embed shows is that note's body), holds raw HTML
 * (parsed together with the links around it), has a heading that shows an
 * unlabelled `[[link]]` or an embed (the heading's id would depend on the
 * target), or could hold text that reads as a slot's token.
 */
export function draftable(doc: Doc, tree: MdastRoot): boolean {
  if (doc.hasHtml || mayHoldTokens(doc.file.text) || doc.links.some(mayEmbedNote)) return false
  let titled = false
  walk<MdastNodes>(tree, (heading) => {
    if (heading.type !== 'heading') return titled ? skip : undefined
    walk<MdastNodes>(heading, (node) => {
      if (node.type === 'wikiLink' && (node.label === undefined || node.embed)) titled = true
    })
    return skip
  })
  return !titled
}

/**
 * Could `link` embed a note's body, or show an arXiv mention? An embed
 * whose target has no file's extension most likely names a note. A missing
 * file's placeholder is text, whose mentions become links in a body
 * rendered whole but not in a filled slot.
 */
function mayEmbedNote(link: LinkRef): boolean {
  if (!link.embed || link.syntax !== 'wikilink') return false
  return !hasFileExtension(link.target) || link.written.includes('arXiv:') || (link.label?.includes('arXiv:') ?? false)
}

/**
 * `draft` (`doc`'s, if it has one), if it stands for the body on the
 * document's page: not when one of its embeds names a note, whose body
 * would go in its place (the page then renders the body whole).
 */
export function usableDraft(doc: Doc, draft: DraftBody | undefined, graph: Graph): DraftBody | undefined {
  if (!draft) return undefined
  const results = graph.resolved.get(doc.slug)
  for (const value of draft.slots) if (value.kind === 'embed' && results?.[value.link]?.kind === 'resolved') return undefined
  return draft
}

/**
 * Render `doc`'s body from its tree (`doc.body()`, not yet rendered) before
 * the graph is known: what each link shows and where it goes, and where
 * tag links lead from the page, are left as slots. Undefined when the body
 * is not {@link draftable}; its page renders it whole with
 * {@link renderBody}. A draft is made in the same pass as the parse (in a
 * worker thread on a large library), so no body is parsed twice.
 */
export function draftBody(doc: Doc, tree: MdastRoot): DraftBody | undefined {
  if (!draftable(doc, tree)) return undefined
  const file = new VFile({ path: doc.file.path })
  const slots: Slot[] = []
  file.data.quireBody = { doc, linked: undefined, slots }
  const hast = bodyProcessor.runSync(tree, file) as HastRoot
  const children = hast.children.filter((child): child is ElementContent => child.type !== 'doctype')
  const html = fragmentHtml(children)
  // The file holds no token's characters, but a step after the parse can still make them (KaTeX's
  // `\char"1`): a draft whose HTML has any token but its slots' own is rendered whole instead.
  if (!holdsOnlyTokensOf(html, slots)) return undefined
  return { html: utf8.encode(html), slots, toc: tableOfContents(children) }
}

/** Does `html` hold each of the `slots` tokens once, and no other U+0001 or U+0002? */
function holdsOnlyTokensOf(html: string, slots: readonly Slot[]): boolean {
  let marks = 0
  for (let at = html.indexOf('\u0001'); at !== -1; at = html.indexOf('\u0001', at + 1)) marks++
  for (let at = html.indexOf('\u0002'); at !== -1; at = html.indexOf('\u0002', at + 1)) marks++
  if (marks !== 2 * slots.length) return false
  const seen = new Set<string>()
  for (const [token] of html.matchAll(/\u0001\/?\d+\u0002/g)) seen.add(token)
  return seen.size === slots.length && slots.every((value, n) => seen.has(slotToken(n, value.kind === 'close')))
}

const utf8 = new TextEncoder()
const utf8Decoder = new TextDecoder()

/** UTF-8 bytes as text. */
export function textOf(bytes: Uint8Array): string {
  return utf8Decoder.decode(bytes)
}

/** An attribute's value as the serializer writes it (escaped, without its quotes). */
function attributeText(value: string): string {
  const html = fragmentHtml({ type: 'element', tagName: 'a', properties: { href: value }, children: [] })
  return html.slice('<a href="'.length, -'"></a>'.length)
}

/** The start and end tags of `element`, as the serializer writes them. */
function tagsOf(element: Pick<Element, 'tagName' | 'properties'>): { open: string; close: string } {
  const close = `</${element.tagName}>`
  const html = fragmentHtml({ type: 'element', ...element, children: [] })
  return { open: html.slice(0, -close.length), close }
}

/**
 * The text each of `slots` (a draft's of `doc`) stands for on a page whose
 * way back to the site root is `root`.
 */
export function slotFills(doc: Doc, slots: readonly Slot[], graph: Graph, root: RootPrefix): string[] {
  const found = new Map<number, LinkTarget>()
  const targetOf = (link: number): LinkTarget => {
    if (!found.has(link)) found.set(link, linkTarget(graph, root, doc, doc, link))
    return found.get(link)
  }
  return slots.map((value) => {
    switch (value.kind) {
      case 'open':
        return tagsOf(linkShell(targetOf(value.link))).open
      case 'close': {
        const to = targetOf(value.link)
        const tail = linkTail(to)
        return (tail.length > 0 ? fragmentHtml(tail) : '') + tagsOf(linkShell(to)).close
      }
      case 'title':
        return fragmentHtml({ type: 'text', value: unlabelledText(targetOf(value.link), doc.links[value.link]?.written ?? '') })
      case 'image':
        return fragmentHtml(imageOrMissing(targetOf(value.link), value.written, value.alt, value.title))
      case 'tag':
        return attributeText(urlFor(root, { slug: tagPageSlug(tagSlug(value.tag)) }))
      case 'embed':
        return fragmentHtml(sanitized(embedElement(targetOf(value.link), value.written, value.label)))
    }
  })
}

const fillSanitizer = unified().use(rehypeSanitize, sanitizeSchema).freeze()

/** `element` as the sanitizer passes it in a body rendered whole. */
function sanitized(element: Element): ElementContent[] {
  const tree = fillSanitizer.runSync({ type: 'root', children: [element] }) as HastRoot
  return tree.children as ElementContent[]
}

/** A draft's HTML with each slot's token replaced by its text from `fills` (see {@link slotFills}). */
export function fillSlots(html: string, fills: readonly string[]): string {
  // A link's start tag replaces `<a href="TOKEN">` whole; its end tag, the token and the `</a>` after it.
  return html.replace(
    /<a href="\u0001(\d+)\u0002">|\u0001\/(\d+)\u0002(?:<\/a>)?|\u0001(\d+)\u0002/g,
    (token, open?: string, close?: string, other?: string) => {
      const fill = fills[Number(open ?? close ?? other)]
      if (fill === undefined) throw new Error(`quire: a drafted body has a token with no slot (${JSON.stringify(token)})`)
      return fill
    },
  )
}

/**
 * The body `doc`'s draft stands for on a page whose way back to the site
 * root is `root`: every slot filled from the graph. Byte for byte what
 * {@link renderBody} makes.
 */
export function finishBody(doc: Doc, html: Uint8Array, slots: readonly Slot[], graph: Graph, root: RootPrefix): string {
  return fillSlots(textOf(html), slotFills(doc, slots, graph, root))
}

/**
 * A finished body as the node a page template takes. The page serializer
 * writes it as it is: it comes only from {@link finishBody}, whose HTML
 * went through the sanitizer.
 */
export function bodyNodes(html: string): ElementContent[] {
  return html === '' ? [] : [{ type: 'raw', value: html }]
}
