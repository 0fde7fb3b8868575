/**
 * Code blocks and tables scroll sideways when they are wider than the
 * screen (see `.prose pre` and `.prose table` in quire.css). A region that
 * scrolls must be reachable from the keyboard, so each gets `tabindex="0"`
 * (added after the sanitizer, which would drop it).
 */
import type { Nodes, Root } from 'hast'
import type { Plugin } from 'unified'
import { walk } from '../../walk.js'

export const rehypeScrollRegions: Plugin<[], Root> = () => (tree) => {
  walk<Nodes>(tree, (node) => {
    if (node.type === 'element' && (node.tagName === 'pre' || node.tagName === 'table')) node.properties['tabIndex'] = 0
  })
}
