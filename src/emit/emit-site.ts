/**
 * Emit: write the site into a fresh staging folder beside the output, then
 * swap it into place. A build that fails leaves the previous site exactly as
 * it was; readers never see half of one and half of the other.
 *
 * Beside an output folder `site`, a build uses:
 * - `.site.quire-lock`: one build at a time; it holds the build's process id
 *   and (on Linux) the process's start time, so a lock whose process is gone,
 *   or whose id now belongs to another program, is taken over;
 * - `.site.quire-staging-<pid>-<t>`: the new site, as it is written;
 * - `.site.quire-old-<pid>-<t>`: the previous site, for the instant of the swap.
 *
 * The swap is two renames: the previous site aside, then the new one in.
 * Node has no atomic exchange of two folders (Linux's `renameat2` with
 * `RENAME_EXCHANGE` is not exposed), so one window remains: a build killed
 * between the two renames leaves nothing at the output path, and the
 * previous site whole in its `quire-old` folder. The next build recovers it
 * before doing anything else ({@link recoverSite}): holding the lock, it
 * renames the newest `quire-old` folder of a dead build back to the output
 * path when that path is empty, then removes every other leftover (staging
 * and old folders) of a dead build. At any other instant the output path
 * holds the old site or the new one.
 */
import { copyFile, lstat, mkdir, open, readdir, readFile, readlink, realpath, rename, rm, stat, writeFile } from 'node:fs/promises'
import { closeSync, fstatSync, linkSync, mkdirSync, openSync, rmSync, statSync, writeFileSync, type BigIntStats } from 'node:fs'
import path from 'node:path'
import type { FileSink, OutputFile, ReusedFile } from '../render/output-files.js'
import { InFlight } from '../in-flight.js'

/** The file that marks a folder as a site quire wrote (and may replace). */
export const siteMarker = '.quire-site'

/** Why the site could not be written. */
export interface EmitFailure {
  readonly ok: false
  readonly message: string
  /** A file of the previous site could not be reused after all: building again without reuse may succeed. */
  readonly reuse?: true
}

/** What was written. */
export interface EmitSuccess {
  readonly ok: true
  readonly written: number
  /** Where a forced build moved a folder that was not a quire site (nothing is deleted). */
  readonly movedAside?: string
}

export type EmitResult = EmitSuccess | EmitFailure

/** Options for {@link emitSite}. */
export interface EmitOptions {
  /** Build into an output folder quire did not create: it is moved aside (to `<name>.before-quire-<n>`), never deleted. */
  readonly force?: boolean
  /** A line identifying this build's site, written into the marker file (the build cache checks it). */
  readonly siteId?: string
  /** Keep the stamp of every file written, as `SiteWriter.stamps` (default true): a build that keeps no cache has no use for them. */
  readonly stamps?: boolean
}

const emptyOptions: EmitOptions = {}

/**
 * What quire wrote at a path of the site: its size, modification time and
 * inode. A file whose stamp changed since was changed by someone else.
 */
export type FileStamp = string

/** The stamp of a file as it is now. */
export function stampOf(info: BigIntStats): FileStamp {
  return `${info.size}:${info.mtimeNs}:${info.ino}`
}

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
  /** The stamp of every file written so far, by path in the site (for the build cache; none unless kept, see `EmitOptions.stamps`). */
  readonly stamps: ReadonlyMap<string, FileStamp>
  /** Wait for every write, mark the folder as quire's, and swap it into place. */
  commit(siteId?: string): Promise<EmitResult>
  /** Drop the staging folder and leave the previous site as it was. */
  abort(): Promise<void>
}

/** How many file writes a {@link SiteWriter} keeps in flight. */
const writesInFlight = 32

/** An output folder and what a build puts beside it. */
interface SitePaths {
  /** The output folder's real path. */
  readonly out: string
  readonly parent: string
  readonly name: string
  readonly lock: string
}

/** The paths a build of the output folder `out` (a real path) uses. */
function sitePaths(out: string): SitePaths {
  const parent = path.dirname(out)
  const name = path.basename(out)
  return { out, parent, name, lock: path.join(parent, `.${name}.quire-lock`) }
}

