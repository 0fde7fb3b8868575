/**
 * Builds the real notes/ folder and reads the site the way a reader would.
 */
import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import type { Element, Root } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { select, selectAll } from 'hast-util-select'
import { toString } from 'hast-util-to-string'
import { beforeAll, describe, expect, it } from 'vitest'
import { run } from '../src/cli.js'
import { recordingIO } from './support/notes.js'
import { listFiles } from './support/site.js'

const seedSources = [
  ['Does sequencing imitation then exploration training improve reasoning?', 'Running Supervised RL first to establish reasoning foundations'],
  ['What does reward learning actually do to model reasoning?', 'Research shows RLVR improves sampling efficiency'],
  ['Does RL post-training create reasoning or just deploy it?', 'Evidence shows base models already contain reasoning capability'],
  ['Do base models already contain hidden reasoning ability?', 'Five independent mechanisms'],
  ['Why does RLVR training narrow a model\'s problem solving ability?', 'RLVR narrows models\' problem-solving scope'],
  ['Does RL training collapse format diversity in pretrained models?', 'Controlled experiments show RL consistently amplifies'],
  ['Does RLVR actually improve mathematical reasoning or just coherence?', 'RLVR post-training measurably reduces logical errors'],
  ['Do overly hard RLVR samples actually harm model capabilities?', 'Training on nearly-impossible problems'],
  ['Can genuine reasoning activation coexist with contaminated benchmarks?', 'RLVR activates genuine reasoning patterns'],
] as const

let out: string

async function page(relative: string): Promise<Root> {
  return fromHtml(await readFile(path.join(out, relative), 'utf8'))
}

beforeAll(async () => {
  out = path.join(await mkdtemp(path.join(tmpdir(), 'quire-build-')), 'site')
  const io = recordingIO(process.cwd())
  const code = await run(['build', 'notes', '--out', out], io)
  // notes/ sets no `url` on purpose: it is a sample, not a published site (see the README).
  // 16 pages: the documents' and quire's own, the page of the folder inquiries/ and the list of every note.
  expect(io.err()).toMatch(/^notes\/quire\.config\.yaml:1:1: warning: The site has no `url`.*\[missing-site-url\]\nquire: built 16 pages from 10 files into .* \(0 errors, 1 warning\)\n$/)
  expect(code).toBe(0)
})

describe("the demo library's feed", () => {
  it('is written without a site url, linked from every page, and dated from git history', async () => {
    const feed = await readFile(path.join(out, 'feed.xml'), 'utf8')
    expect(feed).toMatch(/^<\?xml version="1\.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom">/)
    expect(feed).toContain('<link rel="self" type="application/atom+xml" href="feed.xml"/>')
    const home = await page('index.html')
    expect(select('link[rel=alternate][type="application/atom+xml"]', home)?.properties['href']).toBe('feed.xml')
    // The notes carry no dates of their own: in a clone with its history, each is dated by its first commit.
    const shallow = await promisify(execFile)('git', ['rev-parse', '--is-shallow-repository']).then(({ stdout }) => stdout.trim() !== 'false', () => true)
    if (!shallow) expect((feed.match(/<entry>/g) ?? []).length).toBe(10)
  })
})

