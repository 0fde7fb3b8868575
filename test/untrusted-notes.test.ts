/**
 * Notes are untrusted input: front matter in another language runs
 * nothing, and a note that would take minutes to parse, or nests too deep
 * to render, becomes an error naming it, on every path (check, build, the
 * worker threads of a large library, `quire dev`).
 */
import { execFile, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { run } from '../src/cli.js'
import { fenceLanguage } from '../src/parse/front-matter.js'
import { note, notesFolder, recordingIO } from './support/notes.js'

const bin = path.resolve('dist/src/bin.js')

/** Run the compiled CLI (worker threads exist only there); resolves with its exit code and output. */
async function quire(args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<{ code: number; stderr: string; seconds: number }> {
  const started = performance.now()
  const result = await promisify(execFile)(process.execPath, [bin, ...args], { cwd, env, maxBuffer: 64 << 20 }).then(
    ({ stderr }) => ({ code: 0, stderr }),
    (problem: { code: number; stderr: string }) => ({ code: problem.code, stderr: problem.stderr }),
  )
  return { ...result, seconds: (performance.now() - started) / 1000 }
}

/** Front matter that, if evaluated as JavaScript, writes `marker`. */
function evaluatedNote(fence: string, marker: string): string {
  return `${fence}\n{ title: require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'ran'), summary: 'x' }\n---\nBody.\n`
}

describe('front matter is YAML only', () => {
  it('reads the language after the opening fence as gray-matter would', () => {
    expect(fenceLanguage('---\ntitle: a\n---\n')).toBeUndefined()
    expect(fenceLanguage('---  \r\ntitle: a\n---\n')).toBeUndefined()
    expect(fenceLanguage('----\n')).toBeUndefined()
    expect(fenceLanguage('# Title\n')).toBeUndefined()
    for (const [text, language] of [
      ['---js\n', 'js'],
      ['--- javascript\n', 'javascript'],
      ['---JS\r\n', 'JS'],
      ['---toml', 'toml'],
      ['---coffee\n', 'coffee'],
    ]) {
      expect(fenceLanguage(text!)).toBe(language)
    }
  })

  it('runs nothing from `---js` front matter on check and build, and names the file and line', async () => {
    const root = await notesFolder({})
    const fences = ['---js', '---javascript', '--- js', '---JS', '---Javascript ']
    for (const [i, fence] of fences.entries()) {
      await mkdir(path.join(root, 'notes'), { recursive: true })
      await writeFile(path.join(root, 'notes', `evil-${i}.md`), evaluatedNote(fence, path.join(root, `ran-${i}`)))
    }
    await writeFile(path.join(root, 'notes', 'other.md'), '---toml\ntitle = "a"\n---\nText.\n')
    await writeFile(path.join(root, 'notes', 'coffee.md'), '---coffee\ntitle: "a"\n---\nText.\n')
    await writeFile(path.join(root, 'notes', 'json.md'), '---json\n{ "title": \n---\nText.\n')
    for (const command of [['check'], ['build', '--no-cache']]) {
      const io = recordingIO(root)
      expect(await run(command, io)).toBe(1)
      const lines = io
        .err()
        .split('\n')
        .filter((line) => line.includes('[front-matter-language]'))
      expect(lines).toHaveLength(fences.length + 3)
      for (const line of lines) expect(line).toMatch(/^notes\/[a-z0-9-]+\.md:1:4: error: /)
      expect(io.err()).not.toMatch(/internal error|at .*\.js:\d+/)
    }
    for (let i = 0; i < fences.length; i++) expect(existsSync(path.join(root, `ran-${i}`))).toBe(false)
  })

  it('runs nothing when quire import reads the library it imports into', async () => {
    const root = await notesFolder({ 'a.md': note('A', 'A note.', 'Text.') })
    await writeFile(path.join(root, 'notes', 'evil.md'), evaluatedNote('---js', path.join(root, 'ran')))
    const io = recordingIO(root)
    await run(['import', path.resolve('test/fixtures/import/seed.txt'), '--into', 'notes', '--dry-run'], io)
    expect(existsSync(path.join(root, 'ran'))).toBe(false)
    expect(io.err()).not.toMatch(/internal error/)
  })

  it('runs nothing in the worker threads of a large library either', async () => {
    const files: Record<string, string> = {}
    for (let i = 0; i < 420; i++) files[`n${i}.md`] = note(`Note ${i}`, 'A note.', `Text ${i}.`)
    const root = await notesFolder(files)
    await writeFile(path.join(root, 'notes', 'zz-evil.md'), evaluatedNote('---js', path.join(root, 'ran')))
    const result = await quire(['check', 'notes'], root)
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^notes\/zz-evil\.md:1:4: error: .*\[front-matter-language\]$/m)
    expect(existsSync(path.join(root, 'ran'))).toBe(false)
  })
})

describe('a note that would stall the build', () => {
  it('is stopped at the time limit with an error naming it, while the other notes build', async () => {
    const root = await notesFolder({
      'fine.md': note('Fine', 'A note that parses at once.', 'Plain text.'),
      // About 20 s to parse on a fast machine without the limit; quadratic in micromark.
      'stall.md': note('Stall', 'Runs of delimiters.', '*_'.repeat(24_000)),
      'quire.config.yaml': 'noteTimeLimit: 0.5\nurl: https://example.org/\n',
    })
    const result = await quire(['build', 'notes', '--no-cache'], root)
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^notes\/stall\.md:1:1: error: This note took longer than 0\.5 s to read.*\[note-too-complex\]$/m)
    expect(result.stderr).not.toMatch(/fine\.md/)
    // Without the limit this build takes many seconds more; with it, the worker is stopped after half a second.
    expect(result.seconds).toBeLessThan(8)
  })

  // Worker threads start parsing while the folder is read (see parse-pool.ts): a note that could stall is kept for the time limit.
  it('is stopped at the time limit when the worker threads parse notes while the folder is still being read', async () => {
    const fine = Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`fine-${i}.md`, note(`Fine ${i}`, 'A note that parses at once.', 'Plain text.')]))
    const root = await notesFolder({
      ...fine,
      'stall.md': note('Stall', 'Runs of delimiters.', '*_'.repeat(24_000)),
      'quire.config.yaml': 'noteTimeLimit: 0.5\n',
    })
    const result = await quire(['build', 'notes', '--no-cache'], root, { ...process.env, QUIRE_PARALLEL_MIN: '1' })
    expect(result.stderr).toMatch(/^notes\/stall\.md:1:1: error: This note took longer than 0\.5 s to read.*\[note-too-complex\]$/m)
    expect(result.code).toBe(1)
    // Given to a worker thread without the limit, it would hold up the build for its whole parse (20 s or more).
    expect(result.seconds).toBeLessThan(30)
  }, 60_000)

  it('refuses nesting too deep to render, with its position, in check as in build', async () => {
    const list = Array.from({ length: 300 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n')
    const root = await notesFolder({
      'quotes.md': note('Quotes', 'Deep quotes.', `Intro.\n\n${'>'.repeat(2000)} deep`),
      'list.md': note('List', 'Deep list.', list),
      'emphasis.md': note('Emphasis', 'Deep emphasis.', `${'*a '.repeat(1500)}b${'*'.repeat(1500)}`),
      'html.md': note('Html', 'Deep HTML.', `${'<div>'.repeat(400)}x`),
      'fine.md': note('Fine', 'Shallow enough.', `${'>'.repeat(40)} quoted\n\n${'<div>'.repeat(30)}x${'</div>'.repeat(30)}\n\n${'<p>'.repeat(500)}`),
    })
    for (const command of [['check'], ['build', '--no-cache']]) {
      const io = recordingIO(root)
      expect(await run(command, io)).toBe(1)
      const errors = io
        .err()
        .split('\n')
        .filter((line) => line.includes('[note-too-complex]'))
      expect(errors.map((line) => line.split(':')[0])).toEqual(['notes/emphasis.md', 'notes/html.md', 'notes/list.md', 'notes/quotes.md'])
      expect(io.err()).toMatch(/^notes\/quotes\.md:7:257: error: This note nests \d+ levels deep/m)
      expect(io.err()).toMatch(/^notes\/html\.md:5:1: error/m)
      expect(io.err()).not.toMatch(/internal error|Maximum call stack/)
    }
  })
})