/**
 * Start writing a site into `outDir`: check that the folder may be
 * replaced, take its lock, recover what a killed build left, and make the
 * staging folder. A symbolic link at `outDir` is followed: the site
 * replaces the folder it points to.
 */
export async function openSite(
  outDir: string,
  options?: Readonly<Pick<EmitOptions, 'force' | 'stamps'>> | null,
): Promise<{ readonly ok: true; readonly writer: SiteWriter } | EmitFailure> {
  const force = (options || emptyOptions).force === true
  // On a large library, the stamps of every file are megabytes held to the end of the build.
  const keepStamps = (options || emptyOptions).stamps !== false
  const paths = sitePaths(await realPath(outDir))
  const { out, parent, name } = paths

  const refusal = replaceRefusal(out, await outputState(out), force)
  if (refusal) return { ok: false, message: refusal }

  try {
    await mkdir(parent, { recursive: true })
  } catch (problem) {
    return { ok: false, message: couldNotWrite(outDir, problem) }
  }
  const lock = await takeLock(paths.lock)
  if (!lock.ok) return lock
  const suffix = `${process.pid}-${Date.now().toString(36)}`
  const staging = path.join(parent, `.${name}.quire-staging-${suffix}`)
  const aside = path.join(parent, `.${name}.quire-old-${suffix}`)
  try {
    await recoverHolding(paths)
    await mkdir(staging, { recursive: true })
  } catch (problem) {
    await lock.release()
    return { ok: false, message: couldNotWrite(outDir, problem) }
  }

  // Folders of the staging folder made so far. They are made, and rendered files written, with blocking calls: each is
  // a short system call, cheaper than a round trip through the thread pool, and the thread that makes the pages
  // is the one that would pay for the round trips.
  const folders = new Set<string>([staging])
  const folder = (dir: string): void => {
    if (folders.has(dir)) return
    mkdirSync(dir, { recursive: true })
    folders.add(dir)
  }
  const inFlight = new InFlight()
  const stamps = new Map<string, FileStamp>()
  let failure: unknown
  let failedReuse: string[] = []
  let count = 0
  let closed = false

  /** Write one file into the staging folder and record its stamp. */
  const place = async (file: OutputFile): Promise<void> => {
    const target = path.join(staging, file.path)
    // A file made again replaces the one taken before (a reused page that could not be placed).
    stamps.delete(file.path)
    try {
      folder(path.dirname(target))
    } catch (problem) {
      throw withPath(problem, target)
    }
    if ('reuseFrom' in file) {
      const stamp = await reuse(file, target)
      if (stamp === undefined) failedReuse.push(file.path)
      else if (keepStamps) stamps.set(file.path, stamp)
      return
    }
    try {
      const stamp = await writeOwn(file, target)
      if (keepStamps) stamps.set(file.path, stamp)
    } catch (problem) {
      throw withPath(problem, target)
    }
  }

  const track = (work: Promise<void>): void => {
    inFlight.add(
      work.catch((problem: unknown) => {
        failure ??= problem
      }),
    )
  }

  const settle = async (): Promise<void> => {
    await inFlight.drained()
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
    stamps,
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
      track(place(file))
      await inFlight.room(writesInFlight)
    },
    placed(file, stamp) {
      if (closed || failure !== undefined) return
      // Written by a worker thread, which took the stamp as it wrote it.
      count++
      if (keepStamps) stamps.set(file, stamp)
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
        if (failedReuse.length > 0) {
          await cleanUp()
          return {
            ok: false,
            message: `could not write the site to ${outDir}: ${failedReuse[0]} could not be reused from the previous site. The previous site was left as it was.`,
            reuse: true,
          }
        }
        const id = siteId ? `site: ${siteId}\n` : ''
        await writeFile(path.join(staging, siteMarker), `This folder is a site built by quire. quire replaces it whole on every build.\n${id}`)
        const movedAside = await swapIn(staging, paths, aside, force)
        closed = true
        await lock.release()
        return movedAside === undefined ? { ok: true, written: count } : { ok: true, written: count, movedAside }
      } catch (problem) {
        await cleanUp()
        return { ok: false, message: problem instanceof Refusal ? problem.message : couldNotWrite(outDir, problem) }
      }
    },
    abort: cleanUp,
  }
  return { ok: true, writer }
}

