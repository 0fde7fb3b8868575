/**
 * Markdown bodies → mdast, with every link to another document or file
 * collected, block ids applied and inline tags found.
 */
import type { Heading, Nodes, Root } from 'mdast'
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal'
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote'
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough'
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table'
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item'
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal'
import { gfmFootnote } from 'micromark-extension-gfm-footnote'
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough'
import { gfmTable } from 'micromark-extension-gfm-table'
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item'
import remarkMath from 'remark-math'
import remarkParse from 'remark-parse'
import { unified, type Processor } from 'unified'
import path from 'node:path'
import type { LinkRef } from '../model.js'
import GithubSlugger from 'github-slugger'
import { pageIds } from '../anchors.js'
import { tooDeep, type TooDeep } from './complexity.js'
import { applyBlockIds } from './block-ids.js'
import { mayHaveComments, removeComments } from './comments.js'
import { plainText } from './derive.js'
import { applyInlineTags } from './inline-tags.js'
import { demoteDollarAmounts } from './math-dollars.js'
import { wikiLinkFromMarkdown, wikiLinkSyntax } from './wikilink-syntax.js'
import { walk } from '../walk.js'

/** The remark plugin that adds wikilink syntax to the parser. */
export function remarkWikiLink(this: Processor): void {
  const data = this.data()
  ;(data.micromarkExtensions ??= []).push(wikiLinkSyntax())
  ;(data.fromMarkdownExtensions ??= []).push(wikiLinkFromMarkdown())
}

/**
 * GitHub-flavoured Markdown, as remark-gfm adds it (the same extensions in
 * the same order), except that literal autolinks (`www.example.com`, bare
 * URLs and e-mail addresses) and tables are added only when asked for.
 * Those two cost more than the rest of GFM together: literal autolinks are
 * tried at every word, and are the costliest part of parsing a body.
 */
function remarkGfmFor(this: Processor, wanted: { autolinks: boolean; tables: boolean }): void {
  const data = this.data()
  const syntax = data.micromarkExtensions ?? (data.micromarkExtensions = [])
  const trees = data.fromMarkdownExtensions ?? (data.fromMarkdownExtensions = [])
  if (wanted.autolinks) {
    syntax.push(gfmAutolinkLiteral())
    trees.push(gfmAutolinkLiteralFromMarkdown())
  }
  syntax.push(gfmFootnote(), gfmStrikethrough())
  trees.push(gfmFootnoteFromMarkdown(), gfmStrikethroughFromMarkdown())
  if (wanted.tables) {
    syntax.push(gfmTable())
    trees.push(gfmTableFromMarkdown())
  }
  syntax.push(gfmTaskListItem())
  trees.push(gfmTaskListItemFromMarkdown())
}

const parsers = new Map<string, Processor>()

/**
 * A line that could be a table's delimiter row (`| --- | :-: |`): after
 * any blockquote markers and indentation, only pipes, colons, hyphens and
 * spaces, with at least one hyphen. Every table has one. Many bodies with
 * a `|` have none: the `|` is in a wikilink's label (`[[note|label]]`) or
 * in prose, and parsing them without the table extension is clearly
 * faster (the extension is tried at the start of every line).
 */
// Written so that no line costs more than linear time: nothing before the first `-` can also match it.
const delimiterRow = /^[ \t>]*(?:[|:][ \t|:]*)?-[ \t|:-]*$/m

/**
 * The parser for `body`: without literal autolinks or tables when the text
 * cannot hold one. Every literal autolink contains `www.`, `http://`,
 * `https://` or an `@` followed by a domain with a dot (e-mail, `mailto:`,
 * `xmpp:`); every table has a `|` and a {@link delimiterRow}. The tree is
 * the same either way (test/markdown-parsers.test.ts checks that on every
 * kind of body).
 */
export function parserFor(body: string): Processor {
  const autolinks = /www\.|https?:\/\/|@[-\w]+\.[-\w]/i.test(body)
  const tables = body.includes('|') && delimiterRow.test(body)
  const key = `${autolinks}${tables}`
  let parser = parsers.get(key)
  if (!parser) {
    parser = unified().use(remarkParse).use(remarkGfmFor, { autolinks, tables }).use(remarkMath).use(remarkWikiLink).freeze() as unknown as Processor
    parsers.set(key, parser)
  }
  return parser
}

/** A parsed body. */
export interface ParsedBody {
  readonly tree: Root
  readonly links: LinkRef[]
  readonly hasHtml: boolean
  /** Set when the body nests deeper than quire renders (the tree is then left empty). */
  readonly tooDeep?: TooDeep | undefined
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
  const tree = parserFor(body).parse(body) as Root
  // Measured before any recursive pass walks the tree: a tree too deep for them is not kept.
  const deep = tooDeep(tree)
  if (deep) {
    const at = deep.position ? { line: deep.position.line + bodyLine - 1, column: deep.position.column } : undefined
    return { tree: { type: 'root', children: [] }, links: [], hasHtml: false, blockIds: [], tags: [], tooDeep: { depth: deep.depth, position: at } }
  }
  demoteDollarAmounts(tree, body)
  if (mayHaveComments(body)) removeComments(tree)
  // Each block id has a `^`, each inline tag a `#` and a letter, digit, `_`, `/` or `-` (the start of
  // `tagPattern` in inline-tags.ts): a body without one has none to look for.
  const blockIds = body.includes('^') ? applyBlockIds(tree) : []
  const tags = /#[\p{L}\p{N}_/-]/u.test(body) ? applyInlineTags(tree) : []
  const links: LinkRef[] = []
  let hasHtml = false
  const lineShift = bodyLine - 1
  const folder = path.posix.dirname(relativePath)

  walk<Nodes>(tree, (node) => {
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
      links.push({
        target: target.trim(),
        written: node.value,
        label: node.label,
        fragment: fragment || undefined,
        syntax: 'wikilink',
        embed: node.embed,
        position: at,
      })
    } else if (node.type === 'link' || node.type === 'image') {
      const local = localTarget(node.url, folder)
      // A relative link names a note (`other.md`, or `other` as some tools write it) or a file (`paper.pdf`); an image names a file.
      if (local) {
        node.data = { ...node.data, quireLink: links.length }
        links.push({
          target: local.file,
          written: node.url,
          label: undefined,
          fragment: local.fragment,
          syntax: 'markdown',
          embed: node.type === 'image',
          position: at,
        })
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
  walk<Nodes>(tree, (node) => {
    if (node.type !== 'heading' || node === skip) return
    ids.set(node, slugger.slug(plainText(node).trim()) || slugger.slug('section'))
  })
  return ids
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
