/**
 * Dollar amounts are not math. remark-math pairs any two `$`, so
 * "costs $5 and $10" would become a formula. quire follows Pandoc's rule
 * instead: `$…$` is math only when the opening `$` has a non-space
 * character to its right, the closing `$` a non-space character to its
 * left, and the closing `$` is not followed by a digit. Anything else is
 * put back as the text it was written as. `$$…$$` is always math, and
 * `\$` is always a dollar sign.
 */
import type { Nodes, Root, Text } from 'mdast'
import { walk } from '../walk.js'

/** Is inline math written as `raw` (dollars included), followed by `next`, really a dollar amount? */
export function isDollarText(raw: string, next: string | undefined): boolean {
  if (!raw.startsWith('$') || raw.startsWith('$$')) return false
  const inner = raw.slice(1, -1)
  return inner === '' || /^\s/.test(inner) || /\s$/.test(inner) || (next !== undefined && /[0-9]/.test(next))
}

/** Turn inline math that reads as dollar amounts back into text. `source` is the text the tree was parsed from. */
export function demoteDollarAmounts(tree: Root, source: string): void {
  // No dollar sign, no inline math.
  if (!source.includes('$')) return
  walk<Nodes>(tree, (node, index, parent) => {
    if (node.type !== 'inlineMath') return
    const start = node.position?.start.offset
    const end = node.position?.end.offset
    if (parent === undefined || index === undefined || start === undefined || end === undefined) return
    const raw = source.slice(start, end)
    if (!isDollarText(raw, source[end])) return
    const text: Text = { type: 'text', value: raw, position: node.position }
    parent.children.splice(index, 1, text)
  })
}
