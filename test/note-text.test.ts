/**
 * A one-shot build sets every note's text aside once the notes are parsed
 * (it is read again from its file when a page needs it) and lets each
 * draft go once the pages that use it are made (a large library's texts
 * and drafts are much of its memory), and the site is the same bytes.
 */
import { writeFileSync } from 'node:fs'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { analyseSite, type AnalysedSite } from '../src/build/site-build.js'
import { buildIntoFolder } from '../src/build/folder-build.js'
import { openSite, siteMarker } from '../src/emit/emit-site.js'
import { noteFile, setTextAside } from '../src/load/note-text.js'
import type { Doc, Slug } from '../src/model.js'
import { contentsOf, renderSite } from '../src/render/render-site.js'
import { oneShotBuild, snapshot } from './support/site.js'
import { note, notesFolder } from './support/notes.js'
import { shippedFiles } from '../src/load/shipped-files.js'

/**
 * Render the analysed site into `out` as `quire build` does, every text
 * set aside and each document's draft let go once its page is made: the
 * documents let go, in order, and the files written.
 */
async function renderLettingGo(analysed: AnalysedSite, out: string): Promise<{ letGo: Slug[]; written: Record<string, string> }> {
  const opened = await openSite(out)
  if (!opened.ok) throw new Error(opened.message)
  const letGo: Slug[] = []
  for (const file of analysed.loaded.files) setTextAside(file)
  await renderSite(analysed.graph, analysed.site, shippedFiles, undefined, undefined, opened.writer, analysed.drafts, (doc: Doc) => {
    letGo.push(doc.slug)
    analysed.drafts.letGo(doc.file.path)
  })
  expect(await opened.writer.commit()).toMatchObject({ ok: true })
  return { letGo, written: await snapshot(out) }
}

describe("a note's text", () => {
  it('is read as loaded until the build sets it aside', () => {
    const file = noteFile('/notes/a.md', 'a.md', 'notes/a.md', '# A\n\nText.')
    expect(file.text).toBe('# A\n\nText.')
    // Copies (a message to a worker thread) carry the text.
    expect({ ...file }.text).toBe('# A\n\nText.')
  })

  it('held as bytes when it has a character past Latin-1, reads back exactly, a leading U+FEFF and all', () => {
    const text = '\ufeff# Über — α ≤ β 🙂\n\ncafé'
    const file = noteFile('/notes/b.md', 'b.md', 'notes/b.md', text)
    expect(file.text).toBe(text)
    expect(file.text).toBe(text)
    expect({ ...file }.text).toBe(text)
  })

  it('set aside, is read again from its file, a leading U+FEFF dropped as when it was loaded; changed since, reading it throws', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'quire-aside-'))
    for (const [name, text] of [
      ['plain.md', '# A\n\nText.'],
      ['wide.md', '# Über — α ≤ β 🙂\n\ncafé'],
    ] as const) {
      const full = path.join(folder, name)
      await writeFile(full, `\ufeff${text}`)
      const file = noteFile(full, name, `notes/${name}`, text)
      setTextAside(file)
      expect(file.text).toBe(text)
      expect(file.text).toBe(text)
      await writeFile(full, `${text}!`)
      // The text read back last is kept for the next reader of the same note only.
      const other = noteFile(full, name, `notes/${name}`, `${text}!`)
      setTextAside(other)
      expect(other.text).toBe(`${text}!`)
      expect(() => file.text).toThrow(new RegExp(`notes/${name} changed while the site was being built`))
    }
  })

  it.each([
    ['bodies rendered whole', false],
    ['bodies drafted as they are parsed', true],
  ])('is set aside, and its draft goes once its page is made unless a later file reads it; the site is the same (%s)', async (_label, draftBodies) => {
    const notes = path.resolve('test/fixtures/vault')
    const analysed = await analyseSite(notes, { cwd: notes, gitDates: false, buildDate: { year: 2026, month: 1, day: 15 }, draftBodies })
    const { drafts } = analysed
    const hasDraft = (slug: Slug): boolean => drafts.get(analysed.graph.documents.get(slug)!.file.path) !== undefined
    const drafted = [...analysed.graph.documents.keys()].filter(hasDraft)
    expect(drafted.length > 0).toBe(draftBodies)
    // In memory first, every text and draft held.
    const inMemory = await renderSite(analysed.graph, analysed.site, shippedFiles, undefined, undefined, undefined, drafts)
    // Attachments are copied from the notes folder, not rendered.
    const expected = Object.fromEntries(inMemory.files.filter((file) => !('copyFrom' in file)).map((file) => [file.path, contentsOf(file)]))

    const { letGo, written } = await renderLettingGo(analysed, path.join(await mkdtemp(path.join(tmpdir(), 'quire-texts-')), 'site'))
    delete written[siteMarker]
    expect(Object.keys(written).length).toBeGreaterThan(Object.keys(expected).length - 1)
    expect(Object.fromEntries(Object.keys(expected).map((file) => [file, written[file]]))).toEqual(expected)

    // A plain note was let go; the home page's intro and embedded notes were read after their own pages, and stayed.
    expect(letGo).toContain('folder/policy-gradients')
    for (const kept of ['index', 'reward-hacking', 'short-note']) {
      expect(analysed.graph.documents.has(kept as Slug)).toBe(true)
      expect(letGo).not.toContain(kept)
    }
    // The drafts of the pages made went too; those of the intros and embedded notes, which later pages read, stayed.
    for (const slug of drafted) expect(hasDraft(slug), slug).toBe(!letGo.includes(slug))
  })

  it('goes with its draft once its page is made; a page made later that embeds or heads with the note still shows it', async () => {
    // Pages are made in slug order: `a` before the page that embeds it, `folder/index` before its folder's page.
    const root = await notesFolder({
      'index.md': note('Home', 'The library.', 'Start at [[plain]].\n'),
      'a.md': note('A: embedded?', 'One.', 'The embedded text, linking [[plain]].\n'),
      'b.md': note('B: embeds?', 'Two.', 'Before.\n\n![[a]]\n\nAfter.\n'),
      'plain.md': note('Plain?', 'Three.', 'Only its own page shows this, with [[a]].\n'),
      'folder/index.md': note('Folder', 'Four.', 'The folder page shows this, with [[plain]].\n'),
      'folder/inner.md': note('Inner?', 'Five.', 'Up to [[index]].\n'),
    })
    const notes = path.join(root, 'notes')
    const options = { cwd: root, gitDates: false, buildDate: { year: 2026, month: 1, day: 15 }, draftBodies: true }
    const expected = await analyseSite(notes, options)
    const inMemory = await renderSite(expected.graph, expected.site, shippedFiles, undefined, undefined, undefined, expected.drafts)
    const analysed = await analyseSite(notes, options)
    const { drafts } = analysed
    const hasDraft = (slug: string): boolean => drafts.get(analysed.graph.documents.get(slug as Slug)!.file.path) !== undefined
    for (const slug of ['index', 'a', 'plain', 'folder/index', 'folder/inner']) expect(hasDraft(slug), slug).toBe(true)

    const { letGo, written } = await renderLettingGo(analysed, path.join(root, 'site'))
    for (const file of inMemory.files) if (!('copyFrom' in file)) expect(written[file.path], file.path).toBe(contentsOf(file))
    expect(written['b/index.html']).toContain('The embedded text')
    expect(written['folder/index.html']).toContain('The folder page shows this')

    expect(letGo).toEqual(expect.arrayContaining(['plain', 'folder/inner', 'b']))
    for (const slug of ['plain', 'folder/inner']) expect(hasDraft(slug), slug).toBe(false)
    // The embedded note and the intros of the home and folder pages keep their drafts: later pages read them.
    for (const slug of ['index', 'a', 'folder/index']) {
      expect(letGo).not.toContain(slug)
      expect(hasDraft(slug), slug).toBe(true)
    }
  })
})

