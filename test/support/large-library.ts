/**
 * One large library for the whole test run: 10,200 small notes in 30
 * folders (scripts/folder-library.ts), built once into `site/` and shared by
 * every test file that asks for it. Building it takes about 15 s, so it is
 * built on first use, not for runs that never ask.
 *
 * vitest's global setup (test/support/large-library-setup.ts) gives each run
 * an empty folder; the first test file to call `largeLibrary()` takes a lock
 * in it and builds, the others wait for its `ready` (or `failed`) marker.
 * If the file that holds the lock stops before either (its worker ended),
 * the next one to notice builds again in a folder of its own. Nothing here
 * deletes the folder: the global teardown does.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
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
  const lock = path.join(root, 'lock')
  for (let waited = 0; waited < 240_000; waited += 250) {
    const failure = await readFile(failed, 'utf8').catch(() => undefined)
    if (failure !== undefined) throw new Error(`another test file failed to build the large library: ${failure}`)
    const built = await readFile(ready, 'utf8').catch(() => undefined)
    if (built !== undefined) return built
    if (await takeLock(lock)) return build(root, ready, failed)
    // A test file that stopped while it built (its hook timed out, its worker ended) leaves the lock behind: take it over.
    if (waited % 1000 === 0) await releaseIfAbandoned(lock)
    await sleep(250)
  }
  throw new Error('timed out waiting for another test file to build the large library')
}

/** Take the builder's lock, recording which process holds it; false if another holds it. */
async function takeLock(lock: string): Promise<boolean> {
  try {
    await mkdir(lock)
  } catch {
    return false
  }
  await writeFile(path.join(lock, 'pid'), String(process.pid))
  return true
}

/** Move the lock aside if the process that holds it has ended; of the files that try at once, one succeeds. */
async function releaseIfAbandoned(lock: string): Promise<void> {
  const pid = Number(await readFile(path.join(lock, 'pid'), 'utf8').catch(() => ''))
  // No pid yet: the lock was just taken.
  if (!pid || isRunning(pid)) return
  await rename(lock, `${lock}-abandoned-${pid}`).catch(() => {})
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (problem) {
    return (problem as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Write and build the library in a folder of this attempt's own; `ready` names that folder. */
async function build(root: string, ready: string, failed: string): Promise<string> {
  const folder = path.join(root, `library-${process.pid}`)
  try {
    await writeFolderLibrary(path.join(folder, 'notes'), largeLibraryNoteCount)
    let errors = ''
    const code = await run(['build', 'notes', '--out', 'site'], { stdout: () => {}, stderr: (text) => void (errors += text), cwd: folder })
    if (code !== 0) throw new Error(`the large library did not build (exit ${code}):\n${errors}`)
    await writeFile(ready, folder)
  } catch (problem) {
    await writeFile(failed, String((problem as Error).message))
    throw problem
  }
  return folder
}

/** The large library's site, served, with Chromium launched; `close()` leaves the library in place. */
export async function browseLargeLibrary(): Promise<BrowsedSite> {
  return browseSite(await largeLibrary(), { keep: true })
}
