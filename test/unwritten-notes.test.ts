/**
 * Links to notes not written yet: a note's such link builds (a warning),
 * its page shows a "not written yet" mark instead of a link, the site lists
 * those notes most cited first, and so does `quire check --report`.
 * `--strict` and the config's `strict: true` make the build fail again, and
 * `quire build` keeps a report of many warnings short.
 */
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Root } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { select, selectAll } from 'hast-util-select'
import { toString } from 'hast-util-to-string'
import { describe, expect, it } from 'vitest'
import { run } from '../src/cli.js'
import { contentsOf, renderSite } from '../src/render/render-site.js'
import { analyseSite } from '../src/build/site-build.js'
import { note, notesFolder, recordingIO } from './support/notes.js'
import { shippedFiles } from '../src/load/shipped-files.js'

const inquiry = (title: string, body: string) => note(title, `About ${title}`, body, 'type: inquiry\n')

async function build(root: string, ...args: string[]) {
  const io = recordingIO(root)
  const code = await run(['build', 'notes', '--out', 'site', ...args], io)
  return { code, err: io.err() }
}

async function page(root: string, file: string): Promise<Root> {
  return fromHtml(await readFile(path.join(root, 'site', file), 'utf8'))
}

/** A small garden: three notes link to notes nobody wrote, some more than once. */
const garden = {
  'alpha.md': note(
    'Alpha?',
    'One.',
    'Links to [[Someday Note]] and [[someday note#Part|a part of it]], and [[beta]].\n\n## About [[Later]] and arXiv:2401.00001\n\nAlso [by path](./by-path.md) and ![[Embedded Later]].\n',
  ),
  'beta.md': note('Beta?', 'Two.', 'Again [[Someday Note]] and [[Later]].\n'),
  'gamma.md': note('Gamma?', 'Three.', 'Once more [[Someday Note]].\n'),
}

describe('a note linking to a note not written yet', () => {
  it('builds with exit 0 and an unresolved-link warning at the link', async () => {
    const root = await notesFolder(garden)
    const { code, err } = await build(root)
    expect(code).toBe(0)
    expect(err).toContain(
      'notes/alpha.md:5:10: warning: Link [[Someday Note]] does not match any note or inquiry (by slug, file name, title or alias); it is shown as a note not written yet. Write the note or fix the name. [unresolved-link]',
    )
    expect(err).toMatch(/\(0 errors, 8 warnings\)/)
  })

  it('shows a "not written yet" mark, not a link to a missing page', async () => {
    const root = await notesFolder(garden)
    expect((await build(root)).code).toBe(0)
    const alpha = await page(root, 'alpha/index.html')
    const marks = selectAll('.prose .unwritten', alpha)
    expect(marks.map((mark) => toString(mark))).toEqual([
      'Someday Note (not written yet)',
      'a part of it (not written yet)',
      'Later (not written yet)',
      'by path (not written yet)',
      'Embedded Later (not written yet)',
    ])
    for (const mark of marks) {
      expect(mark.tagName).toBe('span')
      expect(mark.properties['title']).toBe('Not written yet')
      expect(toString(select('.unwritten-hint', mark)!)).toBe(' (not written yet)')
    }
    // Only the note that exists is linked; nothing leads to a page that is not there.
    const hrefs = selectAll('.prose a', alpha).map((a) => String(a.properties['href']))
    expect(hrefs.filter((href) => !href.startsWith('#') && !href.startsWith('https:'))).toEqual(['../beta/'])
    // A mark in a heading: the heading's id and its anchor's label are its visible text, and the arXiv id in the mark's
    // heading outside the mark is still linked.
    const heading = select('.prose h2', alpha)!
    expect(heading.properties['id']).toBe('about-later-and-arxiv240100001')
    expect(toString(select('.heading-anchor .visually-hidden', alpha)!)).toBe('Link to the section “About Later and arXiv:2401.00001”')
    expect(select('.prose h2 a[href^="https://arxiv.org/"]', alpha)).toBeDefined()
  })

  it('drafts a mark to the same bytes as a body rendered whole', async () => {
    const root = await notesFolder({
      'a.md': note('A?', 'One.', 'See [[Nowhere Yet]], [[nowhere yet|labelled]] and [x](gone.md) and [[b]].\n\n## A [[Nowhere Yet|mark]] in a heading\n'),
      'b.md': note('B?', 'Two.', 'Back to [[a]].\n'),
    })
    const files = async (draftBodies: boolean) => {
      const analysed = await analyseSite(path.join(root, 'notes'), { cwd: root, draftBodies })
      const rendered = await renderSite(analysed.graph, analysed.site, shippedFiles, undefined, undefined, undefined, analysed.drafts)
      return {
        drafted: analysed.drafts.get(analysed.graph.documents.get('a' as never)!.file.path) !== undefined,
        files: Object.fromEntries(rendered.files.map((file) => [file.path, 'copyFrom' in file ? '' : contentsOf(file)])),
      }
    }
    const drafted = await files(true)
    const whole = await files(false)
    expect(drafted.drafted).toBe(true)
    expect(drafted.files).toEqual(whole.files)
    expect(whole.files['a/index.html']).toContain(
      '<h2 id="a-mark-in-a-heading">A <span class="unwritten" title="Not written yet">mark<span class="unwritten-hint"> (not written yet)</span></span> in a heading</h2>',
    )
  })
})

