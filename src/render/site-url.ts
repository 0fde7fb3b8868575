/**
 * Absolute URLs, for what leaves the site: canonical links, Open Graph,
 * the Atom feed, the sitemap and robots.txt. They need the configured
 * `url` (the address of the site's root, sub-path included); pages still
 * link to each other relatively through `urlFor`.
 */
import type { SiteOptions, Slug } from '../model.js'
import { urlFor, type RootPrefix } from './url.js'

/** The site's root address, ending in `/`, with no query or fragment; undefined when `url` is not configured. */
export function siteRootUrl(site: SiteOptions): string | undefined {
  if (site.url === undefined) return undefined
  const url = new URL(site.url)
  url.search = ''
  url.hash = ''
  if (!url.pathname.endsWith('/')) url.pathname += '/'
  return url.href
}

/** The absolute URL of a document, the home page, or a file in the site; undefined without a site URL. */
export function absoluteUrlFor(site: SiteOptions, target: { slug: Slug } | { file: string } | 'home'): string | undefined {
  const root = siteRootUrl(site)
  if (root === undefined) return undefined
  return new URL(urlFor('' as RootPrefix, target), root).href
}
