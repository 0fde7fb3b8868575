/**
 * The mark for a link to a note not written yet: its text, in a `<span>`
 * styled as a placeholder (no address to follow), with a tooltip and a
 * few words only screen readers read, so nobody mistakes it for a link:
 *
 * `<span class="unwritten" title="Not written yet">label<span class="unwritten-hint"> (not written yet)</span></span>`
 *
 * The hint is not part of a heading's text: a heading that holds the mark
 * keeps the id and the contents entry it would have as plain text.
 */
import type { Element, ElementContent, Nodes } from 'hast'

/** The mark's class, and the hint's (both allowed through the sanitizer, see body.ts). */
export const unwrittenClass = 'unwritten'
export const unwrittenHintClass = 'unwritten-hint'

/** The tooltip on the mark. */
export const unwrittenTitle = 'Not written yet'

/** The mark's element, without its content. */
export function unwrittenShell(): Pick<Element, 'tagName' | 'properties'> {
  return { tagName: 'span', properties: { className: [unwrittenClass], title: unwrittenTitle } }
}

/** The words after the label that only screen readers read. */
export function unwrittenHint(): Element {
  return { type: 'element', tagName: 'span', properties: { className: [unwrittenHintClass] }, children: [{ type: 'text', value: ' (not written yet)' }] }
}

/** Is `node` the hint inside a mark? */
function isHint(node: Nodes): boolean {
  if (node.type !== 'element') return false
  const classes = node.properties['className']
  return Array.isArray(classes) && classes.includes(unwrittenHintClass)
}

/**
 * The text of `node` as a reader sees it: every text node, without the
 * marks' screen-reader hints (what a heading's id and its entry in the
 * contents are made from).
 */
export function visibleText(node: Nodes): string {
  if (node.type === 'text') return node.value
  if (isHint(node) || !('children' in node)) return ''
  let text = ''
  for (const child of node.children as readonly ElementContent[]) text += visibleText(child)
  return text
}
