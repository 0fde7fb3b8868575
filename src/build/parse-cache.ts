/** What the executor keeps of each file's parse between builds, keyed by path. */
import type { ParseResult } from '../parse/parse-document.js'

/** Parse results by file path, with the text they were parsed from. */
export type ParseCache = ReadonlyMap<string, ParseCacheEntry>

/** One file's parse, with the hash of the text it was parsed from. */
export interface ParseCacheEntry {
  readonly hash: string
  readonly displayPath: string
  readonly result: ParseResult
}
