/**
 * Load: find every Markdown file under the notes folder and read it.
 *
 * Files are returned in a stable order (code-unit order of their relative
 * paths), so nothing downstream depends on the order the disk lists them in.
 */
import { readdir, readFile, realpath, stat } from 'node:fs/promises'
import path from 'node:path'
import { compare, error, type Diagnostic } from '../diagnostics.js'
import type { SourceFile } from '../model.js'

/** What loading found: the files it could read, and problems with the rest. */
export interface LoadResult {
  readonly files: SourceFile[]
  readonly diagnostics: Diagnostic[]
}

/** Folders never read: hidden folders (`.git`, `.obsidian`) and installed packages. */
function isIgnoredFolder(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules'
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false })

/**
 * Read every `*.md` file under `root`, at any depth.
 *
 * Symbolic links are followed only while they stay inside `root`. Folders
 * reached through a link are read after the real tree, and only if their
 * real folder was not read already, so a link loop or an alias to a folder
 * publishes nothing twice.
 */
export async function loadNotes(root: string, display: (file: string) => string): Promise<LoadResult> {
  const files: SourceFile[] = []
  const diagnostics: Diagnostic[] = []
  const rootReal = await realpath(root)
  const seenFolders = new Set<string>([rootReal])
  const linkedFolders: { full: string; rel: string; target: string }[] = []

  async function walk(folder: string, relative: string): Promise<void> {
    const entries = await readdir(folder, { withFileTypes: true })
    entries.sort((a, b) => compare(a.name, b.name))
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
          if (!isIgnoredFolder(entry.name)) linkedFolders.push({ full, rel, target })
          continue
        }
        isDir = false
        isFile = info.isFile()
      }
      if (isDir) {
        if (isIgnoredFolder(entry.name)) continue
        seenFolders.add(await realpath(full))
        await walk(full, rel)
      } else if (isFile && entry.name.toLowerCase().endsWith('.md')) {
        const bytes = await readFile(full)
        let text: string
        try {
          text = utf8.decode(bytes)
        } catch {
          diagnostics.push(
            error(display(full), { line: 1, column: 1 }, 'unreadable-file', 'This file is not valid UTF-8 text. Save it as UTF-8, or remove it from the notes folder.'),
          )
          continue
        }
        if (text.includes('\u0000')) {
          diagnostics.push(
            error(display(full), { line: 1, column: 1 }, 'unreadable-file', 'This file looks binary (it contains NUL bytes), not Markdown. Remove it from the notes folder or rename it.'),
          )
          continue
        }
        files.push({ path: full, relativePath: rel, displayPath: display(full), text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text })
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
  return { files, diagnostics }
}

function isInside(root: string, target: string): boolean {
  const rel = path.relative(root, target)
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))
}