describe('a note edited while the site is built', () => {
  const request = (root: string) => oneShotBuild(path.join(root, 'notes'), path.join(root, 'site'), root)
  const twoNotes = () =>
    notesFolder({
      'alpha.md': note('Does alpha hold?', 'Alpha holds.', 'Alpha leans on [[beta]].\n'),
      'beta.md': note('Does beta hold?', 'Beta holds.', 'Beta stands alone.\n'),
    })
  // Saved once the notes are parsed, before any page is made.
  const editBeta = (notesDir: string) => () =>
    writeFileSync(path.join(notesDir, 'beta.md'), note('Does beta hold?', 'Beta holds.', 'Beta was edited mid-build.\n'))

  it('stops the build with a message naming it, and leaves the previous site as it was, when the texts are set aside', async () => {
    const built = request(await twoNotes())
    expect((await buildIntoFolder(built)).kind).toBe('built')
    const before = await snapshot(built.outDir)
    // A library this small keeps its texts: QUIRE_TEXTS_HELD_UP_TO=0 sets them aside, as on a large one.
    process.env.QUIRE_TEXTS_HELD_UP_TO = '0'
    try {
      const edited = await buildIntoFolder({ ...built, analysed: editBeta(built.notesDir) })
      expect(edited).toEqual({
        kind: 'write-failed',
        message: expect.stringMatching(/^notes\/beta\.md changed while the site was being built; build it again\./),
      })
    } finally {
      delete process.env.QUIRE_TEXTS_HELD_UP_TO
    }
    expect(await snapshot(built.outDir)).toEqual(before)
    // The next build shows the edit.
    expect((await buildIntoFolder(built)).kind).toBe('built')
    expect((await snapshot(built.outDir))['beta/index.html']).toContain('Beta was edited mid-build.')
  })

  it('is built as it was parsed, every page alike, when the texts are held; the next build shows the edit', async () => {
    const built = request(await twoNotes())
    expect((await buildIntoFolder({ ...built, analysed: editBeta(built.notesDir) })).kind).toBe('built')
    const site = await snapshot(built.outDir)
    for (const file of ['beta/index.html', 'beta/index.html.md', 'alpha/index.html']) expect(site[file], file).not.toContain('edited mid-build')
    expect(site['beta/index.html']).toContain('Beta stands alone.')
    expect(site['beta/index.html.md']).toContain('Beta stands alone.')
    expect((await buildIntoFolder(built)).kind).toBe('built')
    expect((await snapshot(built.outDir))['beta/index.html']).toContain('Beta was edited mid-build.')
  })
})
