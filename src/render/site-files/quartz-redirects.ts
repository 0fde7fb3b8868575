/**
 * `_redirects` for a site that moves from Quartz (config `movedFrom:
 * quartz`): one rule per page and attachment whose Quartz address is not
 * its quire address, in the form Netlify and Cloudflare Pages read from
 * the root of what they publish. Links to the old site keep working.
 *
 * Quartz 4 makes an address from a file's path: it keeps the case, turns
 * each white-space character into `-`, `&` into `-and-` and `%` into
 * `-percent`, drops `?` and `#`, drops the `.md` extension (other files
 * keep theirs), reads a final `_index` as `index`, and serves `a/index` at
 * `a/`. quire lower-cases and joins runs of other characters into one `-`
 * (see `slug.ts`), so a Quartz address survives only when it was already
 * lower case with words joined by single dashes.
 */
import type { Graph, SiteOptions } from '../../model.js'
import { attachmentPath } from './attachments.js'
import { homeSlug } from '../url.js'

/** Where the redirects file is written, at the site root. */
export const redirectsFile = '_redirects'

/** The address Quartz 4 gives the file at `relativePath` in the notes folder, without a leading `/` (`''`: the site root). */
export function quartzAddress(relativePath: string): string {
  const extension = /\.[A-Za-z0-9]+$/.exec(relativePath)?.[0]
  const kept = extension === undefined || /^\.(md|html)$/i.test(extension) ? '' : extension
  const stem = extension === undefined ? relativePath : relativePath.slice(0, -extension.length)
  const segments = stem
    .replace(/^\/+|\/+$/g, '')
    .split('/')
    .map((segment) => segment.replace(/\s/g, '-').replace(/&/g, '-and-').replace(/%/g, '-percent').replace(/[?#]/g, ''))
  if (segments[segments.length - 1] === '_index') segments[segments.length - 1] = 'index'
  const address = segments.join('/') + kept
  if (kept !== '') return address
  if (address === 'index') return ''
  return address.endsWith('/index') ? address.slice(0, -'index'.length) : address
}

/** Characters a browser sends as they are in a path; everything else is percent-encoded. */
const plain = /%(21|24|26|27|28|29|2A|2B|2C|3A|3B|3D|40)/g

/** A path of the site as written in `_redirects`: `base` + each segment percent-encoded where it must be. */
function rulePath(base: string, address: string): string {
  return (
    base +
    address
      .split('/')
      .map((segment) => encodeURIComponent(segment).replace(plain, (code) => decodeURIComponent(code)))
      .join('/')
  )
}

/** The redirect rules (old address → new address), in path order of the files they are for. */
export function quartzRedirects(graph: Graph, site: SiteOptions): [from: string, to: string][] {
  const live = new Set<string>()
  const targets: { file: string; from: string; to: string }[] = []
  for (const [slug, doc] of graph.documents) {
    const address = slug === homeSlug ? '' : `${slug}/`
    live.add(address)
    live.add(address.replace(/\/$/, ''))
    targets.push({ file: doc.file.relativePath, from: quartzAddress(doc.file.relativePath), to: address })
  }
  for (const relativePath of graph.attachments.keys()) {
    const published = attachmentPath(graph, relativePath)
    live.add(published)
    targets.push({ file: relativePath, from: quartzAddress(relativePath), to: published })
  }
  targets.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))
  const rules: [string, string][] = []
  const seen = new Set<string>()
  for (const { from, to } of targets) {
    // A file the site still has at the old address is served as it is (hosts apply a rule only where no file is).
    if (live.has(from) || seen.has(from)) continue
    seen.add(from)
    rules.push([rulePath(site.base, from), rulePath(site.base, to)])
  }
  return rules
}

/** The text of `_redirects`: permanent redirects from Quartz's addresses to quire's. */
export function quartzRedirectsText(graph: Graph, site: SiteOptions): string {
  const rules = quartzRedirects(graph, site)
  const header = '# Addresses this site had when Quartz built it, and where those pages are now (quire, movedFrom: quartz).\n'
  return header + rules.map(([from, to]) => `${from} ${to} 301\n`).join('')
}
