/**
 * The search index and its tokenizer: words, CJK, phrases, and the sharded
 * index quire writes, queried by the browser's own query code.
 */
import { describe, expect, it } from 'vitest'
import * as terms from '../templates/assets/search-terms.js'
import * as engine from '../templates/assets/search-query.js'
import { buildGraph } from '../src/graph/build-graph.js'
import { parseDocument } from '../src/parse/parse-document.js'
import { indexedBodyLength, searchableBody, searchDocuments, type SearchDocument } from '../src/render/site-files/search-index.js'
import { manifestFile, searchPaths, searchShardFiles, shardCount, termKey } from '../src/render/site-files/search-shards.js'

function doc(id: string, title: string, summary: string, body = '', tags = '', type: SearchDocument['type'] = 'note'): SearchDocument {
  return { id, type, title, summary, body, tags }
}

const documents: SearchDocument[] = [
  doc(
    'rl-format',
    'Does RL training collapse format diversity?',
    'Controlled experiments show RL amplifies one output format.',
    'Format diversity collapses within a few hundred steps.',
    'rl reasoning',
  ),
  doc(
    'distillation',
    'Does distillation before RL help small models?',
    'Distilling reasoning traces first helps.',
    'The collapse of diversity is slower after distillation. Curling is unrelated.',
    'distillation',
  ),
  doc(
    'reasoning-zh',
    '强化学习能否提升推理能力？',
    '研究表明强化学习主要激活预训练模型中已有的推理能力。',
    '日本語でも：強化学習は推論能力を引き出す。',
    '强化学习',
  ),
  doc('化学', '化学反应是什么？', '一篇关于化学的笔记。', '', '', 'inquiry'),
  doc('escape', 'Is <script> escaped?', 'A summary with </script> in it.', 'Body text.'),
]

/** The index of `docs`, as the browser loads it: a file's parsed JSON by path, each path fetched recorded. */
function indexOf(docs: readonly SearchDocument[]) {
  const files = searchShardFiles(docs, terms)
  const fetched: string[] = []
  const load = async (file: string) => {
    fetched.push(file)
    const text = files.get(file)
    if (text === undefined) throw new Error(`no file ${file}`)
    return JSON.parse(text)
  }
  const manifest = JSON.parse(files.get(manifestFile)!) as engine.Manifest
  return { files, fetched, load, manifest }
}

/** Run a query the way the browser does: parse it, search, keep results with every phrase; their ids, best first. */
async function query(text: string, docs: readonly SearchDocument[] = documents): Promise<string[]> {
  const { manifest, load } = indexOf(docs)
  const parsed = terms.parseQuery(text)
  if (parsed.words === '') return []
  let hits = await engine.search(manifest, load, parsed.words, parsed.prefix)
  if (parsed.phrases.length > 0) hits = (await engine.withPhrases(manifest, load, hits, parsed.phrases, terms.containsPhrase, 100)).hits
  return (await engine.records(manifest, load, hits)).map((hit) => hit.id)
}

describe('the tokenizer', () => {
  it('splits words on anything but letters, marks and digits, folding case and width', () => {
    expect(terms.tokenize('RL-trained models’ format, ＲＬＶＲ (2504.13837)')).toEqual(['rl', 'trained', 'models', 'format', 'rlvr', '2504', '13837'])
    expect(terms.tokenize('Café naïve')).toEqual(['café', 'naïve'])
  })

  it('splits runs of CJK characters from the Latin words around them', () => {
    expect(terms.tokenize('RLVR强化学习is')).toEqual(['rlvr', '强化学习', 'is'])
    expect(terms.tokenize('強化学習は推論能力を引き出す。')).toEqual(['強化学習は推論能力を引き出す'])
  })

  it('indexes a CJK run as its characters and bigrams, and looks it up by bigrams', () => {
    expect(terms.processTerm('学习法')).toEqual(['学', '习', '法', '学习', '习法'])
    expect(terms.processQueryTerm('强化学习')).toEqual(['强化', '化学', '学习'])
    expect(terms.processQueryTerm('学')).toEqual(['学'])
    expect(terms.processTerm('format')).toBe('format')
    expect(engine.queryTerms('强化学习 rl form', true)).toEqual([
      { term: '强化', prefix: false },
      { term: '化学', prefix: false },
      { term: '学习', prefix: false },
      { term: 'rl', prefix: false },
      { term: 'form', prefix: true },
    ])
  })

  it('reads quoted phrases, unclosed quotes included, and knows when the last word is a prefix', () => {
    expect(terms.parseQuery('"format diversity" rl')).toEqual({ words: 'format diversity rl', phrases: ['format diversity'], prefix: true })
    expect(terms.parseQuery('rl "format div')).toEqual({ words: 'rl format div', phrases: ['format div'], prefix: false })
    expect(terms.parseQuery('rl ')).toEqual({ words: 'rl', phrases: [], prefix: false })
    expect(terms.parseQuery('"  "')).toEqual({ words: '', phrases: [], prefix: false })
  })

  it('matches phrases on whole words, and CJK phrases anywhere', () => {
    expect(terms.containsPhrase(terms.phraseText('RL-trained, format diversity.'), 'trained format')).toBe(true)
    expect(terms.containsPhrase(terms.phraseText('curling stones'), 'rl')).toBe(false)
    expect(terms.containsPhrase(terms.phraseText('研究表明强化学习主要'), '强化学习')).toBe(true)
  })
})

