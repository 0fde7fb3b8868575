/**
 * Block ids, Obsidian's way to link to one paragraph or list item:
 * `A claim worth citing. ^claim-1` gives that paragraph the id `^claim-1`,
 * and `[[note#^claim-1]]` links to it. A `^id` alone on the line after a
 * table, list or quote names that block.
 *
 * The marker is removed from the text and the id is put on the block
 * (`data.hProperties.id`); the renderer keeps the id (see `block-anchors.ts`).
 */
import type { Nodes, Paragraph, Parent, Root, RootContent, Text } from 'mdast'
import { walk } from '../walk.js'

const trailingId = /\^[A-Za-z0-9-]+(?=[ \t]*$)/g
const aloneId = /^\s*(\^[A-Za-z0-9-]+)\s*$/

/** Take the block ids out of `tree`, set them on their blocks, and return them in order. */
export function applyBlockIds(tree: Root): string[] {
  const ids: string[] = []
  walk<Nodes>(tree, (node, index, parent) => {
    if (node.type !== 'paragraph' || !parent || index === undefined) return
    const alone = onlyText(node)
    const standalone = alone === undefined ? null : aloneId.exec(alone.value)
    if (standalone && index > 0) {
      const previous = parent.children[index - 1]!
      setId(previous, standalone[1]!)
      ids.push(standalone[1]!)
      parent.children.splice(index, 1)
      return index
    }
    const last = node.children[node.children.length - 1]
    if (last?.type !== 'text') return
    const found = trailingIdOf(last.value)
    if (!found) return
    last.value = last.value.slice(0, found.start)
    // In a list item, the id names the item (Obsidian links to the whole item).
    setId(parent.type === 'listItem' && parent.children[0] === node ? (parent as unknown as RootContent) : node, found.id)
    ids.push(found.id)
    return undefined
  })
  return ids
}

/**
 * The `^id` that ends `text` after a space or tab, and where the space
 * before it starts. Not one regular expression with the spaces in it:
 * `/[ \t]+\^…$/` backtracks over every run of spaces, in time that grows
 * with the square of the run: a paragraph of spaces and a `^` stalled it.
 */
function trailingIdOf(text: string): { id: string; start: number } | undefined {
  trailingId.lastIndex = 0
  let match: RegExpExecArray | null
  let last: RegExpExecArray | undefined
  while ((match = trailingId.exec(text))) last = match
  if (!last) return undefined
  let start = last.index
  while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--
  return start === last.index ? undefined : { id: last[0], start }
}

function onlyText(node: Paragraph): Text | undefined {
  return node.children.length === 1 && node.children[0]!.type === 'text' ? node.children[0] : undefined
}

function setId(node: RootContent | Parent, id: string): void {
  const data = (node.data ??= {})
  data.hProperties = { ...data.hProperties, id }
}
