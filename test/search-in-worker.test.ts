/**
 * The search index a worker thread builds while the pages are made
 * (`src/build/search-in-worker.ts`): fed the documents' sources in batches of
 * any size, it writes exactly the files the one-pass index makes, each
 * with its stamp, and reports a file it could not write.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import * as terms from '../templates/assets/search-terms.js'
import { searchRequest } from '../src/build/search-in-worker.js'
import { searchEntry, type SearchSource } from '../src/render/site-files/search-index.js'
import { searchPaths, searchShardFiles } from '../src/render/site-files/search-shards.js'

const termsModule = pathToFileURL(path.resolve('templates/assets/search-terms.js')).href

/** `count` sources with bodies as notes write them: links, wikilinks, HTML, CJK, a comment. */
function sources(count: number): SearchSource[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `note-${String(i).padStart(3, '0')}`,
    type: i % 9 === 0 ? 'inquiry' : 'note',
    title: `Does method ${i % 13} change outcome ${i % 7}?`,
    summary: `Measured on ${i % 5} benchmarks; the effect ${i % 2 ? 'holds' : 'fades'} after scaling.`,
    tags: i % 3 === 0 ? 'method scaling' : '',
    body: `See [[note-${(i + 1) % count}]] and [the paper](https://arxiv.org/abs/2504.${10000 + i}).\n<b>Bold</b> claim ${i}. 推理能力 ${i % 4}\n%% private %%`,
    linkedTitles: `Does method ${(i + 1) % 13} change outcome ${(i + 1) % 7}?`,
  }))
}

/** Run the worker's side of the protocol in this thread: start, the sources in batches of `sizes` (repeated), finish. */
async function buildInBatches(all: readonly SearchSource[], folder: string, sizes: readonly number[]): Promise<Map<string, string>> {
  searchRequest({ kind: 'search-start', count: all.length, terms: termsModule, folder })
  for (let at = 0, i = 0; at < all.length; i++) {
    const size = sizes[i % sizes.length]!
    searchRequest({ kind: 'search-add', sources: all.slice(at, at + size) })
    at += size
  }
  return new Map(await searchRequest({ kind: 'search-finish', id: 1 })!)
}

describe('the search index built in a worker thread', () => {
  it('writes the same files as the one-pass index, whatever the batches, each stamped', async () => {
    const all = sources(150)
    const expected = searchShardFiles(all.map(searchEntry), terms)
    for (const sizes of [[64], [1, 7, 30], [150]]) {
      const folder = await mkdtemp(path.join(tmpdir(), 'quire-search-'))
      const stamps = await buildInBatches(all, folder, sizes)
      expect([...stamps.keys()].sort()).toEqual(searchPaths(all.length).sort())
      for (const [file, contents] of expected) expect(await readFile(path.join(folder, file), 'utf8'), file).toBe(contents)
      for (const stamp of stamps.values()) expect(stamp).toMatch(/\S/)
    }
  })

  it('reports a search file it cannot write, with its code and path', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'quire-search-'))
    // The site's folder is a file: no search file can be written into it.
    const folder = path.join(out, 'site')
    await writeFile(folder, '')
    await expect(buildInBatches(sources(20), folder, [64])).rejects.toMatchObject({ code: expect.stringMatching(/^E/) })
  })

  it('refuses to finish an index it was never asked to start', async () => {
    await expect(searchRequest({ kind: 'search-finish', id: 2 })!).rejects.toThrow()
  })
})