describe('the notes not written yet, ranked', () => {
  it('get a page, most cited first, each with the notes that cite it', async () => {
    const root = await notesFolder(garden)
    expect((await build(root)).code).toBe(0)
    const list = await page(root, 'not-written-yet/index.html')
    const entries = selectAll('.unwritten-list > li', list)
    expect(entries.map((entry) => toString(select('.unwritten-name', entry)!))).toEqual(['Someday Note', 'Later', 'by-path', 'Embedded Later'])
    expect(entries.map((entry) => toString(select('.count', entry)!))).toEqual(['cited by 3', 'cited by 2', 'cited by 1', 'cited by 1'])
    expect(selectAll('a', entries[0]!).map((a) => [a.properties['href'], toString(a)])).toEqual([
      ['../alpha/', 'Alpha?'],
      ['../beta/', 'Beta?'],
      ['../gamma/', 'Gamma?'],
    ])
    expect(entries[0]!.properties['id']).toBe('unwritten-someday-note')
    // The home page says where they are listed.
    const home = await page(root, 'index.html')
    const link = select('.unwritten-summary a', home)!
    expect(link.properties['href']).toBe('not-written-yet/')
    expect(toString(select('.unwritten-summary', home)!)).toBe('4 notes are linked but not written yet.')
  })

  it('names at most 10 citing notes per entry, then says how many more', async () => {
    const files: Record<string, string> = {}
    for (let i = 1; i <= 13; i++) files[`n${String(i).padStart(2, '0')}.md`] = note(`Note ${i}?`, 'Text.', 'Links to [[Popular Gap]].\n')
    const root = await notesFolder(files)
    expect((await build(root)).code).toBe(0)
    const entry = select('.unwritten-list > li', await page(root, 'not-written-yet/index.html'))!
    expect(selectAll('a', entry)).toHaveLength(10)
    expect(toString(select('.card-summary', entry)!)).toMatch(/; and 3 more\.$/)
    expect(toString(select('.count', entry)!)).toBe('cited by 13')
  })

  it('is not made when every link leads somewhere', async () => {
    const root = await notesFolder({ 'a.md': note('A?', 'One.', '[[b]]\n'), 'b.md': note('B?', 'Two.', '[[a]]\n') })
    expect((await build(root)).code).toBe(0)
    expect(existsSync(path.join(root, 'site', 'not-written-yet'))).toBe(false)
    expect(select('.unwritten-summary', await page(root, 'index.html'))).toBeUndefined()
  })

  it('are listed the same way by quire check --report, and in --json', async () => {
    const root = await notesFolder(garden)
    const io = recordingIO(root)
    expect(await run(['check', 'notes', '--report'], io)).toBe(0)
    expect(io.out()).toContain(
      [
        'Notes not written yet, most cited first: 4',
        '  Someday Note: cited by 3 (alpha, beta, gamma)',
        '  Later: cited by 2 (alpha, beta)',
        '  by-path: cited by 1 (alpha)',
        '  Embedded Later: cited by 1 (alpha)',
      ].join('\n'),
    )
    const json = recordingIO(root)
    expect(await run(['check', 'notes', '--json'], json)).toBe(0)
    const parsed = JSON.parse(json.out()) as {
      counts: { errors: number; warnings: number; hints: number }
      diagnostics: { code: string; severity: string; line: number }[]
      report: { unwrittenNotes: { name: string; key: string; citedBy: string[]; links: number }[] }
    }
    expect(parsed.counts).toEqual({ errors: 0, warnings: 8, hints: 0 })
    expect(parsed.diagnostics.filter((d) => d.code === 'unresolved-link' && d.severity === 'warning')).toHaveLength(8)
    expect(parsed.report.unwrittenNotes[0]).toEqual({ name: 'Someday Note', key: 'someday-note', citedBy: ['alpha', 'beta', 'gamma'], links: 4 })
  })

  it('--report names at most 5 citing notes per entry', async () => {
    const files: Record<string, string> = {}
    for (let i = 1; i <= 7; i++) files[`n${i}.md`] = note(`Note ${i}?`, 'Text.', 'Links to [[Gap]].\n')
    const io = recordingIO(await notesFolder(files))
    await run(['check', 'notes', '--report'], io)
    expect(io.out()).toContain('  Gap: cited by 7 (n1, n2, n3, n4, n5 and 2 more)\n')
  })
})

