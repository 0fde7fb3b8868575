/**
 * Research integrity: dates with precision, arXiv ids checked offline,
 * stale claims, claim support, the papers page, prompt.md, suggestions and
 * the research-health report.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { fromHtml } from 'hast-util-from-html'
import { select, selectAll } from 'hast-util-select'
import { toString } from 'hast-util-to-string'
import { describe, expect, it } from 'vitest'
import { agreesWith, isFromTheFuture, parseArxivId } from '../src/arxiv.js'
import { run } from '../src/cli.js'
import { ageInMonths, defaultBuildDate, parseCalendarDay, parseFuzzyDate, yearSpan } from '../src/dates.js'
import { noteSchema } from '../src/parse/schema.js'
import { note, notesFolder, recordingIO } from './support/notes.js'

describe('dates', () => {
  it('parse with their precision and approximation', () => {
    expect(parseFuzzyDate('~2025')).toEqual({ text: '~2025', year: 2025, month: undefined, day: undefined, precision: 'year', approximate: true })
    expect(parseFuzzyDate('2025-04')).toMatchObject({ year: 2025, month: 4, precision: 'month', approximate: false })
    expect(parseFuzzyDate('2025-04-12')).toMatchObject({ day: 12, precision: 'day' })
    expect(parseFuzzyDate('April 2025')).toBeUndefined()
  })

  it('measure age from the latest moment a date could mean', () => {
    const day = { year: 2026, month: 11, day: 26 }
    expect(ageInMonths(parseFuzzyDate('~2025')!, day)).toBe(11)
    expect(ageInMonths(parseFuzzyDate('2025-04')!, day)).toBe(19)
    expect(ageInMonths(parseFuzzyDate('2025-11-27')!, day)).toBe(11)
    expect(ageInMonths(parseFuzzyDate('2025-11-26')!, day)).toBe(12)
  })

  it('take the build date from SOURCE_DATE_EPOCH for reproducible builds', () => {
    expect(defaultBuildDate({ SOURCE_DATE_EPOCH: '1767225600' })).toEqual({ year: 2026, month: 1, day: 1 })
    expect(defaultBuildDate({}, new Date(Date.UTC(2030, 5, 2)))).toEqual({ year: 2030, month: 6, day: 2 })
    expect(parseCalendarDay('2026-02-29')).toBeUndefined()
    expect(parseCalendarDay('2028-02-29')).toEqual({ year: 2028, month: 2, day: 29 })
  })

  it('reject malformed and impossible dates in front matter', () => {
    for (const date of ['2025-13', '2025-00', '2025-02-30', '25-04', 'soon', '~2025-4']) {
      expect(noteSchema.safeParse({ title: 'T', summary: 'S', date }).success, date).toBe(false)
    }
    for (const date of ['2025', '~2025', '2025-04', '~2025-04', '2024-02-29']) {
      expect(noteSchema.safeParse({ title: 'T', summary: 'S', date }).success, date).toBe(true)
    }
    expect(yearSpan([2026, 2024, 2025])).toBe('2024–2026')
    expect(yearSpan([2025])).toBe('2025')
  })
})

describe('arXiv ids', () => {
  it('accept new and old styles and reject impossible months', () => {
    expect(parseArxivId('2504.13837')).toEqual({ id: '2504.13837', year: 2025, month: 4 })
    expect(parseArxivId('2504.13837v2')).toMatchObject({ year: 2025, month: 4 })
    expect(parseArxivId('hep-th/9901001')).toEqual({ id: 'hep-th/9901001', year: 1999, month: 1 })
    expect(parseArxivId('math.AG/0309136')).toMatchObject({ year: 2003, month: 9 })
    for (const id of ['2500.12345', '2513.12345', '2504.123', 'arXiv:2504.13837', '2504.13837v', 'hep-th/9913001']) {
      expect(noteSchema.safeParse({ title: 'T', summary: 'S', papers: [id] }).success, id).toBe(false)
    }
  })

  it('know when an id is from the future or disagrees with its date', () => {
    const paper = parseArxivId('2605.28388')!
    expect(isFromTheFuture(paper, { year: 2026, month: 4, day: 30 })).toBe(true)
    expect(isFromTheFuture(paper, { year: 2026, month: 5, day: 1 })).toBe(false)
    expect(agreesWith(paper, parseFuzzyDate('2026-05')!)).toBe(true)
    expect(agreesWith(paper, parseFuzzyDate('2026')!)).toBe(true)
    expect(agreesWith(parseArxivId('2504.00001')!, parseFuzzyDate('2025-06')!)).toBe(false)
  })
})

const inquiry = (title: string, body: string, prompt: string, extra = '') =>
  `---\ntype: inquiry\ntitle: ${JSON.stringify(title)}\nsummary: About ${title}\n${extra}prompt:\n  role: an analyst\n  question: why?\n${prompt}---\n${body}\n`

const library = {
  'n1.md': note('Does one hold?', 'One holds.', '', 'date: 2024-03\n'),
  'n2.md': note('Does two hold?', 'Two holds.', '', 'date: 2026-01\npapers: ["2504.13837"]\n'),
  'n3.md': note('Does three hold?', 'Three holds.'),
  'lonely.md': note('Is anyone citing me?', 'No.'),
  'lines/main.md': inquiry(
    'Why main?',
    '[[n1]] and [[n2]] and [[n3]].',
    [
      '  claims:',
      '    - text: An *old* claim',
      '      date: 2024-06',
      '      notes: [n1]',
      '    - text: A fresh claim with no support',
      '      date: "~2026"',
      '    - text: A claim citing a missing note',
      '      date: 2026-02',
      '      notes: [n2, missing]',
      '  anchors:',
      '    - arxiv: "2504.13837"',
      '      date: 2025-06',
      '      title: A paper with the wrong month',
      '    - arxiv: "2701.00001"',
      '      date: 2027-01',
      '      title: A paper from the future',
      '  tasks: [Re-test everything.]',
      '',
    ].join('\n'),
  ),
  'lines/other.md': inquiry('Why other?', '[[n2]] and [[n3]].', '  tasks: [One.]\n'),
  'lines/far.md': inquiry('Why far?', '[[n1]].', '  tasks: [One.]\n'),
}

describe('a library with research problems', () => {
  it('reports stale claims, future ids, mismatched dates and missing support with positions', async () => {
    const root = await notesFolder(library)
    const io = recordingIO(root)
    expect(await run(['check', '--build-date', '2026-11-26'], io)).toBe(1)
    expect(io.err().trim().split('\n')).toEqual([
      'notes/lines/main.md:10:13: warning: Claim 1 is dated 2024-06, 29 months before 2026-11-26 (the threshold is 12). Re-test it, then update its date. [stale-claim]',
      'notes/lines/main.md:16:19: error: Claim 3 cites "missing", which does not match any note. Fix the slug or create the note. [unresolved-link]',
      'notes/lines/main.md:19:13: warning: arXiv:2504.13837 was submitted in 2025-04 (its id says so), but its date here is 2025-06. Check the id and the date. [arxiv-date-mismatch]',
      'notes/lines/main.md:21:14: error: arXiv:2701.00001 would be submitted in 2027-01, after the build date 2026-11-26. Check the id. [arxiv-future]',
      'quire: checked 7 files in N s: 2 errors, 2 warnings'.replace('N', io.err().match(/in (\d+\.\d+) s/)![1]!),
    ])
  })

  it('prints the research-health report, as text and as JSON', async () => {
    const root = await notesFolder(library)
    const io = recordingIO(root)
    await run(['check', '--report', '--build-date', '2026-11-26'], io)
    expect(io.out()).toContain('Stale claims: 1\n  lines/main claim 1 (2024-06): An *old* claim [29 months]')
    expect(io.out()).toContain('Claims with no supporting note: 1\n  lines/main claim 2 (~2026): A fresh claim with no support')
    expect(io.out()).toContain('Notes cited by no inquiry: 1\n  lonely')
    expect(io.out()).toContain('Inquiries with fewer than 3 sources: 2\n  lines/far (1)\n  lines/other (2)')
    expect(io.out()).toContain('Papers cited once: 1\n  arXiv:2701.00001 (lines/main)')
    const json = recordingIO(root)
    await run(['check', '--json', '--build-date', '2026-11-26', '--min-sources', '2'], json)
    const parsed = JSON.parse(json.out()) as { report: { thinInquiries: unknown[]; staleClaims: { ageMonths: number }[] }; diagnostics: unknown[] }
    expect(parsed.report.thinInquiries).toEqual([{ inquiry: 'lines/far', sources: 1 }])
    expect(parsed.report.staleClaims[0]!.ageMonths).toBe(29)
    expect(parsed.diagnostics).toHaveLength(4)
  })

  it('shows claims with support and re-test markers, papers, prompt.md and suggestions on the site', async () => {
    const fixed = {
      ...library,
      'lines/main.md': library['lines/main.md'].replace('[n2, missing]', '[n2]').replace('2701.00001', '2601.00001').replace('2027-01', '2026-01'),
    }
    const root = await notesFolder(fixed)
    expect(await run(['build', '--build-date', '2026-11-26'], recordingIO(root))).toBe(0)
    const site = path.join(root, 'site')
    const page = fromHtml(await readFile(path.join(site, 'lines/main/index.html'), 'utf8'))
    // Each claim once, in the formatted prompt, with what the page adds: its re-test marker and its supporting sources.
    const claims = selectAll('#prompt-text .claim', page)
    expect(claims.map((c) => toString(select('.claim-text', c)!))).toEqual([
      'An old claim (2024-06).',
      'A fresh claim with no support (~2026).',
      'A claim citing a missing note (2026-02).',
    ])
    expect(toString(select('.claim-text em', claims[0]!)!)).toBe('old')
    expect(toString(select('.stale-marker', claims[0]!)!)).toBe('Re-test: 29 months old, past the 12-month threshold.')
    expect(select('.stale-marker', claims[1]!)).toBeUndefined()
    expect(selectAll('.claim-support a', claims[0]!).map((a) => [toString(a), a.properties.href, a.properties.title])).toEqual([
      ['1', '#source.1', 'Does one hold?'],
    ])
    expect(toString(select('.claim-support', claims[2]!)!)).toBe('Source 2')
    expect(select('.claim-support', claims[1]!)).toBeUndefined()
    // The sources, numbered, each with the claims it supports (linked to them).
    const cards = selectAll('.sources .card', page)
    expect(cards.map((c) => [c.properties.id, toString(select('.card-title', c)!)])).toEqual([
      ['source.1', 'Does one hold?'],
      ['source.2', 'Does two hold?'],
      ['source.3', 'Does three hold?'],
    ])
    expect(toString(select('.card-meta', cards[0]!)!)).toBe('2024-03 · Supports claim 1')
    expect(select('.card-meta a', cards[0]!)!.properties.href).toBe('#claim.1')
    expect(toString(select('.card-meta', cards[2]!) ?? { type: 'root', children: [] })).not.toContain('Supports')
    // The closed prompt says what it holds, stale claims included.
    expect(toString(select('details.prompt > summary .prompt-contents', page)!)).toBe(': 3 dated claims (1 to re-test), 2 anchor papers, 1 task')

    // The prompt: its span comes from sources and claims; prompt.md holds the bytes the copy button copies.
    const markdown = String(select('#prompt-text', page)!.properties.dataMarkdown)
    expect(markdown).toContain('A curated library (spanning 2024–2026) found')
    expect(await readFile(path.join(site, 'lines/main/prompt.md'), 'utf8')).toBe(markdown)
    expect(select('a[download]', page)!.properties.href).toBe('prompt.md')

    // The note backing claim 3 shows it.
    const n2 = fromHtml(await readFile(path.join(site, 'n2/index.html'), 'utf8'))
    expect(toString(select('.backs .claim', n2)!)).toBe('A claim citing a missing note (2026-02)In Why main?')
    expect(select('.backs .claim a', n2)!.properties.href).toBe('../lines/main/#claim.3')

    // Papers page: every paper with what cites it.
    const papers = fromHtml(await readFile(path.join(site, 'papers/index.html'), 'utf8'))
    expect(selectAll('.card', papers).map((c) => toString(c))).toEqual([
      'arXiv:2504.13837 (2025-06)A paper with the wrong monthCited by Why main? (inquiry); Does two hold?',
      'arXiv:2601.00001 (2026-01)A paper from the futureCited by Why main? (inquiry)',
    ])

    // No next lines: related inquiries sharing sources are suggested, most shared first.
    const other = fromHtml(await readFile(path.join(site, 'lines/other/index.html'), 'utf8'))
    expect(toString(select('section.next', other)!)).toContain('Suggested instead')
    expect(selectAll('section.next .card-title', other).map((a) => a.properties.href)).toEqual(['../../lines/main/'])
    const main = selectAll('section.next .card-title', page).map((a) => a.properties.href)
    expect(main).toEqual(['../../lines/other/', '../../lines/far/'])
  })

  it('gives the inquiry page’s own parts ids no heading in the answer can take', async () => {
    const body = ['## Answer', '', '[[n1]] and [[n2]].', '', '## Sources', '', '## Claims', '', '## Papers cited', '', '## Source 1', ''].join('\n')
    const root = await notesFolder({
      'n1.md': note('Does one hold?', 'One holds.'),
      'n2.md': note('Does two hold?', 'Two holds.'),
      'lines/main.md': inquiry(
        'Why main?',
        body,
        '  claims:\n    - text: A claim\n      date: 2026-02\n      notes: [n2]\n  tasks: [One.]\n',
        'papers: ["2504.13837"]\n',
      ),
    })
    expect(await run(['build', '--build-date', '2026-11-26'], recordingIO(root))).toBe(0)
    const page = fromHtml(await readFile(path.join(root, 'site/lines/main/index.html'), 'utf8'))
    const ids = selectAll('[id]', page).map((element) => String(element.properties.id))
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([])
    for (const a of selectAll('.jump-bar a, .claim-support a, .card-meta a', page))
      expect(ids, String(a.properties.href)).toContain(String(a.properties.href).slice(1))
    expect(toString(select('#answer', page)!)).toBe('Answer')
    expect(selectAll('.prose h2', page).map((h) => h.properties.id)).toEqual(['answer-1', 'sources-1', 'claims-1', 'papers-cited-1', 'source-1'])
    // A paper beyond the prompt's anchors is listed once, on its own.
    expect(toString(select('section.papers-section', page)!)).toBe('Other papers citedarXiv:2504.13837')
  })
})