describe('the seed inquiry as published', () => {
  it('shows the question, the summary and "Sources 9 notes" in the seed’s order with summaries', async () => {
    const tree = await page('inquiries/distillation-then-rlvr/index.html')
    expect(toString(select('h1', tree)!)).toBe('Why does combining reasoning distillation with RLVR outperform either training stage alone?')
    expect(toString(select('.summary', tree)!)).toMatch(/^This explores why a two-stage recipe/)
    expect(toString(select('#sources', tree)!)).toBe('Sources 9 notes')
    const cards = selectAll('.sources .card', tree)
    expect(cards.map((card) => [toString(select('.card-title', card)!), toString(select('.card-summary', card)!).slice(0, seedSourcePrefix(card))])).toEqual(
      seedSources.map(([title, summary]) => [title, summary]),
    )
  })

  it('renders each prose link with the note’s title as its text', async () => {
    const tree = await page('inquiries/distillation-then-rlvr/index.html')
    const links = selectAll('.prose a.internal', tree).map((a) => toString(a))
    expect([...new Set(links)]).toEqual(seedSources.map(([title]) => title))
    expect(toString(select('.prose', tree)!)).toContain('The curriculum result Does sequencing imitation then exploration training improve reasoning? puts it directly')
  })

  it('has a collapsed prompt section with every claim and anchor paper, arXiv ids linked', async () => {
    const tree = await page('inquiries/distillation-then-rlvr/index.html')
    const details = select('details.prompt', tree)!
    expect(details.properties.open).toBeUndefined()
    const text = toString(select('pre#prompt-text', tree)!)
    expect(text).toBe(await readFile('test/fixtures/seed-prompt.txt', 'utf8'))
    const arxiv = selectAll('pre#prompt-text a', tree).map((a) => a.properties.href)
    expect(arxiv).toEqual(['2504.13837', '2504.07912', '2510.18176', '2605.28388'].map((id) => `https://arxiv.org/abs/${id}`))
    expect(toString(select('button.copy', tree)!)).toBe('Copy into ChatGPT or Claude')
    expect(select('[aria-live=polite]', tree)).toBeDefined()
    expect(toString(select('section.next', tree)!)).toBe('Next inquiring linesNone yet.')
  })

  it('publishes every note with its backlink to the inquiry and its papers', async () => {
    const tree = await page('what-reward-learning-does-to-reasoning/index.html')
    expect(toString(select('h1', tree)!)).toBe('What does reward learning actually do to model reasoning?')
    const citedBy = selectAll('.cited-by .card-title', tree)
    expect(citedBy.map((a) => [toString(a), a.properties.href])).toEqual([
      ['Why does combining reasoning distillation with RLVR outperform either training stage alone?', '../inquiries/distillation-then-rlvr/'],
    ])
    expect(selectAll('.papers a', tree).map((a) => a.properties.href)).toEqual(['https://arxiv.org/abs/2504.13837'])
  })

  it('lists inquiries and notes on the home page', async () => {
    const tree = await page('index.html')
    expect(selectAll('.inquiries .card-title', tree).map((a) => a.properties.href)).toEqual(['inquiries/distillation-then-rlvr/'])
    expect(selectAll('.notes .card', tree)).toHaveLength(9)
  })

  it('has no internal link that leads nowhere', async () => {
    const files = new Set(await listFiles(out))
    const broken: string[] = []
    for (const file of files) {
      if (!file.endsWith('.html') || file === '404.html') continue
      const tree = await page(file)
      const urls = [
        ...selectAll('a[href]', tree).map((a) => String(a.properties.href)),
        ...selectAll('link[href]', tree).map((l) => String(l.properties.href)),
        ...selectAll('script[src]', tree).map((s) => String(s.properties.src)),
      ]
      for (const url of urls) {
        if (/^[a-z]+:/i.test(url) || url.startsWith('#')) continue
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), url.split('#')[0]!))
        const resolved = target.endsWith('/') || target === '.' ? path.posix.join(target, 'index.html') : target
        if (!files.has(resolved)) broken.push(`${file} → ${url}`)
      }
    }
    expect(broken).toEqual([])
  })

  it('writes graph.json with every document and typed edges', async () => {
    const graph = JSON.parse(await readFile(path.join(out, 'graph.json'), 'utf8')) as { nodes: { id: string; type: string; url: string }[]; edges: { from: string; to: string; kind: string }[] }
    expect(graph.nodes).toHaveLength(10)
    expect(graph.nodes.find((n) => n.id === 'inquiries/distillation-then-rlvr')).toMatchObject({ type: 'inquiry', url: '/inquiries/distillation-then-rlvr/' })
    expect(graph.edges).toHaveLength(9)
    expect(new Set(graph.edges.map((e) => `${e.from} ${e.kind}`))).toEqual(new Set(['inquiries/distillation-then-rlvr link']))
  })

  it('gives 404.html URLs that work at any depth', async () => {
    const tree = await page('404.html')
    expect(select('link[rel=stylesheet]', tree)!.properties.href).toBe('/assets/quire.css')
    expect(select('.site-title', tree)!.properties.href).toBe('/')
  })
})

/** The length of the seed summary prefix to compare (the prefixes above). */
function seedSourcePrefix(card: Element): number {
  const title = toString(select('.card-title', card)!)
  return seedSources.find(([t]) => t === title)?.[1].length ?? 0
}
