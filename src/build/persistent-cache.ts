/**
 * The persistent build cache: what one `quire build` leaves for the next,
 * in a dot-folder (`.quire-cache/` in the working directory; safe to delete).
 *
 * It holds each file's parse (front matter, links, positions, diagnostics,
 * keyed by a hash of the file's text) and each page's fingerprint. A warm
 * build parses only changed files, and pages whose fingerprint is unchanged
 * are hard-linked from the previous site instead of being rendered and
 * written again, as long as each old file is still exactly what quire
 * wrote: the cache records every file's stamp (size, modification time,
 * inode), and a file edited or replaced by hand is made again. It is never
 * stale: its key covers quire's version, its
 * code, its templates and its dependencies' lock file, and page reuse is
 * allowed only when the output folder still holds the site that cache
 * described (its marker file carries the same site id). A cache file that
 * cannot be read or parsed (a crash mid-write, a bad disk) is ignored.
 */
import { mkdir, open, readFile, readdir, rename, rm, stat, type FileHandle } from 'node:fs/promises'
import path from 'node:path'
import { cachePrefix } from './cache-key.js'
import type { ParseCache, ParseCacheEntry } from './parse-cache.js'
import type { Slug, SourceFile } from '../model.js'
import type { ReadValues } from '../graph/read-values.js'
import type { CacheKey, RenderCache } from '../render/output-files.js'
import { libraryCacheKey } from '../render/render-site.js'
import { restoreParse, SharedStrings, storeParse, type StoredParseResult } from './stored-parse.js'

/** A file's parse as stored, with the hash and display path it was made for. */
interface StoredParse extends StoredParseResult {
  readonly hash: string
  readonly displayPath: string
}

/** The cache file's contents. */
interface CacheFile {
  readonly key: string
  /** Id of the site this cache describes, its library's fingerprint (also written in the output folder's marker). */
  readonly siteId: string
  readonly parses: Record<string, StoredParse>
  /**
   * Each document page's fingerprint, the output files it made, each file's
   * stamp as written ('' when unknown), and what the page read of the graph
   * (see `graph/recorded-reads.ts`), as the numbers of its keys in
   * {@link CacheFile.keys}; the same for each file made from the library
   * (by `file:` and its path), and the library's fingerprint (under `file:`
   * alone).
   */
  readonly pages: Record<string, StoredPage>
  /**
   * Every key the records read, each once. A library's records name the
   * same keys again and again (the structure, the documents many pages
   * list): written out in full, they made most of the cache file, and of
   * the memory a build takes to read it.
   */
  readonly keys: readonly string[]
}

/** A page's entry in the cache file (see `CacheFile.pages`); the library's also holds what the records' keys stood for. */
interface StoredPage {
  readonly fingerprint: string
  readonly paths: readonly string[]
  readonly stamps?: readonly string[]
  readonly reads?: readonly number[]
  readonly values?: StoredValues
}

/** What the keys of the records stood for (see `graph/read-values.ts`): the structure's hash, and each document's prose and summary hashes. */
interface StoredValues {
  readonly structure: string
  readonly documents: Record<string, readonly [prose: string, summary: string]>
}

/** What a build can reuse from the cache. */
export interface LoadedCache {
  /** Parses by absolute file path; documents are restored once the files are read. */
  readonly parses: StoredParses
  /** Pages to reuse from the output folder, which still holds the cached site. */
  readonly pages: RenderCache
}

/** Stored parses, restored against each file's fresh text. */
export type StoredParses = ReadonlyMap<string, StoredParse>

export { cacheFile } from './cache-key.js'

/** What `quire dev` takes from a build's cache: the parses, and what each page and file read of the library it was made from. */
export interface StoredBuild {
  readonly parses: StoredParses
  /** The fingerprint of the library the build was made from (see `render/library-fingerprint.ts`); undefined if unknown. */
  readonly library: string | undefined
  /** What each document page (by slug) and each file made from the library (by `file:` and its path) read, as recorded by the build. */
  readonly records: ReadonlyMap<CacheKey, readonly string[]>
}

/**
 * The parses and records of the newest cache a build of `notesDir` left in
 * `cacheDir`, whatever folder it built into (for `quire dev`, which writes
 * no site). Undefined when there is none from this quire.
 */
