/**
 * A build of an unchanged library leaves the site as it is and reports
 * what the build before it reported; any change to what the site is made
 * from (a note, an attachment, the config, an option, the build day, or
 * the site itself edited by hand) makes the site again, byte for byte as a
 * build without a cache would.
 */
import { cp, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { run } from '../src/cli.js'
import { recordingIO } from './support/notes.js'
import { snapshot } from './support/site.js'

let root: string
const note = 'notes/sequencing-imitation-then-exploration.md'
const page = 'sequencing-imitation-then-exploration/index.html'
const picture = 'notes/figure.png'

/** `quire build` in `root` with these flags: its exit code and its report (with the time taken left out). */
async function build(...flags: string[]): Promise<{ code: number; report: string }> {
  const io = recordingIO(root)
  const code = await run(['build', ...flags], io)
  return { code, report: io.err().replace(/ in [\d.]+ s /, ' in … s ') }
}

/** The site folder's inode: a build that swapped a new site in changed it. */
async function siteInode(): Promise<number> {
  return (await stat(path.join(root, 'site'))).ino
}

/** A build of the same notes elsewhere, with the same flags and no cache. */
async function cleanBuild(...flags: string[]): Promise<Record<string, string>> {
  const other = await mkdtemp(path.join(tmpdir(), 'quire-clean-'))
  await cp(path.join(root, 'notes'), path.join(other, 'notes'), { recursive: true })
  expect(await run(['build', '--no-cache', ...flags], recordingIO(other))).toBe(0)
  return snapshot(path.join(other, 'site'))
}

async function edit(file: string, change: (text: string) => string): Promise<void> {
  const full = path.join(root, file)
  await writeFile(full, change(await readFile(full, 'utf8')))
}

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'quire-unchanged-'))
  await cp('notes', path.join(root, 'notes'), { recursive: true })
  // A picture a note shows: an attachment the site publishes.
  await writeFile(path.join(root, picture), 'picture, first version')
  await edit(note, (text) => `${text}\n![A figure](figure.png)\n`)
})

