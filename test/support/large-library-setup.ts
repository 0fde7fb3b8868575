/** vitest global setup: an empty folder per run for the shared large library (see large-library.ts). */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = await mkdtemp(path.join(tmpdir(), 'quire-large-library-'))
  project.provide('largeLibraryRoot', root)
  return () => rm(root, { recursive: true, force: true })
}