export async function loadParsesOf(cacheDir: string, notesDir: string, key: string): Promise<StoredBuild | undefined> {
  const prefix = cachePrefix('build', notesDir)
  const names = (await readdir(cacheDir).catch(() => [] as string[])).filter((name) => name.startsWith(prefix) && name.endsWith('.json'))
  const dated = await Promise.all(
    names.map(async (name) => ({ file: path.join(cacheDir, name), modified: (await stat(path.join(cacheDir, name)).catch(() => undefined))?.mtimeMs ?? -1 })),
  )
  for (const { file } of dated.filter((entry) => entry.modified >= 0).sort((a, b) => b.modified - a.modified)) {
    const text = await readFile(file, 'utf8').catch(() => undefined)
    if (text === undefined || headOf(text)?.key !== key) continue
    try {
      const stored = JSON.parse(text) as CacheFile
      if (typeof stored?.parses === 'object' && stored.parses !== null) return storedBuild(stored)
    } catch {
      // A cache cut short by a crash: try an older one.
    }
  }
  return undefined
}

function storedBuild(stored: CacheFile): StoredBuild {
  const records = new Map<CacheKey, readonly string[]>()
  const keys = Array.isArray(stored.keys) ? stored.keys : []
  let library: string | undefined
  for (const [key, page] of Object.entries(typeof stored.pages === 'object' && stored.pages !== null ? stored.pages : {})) {
    if (key === libraryCacheKey) library = page.fingerprint
    else {
      const reads = readsOf(page.reads, keys)
      if (reads) records.set(key as CacheKey, reads)
    }
  }
  return { parses: new Map(Object.entries(stored.parses)), library, records }
}

/** A record as the cache holds it (the numbers of its keys in `keys`), as a list; undefined when there is none, or it names a key there is not. */
function readsOf(numbers: readonly number[] | undefined, keys: readonly string[]): string[] | undefined {
  if (!Array.isArray(numbers)) return undefined
  const reads: string[] = []
  for (const n of numbers) {
    const key = keys[n]
    if (typeof key !== 'string') return undefined
    reads.push(key)
  }
  return reads
}

