/**
 * The table of contents of a long note or inquiry: a navigation landmark
 * with the body's h2 headings, and its h3 headings nested under them.
 */
import type { Element } from 'hast'
import { h } from './elements.js'
import type { TocEntry } from './props.js'

/** Render a table of contents (call only with entries). */
export function tableOfContents(entries: readonly TocEntry[]): Element {
  const top: { entry: TocEntry; children: TocEntry[] }[] = []
  for (const entry of entries) {
    const last = top.at(-1)
    if (entry.depth === 3 && last && last.entry.depth === 2) last.children.push(entry)
    else top.push({ entry, children: [] })
  }
  const link = (entry: TocEntry) => h('a', { href: `#${entry.id}` }, entry.text)
  return h('nav', { className: ['toc'], ariaLabelledBy: 'contents' }, [
    h('h2', { id: 'contents' }, 'Contents'),
    h(
      'ol',
      top.map(({ entry, children }) =>
        h(
          'li',
          [
            link(entry),
            children.length > 0
              ? h(
                  'ol',
                  children.map((child) => h('li', [link(child)])),
                )
              : undefined,
          ].filter((part) => part !== undefined),
        ),
      ),
    ),
  ])
}
