/**
 * The search index as a worker thread builds it (see
 * `render/search-elsewhere.ts`): the main thread sends each document's
 * search source in order as it makes the pages; this thread makes each
 * one searchable, tokenizes and weighs it, writes each phrase-text file
 * into the site's staging folder as soon as its block is full, and the rest
 * of the search files once every document is in.
 */
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { writeStamped, type FileStamp } from '../emit/emit-site.js'
import { searchEntry, type SearchSource } from '../render/site-files/search-index.js'
import { SearchIndexBuilder, searchPaths } from '../render/site-files/search-shards.js'
import type * as SearchTerms from '../../templates/assets/search-terms.js'

/** Start building the index of `count` documents, its files to go into `folder`, with the tokenizer at the URL `terms`. */
export interface SearchStart {
  readonly kind: 'search-start'
  readonly count: number
  readonly terms: string
  readonly folder: string
}

/** The next documents' sources, in order. */
export interface SearchAdd {
  readonly kind: 'search-add'
  readonly sources: readonly SearchSource[]
}

/** Every document is sent: write the rest of the files and answer with every file's stamp (see {@link SearchAnswer}). */
export interface SearchFinish {
  readonly kind: 'search-finish'
  readonly id: number
}

export type SearchRequest = SearchStart | SearchAdd | SearchFinish

/** The answer to a finish: the stamp of every search file, by its path in the site; or why the index could not be made. */
export type SearchAnswer =
  | { readonly kind: 'searched'; readonly id: number; readonly stamps: readonly (readonly [string, FileStamp])[] }
  | { readonly kind: 'failed'; readonly id: number; readonly message: string; readonly code?: string | undefined; readonly path?: string | undefined }

/** The index being built: the builder, the batch of sources it reads from, and each file written so far. */
interface Building {
  readonly builder: SearchIndexBuilder
  /** The sources being indexed, and the number of the first. */
  readonly batch: { sources: readonly SearchSource[]; first: number }
  readonly folder: string
  readonly count: number
  readonly stamps: Map<string, FileStamp>
  readonly folders: Set<string>
}

/** One thread builds one index; each request waits for the one before (the tokenizer is loaded asynchronously). */
let building: Promise<Building> | undefined

function write(index: Building, file: string, contents: string): void {
  const target = path.join(index.folder, file)
  const folder = path.dirname(target)
  if (!index.folders.has(folder)) mkdirSync(folder, { recursive: true })
  index.folders.add(folder)
  index.stamps.set(file, writeStamped(target, contents))
}

async function start(request: SearchStart): Promise<Building> {
  const terms = (await import(request.terms)) as typeof SearchTerms
  const batch: Building['batch'] = { sources: [], first: 0 }
  const builder = new SearchIndexBuilder(request.count, (n) => searchEntry(batch.sources[n - batch.first]!), terms)
  builder.handOverTexts()
  return { builder, batch, folder: request.folder, count: request.count, stamps: new Map(), folders: new Set() }
}

function add(index: Building, request: SearchAdd): Building {
  const { batch } = index
  batch.sources = request.sources
  index.builder.advanceTo(batch.first + batch.sources.length - 1)
  batch.first += batch.sources.length
  batch.sources = []
  for (const file of index.builder.takeFinishedTexts()) write(index, file.path, file.contents)
  return index
}

function finish(index: Building): [string, FileStamp][] {
  // Each file made and written in turn: the term shards are never all held as text at once.
  for (const file of searchPaths(index.count)) if (!index.stamps.has(file)) write(index, file, index.builder.take(file))
  return [...index.stamps]
}

/**
 * Take one request. A start or an add is not answered: a failure is kept
 * and given as the answer to the finish.
 */
export function searchRequest(request: SearchRequest): Promise<[string, FileStamp][]> | undefined {
  if (request.kind === 'search-start') building = start(request)
  else if (request.kind === 'search-add') building = building?.then((index) => add(index, request))
  else {
    // The index is let go once its files are written (or it failed).
    const finishing = (building ?? Promise.reject(new Error('no search index was started'))).then(finish)
    building = undefined
    return finishing
  }
  // A failure is reported by the finish; until then nothing waits on it.
  building?.catch(() => undefined)
  return undefined
}
