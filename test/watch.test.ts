import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { watchNotes } from '../src/dev/watch.js'

describe('the dev watcher', () => {
  it('rebuilds again when a file is written again just after a rebuild read it', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'quire-watch-'))
    const file = path.join(folder, 'a.md')
    await writeFile(file, 'first\n')
    const rebuilds: string[][] = []
    const watcher = watchNotes([folder], async (changed) => {
      rebuilds.push([...changed])
      // A second write lands while the first rebuild runs: within the 50 ms in which
      // chokidar passes on no further change to the same file.
      if (rebuilds.length === 1) await writeFile(file, 'second, longer\n')
    })
    try {
      await watcher.ready
      await writeFile(file, 'changed\n')
      const deadline = Date.now() + 5000
      while (rebuilds.length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20))
      await watcher.idle()
      expect(rebuilds).toEqual([[file], [file]])
    } finally {
      await watcher.close()
      await rm(folder, { recursive: true, force: true })
    }
  })
})
