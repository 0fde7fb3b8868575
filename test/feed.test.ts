/**
 * The Atom feed, the sitemap, robots.txt and the page meta: their XML
 * parses, titles are escaped, order and caps hold, nothing depends on the
 * clock, and nothing absolute is written without the site's `url`.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { describe, expect, it } from 'vitest'
import { checkSite } from '../src/check/check-site.js'
import { formatDiagnostic } from '../src/diagnostics.js'
import { defaultConfig, parseConfig } from '../src/load/config.js'
import type { SiteOptions, Slug } from '../src/model.js'
import { atomDate, atomFeed, feedDocuments, feedEntryLimit } from '../src/render/site-files/feed.js'
import { pageMeta } from '../src/render/props/meta.js'
import { absoluteUrlFor, siteRootUrl } from '../src/render/site-url.js'
import { crawlerFiles, pageAddresses, robotsTxt, sitemapXml } from '../src/render/site-files/sitemap.js'
import { rootFromPage } from '../src/render/url.js'
import { escapeXml } from '../src/render/serialize/xml.js'
import { parseFuzzyDate } from '../src/dates.js'
import { graphOf } from './support/graph.js'

const library = graphOf

const doc = (title: string, date?: string, extra = '') =>
  `---\ntitle: ${JSON.stringify(title)}\nsummary: ${JSON.stringify(`About ${title}`)}\n${date ? `date: "${date}"\n` : ''}${extra}---\n`
const noUrl: SiteOptions = {
  base: '/',
  title: 'Lab & co',
  description: 'Notes <b>here</b>',
  url: undefined,
  buildDate: { year: 2026, month: 3, day: 9 },
  staleAfterMonths: 12,
}
const withUrl: SiteOptions = { ...noUrl, url: 'https://example.org/lab' }
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['entry', 'url', 'link', 'category'].includes(name) })

describe('absolute URLs', () => {
  it('come from the configured url, with a trailing slash and no query', () => {
    expect(siteRootUrl(withUrl)).toBe('https://example.org/lab/')
    expect(siteRootUrl({ ...noUrl, url: 'https://example.org/x/?q=1#top' })).toBe('https://example.org/x/')
    expect(absoluteUrlFor(withUrl, { slug: 'inquiries/é' as Slug })).toBe('https://example.org/lab/inquiries/%C3%A9/')
    expect(absoluteUrlFor(withUrl, 'home')).toBe('https://example.org/lab/')
    expect(absoluteUrlFor(noUrl, 'home')).toBeUndefined()
  })
})

describe('feed.xml', () => {
  const graph = library({
    'a.md': doc('Old <claim> & "quotes"?', '~2024', 'tags: [rl, "a&b"]\n'),
    'b.md': doc('Newer?', '2025-04'),
    'c.md': doc('Same month, later slug?', '2025-04-20'),
    'd.md': doc('Undated?'),
    'i.md': doc('An inquiry?', '2025', 'type: inquiry\n'),
  })

  it('links relative to the site without a site url, with ids that stay put', () => {
    const xml = atomFeed(graph, noUrl)
    expect(XMLValidator.validate(xml)).toBe(true)
    const feed = parser.parse(xml).feed
    const entries = Array.isArray(feed.entry) ? feed.entry : [feed.entry]
    expect(entries.length).toBeGreaterThan(0)
    const uuid = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
    expect(feed.id).toMatch(uuid)
    for (const entry of entries) {
      expect(entry.id).toMatch(uuid)
      const links = Array.isArray(entry.link) ? entry.link : [entry.link]
      for (const link of links) expect(link['@href']).not.toMatch(/^[a-z]+:|^\//)
    }
    expect(new Set(entries.map((entry: { id: string }) => entry.id)).size).toBe(entries.length)
    // The same notes give the same ids.
    expect(atomFeed(graph, noUrl)).toBe(xml)
  })

  it('lists dated documents newest first, escaped, and parses as Atom', () => {
    const xml = atomFeed(graph, withUrl)
    expect(XMLValidator.validate(xml)).toBe(true)
    const feed = parser.parse(xml).feed
    expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom')
    expect(feed.id).toBe('https://example.org/lab/')
    expect(feed.title['#text']).toBe('Lab & co')
    expect(feed.subtitle['#text']).toBe('Notes <b>here</b>')
    expect(feed.author.name).toBe('Lab & co')
    expect(feed.updated).toBe('2025-04-20T00:00:00Z')
    expect(feed.link.map((link: Record<string, string>) => [link['@rel'], link['@href']])).toEqual([
      ['self', 'https://example.org/lab/feed.xml'],
      ['alternate', 'https://example.org/lab/'],
    ])
    const entries = feed.entry as Record<string, any>[]
    expect(entries.map((entry) => [entry.id, entry.updated])).toEqual([
      ['https://example.org/lab/c/', '2025-04-20T00:00:00Z'],
      ['https://example.org/lab/b/', '2025-04-01T00:00:00Z'],
      ['https://example.org/lab/i/', '2025-01-01T00:00:00Z'],
      ['https://example.org/lab/a/', '2024-01-01T00:00:00Z'],
    ])
    const old = entries[3]!
    expect(old.title['#text']).toBe('Old <claim> & "quotes"?')
    expect(old.category.map((c: Record<string, string>) => c['@term'])).toEqual(['note', 'rl', 'a&b'])
    expect(entries[2]!.category[0]['@term']).toBe('inquiry')
  })

  it('uses the configured author, and the build date only when nothing is dated', () => {
    const undated = library({ 'd.md': doc('Undated?') })
    const feed = parser.parse(atomFeed(undated, { ...withUrl, author: 'A. Researcher' })!).feed
    expect(feed.updated).toBe('2026-03-09T00:00:00Z')
    expect(feed.author.name).toBe('A. Researcher')
    expect(feed.entry).toBeUndefined()
  })

  it(`keeps the newest ${feedEntryLimit} entries`, () => {
    const files: Record<string, string> = {}
    for (let i = 0; i < feedEntryLimit + 10; i++) files[`n${i}.md`] = doc(`N${i}?`, `2020-01-${String((i % 28) + 1).padStart(2, '0')}`)
    expect(feedDocuments(library(files))).toHaveLength(feedEntryLimit)
  })

  it('drops characters XML cannot carry instead of writing a broken file', () => {
    expect(escapeXml('a\u0001b\uD800c & <d>')).toBe('abc &amp; &lt;d&gt;')
    const graph = library({ 'a.md': doc('Bell\u0007 and surrogate?', '2025') })
    const xml = atomFeed(graph, withUrl)
    expect(XMLValidator.validate(xml)).toBe(true)
  })

  it('gives fuzzy dates the first day they can mean', () => {
    expect(atomDate(parseFuzzyDate('~2025')!)).toBe('2025-01-01T00:00:00Z')
    expect(atomDate(parseFuzzyDate('2025-04')!)).toBe('2025-04-01T00:00:00Z')
    expect(atomDate(parseFuzzyDate('2025-04-12')!)).toBe('2025-04-12T00:00:00Z')
  })
})

describe('sitemap.xml and robots.txt', () => {
  const paths = [
    'index.html',
    '404.html',
    'a/index.html',
    'inquiries/x/index.html',
    'inquiries/x/prompt.md',
    'graph.json',
    'assets/quire.css',
    'graph/index.html',
  ]

  it('lists the later pages of long listings too, and no Markdown or other file', () => {
    const more = [...paths, 'a/page-2.html', 'all-notes/index.html', 'all-notes/page-3.html', 'a/index.html.md', 'llms.txt', 'img/page-2.png']
    expect(pageAddresses(more)).toEqual(['', 'a/', 'a/page-2.html', 'all-notes/', 'all-notes/page-3.html', 'graph/', 'inquiries/x/'])
    expect(sitemapXml(withUrl, more)).toContain('<loc>https://example.org/lab/all-notes/page-3.html</loc>')
  })

  it('lists every page the build wrote, not 404.html or other files', () => {
    expect(pageAddresses(paths)).toEqual(['', 'a/', 'graph/', 'inquiries/x/'])
    const xml = sitemapXml(withUrl, paths)!
    expect(XMLValidator.validate(xml)).toBe(true)
    const urls = parser.parse(xml).urlset.url.map((url: { loc: string }) => url.loc)
    expect(urls).toEqual(['https://example.org/lab/', 'https://example.org/lab/a/', 'https://example.org/lab/graph/', 'https://example.org/lab/inquiries/x/'])
  })

  it('is not written without a site url; robots.txt always is, naming the sitemap when there is one', () => {
    expect(sitemapXml(noUrl, paths)).toBeUndefined()
    expect(crawlerFiles(noUrl, paths).map((file) => file.path)).toEqual(['robots.txt'])
    expect(robotsTxt(noUrl)).toBe('User-agent: *\nDisallow:\n')
    expect(robotsTxt(withUrl)).toBe('User-agent: *\nDisallow:\n\nSitemap: https://example.org/lab/sitemap.xml\n')
  })
})

describe('page meta', () => {
  it('has a canonical URL and og:url only with a site url, and the feed link always', () => {
    const page = { address: { slug: 'a/b' as Slug }, title: 'T', description: 'D', article: true }
    const root = rootFromPage('a/b' as Slug)
    expect(pageMeta(withUrl, root, page)).toEqual({
      canonical: 'https://example.org/lab/a/b/',
      openGraph: [
        { property: 'og:type', content: 'article' },
        { property: 'og:title', content: 'T' },
        { property: 'og:description', content: 'D' },
        { property: 'og:site_name', content: 'Lab & co' },
        { property: 'og:url', content: 'https://example.org/lab/a/b/' },
      ],
      feedHref: '../../feed.xml',
    })
    const without = pageMeta(noUrl, root, page)
    expect(without.canonical).toBeUndefined()
    expect(without.feedHref).toBe('../../feed.xml')
    expect(without.openGraph.map((p) => p.property)).toEqual(['og:type', 'og:title', 'og:description', 'og:site_name'])
  })
})

describe('the missing-site-url warning', () => {
  it('points at the config file, and is not given without one, with a url, or with a broken config', () => {
    expect(checkSite(parseConfig('title: Lab\n', 'notes/quire.config.yml')).map(formatDiagnostic)).toEqual([
      'notes/quire.config.yml:1:1: warning: The site has no `url`, so sitemap.xml is not written, feed.xml links relative to the site, and pages have no canonical link or og:url. Add the address the site is served at, such as `url: https://example.org/notes/`. [missing-site-url]',
    ])
    expect(checkSite({ config: defaultConfig, file: undefined, diagnostics: [] })).toEqual([])
    expect(checkSite(parseConfig('url: https://example.org/\n', 'c.yaml'))).toEqual([])
    expect(checkSite(parseConfig('url: nope\n', 'c.yaml'))).toEqual([])
  })
})
