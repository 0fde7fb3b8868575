/**
 * A one-shot build lets each note's text go once its page is made (a large
 * library's texts are much of its memory), and the site is the same bytes.
 */
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { analyseSite } from '../src/build/site-build.js'
import { openSite, siteMarker } from '../src/emit/emit-site.js'
import { letGoOfText, noteFile } from '../src/load/note-text.js'
import type { Doc, Slug } from '../src/model.js'
import { contentsOf, renderSite } from '../src/render/render-site.js'
import { snapshot } from './support/site.js'
import { shippedFiles } from '../src/load/shipped-files.js'

describe("a note's text", () => {
  it('is read as loaded until the build lets it go, and reading it afterwards throws', () => {
    const file = noteFile('/notes/a.md', 'a.md', 'notes/a.md', '# A\n\nText.')
    expect(file.text).toBe('# A\n\nText.')
    // Copies (a message to a worker thread) carry the text.
    expect({ ...file }.text).toBe('# A\n\nText.')
    letGoOfText(file)
    expect(() => file.text).toThrow(/notes\/a\.md was read after the build let it go/)
  })

  it('held as bytes when it has a character past Latin-1, reads back exactly, a leading U+FEFF and all', () => {
    const text = '\ufeff# Über — α ≤ β 🙂\n\ncafé'
    const file = noteFile('/notes/b.md', 'b.md', 'notes/b.md', text)
    expect(file.text).toBe(text)
    expect(file.text).toBe(text)
    expect({ ...file }.text).toBe(text)
  })

  it.each([
    ['bodies rendered whole', false],
    ['bodies drafted as they are parsed', true],
  ])('goes once its page is made, unless a later file reads it; the site is the same (%s)', async (_label, draftBodies) => {
    const notes = path.resolve('test/fixtures/vault')
    const analysed = await analyseSite(notes, { cwd: notes, gitDates: false, buildDate: { year: 2026, month: 1, day: 15 }, draftBodies })
    // In memory first, every text held.
    const inMemory = await renderSite(analysed.graph, analysed.site, shippedFiles)
    // Attachments are copied from the notes folder, not rendered.
    const expected = Object.fromEntries(inMemory.files.filter((file) => !('copyFrom' in file)).map((file) => [file.path, contentsOf(file)]))

    const out = path.join(await mkdtemp(path.join(tmpdir(), 'quire-texts-')), 'site')
    const opened = await openSite(out)
    if (!opened.ok) throw new Error(opened.message)
    const letGo: Slug[] = []
    await renderSite(analysed.graph, analysed.site, shippedFiles, undefined, undefined, opened.writer, undefined, (doc: Doc) => {
      letGo.push(doc.slug)
      letGoOfText(doc.file)
    })
    expect(await opened.writer.commit()).toMatchObject({ ok: true })
    const written = await snapshot(out)
    delete written[siteMarker]
    expect(Object.keys(written).length).toBeGreaterThan(Object.keys(expected).length - 1)
    expect(Object.fromEntries(Object.keys(expected).map((file) => [file, written[file]]))).toEqual(expected)

    const readable = (slug: string): boolean => {
      try {
        return analysed.graph.documents.get(slug as Slug)!.file.text.length >= 0
      } catch {
        return false
      }
    }
    // A plain note's text went; the home page's intro and embedded notes were read after their own pages, and stayed.
    expect(letGo).toContain('folder/policy-gradients')
    expect(readable('folder/policy-gradients')).toBe(false)
    for (const kept of ['index', 'reward-hacking', 'short-note']) {
      expect(analysed.graph.documents.has(kept as Slug)).toBe(true)
      expect(readable(kept)).toBe(true)
    }
    expect(letGo.length).toBeGreaterThan(0)
    for (const slug of letGo) expect(readable(slug)).toBe(false)
  })
})
