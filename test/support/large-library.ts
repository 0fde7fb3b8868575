/**
 * One large library for the whole test run: 10,200 small notes in 30
 * folders (scripts/folder-library.ts), built once into `site/` and shared by
 * every test file that asks for it. Building it takes about 15 s, so it is
 * built on first use, not for runs that never ask.
 *
 * vitest's global setup (test/support/large-library-setup.ts) gives each run
 * an empty folder; the first test file to call `largeLibrary()` takes a lock
 * in it and builds, the others wait for its `ready` (or `failed`) marker.
 * Nothing here deletes the folder: the global teardown does.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { inject } from 'vitest'
import { writeFolderLibrary } from '../../scripts/folder-library.js'
import { run } from '../../src/cli.js'
import { browseSite, type BrowsedSite } from './browser.js'

/** How many notes the shared library has: above 10,000, in 30 folders. */
export const largeLibraryNoteCount = 10_200

declare module 'vitest' {
  export interface ProvidedContext {
    largeLibraryRoot: string
  }
}

/** The folder holding `notes/` and the built `site/`; built on the first call of the run. */
export async function largeLibrary(): Promise<string> {
  const root = inject('largeLibraryRoot')
  const ready = path.join(root, 'ready')
  const failed = path.join(root, 'failed')
  let builder = true
  try {
    await mkdir(path.join(root, 'lock'))
  } catch {
    builder = false
  }
  if (builder) {
    try {
      await writeFolderLibrary(path.join(root, 'notes'), largeLibraryNoteCount)
      let errors = ''
      const code = await run(['build', 'notes', '--out', 'site'], { stdout: () => {}, stderr: (text) => void (errors += text), cwd: root })
      if (code !== 0) throw new Error(`the large library did not build (exit ${code}):\n${errors}`)
      await writeFile(ready, '')
    } catch (problem) {
      await writeFile(failed, String((problem as Error).message))
      throw problem
    }
    return root
  }
  for (let waited = 0; waited < 240_000; waited += 250) {
    const failure = await readFile(failed, 'utf8').catch(() => undefined)
    if (failure !== undefined) throw new Error(`another test file failed to build the large library: ${failure}`)
    if (
      await readFile(ready).then(
        () => true,
        () => false,
      )
    )
      return root
    await sleep(250)
  }
  throw new Error('timed out waiting for another test file to build the large library')
}

/** The large library's site, served, with Chromium launched; `close()` leaves the library in place. */
export async function browseLargeLibrary(): Promise<BrowsedSite> {
  return browseSite(await largeLibrary(), { keep: true })
}
