/**
 * Emit: write the site into a fresh staging folder beside the output, then
 * swap it into place. A build that fails leaves the previous site exactly as
 * it was; readers never see half of one and half of the other.
 */
import { copyFile, link, mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { OutputFile } from '../render/render-site.js'

/** The file that marks a folder as a site quire wrote (and may replace). */
export const siteMarker = '.quire-site'

/** Why the site could not be written. */
export interface EmitFailure {
  readonly ok: false
  readonly message: string
}

/** What was written. */
export interface EmitSuccess {
  readonly ok: true
  readonly written: number
}

export type EmitResult = EmitSuccess | EmitFailure

/** Options for {@link emitSite}. */
export interface EmitOptions {
  /** Replace an output folder even if quire did not create it. */
  readonly force?: boolean
  /** A line identifying this build's site, written into the marker file (the build cache checks it). */
  readonly siteId?: string
}

const emptyOptions: EmitOptions = {}

/** Write `files` as the complete contents of `outDir`, atomically. */
export async function emitSite(outDir: string, files: readonly OutputFile[], options?: Readonly<EmitOptions> | null): Promise<EmitResult> {
  const settings = options || emptyOptions
  const out = path.resolve(outDir)
  const parent = path.dirname(out)
  const name = path.basename(out)

  const refusal = await checkReplaceable(out, settings.force === true)
  if (refusal) return { ok: false, message: refusal }

  await mkdir(parent, { recursive: true })
  const lock = await takeLock(path.join(parent, `.${name}.quire-lock`))
  if (!lock.ok) return lock
  const suffix = `${process.pid}-${Date.now().toString(36)}`
  const staging = path.join(parent, `.${name}.quire-staging-${suffix}`)
  const aside = path.join(parent, `.${name}.quire-old-${suffix}`)
  try {
    await writeTree(staging, files, settings.siteId)
    const hadPrevious = await exists(out)
    if (hadPrevious) await rename(out, aside)
    try {
      await rename(staging, out)
    } catch (problem) {
      if (hadPrevious) await rename(aside, out)
      throw problem
    }
    if (hadPrevious) await rm(aside, { recursive: true, force: true })
    return { ok: true, written: files.length }
  } catch (problem) {
    await rm(staging, { recursive: true, force: true }).catch(() => undefined)
    return { ok: false, message: `could not write the site to ${outDir}: ${describeError(problem)}. The previous site was left as it was.` }
  } finally {
    await lock.release()
  }
}

/** Refuse to replace a non-empty folder that quire did not create, unless forced. */
async function checkReplaceable(out: string, force: boolean): Promise<string | undefined> {
  const info = await stat(out).catch(() => undefined)
  if (!info) return undefined
  if (!info.isDirectory()) return `${out} exists and is not a folder. Choose another --out.`
  if (force) return undefined
  const entries = await readdir(out)
  if (entries.length === 0 || entries.includes(siteMarker)) return undefined
  return `${out} is not empty and was not created by quire (it has no ${siteMarker} file), so quire will not replace it. Choose another --out, or pass --force to replace it.`
}

async function writeTree(root: string, files: readonly OutputFile[], siteId: string | undefined): Promise<void> {
  await mkdir(root, { recursive: true })
  const folders = new Set<string>()
  for (const file of files) folders.add(path.dirname(path.join(root, file.path)))
  for (const folder of [...folders].sort()) await mkdir(folder, { recursive: true })
  const batch = 64
  for (let i = 0; i < files.length; i += batch) {
    await Promise.all(
      files.slice(i, i + batch).map((file) => {
        const target = path.join(root, file.path)
        if ('contents' in file) return writeFile(target, file.contents)
        // Unchanged since the last build: link the old bytes in instead of writing them again.
        return link(file.reuseFrom, target).catch(() => copyFile(file.reuseFrom, target))
      }),
    )
  }
  const id = siteId ? `site: ${siteId}\n` : ''
  await writeFile(path.join(root, siteMarker), `This folder is a site built by quire. quire replaces it whole on every build.\n${id}`)
}

interface Lock {
  readonly ok: true
  release(): Promise<void>
}

/** Locks this process holds (a second build in the same process must not take them over). */
const heldLocks = new Set<string>()

/** One build at a time per output folder; a lock left by a process that is gone is taken over. */
async function takeLock(file: string): Promise<Lock | EmitFailure> {
  for (let attempt = 0; attempt < 2; attempt++) {
    if (heldLocks.has(file)) return { ok: false, message: 'another build in this process is writing this site. Wait for it to finish, then build again.' }
    try {
      const handle = await open(file, 'wx')
      heldLocks.add(file)
      await handle.writeFile(String(process.pid))
      await handle.close()
      return {
        ok: true,
        release: async () => {
          heldLocks.delete(file)
          await rm(file, { force: true })
        },
      }
    } catch (problem) {
      if ((problem as NodeJS.ErrnoException).code !== 'EEXIST') return { ok: false, message: `could not lock the output folder: ${describeError(problem)}` }
      const owner = Number.parseInt(await readFile(file, 'utf8').catch(() => ''), 10)
      if (Number.isInteger(owner) && (owner === process.pid ? heldLocks.has(file) : isAlive(owner))) {
        return { ok: false, message: `another quire build (process ${owner}) is writing this site. Wait for it to finish, then build again.` }
      }
      await rm(file, { force: true })
    }
  }
  return { ok: false, message: `could not lock the output folder (${file}).` }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (problem) {
    return (problem as NodeJS.ErrnoException).code === 'EPERM'
  }
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  )
}

function describeError(problem: unknown): string {
  const error = problem as NodeJS.ErrnoException
  if (error.code && error.path) return `${error.code} on ${error.path}`
  return error.message ?? String(problem)
}
