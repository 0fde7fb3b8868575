/**
 * How complex a note is to parse, measured without parsing it.
 *
 * Notes are untrusted input, and some Markdown costs far more than its
 * size: micromark resolves runs of emphasis delimiters (`*_*_…`), brackets
 * (`[*[*…`) and footnote references in time that grows with the square of
 * their number (the report for micromark, with its minimal case, is
 * `docs/upstream/micromark-attention.md`), and deep nesting (`>>>>…`, lists in lists) makes trees
 * that recursive code cannot walk. Two guards keep a build responsive:
 *
 * - {@link needsTimeLimit} picks the notes whose parse could take long,
 *   from their size, their deepest indentation and a count of the
 *   characters that open such constructs; the executor
 *   parses those in a worker thread it can stop (see `parse-sandbox.ts`).
 *   Below its thresholds the worst case found takes tens of milliseconds.
 * - {@link tooDeep} measures a parsed tree's depth without recursion, so a
 *   note nested deeper than {@link nestingLimit} is refused before any
 *   recursive stage (to-hast, sanitize, serialize) sees it.
 */
import type { Nodes, Root } from 'mdast'
import type { Position } from '../diagnostics.js'

/**
 * The deepest tree a note may parse to: levels of the Markdown tree, plus
 * the elements its raw HTML opens. Real notes stay under about 20; the
 * recursive stages after parsing stay well inside Node's stack at this depth.
 */
export const nestingLimit = 256

/** Notes larger than this are always parsed under the time limit. */
const sizeLimit = 64 * 1024

/** Notes with more characters that open inline constructs than this, outside fenced code, are parsed under the time limit. */
const openerLimit = 2000

/**
 * Notes with more such characters than this, counting those in fenced code,
 * are parsed under the time limit whatever their fences (the worst case
 * found at this count takes well under a second).
 */
const allOpenersLimit = 8000

/**
 * Notes with a line indented further than this (spaces, tabs and `>`) are
 * parsed under the time limit: each level of a list or quote is looked at
 * again on every line inside it, so deep nesting costs its depth squared.
 */
const indentLimit = 64

/** `*` `_` `[` `]` `!` `` ` `` `~` `<` `>` `^` `$` `|` `\` `&`: the characters the inline tokenizers look back over. */
const openers = new Uint8Array(128)
for (const c of '*_[]!`~<>^$|\\&') openers[c.charCodeAt(0)] = 1

/**
 * Could parsing `text` take long? True for large notes and notes dense in
 * the characters that start emphasis, links, code, footnotes or HTML.
 * Linear in the text's length; stops counting at the limit.
 */
export function needsTimeLimit(text: string): boolean {
  if (text.length > sizeLimit) return true
  // Openers outside fenced code, and in all: code is not parsed for inline constructs, so technical
  // notes full of code stay on the fast path. The fences are told apart by a simpler rule than
  // micromark's, so a note that fools it is still caught by the count of every opener.
  let outside = 0
  let all = 0
  // Columns of indentation (and `>`) at the start of the current line, or -1 once past it.
  let indent = 0
  let fence: string | undefined
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code === 10 || i === 0) {
      const start = code === 10 ? i + 1 : 0
      const end = text.indexOf('\n', start)
      const line = text.slice(start, end === -1 ? text.length : end)
      if (fence === undefined) fence = openingFence(line)
      else if (closesFence(line, fence)) fence = undefined
      indent = 0
      if (code === 10) continue
    }
    if (indent >= 0) {
      if (code === 32 || code === 62) indent++
      else if (code === 9) indent += 4
      else indent = -1
      if (indent > indentLimit) return true
    }
    if (code < 128 && openers[code] === 1) {
      if (++all > allOpenersLimit) return true
      if (fence === undefined && ++outside > openerLimit) return true
    }
  }
  return false
}

