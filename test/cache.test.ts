/**
 * The persistent build cache: a warm build is byte-identical to a cold
 * one, reuses unchanged pages without rewriting them, and is never trusted
 * when it could be wrong.
 */
import { cp, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { run } from '../src/cli.js'
import { recordingIO } from './support/notes.js'
import { listFiles, snapshot } from './support/site.js'

let root: string
const note = 'notes/sequencing-imitation-then-exploration.md'
const page = 'sequencing-imitation-then-exploration/index.html'
const untouched = 'rl-collapses-format-diversity/index.html'

async function build(...flags: string[]): Promise<string> {
  const io = recordingIO(root)
  expect(await run(['build', ...flags], io)).toBe(0)
  return io.err()
}

/** A clean build of the same notes elsewhere, with no cache at all. */
async function cleanBuild(): Promise<Record<string, string>> {
  const other = await mkdtemp(path.join(tmpdir(), 'quire-clean-'))
  await cp(path.join(root, 'notes'), path.join(other, 'notes'), { recursive: true })
  expect(await run(['build', '--no-cache'], recordingIO(other))).toBe(0)
  return snapshot(path.join(other, 'site'))
}

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'quire-cache-'))
  await cp('notes', path.join(root, 'notes'), { recursive: true })
})

describe('the build cache', () => {
  it('makes warm and incremental builds byte-identical to clean ones, without rewriting unchanged pages', async () => {
    await build()
    const cold = await snapshot(path.join(root, 'site'))
    expect(await cleanBuild()).toEqual(cold)
    const before = await stat(path.join(root, 'site', untouched))
    const index = await stat(path.join(root, 'site', 'search', 'manifest.json'))

    await build()
    expect(await snapshot(path.join(root, 'site'))).toEqual(cold)
    // Same inode: the unchanged page was linked from the previous site, not written again.
    expect((await stat(path.join(root, 'site', untouched))).ino).toBe(before.ino)
    // So were the search files, which nothing changed either.
    expect((await stat(path.join(root, 'site', 'search', 'manifest.json'))).ino).toBe(index.ino)

    const text = await readFile(path.join(root, note), 'utf8')
    await writeFile(path.join(root, note), text.replace('Running Supervised RL first', 'Running SFT first'))
    await build()
    const edited = await snapshot(path.join(root, 'site'))
    expect(edited[page]).toContain('Running SFT first')
    expect(edited['inquiries/distillation-then-rlvr/index.html']).toContain('Running SFT first')
    expect(edited).toEqual(await cleanBuild())
    expect((await stat(path.join(root, 'site', untouched))).ino).toBe(before.ino)
    // The edited summary is searchable: the search files were made again.
    expect((await stat(path.join(root, 'site', 'search', 'manifest.json'))).ino).not.toBe(index.ino)
    expect(Object.entries(edited).some(([file, text]) => file.startsWith('search/text/') && text.includes('running sft first'))).toBe(true)
  })

  // The home page, a folder's page and a tag's page show the body of an `index.md` or a note below `tags/`, made from
  // its draft: an edit to that body alone must make them again.
  it('makes the home, folder and tag pages again when only the body they show was edited', async () => {
    const intros: Record<string, readonly [title: string, body: string]> = {
      'notes/index.md': ['Home', 'Welcome: the inquiries start from the list below.'],
      'notes/inquiries/index.md': ['Inquiries', 'Each inquiry asks one question.'],
      'notes/tags/method.md': ['Method', 'Notes about how training is sequenced.'],
    }
    await mkdir(path.join(root, 'notes/tags'))
    for (const [file, [title, body]] of Object.entries(intros))
      await writeFile(path.join(root, file), `---\ntitle: ${title}\nsummary: ${title}.\n---\n\n${body}\n`)
    await writeFile(path.join(root, 'notes/tagged.md'), '---\ntitle: Is this note tagged?\nsummary: It is.\ntags: [method]\n---\n\nA tagged note.\n')
    await build()
    for (const [file, [, body]] of Object.entries(intros)) {
      const text = await readFile(path.join(root, file), 'utf8')
      await writeFile(path.join(root, file), text.replace(body, `${body} An edited sentence.`))
    }
    await build()
    const edited = await snapshot(path.join(root, 'site'))
    expect(edited['index.html']).toContain('An edited sentence.')
    expect(edited['inquiries/index.html']).toContain('An edited sentence.')
    expect(edited).toEqual(await cleanBuild())
  })

  it('is neither read nor written by a --no-cache build, whose site the next build with the cache takes as it is', async () => {
    await build()
    const cacheFolder = path.join(root, '.quire-cache')
    const cached = async () =>
      Promise.all((await readdir(cacheFolder)).sort().map(async (name) => [name, await readFile(path.join(cacheFolder, name), 'utf8')]))
    const before = await cached()
    await writeFile(path.join(root, note), (await readFile(path.join(root, note), 'utf8')).replace('Running Supervised RL first', 'Built without the cache'))
    await build('--no-cache')
    expect(await cached()).toEqual(before)
    const uncached = await snapshot(path.join(root, 'site'))
    expect(uncached[page]).toContain('Built without the cache')
    await build()
    expect(await snapshot(path.join(root, 'site'))).toEqual(uncached)
    expect(uncached).toEqual(await cleanBuild())
  })

  it('ignores a truncated cache file, and a cache from another quire', async () => {
    await build()
    const [cacheName] = await readdir(path.join(root, '.quire-cache'))
    const cachePath = path.join(root, '.quire-cache', cacheName!)
    const text = await readFile(cachePath, 'utf8')
    await writeFile(cachePath, text.slice(0, text.length / 2))
    await writeFile(path.join(root, note), (await readFile(path.join(root, note), 'utf8')).replace('Running Supervised RL first', 'Truncated cache'))
    await build()
    expect(await snapshot(path.join(root, 'site'))).toEqual(await cleanBuild())

    const stored = JSON.parse(await readFile(cachePath, 'utf8')) as {
      key: string
      parses: Record<string, { hash: string; document?: { data: { title: string } } }>
    }
    // Poison the stored parse of the note, then pretend another quire wrote it.
    for (const entry of Object.values(stored.parses)) if (entry.document) entry.document.data.title = 'POISONED'
    await writeFile(cachePath, JSON.stringify({ ...stored, key: 'another-version' }))
    await build()
    const site = await snapshot(path.join(root, 'site'))
    expect(JSON.stringify(site)).not.toContain('POISONED')
    expect(site).toEqual(await cleanBuild())
  })

  it('reuses nothing from an output folder that no longer holds the cached site', async () => {
    await build()
    await rm(path.join(root, 'site', untouched))
    await writeFile(path.join(root, 'site', '.quire-site'), 'This folder is a site built by quire.\n')
    await build()
    expect(await snapshot(path.join(root, 'site'))).toEqual(await cleanBuild())
  })

  it('parses every file again when the output folder is gone, rather than taking the cached parses', async () => {
    // Every page is made again then, and a fresh parse drafts each body in the same pass (on large
    // libraries, in worker threads) where a cached parse would leave each body to be rendered whole.
    await build()
    const [cacheName] = await readdir(path.join(root, '.quire-cache'))
    const cachePath = path.join(root, '.quire-cache', cacheName!)
    const stored = JSON.parse(await readFile(cachePath, 'utf8')) as { parses: Record<string, { document?: { data: { title: string } } }> }
    for (const entry of Object.values(stored.parses)) if (entry.document) entry.document.data.title = 'STALE'
    await writeFile(cachePath, JSON.stringify(stored))
    await rm(path.join(root, 'site'), { recursive: true })
    await build()
    const site = await snapshot(path.join(root, 'site'))
    expect(JSON.stringify(site)).not.toContain('STALE')
    expect(site).toEqual(await cleanBuild())
  })

  it('recovers when a reused page was deleted by hand', async () => {
    await build()
    await rm(path.join(root, 'site', untouched))
    await build()
    expect(await snapshot(path.join(root, 'site'))).toEqual(await cleanBuild())
  })

  it('carries every file of an unchanged library into the new site by hard link, and swaps it in whole', async () => {
    await build()
    const files = await listFiles(path.join(root, 'site'))
    const inodes = new Map(await Promise.all(files.map(async (file) => [file, (await stat(path.join(root, 'site', file))).ino] as const)))
    const cold = await snapshot(path.join(root, 'site'))
    await build()
    expect(await snapshot(path.join(root, 'site'))).toEqual(cold)
    // Every file quire made, listing pages, graph.json and the feed included, is the same inode: none was written again.
    const rewritten = []
    for (const file of files) if (file !== '.quire-site' && (await stat(path.join(root, 'site', file))).ino !== inodes.get(file)) rewritten.push(file)
    expect(rewritten).toEqual([])
    // Nothing of the build is left beside the site: no staging folder, no previous site, no lock.
    expect((await readdir(root)).sort()).toEqual(['.quire-cache', 'notes', 'site'])
  })

  it('makes a carried file edited by hand in the new site again, even when it kept its size', async () => {
    await build()
    await build()
    // The carried files share their inode with nothing now: the previous site is gone.
    expect((await stat(path.join(root, 'site', untouched))).nlink).toBe(1)
    for (const file of [untouched, 'index.html', 'graph.json']) {
      const target = path.join(root, 'site', file)
      const text = await readFile(target, 'utf8')
      // The same number of bytes, another text: only the modification time tells.
      await writeFile(target, text.replace('<', '!'))
    }
    await build()
    expect(await snapshot(path.join(root, 'site'))).toEqual(await cleanBuild())
  })
})
