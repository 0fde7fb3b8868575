/**
 * What a page tells other sites about itself: its canonical address, Open
 * Graph properties (title, description from the document's summary, type,
 * site name, address) and where the feed is. Absolute addresses need the
 * site's `url`; without it the canonical link, `og:url` and the feed are
 * left out (a `missing-site-url` warning says so).
 */
import type { PageMetaProps } from '../../../templates/props.js'
import type { SiteOptions, Slug } from '../../model.js'
import { feedFile } from '../site-files/feed.js'
import { absoluteUrlFor } from '../site-url.js'
import { urlFor, type RootPrefix } from '../url.js'

/** The address of a page with its own URL: the home page or a page at `<slug>/`. */
export type PageAddress = { readonly slug: Slug } | 'home'

/** Meta props for a page. `address` is undefined for pages served at any URL (404). */
export function pageMeta(
  site: SiteOptions,
  root: RootPrefix,
  page: { address: PageAddress | undefined; title: string; description: string; article: boolean },
): PageMetaProps {
  const canonical = page.address === undefined ? undefined : absoluteUrlFor(site, page.address)
  const openGraph = [
    { property: 'og:type', content: page.article ? 'article' : 'website' },
    { property: 'og:title', content: page.title },
    { property: 'og:description', content: page.description },
    { property: 'og:site_name', content: site.title },
  ]
  if (canonical !== undefined) openGraph.push({ property: 'og:url', content: canonical })
  return { canonical, openGraph, feedHref: urlFor(root, { file: feedFile }) }
}
