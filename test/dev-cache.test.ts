/**
 * quire dev starts from the build cache: the parses a build of the same
 * notes left are taken, only files changed since are parsed, and what is
 * served is what a build of the notes as they are now writes.
 */
import { cp, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { run } from '../src/cli.js'
import { startDevSession, type DevSession } from '../src/dev/dev-session.js'
import { recordingIO } from './support/notes.js'
import { snapshot } from './support/site.js'
import { loadParsesOf } from '../src/build/persistent-cache.js'
import { quireKey } from '../src/build/cache-key.js'
import { newestSiteRecord } from '../src/build/site-record.js'
import type { Slug } from '../src/model.js'

const note = 'sequencing-imitation-then-exploration.md'
let session: DevSession | undefined

afterEach(async () => {
  await session?.close()
  session = undefined
})

/** A copy of the demo notes, built once with the cache in the copy's working folder. */
async function builtCopy(): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'quire-dev-cache-'))
  await cp('notes', path.join(root, 'notes'), { recursive: true })
  expect(await run(['build'], recordingIO(root))).toBe(0)
  return root
}

async function start(root: string, log: string[]): Promise<DevSession> {
  return startDevSession({
    notesDir: path.join(root, 'notes'),
    host: '127.0.0.1',
    port: 0,
    cwd: root,
    cacheDir: path.join(root, '.quire-cache'),
    log: (line) => log.push(line),
  })
}

describe('quire dev with a build cache', () => {
  it('parses only the notes changed since the build, and serves them as they are now', async () => {
    const root = await builtCopy()
    const file = path.join(root, 'notes', note)
    await writeFile(file, (await readFile(file, 'utf8')).replace('Running Supervised RL first', 'Edited after the build: SFT first'))
    const log: string[] = []
    session = await start(root, log)
    expect(log.join('\n')).toMatch(/parsed 1 of 10 files \(the rest from the build cache\)/)
    const page = await (await fetch(`${session.url}inquiries/distillation-then-rlvr/`)).text()
    expect(page).toContain('Edited after the build: SFT first')

    // Every file served is the file a build of the notes as they are now writes.
    expect(await run(['build', '--no-cache', '--out', 'fresh'], recordingIO(root))).toBe(0)
    const built = await snapshot(path.join(root, 'fresh'))
    delete built['.quire-site']
    expect(Object.fromEntries(await session.site())).toEqual(built)
  })

  it('serves the files a build left when nothing changed since, the same bytes as the session makes once it has read the notes', async () => {
    const root = await builtCopy()
    const built = await snapshot(path.join(root, 'site'))
    delete built['.quire-site']
    const log: string[] = []
    session = await start(root, log)
    expect(log.join('\n')).toMatch(/serving the site quire build left in site\/ \(nothing changed since\)/)
    // Served from the built site (or, once the notes are read, made again): the same bytes either way.
    const page = 'inquiries/distillation-then-rlvr/index.html'
    const served = await (await fetch(`${session.url}${page}`)).text()
    expect(served.replace(/<link rel="stylesheet" href="\/__quire\/client\.css"><script src="\/__quire\/client\.js" defer><\/script>/, '')).toBe(built[page])
    expect(await (await fetch(`${session.url}graph.json`)).text()).toBe(built['graph.json'])
    expect(Object.fromEntries(await session.site())).toEqual(built)
    expect(log.join('\n')).toMatch(/ready for edits after \d+ ms; parsed 0 of 10 files/)
    expect(session.diagnostics().map((d) => d.code)).toEqual(['missing-site-url'])

    // A save once the notes are read is served as usual.
    const file = path.join(root, 'notes', note)
    await writeFile(file, (await readFile(file, 'utf8')).replace('Running Supervised RL first', 'Saved in the session: SFT first'))
    await session.idle()
    await new Promise((resolve) => setTimeout(resolve, 300))
    await session.idle()
    expect(await (await fetch(`${session.url}${page}`)).text()).toContain('Saved in the session: SFT first')
  })

  it('finds in the build cache what each page and each file made from the library read, for the library the build was made from', async () => {
    const root = await builtCopy()
    const stored = await loadParsesOf(path.join(root, '.quire-cache'), path.join(root, 'notes'), await quireKey())
    const siteRecord = await newestSiteRecord(path.join(root, '.quire-cache'), path.join(root, 'notes'), await quireKey())
    expect(stored?.library).toBe(siteRecord?.library)
    const records = stored!.records
    // A page, a listing and the library's lists: what they show of the notes, so a warm session need not record them again.
    expect(records.get('inquiries/distillation-then-rlvr' as Slug)).toEqual(expect.arrayContaining(['prose:inquiries/distillation-then-rlvr']))
    expect(records.get('file:graph.json')).toEqual(expect.arrayContaining(['#structure', 'summary:inquiries/distillation-then-rlvr']))
    expect(records.get('file:index.html')).toEqual(expect.arrayContaining(['#structure']))
    // The search term shards' shared record is worked out again instead of being stored once per file.
    expect(records.has('file:search/manifest.json')).toBe(false)
  })

  it('serves a file of the built site edited by hand as the notes make it', async () => {
    const root = await builtCopy()
    const page = 'inquiries/distillation-then-rlvr/index.html'
    const original = await readFile(path.join(root, 'site', page), 'utf8')
    await writeFile(path.join(root, 'site', page), original.replace('<', '!'))
    session = await start(root, [])
    const served = await (await fetch(`${session.url}${page}`)).text()
    expect(served).toContain(original.slice(0, 200))
  })

  it('parses everything when the cache was left by another quire', async () => {
    const root = await builtCopy()
    const folder = path.join(root, '.quire-cache')
    for (const name of await readdir(folder)) {
      const text = await readFile(path.join(folder, name), 'utf8')
      await writeFile(path.join(folder, name), text.replace(/^\{"key":"[^"]*"/, '{"key":"another-quire"'))
    }
    const log: string[] = []
    session = await start(root, log)
    expect(log.join('\n')).toMatch(/parsed 10 files;/)
  })
})
