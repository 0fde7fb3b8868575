/**
 * Read a built site back as `relative path → text`, to compare builds byte for byte;
 * and what a test asks `buildIntoFolder` for.
 */
import { readFile, readdir } from 'node:fs/promises'
import path from 'node:path'
import type { FolderBuildRequest } from '../../src/build/folder-build.js'

/** A one-shot build of `notesDir` into `outDir` (no cache, no git dates, a fixed build day), as `quire build --no-cache` asks it. */
export function oneShotBuild(notesDir: string, outDir: string, cwd: string): FolderBuildRequest {
  return {
    notesDir,
    outDir,
    cwd,
    base: undefined,
    title: undefined,
    force: false,
    strict: false,
    buildDate: { year: 2026, month: 1, day: 15 },
    gitDates: false,
    cacheDir: undefined,
  }
}

/** Every file under `root`, by path relative to it. */
export async function snapshot(root: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {}
  async function walk(folder: string): Promise<void> {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name)
      if (entry.isDirectory()) await walk(full)
      else files[path.relative(root, full)] = await readFile(full, 'utf8')
    }
  }
  await walk(root)
  return files
}

/** Every file under `root` as sorted `/`-separated relative paths ([] when `root` does not exist). */
export async function listFiles(root: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(path.join(root, prefix), { withFileTypes: true }).catch(() => [])
  const files: string[] = []
  for (const entry of entries) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name
    if (entry.isDirectory()) files.push(...(await listFiles(root, rel)))
    else files.push(rel)
  }
  return files.sort()
}
