/**
 * The output folder: byte-identical builds, atomic replacement, and
 * refusal to replace what quire did not write.
 */
import { existsSync } from 'node:fs'
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { run } from '../src/cli.js'
import { note, notesFolder, recordingIO } from './support/notes.js'
import { snapshot } from './support/site.js'

const library = {
  'a.md': note('Does A hold?', 'A holds.', 'See [[b]] and <b onclick="x()">bold</b>.'),
  'b.md': note('Does B hold?', 'B holds.'),
  'lines/why.md': `---\ntype: inquiry\ntitle: Why?\nsummary: Because.\nprompt:\n  role: an analyst\n  question: why?\n  claims:\n    - text: A claim\n      date: "~2025"\n---\n[[a]] then [[b]].\n`,
}

describe('emit', () => {
  it('builds the same notes to byte-identical sites', async () => {
    const root = await notesFolder(library)
    expect(await run(['build', 'notes', '--out', 'one'], recordingIO(root))).toBe(0)
    expect(await run(['build', 'notes', '--out', 'two'], recordingIO(root))).toBe(0)
    const one = await snapshot(path.join(root, 'one'))
    expect(Object.keys(one).length).toBeGreaterThan(5)
    expect(await snapshot(path.join(root, 'two'))).toEqual(one)
  })

  it('leaves the previous site untouched when a build fails', async () => {
    const root = await notesFolder(library)
    expect(await run(['build', 'notes'], recordingIO(root))).toBe(0)
    const before = await snapshot(path.join(root, 'site'))
    await writeFile(path.join(root, 'notes', 'b.md'), '---\ntitle: [broken\n---\n')
    const io = recordingIO(root)
    expect(await run(['build', 'notes'], io)).toBe(1)
    expect(io.err()).toContain('site/ was not changed')
    expect(await snapshot(path.join(root, 'site'))).toEqual(before)
    expect((await readdir(root)).filter((name) => name !== '.quire-cache').sort()).toEqual(['notes', 'site'])
  })

  it('replaces a previous site whole: pages of deleted notes disappear', async () => {
    const root = await notesFolder({ ...library, 'c.md': note('C?', 'C.') })
    expect(await run(['build', 'notes'], recordingIO(root))).toBe(0)
    expect(existsSync(path.join(root, 'site', 'c', 'index.html'))).toBe(true)
    await rm(path.join(root, 'notes', 'c.md'))
    expect(await run(['build', 'notes'], recordingIO(root))).toBe(0)
    expect(existsSync(path.join(root, 'site', 'c'))).toBe(false)
    expect((await readdir(root)).filter((name) => name !== '.quire-cache').sort()).toEqual(['notes', 'site'])
  })

  it('refuses to replace a folder it did not create, unless --force', async () => {
    const root = await notesFolder(library)
    await mkdir(path.join(root, 'docs'))
    await writeFile(path.join(root, 'docs', 'important.txt'), 'keep me')
    const io = recordingIO(root)
    expect(await run(['build', 'notes', '--out', 'docs'], io)).toBe(1)
    expect(io.err()).toMatch(/docs is not empty and was not created by quire .* pass --force/)
    expect(await readFile(path.join(root, 'docs', 'important.txt'), 'utf8')).toBe('keep me')
    expect(await run(['build', 'notes', '--out', 'docs', '--force'], recordingIO(root))).toBe(0)
    expect(existsSync(path.join(root, 'docs', 'index.html'))).toBe(true)
  })

  it('refuses to write into the notes folder or a folder that contains it', async () => {
    const root = await notesFolder(library)
    for (const out of ['notes', '.', 'notes/site']) {
      const io = recordingIO(root)
      expect(await run(['build', 'notes', '--out', out], io)).toBe(2)
      expect(io.err()).toMatch(/^quire: error: .*notes folder/)
    }
  })

  it('publishes no script from note content', async () => {
    const root = await notesFolder(library)
    expect(await run(['build', 'notes'], recordingIO(root))).toBe(0)
    const html = await readFile(path.join(root, 'site', 'a', 'index.html'), 'utf8')
    expect(html).toContain('<b>bold</b>')
    expect(html).not.toContain('onclick')
  })
})

describe('determinism and strictness', () => {
  it('builds the same bytes whatever order the files were created in', async () => {
    const names = Object.keys(library)
    const forward = await notesFolder(Object.fromEntries(names.map((name) => [name, library[name as keyof typeof library]])))
    const backward = await notesFolder(Object.fromEntries([...names].reverse().map((name) => [name, library[name as keyof typeof library]])))
    expect(await run(['build', '--no-cache'], recordingIO(forward))).toBe(0)
    expect(await run(['build', '--no-cache'], recordingIO(backward))).toBe(0)
    expect(await snapshot(path.join(backward, 'site'))).toEqual(await snapshot(path.join(forward, 'site')))
  })

  it('fails on warnings only with --strict, and says why', async () => {
    const root = await notesFolder({ 'a.md': note('A', 'A.', '', 'titel: A typo\n') })
    expect(await run(['build'], recordingIO(root))).toBe(0)
    const strict = recordingIO(root)
    expect(await run(['build', '--strict', '--out', 'strict-site'], strict)).toBe(1)
    expect(strict.err()).toContain('quire: 0 errors, 1 warning (--strict makes warnings fail the build); strict-site/ was not changed')
    expect(await run(['check', '--strict'], recordingIO(root))).toBe(1)
  })
})
