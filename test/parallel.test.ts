/**
 * Large libraries are parsed in worker threads (compiled quire only). The
 * site must be the same bytes as a build parsed in the main thread.
 */
import { execFile } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { writeSyntheticLibrary } from '../scripts/synthetic-library.js'
import { oneShotBuild, snapshot } from './support/site.js'

describe('parallel parsing', () => {
  // A build in worker threads drafts each body where it is parsed, and (for libraries up to
  // draftsHeldUpTo files) makes those pages there too; the main thread makes the rest.
  it.each([
    ['the seed library', 'notes'],
    ['a vault with embeds, callouts, images and broken links', 'test/fixtures/vault'],
  ])(
    'gives the same site as parsing in the main thread: %s',
    async (_label, notes) => {
      const out = await mkdtemp(path.join(tmpdir(), 'quire-parallel-'))
      const build = (name: string, parallelMin: string) =>
        promisify(execFile)(process.execPath, ['dist/src/bin.js', 'build', notes, '--out', path.join(out, name), '--no-cache'], {
          env: { ...process.env, QUIRE_PARALLEL_MIN: parallelMin },
        })
      await build('workers', '1')
      await build('main', '1000000')
      const workers = await snapshot(path.join(out, 'workers'))
      expect(Object.keys(workers).length).toBeGreaterThan(10)
      expect(workers).toEqual(await snapshot(path.join(out, 'main')))
    },
    120_000,
  )

  // Above draftsHeldUpTo files, one thread keeps its drafts and the others send theirs back; the main thread
  // makes those pages, or lends their drafts to the thread that stayed while it has little to do.
  it('gives the same site when one thread keeps its drafts and the main thread lends it others', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'quire-parallel-'))
    const notes = path.join(out, 'notes')
    await writeSyntheticLibrary(notes, 300)
    const build = (name: string, env: Record<string, string>) =>
      promisify(execFile)(process.execPath, ['dist/src/bin.js', 'build', notes, '--out', path.join(out, name), '--no-cache'], {
        env: { ...process.env, ...env },
      })
    await build('split', { QUIRE_PARALLEL_MIN: '1', QUIRE_DRAFTS_HELD_UP_TO: '0' })
    await build('main', { QUIRE_PARALLEL_MIN: '1000000' })
    const split = await snapshot(path.join(out, 'split'))
    expect(Object.keys(split).length).toBeGreaterThan(300)
    expect(split).toEqual(await snapshot(path.join(out, 'main')))
  }, 120_000)

  // The texts are set aside once parsed; the threads that make pages and the search index read them again from their files.
  it('stops when a note is edited while the pages are made, naming it, and leaves the previous site as it was', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'quire-parallel-'))
    const notes = path.join(out, 'notes')
    await writeSyntheticLibrary(notes, 60)
    // The compiled build, whose worker threads run the compiled worker script.
    const compiled = pathToFileURL(path.resolve('dist/src/build/folder-build.js')).href
    const { buildIntoFolder } = (await import(compiled)) as typeof import('../src/build/folder-build.js')
    const request = oneShotBuild(notes, path.join(out, 'site'), out)
    const before = process.env.QUIRE_PARALLEL_MIN
    process.env.QUIRE_PARALLEL_MIN = '1'
    // Set the texts aside, as on a library with more text than this one.
    process.env.QUIRE_TEXTS_HELD_UP_TO = '0'
    try {
      expect((await buildIntoFolder(request)).kind).toBe('built')
      const site = await snapshot(request.outDir)
      const edited = await buildIntoFolder({
        ...request,
        analysed: () => writeFileSync(path.join(notes, 'data', 'n00007-quantisation-verifier.md'), '# Edited mid-build\n'),
      })
      expect(edited).toEqual({
        kind: 'write-failed',
        message: expect.stringMatching(/n00007-quantisation-verifier\.md changed while the site was being built; build it again\./),
      })
      expect(await snapshot(request.outDir)).toEqual(site)
    } finally {
      if (before === undefined) delete process.env.QUIRE_PARALLEL_MIN
      else process.env.QUIRE_PARALLEL_MIN = before
      delete process.env.QUIRE_TEXTS_HELD_UP_TO
    }
  }, 120_000)
})
