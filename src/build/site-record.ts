/**
 * The record of a site: what one `quire build` read and what it left in the
 * output folder, kept in the build cache (`site-<notes>-<output>.json`) so
 * that the next build can tell, without parsing anything, that nothing
 * changed, and `quire dev` can serve the site that build wrote.
 *
 * It holds:
 * - the settings the site was made with (command line, build day, working
 *   folder), the text of the config file and the dates git's history gave;
 * - each folder of the notes folder as it was listed, and each file looked
 *   at: its stamp (size, modification and change times, inode) taken before
 *   it was read, and for a note the hash of its text;
 * - the diagnostics, and how many files and pages there were;
 * - the stamp of every file and folder of the site as written.
 *
 * Everything in a site is made from those inputs, so when every one is as
 * recorded, the site is the one the output folder holds, as long as no file
 * or folder of it changed since (an edit by hand changes its stamp). A
 * file's stamp says nothing when the file changed within moments of being
 * looked at (a second change in the same tick of the file system's clock
 * would keep it): such a file is recorded without one, and its text is
 * read and hashed again next time.
 *
 * This module loads nothing of the pipeline: a build of an unchanged library
 * reads the record, looks at the files, and is done.
 */
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, readlinkSync, statSync, type BigIntStats, type Dirent } from 'node:fs'
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { CalendarDay } from '../dates.js'
import type { Diagnostic } from '../diagnostics.js'
import { configFileNames } from '../load/config-files.js'
import { gitDates } from '../load/git-dates.js'
import type { LoadObserver } from '../load/load-notes.js'
import type { FileDates } from '../model.js'
import { cachePrefix } from './cache-key.js'
import { textHash } from '../text-hash.js'

/** What the command line and the environment set for a build, besides the folders. */
export interface SiteSettings {
  /** Folder that diagnostics' paths are relative to. */
  readonly cwd: string
  readonly base: string | undefined
  readonly title: string | undefined
  readonly strict: boolean
  readonly buildDate: CalendarDay
  /** Dates from git's history, unless turned off on the command line (the config may turn them off too). */
  readonly gitDates: boolean
}

/** What a build read: the notes folder as it was looked at, and what else the site was made from. */
export interface SiteInputs {
  readonly settings: string
  /** Hash of the config file's text (see {@link configHash}). */
  readonly config: string
  /** Hash of the dates git's history gave, or null when history was not read. */
  readonly history: string | null
  /** Each folder listed, by absolute path: a hash of its entries' names and kinds. */
  readonly folders: readonly (readonly [folder: string, listing: string])[]
  /** Each file looked at, by absolute path: its stamp ('' when not to be trusted) and, for a note, the hash of its text ('' otherwise). */
  readonly files: readonly (readonly [file: string, stamp: string, text: string])[]
}

/** The site a build wrote, as it left it. */
export interface SiteOutput {
  /** The output folder, absolute. */
  readonly dir: string
  /** Every file of the site but the marker, by path relative to `dir`, with its stamp as written. */
  readonly files: readonly (readonly [file: string, stamp: string])[]
  /** Every folder of the site (`''` is `dir` itself), with its stamp once the site was in place. */
  readonly folders: readonly (readonly [folder: string, stamp: string])[]
  /** The stamp of the marker file. */
  readonly marker: string
}

/** The record of one build. */
export interface SiteRecord {
  /** Which quire wrote it (see `quireKey`). */
  readonly key: string
  readonly inputs: SiteInputs
  /** The fingerprint of the library (see `libraryFingerprint`): a dev session checks that what it reads later is what was built. */
  readonly library: string
  readonly diagnostics: readonly Diagnostic[]
  /** Markdown files read. */
  readonly fileCount: number
  /** HTML pages in the site. */
  readonly pageCount: number
  /** The path the site is served under (see `SiteOptions.base`). */
  readonly base: string
  readonly output: SiteOutput
}

