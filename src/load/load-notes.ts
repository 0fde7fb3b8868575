/**
 * Load: find every Markdown file under the notes folder and read it, and
 * list the other files (attachments: read only if a note publishes them).
 *
 * Files are returned in a stable order (code-unit order of their relative
 * paths), so nothing downstream depends on the order the disk lists them in.
 */
import { readFileSync, type Dirent } from 'node:fs'
import { open, readdir, readFile, realpath, stat } from 'node:fs/promises'
import path from 'node:path'
import { compare, hint, warning, type Diagnostic } from '../diagnostics.js'
import type { AttachmentFile, SourceFile } from '../model.js'
import { configFileNames } from './config-files.js'
import { ignoreTest, type IgnoreTest } from './ignore.js'
import { drawingHint, isCanvas, isDrawing } from './not-notes.js'
import { noteFile } from './note-text.js'
import { largestSvg, svgSafety } from './svg-safety.js'

/** What loading found: the files it could read, the other files, and problems. */
export interface LoadResult {
  readonly files: SourceFile[]
  /** Every file that is not Markdown (and not ignored), by path. */
  readonly attachments: AttachmentFile[]
  readonly diagnostics: Diagnostic[]
}

/** Extensions of files that would run script if served from the site. */
const scriptable = /\.(html?|xhtml|xht|js|mjs|cjs|xml|xsl|xslt|shtml|php|swf)$/i

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false })

/**
 * Told what loading looks at, as it looks (for the build cache, which
 * records it to tell later whether anything changed): each folder's
 * entries as listed, and each file before it is read; and, if it asks,
 * each note once read (a build starts parsing them before the rest are
 * read).
 */
export interface LoadObserver {
  folder(full: string, entries: readonly Dirent[]): void
  file(full: string): void
  read?(note: SourceFile): void
}

/**
 * Read every `*.md` file under `root`, at any depth.
 *
 * Symbolic links are followed only while they stay inside `root`. Folders
 * reached through a link are read after the real tree, and only if their
 * real folder was not read already, so a link loop or an alias to a folder
 * publishes nothing twice. `reuse` gives a file as last read when it is
 * known not to have changed, so it is not read again. `observe` is told
 * each folder listed and each file looked at.
 */
export async function loadNotes(
  root: string,
  display: (file: string) => string,
  ignored: IgnoreTest = ignoreTest([]),
  reuse?: (file: string) => SourceFile | undefined,
  observe?: LoadObserver,
): Promise<LoadResult> {
  const files: SourceFile[] = []
  const attachments: AttachmentFile[] = []
  const diagnostics: Diagnostic[] = []
  const rootReal = await realpath(root)
  const seenFolders = new Set<string>([rootReal])
  const linkedFolders: { full: string; rel: string; target: string }[] = []

  async function walk(folder: string, relative: string): Promise<void> {
    const entries = await readdir(folder, { withFileTypes: true })
    entries.sort((a, b) => compare(a.name, b.name))
    observe?.folder(folder, entries)
    for (const entry of entries) {
      const full = path.join(folder, entry.name)
      const rel = relative ? `${relative}/${entry.name}` : entry.name
      let isDir = entry.isDirectory()
      let isFile = entry.isFile()
      if (entry.isSymbolicLink()) {
        const target = await realpath(full).catch(() => undefined)
        if (!target || !isInside(rootReal, target)) continue
        const info = await stat(target)
        if (info.isDirectory()) {
          if (!ignored(rel, true)) linkedFolders.push({ full, rel, target })
          continue
        }
        isDir = false
        isFile = info.isFile()
      }
      if (isDir) {
        if (ignored(rel, true)) continue
        seenFolders.add(await realpath(full))
        await walk(full, rel)
      } else if (!isFile || ignored(rel, false)) {
        continue
      } else if (!entry.name.toLowerCase().endsWith('.md')) {
        if (relative === '' && (configFileNames as readonly string[]).includes(entry.name)) continue
        if (isCanvas(entry.name)) {
          diagnostics.push(drawingHint(display(full), 'canvas'))
          continue
        }
        observe?.file(full)
        attachments.push({ path: full, relativePath: rel, unsafe: await unsafeReason(full, entry.name) })
      } else {
        // A file known not to have changed since it was last read (`quire dev` knows from its watcher).
        observe?.file(full)
        const kept = reuse?.(full)
        if (kept) {
          files.push(kept)
          continue
        }
        // Read synchronously: a note is a few kilobytes, and an asynchronous read costs a round trip
        // through libuv's thread pool per file, which on a large library costs several times the reads themselves.
        const read = readNoteNow(full, rel, display)
        if ('text' in read) {
          files.push(read)
          observe?.read?.(read)
        } else diagnostics.push(read)
      }
    }
  }

  await walk(root, '')
  for (let i = 0; i < linkedFolders.length; i++) {
    const linked = linkedFolders[i]!
    if (seenFolders.has(linked.target)) continue
    seenFolders.add(linked.target)
    await walk(linked.full, linked.rel)
  }
  files.sort((a, b) => compare(a.relativePath, b.relativePath))
  attachments.sort((a, b) => compare(a.relativePath, b.relativePath))
  return { files, attachments, diagnostics }
}

