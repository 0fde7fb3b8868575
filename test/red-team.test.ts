/**
 * Attacks on the promises of SECURITY.md, one `describe` per hole found:
 * each test is an attack that once got through, kept so it cannot again.
 */
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { run } from '../src/cli.js'
import { parseConfig } from '../src/load/config.js'
import { ignoreTest } from '../src/load/ignore.js'
import { fenceLanguage } from '../src/parse/front-matter.js'
import { parseBody } from '../src/parse/markdown.js'
import { searchableBody } from '../src/render/site-files/search-index.js'
import { normaliseBase } from '../src/render/url.js'
import { note, notesFolder, recordingIO } from './support/notes.js'

const bom = '\uFEFF'

describe('front matter behind byte-order marks', () => {
  it('is refused by its language however many marks come first, without crashing', async () => {
    // Reading the file drops one mark, quire drops a second, gray-matter a third: the fence test must see what gray-matter sees.
    expect(fenceLanguage(`${bom}---js\n`)).toBe('js')
    const root = await notesFolder({
      'ok.md': note('Fine', 'A note.', 'Text.'),
    })
    await writeFile(path.join(root, 'notes', 'marked.md'), `${bom.repeat(3)}---coffee\ntitle: x\n---\nBody.\n`)
    await writeFile(path.join(root, 'notes', 'script.md'), `${bom.repeat(3)}---js\n{ title: 'x' }\n---\nBody.\n`)
    const io = recordingIO(root)
    expect(await run(['check'], io)).toBe(1)
    expect(io.err()).not.toMatch(/internal error/)
    expect(io.err()).toMatch(/^notes\/marked\.md:1:4: error: .*\[front-matter-language\]$/m)
    expect(io.err()).toMatch(/^notes\/script\.md:1:4: error: .*\[front-matter-language\]$/m)
  })
})

describe('slot tokens made by math', () => {
  it('cannot fill a drafted body with another slot, or crash the build', async () => {
    // KaTeX writes `\char"1` as U+0001: this formula renders as the text of a slot's token.
    const forged = (n: number): string => `$\\text{\\char"1${[...String(n)].map((d) => `\\char"3${d}`).join('')}\\char"2}$`
    const root = await notesFolder({
      'a.md': note('A', 'A note.', `No links, and a token: ${forged(99)}.`),
      'b.md': note('B', 'B note.', `See [[a]] and ${forged(0)}.`),
    })
    const io = recordingIO(root)
    expect(await run(['build', '--no-cache'], io)).toBe(0)
    const b = await readFile(path.join(root, 'site', 'b', 'index.html'), 'utf8')
    // The link is there once, as the link; the formula keeps its text.
    expect(b.match(/class="internal"/g)).toHaveLength(1)
    expect(b).toContain('<mtext>\u00010\u0002</mtext>')
  })
})

describe('a base path that browsers would read as another site', () => {
  it('is refused in the config and kept a path on the command line', async () => {
    const config = parseConfig('base: "/\\\\evil.example/"\n', 'quire.config.yaml')
    expect(config.diagnostics.map((d) => d.code)).toEqual(['invalid-field'])
    expect(normaliseBase('/\\evil.example/')).toBe('/evil.example/')
    expect(normaliseBase('\\\\evil.example')).toBe('/evil.example/')
    const root = await notesFolder({ 'a.md': note('A', 'A.') })
    const io = recordingIO(root)
    expect(await run(['build', '--base', '/\\evil.example/', '--no-cache'], io)).toBe(0)
    const missing = await readFile(path.join(root, 'site', '404.html'), 'utf8')
    expect(missing).not.toMatch(/(href|src)="(\/\\|\/\/|\\)/)
  })
})

describe("an alias that names one of quire's own pages", () => {
  it('gets no redirect page over the page of notes not written yet', async () => {
    const root = await notesFolder({ 'a.md': note('A', 'A.', '[[nowhere]]\n', 'aliases: [Not written yet]\n') })
    const io = recordingIO(root)
    expect(await run(['build', '--no-cache'], io)).toBe(0)
    expect(io.err()).toMatch(/notes\/a\.md:\d+:\d+: warning: Alias "Not written yet" would redirect from not-written-yet\/.*\[alias-conflict\]/)
    expect(await readFile(path.join(root, 'site', 'not-written-yet', 'index.html'), 'utf8')).toMatch(/<title>Not written yet · /)
  })
})

describe('ignore patterns of the config', () => {
  it('refuses a pattern whose matching would backtrack for minutes on a long file name', () => {
    const stalling = parseConfig('ignore: ["*a*a*a*a*a*a*a*a*a*a*a*a*a*c"]\n', 'quire.config.yaml')
    expect(stalling.diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`)).toEqual(['1:10 invalid-field'])
    expect(stalling.config.ignore).toEqual([])
    const fine = parseConfig('ignore: ["*draft*", "private/**", "**/*.excalidraw.md", "!templates"]\n', 'quire.config.yaml')
    expect(fine.diagnostics).toEqual([])
    expect(parseConfig(`ignore: [${Array.from({ length: 201 }, (_, i) => `p${i}`).join(', ')}]\n`, 'quire.config.yaml').diagnostics).toHaveLength(1)
  })

  it('matches extglob syntax as plain characters, so it cannot nest quantifiers', () => {
    const ignored = ignoreTest(['+(a*)c'])
    const started = performance.now()
    expect(ignored(`${'a'.repeat(40)}.md`, false)).toBe(false)
    expect(performance.now() - started).toBeLessThan(100)
    expect(ignored('+(a*)c', false)).toBe(true)
  })
})

/** Milliseconds `work` takes. */
function timed(work: () => unknown): number {
  const started = performance.now()
  work()
  return performance.now() - started
}

/** `body` cut or padded with `x` to `length` characters. */
function padded(body: string, length: number): string {
  return body.length >= length ? body.slice(0, length) : body + 'x'.repeat(length - body.length)
}

describe('notes under the time-limit screen', () => {
  // Each of these is below every threshold of `needsTimeLimit`, so it is parsed on the main thread with no limit.
  it('find a trailing block id in time linear in the paragraph', () => {
    const spaces = `A caret ^ here.\n\na${' '.repeat(60_000)}b\n`
    expect(timed(() => parseBody(spaces, 1, 0, 'spaces.md'))).toBeLessThan(500)
    expect(parseBody('A claim. ^claim-1\n', 1, 0, 'claim.md').blockIds).toEqual(['^claim-1'])
    expect(parseBody('No space before^claim-1\n', 1, 0, 'claim.md').blockIds).toEqual([])
  })

  it('measure the nesting of raw HTML in one pass, however many tags are left open', () => {
    const open = `<div ${padded('<a '.repeat(1990), 63_000)}\n`
    const quoted = `<div ${padded(`<a '"`.repeat(1990), 63_000)}\n`
    for (const text of [open, quoted]) expect(timed(() => parseBody(text, 1, 0, 'html.md'))).toBeLessThan(500)
  })

  it('index a body for search in time linear in its length', () => {
    for (const unit of ['[a', '[[a', '<a', '<!--']) {
      const text = `\`\`\`\n${padded(unit.repeat(7900 / unit.length), 60_000)}\n\`\`\`\n](\n`
      expect(timed(() => searchableBody(text))).toBeLessThan(200)
    }
    expect(searchableBody('a <!-- x --> b [t](u) [[c|d]] <b class="q">e</b>')).toBe('a   b  t   d   e ')
  })
})
