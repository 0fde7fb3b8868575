/**
 * Each document page's Markdown, published beside it at
 * `<address>/index.html.md` (the llms.txt convention: a page's address
 * with `.md` added, `index.html.md` for an address that ends in `/`).
 *
 * It is the note as the page publishes it, made from what the build
 * already holds (the file's text, its links' positions and what each
 * resolved to), never by parsing again:
 *
 * - the title as a `#` heading (unless the body's own first heading is
 *   the title) and the summary as a quote, when the page shows one; no
 *   other front matter;
 * - the body as written, with every `%%comment%%` taken out (also inside
 *   code, as the search index does, so no comment can slip through), and
 *   HTML comments, scripts and styles taken out of bodies with raw HTML;
 * - each link to a published page rewritten to that page's address
 *   (relative, or absolute when the site has a `url`); a link to a draft,
 *   a note not written yet or a file quire does not publish becomes its
 *   text, as on the page;
 * - an embedded note (`![[note]]`) becomes a link to it: its own Markdown
 *   is one address away, and the text is never copied twice.
 */
import type { Doc, Graph, SiteOptions, Slug } from '../../model.js'
import { linkTarget, type LinkTarget } from '../body/body.js'
import { absoluteUrlFor } from '../site-url.js'
import { rootFromPage, urlFor } from '../url.js'

/** The name of a page's Markdown file, inside its address. */
export const pageMarkdownName = 'index.html.md'

/** The file of a page's Markdown (`a/b` → `a/b/index.html.md`; the home page → `index.html.md`). */
export function pageMarkdownFile(slug: Slug | undefined): string {
  return slug === undefined ? pageMarkdownName : `${slug}/${pageMarkdownName}`
}

/** One replacement in the text: `[start, end)` becomes `text`. */
interface Edit {
  readonly start: number
  readonly end: number
  readonly text: string
}

/**
 * The Markdown of the page of `doc` (see the module comment). `tail` is
 * added at the end (an inquiry's prompt, a folder note's listing).
 */
export function pageMarkdown(graph: Graph, site: SiteOptions, doc: Doc, tail: readonly string[] = []): string {
  const text = doc.file.text
  const address = addressFrom(site, doc.slug)
  const edits = [...commentEdits(text, doc.bodyOffset), ...(doc.hasHtml ? htmlEdits(text, doc.bodyOffset) : [])]
  const hidden = (at: number) => edits.some((edit) => at >= edit.start && at < edit.end)
  const lines = lineStarts(text)
  const results = graph.resolved.get(doc.slug) ?? []
  const root = rootFromPage(doc.slug)
  doc.links.forEach((link, index) => {
    const start = (lines[link.position.line - 1] ?? Infinity) + link.position.column - 1
    if (!(start >= doc.bodyOffset && start < text.length) || hidden(start)) return
    const target = linkTarget(graph, root, doc, doc, index)
    const href = target && (target.kind === 'page' || target.kind === 'file') ? address(target.href) : undefined
    const edit =
      link.syntax === 'wikilink'
        ? wikilinkEdit(text, start, link, href, target, results[index]?.kind === 'resolved')
        : markdownLinkEdit(text, start, link.written, href)
    if (edit) edits.push(edit)
  })
  let body = applyEdits(text, doc.bodyOffset, edits)
    .replace(/^\s*\n/, '')
    .trimEnd()
  const head: string[] = []
  if (doc.derived.title !== 'heading') head.push(`# ${oneLine(doc.data.title)}`)
  const summary = doc.derived.summary === 'paragraph' || doc.derived.summary === 'none' ? undefined : doc.data.summary
  if (summary !== undefined && summary.trim() !== '') head.push(`> ${oneLine(summary)}`)
  if (body !== '') head.push(body)
  body = [...head, ...tail].join('\n\n')
  return body + '\n'
}

/** Make a URL from the page of `slug` absolute when the site has a `url` (else keep it relative to the page). */
function addressFrom(site: SiteOptions, slug: Slug): (href: string) => string {
  const page = absoluteUrlFor(site, { slug })
  return (href) => {
    const relative = href.startsWith('#') ? `./${href}` : href
    return page === undefined ? relative : new URL(relative, page).href
  }
}

/** Where each line of `text` starts. */
function lineStarts(text: string): number[] {
  const starts = [0]
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts.push(at + 1)
  return starts
}

/** Every `%%comment%%` of the body (one left open runs to the end). */
function commentEdits(text: string, from: number): Edit[] {
  const edits: Edit[] = []
  for (let at = text.indexOf('%%', from); at !== -1;) {
    const close = text.indexOf('%%', at + 2)
    const end = close === -1 ? text.length : close + 2
    edits.push({ start: at, end, text: '' })
    at = close === -1 ? -1 : text.indexOf('%%', end)
  }
  return edits
}

/** HTML comments, scripts and styles in a body with raw HTML: the page never shows them. */
function htmlEdits(text: string, from: number): Edit[] {
  const edits: Edit[] = []
  const pattern = /<!--[\s\S]*?(?:-->|$)|<(script|style)\b[\s\S]*?(?:<\/\1\s*>|$)/gi
  pattern.lastIndex = from
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    edits.push({ start: match.index, end: match.index + match[0].length, text: '' })
    if (match[0].length === 0) pattern.lastIndex++
  }
  return edits
}

