/**
 * `_headers`: the HTTP response headers the site should be served with, in
 * the form Netlify and Cloudflare Pages read from the root of what they
 * publish (other hosts ignore the file, and it is not served).
 *
 * Pages carry their Content-Security-Policy in a `<meta>` tag, but a meta
 * tag covers only the page it is in: an SVG, a JSON file or a prompt
 * opened on its own has none. As a header, the same policy covers every
 * file of the site, and `nosniff` stops a browser from taking a file for
 * a page because of what is in it.
 */
import { contentSecurityPolicy } from '../../../templates/layout.js'
import type { SiteOptions } from '../../model.js'

/** Where the headers file is written, at the site root. */
export const headersFile = '_headers'

/** The headers every file of the site should be served with, in order: the pages' own policy, as a header, and `nosniff`. */
export const securityHeaders: readonly (readonly [name: string, value: string])[] = [
  ['Content-Security-Policy', contentSecurityPolicy],
  ['X-Content-Type-Options', 'nosniff'],
]

/**
 * The `_headers` file: {@link securityHeaders} for every path under the
 * site's base path (`/*` at a domain root, `/notes/*` for a site built with
 * `--base /notes/`). The same settings give the same bytes.
 */
export function headersText(site: Pick<SiteOptions, 'base'>): string {
  const lines = [
    '# HTTP headers for every file of this site (Netlify and Cloudflare Pages read this file). Written by quire build.',
    `${encodeURI(site.base)}*`,
  ]
  for (const [name, value] of securityHeaders) lines.push(`  ${name}: ${value}`)
  return lines.join('\n') + '\n'
}
