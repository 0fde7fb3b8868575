/**
 * The head elements that describe a page to other sites: canonical link,
 * Open Graph properties, and the feed's alternate link.
 */
import type { Element } from 'hast'
import { h } from './elements.js'
import type { PageMetaProps } from './props.js'

/** `<link rel=canonical>`, `<meta property=og:…>` and `<link rel=alternate>` for the feed, as the page has them. */
export function headMeta(meta: PageMetaProps, siteTitle: string): Element[] {
  const elements: Element[] = []
  if (meta.canonical !== undefined) elements.push(h('link', { rel: 'canonical', href: meta.canonical }))
  for (const { property, content } of meta.openGraph) elements.push(h('meta', { property, content }))
  if (meta.feedHref !== undefined)
    elements.push(h('link', { rel: 'alternate', type: 'application/atom+xml', title: `${siteTitle} (Atom feed)`, href: meta.feedHref }))
  return elements
}
