/**
 * The hash that says whether a note's text changed: the parse cache keys
 * its entries by it, the record of a build keeps it, a text set aside is
 * checked against it when read back, and the records of what pages read
 * compare it between builds.
 */
import { hash } from 'node:crypto'
import type { SourceFile } from './model.js'

/** The hash of a text (one call, no hash object: it runs for every note, more than once on a build). */
export function textHash(text: string): string {
  return hash('sha1', text, 'base64url')
}

const byFile = new WeakMap<SourceFile, string>()

/** The hash of a loaded file's text, worked out once per file: several steps of a build ask for it. */
export function fileTextHash(file: SourceFile): string {
  let found = byFile.get(file)
  if (found === undefined) byFile.set(file, (found = textHash(file.text)))
  return found
}
