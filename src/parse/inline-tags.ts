/**
 * Inline tags: `#reasoning` or nested `#rl/reward-models` in a body's text,
 * as Obsidian writes them. They are found in text only, so `#` inside code,
 * URLs and link targets never counts; a tag needs one character that is not
 * a digit (`#12` is an issue number, not a tag), and must follow a space,
 * a bracket or the start of the text.
 */
import type { Literal, Root } from 'mdast'
import { findAndReplace } from 'mdast-util-find-and-replace'

/** An inline tag in the mdast tree. */
export interface InlineTag extends Literal {
  type: 'inlineTag'
  /** The tag without its `#` (`rl/reward-models`). */
  value: string
}

declare module 'mdast' {
  interface PhrasingContentMap {
    inlineTag: InlineTag
  }
  interface RootContentMap {
    inlineTag: InlineTag
  }
}

const tagPattern = /#([\p{L}\p{N}_/-]+)/gu
const allowedBefore = /[\s([{,;:"'“‘]/u

/** Turn inline tags into `inlineTag` nodes and return them in order (without `#`). */
export function applyInlineTags(tree: Root): string[] {
  const tags: string[] = []
  findAndReplace(
    tree,
    [
      tagPattern,
      (whole: string, name: string, match: { index: number; input: string }) => {
        const before = match.index === 0 ? '' : match.input.charAt(match.index - 1)
        if (before !== '' && !allowedBefore.test(before)) return false
        const tag = name.replace(/\/+$/, '')
        if (!/[^\p{N}]/u.test(tag) || tag.startsWith('/')) return false
        tags.push(tag)
        const node: InlineTag = { type: 'inlineTag', value: tag }
        // Keep any slash that ended the match as text.
        return whole.length === tag.length + 1 ? node : [node, { type: 'text', value: whole.slice(tag.length + 1) }]
      },
    ],
    { ignore: ['link', 'linkReference', 'inlineCode', 'code', 'math', 'inlineMath', 'wikiLink', 'html'] },
  )
  return tags
}
