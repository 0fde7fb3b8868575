/**
 * A library with a site `url`, built and read back: the feed and the
 * sitemap parse as XML and every URL in them is a page of the output;
 * canonical and Open Graph meta; the graph page and each local graph link
 * to real pages; math is MathML and code is highlighted, with no inline
 * style anywhere; and two builds are byte-identical.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Root } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { select, selectAll } from 'hast-util-select'
import { toString } from 'hast-util-to-string'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { beforeAll, describe, expect, it } from 'vitest'
import { run } from '../src/cli.js'
import { notesFolder, recordingIO } from './support/notes.js'
import { publishLibrary, publishUrl } from './support/publish-library.js'
import { listFiles } from './support/site.js'

let out: string
let files: Set<string>
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['entry', 'url', 'link'].includes(name) })

async function page(relative: string): Promise<Root> {
  return fromHtml(await readFile(path.join(out, relative), 'utf8'))
}

/** The output file an absolute site URL points at, or undefined when it is not under the site's url. */
function fileFor(url: string): string | undefined {
  if (!url.startsWith(publishUrl)) return undefined
  const rest = decodeURI(url.slice(publishUrl.length))
  return rest === '' || rest.endsWith('/') ? `${rest}index.html` : rest
}

/** The output file a relative link on page `from` points at. */
function resolveRelative(from: string, href: string): string {
  const target = path.posix.normalize(path.posix.join(path.posix.dirname(from), href.split('#')[0]!))
  return target.endsWith('/') || target === '.' ? path.posix.join(target, 'index.html') : target
}

async function build(into: string): Promise<void> {
  const io = recordingIO(path.dirname(into))
  const code = await run(['build', path.join(path.dirname(into), 'notes'), '--out', into, '--build-date', '2026-01-15'], io)
  expect(io.err()).toMatch(/^quire: built \d+ pages from 6 files into .* \(0 errors, 0 warnings\)\n$/)
  expect(code).toBe(0)
}

beforeAll(async () => {
  const root = await notesFolder(publishLibrary)
  out = path.join(root, 'site')
  await build(out)
  files = new Set(await listFiles(out))
})

describe('feed.xml', () => {
  it('parses as Atom and lists the dated documents, newest first, each linking to a page of the site', async () => {
    const xml = await readFile(path.join(out, 'feed.xml'), 'utf8')
    expect(XMLValidator.validate(xml)).toBe(true)
    const feed = parser.parse(xml).feed
    expect(feed.title['#text']).toBe('Lab notebook')
    expect(feed.author.name).toBe('A. Researcher')
    expect(feed.updated).toBe('2025-06-01T00:00:00Z')
    const entries = feed.entry as { id: string; title: { '#text': string }; link: { '@href': string }[]; updated: string }[]
    expect(entries.map((entry) => [entry.title['#text'], entry.updated])).toEqual([
      ['Why does temperature sampling beat greedy search on hard problems?', '2025-06-01T00:00:00Z'],
      ['Does the softmax temperature change which answer wins?', '2025-03-14T00:00:00Z'],
      ['Are <verifiers> & "judges" the bottleneck?', '2025-02-01T00:00:00Z'],
      ['How much search does a reasoning model need?', '2025-01-01T00:00:00Z'],
      ['Does sampling diversity collapse after RL?', '2024-11-01T00:00:00Z'],
    ])
    const urls = [
      feed.id,
      ...feed.link.map((link: { '@href': string }) => link['@href']),
      ...entries.flatMap((entry) => [entry.id, ...entry.link.map((link) => link['@href'])]),
    ]
    const missing = urls.filter((url) => !files.has(fileFor(url) ?? '(outside the site)'))
    expect(missing).toEqual([])
  })
})

describe('sitemap.xml and robots.txt', () => {
  it('lists exactly the pages of the output, each URL a file that exists', async () => {
    const xml = await readFile(path.join(out, 'sitemap.xml'), 'utf8')
    expect(XMLValidator.validate(xml)).toBe(true)
    const locs = (parser.parse(xml).urlset.url as { loc: string }[]).map((url) => url.loc)
    const targets = locs.map((loc) => fileFor(loc))
    expect(targets.filter((file) => file === undefined || !files.has(file))).toEqual([])
    expect(targets.sort()).toEqual([...files].filter((file) => file.endsWith('index.html')).sort())
    expect(locs).toContain(`${publishUrl}graph/`)
    expect(await readFile(path.join(out, 'robots.txt'), 'utf8')).toBe(`User-agent: *\nDisallow:\n\nSitemap: ${publishUrl}sitemap.xml\n`)
  })
})

