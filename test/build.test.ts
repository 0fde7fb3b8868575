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
  ["Why does RLVR training narrow a model's problem solving ability?", "RLVR narrows models' problem-solving scope"],
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
  // notes/ sets no `url` on purpose: it is a sample, not a published site (see docs/configuration.md).
  // 16 pages: the documents' and quire's own, the page of the folder inquiries/ and the list of every note.
  expect(io.err()).toMatch(
    /^notes\/quire\.config\.yaml:1:1: warning: The site has no `url`.*\[missing-site-url\]\nquire: built 16 pages from 10 files into .* \(0 errors, 1 warning\)\n$/,
  )
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
    const shallow = await promisify(execFile)('git', ['rev-parse', '--is-shallow-repository']).then(
      ({ stdout }) => stdout.trim() !== 'false',
      () => true,
    )
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
    expect(toString(select('.prose', tree)!)).toContain(
      'The curriculum result Does sequencing imitation then exploration training improve reasoning? puts it directly',
    )
  })

  it('leads with what it is for and a jump bar under the summary, every link landing on a part of the page, the copy button in it', async () => {
    const tree = await page('inquiries/distillation-then-rlvr/index.html')
    const article = select('article.inquiry', tree)!
    const order = article.children.flatMap((child) =>
      child.type === 'element' ? [String((child.properties.className as string[] | undefined)?.[0] ?? child.tagName)] : [],
    )
    expect(order.slice(0, 7)).toEqual(['kind', 'h1', 'summary', 'meta', 'purpose', 'jump-bar', 'answer'])
    expect(toString(select('.purpose', tree)!)).toBe(
      'An answer drawn from 9 notes in this library, and a research prompt to take the question further with your LLM.',
    )
    const nav = select('.jump-bar nav', tree)!
    expect(nav.properties.ariaLabel).toBe('On this page')
    const links = selectAll('a', nav).map((a) => [toString(a), String(a.properties.href)])
    expect(links).toEqual([
      ['Answer', '#answer'],
      ['Sources (9)', '#sources'],
      ['Prompt', '#prompt-heading'],
      ['Claims (6)', '#claims'],
    ])
    for (const [, href = ''] of links) expect(selectAll(`[id="${href.slice(1)}"]`, tree), href).toHaveLength(1)
    expect(toString(select('#claims', tree)!)).toBe('What a curated library found — and when')
    expect(toString(select('.jump-bar button.copy', tree)!)).toBe('Copy the research prompt')
    expect(select('.jump-bar button.copy', tree)!.properties.dataCopyTarget).toBe('prompt-text')
    expect(select('.jump-bar [aria-live=polite]', tree)).toBeDefined()
    expect(toString(select('section.next', tree)!)).toBe('Next inquiring linesNone yet.')
  })

  it('shows each source once as a card, and each claim and anchor paper once', async () => {
    const tree = await page('inquiries/distillation-then-rlvr/index.html')
    const article = select('article.inquiry', tree)!
    const cards = selectAll('.sources .card', tree)
    expect(cards.map((card) => card.properties.id)).toEqual(seedSources.map((_, i) => `source.${i + 1}`))
    for (const card of cards) expect(select('.card-meta time', card)?.properties.dateTime).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    // Outside the answer's prose (and the graph, which draws its own neighbourhood), each note is linked once: its card.
    const elsewhere = new Set(selectAll('.prose a, .local-graph a', article))
    const outside = selectAll('a[href]', article).filter((a) => !elsewhere.has(a))
    for (const card of cards) {
      const href = select('.card-title', card)!.properties.href
      expect(
        outside.filter((a) => a.properties.href === href),
        String(href),
      ).toHaveLength(1)
    }
    // The page's text (not the Markdown kept for the copy button) holds each claim and each anchor paper once.
    const text = toString(article)
    for (const phrase of [
      'Distillation manufactures',
      'RLVR optimizes',
      'Pure reward optimization causes',
      'Echo Chamber: RL Amplifies',
      'Mechanistically Interpreting Sample Difficulty',
      'arXiv:2504.13837',
    ]) {
      expect(text.split(phrase).length - 1, phrase).toBe(1)
    }
    expect(selectAll('#prompt-text .claim', tree).map((li) => li.properties.id)).toEqual([1, 2, 3, 4, 5, 6].map((n) => `claim.${n}`))
  })

  it('shows the prompt formatted, headings and lists, while the copy button copies the exact Markdown of prompt.md', async () => {
    const tree = await page('inquiries/distillation-then-rlvr/index.html')
    const details = select('details.prompt', tree)!
    expect(details.properties.open).toBeUndefined()
    expect(toString(select('summary', details)!)).toBe('Show the promptHide the prompt: 6 dated claims, 4 anchor papers, 3 tasks')
    const prompt = select('#prompt-text', tree)!
    expect(prompt.tagName).toBe('div')
    const markdown = await readFile('test/fixtures/seed-prompt.txt', 'utf8')
    expect(prompt.properties.dataMarkdown).toBe(markdown)
    expect(await readFile(path.join(out, 'inquiries/distillation-then-rlvr/prompt.md'), 'utf8')).toBe(markdown)
    expect(selectAll('h3', prompt).map((h) => toString(h))).toEqual([
      'What a curated library found — and when',
      'Anchor papers (verify; mind their dates)',
      'Your task',
    ])
    expect(selectAll('ul > li', prompt)).toHaveLength(10)
    expect(selectAll('ol > li', prompt)).toHaveLength(3)
    expect(toString(select('em', prompt)!)).toBe('informative')
    const shown = toString(prompt)
    expect(shown).not.toContain('**')
    expect(shown).not.toContain('•')
    expect(shown).not.toMatch(/\*\w/)
    // Character for character the Markdown, its markers (and the labels' colons) aside.
    const bare = (text: string) =>
      text
        .replace(/^\*\*(.*):\*\*$/gm, '$1')
        .replace(/\*|^• |^\(\d\) /gm, '')
        .replace(/\s+/g, '')
    expect(bare(shown)).toBe(bare(markdown))
    const arxiv = selectAll('.prompt-anchors a', prompt).map((a) => a.properties.href)
    expect(arxiv).toEqual(['2504.13837', '2504.07912', '2510.18176', '2605.28388'].map((id) => `https://arxiv.org/abs/${id}`))
    expect(select('#prompt-text script, #prompt-text [style]', tree)).toBeUndefined()
  })

  it('publishes every note with its backlink to the inquiry and its papers', async () => {
    const tree = await page('what-reward-learning-does-to-reasoning/index.html')
    expect(toString(select('h1', tree)!)).toBe('What does reward learning actually do to model reasoning?')
    const citedBy = selectAll('.cited-by .card-title', tree)
    expect(citedBy.map((a) => [toString(a), a.properties.href])).toEqual([
      ['Why does combining reasoning distillation with RLVR outperform either training stage alone?', '../inquiries/distillation-then-rlvr/'],
    ])
    expect(selectAll('.papers a', tree).map((a) => a.properties.href)).toEqual(['https://arxiv.org/abs/2504.13837'])
    // The paper by its title, as the papers page names it, then its id and date.
    expect(toString(select('.papers li', tree)!)).toBe('Does RL Really Incentivize Reasoning Capacity Beyond Base? arXiv:2504.13837 (2025-04)')
    const papersPage = await page('papers/index.html')
    expect(toString(select('#arxiv-2504\\.13837 .paper-title', papersPage)!)).toBe('Does RL Really Incentivize Reasoning Capacity Beyond Base?')
    expect(toString(select('.meta .reading-time', tree)!)).toBe('1 min read')
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
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), url.split('#')[0]!.split('?')[0]!))
        const resolved = target.endsWith('/') || target === '.' ? path.posix.join(target, 'index.html') : target
        if (!files.has(resolved)) broken.push(`${file} → ${url}`)
      }
    }
    expect(broken).toEqual([])
  })

  it('writes graph.json with every document and typed edges', async () => {
    const graph = JSON.parse(await readFile(path.join(out, 'graph.json'), 'utf8')) as {
      nodes: { id: string; type: string; url: string }[]
      edges: { from: string; to: string; kind: string }[]
    }
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