describe('what stays an error', () => {
  it("an inquiry's link to a missing note: its sources would cite nothing", async () => {
    const root = await notesFolder({ 'a.md': note('A?', 'One.'), 'q.md': inquiry('Q?', 'Answered by [[a]] and [[Unwritten Source]].\n') })
    const { code, err } = await build(root)
    expect(code).toBe(1)
    expect(err).toContain(
      "notes/q.md:6:23: error: Link [[Unwritten Source]] does not match any note or inquiry (by slug, file name, title or alias). An inquiry's links are its sources, so each must be a published note: write the note, fix the name, or remove the link. [unresolved-link]",
    )
  })

  it('a missing file, and the address of the page of notes not written yet', async () => {
    const root = await notesFolder({ 'a.md': note('A?', 'One.', '![[figure.png]]\n'), 'not-written-yet.md': note('Taken?', 'Two.') })
    const { code, err } = await build(root)
    expect(code).toBe(1)
    expect(err).toContain('[missing-attachment]')
    expect(err).toContain('notes/not-written-yet.md:1:1: error: The slug `not-written-yet` is reserved for the page of notes not written yet.')
  })
})

describe('--strict and strict: true', () => {
  it('--strict fails the build on a link to a note not written yet, and writes nothing', async () => {
    const root = await notesFolder(garden)
    const { code, err } = await build(root, '--strict')
    expect(code).toBe(1)
    expect(err).toContain('quire: 0 errors, 8 warnings (--strict makes warnings fail the build); site/ was not changed')
    expect(existsSync(path.join(root, 'site'))).toBe(false)
  })

  it('strict: true in the config does the same for build and check', async () => {
    const root = await notesFolder({ ...garden, 'quire.config.yaml': 'title: Strict garden\nstrict: true\n' })
    const { code, err } = await build(root)
    expect(code).toBe(1)
    expect(err).toContain("(the config's `strict: true` makes warnings fail the build)")
    expect(await run(['check', 'notes'], recordingIO(root))).toBe(1)
  })

  it('strict: false, or no key, builds', async () => {
    const root = await notesFolder({ ...garden, 'quire.config.yaml': 'title: Lenient garden\nstrict: false\n' })
    expect((await build(root)).code).toBe(0)
    expect(await run(['check', 'notes'], recordingIO(root))).toBe(0)
  })

  it('a strict that is not true or false is an invalid-field error', async () => {
    const root = await notesFolder({ ...garden, 'quire.config.yaml': 'strict: sometimes\n' })
    const io = recordingIO(root)
    expect(await run(['check', 'notes'], io)).toBe(1)
    expect(io.err()).toMatch(/notes\/quire\.config\.yaml:1:9: error: `strict`: expected true or false.* \[invalid-field\]/)
  })
})