const places = new WeakMap<readonly SourceFile[], ReadonlyMap<string, number>>()

/** Each loaded file's place in `files`, by full path: made once per list, and shared by a list with the same files in the same places. */
export function filePlaces(files: readonly SourceFile[]): ReadonlyMap<string, number> {
  let found = places.get(files)
  if (!found) {
    found = new Map(files.map((file, i) => [file.path, i]))
    places.set(files, found)
  }
  return found
}

/** Let `to`, a copy of `from` with some files read again in their places, use `from`'s {@link filePlaces}. */
export function shareFilePlaces(from: readonly SourceFile[], to: readonly SourceFile[]): void {
  places.set(to, filePlaces(from))
}

/** Read one Markdown file of the notes folder: the file, or why it cannot be read as a note. */
export async function readNote(full: string, rel: string, display: (file: string) => string): Promise<SourceFile | Diagnostic> {
  return noteFrom(await readFile(full), full, rel, display)
}

/**
 * {@link readNote} without waiting on Node's file-system threads: for
 * `quire dev`'s few files after a save, read while the watcher keeps those
 * threads busy looking at the folder again.
 */
export function readNoteNow(full: string, rel: string, display: (file: string) => string): SourceFile | Diagnostic {
  return noteFrom(readFileSync(full), full, rel, display)
}

/**
 * A Markdown file as a note, or why it is left out: a binary file named
 * `.md` and a drawing stored as Markdown are not notes (a hint: nothing to
 * fix), text that is not UTF-8 is a note quire cannot read (a warning).
 * Neither fails a build.
 */
function noteFrom(bytes: Uint8Array, full: string, rel: string, display: (file: string) => string): SourceFile | Diagnostic {
  const start = { line: 1, column: 1 }
  if (bytes.includes(0)) {
    return hint(
      display(full),
      start,
      'not-a-note',
      'This file is named .md but is binary (it contains NUL bytes), so quire leaves it out. Rename it if it is not a note, or list it under `ignore` in the config.',
    )
  }
  let text: string
  try {
    text = utf8.decode(bytes)
  } catch {
    return warning(
      display(full),
      start,
      'unreadable-file',
      'This file is not valid UTF-8 text, so quire leaves it out. Save it as UTF-8 to publish it, or remove it from the notes folder.',
    )
  }
  if (isDrawing(rel, text)) return drawingHint(display(full), 'excalidraw')
  return noteFile(full, rel, display(full), text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)
}

/**
 * Why a file must not be copied into the site: pages and scripts would run
 * on the site's origin, and so would an SVG with script in it when opened
 * on its own (an SVG that passes {@link svgSafety}'s allow-list is published
 * like any image).
 */
async function unsafeReason(file: string, name: string): Promise<string | undefined> {
  if (scriptable.test(name)) return 'a web page or script would run on the site. Link to it elsewhere, or convert it (to PDF, say).'
  if (!/\.svg$/i.test(name)) return undefined
  const verdict = svgSafety(await readStart(file, largestSvg + 1).catch(() => new Uint8Array()))
  if (verdict.safe) return undefined
  const where = verdict.at ? ` (line ${verdict.at.line}, column ${verdict.at.column} of the SVG)` : ''
  return `this SVG has ${verdict.found}${where}. quire publishes an SVG only if it is a plain drawing, because an SVG opened on its own runs on the site. Export it again without script, links or embedded content (plain SVG, or as PNG).`
}

/** Up to `limit` bytes from the start of a file (an SVG too large to check is not read whole). */
async function readStart(file: string, limit: number): Promise<Uint8Array> {
  const handle = await open(file, 'r')
  try {
    const buffer = Buffer.alloc(Math.min(limit, (await handle.stat()).size + 1))
    let length = 0
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length)
      if (bytesRead === 0) break
      length += bytesRead
    }
    return buffer.subarray(0, length)
  } finally {
    await handle.close()
  }
}

function isInside(root: string, target: string): boolean {
  const rel = path.relative(root, target)
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))
}