/** A reason not to replace the output folder, found at the moment of the swap. */
class Refusal extends Error {}

/**
 * Put the staged site at the output path: the previous site is renamed
 * aside, the staged one renamed in, and the previous one removed. A folder
 * that is not a quire site (only with `force`) is moved to a free sibling
 * name instead, and kept; its new path is returned.
 *
 * A crash between the two renames leaves nothing at the output path: the
 * next build renames `aside` back (see {@link recoverSite}). A folder that
 * was not a quire site stays, whole, at the sibling name it was given.
 */
async function swapIn(staging: string, { out }: SitePaths, aside: string, force: boolean): Promise<string | undefined> {
  // Checked again: the folder may have changed while the site was being made.
  const state = await outputState(out)
  const refusal = replaceRefusal(out, state, force)
  if (refusal) throw new Refusal(refusal)
  const setAside = state === 'missing' ? undefined : state === 'foreign' ? await freeSibling(out) : aside
  if (setAside) await rename(out, setAside)
  // The window: a build killed here leaves `aside` and no site; the next build renames it back.
  try {
    await rename(staging, out)
  } catch (problem) {
    if (setAside) await rename(setAside, out)
    throw problem
  }
  // The new site is in place whatever happens now: an old folder that cannot be removed is swept by the next build.
  // Removed with blocking calls: nothing else is left to run meanwhile, and each of the old site's thousands of
  // files would otherwise cost a round trip through libuv's thread pool (about twice the time in all).
  if (setAside === aside) removeQuietly(aside)
  return state === 'foreign' ? setAside : undefined
}

/** Remove `folder` and everything in it, if it can be. */
function removeQuietly(folder: string): void {
  try {
    rmSync(folder, { recursive: true, force: true })
  } catch {
    // Swept by the next build (see recoverSite).
  }
}

/** The first free `<out>.before-quire-<n>`, for a folder `--force` moves aside. */
async function freeSibling(out: string): Promise<string> {
  for (let n = 1; ; n++) {
    const candidate = `${out}.before-quire-${n}`
    if (
      !(await lstat(candidate).then(
        () => true,
        () => false,
      ))
    )
      return candidate
  }
}

/** Write a file quire made (or copies) at `target`; its stamp. */
async function writeOwn(file: Exclude<OutputFile, ReusedFile>, target: string): Promise<FileStamp> {
  if ('contents' in file) return writeStamped(target, file.contents)
  if ('pieces' in file) return writePieces(target, file.pieces)
  // A file copied byte for byte from elsewhere (never linked: the source may change).
  await copyFile(file.copyFrom, target)
  return stampOf(await stat(target, { bigint: true }))
}

/**
 * Place a file of the previous site at `target`, unchanged since the last
 * build: its old bytes are linked in rather than written again, but only
 * while they are still exactly what quire wrote (its stamp is the one
 * recorded). The stamp of the placed file, or undefined when it must be
 * made again.
 */
async function reuse(file: ReusedFile, target: string): Promise<FileStamp | undefined> {
  // Blocking calls, as for the files written (see `openSite`): an edit build links nearly every file of the site, and
  // two round trips through the thread pool per file cost the main thread more than the calls themselves.
  const now = statSync(file.reuseFrom, { bigint: true, throwIfNoEntry: false })
  if (!now || file.stamp === undefined || stampOf(now) !== file.stamp) return undefined
  try {
    // A hard link shares the inode: size, modification time and inode stay, and so does the stamp.
    linkSync(file.reuseFrom, target)
    return file.stamp
  } catch {
    try {
      await copyFile(file.reuseFrom, target)
      return stampOf(await stat(target, { bigint: true }))
    } catch {
      return undefined
    }
  }
}

