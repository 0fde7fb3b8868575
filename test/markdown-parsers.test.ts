/**
 * A body is parsed without GFM's literal autolinks or tables when its text
 * cannot hold one (see `parserFor`). These tests hold that shortcut to
 * remark-gfm's own parse: same tree, positions included.
 */
import fc from 'fast-check'
import remarkGfm from 'remark-gfm'
import remarkMath from 'remark-math'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { describe, expect, it } from 'vitest'
import { parserFor, remarkWikiLink } from '../src/parse/markdown.js'

const reference = unified().use(remarkParse).use(remarkGfm).use(remarkMath).use(remarkWikiLink).freeze()

const same = (body: string): void => {
  expect(parserFor(body).parse(body)).toEqual(reference.parse(body))
}

/** Pieces of Markdown near the edges of what literal autolinks and tables (a `|` and a delimiter row) match. */
const pieces = [
  'Plain prose with *emphasis* and `code`.',
  'See www.example.com/path?q=1 for more.',
  'WWW.EXAMPLE.ORG in capitals.',
  'A bare https://arxiv.org/abs/2401.01234v2 link, and http://x.y.',
  'Write to someone@example.com or mailto:a.b@c.d, or xmpp:me@chat.example.org.',
  'Accuracy pass@1 and pass@k, and pass@1.5 too.',
  'An @handle, a user@localhost, and an e-mail at the end: x@y.z',
  'www without a dot, http without a colon, https:/ half.',
  '| a | b |\n| - | - |\n| 1 | 2 |',
  'a | b\n--|--\n1 | 2',
  'A pipe | in prose, and [[note|a label]].',
  '> | quoted | table |\n> |:--|--:|\n> | 1 | 2 |',
  '- | listed | table |\n  | --- | --- |\n  | 1 | 2 |',
  '| crlf | table |\r\n|---|---|\r\n| 1 | 2 |',
  '|\ttabbed\t|\n|\t-\t|',
  'Header | only\n:-:|:-',
  '| a |\n-',
  'Setext | heading\n---',
  'A rule follows | this\n\n- - -',
  '~~struck~~ and ~single~ tildes.',
  '- [ ] open task\n- [x] done task',
  'A footnote[^1].\n\n[^1]: The note, with https://example.com inside.',
  '```\nhttps://in.code.block and a | b\n```',
  'Inline `www.example.com` code and $x | y$ math.',
  '> [!note] A callout with user@example.com\n> and a line.',
  '<https://angle.example.com> and <me@example.com>.',
  '[a link](https://example.com) and ![image](pic.png).',
  '# Heading with www.example.com\n\nText.',
]

describe('choosing a parser for each body', () => {
  it('gives the same tree as remark-gfm on each piece alone', () => {
    for (const piece of pieces) same(piece)
  })

  it('gives the same tree as remark-gfm on any mix of pieces', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 6 }), fc.constantFrom('\n\n', '\n', ' '), (chosen, joint) => {
        same(chosen.join(joint))
      }),
      { numRuns: 300 },
    )
  })

  it('leaves literal autolinks and tables out only when a body has none', () => {
    const plain = parserFor('Just prose, pass@1.')
    expect(parserFor('More prose.')).toBe(plain)
    expect(parserFor('See www.example.com.')).not.toBe(plain)
    expect(parserFor('Mail me@example.com.')).not.toBe(plain)
    expect(parserFor('a | b\n--|--')).not.toBe(plain)
    expect(parserFor('> a | b\n> --|--')).not.toBe(plain)
    // A `|` without a delimiter row (here in a wikilink's label) is no table.
    expect(parserFor('a | b and [[note|label]]')).toBe(plain)
  })
})
