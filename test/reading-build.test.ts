/**
 * The reading aids as built: tag pages and links, tables of contents,
 * heading anchors, the search and preview data files, read from the output
 * folder the way a reader's browser would get them.
 */
import { readFile, readdir, rm } from 'node:fs/promises'
import path from 'node:path'
import type { Root } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { select, selectAll } from 'hast-util-select'
import { toString } from 'hast-util-to-string'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { run } from '../src/cli.js'
import * as terms from '../templates/assets/search-terms.js'
import * as engine from '../templates/assets/search-query.js'
import { note, notesFolder, recordingIO } from './support/notes.js'
import { readingLibrary } from './support/reading-library.js'

let root: string
let out: string

async function build(folder: string, to: string): Promise<{ code: number; err: string }> {
  const io = recordingIO(folder)
  const code = await run(['build', 'notes', '--out', to], io)
  return { code, err: io.err() }
}

async function page(relative: string): Promise<Root> {
  return fromHtml(await readFile(path.join(out, relative), 'utf8'))
}

async function listFiles(folder: string, prefix = ''): Promise<string[]> {
  const files: string[] = []
  for (const entry of await readdir(path.join(folder, prefix), { withFileTypes: true })) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name
    if (entry.isDirectory()) files.push(...(await listFiles(folder, relative)))
    else files.push(relative)
  }
  return files.sort()
}

beforeAll(async () => {
  root = await notesFolder(readingLibrary)
  out = path.join(root, 'site')
  const { code, err } = await build(root, out)
  expect(code, err).toBe(0)
})

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true })
})

describe('tags', () => {
  it('lists every tag on the index with its count, spellings that share a slug on one page', async () => {
    const tree = await page('tags/index.html')
    expect(toString(select('h1', tree)!)).toBe('Tags')
    const links = selectAll('.tag-cloud a', tree)
    expect(links.map((a) => [toString(a), a.properties['href']])).toEqual([
      ['distillation (1 document)', '../tags/distillation/'],
      ['Reasoning (1 document)', '../tags/reasoning/'],
      // `rl` three times and `RL` once: one page, the most used spelling.
      ['rl (4 documents)', '../tags/rl/'],
      ['强化学习 (1 document)', '../tags/强化学习/'],
    ])
  })

  it('gives each tag a page listing its documents by title, with their summaries', async () => {
    const tree = await page('tags/rl/index.html')
    expect(toString(select('h1', tree)!)).toBe('rl')
    expect(selectAll('.card-title', tree).map((a) => [toString(a), a.properties['href']])).toEqual([
      ['Does distillation before RL help small models?', '../../distillation/'],
      ['Does RL training collapse format diversity?', '../../rl-format/'],
      ['Why does RL narrow what models do?', '../../inquiries/why-rl/'],
      ['强化学习能否提升推理能力？', '../../reasoning-zh/'],
    ])
    expect(selectAll('.card-summary', tree)).toHaveLength(4)
    expect(select('.summary a', tree)!.properties['href']).toBe('../../tags/')
    expect(await readFile(path.join(out, 'tags', '强化学习', 'index.html'), 'utf8')).toContain('强化学习能否提升推理能力？')
  })

  it('links a note’s tags to their pages', async () => {
    const tree = await page('rl-format/index.html')
    expect(selectAll('ul.tags a', tree).map((a) => [toString(a), a.properties['href']])).toEqual([
      ['rl', '../tags/rl/'],
      ['Reasoning', '../tags/reasoning/'],
    ])
    expect(select('ul.tags', await page('untagged/index.html'))).toBeUndefined()
  })

  it('adds Tags to the header of every page, current on the tag pages', async () => {
    for (const file of ['index.html', 'rl-format/index.html', 'tags/index.html', 'tags/rl/index.html', '404.html']) {
      const tree = await page(file)
      const link = selectAll('.site-header nav a', tree).find((a) => toString(a) === 'Tags')
      expect(link, file).toBeDefined()
      expect(link!.properties['ariaCurrent'], file).toBe(file.startsWith('tags/') ? 'page' : undefined)
    }
    expect(selectAll('.site-header nav a', await page('404.html')).find((a) => toString(a) === 'Tags')!.properties['href']).toBe('/tags/')
  })

  it('has no tag pages and no Tags link when no document has a tag', async () => {
    const plain = await notesFolder({ 'a.md': note('Is A?', 'A is.'), 'b.md': note('Is B?', 'B is.') })
    try {
      const to = path.join(plain, 'site')
      expect((await build(plain, to)).code).toBe(0)
      expect((await listFiles(to)).filter((file) => file.startsWith('tags/'))).toEqual([])
      const home = fromHtml(await readFile(path.join(to, 'index.html'), 'utf8'))
      expect(selectAll('.site-header nav a', home).map((a) => toString(a))).not.toContain('Tags')
    } finally {
      await rm(plain, { recursive: true, force: true })
    }
  })

  it('reserves the tags address for its pages', async () => {
    const clash = await notesFolder({ 'tags.md': note('Is this the tags page?', 'No.'), 'x.md': note('Is X?', 'X.', '', 'slug: tags/rl\n') })
    try {
      const io = recordingIO(clash)
      expect(await run(['check', 'notes'], io)).toBe(1)
      expect(io.err()).toMatch(/notes\/tags\.md:1:1: error: The slug `tags` is reserved for the index of tags\..*\[invalid-slug\]/)
      // A note at `tags/rl` describes the tag `rl`: its text heads that tag's page (as Quartz uses such notes).
      expect(io.err()).not.toMatch(/notes\/x\.md/)
    } finally {
      await rm(clash, { recursive: true, force: true })
    }
  })
})