describe('quire dev and a note that would stall it', () => {
  it('keeps answering requests while the note is parsed under the limit', async () => {
    const root = await notesFolder({
      'fine.md': note('Fine', 'A note.', 'Text.'),
      'quire.config.yaml': 'noteTimeLimit: 3\n',
    })
    const dev = spawn(process.execPath, [bin, 'dev', 'notes', '--port', '0'], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] })
    try {
      let log = ''
      const url = await new Promise<string>((resolve, reject) => {
        dev.stderr.on('data', (chunk: Buffer) => {
          log += chunk.toString()
          const found = /serving (http:\/\/\S+)/.exec(log)
          if (found) resolve(found[1]!)
        })
        dev.once('exit', () => reject(new Error(`quire dev stopped: ${log}`)))
      })
      await writeFile(path.join(root, 'notes', 'stall.md'), note('Stall', 'Runs.', '*_'.repeat(30_000)))
      // While the stalled note is in its worker, every request is answered at once.
      const slowest = { ms: 0 }
      const until = performance.now() + 2500
      let answered = 0
      while (performance.now() < until) {
        const started = performance.now()
        const response = await fetch(url)
        await response.text()
        slowest.ms = Math.max(slowest.ms, performance.now() - started)
        answered++
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      expect(answered).toBeGreaterThan(5)
      expect(slowest.ms).toBeLessThan(1000)
      // Then the note is reported.
      let status = ''
      for (let i = 0; i < 100 && !status.includes('note-too-complex'); i++) {
        status = await (await fetch(new URL('/__quire/status', url))).text()
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      expect(status).toContain('note-too-complex')
      expect(status).toContain('stall.md')
    } finally {
      dev.kill()
    }
  }, 60_000)
})

