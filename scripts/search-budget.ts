/**
 * The search's size budget, checked by the benchmark (scripts/bench.ts) on
 * every library size it builds, and by the browser test on the shared
 * 10,200-note library, and stated in docs/search.md.
 *
 * A query fetches the manifest, the term shards its words need and the
 * records of the results it shows (see docs/search.md), after the two
 * scripts that run it. The budget bounds what a reader's first query
 * downloads, gzipped as a static host serves it, whatever the library's
 * size.
 *
 *   npx tsc -p . && node dist/scripts/search-budget.js SITE_DIR [QUERY…]
 */
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { gzipSync } from 'node:zlib'
import type * as Engine from '../templates/assets/search-query.js'
import type * as Terms from '../templates/assets/search-terms.js'
import { assetFolder } from '../src/load/assets.js'

/** At most this many gzipped bytes from focusing the search field to a query's first results, scripts included. */
export const searchBudget = { gzipBytesToFirstResult: 300 * 1024 } as const

/** What the index of a built site weighs, and what one query fetches. */
export interface SearchIndexSize {
  readonly documents: number
  readonly shards: number
  /** The largest term shard, gzipped. */
  readonly largestShardGzipBytes: number
  /** Every search file, gzipped. */
  readonly totalGzipBytes: number
  /** The query measured, and what it fetched (scripts, manifest, shards, records), gzipped. */
  readonly query: string
  readonly results: number
  readonly gzipBytesToFirstResult: number
}

const gzipped = (bytes: Buffer | string): number => gzipSync(bytes, { level: 9 }).length

async function engine(): Promise<{ query: typeof Engine; terms: typeof Terms }> {
  const folder = pathToFileURL(assetFolder() + path.sep).href
  return {
    query: (await import(new URL('search-query.js', folder).href)) as typeof Engine,
    terms: (await import(new URL('search-terms.js', folder).href)) as typeof Terms,
  }
}

/** Measure the search files of the built site at `siteDir`, and the bytes `query` fetches before its first results. */
export async function measureSearchIndex(siteDir: string, query = 'memory sample'): Promise<SearchIndexSize> {
  const { query: run, terms } = await engine()
  const fetched = new Map<string, number>()
  const load = async (file: string) => {
    const bytes = await readFile(path.join(siteDir, file))
    fetched.set(file, gzipped(bytes))
    return JSON.parse(bytes.toString('utf8'))
  }
  const manifest = (await load(run.paths.manifest)) as Engine.Manifest
  const parsed = terms.parseQuery(query)
  const hits = await run.search(manifest, load, parsed.words, parsed.prefix)
  await run.records(manifest, load, hits.slice(0, 20))
  let scripts = 0
  for (const file of ['search-terms.js', 'search-query.js']) scripts += gzipped(await readFile(path.join(siteDir, 'assets', file)))
  let largest = 0
  let total = 0
  for (const folder of ['terms', 'docs', 'text']) {
    for (const name of await readdir(path.join(siteDir, 'search', folder))) {
      const size = gzipped(await readFile(path.join(siteDir, 'search', folder, name)))
      total += size
      if (folder === 'terms') largest = Math.max(largest, size)
    }
  }
  return {
    documents: manifest.documents,
    shards: manifest.shards.length,
    largestShardGzipBytes: largest,
    totalGzipBytes: total,
    query,
    results: hits.length,
    gzipBytesToFirstResult: scripts + [...fetched.values()].reduce((a, b) => a + b, 0),
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [siteDir, ...words] = process.argv.slice(2)
  if (!siteDir) throw new Error('usage: search-budget SITE_DIR [QUERY…]')
  console.log(JSON.stringify(await measureSearchIndex(siteDir, words.length > 0 ? words.join(' ') : undefined), null, 2))
}