describe('headings and tables of contents', () => {
  it('gives a long note a table of contents linking to its headings, h3 under h2', async () => {
    const tree = await page('rl-format/index.html')
    const toc = select('nav.toc', tree)!
    expect(toc.properties['ariaLabelledBy']).toEqual(['contents'])
    const entries = selectAll('a', toc).map((a) => [toString(a), a.properties['href']])
    expect(entries).toEqual([
      ['Background', '#background'],
      ['Method', '#method'],
      ['Data', '#data'],
      ['Results', '#results'],
      // A body heading named like the page's Sources section gets an id of its own.
      ['Sources', '#sources-1'],
    ])
    expect(selectAll('nav.toc ol ol a', tree).map((a) => toString(a))).toEqual(['Data'])
    for (const [, href] of entries) expect(select(String(href), tree), String(href)).toBeDefined()
    // The table of contents comes before the body.
    const article = select('article', tree)!
    const order = article.children.flatMap((child) => (child.type === 'element' ? [String(child.properties['className'] ?? child.tagName)] : []))
    expect(order.indexOf('toc')).toBeLessThan(order.indexOf('prose'))
  })

  it('puts a visible link beside every heading of a body', async () => {
    const tree = await page('rl-format/index.html')
    const wrapped = selectAll('.prose .heading', tree)
    expect(wrapped).toHaveLength(5)
    for (const wrapper of wrapped) {
      const heading = select('h2, h3', wrapper)!
      const link = select('a.heading-anchor', wrapper)!
      expect(link.properties['href']).toBe(`#${heading.properties['id']}`)
      expect(toString(link)).toBe(`#Link to the section “${toString(heading)}”`)
    }
  })

  it('gives short bodies no table of contents', async () => {
    expect(select('nav.toc', await page('untagged/index.html'))).toBeUndefined()
    expect(select('nav.toc', await page('distillation/index.html'))).toBeUndefined()
  })

  it('links [[note#Heading]] to the heading’s id', async () => {
    const tree = await page('untagged/index.html')
    expect(select('.prose a.internal', tree)!.properties['href']).toBe('../rl-format/#results')
  })

  it('never repeats an id on a page', async () => {
    for (const file of (await listFiles(out)).filter((name) => name.endsWith('.html'))) {
      const ids = selectAll('[id]', await page(file)).map((element) => String(element.properties['id']))
      const repeated = ids.filter((id, i) => ids.indexOf(id) !== i)
      expect(repeated, file).toEqual([])
    }
  })
})