describe('page meta', () => {
  it('gives every page its canonical URL, Open Graph from the summary, and the feed link; 404.html has no canonical', async () => {
    for (const file of [...files].filter((f) => f.endsWith('index.html'))) {
      const tree = await page(file)
      const canonical = String(select('link[rel=canonical]', tree)?.properties.href)
      expect(fileFor(canonical), file).toBe(file)
      expect(select('meta[property="og:url"]', tree)?.properties.content).toBe(canonical)
      expect(select('meta[property="og:description"]', tree)?.properties.content).toBe(select('meta[name=description]', tree)?.properties.content)
      const feed = select('link[rel=alternate][type="application/atom+xml"]', tree)!
      expect(resolveRelative(file, String(feed.properties.href))).toBe('feed.xml')
    }
    const note = await page('verifiers/index.html')
    expect(select('meta[property="og:title"]', note)?.properties.content).toBe('Are <verifiers> & "judges" the bottleneck?')
    expect(select('meta[property="og:type"]', note)?.properties.content).toBe('article')
    expect(select('meta[property="og:type"]', await page('index.html'))?.properties.content).toBe('website')
    expect(select('link[rel=canonical]', await page('404.html'))).toBeUndefined()
  })
})

describe('graphs', () => {
  it('draws each page’s neighbourhood: node links and list links are the same pages, and all exist', async () => {
    const file = 'math-of-sampling/index.html'
    const tree = await page(file)
    const section = select('section.local-graph', tree)!
    const svg = select('svg', section)!
    expect(svg.properties.role).toBe('group')
    expect(toString(select('title', svg)!)).toBe('Notes and inquiring lines within two links of “Does the softmax temperature change which answer wins?”')
    const nodeLinks = selectAll('a.graph-node', svg)
    const listLinks = selectAll('.graph-list a', section)
    expect(nodeLinks.map((a) => a.properties.href)).toEqual(listLinks.map((a) => a.properties.href))
    // Each node and its list entry carry one number (the entry's `value`), and the node is named beside it.
    const listItems = selectAll('.graph-list li', section)
    expect(nodeLinks.map((a) => toString(select('title', a)!))).toEqual(
      listItems.map(
        (li) =>
          `${String(li.properties.value)}. ${toString(select('a', li)!)} (${String(select('a', li)!.properties.href).startsWith('../inquiries/') ? 'inquiring line' : 'note'})`,
      ),
    )
    expect(nodeLinks.every((a) => toString(select('text.graph-label', a)!).length > 0)).toBe(true)
    expect(selectAll('.graph-list li', section)).toHaveLength(5)
    for (const a of nodeLinks) expect(files.has(resolveRelative(file, String(a.properties.href)))).toBe(true)
    expect(select('.graph-more a', section)?.properties.href).toBe('../graph/?focus=math-of-sampling')
  })

  it('makes graph/ a drawing of the whole graph from files the site has, and lists it by inquiring line', async () => {
    const tree = await page('graph/index.html')
    expect(toString(select('h1', tree)!)).toBe('Graph')
    expect(select('.site-header a[aria-current=page]', tree) && toString(select('.site-header a[aria-current=page]', tree)!)).toBe('Graph')
    const canvas = select('#graph-canvas', tree)!
    for (const key of ['dataData', 'dataGraphology', 'dataSigma'] as const)
      expect(files.has(resolveRelative('graph/index.html', String(canvas.properties[key])))).toBe(true)
    expect(selectAll('script[type=module]', tree).map((script) => String(script.properties.src))).toContain('../assets/graph.js')
    const data = JSON.parse(await readFile(path.join(out, 'graph', 'data.json'), 'utf8')) as { nodes: { title: string[] } }
    expect(data.nodes.title).toHaveLength(6)
    expect(selectAll('h3.graph-group', tree).map((h) => toString(h))).toEqual([
      'How much search does a reasoning model need?',
      'Why does temperature sampling beat greedy search on hard problems?',
    ])
  })
})

describe('math and code', () => {
  it('renders math as MathML and highlights code, with no inline style anywhere in the site', async () => {
    const tree = await page('math-of-sampling/index.html')
    expect(selectAll('.prose p math', tree).map((m) => toString(select('annotation', m)!))).toEqual(['z_i', 'T', 'i'])
    expect(select('.prose .math-display math[display=block] mfrac', tree)).toBeDefined()
    expect(toString(select('.prose', tree)!)).toContain('A run costs $5 and $10 on two budgets; neither is math.')
    expect(selectAll('code.language-python .hljs-keyword', tree).map((k) => toString(k))).toEqual(['import', 'as', 'def', 'return'])
    expect(select('code.language-ts .hljs-keyword', tree)).toBeDefined()
    for (const file of [...files].filter((f) => f.endsWith('.html'))) {
      expect(selectAll('[style]', await page(file)), file).toEqual([])
    }
  })
})

describe('determinism', () => {
  it('builds the same bytes twice', async () => {
    const again = path.join(path.dirname(out), 'again')
    await build(again)
    const second = await listFiles(again)
    expect(second).toEqual([...files])
    for (const file of second) expect(await readFile(path.join(again, file), 'utf8'), file).toBe(await readFile(path.join(out, file), 'utf8'))
  })
})