describe('a build of an unchanged library', () => {
  it('leaves the site as it is, and reports the diagnostics a build from nothing reports', async () => {
    const cold = await build('--build-date', '2030-01-01')
    expect(cold.code).toBe(0)
    expect(cold.report).toMatch(/stale-claim/)
    const site = await snapshot(path.join(root, 'site'))
    const inode = await siteInode()
    const marker = (await stat(path.join(root, 'site', '.quire-site'))).ino

    const warm = await build('--build-date', '2030-01-01')
    expect(warm).toEqual(cold)
    // Not swapped, not even its marker written again.
    expect(await siteInode()).toBe(inode)
    expect((await stat(path.join(root, 'site', '.quire-site'))).ino).toBe(marker)
    expect(await snapshot(path.join(root, 'site'))).toEqual(site)
    expect(site).toEqual({ ...(await cleanBuild('--build-date', '2030-01-01')), '.quire-site': site['.quire-site'] })
  })

  it('makes the site again when a note, an attachment or the config changes, or a note is added', async () => {
    await build()
    const changes: [string, () => Promise<void>, (site: Record<string, string>) => void][] = [
      [
        'a note',
        () => edit(note, (text) => text.replace('Running Supervised RL first', 'Running SFT first')),
        (site) => expect(site[page]).toContain('Running SFT first'),
      ],
      [
        'an attachment',
        () => writeFile(path.join(root, picture), 'picture, second version'),
        (site) => expect(site['figure.png']).toBe('picture, second version'),
      ],
      [
        'the config',
        () => edit('notes/quire.config.yaml', (text) => text.replace('title: Research notes', 'title: Other notes')),
        (site) => expect(site['index.html']).toContain('Other notes'),
      ],
      [
        'a new note',
        () => writeFile(path.join(root, 'notes', 'added-later.md'), '# Added later\n\nA new note.\n'),
        (site) => expect(site['added-later/index.html']).toContain('A new note.'),
      ],
    ]
    for (const [what, change, check] of changes) {
      const inode = await siteInode()
      await change()
      expect((await build()).code, what).toBe(0)
      expect(await siteInode(), what).not.toBe(inode)
      const site = await snapshot(path.join(root, 'site'))
      check(site)
      expect(site, what).toEqual({ ...(await cleanBuild()), '.quire-site': site['.quire-site'] })
    }
  })

  it('makes the site again for other options or another build day, and fails under --strict as the first build would', async () => {
    await build()
    for (const flags of [
      ['--title', 'Given title'],
      ['--base', '/notes/'],
      ['--build-date', '2030-01-01'],
    ]) {
      const inode = await siteInode()
      const { code, report } = await build(...flags)
      expect(code).toBe(0)
      expect(await siteInode(), flags.join(' ')).not.toBe(inode)
      const site = await snapshot(path.join(root, 'site'))
      expect(site, flags.join(' ')).toEqual({ ...(await cleanBuild(...flags)), '.quire-site': site['.quire-site'] })
      if (flags[0] === '--build-date') expect(report).toMatch(/stale-claim/)
    }
    const inode = await siteInode()
    const strict = await build('--build-date', '2030-01-01', '--strict')
    expect(strict.code).toBe(1)
    expect(strict.report).toMatch(/--strict makes warnings fail the build/)
    expect(await siteInode()).toBe(inode)
  })

  it('makes the site again when a file of it was added, removed or edited by hand', async () => {
    await build()
    const built = await snapshot(path.join(root, 'site'))
    const changes: [string, () => Promise<void>][] = [
      ['a file added', () => writeFile(path.join(root, 'site', page.replace('index.html', 'extra.txt')), 'added by hand')],
      ['a file removed', () => rm(path.join(root, 'site', 'graph.json'))],
      ['a file edited', () => edit(`site/${page}`, (text) => text.replace('<', '!'))],
    ]
    for (const [what, change] of changes) {
      await change()
      expect((await build()).code, what).toBe(0)
      expect(await snapshot(path.join(root, 'site')), what).toEqual(built)
    }
  })

  it('makes the site again when a symbolic link is made to point elsewhere', async () => {
    // A link out of the notes folder publishes nothing; pointed at a note inside it, it publishes that note.
    await writeFile(path.join(root, 'outside.md'), '# Outside\n\nNot in the notes folder.\n')
    await writeFile(path.join(root, 'notes', 'inside.md'), '# Inside\n\nIn the notes folder.\n')
    await symlink(path.join(root, 'outside.md'), path.join(root, 'notes', 'alias.md'))
    await build()
    expect((await snapshot(path.join(root, 'site')))['alias/index.html']).toBeUndefined()
    await rm(path.join(root, 'notes', 'alias.md'))
    await symlink(path.join(root, 'notes', 'inside.md'), path.join(root, 'notes', 'alias.md'))
    await build()
    expect((await snapshot(path.join(root, 'site')))['alias/index.html']).toContain('In the notes folder.')
  })

  it('reads a note again when its stamp changed, and takes it as unchanged when its text is', async () => {
    // Stamps of files changed moments before a build are not trusted: let the copy settle, so this build records them.
    await new Promise((resolve) => setTimeout(resolve, 2100))
    const first = await build()
    let inode = await siteInode()
    // Saved again with the same text: a new stamp, the same site.
    await edit(note, (text) => text)
    expect(await build()).toEqual(first)
    expect(await siteInode()).toBe(inode)
    // The same size, another text.
    await edit(note, (text) => text.replace('Running Supervised RL first', 'Running Supervised RL frst!'))
    await build()
    expect(await siteInode()).not.toBe(inode)
    expect((await snapshot(path.join(root, 'site')))[page]).toContain('Running Supervised RL frst!')
    inode = await siteInode()
    expect((await build()).code).toBe(0)
    expect(await siteInode()).toBe(inode)
  })
})
