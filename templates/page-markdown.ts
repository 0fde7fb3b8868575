/**
 * A page's Markdown, offered to the reader: a link to it (which works
 * without script) and a button that copies it (`assets/quire.js`),
 * shown once script runs.
 */
import type { Element } from 'hast'
import { h } from './elements.js'

/** The controls for the page's Markdown at `href` (relative to the page). */
export function pageMarkdownControl(href: string): Element {
  return h('div', { className: ['page-markdown'] }, [
    h('button', { type: 'button', className: ['copy-markdown'], hidden: true, dataCopyMarkdown: href }, 'Copy page as Markdown'),
    h('a', { href, type: 'text/markdown' }, 'View as Markdown'),
    h('span', { className: ['copy-status'], role: 'status', ariaLive: 'polite' }),
  ])
}
