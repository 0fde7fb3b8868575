/**
 * What names and keys the build cache's files (see `persistent-cache.ts`
 * and `site-record.ts`): which notes folder and output folder a file is
 * for, and which quire wrote it. Kept apart from the cache's contents so
 * that a build that only checks whether anything changed loads little.
 */
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** The cache file for one notes folder and output folder: `build-<notes>-<output>.json`, so every cache of one notes folder can be found. */
export function cacheFile(cacheDir: string, notesDir: string, outDir: string): string {
  return path.join(cacheDir, `build-${folderId(notesDir)}-${folderId(outDir)}.json`)
}

/** The start of the name of every cache file `kind` of builds of `notesDir` (`build-<notes>-`, `site-<notes>-`). */
export function cachePrefix(kind: 'build' | 'site', notesDir: string): string {
  return `${kind}-${folderId(notesDir)}-`
}

/** The record of the site a build of `notesDir` into `outDir` left (see `site-record.ts`): `site-<notes>-<output>.json`. */
export function siteRecordFile(cacheDir: string, notesDir: string, outDir: string): string {
  return path.join(cacheDir, `${cachePrefix('site', notesDir)}${folderId(outDir)}.json`)
}

/** A short id of a folder, from its absolute path. */
function folderId(folder: string): string {
  return createHash('sha256').update(path.resolve(folder)).digest('hex').slice(0, 12)
}

let codeKey: Promise<string> | undefined

/** A key that changes whenever quire's code, templates or dependencies change. */
export function quireKey(): Promise<string> {
  codeKey ??= computeQuireKey()
  return codeKey
}

async function computeQuireKey(): Promise<string> {
  let root = path.dirname(fileURLToPath(import.meta.url))
  while (!existsSync(path.join(root, 'templates', 'assets'))) {
    const parent = path.dirname(root)
    if (parent === root) break
    root = parent
  }
  const hash = createHash('sha256')
  const here = path.dirname(path.dirname(fileURLToPath(import.meta.url)))
  const folders = [here, path.join(root, 'templates')]
  for (const folder of folders) {
    for (const file of await listFiles(folder)) {
      hash.update(path.relative(root, file))
      hash.update(await readFile(file))
    }
  }
  for (const name of ['package.json', 'package-lock.json']) {
    const text = await readFile(path.join(root, name)).catch(() => undefined)
    if (text) hash.update(text)
  }
  return hash.digest('base64url')
}

async function listFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true }).catch(() => [])
  const files: string[] = []
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const full = path.join(folder, entry.name)
    if (entry.isDirectory()) files.push(...(await listFiles(full)))
    else if (entry.isFile()) files.push(full)
  }
  return files
}
