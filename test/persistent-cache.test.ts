/**
 * The cache file keeps what each page and file read (its record) and what
 * those reads stood for, so the next build can carry over what an edit did
 * not reach: both must come back from disk as they were written.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { cacheFile, loadCache, loadParsesOf, saveCache } from '../src/build/persistent-cache.js'
import { libraryCacheKey, type CacheKey, type RenderCache, type RenderedPage } from '../src/render/output-files.js'
import type { Slug } from '../src/model.js'

let root: string | undefined

afterEach(async () => {
  if (root) await rm(root, { recursive: true, force: true })
  root = undefined
})

const pages: RenderCache = new Map<CacheKey, RenderedPage>([
  [
    libraryCacheKey,
    {
      fingerprint: 'library',
      paths: [],
      values: { structure: 'outline', documents: new Map([['alpha' as Slug, ['alpha text', 'alpha summary'] as const]]) },
    },
  ],
  ['alpha' as Slug, { fingerprint: 'a', paths: ['alpha/index.html'], reads: ['#structure', 'alpha', 'summary:beta'] }],
  ['beta' as Slug, { fingerprint: 'b', paths: ['beta/index.html'], reads: ['beta', 'summary:beta', '#structure', 'prose:beta'] }],
  ['file:index.html', { fingerprint: 'library', paths: ['index.html'], reads: [] }],
])

describe('the cache file', () => {
  it('gives back each record and what the reads stood for, as they were written', async () => {
    root = await mkdtemp(path.join(tmpdir(), 'quire-cache-file-'))
    const notes = path.join(root, 'notes')
    const out = path.join(root, 'site')
    const file = cacheFile(path.join(root, '.quire-cache'), notes, out)
    await saveCache(file, 'quire-key', 'site-id', new Map(), pages)
    // Each key is written once, however many records name it.
    expect((await readFile(file, 'utf8')).match(/summary:beta/g)).toHaveLength(1)

    const stored = await loadParsesOf(path.join(root, '.quire-cache'), notes, 'quire-key')
    expect(stored?.library).toBe('library')
    expect(stored?.records.get('alpha' as Slug)).toEqual(['#structure', 'alpha', 'summary:beta'])
    expect(stored?.records.get('beta' as Slug)).toEqual(['beta', 'summary:beta', '#structure', 'prose:beta'])
    expect(stored?.records.get('file:index.html')).toEqual([])

    // A build reads it only beside the site it describes (the output folder's marker names the site).
    await writeFile(path.join(root, 'marker'), 'site-id')
    const loaded = await loadCache(file, 'quire-key', root, 'marker')
    expect(loaded?.pages.get('beta' as Slug)?.reads).toEqual(['beta', 'summary:beta', '#structure', 'prose:beta'])
    expect(loaded?.pages.get(libraryCacheKey)?.values).toEqual(pages.get(libraryCacheKey)?.values)
  })
})