describe('a readable report at any size', () => {
  const fifty = (): Record<string, string> => {
    const body = Array.from({ length: 50 }, (_, i) => `Gap [[Missing ${i + 1}]].`).join('\n\n')
    return { 'many.md': note('Many?', 'Links.', body + '\n'), 'other.md': note('Other?', 'Two.', 'Self [[other]].\n') }
  }

  it('quire build prints a few examples of each kind of warning and the command that lists them all', async () => {
    const root = await notesFolder(fifty())
    const { code, err } = await build(root)
    expect(code).toBe(0)
    const lines = err.trimEnd().split('\n')
    expect(lines.filter((line) => line.endsWith('[unresolved-link]'))).toEqual([
      'notes/many.md:5:5: warning: Link [[Missing 1]] does not match any note or inquiry (by slug, file name, title or alias); it is shown as a note not written yet. Write the note or fix the name. [unresolved-link]',
      'notes/many.md:7:5: warning: Link [[Missing 2]] does not match any note or inquiry (by slug, file name, title or alias); it is shown as a note not written yet. Write the note or fix the name. [unresolved-link]',
      'notes/many.md:9:5: warning: Link [[Missing 3]] does not match any note or inquiry (by slug, file name, title or alias); it is shown as a note not written yet. Write the note or fix the name. [unresolved-link]',
    ])
    // A kind with few warnings is printed whole.
    expect(lines.filter((line) => line.endsWith('[self-link]'))).toHaveLength(1)
    expect(lines).toContain('quire: 47 more unresolved-link warnings (50 in all); `quire check notes` lists every one')
    expect(lines.at(-1)).toMatch(/^quire: built \d+ pages from 2 files into site\/ in [\d.]+ s \(0 errors, 51 warnings\)$/)
    expect(lines).toHaveLength(6)
  })

  it('prints every error in full, however many', async () => {
    const files = fifty()
    files['q.md'] = inquiry('Q?', Array.from({ length: 5 }, (_, i) => `[[Source ${i + 1}]]`).join('\n\n') + '\n')
    const { code, err } = await build(await notesFolder(files))
    expect(code).toBe(1)
    expect(err.split('\n').filter((line) => line.includes(': error: ') && line.endsWith('[unresolved-link]'))).toHaveLength(5)
    expect(err).toContain('quire: 47 more unresolved-link warnings (50 in all)')
  })

  it('quire check prints all 50', async () => {
    const root = await notesFolder(fifty())
    const io = recordingIO(root)
    expect(await run(['check', 'notes'], io)).toBe(0)
    expect(
      io
        .err()
        .split('\n')
        .filter((line) => line.endsWith('[unresolved-link]')),
    ).toHaveLength(50)
    expect(io.err()).not.toContain('more unresolved-link')
  })

  it('quotes a notes folder with spaces in the command it suggests', async () => {
    const files: Record<string, string> = {}
    for (const [name, text] of Object.entries(fifty())) files[`../my notes/${name}`] = text
    const root = await notesFolder(files)
    const io = recordingIO(root)
    expect(await run(['build', 'my notes', '--out', 'site'], io)).toBe(0)
    expect(io.err()).toContain("`quire check 'my notes'` lists every one")
  })
})
