/**
 * Files that are not notes (binary `.md`, drawings, canvases) are left out
 * with a hint, and a missing attachment is a warning shown on the page as
 * missing: real vaults hold both, and neither may fail a build.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { run } from '../src/cli.js'
import { formatDiagnostic } from '../src/diagnostics.js'
import { loadNotes } from '../src/load/load-notes.js'
import { note, notesFolder, recordingIO } from './support/notes.js'

describe('files that are not notes', () => {
  it('leaves out a binary .md, Excalidraw drawings and canvases with a hint, and non-UTF-8 text with a warning', async () => {
    const root = await notesFolder({
      'kept.md': note('Kept', 'A note.'),
      'Sketch.excalidraw.md': '---\nexcalidraw-plugin: parsed\n---\n# Drawing\n```compressed-json\nN4Ig\n```\n',
      'Board.md': '---\ntags: [excalidraw]\nexcalidraw-plugin: raw\n---\nText elements\n',
      'Map.canvas': '{"nodes":[],"edges":[]}',
    })
    const notes = path.join(root, 'notes')
    await writeFile(path.join(notes, 'blob.md'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff]))
    await writeFile(path.join(notes, 'latin.md'), Buffer.from('caf\xe9\n', 'latin1'))
    const loaded = await loadNotes(notes, (file) => path.relative(root, file))
    expect(loaded.files.map((file) => file.relativePath)).toEqual(['kept.md'])
    expect(loaded.attachments).toEqual([])
    expect(loaded.diagnostics.map((d) => `${d.file} ${d.severity} ${d.code}`).sort()).toEqual([
      'notes/Board.md hint not-a-note',
      'notes/Map.canvas hint not-a-note',
      'notes/Sketch.excalidraw.md hint not-a-note',
      'notes/blob.md hint not-a-note',
      'notes/latin.md warning unreadable-file',
    ])
    expect(formatDiagnostic(loaded.diagnostics.find((d) => d.file === 'notes/Map.canvas')!)).toBe(
      'notes/Map.canvas:1:1: hint: This is an Obsidian canvas (a board of cards), not a note, so quire leaves it out; the notes on its cards are published on their own. To show it on a page, export it as SVG or PNG and embed that file. [not-a-note]',
    )
  })

  it('builds a vault with a missing attachment, marking the embed as missing on the page', async () => {
    const root = await notesFolder({
      'a.md': note('A', 'S.', 'Before.\n\n![[figure.png]]\n\nAn image: ![A chart](img/chart%201.png)\n'),
      'b.md': note('B', 'S.', 'Only an image: ![](gone.png)\n'),
    })
    const out = path.join(await mkdtemp(path.join(tmpdir(), 'quire-missing-')), 'site')
    const io = recordingIO(root)
    expect(await run(['build', 'notes', '--out', out], io)).toBe(0)
    expect(io.err()).toContain('notes/a.md:7:1: warning: Embed ![[figure.png]] names a file that is not in the notes folder')
    expect(io.err()).toContain('(0 errors, 3 warnings)')
    const a = await readFile(path.join(out, 'a', 'index.html'), 'utf8')
    expect(a).toContain('<span class="missing-file">Missing image: figure.png</span>')
    expect(a).toContain('<span class="missing-file">Missing image: A chart (img/chart 1.png)</span>')
    expect(a).not.toMatch(/<img[^>]*src=""/)
    const b = await readFile(path.join(out, 'b', 'index.html'), 'utf8')
    expect(b).toContain('Only an image: <span class="missing-file">Missing image: gone.png</span>')
  })
})
