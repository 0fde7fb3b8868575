/**
 * One diagnostic, one line: control characters in file names and in the
 * note text a message quotes are shown escaped, so they can neither split
 * a diagnostic nor forge another line (a CI annotation, a terminal escape).
 */
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { run } from '../src/cli.js'
import { controlFreeJson, formatReport, type ResearchReport } from '../src/check/report.js'
import { formatDiagnostic, oneLine } from '../src/diagnostics.js'
import { note, notesFolder, recordingIO } from './support/notes.js'

/** `path:line:column: severity: message [code]` with nothing after the code. */
const diagnosticLine = /^\S.*:\d+:\d+: (error|warning|hint): .* \[[a-z-]+\]$/

describe('oneLine', () => {
  it('escapes C0, DEL, C1 and the line and paragraph separators, and nothing else', () => {
    expect(oneLine('a\nb\rc\td')).toBe('a\\nb\\rc\\td')
    expect(oneLine('\u0000\u001b[31m\u007f\u0085\u009b\u2028\u2029')).toBe('\\u{0}\\u{1b}[31m\\u{7f}\\u{85}\\u{9b}\\u{2028}\\u{2029}')
    const plain = 'notes/ünïcode — “quoted” 数学 🙂 C:\\notes\\a.md'
    expect(oneLine(plain)).toBe(plain)
    const breaking: number[] = []
    for (let code = 0; code < 0x3000; code++) {
      const shown = oneLine(`x${String.fromCharCode(code)}y`)
      if (/[\n\r\u2028\u2029\u0085]/.test(shown) || oneLine(shown) !== shown) breaking.push(code)
    }
    expect(breaking).toEqual([])
  })

  it('keeps a diagnostic on one line even when its file and message hold control characters', () => {
    const line = formatDiagnostic({
      file: 'notes/a\nb.md',
      line: 1,
      column: 1,
      severity: 'error',
      code: 'missing-field',
      message: 'quotes "x\n::error file=forged.md::y"',
    })
    expect(line).toBe('notes/a\\nb.md:1:1: error: quotes "x\\n::error file=forged.md::y" [missing-field]')
  })
})

describe('quire check with control characters in names and notes', () => {
  it('prints each diagnostic on exactly one line, with the escape shown', async () => {
    const root = await notesFolder({
      'plain.md': note('Plain', 'A plain note.', 'Links to [[plain]].\n'),
      // A `next` entry that names no inquiry is quoted as written in the message.
      'inquiries/question.md': '---\ntype: inquiry\ntitle: "A question"\nsummary: "What?"\nnext: ["some\\nthing\\u001b[2J\\u2028else"]\n---\nBody.\n',
    })
    // Linux allows a newline in a file name: one that also looks like a GitHub annotation.
    await writeFile(path.join(root, 'notes', 'bad\n::error file=forged.md::name.md'), note('Bad name', 'Its name has a newline.', 'See [[nothing-here]].\n'))
    await mkdir(path.join(root, 'notes', 'tab\tfolder'))
    await writeFile(path.join(root, 'notes', 'tab\tfolder', 'untitled\u0085.md'), 'No front matter at all.\n')

    const io = recordingIO(root)
    expect(await run(['check', 'notes'], io)).toBe(1)
    const lines = io.err().split('\n')
    expect(lines.pop()).toBe('')
    const summary = lines.pop()!
    // The error is the `next` entry; the link to a note not written yet is a warning.
    expect(summary).toMatch(/^quire: checked 4 files in [\d.]+ s: 1 error, \d+ warnings?, \d+ hints?$/)
    for (const line of lines) expect(line).toMatch(diagnosticLine)
    expect(lines.some((line) => line.startsWith('::error'))).toBe(false)
    expect(lines).toContainEqual(expect.stringMatching(/^notes\/bad\\n::error file=forged\.md::name\.md:\d+:\d+: warning: Link \[\[nothing-here\]\]/))
    expect(lines).toContainEqual(
      expect.stringMatching(/^notes\/inquiries\/question\.md:\d+:\d+: error: `next` names "some\\nthing\\u\{1b\}\[2J\\u\{2028\}else"/),
    )
    expect(lines).toContainEqual(expect.stringMatching(/^notes\/tab\\tfolder\/untitled\\u\{85\}\.md:1:1: hint: .*\("untitled\\u\{85\}"\)/))
    // Nothing unescaped anywhere in what was printed.
    expect(io.err()).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/)
  })

  it('keeps --json the same JSON, with every control character escaped', async () => {
    const root = await notesFolder({
      'inquiries/question.md': '---\ntype: inquiry\ntitle: "A question"\nsummary: "What?"\nnext: ["a\\u0085b\\u2028c\\u007fd\\ne"]\n---\nBody.\n',
    })
    const io = recordingIO(root)
    expect(await run(['check', 'notes', '--json'], io)).toBe(1)
    expect(io.out()).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/)
    const parsed = JSON.parse(io.out()) as { diagnostics: { message: string }[] }
    expect(parsed.diagnostics.map((d) => d.message)).toContainEqual(expect.stringContaining('"a\u0085b\u2028c\u007fd\ne"'))
  })

  it('escapes control characters in JSON without changing the value', () => {
    const value = { text: 'a\u007f\u0080\u009f\u2028\u2029\n\u0000z', list: ['\u2029'] }
    const json = controlFreeJson(value)
    expect(json).toContain('a\\u007f\\u0080\\u009f\\u2028\\u2029\\n\\u0000z')
    expect(JSON.parse(json)).toEqual(value)
  })

  it('keeps each item of the research report on one line', () => {
    const report: ResearchReport = {
      buildDate: '2025-01-01',
      staleAfterMonths: 12,
      minSources: 3,
      staleClaims: [],
      unsupportedClaims: [{ inquiry: 'question', claim: 1, text: 'Claimed\nquire: forged line', date: '2024-01' }],
      uncitedNotes: ['plain'],
      thinInquiries: [],
      papersCitedOnce: [],
      unwrittenNotes: [],
    }
    expect(formatReport(report)).toContain('  question claim 1 (2024-01): Claimed\\nquire: forged line\n')
    expect(formatReport(report).split('\n')).not.toContain('quire: forged line')
  })
})

describe('command-line messages', () => {
  it('escapes control characters in the arguments a usage error quotes', async () => {
    const io = recordingIO(process.cwd())
    expect(await run(['check', 'no\nsuch\u001b[2Jfolder'], io)).toBe(2)
    expect(io.err()).toBe(
      'quire: check: the notes folder "no\\nsuch\\u{1b}[2Jfolder" does not exist. Pass the folder that holds your .md files, such as `quire check notes`.\n',
    )
  })
})
