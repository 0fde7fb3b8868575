/**
 * Hostile and unusual input: quire never crashes, reports a position for
 * every problem, and publishes no script it did not write itself.
 */
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import type { Element, Root } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { selectAll } from 'hast-util-select'
import { describe, expect, it } from 'vitest'
import { run } from '../src/cli.js'
import { emitSite, lockText } from '../src/emit/emit-site.js'
import { contentsOf } from '../src/render/render-site.js'
import { buildSite } from '../src/build/pipeline.js'
import { note, notesFolder, recordingIO } from './support/notes.js'

const hostile = [
  '<script>alert(1)</script>',
  '</script><script>alert(2)</script>',
  '<img src=x onerror=alert(3)>',
  '[click](javascript:alert(4))',
  '[click](JaVaScRiPt:alert(5))',
  '<a href="data:text/html,<script>alert(6)</script>">x</a>',
  '<iframe src="https://example.com"></iframe>',
  '<svg onload=alert(7)>',
  '<div style="background:url(javascript:alert(8))">x</div>',
  '<a href=" javascript:alert(9)">x</a>',
  '"><script>alert(10)</script>',
  '{{ title }}',
  '[[',
  ']]',
  '[[a|]]',
  '[[|b]]',
  '---',
  '`[[a]]`',
  '$x$',
  '\u0000',
  '\u202e',
  '👩‍🔬',
  '\r\n',
]

/** The scripts quire itself ships (templates/assets/). */
const ownScript = /^(\.\.\/)*(\/)?assets\/(quire|search|preview|theme|graph)\.js$/

/** Every unsafe thing a page could carry; quire's own scripts are the only scripts allowed. */
function unsafeParts(tree: Root): string[] {
  const found: string[] = []
  for (const element of selectAll('*', tree) as Element[]) {
    if (element.tagName === 'script' && !ownScript.test(String(element.properties.src ?? ''))) found.push(`script ${JSON.stringify(element.properties)}`)
    if (['iframe', 'object', 'embed'].includes(element.tagName)) found.push(element.tagName)
    for (const [key, value] of Object.entries(element.properties)) {
      if (/^on/i.test(key)) found.push(`${element.tagName}.${key}`)
      if (['href', 'src', 'action', 'formAction'].includes(key) && /^\s*(javascript|data|vbscript):/i.test(String(value)))
        found.push(`${element.tagName}.${key}=${String(value)}`)
      if (key === 'style') found.push(`${element.tagName}.style`)
    }
  }
  return found
}

const text = fc.oneof(
  fc.constantFrom(...hostile),
  fc.string({ maxLength: 20 }),
  fc.constantFrom('Does RL help?', 'A summary.', '#', '* item', '> quote', '```', '\n\n'),
)
const body = fc.array(text, { maxLength: 12 }).map((parts) => parts.join(' '))
const frontValue = fc.oneof(text, fc.constantFrom('42', '[a, b]', '{x: 1}', '~', 'null', '2025-02-30', '"quoted"', "'single'", '|', '>'))

describe('hostile input', () => {
  it('never crashes, positions every problem, and publishes no foreign script', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(frontValue, frontValue, body, fc.boolean()), { minLength: 1, maxLength: 4 }), async (docs) => {
        const root = await mkdtemp(path.join(tmpdir(), 'quire-hostile-'))
        const notes = path.join(root, 'notes')
        await mkdir(notes)
        await Promise.all(
          docs.map(([title, summary, markdown, inquiry], i) =>
            writeFile(path.join(notes, `n${i}.md`), `---\n${inquiry ? 'type: inquiry\n' : ''}title: ${title}\nsummary: ${summary}\n---\n${markdown}\n[[n0]]\n`),
          ),
        )
        try {
          const built = await buildSite(notes, { cwd: root })
          for (const d of built.diagnostics) {
            expect(d.line).toBeGreaterThanOrEqual(1)
            expect(d.column).toBeGreaterThanOrEqual(1)
            expect(d.file).toMatch(/^notes\/n\d\.md$/)
          }
          for (const file of built.files ?? []) {
            if (file.path.endsWith('.html')) expect(unsafeParts(fromHtml(contentsOf(file)))).toEqual([])
            if (file.path.endsWith('.json')) expect(contentsOf(file)).not.toContain('<')
          }
        } finally {
          await rm(root, { recursive: true, force: true })
        }
      }),
      { numRuns: 60 },
    )
  })

  it('escapes titles and summaries everywhere and drops script URLs', async () => {
    const title = '</title><script>alert(1)</script>'
    const root = await notesFolder({
      'a.md': note(title, '"><img src=x onerror=alert(2)>', '[x](javascript:alert(3)) [y](data:text/html,hi) <a href="vbscript:x">z</a> [[b]]'),
      'b.md': note('B', 'B.', '[[a]]'),
    })
    expect(await run(['build'], recordingIO(root))).toBe(0)
    for (const page of ['a/index.html', 'b/index.html', 'index.html']) {
      const html = await readFile(path.join(root, 'site', page), 'utf8')
      expect(unsafeParts(fromHtml(html))).toEqual([])
      // Outside quoted attribute values (where `<` is plain text), no markup from the title survives.
      expect(html.replace(/"[^"]*"/g, '""')).not.toContain('<script>alert')
      expect(html).toContain('content="default-src &#x27;self&#x27;; script-src &#x27;self&#x27;')
    }
    const graph = await readFile(path.join(root, 'site', 'graph.json'), 'utf8')
    expect(JSON.parse(graph).nodes[0].title).toBe(title)
    expect(graph).not.toContain('</script>')
  })
})

