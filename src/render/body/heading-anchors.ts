/**
 * Heading anchors: every heading of a body gets an id (GitHub's slugs, so
 * `[[note#methods]]` finds `## Methods`) and a visible link to itself.
 *
 * Runs after the sanitizer (ids it lets through from raw HTML keep their
 * `user-content-` prefix and are left alone). Ids the page frame uses
 * (`main`, `sources`, `cited-by`, …) are taken before the body's headings
 * are numbered, so a heading called "Sources" becomes `sources-1` and never
 * clashes with the section of that name.
 */
import type { Element, Nodes, Root } from 'hast'
import GithubSlugger from 'github-slugger'
import { anchorId, pageIds } from '../../anchors.js'
import type { Plugin } from 'unified'
import { walk } from '../../walk.js'
import { withoutTokens } from './slots.js'
import { visibleText } from './unwritten-mark.js'

export { pageIds } from '../../anchors.js'

/** The id a link fragment names (see `anchorId`). */
export const headingId = anchorId

const headingTags = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6'])

/** Is `node` a heading (h1 to h6)? */
export function isHeading(node: Element): boolean {
  return headingTags.has(node.tagName)
}

/** The visible link to a heading, placed after it. */
function anchorLink(id: string, text: string): Element {
  return {
    type: 'element',
    tagName: 'a',
    properties: { className: ['heading-anchor'], href: `#${id}` },
    children: [
      { type: 'element', tagName: 'span', properties: { ariaHidden: 'true' }, children: [{ type: 'text', value: '#' }] },
      {
        type: 'element',
        tagName: 'span',
        properties: { className: ['visually-hidden'] },
        children: [{ type: 'text', value: `Link to the section “${text}”` }],
      },
    ],
  }
}

/**
 * Give each heading an id and follow it with a link to itself, the two
 * wrapped in `<div class="heading">` (GitHub's pattern: the link stays out
 * of the heading's accessible name).
 */
export const rehypeHeadingAnchors: Plugin<[], Root> = () => (tree) => {
  const slugger = new GithubSlugger()
  for (const id of pageIds) slugger.slug(id)
  walk<Nodes>(tree, (node, index, parent) => {
    if (node.type !== 'element' || !isHeading(node) || parent === undefined || index === undefined) return
    // A drafted link's tokens (`slots.ts`) and a mark's screen-reader hint are not part of the heading's text.
    const text = withoutTokens(visibleText(node)).trim()
    const existing = node.properties['id']
    const id = typeof existing === 'string' && existing !== '' ? existing : slugger.slug(text) || slugger.slug('section')
    node.properties['id'] = id
    const wrapper: Element = {
      type: 'element',
      tagName: 'div',
      properties: { className: ['heading', `heading-${node.tagName}`] },
      children: [node, anchorLink(id, text || id)],
    }
    parent.children[index] = wrapper
    return index + 1
  })
}