describe('which notes are parsed under the time limit', () => {
  it('leaves code-heavy notes on the fast path, and is not fooled by a fence that is not one', async () => {
    const { needsTimeLimit } = await import('../src/parse/complexity.js')
    const code = '```sh\n' + 'echo "$HOME" | grep -v \'*_[x]\' > /dev/null && ls <dir>\n'.repeat(150) + '```\n'
    expect(needsTimeLimit(note('Code', 'Shell.', `Text.\n\n${code}\nMore text.\n`))).toBe(false)
    // A list nested 100 levels deep is small, but each line looks at every open level again.
    expect(needsTimeLimit(note('Deep', 'A deep list.', Array.from({ length: 100 }, (_, i) => `${'  '.repeat(i)}- x`).join('\n')))).toBe(true)
    expect(needsTimeLimit(note('Shallow', 'A list.', Array.from({ length: 20 }, (_, i) => `${'  '.repeat(i)}- x`).join('\n')))).toBe(false)
    // The same characters outside a fence are parsed for emphasis and links.
    expect(needsTimeLimit(note('Runs', 'Delimiters.', '*_[x] '.repeat(600)))).toBe(true)
    // An HTML block swallows the fence line, and a blank line ends it: micromark then parses the runs as Markdown.
    const fooled = `<div>\n\`\`\`\n\n${'*_'.repeat(4500)}\n`
    expect(needsTimeLimit(note('Fooled', 'A fence that is not one.', fooled))).toBe(true)
    // Below the cap on every opener, the worst such note is still quick to parse here.
    const { parseDocument } = await import('../src/parse/parse-document.js')
    const worst = note('Fooled', 'A fence that is not one.', `<div>\n\`\`\`\n\n${'*_'.repeat(3990)}\n`)
    expect(needsTimeLimit(worst)).toBe(false)
    const started = performance.now()
    parseDocument({ path: '/notes/w.md', relativePath: 'w.md', displayPath: 'w.md', text: worst })
    // Under a second on a quiet machine; the bound is loose for a busy one, and far below the minutes the cap prevents.
    expect(performance.now() - started).toBeLessThan(10_000)
  })
})

