import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { run } from '../src/cli.js'
import { note, notesFolder, recordingIO } from './support/notes.js'

describe('command line', () => {
  it('runs as the compiled bin and prints its version quickly', async () => {
    const pkg = JSON.parse(await readFile('package.json', 'utf8')) as { version: string; bin: { quire: string } }
    expect(pkg.bin.quire).toBe('dist/src/bin.cjs')
    for (const bin of ['dist/src/bin.cjs', 'dist/src/bin.js']) {
      const { stdout } = await promisify(execFile)(process.execPath, [bin, '--version'])
      expect(stdout).toBe(`quire ${pkg.version}\n`)
    }
    // Every other command goes on to the CLI, exit code and all.
    const failed = await promisify(execFile)(process.execPath, ['dist/src/bin.cjs', 'frob']).catch((problem: { code: number; stderr: string }) => problem)
    expect(failed).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown command "frob"') })
  })

  it('explains unknown flags, commands and missing folders with exit 2', async () => {
    const cases: [string[], RegExp][] = [
      [['build', '--outt', 'x'], /^quire: build: Unknown option '--outt'\. Run `quire build --help` for the options\.\n$/],
      [['publish'], /^quire: unknown command "publish"\. Commands: build, check, dev, new, import\./],
      [['check', 'no-such-folder'], /^quire: check: the notes folder "no-such-folder" does not exist\./],
      [['new', 'essay', 'Title'], /^quire: new: say what to create/],
    ]
    for (const [argv, expected] of cases) {
      const io = recordingIO(process.cwd())
      expect(await run(argv, io)).toBe(2)
      expect(io.err()).toMatch(expected)
    }
  })

  it('has help for every command', async () => {
    for (const argv of [['--help'], ['build', '--help'], ['check', '--help'], ['dev', '--help'], ['new', '--help'], ['import', '--help']]) {
      const io = recordingIO(process.cwd())
      expect(await run(argv, io)).toBe(0)
      expect(io.out()).toMatch(/^(quire: publish|Usage: quire)/)
    }
  })
})

describe('quire new', () => {
  it('creates a note and an inquiry that check cleanly, and never overwrites', async () => {
    const root = await notesFolder({})
    const io = recordingIO(root)
    expect(await run(['new', 'note', 'Does RL create reasoning?'], io)).toBe(0)
    expect(await run(['new', 'inquiry', 'Why does distillation help RLVR?'], io)).toBe(0)
    expect(io.out()).toBe('notes/does-rl-create-reasoning.md\nnotes/inquiries/why-does-distillation-help-rlvr.md\n')
    const check = recordingIO(root)
    expect(await run(['check'], check)).toBe(0)
    expect(check.err()).toMatch(/: 0 errors, 0 warnings\n$/)

    const again = recordingIO(root)
    expect(await run(['new', 'note', 'Does RL create reasoning?'], again)).toBe(1)
    expect(again.err()).toMatch(/already exists; quire new never overwrites a file/)
  })
})

describe('config file', () => {
  it('sets the site title and base, and flags override it', async () => {
    const root = await notesFolder({ 'a.md': note('A?', 'A.'), 'quire.config.yaml': 'title: Lab notebook\nbase: /lab/\n' })
    expect(await run(['build'], recordingIO(root))).toBe(0)
    const home = await readFile(path.join(root, 'site/index.html'), 'utf8')
    expect(home).toContain('<title>Lab notebook</title>')
    expect(await readFile(path.join(root, 'site/404.html'), 'utf8')).toContain('href="/lab/assets/quire.css"')
    expect(await run(['build', '--title', 'Other', '--base', '/'], recordingIO(root))).toBe(0)
    expect(await readFile(path.join(root, 'site/index.html'), 'utf8')).toContain('<title>Other</title>')
  })

  it('reports config problems with their positions', async () => {
    const root = await notesFolder({ 'a.md': note('A?', 'A.'), 'quire.config.yaml': 'title: Lab\nbase: lab\nurl: not a url\nstaleAfterMonths: -1\ntitel: x\n' })
    const io = recordingIO(root)
    expect(await run(['check'], io)).toBe(1)
    expect(io.err().split('\n').slice(0, 4)).toEqual([
      'notes/quire.config.yaml:2:7: error: `base`: expected a path that starts and ends with /, such as /my-notes/ (no spaces, ?, # or \\). [invalid-field]',
      'notes/quire.config.yaml:3:6: error: `url`: expected an absolute http(s) URL such as https://example.org/notes/. [invalid-field]',
      'notes/quire.config.yaml:4:19: error: `staleAfterMonths`: must be at least 1. [invalid-field]',
      'notes/quire.config.yaml:5:1: warning: Unknown field `titel` is ignored. Did you mean `title`? [unknown-field]',
    ])
  })
})

describe('progress', () => {
  it('shows a progress line on a terminal for large libraries, then one summary line', async () => {
    const files: Record<string, string> = {}
    for (let i = 0; i < 520; i++) files[`n${i}.md`] = note(`Note ${i}?`, `Summary ${i}.`)
    const root = await notesFolder(files)
    const terminal = { ...recordingIO(root), interactive: true }
    let err = ''
    terminal.stderr = (text: string) => {
      err += text
    }
    expect(await run(['build'], terminal)).toBe(0)
    expect(err).toContain('\r\u001b[2Kquire: reading 0/520 (0%)')
    expect(err).toContain('quire: rendering 500/520 (96%)')
    // The progress line is cleared before the summary is printed.
    // 525 pages: 520 notes, the home, graph and not-found pages, and the list of every note in two pages of 500.
    expect(err.split('\r\u001b[2K').at(-1)).toMatch(/^quire: built 525 pages from 520 files into site\/ in \d+\.\d+ s \(0 errors, 0 warnings\)\n$/)
    // Not a terminal: no progress, just the summary.
    const plain = recordingIO(root)
    expect(await run(['build'], plain)).toBe(0)
    expect(plain.err()).toMatch(/^quire: built 525 pages/)
  })
})
