import { describe, expect, it } from 'vitest'
import { readDocumentDate } from '../src/dates.js'
import { formatDiagnostic } from '../src/diagnostics.js'
import type { SourceFile } from '../src/model.js'
import { parseDocument } from '../src/parse/parse-document.js'

function parse(text: string, relativePath = 'note.md') {
  const file: SourceFile = { path: `/notes/${relativePath}`, relativePath, displayPath: `notes/${relativePath}`, text }
  const result = parseDocument(file)
  return { ...result, messages: result.diagnostics.map(formatDiagnostic) }
}

describe('front matter as vaults write it', () => {
  it('reads an empty `tags:` or `aliases:` as an empty list, and skips empty list items', () => {
    const { document, messages } = parse('---\ntitle: T\nsummary: S\ntags:\naliases:\n---\nBody.\n')
    expect(messages).toEqual([])
    expect(document?.data.tags).toEqual([])
    expect(document?.data.aliases).toEqual([])
    const items = parse('---\ntitle: T\nsummary: S\ntags:\n  -\n  - kept\naliases: ""\n---\nBody.\n')
    expect(items.messages).toEqual([])
    expect(items.document?.data.tags).toEqual(['kept'])
    expect(items.document?.data.aliases).toEqual([])
  })

  it('splits a string of tags at commas and spaces, as Obsidian does (a tag has no spaces)', () => {
    expect(parse('---\ntitle: T\nsummary: S\ntags: alpha, beta\n---\n').document?.data.tags).toEqual(['alpha', 'beta'])
    expect(parse('---\ntitle: T\nsummary: S\ntags: alpha beta\n---\n').document?.data.tags).toEqual(['alpha', 'beta'])
    expect(parse('---\ntitle: T\nsummary: S\ntags: "two words"\n---\n').document?.data.tags).toEqual(['two', 'words'])
  })

  it('reads unquoted arXiv ids exactly as written, trailing zeros kept', () => {
    const { document, messages } = parse('---\ntitle: T\nsummary: S\npapers: [2504.13837, 2504.10370]\n---\n')
    expect(messages).toEqual([])
    expect(document?.data.papers).toEqual(['2504.13837', '2504.10370'])
    expect(parse('---\ntitle: T\nsummary: S\npapers: 2601.00100\n---\n').document?.data.papers).toEqual(['2601.00100'])
    const inquiry = parse(
      [
        '---',
        'type: inquiry',
        'title: Why?',
        'summary: Because.',
        'prompt:',
        '  role: an analyst',
        '  anchors:',
        '    - arxiv: 2504.10370',
        '      date: 2025-04',
        '      title: A paper',
        '---',
        '',
      ].join('\n'),
    )
    expect(inquiry.messages).toEqual([])
    expect(inquiry.document?.type === 'inquiry' && inquiry.document.data.prompt?.anchors[0]?.arxiv).toBe('2504.10370')
  })

  it('says what it saw when a value cannot be an arXiv id', () => {
    expect(parse('---\ntitle: T\nsummary: S\npapers: [2504.10]\n---\n').messages).toEqual([
      'notes/note.md:4:10: error: `papers[0]`: expected an arXiv id such as 2504.13837 or hep-th/9901001 (without the "arXiv:" prefix), not "2504.10". [invalid-field]',
    ])
    expect(parse('---\ntitle: T\nsummary: S\npapers: [2504]\n---\n').messages).toEqual([
      'notes/note.md:4:10: error: `papers[0]`: expected an arXiv id such as 2504.13837, not the number 2504. [invalid-field]',
    ])
  })

  it("asks the inquiry's title when a prompt has no question", () => {
    const { document, messages } = parse(
      ['---', 'type: inquiry', 'title: Why does it work?', 'summary: Because.', 'prompt:', '  role: an analyst', '---', ''].join('\n'),
    )
    expect(messages).toEqual([])
    expect(document?.type === 'inquiry' && document.data.prompt?.question).toBe('Why does it work?')
  })

  it('reads the date fields vaults use, with or without a time, into days', () => {
    const { document, messages } = parse('---\ntitle: T\nsummary: S\ncreated: 2024-01-02 13:45\nmodified: 2024-03-04T05:06:07.890+01:00\n---\n')
    expect(messages).toEqual([])
    expect(document?.data).toMatchObject({ created: '2024-01-02', modified: '2024-03-04' })
    expect(parse('---\ntitle: T\nsummary: S\ndate: January 2, 2024\nupdated: 3 Feb 2024\n---\n').document?.data).toMatchObject({
      date: '2024-01-02',
      updated: '2024-02-03',
    })
    expect(parse('---\ntitle: T\nsummary: S\ndate: 2024-02-30 10:00\n---\n').messages).toEqual([
      'notes/note.md:4:7: warning: `date`: "2024-02-30 10:00" is not a real day of that month; the note is published without it. Correct the day to date the note. [unreadable-date]',
    ])
    expect(parse('---\ntitle: T\nsummary: S\nupdated: 01/02/2024\n---\n').messages).toEqual([
      'notes/note.md:4:10: warning: `updated`: expected a date such as 2025, 2025-04-12, 2025-04-12 13:45 or April 12, 2025, not "01/02/2024"; the note is published without it. Write it as year-month-day (2025-04-12) to date the note. [unreadable-date]',
    ])
  })

  it('reads the forms of dates it documents, and no others', () => {
    const read = (text: string) => {
      const result = readDocumentDate(text)
      return result.ok ? result.text : result.problem
    }
    expect(read('2025')).toBe('2025')
    expect(read('~2025-04')).toBe('~2025-04')
    expect(read('2024-01-02T13:45')).toBe('2024-01-02')
    expect(read('2024-01-02T13:45:00Z')).toBe('2024-01-02')
    expect(read('2024-01-02 13:45:00 +0100')).toBe('2024-01-02')
    expect(read('Jan 2nd, 2024')).toBe('2024-01-02')
    expect(read('september 2024')).toBe('2024-09')
    expect(read('2024-01-02 25:00')).toBe('form')
    expect(read('Smarch 2, 2024')).toBe('form')
    expect(read('2025-13')).toBe('form')
    expect(read('February 29, 2025')).toBe('day')
  })
})
