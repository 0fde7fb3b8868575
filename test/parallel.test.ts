/**
 * Large libraries are parsed in worker threads (compiled quire only). The
 * site must be the same bytes as a build parsed in the main thread.
 */
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, readdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

async function snapshot(root: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {}
  async function walk(folder: string): Promise<void> {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name)
      if (entry.isDirectory()) await walk(full)
      else files[path.relative(root, full)] = await readFile(full, 'utf8')
    }
  }
  await walk(root)
  return files
}

describe('parallel parsing', () => {
  it('gives the same site as parsing in the main thread', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'quire-parallel-'))
    const build = (name: string, parallelMin: string) =>
      promisify(execFile)(process.execPath, ['dist/src/bin.js', 'build', 'notes', '--out', path.join(out, name), '--no-cache'], {
        env: { ...process.env, QUIRE_PARALLEL_MIN: parallelMin },
      })
    await build('workers', '1')
    await build('main', '1000000')
    const workers = await snapshot(path.join(out, 'workers'))
    expect(Object.keys(workers).length).toBeGreaterThan(10)
    expect(workers).toEqual(await snapshot(path.join(out, 'main')))
  })
})
