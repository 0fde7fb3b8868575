/**
 * Check: the site configuration as a whole. Without a `url`, quire cannot
 * make absolute addresses, so the site goes out without its feed, sitemap,
 * canonical links and `og:url`; one warning, at the config file's first
 * line, says so.
 *
 * The warning needs a config file: a folder of notes with none is built
 * with every default (a local preview, a test folder), and warning on
 * every such build would only teach readers to ignore warnings. Writing a
 * config file is how a library becomes a published site, and from then on
 * a missing `url` is reported, and fails a `--strict` build.
 */
import { warning, type Diagnostic } from '../diagnostics.js'
import type { ConfigResult } from '../load/config.js'

/** Problems with the configuration that no single setting shows. */
export function checkSite(config: ConfigResult): Diagnostic[] {
  if (config.file === undefined || config.config.url !== undefined) return []
  // A broken config file already has errors; a warning about it would be noise.
  if (config.diagnostics.some((d) => d.severity === 'error')) return []
  return [
    warning(
      config.file,
      { line: 1, column: 1 },
      'missing-site-url',
      'The site has no `url`, so sitemap.xml is not written, feed.xml links relative to the site, and pages have no canonical link or og:url. Add the address the site is served at, such as `url: https://example.org/notes/`.',
    ),
  ]
}