describe('the searchable text of a body', () => {
  it('keeps what a reader sees and drops link targets, URLs and tags', () => {
    const body = [
      'See [[rl-format|the format note]], [[distillation#Method]] and [the paper](../other.md "Title").',
      '<span class="x">Raw</span> text <!-- a comment --> and https://arxiv.org/abs/2504.13837.',
      '![A chart](chart.png)',
      '[ref]: https://example.org',
    ].join('\n')
    expect(searchableBody(body).replace(/\s+/g, ' ').trim()).toBe('See the format note , and the paper . Raw text and A chart')
  })
})

describe('the documents indexed', () => {
  const parse = (relativePath: string, text: string) =>
    parseDocument({ path: `/notes/${relativePath}`, relativePath, displayPath: `notes/${relativePath}`, text }).document!

  it('show a link’s target title where the page does, and only the start of a huge body', () => {
    const graph = buildGraph([
      parse('a.md', `---\ntitle: Is A?\nsummary: A.\ntags: [x, y]\n---\nSee [[b]] and [[b|the other]].\n\n${'word '.repeat(21_000)}end\n`),
      parse('b.md', '---\ntitle: Is B the other one?\nsummary: B.\n---\n'),
    ])
    const [a] = searchDocuments(graph)
    expect(a).toMatchObject({ id: 'a', type: 'note', title: 'Is A?', summary: 'A.', tags: 'x y' })
    expect(a!.body.slice(0, 40).replace(/\s+/g, ' ')).toMatch(/^See and the other \. word word /)
    expect(a!.body.endsWith('\nIs B the other one?')).toBe(true)
    expect(a!.body).not.toContain('end')
    expect(a!.body.length).toBeLessThan(indexedBodyLength + 100)
  })
})

/** A library of `count` documents, each about topic words and a number of its own. */
function library(count: number): SearchDocument[] {
  const words = ['signal', 'gradient', 'policy', 'reward', 'token', 'sample', 'memory', 'prior', 'margin', 'kernel', 'latent', 'entropy']
  return Array.from({ length: count }, (_, i) => {
    const a = words[i % words.length]!
    const b = words[(i * 7 + 3) % words.length]!
    return doc(
      `notes/n${String(i).padStart(5, '0')}`,
      `Does ${a} shape ${b}? (note ${i})`,
      `How ${a} relates to ${b}.`,
      `The ${a} of a ${b}, measured ${i} times. Word${i} appears here only.`,
      i % 10 === 0 ? 'decade' : '',
    )
  })
}