describe('random and adversarial Markdown', () => {
  it('parses and renders within the budget whenever it is parsed without the time limit, and never overflows the stack', async () => {
    const { default: fc } = await import('fast-check')
    const { parseDocument } = await import('../src/parse/parse-document.js')
    const { drafted } = await import('../src/render/body/draft-documents.js')
    const { loadBodyExtensionsFor } = await import('../src/render/body/body-extensions.js')
    const { needsTimeLimit } = await import('../src/parse/complexity.js')
    const pieces = [
      '*',
      '_',
      '**',
      '*_',
      '[*',
      '[',
      '](',
      ']',
      '[[',
      ']]',
      '![',
      '![[',
      '`',
      '```\n',
      '~~',
      '~',
      '<div>',
      '</div>',
      '<span>',
      '<p>',
      '>',
      '> ',
      '- ',
      '  ',
      '1. ',
      '[^1]',
      '[^a]: x\n',
      '$',
      '$$\n',
      '\\',
      '&amp;',
      '|',
      '| - |\n',
      '\n',
      '\n\n',
      'a',
      ' ',
      '# ',
      'http://x.y ',
      '%%',
      '^b',
      '#tag ',
    ]
    const run = fc.tuple(fc.constantFrom(...pieces), fc.integer({ min: 1, max: 600 })).map(([piece, times]) => piece.repeat(times))
    // Nesting as deep as a note can go without being picked for the time limit (2,000 openers).
    const nesting = fc
      .tuple(fc.constantFrom('>', '<div>', '<span>', '*a ', '_a ', '[a ', '~~a '), fc.integer({ min: 100, max: 1990 }))
      .map(([piece, times]) => piece.repeat(Math.floor(times / piece.replace(/[^*_[~<>]/g, '').length)))
    const list = fc.integer({ min: 2, max: 300 }).map((depth) => Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}- x`).join('\n'))
    const body = fc.array(fc.oneof(run, run, nesting, list, fc.string({ maxLength: 200 })), { maxLength: 10 }).map((parts) => parts.join(''))
    let timed = 0
    await fc.assert(
      fc.asyncProperty(body, async (text) => {
        const file = { path: '/notes/a.md', relativePath: 'a.md', displayPath: 'a.md', text: note('A', 'A note.', text) }
        // Notes picked for the time limit are parsed in a worker that is stopped; the rest must be quick here.
        if (needsTimeLimit(file.text)) return
        timed++
        await loadBodyExtensionsFor([file.text])
        const started = performance.now()
        const parsed = drafted(parseDocument(file), false)
        const ms = performance.now() - started
        // Tens of milliseconds on a quiet machine; loose for a busy one, far below the seconds a stall takes.
        expect(ms, `${ms.toFixed(0)} ms for ${JSON.stringify(text.slice(0, 120))}…`).toBeLessThan(5000)
        if (!parsed.document) expect(parsed.diagnostics.map((d) => d.code)).toContain('note-too-complex')
      }),
      { numRuns: 400, seed: 16 },
    )
    expect(timed).toBeGreaterThan(100)
  }, 120_000)

  it('refuses or renders any nesting, however deep, without overflowing the stack', async () => {
    const { default: fc } = await import('fast-check')
    const { parseDocument } = await import('../src/parse/parse-document.js')
    const { drafted } = await import('../src/render/body/draft-documents.js')
    const deep = fc
      .tuple(
        fc.constantFrom<[string, string]>(['>', ' x'], ['> ', 'x'], ['<div>', 'x'], ['<blockquote>', 'x'], ['*a ', 'b'], ['[', 'a'], ['~~a ', 'b']),
        fc.integer({ min: 100, max: 3000 }),
      )
      .map(([[open, middle], depth]) => {
        const close = open.startsWith('*') ? '*'.repeat(depth) : open.startsWith('~') ? '~~'.repeat(depth) : open === '[' ? '](u)'.repeat(depth) : ''
        return open.repeat(depth) + middle + close
      })
    await fc.assert(
      fc.property(deep, (text) => {
        const parsed = drafted(parseDocument({ path: '/notes/a.md', relativePath: 'a.md', displayPath: 'a.md', text: note('A', 'A note.', text) }), false)
        if (!parsed.document) expect(parsed.diagnostics.map((d) => d.code)).toEqual(['note-too-complex'])
      }),
      { numRuns: 25, seed: 16 },
    )
  }, 120_000)
})