/** The settings as the record keeps them. */
export function settingsKey(settings: SiteSettings): string {
  const { cwd, base, title, strict, buildDate, gitDates } = settings
  return JSON.stringify({ cwd, base: base ?? null, title: title ?? null, strict, buildDate: [buildDate.year, buildDate.month, buildDate.day], gitDates })
}

/**
 * Does the site look different from the one `record` describes: another
 * config file, or another base or title on the command line? Then every
 * page shows the change and every body is rendered again.
 */
export function restyled(record: SiteRecord, config: string, settings: string): boolean {
  if (record.inputs.config !== config) return true
  const before = JSON.parse(record.inputs.settings) as { base?: unknown; title?: unknown }
  const now = JSON.parse(settings) as { base?: unknown; title?: unknown }
  return before.base !== now.base || before.title !== now.title
}

/** A hash of the config file as it is now (its name and text; none when there is no config file). */
export async function configHash(notesDir: string): Promise<string> {
  const hash = createHash('sha256')
  for (const name of configFileNames) {
    const text = await readFile(path.join(notesDir, name)).catch(() => undefined)
    if (text !== undefined) hash.update(`${name}\u0000`).update(text).update('\u0000')
  }
  return hash.digest('base64url')
}

/** A hash of the dates git's history gave (none and an empty history are alike). */
export function historyHash(dates: ReadonlyMap<string, FileDates> | undefined): string {
  const hash = createHash('sha256')
  for (const [file, { created, updated }] of dates ?? []) hash.update(`${file}\u0001${created}\u0001${updated}\u0000`)
  return hash.digest('base64url')
}

/**
 * How long after a file's last change its stamp can be trusted: a second
 * change within the file system clock's tick (a few milliseconds, two
 * seconds on the coarsest file systems) would leave the stamp as it was.
 */
const settledNs = 2_000_000_000n

/** A file's stamp as an input: '' when it changed too recently to tell a later change by it. */
function inputStamp(info: BigIntStats | undefined, now: bigint): string {
  if (!info) return ''
  const changed = info.ctimeNs > info.mtimeNs ? info.ctimeNs : info.mtimeNs
  if (now - changed < settledNs) return ''
  return `${info.size}:${info.mtimeNs}:${info.ctimeNs}:${info.ino}`
}

/** The stamp `file` has now. */
function stampNow(file: string): string {
  return inputStamp(statSync(file, { bigint: true, throwIfNoEntry: false }), BigInt(Date.now()) * 1_000_000n)
}