describe('the index quire writes', () => {
  it('finds words by prefix and with a typo, every word required', async () => {
    expect(await query('diver')).toEqual(expect.arrayContaining(['rl-format', 'distillation']))
    expect(await query('distilation')).toContain('distillation')
    expect(await query('format distillation')).toEqual([])
    expect(await query('curl')).toEqual(['distillation'])
    // A word typed whole is not a prefix of others: `rl` alone does not find `rlvr`.
    expect(await query('rl ')).toEqual(expect.arrayContaining(['rl-format', 'distillation']))
  })

  it('ranks a title match above a body match, and a tag above the body', async () => {
    const docs = [doc('body', 'Is A?', 'A.', 'kernel methods'), doc('title', 'Is the kernel right?', 'B.'), doc('tag', 'Is C?', 'C.', '', 'kernel')]
    expect(await query('kernel', docs)).toEqual(['title', 'tag', 'body'])
  })

  it('finds Chinese and Japanese text by any part of a word', async () => {
    expect(await query('强化学习')).toEqual(['reasoning-zh'])
    expect(await query('推理能力')).toEqual(['reasoning-zh'])
    expect(await query('推論')).toEqual(['reasoning-zh'])
    expect((await query('学')).sort()).toEqual(['reasoning-zh', '化学'])
    // Bigrams are precise: 化学 (chemistry) is inside 强化学习 only by accident of the characters.
    expect(await query('化学反应')).toEqual(['化学'])
  })

  it('keeps only results with the exact phrase', async () => {
    expect((await query('collapse diversity')).sort()).toEqual(['distillation', 'rl-format'])
    expect(await query('"format diversity"')).toEqual(['rl-format'])
    expect(await query('"diversity format"')).toEqual([])
    expect(await query('"collapse of diversity"')).toEqual(['distillation'])
    expect(await query('"强化学习"')).toEqual(['reasoning-zh'])
  })

  it('returns the title, summary and kind of each result, escaped with no raw <', async () => {
    const { files, manifest, load } = indexOf(documents)
    for (const [file, text] of files) expect(text, file).not.toContain('<')
    const hits = await engine.search(manifest, load, '化学反应', false)
    expect((await engine.records(manifest, load, hits))[0]).toMatchObject({
      id: '化学',
      title: '化学反应是什么？',
      summary: '一篇关于化学的笔记。',
      type: 'inquiry',
    })
    const [script] = await engine.records(manifest, load, await engine.search(manifest, load, 'script', false))
    expect(script).toMatchObject({ id: 'escape', title: 'Is <script> escaped?' })
  })

  it('is the same bytes for the same documents, with exactly the planned paths', () => {
    const docs = library(500)
    const files = searchShardFiles(docs, terms)
    expect([...files.keys()].sort()).toEqual(searchPaths(docs.length).sort())
    expect(searchShardFiles(docs, terms)).toEqual(files)
  })
})

describe('the shards', () => {
  const docs = library(2000)
  const { files, manifest } = indexOf(docs)

  it('split the terms into shards by key, every term in the shard its key names', () => {
    expect(manifest.documents).toBe(2000)
    expect(manifest.shards.length).toBeGreaterThan(10)
    expect(manifest.shards.length).toBeLessThanOrEqual(shardCount(2000))
    expect(manifest.shards[0]).toBe('')
    for (let i = 0; i < manifest.shards.length; i++) {
      const entries = JSON.parse(files.get(engine.paths.shard(i))!) as [string, number[]][]
      expect(entries.length, `shard ${i}`).toBeGreaterThan(0)
      for (const [term] of entries) {
        expect(engine.shardOf(manifest, termKey(term)), term).toBe(i)
        expect(engine.termKey(term, manifest.keyLength)).toBe(termKey(term))
      }
    }
  })

  it('fetch only the shards of the query’s terms, and the records of the results shown', async () => {
    const { fetched, load } = indexOf(docs)
    const hits = await engine.search(manifest, load, 'kernel memor', true)
    expect(hits.length).toBeGreaterThan(0)
    const shards = fetched.filter((file) => file.includes('/terms/'))
    expect(new Set(shards)).toEqual(new Set([engine.paths.shard(engine.shardOf(manifest, 'ker')), engine.paths.shard(engine.shardOf(manifest, 'mem'))]))
    const shown = await engine.records(manifest, load, hits.slice(0, 20))
    expect(shown.every((hit) => /kernel/i.test(hit.title + hit.summary) && /memory/i.test(hit.title + hit.summary))).toBe(true)
    expect(fetched.filter((file) => file.includes('/docs/')).length).toBeLessThanOrEqual(20)
    expect(fetched.some((file) => file.includes('/text/'))).toBe(false)
  })

  it('find a word that only one document has, and that document first for its number', async () => {
    const { load } = indexOf(docs)
    const [hit] = await engine.records(manifest, load, await engine.search(manifest, load, 'word1234', false))
    expect(hit?.id).toBe('notes/n01234')
    const ranked = await engine.records(manifest, load, (await engine.search(manifest, load, 'latent 1234', false)).slice(0, 1))
    expect(ranked[0]?.id).toBe('notes/n01234')
  })
})