describe('search and previews', () => {
  /** The built index, read as the browser reads it. */
  async function builtIndex() {
    const load = async (file: string) => JSON.parse(await readFile(path.join(out, file), 'utf8'))
    return { load, manifest: (await load(engine.paths.manifest)) as engine.Manifest }
  }

  it('writes a sharded index the browser’s query code reads, finding English, Chinese and Japanese', async () => {
    const { load, manifest } = await builtIndex()
    expect(manifest.documents).toBe(5)
    const ids = async (query: string, prefix = true) =>
      (await engine.records(manifest, load, await engine.search(manifest, load, query, prefix))).map((hit) => hit.id)
    expect(await ids('format divers')).toEqual(expect.arrayContaining(['rl-format', 'distillation']))
    // rl-format links [[reasoning-zh]], so its page shows that title too.
    expect(await ids('推理')).toEqual(['reasoning-zh', 'rl-format'])
    expect(await ids('推論能力')).toEqual(['reasoning-zh'])
    const [first] = await engine.records(manifest, load, await engine.search(manifest, load, 'curling', false))
    expect(first).toMatchObject({ id: 'untagged', title: 'Is a short note without tags fine?', type: 'note' })
  })

  it('writes each document’s text in phrase form for quoted queries', async () => {
    const { load, manifest } = await builtIndex()
    const hits = await engine.search(manifest, load, 'format diversity collapses', false)
    const kept = await engine.withPhrases(manifest, load, hits, ['format diversity collapses'], terms.containsPhrase, 10)
    expect((await engine.records(manifest, load, kept.hits)).map((hit) => hit.id)).toEqual(['rl-format'])
    expect(kept.complete).toBe(true)
  })

  it('writes previews in small files: each document’s title, summary, kind and sections, by slug', async () => {
    const index = JSON.parse(await readFile(path.join(out, 'previews/index.json'), 'utf8')) as { buckets: number }
    const all: Record<string, { title: string; summary: string; type: string; sections?: Record<string, [string, string]> }> = {}
    for (let i = 0; i < index.buckets; i++) Object.assign(all, JSON.parse(await readFile(path.join(out, `previews/${i}.json`), 'utf8')))
    expect(all['inquiries/why-rl']).toEqual({
      title: 'Why does RL narrow what models do?',
      summary: 'This line follows the evidence that RL trades breadth for reliability.',
      type: 'inquiry',
    })
    expect(Object.keys(all)).toHaveLength(5)
    expect(all['rl-format']!.sections).toEqual({
      background: ['Background', 'Pretrained models write answers in many formats before reinforcement learning.'],
      method: ['Method', 'We compare checkpoints before and after RL fine-tuning.'],
      data: ['Data', 'Math word problems with verifiable answers.'],
      results: ['Results', 'Format diversity collapses within a few hundred steps.'],
      'sources-1': ['Sources', 'A heading named like the page section: its id must not clash.'],
    })
  })

  it('ships the scripts every page loads, and the query code for when search is used', async () => {
    const tree = await page('tags/rl/index.html')
    expect(selectAll('script', tree).map((s) => [s.properties['src'], s.properties['type'] ?? 'classic'])).toEqual([
      ['../../assets/theme.js', 'classic'],
      ['../../assets/quire.js', 'classic'],
      ['../../assets/search.js', 'module'],
      ['../../assets/preview.js', 'module'],
    ])
    const files = await listFiles(out)
    for (const asset of ['assets/search.js', 'assets/search-terms.js', 'assets/search-query.js', 'assets/preview.js', 'assets/preview-bucket.js'])
      expect(files).toContain(asset)
    expect(files.filter((file) => /minisearch|search-index\.json|search-text\.json|previews\.json/.test(file))).toEqual([])
  })

  it('puts a labelled search field in every page’s header, in a search landmark that is not a form', async () => {
    const tree = await page('404.html')
    // A form would need a submit button; nothing is submitted (Enter opens the first result).
    expect(select('form', tree)).toBeUndefined()
    const form = select('header [role=search]', tree)!
    const input = select('input[type=search]', form)!
    expect(toString(select(`label[for=${input.properties['id']}]`, form)!)).toBe('Search notes and inquiry lines')
    expect(select('[role=status][aria-live=polite]', form)).toBeDefined()
    expect(select('#quire-search-panel', form)!.properties['hidden']).toBe(true)
  })

  it('escapes titles and summaries in every data file', async () => {
    const hostile = await notesFolder({
      'x.md': note('Is </script><b>bold</b> escaped?', 'A <img src=x onerror=alert(1)> summary.', '', 'tags: ["<i>tag</i>"]\n'),
    })
    try {
      const to = path.join(hostile, 'site')
      expect((await build(hostile, to)).code).toBe(0)
      for (const file of (await listFiles(to)).filter((name) => /^(search|previews)\//.test(name)))
        expect(await readFile(path.join(to, file), 'utf8'), file).not.toContain('<')
      const tags = fromHtml(await readFile(path.join(to, 'tags', 'index.html'), 'utf8'))
      expect(toString(select('.tag-cloud a', tags)!)).toBe('<i>tag</i> (1 document)')
      expect(select('.tag-cloud i', tags)).toBeUndefined()
    } finally {
      await rm(hostile, { recursive: true, force: true })
    }
  })

  it('writes the same bytes on a second build', async () => {
    const again = path.join(root, 'again')
    expect((await build(root, again)).code).toBe(0)
    const files = (await listFiles(out)).filter((file) => !file.startsWith('.'))
    expect((await listFiles(again)).filter((file) => !file.startsWith('.'))).toEqual(files)
    for (const file of files) expect(await readFile(path.join(again, file), 'utf8'), file).toBe(await readFile(path.join(out, file), 'utf8'))
  })
})
