/**
 * Large libraries are parsed in worker threads (compiled quire only). The
 * site must be the same bytes as a build parsed in the main thread.
 */
import { execFile } from 'node:child_process'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { snapshot } from './support/site.js'


describe('parallel parsing', () => {
  // A build in worker threads drafts each body where it is parsed, and (for libraries up to
  // draftsHeldUpTo files) makes those pages there too; the main thread makes the rest.
  it.each([
    ['the seed library', 'notes'],
    ['a vault with embeds, callouts, images and broken links', 'test/fixtures/vault'],
  ])('gives the same site as parsing in the main thread: %s', async (_label, notes) => {
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
  })
})
