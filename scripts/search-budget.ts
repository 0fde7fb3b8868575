/**
 * The search index's size budget, checked by the benchmark (scripts/bench.ts)
 * on every library size it builds, and stated in docs/benchmark.md.
 *
 * The index (search-index.json) is fetched once, when a reader first uses
 * the search field. It holds every word of every title, summary, tag list
 * and body, so it grows with the library; the budget bounds what each
 * document adds to it, gzipped as a static host serves it.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { gzipSync } from 'node:zlib'

/** At most this many gzipped bytes of search-index.json per document (the synthetic 600-word notes take about 600). */
export const searchIndexBudget = { gzipBytesPerDocument: 1024 } as const

/** The size of a built site's search index. */
export interface SearchIndexSize {
  readonly documents: number
  readonly bytes: number
  readonly gzipBytes: number
  readonly gzipBytesPerDocument: number
}

/** Measure `search-index.json` in the built site at `siteDir`. */
export async function measureSearchIndex(siteDir: string): Promise<SearchIndexSize> {
  const text = await readFile(path.join(siteDir, 'search-index.json'))
  const documents = (JSON.parse(text.toString('utf8')) as { documentCount: number }).documentCount
  const gzipBytes = gzipSync(text, { level: 9 }).length
  return { documents, bytes: text.length, gzipBytes, gzipBytesPerDocument: Math.round(gzipBytes / Math.max(1, documents)) }
}
