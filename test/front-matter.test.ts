import { describe, expect, it } from 'vitest'
import { formatDiagnostic } from '../src/diagnostics.js'
import type { SourceFile } from '../src/model.js'
import { parseDocument } from '../src/parse/parse-document.js'

function parse(text: string, relativePath = 'note.md') {
  const file: SourceFile = { path: `/notes/${relativePath}`, relativePath, displayPath: `notes/${relativePath}`, text }
  const result = parseDocument(file)
  return { ...result, messages: result.diagnostics.map(formatDiagnostic) }
}

describe('front matter validation', () => {
  it('accepts a valid note and keeps dates as strings', () => {
    const { document, diagnostics } = parse('---\ntitle: Does X help?\nsummary: It does.\ndate: 2025-04\ntags: [rl]\npapers: ["2504.13837"]\n---\nBody\n')
    expect(diagnostics).toEqual([])
    expect(document?.type).toBe('note')
    expect(document?.data).toMatchObject({ title: 'Does X help?', date: '2025-04', tags: ['rl'], papers: ['2504.13837'] })
  })

  it('reports a missing required field of an inquiry at the front matter', () => {
    const { document, messages } = parse('---\ntype: inquiry\ntitle: Does X help?\n---\n')
    expect(document).toBeUndefined()
    expect(messages).toEqual(['notes/note.md:2:1: error: Missing required field `summary`. Add it to the front matter. [missing-field]'])
  })

  it('reports every problem, each at the line and column of its value', () => {
    const { messages } = parse('---\ntitle: 42\nsummary: ""\ntags: 42\n---\n')
    expect(messages).toEqual([
      'notes/note.md:2:8: error: `title`: expected text. [invalid-field]',
      'notes/note.md:3:10: error: `summary`: must not be empty. [invalid-field]',
      'notes/note.md:4:7: error: `tags`: expected a list of tags, such as [rl, reasoning]. [invalid-field]',
    ])
  })

  it('reports nested prompt problems at the nested node', () => {
    const text = [
      '---',
      'type: inquiry',
      'title: Why?',
      'summary: Because.',
      'prompt:',
      '  role: an analyst',
      '  question: why?',
      '  claims:',
      '    - text: A claim',
      '      date: last year',
      '  anchors:',
      '    - arxiv: "2513.00001"',
      '      date: 2025-13',
      '      title: A paper',
      '---',
      '',
    ].join('\n')
    const { messages } = parse(text)
    expect(messages).toEqual([
      'notes/note.md:10:13: error: `prompt.claims[0].date`: expected a date such as 2025, 2025-04, 2025-04-12 or ~2025. [invalid-field]',
      'notes/note.md:12:14: error: `prompt.anchors[0].arxiv`: expected an arXiv id such as 2504.13837 or hep-th/9901001 (without the "arXiv:" prefix), not "2513.00001". [invalid-field]',
      'notes/note.md:13:13: error: `prompt.anchors[0].date`: expected a date such as 2025, 2025-04, 2025-04-12 or ~2025. [invalid-field]',
    ])
  })

  it('reports YAML syntax errors at their position', () => {
    const { messages } = parse('---\ntitle: Does X help?\nsummary: "unclosed\n---\nBody\n')
    expect(messages).toHaveLength(1)
    expect(messages[0]).toMatch(/^notes\/note\.md:3:\d+: error: The front matter is not valid YAML: Missing closing "quote\. .*\[yaml-syntax\]$/)
  })

  it('reports an alias whose anchor is missing instead of crashing (found by the property test)', () => {
    const { document, messages } = parse('---\ntitle: T\nsummary: *!\n---\n')
    expect(document).toBeUndefined()
    expect(messages).toEqual([
      'notes/note.md:3:10: error: The front matter is not valid YAML: Unresolved alias (the anchor must be set before the alias): !. Quote values that start with `*`, `&` or `!`. [yaml-syntax]',
    ])
  })

  it('reads a note without front matter, taking its title and summary from the body, and says so in a hint', () => {
    const { document, messages } = parse('# Just a heading\n\nFirst **paragraph** with a [[link|label]]. Second sentence.\n\n## Later\n', 'folder/Some note.md')
    expect(document?.data).toMatchObject({ title: 'Just a heading', summary: 'First paragraph with a label. Second sentence.' })
    expect(document?.derived).toEqual({ title: 'heading', summary: 'paragraph' })
    // The title heading is not an anchor of the page (it is the page's h1); later headings are.
    expect(document?.anchors).toEqual(['later'])
    expect(messages).toEqual([
      'notes/folder/Some note.md:1:1: hint: This note has the title from the first `#` heading ("Just a heading") and the summary from the first paragraph. Add `title:` and `summary:` to the front matter to choose them. [fallback-title]',
    ])
    const named = parse('Only text, no heading.\n', 'Reward hacking.md')
    expect(named.document?.data.title).toBe('Reward hacking')
    expect(named.document?.derived.title).toBe('file-name')
    const bare = parse('---\ntitle: T\n---\n![[figure.png]]\n')
    expect(bare.document?.data.summary).toBe('')
    expect(bare.document?.derived.summary).toBe('none')
    const described = parse('---\ntitle: T\ndescription: From the description.\n---\nBody.\n')
    expect(described.document?.data.summary).toBe('From the description.')
    expect(described.messages).toEqual([])
  })

  it('cuts a long first paragraph at a sentence boundary', () => {
    const sentence = 'This sentence is about forty-five characters. '
    const { document } = parse(`${sentence.repeat(10)}\n`, 'long.md')
    expect(document?.data.summary.length).toBeLessThanOrEqual(280)
    expect(document?.data.summary.endsWith('characters.')).toBe(true)
    const { document: words } = parse(`${'word '.repeat(100)}\n`, 'words.md')
    expect(words?.data.summary.endsWith('…')).toBe(true)
  })

  it('keeps drafts, publish: false and empty files out of the site without reporting their problems', () => {
    const draft = parse('---\ndraft: true\ntitle: 42\n---\nHalf done.\n')
    expect(draft.document?.published).toBe(false)
    expect(draft.messages).toEqual([])
    expect(parse('---\ntitle: T\nsummary: S\npublish: false\n---\n').document?.published).toBe(false)
    const empty = parse('\n', 'Untitled.md')
    expect(empty.document?.published).toBe(false)
    expect(empty.messages).toEqual([
      'notes/Untitled.md:1:1: hint: This file is empty, so it is not published. Write the note, or delete the file. [empty-note]',
    ])
  })

  it('accepts tags and aliases written as one string, and tags with #', () => {
    const { document } = parse('---\ntitle: T\nsummary: S\ntags: "#rl, reasoning"\naliases: Old name\n---\nText #inline/tag here.\n')
    expect(document?.data.tags).toEqual(['rl', 'reasoning', 'inline/tag'])
    expect(document?.data.aliases).toEqual(['Old name'])
  })

  it('reports fields from other tools as hints, and near misses as warnings', () => {
    const { messages } = parse('---\ntitle: T\nsummary: S\ncssclasses: wide\n---\n')
    expect(messages).toEqual([
      'notes/note.md:4:1: hint: Unknown field `cssclasses` is ignored. Known fields here: type, title, summary, slug, date, created, updated, modified, tags, aliases, description, draft, publish, papers. [unknown-field]',
    ])
  })

  it('reports front matter that is not a mapping', () => {
    expect(parse('---\n- a\n- b\n---\n').messages).toEqual([
      'notes/note.md:1:1: error: The front matter must be a mapping of fields (`title: …` lines), not a single value or a list. [front-matter-not-mapping]',
    ])
  })

  it('warns about unknown fields and suggests the closest known one', () => {
    const { document, messages } = parse('---\ntitle: T\nsummary: S\nsumary: typo\n---\n')
    expect(document).toBeDefined()
    expect(messages).toEqual(['notes/note.md:4:1: warning: Unknown field `sumary` is ignored. Did you mean `summary`? [unknown-field]'])
  })

  it('rejects an unknown document type', () => {
    expect(parse('---\ntype: essay\ntitle: T\nsummary: S\n---\n').messages).toEqual([
      'notes/note.md:2:7: error: `type`: unknown document type "essay"; use `note` (the default) or `inquiry`. [invalid-field]',
    ])
  })

  it('keeps positions right with a byte-order mark removed and CRLF line endings', () => {
    const { messages, document } = parse('---\r\ntitle: T\r\nsummary: S\r\n---\r\nText with [[missing]] link.\r\n')
    expect(messages).toEqual([])
    expect(document?.links[0]?.position).toEqual({ line: 5, column: 11 })
    const bad = parse('---\r\ntitle: T\r\nsummary: 7\r\n---\r\n')
    expect(bad.messages).toEqual(['notes/note.md:3:10: error: `summary`: expected text. [invalid-field]'])
  })

  it('refuses slugs that escape the site', () => {
    for (const slug of ['../x', '/etc/x', 'a//b']) {
      const { messages } = parse(`---\ntitle: T\nsummary: S\nslug: ${slug}\n---\n`)
      expect(messages[0]).toMatch(/^notes\/note\.md:4:7: error: `slug` .* \[invalid-slug\]$/)
    }
    expect(parse('---\ntitle: T\nsummary: S\nslug: Topics/My Note\n---\n').document?.slug).toBe('topics/my-note')
  })
})
