/**
 * Markdown bodies → mdast, with every link to another document or file
 * collected, block ids applied and inline tags found.
 */
import type { Heading, Root } from 'mdast'
import remarkGfm from 'remark-gfm'
import remarkMath from 'remark-math'
import remarkParse from 'remark-parse'
import { unified, type Processor } from 'unified'
import { visit } from 'unist-util-visit'
import path from 'node:path'
import type { LinkRef } from '../model.js'
import GithubSlugger from 'github-slugger'
import { pageIds } from '../anchors.js'
import { applyBlockIds } from './block-ids.js'
import { mayHaveComments, removeComments } from './comments.js'
import { plainText } from './derive.js'
import { applyInlineTags } from './inline-tags.js'
import { demoteDollarAmounts } from './math-dollars.js'
import { wikiLinkFromMarkdown, wikiLinkSyntax } from './wikilink-syntax.js'

/** The remark plugin that adds wikilink syntax to the parser. */
export function remarkWikiLink(this: Processor): void {
  const data = this.data()
  ;(data.micromarkExtensions ??= []).push(wikiLinkSyntax())
  ;(data.fromMarkdownExtensions ??= []).push(wikiLinkFromMarkdown())
}

const parser = unified().use(remarkParse).use(remarkGfm).use(remarkMath).use(remarkWikiLink).freeze()

/** A parsed body. */
export interface ParsedBody {
  readonly tree: Root
  readonly links: LinkRef[]
  readonly hasHtml: boolean
  /** Block ids (`^claim-1`) in body order. */
  readonly blockIds: string[]
  /** Inline tags (`#rl/reward`, without `#`) in body order. */
  readonly tags: string[]
}

/**
 * Parse a body that starts at `bodyLine` (1-based) of its file, shifting
 * positions so they are relative to the whole file.
 *
 * `relativePath` is the file's path in the notes folder; Markdown links to
 * `.md` files are recorded relative to the notes folder.
 */
export function parseBody(body: string, bodyLine: number, bodyOffset: number, relativePath: string): ParsedBody {
  const tree = parser.parse(body) as Root
  demoteDollarAmounts(tree, body)
  if (mayHaveComments(body)) removeComments(tree)
  const blockIds = applyBlockIds(tree)
  const tags = applyInlineTags(tree)
  const links: LinkRef[] = []
  let hasHtml = false
  const lineShift = bodyLine - 1
  const folder = path.posix.dirname(relativePath)

  visit(tree, (node) => {
    const position = node.position
    if (position) {
      position.start.line += lineShift
      position.end.line += lineShift
      if (position.start.offset !== undefined) position.start.offset += bodyOffset
      if (position.end.offset !== undefined) position.end.offset += bodyOffset
    }
    const at = position ? { line: position.start.line, column: position.start.column } : { line: bodyLine, column: 1 }
    if (node.type === 'html') hasHtml = true
    else if (node.type === 'wikiLink') {
      const hash = node.value.indexOf('#')
      const target = hash === -1 ? node.value : node.value.slice(0, hash)
      const fragment = hash === -1 ? undefined : node.value.slice(hash + 1)
      node.data = { ...node.data, quireLink: links.length }
      links.push({ target: target.trim(), written: node.value, label: node.label, fragment: fragment || undefined, syntax: 'wikilink', embed: node.embed, position: at })
    } else if (node.type === 'link' || node.type === 'image') {
      const local = localTarget(node.url, folder)
      // A relative link names a note (`other.md`, or `other` as some tools write it) or a file (`paper.pdf`); an image names a file.
      if (local) {
        node.data = { ...node.data, quireLink: links.length }
        links.push({ target: local.file, written: node.url, label: undefined, fragment: local.fragment, syntax: 'markdown', embed: node.type === 'image', position: at })
      }
    }
  })
  return { tree, links, hasHtml, blockIds, tags }
}

/** The ids the renderer gives `tree`'s headings, in order (GitHub's slugs, after the ids of the page frame). */
export function headingIds(tree: Root, skip?: Heading): string[] {
  return [...headingAnchors(tree, skip).values()]
}

/** Each heading of `tree` (but `skip`, the title heading) with the id the renderer gives it. */
export function headingAnchors(tree: Root, skip?: Heading): Map<Heading, string> {
  const slugger = new GithubSlugger()
  for (const id of pageIds) slugger.slug(id)
  const ids = new Map<Heading, string>()
  visit(tree, 'heading', (node) => {
    if (node === skip) return
    ids.set(node, slugger.slug(plainText(node).trim()) || slugger.slug('section'))
  })
  return ids
}

/** Does a path end in a file extension (`report.pdf`, not `v1` or `notes/`)? */
function hasExtension(file: string): boolean {
  return /\.[A-Za-z0-9]{1,8}$/.test(path.posix.basename(file))
}

/** `../other.md#part` written in `folder` → `{ file: 'other.md', fragment: 'part' }`; undefined for URLs that leave the notes folder's files. */
function localTarget(url: string, folder: string): { file: string; fragment: string | undefined } | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//') || url.startsWith('#') || url.startsWith('?') || url === '') return undefined
  const hash = url.indexOf('#')
  const pathPart = hash === -1 ? url : url.slice(0, hash)
  let decoded = pathPart
  try {
    decoded = decodeURIComponent(pathPart)
  } catch {
    // Keep the text as written: it will simply not resolve.
  }
  const joined = decoded.startsWith('/') ? decoded.slice(1) : path.posix.join(folder, decoded)
  return { file: path.posix.normalize(joined), fragment: hash === -1 ? undefined : url.slice(hash + 1) || undefined }
}