/** The fence a line of code opens (its run of `` ` `` or `~`), if it opens one at the start of a line. */
function openingFence(line: string): string | undefined {
  const match = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line)
  if (!match) return undefined
  if (match[1]![0] === '`' && match[2]!.includes('`')) return undefined
  return match[1]
}

/** Does `line` close a fence opened by `fence`? */
function closesFence(line: string, fence: string): boolean {
  const match = /^ {0,3}(`{3,}|~{3,})[ \t]*\r?$/.exec(line)
  return match !== null && match[1]![0] === fence[0] && match[1]!.length >= fence.length
}

/** Where a tree goes deeper than {@link nestingLimit}, and how deep it got there. */
export interface TooDeep {
  readonly depth: number
  readonly position: Position | undefined
}

/**
 * Elements whose end tag HTML lets the author leave out (the parser closes
 * them), and elements that never have content: neither adds nesting.
 */
const notNesting = new Set([
  'p',
  'li',
  'dt',
  'dd',
  'tr',
  'td',
  'th',
  'thead',
  'tbody',
  'tfoot',
  'colgroup',
  'option',
  'optgroup',
  'rb',
  'rt',
  'rp',
  'rtc',
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
])

/**
 * Is `tree` deeper than {@link nestingLimit}? Counts each node's depth in
 * the tree plus the elements still open in the raw HTML before it (an
 * `html` node of `<div><div>` opens two), with an explicit stack, so any
 * depth is measured safely. Undefined when the tree is within the limit.
 */
export function tooDeep(tree: Root): TooDeep | undefined {
  let htmlOpen = 0
  const stack: { node: Nodes; depth: number }[] = [{ node: tree, depth: 0 }]
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!
    if (node.type === 'html') htmlOpen = Math.max(0, htmlOpen + htmlNesting(node.value))
    if (depth + htmlOpen > nestingLimit) {
      const start = node.position?.start
      return { depth: depth + htmlOpen, position: start ? { line: start.line, column: start.column } : undefined }
    }
    if ('children' in node) {
      // Pushed last to first, so nodes are visited in document order (raw HTML's nesting is counted in order).
      for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i] as Nodes, depth: depth + 1 })
    }
  }
  return undefined
}

/**
 * How many more elements `html` opens than it closes (negative when it
 * closes more). One pass from left to right, as the HTML tokenizer reads
 * tags: a tag runs to its `>` (quotes count only as an attribute's value,
 * after `=`), and a tag with no `>` takes the rest of the text. (A regular
 * expression tried from every `<` read to the end of the text from each:
 * quadratic time, which a few thousand unclosed tags made a stall.)
 */
function htmlNesting(html: string): number {
  let change = 0
  let at = html.indexOf('<')
  while (at !== -1) {
    const closing = html[at + 1] === '/'
    const nameStart = at + (closing ? 2 : 1)
    let nameEnd = nameStart
    while (nameEnd < html.length && /[A-Za-z0-9-]/.test(html[nameEnd]!) && (nameEnd > nameStart || /[A-Za-z]/.test(html[nameEnd]!))) nameEnd++
    if (nameEnd === nameStart) {
      at = html.indexOf('<', at + 1)
      continue
    }
    const end = tagEnd(html, nameEnd)
    if (end === -1) break
    const name = html.slice(nameStart, nameEnd).toLowerCase()
    if (html[end - 1] !== '/' && !notNesting.has(name)) change += closing ? -1 : 1
    at = html.indexOf('<', end + 1)
  }
  return change
}

/** Where the tag whose attributes start at `from` ends (its `>`), or -1 when it does not. */
function tagEnd(html: string, from: number): number {
  let afterEquals = false
  for (let i = from; i < html.length; i++) {
    const c = html[i]!
    if (c === '>') return i
    if ((c === '"' || c === "'") && afterEquals) {
      i = html.indexOf(c, i + 1)
      if (i === -1) return -1
      afterEquals = false
    } else if (c === '=') afterEquals = true
    else if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r' && c !== '\f') afterEquals = false
  }
  return -1
}
