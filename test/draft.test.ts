/**
 * A build drafts each body as it parses it (`draftBody`: links left as
 * slots) and fills the slots once the graph is known (`finishBody`). That
 * must give the very bytes of rendering each body whole with the graph in
 * hand, for every kind of link, on pages at every depth.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Graph } from '../src/model.js'
import type { KeptDrafts } from '../src/build/kept-drafts.js'
import { contentsOf, renderSite } from '../src/render/render-site.js'
import { analyseSite } from '../src/build/site-build.js'
import { writeSyntheticVault } from '../scripts/synthetic-vault.js'
import { note, notesFolder } from './support/notes.js'
import { shippedFiles } from '../src/load/shipped-files.js'

/** Every file of a build of `notes`, drafted or not, the graph and the drafts. */
async function site(notes: string, cwd: string, draftBodies: boolean): Promise<{ files: Record<string, string>; graph: Graph; drafts: KeptDrafts }> {
  // Rendered even when links are broken (an error that stops `quire build`): broken links must draft right too.
  const analysed = await analyseSite(notes, { cwd, draftBodies })
  const rendered = await renderSite(analysed.graph, analysed.site, shippedFiles, undefined, undefined, undefined, analysed.drafts)
  const files: Record<string, string> = {}
  for (const file of rendered.files) if (!('copyFrom' in file)) files[file.path] = contentsOf(file)
  return { files, graph: analysed.graph, drafts: analysed.drafts }
}

/** Build both ways; the sites must be equal, and `drafted` documents must have had a draft. */
async function expectSameSite(notes: string, cwd: string, drafted: readonly string[], whole: readonly string[] = []): Promise<void> {
  const withDrafts = await site(notes, cwd, true)
  const withoutDrafts = await site(notes, cwd, false)
  expect(Object.keys(withDrafts.files).length).toBeGreaterThan(3)
  for (const [file, text] of Object.entries(withoutDrafts.files)) expect(withDrafts.files[file], file).toBe(text)
  expect(Object.keys(withDrafts.files)).toEqual(Object.keys(withoutDrafts.files))
  const draftOf = (slug: string) => withDrafts.drafts.get(withDrafts.graph.documents.get(slug as never)!.file.path)
  for (const slug of drafted) expect(draftOf(slug), `${slug} should be drafted`).toBeDefined()
  for (const slug of whole) expect(draftOf(slug), `${slug} should be rendered whole`).toBeUndefined()
  expect(withoutDrafts.drafts.size).toBe(0)
}

describe('drafted bodies', () => {
  it('give the same site as bodies rendered whole, for every kind of link', async () => {
    const root = await notesFolder({
      'index.md': '# Home\n\nStart at [[deep/inner]] or [the first note](a.md#methods), tagged #start.\n',
      'a.md': note(
        'A & <first> "note"?',
        'One.',
        '## Methods\n\nSee [[b]], [[b|labelled]], [[b#Results]], [[#Methods]], [[missing]], [[Draft]] and [[paper.pdf]].\n\n![figure](img/fig.png) and ![gone](img/gone.png)\n\n### A [[b|labelled link]] in a heading\n\n#### A [link](b.md) in a heading\n\n[dead](nowhere.md) and <https://example.org> and arXiv:2401.00001 in [[b|a label arXiv:2401.00001]], [[missing|gone arXiv:2401.00002]] and [not here arXiv:2401.00003](nowhere.md).\n\nA footnote.[^1]\n\n[^1]: Its text links [[b]].\n\n> [!note] A callout with [[b]]\n> And #tag/inner text.\n',
      ),
      'b.md': note('B: results?', 'Two.', '## Results\n\nBack to [[a]].\n\n```python\nprint("x")\n```\n\n$x^2$\n'),
      'deep/inner.md': note('Deep inner?', 'Three.', 'Up to [[a]] and [[index]] and #start, with ![[img/fig.png]].\n'),
      'embeds.md': note(
        'Embeds?',
        'Files shown in the page.',
        '![[img/fig.png|200]]\n\nA [![figure](img/fig.png)](https://example.org) and a [![[img/fig.png]]](https://example.org) inside links.\n\n![[paper.pdf|the paper]], ![[img/gone.png]], ![[clip.mp4]] and ![[../img/fig.png|120x40]].\n',
      ),
      'embeds-note.md': note('Embeds a note?', 'Seven.', 'Before.\n\n![[b]]\n\nAfter ![[b#Results]].\n'),
      'named-png.md': note('Named like a file?', 'Eight.', '![[chart.png]]\n'),
      'chart.png.md': note('chart.png', 'A note whose title reads as a file.', 'Text.\n'),
      'heading-embed.md': note('Heading embed?', 'Nine.', '## See ![[img/gone.png]]\n\nText.\n'),
      'heading.md': note('Heading?', 'Four.', '## About [[b]]\n\nText.\n'),
      'html.md': note('Html?', 'Five.', 'Raw <em>html</em> and [[b]].\n'),
      'control.md': note('Control?', 'Six.', 'A stray \u0001 character and [[b]].\n'),
      'draft.md': note('Draft', 'Not yet.', '', 'draft: true\n'),
      'paper.pdf': '%PDF-1.4\n',
      'img/fig.png': 'not really a png',
    })
    await expectSameSite(
      path.join(root, 'notes'),
      root,
      ['index', 'a', 'b', 'deep/inner', 'embeds', 'named-png'],
      ['heading', 'html', 'control', 'embeds-note', 'heading-embed'],
    )
  })

  it('give the same site as bodies rendered whole, for the seed library and two vaults', async () => {
    await expectSameSite(path.resolve('notes'), process.cwd(), [])
    await expectSameSite(path.resolve('test/fixtures/vault'), process.cwd(), [])
    const vault = await notesFolder({})
    await writeSyntheticVault(path.join(vault, 'notes'))
    await expectSameSite(path.join(vault, 'notes'), vault, [])
  })

  it('never lets a token through to a page', async () => {
    const root = await notesFolder({ 'a.md': note('A?', 'One.', 'Links [[b]] and [x](b.md) and #t.\n'), 'b.md': note('B?', 'Two.', 'Text.\n') })
    const { files } = await site(path.join(root, 'notes'), root, true)
    for (const [file, text] of Object.entries(files)) expect(/[\u0001\u0002]/.test(text), file).toBe(false)
    expect(await readFile(path.join(root, 'notes', 'a.md'), 'utf8')).toContain('[[b]]')
  })
})
