/**
 * The search index and its tokenizer: words, CJK, phrases, and the index
 * quire writes itself, checked against the one MiniSearch builds.
 */
import MiniSearch from 'minisearch'
import { describe, expect, it } from 'vitest'
import * as terms from '../templates/assets/search-terms.js'
import { buildGraph } from '../src/graph/build-graph.js'
import { parseDocument } from '../src/parse/parse-document.js'
import { indexedBodyLength, searchableBody, searchDocuments, searchFileContents, serialiseIndex, type SearchDocument } from '../src/render/search-index.js'

function doc(id: string, title: string, summary: string, body = '', tags = '', type: SearchDocument['type'] = 'note'): SearchDocument {
  return { id, type, title, summary, body, tags }
}

const documents: SearchDocument[] = [
  doc('rl-format', 'Does RL training collapse format diversity?', 'Controlled experiments show RL amplifies one output format.', 'Format diversity collapses within a few hundred steps.', 'rl reasoning'),
  doc('distillation', 'Does distillation before RL help small models?', 'Distilling reasoning traces first helps.', 'The collapse of diversity is slower after distillation. Curling is unrelated.', 'distillation'),
  doc('reasoning-zh', '强化学习能否提升推理能力？', '研究表明强化学习主要激活预训练模型中已有的推理能力。', '日本語でも：強化学習は推論能力を引き出す。', '强化学习'),
  doc('化学', '化学反应是什么？', '一篇关于化学的笔记。', '', '', 'inquiry'),
  doc('escape', 'Is <script> escaped?', 'A summary with </script> in it.', 'Body text.'),
]

/** Run a query the way the browser does: parse it, search, keep results with every phrase. */
function query(index: MiniSearch<SearchDocument>, text: string): string[] {
  const parsed = terms.parseQuery(text)
  if (parsed.words === '') return []
  const phraseTexts = new Map(documents.map((d) => [d.id, terms.phraseText(`${d.title}\n${d.summary}\n${d.tags}\n${d.body}`)]))
  return index
    .search(parsed.words, terms.queryOptions(parsed.prefix))
    .filter((hit) => parsed.phrases.every((phrase) => terms.containsPhrase(phraseTexts.get(hit.id as string)!, phrase)))
    .map((hit) => hit.id as string)
}

function loaded(): MiniSearch<SearchDocument> {
  return MiniSearch.loadJSON<SearchDocument>(serialiseIndex(documents, terms), terms.indexOptions)
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
  const parse = (relativePath: string, text: string) => parseDocument({ path: `/notes/${relativePath}`, relativePath, displayPath: `notes/${relativePath}`, text }).document!

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

/** MiniSearch's own index of `docs`, after checking that quire's serialised index holds exactly the same (terms in any order). */
function sameAsMiniSearch(docs: readonly SearchDocument[]): MiniSearch<SearchDocument> {
  const built = new MiniSearch<SearchDocument>({ ...terms.indexOptions })
  built.addAll(docs)
  const ours = JSON.parse(serialiseIndex(docs, terms))
  const theirs = JSON.parse(JSON.stringify(built))
  const byTerm = (entries: [string, unknown][]) => [...entries].sort((a, b) => (a[0] < b[0] ? -1 : 1))
  expect({ ...ours, index: byTerm(ours.index) }).toEqual({ ...theirs, index: byTerm(theirs.index) })
  return built
}

describe('the index quire writes', () => {
  it('loads into MiniSearch and holds exactly what MiniSearch would build', () => {
    const built = sameAsMiniSearch(documents)
    for (const text of ['format', 'rl diver', 'distillation', '强化学习', '推理', '化学', 'curling']) {
      expect(loaded().search(text, terms.queryOptions(true)), text).toEqual(built.search(text, terms.queryOptions(true)))
    }
  })

  it('counts repeated words and CJK runs as MiniSearch does', () => {
    sameAsMiniSearch([doc('mixed', 'RL and 强化 and RL', '学习 强化学习 学习, rl RL', 'rl 强化 强化学习 学 学 rl 化学 强化', 'rl rl')])
  })

  it('writes each document\'s phrase text as JSON.stringify would, with no raw <', () => {
    // A document whose id reads as an array index comes first, as JSON.stringify orders keys.
    const all = [...documents, doc('42', 'A "quoted" title\\ with a tab\there', 'Café, naïve, 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 and 🧪.')]
    const phrases = Object.fromEntries(all.map((d) => [d.id, terms.phraseText(`${d.title}\n${d.summary}\n${d.tags}\n${d.body}`)]))
    expect(searchFileContents(all, terms).text).toBe(JSON.stringify(phrases).replace(/</g, '\\u003c') + '\n')
  })

  it('is the same bytes for the same documents, and has no raw <', () => {
    const text = serialiseIndex(documents, terms)
    expect(serialiseIndex(documents, terms)).toBe(text)
    expect(text).not.toContain('<')
    expect(loaded().search('script', terms.queryOptions(false))[0]).toMatchObject({ id: 'escape', title: 'Is <script> escaped?' })
  })

  it('finds words by prefix and with a typo, every word required', () => {
    const index = loaded()
    expect(query(index, 'diver')).toEqual(expect.arrayContaining(['rl-format', 'distillation']))
    expect(query(index, 'distilation')).toContain('distillation')
    expect(query(index, 'format distillation')).toEqual([])
    expect(query(index, 'curl')).toEqual(['distillation'])
  })

  it('finds Chinese and Japanese text by any part of a word', () => {
    const index = loaded()
    expect(query(index, '强化学习')).toEqual(['reasoning-zh'])
    expect(query(index, '推理能力')).toEqual(['reasoning-zh'])
    expect(query(index, '推論')).toEqual(['reasoning-zh'])
    expect(query(index, '学').sort()).toEqual(['reasoning-zh', '化学'])
    // Bigrams are precise: 化学 (chemistry) is inside 强化学习 only by accident of the characters.
    expect(query(index, '化学反应')).toEqual(['化学'])
  })

  it('keeps only results with the exact phrase', () => {
    const index = loaded()
    expect(query(index, 'collapse diversity').sort()).toEqual(['distillation', 'rl-format'])
    expect(query(index, '"format diversity"')).toEqual(['rl-format'])
    expect(query(index, '"diversity format"')).toEqual([])
    expect(query(index, '"collapse of diversity"')).toEqual(['distillation'])
    expect(query(index, '"强化学习"')).toEqual(['reasoning-zh'])
  })

  it('returns the stored title, summary and type for the results list', () => {
    const [hit] = loaded().search('化学反应', terms.queryOptions(false))
    expect(hit).toMatchObject({ id: '化学', title: '化学反应是什么？', summary: '一篇关于化学的笔记。', type: 'inquiry' })
  })
})
