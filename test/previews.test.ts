/**
 * Link previews' data: which file holds a document's preview (the build and
 * the browser agree), and the first text of each section for links to
 * `[[note#Heading]]`, read from the Markdown lines.
 */
import { describe, expect, it } from 'vitest'
import { bucketOf as browserBucketOf } from '../templates/assets/preview-bucket.js'
import { buildGraph } from '../src/graph/build-graph.js'
import { parseDocument } from '../src/parse/parse-document.js'
import { bodySections, plainLine, sectionTexts } from '../src/render/site-files/preview-sections.js'
import { bucketCount, bucketOf, previewBuckets, previewFiles } from '../src/render/site-files/previews.js'

const parse = (relativePath: string, text: string) =>
  parseDocument({ path: `/notes/${relativePath}`, relativePath, displayPath: `notes/${relativePath}`, text }).document!

describe('preview buckets', () => {
  it('put a document in the same bucket in the build and in the browser', () => {
    for (const slug of ['a', 'rl-format', 'inquiries/why-rl', '强化学习', 'topic-01/note-00001', 'ünïcode/𝔘']) {
      for (const buckets of [1, 7, 1275]) expect(browserBucketOf(slug, buckets), slug).toBe(bucketOf(slug, buckets))
    }
  })

  it('hold about eight documents each, every document in exactly one', () => {
    const docs = Array.from({ length: 400 }, (_, i) => parse(`n${i}.md`, `---\ntitle: Is ${i} a number?\nsummary: Yes.\n---\n`))
    const graph = buildGraph(docs)
    const buckets = previewBuckets(graph)
    expect(buckets).toHaveLength(bucketCount(400))
    expect(buckets.flat().sort()).toEqual([...graph.documents.keys()].sort())
    expect(Math.max(...buckets.map((bucket) => bucket.length))).toBeLessThan(24)
    const file = JSON.parse(previewFiles.bucket(graph, buckets[0]!)) as Record<string, unknown>
    expect(Object.keys(file)).toEqual(buckets[0])
  })
})

describe('section texts', () => {
  it('read each heading’s first block of text as plain text, outside code', () => {
    const body = [
      'Intro.',
      '## Method',
      '',
      'We **compare** [[a|checkpoints]] and [links](x.md) <b>here</b>.',
      'Second line of the same paragraph.',
      '',
      'A later paragraph, not shown.',
      '```',
      '# not a heading',
      '```',
      'Results',
      '-------',
      '- first item ^block-1',
      '### Empty',
      '## Code first',
      '```js',
      'x()',
      '```',
      'Text after the code.',
    ].join('\n')
    expect(bodySections(body)).toEqual([
      { depth: 2, heading: 'Method', text: 'We compare checkpoints and links here. Second line of the same paragraph.' },
      { depth: 2, heading: 'Results', text: 'first item' },
      { depth: 3, heading: 'Empty', text: '' },
      { depth: 2, heading: 'Code first', text: 'Text after the code.' },
    ])
    expect(plainLine('> See [[other#Part]] and `code` and ==marked==')).toBe('See other › Part and code and marked')
  })

  it('key sections by the ids the page gives its headings, and leave out a title heading', () => {
    const doc = parse('a.md', '# The title?\n\nFirst paragraph is the summary.\n\n## Sources\n\nA heading named like a page section.\n\n## Sources\n\nAgain.\n')
    expect(sectionTexts(doc)).toEqual({ 'sources-1': ['Sources', 'A heading named like a page section.'], 'sources-2': ['Sources', 'Again.'] })
  })

  it('shorten a long section at a word, and give none when the headings found are not the page’s', () => {
    const long = parse('b.md', `---\ntitle: Is B?\nsummary: B.\n---\n## Long\n\n${'word '.repeat(200)}\n`)
    const [, text] = sectionTexts(long)['long']!
    expect(text.length).toBeLessThanOrEqual(280)
    expect(text.endsWith('word…')).toBe(true)
    const html = parse('c.md', '---\ntitle: Is C?\nsummary: C.\n---\n<h2>Raw</h2>\n\n## Real\n\nText.\n')
    expect(Object.keys(sectionTexts(html)).length).toBeLessThanOrEqual(1)
  })
})
