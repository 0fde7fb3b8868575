/**
 * Titles and summaries for notes whose front matter does not give them, as
 * in notes written in other tools: the title is the first `#` heading, else
 * the file name; the summary is the `description` field, else the first
 * paragraph, as plain text cut at a sentence boundary.
 */
import type { Heading, Nodes, Paragraph, Root } from 'mdast'
import path from 'node:path'

/** The first level-1 heading of a body, if any (it becomes the page title, so it is not rendered twice). */
export function titleHeading(tree: Root): Heading | undefined {
  for (const node of tree.children) if (node.type === 'heading' && node.depth === 1 && plainText(node).trim() !== '') return node
  return undefined
}

/** A title from a file name: `notes/Reward hacking.md` → `Reward hacking`. */
export function titleFromFileName(relativePath: string): string {
  return path.posix.basename(relativePath).replace(/\.md$/i, '').trim()
}

/** Longest summary taken from a body, in characters. */
const summaryLimit = 280

/**
 * The summary a body gives: its first paragraph that has words (not only
 * embeds, images or tags), as plain text, cut after the last sentence that
 * fits in {@link summaryLimit} characters (or at a word, with `…`).
 */
export function summaryFromBody(tree: Root): string | undefined {
  for (const node of tree.children) {
    if (node.type !== 'paragraph') continue
    const text = plainText(node).replace(/\s+/g, ' ').trim()
    // Skip a paragraph of only embeds, images or tags.
    if (!/[\p{L}\p{N}]/u.test(text.replace(/#[^\s#]+/gu, ''))) continue
    return cutAtSentence(text)
  }
  return undefined
}

/** The visible text of a node, as the page shows it: link labels, wikilink labels or targets, `#tags`; no images or embeds. */
export function plainText(node: Nodes | Paragraph): string {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
    case 'inlineMath':
      return node.value
    case 'wikiLink':
      return node.embed ? '' : (node.label ?? node.value.replace(/#.*$/, ''))
    case 'inlineTag':
      return `#${node.value}`
    case 'image':
    case 'imageReference':
    case 'html':
    case 'footnoteReference':
      return ''
    case 'break':
      return ' '
    default:
      return 'children' in node ? node.children.map((child) => plainText(child as Nodes)).join('') : ''
  }
}

function cutAtSentence(text: string): string {
  if (text.length <= summaryLimit) return text
  const window = text.slice(0, summaryLimit)
  let end = -1
  const sentenceEnd = /[.!?。！？](?=\s|$)/gu
  for (let match = sentenceEnd.exec(window); match; match = sentenceEnd.exec(window)) end = match.index + 1
  if (end >= 40) return window.slice(0, end)
  const space = window.lastIndexOf(' ')
  return `${window.slice(0, space > 40 ? space : summaryLimit - 1).trimEnd()}…`
}
