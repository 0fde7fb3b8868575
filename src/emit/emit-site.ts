/**
 * Emit: write the site into a fresh staging folder beside the output, then
 * swap it into place. A build that fails leaves the previous site exactly as
 * it was; readers never see half of one and half of the other.
 */
import { copyFile, link, mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { FileSink, OutputFile } from '../render/render-site.js'

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

/**
 * A site being written: files go into a staging folder beside the output
 * as they are rendered (several writes in flight at once), so no build
 * holds its whole site in memory. `commit` swaps the staging folder into
 * place; `abort` (or a failed write) removes it, and the previous site
 * stays exactly as it was.
 */
export interface SiteWriter extends FileSink {
  /** Files taken so far. */
  readonly count: number
  /** Wait for every write, mark the folder as quire's, and swap it into place. */
  commit(siteId?: string): Promise<EmitResult>
  /** Drop the staging folder and leave the previous site as it was. */
  abort(): Promise<void>
}

/** How many file writes a {@link SiteWriter} keeps in flight. */
const writesInFlight = 32

/**
 * Start writing a site into `outDir`: check that the folder may be
 * replaced, take its lock, and make the staging folder.
 */
export async function openSite(outDir: string, options?: Readonly<Pick<EmitOptions, 'force'>> | null): Promise<{ readonly ok: true; readonly writer: SiteWriter } | EmitFailure> {
  const out = path.resolve(outDir)
  const parent = path.dirname(out)
  const name = path.basename(out)

  const refusal = await checkReplaceable(out, (options || emptyOptions).force === true)
  if (refusal) return { ok: false, message: refusal }

  await mkdir(parent, { recursive: true })
  const lock = await takeLock(path.join(parent, `.${name}.quire-lock`))
  if (!lock.ok) return lock
  const suffix = `${process.pid}-${Date.now().toString(36)}`
  const staging = path.join(parent, `.${name}.quire-staging-${suffix}`)
  const aside = path.join(parent, `.${name}.quire-old-${suffix}`)
  try {
    await mkdir(staging, { recursive: true })
  } catch (problem) {
    await lock.release()
    return { ok: false, message: `could not write the site to ${outDir}: ${describeError(problem)}. The previous site was left as it was.` }
  }

  const folders = new Map<string, Promise<unknown>>([[staging, Promise.resolve()]])
  const folder = (dir: string): Promise<unknown> => {
    let made = folders.get(dir)
    if (!made) {
      made = mkdir(dir, { recursive: true })
      folders.set(dir, made)
    }
    return made
  }
  const inFlight = new Set<Promise<void>>()
  let failure: unknown
  let failedReuse: string[] = []
  let count = 0
  let closed = false

  const place = async (file: OutputFile): Promise<void> => {
    const target = path.join(staging, file.path)
    await folder(path.dirname(target))
    if ('contents' in file) return writeFile(target, file.contents)
    if ('pieces' in file) return writePieces(target, file.pieces)
    // A file copied byte for byte from elsewhere (never linked: the source may change).
    if ('copyFrom' in file) return copyFile(file.copyFrom, target)
    // Unchanged since the last build: link the old bytes in instead of writing them again.
    try {
      await link(file.reuseFrom, target).catch(() => copyFile(file.reuseFrom, target))
    } catch {
      failedReuse.push(file.path)
    }
  }

  const settle = async (): Promise<void> => {
    while (inFlight.size > 0) await Promise.all([...inFlight])
  }

  const cleanUp = async (): Promise<void> => {
    closed = true
    await settle()
    await rm(staging, { recursive: true, force: true }).catch(() => undefined)
    await lock.release()
  }

  const writer: SiteWriter = {
    folder: staging,
    get count() {
      return count
    },
    async add(file) {
      if (closed) throw new Error('quire: a file was added to a site that was already committed or aborted')
      count++
      if (failure !== undefined) return
      // A streamed file is written whole before the next file is made (it may share its maker's state).
      if ('pieces' in file) {
        await place(file).catch((problem: unknown) => {
          failure ??= problem
        })
        return
      }
      const write = place(file).then(
        () => void inFlight.delete(write),
        (problem: unknown) => {
          inFlight.delete(write)
          failure ??= problem
        },
      )
      inFlight.add(write)
      if (inFlight.size >= writesInFlight) await Promise.race(inFlight)
    },
    async settle() {
      await settle()
      const missing = failedReuse
      failedReuse = []
      return missing
    },
    async commit(siteId) {
      await settle()
      try {
        if (failure !== undefined) throw failure
        if (failedReuse.length > 0) throw new Error(`${failedReuse[0]} could not be reused from the previous site`)
        const id = siteId ? `site: ${siteId}\n` : ''
        await writeFile(path.join(staging, siteMarker), `This folder is a site built by quire. quire replaces it whole on every build.\n${id}`)
        const hadPrevious = await exists(out)
        if (hadPrevious) await rename(out, aside)
        try {
          await rename(staging, out)
        } catch (problem) {
          if (hadPrevious) await rename(aside, out)
          throw problem
        }
        closed = true
        if (hadPrevious) await rm(aside, { recursive: true, force: true })
        await lock.release()
        return { ok: true, written: count }
      } catch (problem) {
        await cleanUp()
        return { ok: false, message: `could not write the site to ${outDir}: ${describeError(problem)}. The previous site was left as it was.` }
      }
    },
    abort: cleanUp,
  }
  return { ok: true, writer }
}

/** Write a file made in pieces, about a megabyte at a time. */
async function writePieces(target: string, pieces: Iterable<string>): Promise<void> {
  const handle = await open(target, 'w')
  try {
    let buffer = ''
    const flush = async (): Promise<void> => {
      const bytes = Buffer.from(buffer)
      buffer = ''
      for (let offset = 0; offset < bytes.length; ) offset += (await handle.write(bytes, offset, bytes.length - offset)).bytesWritten
    }
    for (const piece of pieces) {
      buffer += piece
      if (buffer.length >= 1 << 20) await flush()
    }
    await flush()
  } finally {
    await handle.close()
  }
}

/** Write `files` as the complete contents of `outDir`, atomically. */
export async function emitSite(outDir: string, files: readonly OutputFile[], options?: Readonly<EmitOptions> | null): Promise<EmitResult> {
  const settings = options || emptyOptions
  const opened = await openSite(outDir, settings)
  if (!opened.ok) return opened
  try {
    for (const file of files) await opened.writer.add(file)
  } catch (problem) {
    await opened.writer.abort()
    throw problem
  }
  return opened.writer.commit(settings.siteId)
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