/** Write a file and return its stamp (taken from the open file, not looked up again by path). */
export function writeStamped(target: string, contents: string): FileStamp {
  const handle = openSync(target, 'w')
  try {
    // writeFileSync writes until every byte is written (a single write may take only part of them) or fails.
    writeFileSync(handle, contents)
    return stampOf(fstatSync(handle, { bigint: true }))
  } finally {
    closeSync(handle)
  }
}

/** Write a file made in pieces, about a megabyte at a time; return its stamp. */
async function writePieces(target: string, pieces: Iterable<string>): Promise<FileStamp> {
  const handle = await open(target, 'w')
  try {
    let buffer = ''
    const flush = async (): Promise<void> => {
      const bytes = Buffer.from(buffer)
      buffer = ''
      for (let offset = 0; offset < bytes.length;) offset += (await handle.write(bytes, offset, bytes.length - offset)).bytesWritten
    }
    for (const piece of pieces) {
      buffer += piece
      if (buffer.length >= 1 << 20) await flush()
    }
    await flush()
    return stampOf(await handle.stat({ bigint: true }))
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

/**
 * A failure met while writing the site (a full disk, a file too large, a
 * folder where a file should go…), by whatever thread wrote, as the clean
 * failure a build reports; undefined for anything that is not a file
 * system error (a bug, which should be reported as one).
 */
export function writeFailure(outDir: string, problem: unknown): EmitFailure | undefined {
  const code = (problem as NodeJS.ErrnoException | undefined)?.code
  if (typeof code !== 'string' || !/^E[A-Z0-9]+$/.test(code)) return undefined
  return { ok: false, message: couldNotWrite(outDir, problem) }
}

/** The message of a failed write. */
function couldNotWrite(outDir: string, problem: unknown): string {
  return `could not write the site to ${outDir}: ${describeError(problem)}. The previous site was left as it was.`
}

/** What is at the output path: nothing, not a folder, an empty folder, a quire site, or a folder quire did not create. */
type OutputState = 'missing' | 'not-folder' | 'empty' | 'site' | 'foreign'

async function outputState(out: string): Promise<OutputState> {
  const info = await stat(out).catch(() => undefined)
  if (!info) return 'missing'
  if (!info.isDirectory()) return 'not-folder'
  // A folder that cannot be read is not known to be quire's.
  const entries = await readdir(out).catch(() => undefined)
  if (!entries) return 'foreign'
  if (entries.length === 0) return 'empty'
  return entries.includes(siteMarker) ? 'site' : 'foreign'
}

/** Why the output folder may not be replaced, if it may not. `force` lets a folder quire did not create be moved aside. */
function replaceRefusal(out: string, state: OutputState, force: boolean): string | undefined {
  if (state === 'not-folder') return `${out} exists and is not a folder. Choose another --out.`
  if (state === 'foreign' && !force) {
    return `${out} is not empty and was not created by quire (it has no ${siteMarker} file), so quire will not replace it. Choose another --out, or pass --force to move it aside (to ${path.basename(out)}.before-quire-<n>, nothing is deleted) and build there.`
  }
  return undefined
}

/**
 * The real path of `file`: every symbolic link resolved. For a path that
 * does not exist yet, its nearest existing ancestor's real path and the
 * rest as written (a dangling link is followed to where it points).
 */
export async function realPath(file: string): Promise<string> {
  return realPathWithin(path.resolve(file), 0)
}

async function realPathWithin(absolute: string, depth: number): Promise<string> {
  const found = await realpath(absolute).catch(() => undefined)
  if (found !== undefined) return found
  const parent = path.dirname(absolute)
  if (parent === absolute || depth > 40) return absolute
  const target = await readlink(absolute).catch(() => undefined)
  const realParent = await realPathWithin(parent, depth + 1)
  if (target !== undefined) return realPathWithin(path.resolve(realParent, target), depth + 1)
  return path.join(realParent, path.basename(absolute))
}

/** What {@link recoverSite} did. */
export interface Recovery {
  /** The folder a killed build had set aside, now back at the output path. */
  readonly restored: string | undefined
  /** Leftover staging and old folders of dead builds, removed. */
  readonly swept: readonly string[]
}

const nothingRecovered: Recovery = { restored: undefined, swept: [] }

/**
 * Undo what a killed build left beside `outDir`: the previous site, if a
 * build was killed between the two renames of its swap, is renamed back to
 * the output path; staging and old folders of builds that are gone are
 * removed. A build calls this before anything else. It takes the output's
 * lock for the time; while a live build holds it, nothing is done (that
 * build is not dead).
 */
export async function recoverSite(outDir: string): Promise<Recovery> {
  const paths = sitePaths(await realPath(outDir))
  if (
    !(await stat(paths.parent).then(
      (info) => info.isDirectory(),
      () => false,
    ))
  )
    return nothingRecovered
  const lock = await takeLock(paths.lock)
  if (!lock.ok) return nothingRecovered
  try {
    return await recoverHolding(paths)
  } finally {
    await lock.release()
  }
}

/** {@link recoverSite}, for a caller that holds the lock. */
async function recoverHolding({ out, parent, name }: SitePaths): Promise<Recovery> {
  const dead: { entry: string; leftover: Leftover }[] = []
  for (const entry of await readdir(parent).catch(() => [])) {
    const leftover = leftoverOf(name, entry)
    if (leftover && (await buildIsGone(leftover))) dead.push({ entry, leftover })
  }
  if (dead.length === 0) return nothingRecovered
  let restored: string | undefined
  if (
    !(await lstat(out).then(
      () => true,
      () => false,
    ))
  ) {
    const newest = dead.filter(({ leftover }) => leftover.kind === 'old').sort((a, b) => b.leftover.made - a.leftover.made)[0]
    if (newest) {
      restored = path.join(parent, newest.entry)
      await rename(restored, out)
    }
  }
  const swept: string[] = []
  for (const { entry } of dead) {
    const folder = path.join(parent, entry)
    if (folder === restored) continue
    await rm(folder, { recursive: true, force: true }).catch(() => undefined)
    swept.push(folder)
  }
  return { restored, swept }
}

/** A staging or old folder a build made beside its output: which, the build's process id, and when (ms). */
export interface Leftover {
  readonly kind: 'staging' | 'old'
  readonly pid: number
  readonly made: number
}

/** The leftover a folder named `entry` is, if it is one of a build of the output folder `name`. */
export function leftoverOf(name: string, entry: string): Leftover | undefined {
  const prefix = `.${name}.quire-`
  if (!entry.startsWith(prefix)) return undefined
  const match = /^(staging|old)-(\d+)-([0-9a-z]+)$/.exec(entry.slice(prefix.length))
  if (!match) return undefined
  return { kind: match[1] as Leftover['kind'], pid: Number(match[2]), made: Number.parseInt(match[3]!, 36) }
}

/**
 * Is the build that made a leftover gone? Asked only by a build holding
 * the output's lock, so a folder of this process is from a build that
 * ended. Otherwise: its process is gone, or (on Linux) its id now belongs
 * to a process started after the folder was made.
 */
async function buildIsGone({ pid, made }: Leftover): Promise<boolean> {
  if (pid === process.pid) return true
  if (!isAlive(pid)) return true
  const started = await processStartedAt(pid)
  return started !== undefined && started > made + 1000
}

interface Lock {
  readonly ok: true
  release(): Promise<void>
}

/** Who holds a lock: a process id and, where known, the process's start time (clock ticks since boot, as Linux gives it). */
export interface LockOwner {
  readonly pid: number
  readonly started: string | undefined
}

/** A lock file's text. */
export function lockText(owner: LockOwner): string {
  return `quire build lock\npid: ${owner.pid}\n${owner.started === undefined ? '' : `started: ${owner.started}\n`}`
}

/** Who holds a lock, from its file's text; a bare process id is a lock from an older quire. */
export function lockOwner(text: string): LockOwner | undefined {
  const bare = /^\s*(\d+)\s*$/.exec(text)
  const pid = bare ? bare[1] : /^pid: (\d+)$/m.exec(text)?.[1]
  if (pid === undefined) return undefined
  return { pid: Number(pid), started: /^started: (\d+)$/m.exec(text)?.[1] }
}

/** Locks this process holds (a second build in the same process must not take them over). */
const heldLocks = new Set<string>()

/**
 * One build at a time per output folder. A lock is taken over when the
 * process that took it is gone, or its id now belongs to another process:
 * on Linux, one started at another time than the lock records (for a lock
 * from an older quire, which records no start time: one whose command line
 * does not name quire). Elsewhere a live process is taken to be the build.
 */
async function takeLock(file: string): Promise<Lock | EmitFailure> {
  for (let attempt = 0; attempt < 2; attempt++) {
    if (heldLocks.has(file))
      return { ok: false, message: `another build in this process is writing this site (its lock is ${file}). Wait for it to finish, then build again.` }
    try {
      const handle = await open(file, 'wx')
      heldLocks.add(file)
      try {
        await handle.writeFile(lockText({ pid: process.pid, started: await processStart(process.pid) }))
      } finally {
        await handle.close()
      }
      let released = false
      return {
        ok: true,
        // Once only: a second release must not remove a lock another build of this process has taken since.
        release: async () => {
          if (released) return
          released = true
          heldLocks.delete(file)
          await rm(file, { force: true })
        },
      }
    } catch (problem) {
      if ((problem as NodeJS.ErrnoException).code !== 'EEXIST') {
        heldLocks.delete(file)
        return { ok: false, message: `could not take the lock ${file}: ${describeError(problem)}. Check that its folder can be written to.` }
      }
      const owner = lockOwner(await readFile(file, 'utf8').catch(() => ''))
      if (owner && (owner.pid === process.pid ? heldLocks.has(file) : await stillBuilding(owner))) {
        return {
          ok: false,
          message: `another quire build (process ${owner.pid}) is writing this site; its lock is ${file}. Wait for it to finish, then build again. If no build is running, delete ${file}.`,
        }
      }
      await rm(file, { force: true })
    }
  }
  return { ok: false, message: `could not take the lock ${file}: another build took it at the same time. Build again.` }
}

/** Is the process that took a lock still running (and still the same process)? */
async function stillBuilding(owner: LockOwner): Promise<boolean> {
  if (!isAlive(owner.pid)) return false
  const started = await processStart(owner.pid)
  // No /proc: a live process with that id is taken to be the build.
  if (started === undefined) return true
  if (owner.started !== undefined) return owner.started === started
  const command = await readFile(`/proc/${owner.pid}/cmdline`, 'utf8').catch(() => undefined)
  return command === undefined || /quire/i.test(command)
}

/** A process's start time in clock ticks since boot, from `/proc/<pid>/stat` (Linux); undefined elsewhere. */
async function processStart(pid: number): Promise<string | undefined> {
  const text = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined)
  // The command name (field 2) is in parentheses and may hold spaces: the fields after it start at the last `) `.
  const fields = text?.slice(text.lastIndexOf(') ') + 2).split(' ')
  const started = fields?.[19]
  return started !== undefined && /^\d+$/.test(started) ? started : undefined
}

/** Linux reports process start times in units of 1/100 s (USER_HZ, the same on every architecture Node runs on). */
const ticksPerSecond = 100

/** When a process started (ms since the epoch), on Linux; undefined elsewhere. */
async function processStartedAt(pid: number): Promise<number | undefined> {
  const [ticks, system] = await Promise.all([processStart(pid), readFile('/proc/stat', 'utf8').catch(() => undefined)])
  const boot = system && /^btime (\d+)$/m.exec(system)?.[1]
  if (ticks === undefined || !boot) return undefined
  return (Number(boot) + Number(ticks) / ticksPerSecond) * 1000
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (problem) {
    return (problem as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** A file system error with the file it was about, when the error does not say. */
function withPath(problem: unknown, file: string): unknown {
  const error = problem as NodeJS.ErrnoException
  if (error && typeof error === 'object' && error.code && !error.path) error.path = file
  return problem
}

function describeError(problem: unknown): string {
  const error = problem as NodeJS.ErrnoException
  if (error.code && error.path) return `${error.code} on ${error.path}`
  return error.message ?? String(problem)
}