describe('unusual files', () => {
  it('follows symlinks inside the notes folder only, and survives a symlink loop', async () => {
    const root = await notesFolder({ 'a.md': note('A', 'A.'), 'real/b.md': note('B', 'B.') })
    await mkdir(path.join(root, 'outside'))
    await writeFile(path.join(root, 'outside', 'secret.md'), note('Secret', 'Must not be published.'))
    await symlink(path.join(root, 'outside'), path.join(root, 'notes', 'linked-outside'))
    await symlink(path.join(root, 'outside', 'secret.md'), path.join(root, 'notes', 'secret.md'))
    await symlink(path.join(root, 'notes'), path.join(root, 'notes', 'real', 'loop'))
    await symlink(path.join(root, 'notes', 'real'), path.join(root, 'notes', 'alias'))
    const built = await buildSite(path.join(root, 'notes'), { cwd: root })
    expect(built.diagnostics).toEqual([])
    expect([...built.graph.documents.keys()]).toEqual(['a', 'real/b'])
  })

  it('normalises file names with spaces, unicode and upper case predictably', async () => {
    const root = await notesFolder({
      'Reading List/Does RL Help?.md': note('One', '1.'),
      'Café Notes.md': note('Two', '2.', '[[Does RL Help?]] and [[reading-list/does-rl-help]]'),
      'ÜBER.md': note('Three', '3.'),
    })
    const built = await buildSite(path.join(root, 'notes'), { cwd: root })
    expect(built.diagnostics).toEqual([])
    expect([...built.graph.documents.keys()]).toEqual(['café-notes', 'reading-list/does-rl-help', 'über'])
    expect(built.files?.map((f) => f.path)).toContain('café-notes/index.html')
  })

  it('reports binary files and impossible dates, and builds a 5 MB note', async () => {
    // A 5 MB note of long prose paragraphs (a transcript, say). Markup-dense text is much slower to parse: see the benchmark.
    const big = Array.from(
      { length: 1000 },
      (_, i) => `Paragraph ${i} with a [[small]] link. ` + 'Plain words that go on for a while in a long paragraph of a long note. '.repeat(70) + '\n\n',
    ).join('')
    expect(big.length).toBeGreaterThan(5_000_000)
    const root = await notesFolder({ 'big.md': note('Big', 'Big.', big), 'small.md': note('Small', 'Small.') })
    const notes = path.join(root, 'notes')
    const built = await buildSite(notes, { cwd: root })
    expect(built.diagnostics).toEqual([])
    expect(contentsOf(built.files!.find((f) => f.path === 'big/index.html')!).length).toBeGreaterThan(big.length)

    await writeFile(path.join(notes, 'image.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]))
    await writeFile(path.join(notes, 'nul.md'), 'valid UTF-8 with a \u0000 NUL byte')
    await writeFile(path.join(notes, 'date.md'), note('D', 'D.', '', 'date: 2025-02-30\n'))
    const io = recordingIO(root)
    // Nothing here would publish something wrong: the binary files are left out and the note is published undated.
    expect(await run(['check'], io)).toBe(0)
    expect(io.err()).toContain(
      'notes/date.md:4:7: warning: `date`: "2025-02-30" is not a real day of that month; the note is published without it. Correct the day to date the note. [unreadable-date]',
    )
    expect(io.err()).toContain('notes/image.md:1:1: hint: This file is named .md but is binary (it contains NUL bytes), so quire leaves it out.')
    expect(io.err()).toContain('notes/nul.md:1:1: hint: This file is named .md but is binary (it contains NUL bytes), so quire leaves it out.')
  })
})

describe('failures while writing', () => {
  it('keeps the previous site when a write fails midway, and says what failed', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'quire-emit-'))
    const out = path.join(root, 'site')
    expect(await emitSite(out, [{ path: 'index.html', contents: 'old' }])).toEqual({ ok: true, written: 1 })
    // `x` is written as a file and also needed as a folder: the second write fails.
    const result = await emitSite(out, [
      { path: 'index.html', contents: 'new' },
      { path: 'x/index.html', contents: 'page' },
      { path: 'x', contents: 'conflict' },
    ])
    expect(result.ok).toBe(false)
    expect(result.ok === false && result.message).toMatch(/^could not write the site to .*site: E\w+ on .*\. The previous site was left as it was\.$/)
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).toBe('old')
    expect((await readdir(root)).sort()).toEqual(['site'])
  })

  it('lets only one build write a site at a time', async () => {
    const root = await notesFolder({ 'a.md': note('A', 'A.') })
    // Another live build (our parent, as the lock names it: its id and, where known, its start time) holds the lock.
    await writeFile(path.join(root, '.site.quire-lock'), lockText({ pid: process.ppid, started: startTime(process.ppid) }))
    const io = recordingIO(root)
    expect(await run(['build'], io)).toBe(1)
    expect(io.err()).toMatch(/another quire build \(process \d+\) is writing this site/)
    // A lock left by a process that is gone is taken over.
    await writeFile(path.join(root, '.site.quire-lock'), '999999999')
    expect(await run(['build'], recordingIO(root))).toBe(0)
    // Two builds at once in one process: both finish, one after the other, and the site is whole.
    const codes = await Promise.all([run(['build'], recordingIO(root)), run(['build'], recordingIO(root))])
    expect(codes.every((code) => code === 0 || code === 1)).toBe(true)
    expect(await readFile(path.join(root, 'site', 'a', 'index.html'), 'utf8')).toContain('<h1>A</h1>')
    expect((await readdir(root)).filter((name) => name !== '.quire-cache').sort()).toEqual(['notes', 'site'])
  })
})

/** A process's start time as Linux gives it (field 22 of /proc/<pid>/stat); undefined elsewhere. */
function startTime(pid: number): string | undefined {
  if (!existsSync(`/proc/${pid}/stat`)) return undefined
  return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ').at(-1)!.split(' ')[19]
}