/** The start of a cache file: its key and site id, the first two fields `saveCache` writes. */
const cacheHead = /^\{"key":("(?:[^"\\]|\\.)*"),"siteId":("(?:[^"\\]|\\.)*"),/

/** A cache file's key and site id, read from its start (new strings: none holds on to the file's text). */
function headOf(text: string): { key: string; siteId: string } | undefined {
  const head = cacheHead.exec(text)
  return head ? { key: JSON.parse(head[1]!) as string, siteId: JSON.parse(head[2]!) as string } : undefined
}

/**
 * Read the cache; anything unreadable or from another quire is ignored. So
 * is a cache whose site the output folder no longer holds (deleted, or
 * replaced): every page is made again then, and parsing every file anew
 * (in worker threads, drafting each body in the same pass) is faster than
 * taking the cached parses, which hold no drafts and leave every body to
 * be rendered whole on the main thread. The key and the site are checked
 * before the rest of the file is parsed: on a large library the whole file
 * takes more memory once parsed than anything else the build holds.
 */
export async function loadCache(file: string, key: string, outDir: string, marker: string): Promise<LoadedCache | undefined> {
  let text: string | undefined
  try {
    text = await readFile(file, 'utf8')
  } catch {
    return undefined
  }
  const head = headOf(text)
  if (head?.key !== key) return undefined
  const markerText = await readFile(path.join(outDir, marker), 'utf8').catch(() => '')
  if (head.siteId === '' || !markerText.includes(head.siteId)) return undefined
  let stored: CacheFile
  try {
    stored = JSON.parse(text) as CacheFile
  } catch {
    return undefined
  }
  // The text is as large as what was parsed from it: let it go before the parses are restored.
  text = undefined
  if (typeof stored?.parses !== 'object' || typeof stored.pages !== 'object') return undefined
  const parses = new Map(Object.entries(stored.parses))
  const keys = Array.isArray(stored.keys) ? stored.keys : []
  const pages = new Map(
    Object.entries(stored.pages).map(([slug, page]) => [
      slug as CacheKey,
      {
        fingerprint: page.fingerprint,
        paths: page.paths,
        files: page.paths.map((p, i) => ({ path: p, reuseFrom: path.join(outDir, p), stamp: page.stamps?.[i] || undefined })),
        reads: readsOf(page.reads, keys),
        values: restoreValues(page.values),
      },
    ]),
  )
  return { parses, pages }
}

/** What the records' keys stood for, as the cache holds it; undefined when it is not there or not of that shape. */
function restoreValues(stored: StoredValues | undefined): ReadValues | undefined {
  if (typeof stored !== 'object' || stored === null || typeof stored.structure !== 'string') return undefined
  if (typeof stored.documents !== 'object' || stored.documents === null) return undefined
  return { structure: stored.structure, documents: new Map(Object.entries(stored.documents) as [Slug, readonly [string, string]][]) }
}

/** Turn stored parses into a parse cache, restoring each document against its file's fresh text. */
export function restoreParses(stored: StoredParses, files: readonly SourceFile[], hash: (file: SourceFile) => string): ParseCache {
  const restored = new Map<string, ParseCacheEntry>()
  const strings = new SharedStrings()
  for (const file of files) {
    const entry = stored.get(file.path)
    if (!entry || entry.displayPath !== file.displayPath) continue
    const textHash = hash(file)
    if (entry.hash !== textHash) continue
    restored.set(file.path, { hash: textHash, displayPath: entry.displayPath, result: restoreParse(file, entry, strings) })
  }
  return restored
}

/**
 * Write the cache atomically (a temporary file, then a rename). `stamps`
 * are the output files' stamps as the build wrote them, by path; a file
 * without one is never reused. The file is written entry by entry: on a
 * large library the whole cache as one string (and the object it would be
 * made from) would be the largest thing the build ever holds.
 */
export async function saveCache(
  file: string,
  key: string,
  siteId: string,
  parses: ParseCache,
  pages: RenderCache | undefined,
  stamps?: ReadonlyMap<string, string>,
): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true })
  const temporary = `${file}.${process.pid}.tmp`
  let handle: FileHandle | undefined
  try {
    handle = await open(temporary, 'w')
    const out = chunkedWriter(handle)
    await out.write(`{"key":${JSON.stringify(key)},"siteId":${JSON.stringify(siteId)},"parses":{`)
    let first = true
    for (const [filePath, entry] of parses) {
      const stored: StoredParse = { hash: entry.hash, displayPath: entry.displayPath, ...storeParse(entry.result) }
      await out.write(`${first ? '' : ','}${JSON.stringify(filePath)}:${JSON.stringify(stored)}`)
      first = false
    }
    await out.write('},"pages":{')
    first = true
    // Each key read, numbered in the order first met, and written once at the end.
    const keys = new Map<string, number>()
    const numbered = (reads: readonly string[]): number[] =>
      reads.map((read) => {
        let n = keys.get(read)
        if (n === undefined) keys.set(read, (n = keys.size))
        return n
      })
    for (const [slug, page] of pages ?? []) {
      const stored: StoredPage = {
        fingerprint: page.fingerprint,
        paths: page.paths,
        stamps: page.paths.map((p) => stamps?.get(p) ?? ''),
        reads: page.reads && numbered(page.reads),
        values: page.values && { structure: page.values.structure, documents: Object.fromEntries(page.values.documents) },
      }
      await out.write(`${first ? '' : ','}${JSON.stringify(slug)}:${JSON.stringify(stored)}`)
      first = false
    }
    await out.write(`},"keys":${JSON.stringify([...keys.keys()])}}`)
    await out.flush()
    await handle.close()
    handle = undefined
    await rename(temporary, file)
  } catch {
    // A cache that cannot be written only makes the next build slower.
    await handle?.close().catch(() => undefined)
    await rm(temporary, { force: true }).catch(() => undefined)
  }
}

/** Pieces of text written to `handle` in chunks of about a megabyte. */
function chunkedWriter(handle: FileHandle): { write: (text: string) => Promise<void>; flush: () => Promise<void> } {
  let pieces: string[] = []
  let size = 0
  const flush = async (): Promise<void> => {
    if (pieces.length === 0) return
    const chunk = pieces.join('')
    pieces = []
    size = 0
    // Written whole, from where the last chunk ended.
    await handle.writeFile(chunk)
  }
  return {
    async write(text) {
      pieces.push(text)
      size += text.length
      if (size >= 1 << 20) await flush()
    },
    flush,
  }
}