/** A hash of a folder's entries as listed: names and kinds, in order, and where each symbolic link points (a link made to point elsewhere keeps its name). */
function listingHash(folder: string, entries: readonly Dirent[]): string {
  const hash = createHash('sha1')
  for (const entry of [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const kind = entry.isDirectory() ? 'd' : entry.isFile() ? 'f' : entry.isSymbolicLink() ? `l${linkTarget(path.join(folder, entry.name))}` : 'o'
    hash.update(`${entry.name}\u0000${kind}\u0000`)
  }
  return hash.digest('base64url')
}

/** Where a symbolic link points ('' when it cannot be read). */
function linkTarget(link: string): string {
  try {
    return readlinkSync(link)
  } catch {
    return ''
  }
}

/** Records what loading looks at (pass it to the analysis as its observer). */
export class InputRecorder implements LoadObserver {
  readonly folders = new Map<string, string>()
  readonly files = new Map<string, string>()
  /** Files other than notes whose stamp is not trusted yet, with a hash of their bytes taken before the build used them. */
  readonly contents = new Map<string, string>()

  folder(full: string, entries: readonly Dirent[]): void {
    this.folders.set(full, listingHash(full, entries))
  }

  file(full: string): void {
    // Taken before the file is read: a change after this makes the stamp differ.
    const stamp = stampNow(full)
    this.files.set(full, stamp)
    // A note's text is compared by its parse's hash; an attachment changed a moment ago is compared by its bytes, hashed
    // now, before the build copies it (a change after this makes the hash differ, so the next build makes the site).
    if (stamp === '' && !full.toLowerCase().endsWith('.md')) {
      const bytes = bytesHash(full)
      if (bytes !== undefined) this.contents.set(full, bytes)
    }
  }

  /** The inputs, given each note's text hash by path (from its parse) and what else the site was made from. */
  inputs(texts: (file: string) => string | undefined, rest: Pick<SiteInputs, 'settings' | 'config' | 'history'>): SiteInputs {
    return {
      ...rest,
      folders: [...this.folders],
      files: [...this.files].map(([file, stamp]) => [file, stamp, texts(file) ?? this.contents.get(file) ?? ''] as const),
    }
  }
}

/** Marks a recorded hash as one of a file's bytes (an attachment's), not of a note's text. */
const bytesPrefix = 'bytes:'

/** A hash of a file's bytes, as recorded for an attachment; undefined when it cannot be read. */
function bytesHash(file: string): string | undefined {
  try {
    return bytesPrefix + createHash('sha256').update(readFileSync(file)).digest('base64url')
  } catch {
    return undefined
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false })

/** The hash of a note's text as a build reads it (see `load-notes.ts`), or undefined when it is no note. */
function noteTextHash(file: string): string | undefined {
  try {
    const text = utf8.decode(readFileSync(file))
    return textHash(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)
  } catch {
    return undefined
  }
}

/** What {@link unchangedInputs} found. */
export interface InputsCheck {
  readonly unchanged: boolean
  /** With `unchanged`: files whose stamp changed but whose text did not, with their stamps now (the record is worth writing again). */
  readonly restamped: ReadonlyMap<string, string>
}

const changed: InputsCheck = { unchanged: false, restamped: new Map() }

/**
 * Are the inputs as recorded: the same settings, config, history, folders
 * and files? A file whose stamp differs (or was not trusted) is read again:
 * a note counts as unchanged when its text is, an attachment whose stamp
 * was not trusted when its bytes are.
 */
export async function unchangedInputs(notesDir: string, recorded: SiteInputs, settings: string): Promise<InputsCheck> {
  if (recorded.settings !== settings) return changed
  // git runs while the files are looked at.
  const history = recorded.history === null ? undefined : gitDates(notesDir).then(historyHash)
  if ((await configHash(notesDir)) !== recorded.config) return changed
  for (const [folder, listing] of recorded.folders) {
    let entries: Dirent[]
    try {
      entries = readdirSync(folder, { withFileTypes: true })
    } catch {
      return changed
    }
    if (listingHash(folder, entries) !== listing) return changed
  }
  const restamped = new Map<string, string>()
  for (const [file, stamp, text] of recorded.files) {
    const now = stampNow(file)
    if (stamp !== '' && now === stamp) continue
    if (text === '' || (text.startsWith(bytesPrefix) ? bytesHash(file) : noteTextHash(file)) !== text) return changed
    restamped.set(file, now)
  }
  if (history && (await history) !== recorded.history) return changed
  return { unchanged: true, restamped }
}

/** The stamp of a folder of the site: what changes when an entry is added, removed or renamed in it. */
function folderStamp(info: BigIntStats): string {
  return `${info.mtimeNs}:${info.ino}`
}

/** The stamp of a file of the site (as `stampOf` in emit-site.ts). */
function fileStamp(info: BigIntStats): string {
  return `${info.size}:${info.mtimeNs}:${info.ino}`
}

/** The folders of a site of these files, and their stamps as they are now (after the site is in place). */
export function outputFolders(dir: string, files: Iterable<string>): readonly (readonly [string, string])[] {
  const folders = new Set<string>([''])
  for (const file of files) {
    for (let at = file.lastIndexOf('/'); at > 0; at = file.lastIndexOf('/', at - 1)) {
      const folder = file.slice(0, at)
      if (folders.has(folder)) break
      folders.add(folder)
    }
  }
  const stamped: (readonly [string, string])[] = []
  for (const folder of folders) {
    const info = statSync(path.join(dir, folder), { bigint: true, throwIfNoEntry: false })
    if (info) stamped.push([folder, folderStamp(info)])
  }
  return stamped
}

/** The marker file's stamp now, or '' when it is gone. */
export function markerStamp(dir: string, marker: string): string {
  const info = statSync(path.join(dir, marker), { bigint: true, throwIfNoEntry: false })
  return info ? fileStamp(info) : ''
}

/**
 * Does the output folder hold exactly the site recorded: every file and
 * folder with its stamp as quire left it (so none edited, replaced, added
 * or removed by hand since)?
 */
export function unchangedOutput(output: SiteOutput, marker: string): boolean {
  const stampOf = (file: string, kind: (info: BigIntStats) => string): string => {
    const info = statSync(path.join(output.dir, file), { bigint: true, throwIfNoEntry: false })
    return info ? kind(info) : ''
  }
  if (output.marker === '' || stampOf(marker, fileStamp) !== output.marker) return false
  for (const [folder, stamp] of output.folders) if (stampOf(folder, folderStamp) !== stamp) return false
  for (const [file, stamp] of output.files) if (stamp === '' || stampOf(file, fileStamp) !== stamp) return false
  return true
}

/** Is this file of the recorded site still as quire wrote it? */
export function unchangedOutputFile(output: SiteOutput, file: string, stamp: string | undefined): boolean {
  if (stamp === undefined || stamp === '') return false
  const info = statSync(path.join(output.dir, file), { bigint: true, throwIfNoEntry: false })
  return info !== undefined && fileStamp(info) === stamp
}

/** Read a record; undefined when there is none, it cannot be read, or another quire wrote it. */
export async function loadSiteRecord(file: string, key: string): Promise<SiteRecord | undefined> {
  try {
    const record = JSON.parse(await readFile(file, 'utf8')) as SiteRecord
    return record?.key === key && typeof record.output?.dir === 'string' && Array.isArray(record.inputs?.files) ? record : undefined
  } catch {
    return undefined
  }
}

/** The newest record a build of `notesDir` left in `cacheDir`, into whatever output folder (for `quire dev`). */
export async function newestSiteRecord(cacheDir: string, notesDir: string, key: string): Promise<SiteRecord | undefined> {
  const prefix = cachePrefix('site', notesDir)
  const names = (await readdir(cacheDir).catch(() => [] as string[])).filter((name) => name.startsWith(prefix) && name.endsWith('.json'))
  const dated = await Promise.all(
    names.map(async (name) => ({ file: path.join(cacheDir, name), modified: (await stat(path.join(cacheDir, name)).catch(() => undefined))?.mtimeMs ?? -1 })),
  )
  for (const { file } of dated.filter((entry) => entry.modified >= 0).sort((a, b) => b.modified - a.modified)) {
    const record = await loadSiteRecord(file, key)
    if (record) return record
  }
  return undefined
}

/** Write a record atomically (a temporary file, then a rename); one that cannot be written only makes the next build slower. */
export async function saveSiteRecord(file: string, record: SiteRecord): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`
  try {
    await mkdir(path.dirname(file), { recursive: true })
    await writeFile(temporary, JSON.stringify(record))
    await rename(temporary, file)
  } catch {
    await rm(temporary, { force: true }).catch(() => undefined)
  }
}

/** The record with some input files' stamps as they are now. */
export function restamp(record: SiteRecord, restamped: ReadonlyMap<string, string>): SiteRecord {
  if (restamped.size === 0) return record
  const files = record.inputs.files.map(([file, stamp, text]) => [file, restamped.get(file) ?? stamp, text] as const)
  return { ...record, inputs: { ...record.inputs, files } }
}
