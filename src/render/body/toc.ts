/**
 * The table of contents of a long body: its h2 and h3 headings, read from
 * the rendered body (after heading anchors gave them ids), so the contents
 * always match what the page shows.
 */
import type { ElementContent } from 'hast'
import type { TocEntry } from '../../../templates/props.js'
import { isHeading } from './heading-anchors.js'
import { withoutTokens } from './slots.js'
import { visibleText } from './unwritten-mark.js'

/** Bodies with fewer h2 and h3 headings than this get no table of contents. */
export const tocThreshold = 3

/** Every h2 and h3 of a rendered body with an id, in order. */
export function bodyHeadings(body: readonly ElementContent[]): TocEntry[] {
  const entries: TocEntry[] = []
  const walk = (nodes: readonly ElementContent[]): void => {
    for (const node of nodes) {
      if (node.type !== 'element') continue
      if (isHeading(node)) {
        const id = node.properties['id']
        if ((node.tagName === 'h2' || node.tagName === 'h3') && typeof id === 'string')
          entries.push({ id, text: withoutTokens(visibleText(node)).trim(), depth: node.tagName === 'h2' ? 2 : 3 })
        continue
      }
      // Headings inside quotes, lists and details are not sections of the page.
      if (node.tagName === 'div') walk(node.children)
    }
  }
  walk(body)
  return entries
}

/** The table of contents of a body: its h2 and h3 headings when there are at least `tocThreshold`, else none. */
export function tableOfContents(body: readonly ElementContent[]): TocEntry[] {
  const entries = bodyHeadings(body)
  return entries.length >= tocThreshold ? entries : []
}
