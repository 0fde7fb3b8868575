/**
 * `sitemap.xml` and `robots.txt`.
 *
 * The sitemap lists every page the build wrote (each `index.html`, and
 * the later pages of long listings, `page-2.html`…), so a page type added
 * later is listed without changes here; `404.html` is not a
 * page of its own address and is left out. Sitemaps must hold absolute URLs,
 * so without a configured `url` there is no sitemap (and a warning says so).
 * `robots.txt` allows everything and names the sitemap when there is one.
 */
import { compare } from '../../diagnostics.js'
import type { SiteOptions } from '../../model.js'
import { siteRootUrl } from '../site-url.js'
import { serialiseXml, x } from '../serialize/xml.js'

/** Where the sitemap is written, relative to the site root. */
export const sitemapFile = 'sitemap.xml'
/** Where robots.txt is written. */
export const robotsFile = 'robots.txt'

/** A later page of a listing (`a/b/page-2.html`, see `folders.ts`): a page of its own address. */
const laterListingPage = /(?:^|\/)page-[1-9]\d*\.html$/

/**
 * The page addresses (relative to the site root) of the output files that
 * are pages: `index.html` → ``, `a/b/index.html` → `a/b/`, and the later
 * pages of long listings as they are (`a/b/page-2.html`).
 */
export function pageAddresses(paths: readonly string[]): string[] {
  const addresses: string[] = []
  for (const file of paths) {
    if (file === 'index.html') addresses.push('')
    else if (file.endsWith('/index.html')) addresses.push(file.slice(0, -'index.html'.length))
    else if (laterListingPage.test(file)) addresses.push(file)
  }
  return addresses.sort((a, b) => (a === '' ? -1 : b === '' ? 1 : compare(a, b)))
}

/** The sitemap's text for the output files `paths`, or undefined without a site `url`. */
export function sitemapXml(site: SiteOptions, paths: readonly string[]): string | undefined {
  const root = siteRootUrl(site)
  if (root === undefined) return undefined
  const urls = pageAddresses(paths).map((address) => x('url', null, x('loc', null, new URL(address, root).href)))
  return serialiseXml(x('urlset', { xmlns: 'http://www.sitemaps.org/schemas/sitemap/0.9' }, ...urls))
}

/** robots.txt: everything may be crawled; the sitemap's address when there is one. */
export function robotsTxt(site: SiteOptions): string {
  const root = siteRootUrl(site)
  const lines = ['User-agent: *', 'Disallow:']
  if (root !== undefined) lines.push('', `Sitemap: ${new URL(sitemapFile, root).href}`)
  return lines.join('\n') + '\n'
}

/** sitemap.xml (with a site `url`) and robots.txt, for a site made of the output files `paths`. */
export function crawlerFiles(site: SiteOptions, paths: readonly string[]): { path: string; contents: string }[] {
  const sitemap = sitemapXml(site, paths)
  const files = sitemap === undefined ? [] : [{ path: sitemapFile, contents: sitemap }]
  files.push({ path: robotsFile, contents: robotsTxt(site) })
  return files
}