/** The text from `from`, with the edits that do not overlap an earlier one applied; lines a comment emptied are dropped. */
function applyEdits(text: string, from: number, edits: Edit[]): string {
  edits.sort((a, b) => a.start - b.start || b.end - a.end)
  let out = ''
  let at = from
  let lineCount = 0
  // Lines of the output that something was taken out of.
  const cut = new Set<number>()
  for (const edit of edits) {
    if (edit.start < at) continue
    const kept = text.slice(at, edit.start)
    lineCount += newlines(kept)
    out += kept + edit.text
    if (edit.text === '') cut.add(lineCount)
    lineCount += newlines(edit.text)
    at = edit.end
  }
  out += text.slice(at)
  if (cut.size === 0) return out
  // A list item, quote or heading that held only a comment leaves no empty marker behind.
  return out
    .split('\n')
    .filter((line, i) => !(cut.has(i) && /^\s*(?:[-*+]|\d+[.)]|>|#{1,6})?\s*$/.test(line)))
    .join('\n')
}

function newlines(text: string): number {
  let n = 0
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) n++
  return n
}

/** Text on one line. */
function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim()
}

/** Escape text for a link's label. */
function labelText(text: string): string {
  return text.replace(/[\\[\]]/g, (c) => `\\${c}`)
}

/** A link destination that Markdown reads whole. */
function destination(href: string): string {
  return /[\s()<>]/.test(href) ? `<${href.replace(/[<>]/g, encodeURIComponent)}>` : href
}

const images = /\.(png|jpe?g|gif|webp|avif|bmp|svg|ico)$/i

/** The replacement of the wikilink at `start`: a Markdown link or image, or its text. */
function wikilinkEdit(
  text: string,
  start: number,
  link: Doc['links'][number],
  href: string | undefined,
  target: LinkTarget,
  resolved: boolean,
): Edit | undefined {
  const open = text.startsWith('![[', start) ? 3 : text.startsWith('[[', start) ? 2 : 0
  if (open === 0) return undefined
  const close = text.indexOf(']]', start + open)
  if (close === -1) return undefined
  const end = close + 2
  const label = link.label?.trim() || undefined
  if (href === undefined || target === undefined) return { start, end, text: escapeText(label ?? link.written.trim()) }
  if (target.kind === 'file') {
    const name = target.name
    if (link.embed && images.test(name))
      return { start, end, text: `![${labelText(label && !/^\d+(x\d+)?$/.test(label) ? label : name)}](${destination(href)})` }
    return { start, end, text: `[${labelText(label ?? name)}](${destination(href)})` }
  }
  if (target.kind !== 'page') return { start, end, text: escapeText(label ?? link.written.trim()) }
  const shown = label ?? (resolved ? target.title : link.written.trim())
  return { start, end, text: `[${labelText(shown)}](${destination(href)})` }
}

/** Plain text that Markdown shows as written. */
function escapeText(text: string): string {
  return text.replace(/[\\`*_[\]<>]/g, (c) => `\\${c}`)
}

/**
 * The replacement in the Markdown link or image at `start` written with
 * `written` as its destination: the destination becomes `href`, or the
 * whole link its label when it leads nowhere the site publishes.
 */
function markdownLinkEdit(text: string, start: number, written: string, href: string | undefined): Edit | undefined {
  const image = text.startsWith('![', start)
  if (!image && text[start] !== '[') return undefined
  const limit = paragraphEnd(text, start)
  for (let at = text.indexOf('](', start); at !== -1 && at < limit; at = text.indexOf('](', at + 2)) {
    let from = at + 2
    while (text[from] === ' ' || text[from] === '\t') from++
    const angled = text[from] === '<'
    const destinationStart = angled ? from + 1 : from
    if (!text.startsWith(written, destinationStart)) continue
    const destinationEnd = destinationStart + written.length + (angled ? 1 : 0)
    if (href !== undefined) return { start: angled ? from : destinationStart, end: destinationEnd, text: destination(href) }
    const close = text.indexOf(')', destinationEnd)
    if (close === -1 || close > limit) return undefined
    return { start, end: close + 1, text: text.slice(start + (image ? 2 : 1), at) }
  }
  return undefined
}

/** Where the paragraph holding `start` ends (a blank line, or the end of the text). */
function paragraphEnd(text: string, start: number): number {
  const blank = text.slice(start).search(/\n[ \t]*\n/)
  return blank === -1 ? text.length : start + blank
}

/** A listing line for llms.txt and folder Markdown: `- [title](url): summary`. */
export function listingLine(title: string, href: string, summary: string | undefined): string {
  const note = summary === undefined || summary.trim() === '' ? '' : `: ${oneLine(summary)}`
  return `- [${labelText(oneLine(title))}](${destination(href)})${note}`
}

/** The page address of `slug` as llms.txt and listings give it: the page's Markdown, absolute when the site has a `url`. */
export function markdownAddress(site: SiteOptions, from: Slug | undefined, slug: Slug | undefined): string {
  const file = pageMarkdownFile(slug)
  return absoluteUrlFor(site, { file }) ?? urlFor(rootFromPage(from), { file })
}
