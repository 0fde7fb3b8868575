/**
 * Block anchors: the ids `^claim-1` that block ids (`block-ids.ts`) put on
 * paragraphs and list items. The sanitizer prefixes every id from a body
 * with `user-content-` (so a note cannot clobber the page's own ids); block
 * ids cannot clash with those (they start with `^`), so this step, after
 * the sanitizer, gives them back their own name for `[[note#^claim-1]]`.
 */
import type { Nodes, Root } from 'hast'
import type { Plugin } from 'unified'
import { walk } from '../../walk.js'

const prefixed = /^user-content-(\^[A-Za-z0-9-]+)$/

export const rehypeBlockAnchors: Plugin<[], Root> = () => (tree) => {
  walk<Nodes>(tree, (node) => {
    if (node.type !== 'element') return
    const id = node.properties['id']
    const match = typeof id === 'string' ? prefixed.exec(id) : null
    if (match) node.properties['id'] = match[1]!
  })
}
