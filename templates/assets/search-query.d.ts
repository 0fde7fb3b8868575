/**
 * Types of `search-query.js`, the queries over the sharded search index,
 * shared by the site's search script (browser) and the tests (Node).
 */

/** `search/manifest.json`. */
export interface Manifest {
  readonly version: number
  readonly documents: number
  readonly keyLength: number
  readonly docBlock: number
  readonly textBlock: number
  readonly shards: readonly string[]
}
/** A file of the index, parsed. */
export type Load = (path: string) => Promise<unknown>
/** A document the query matched. */
export interface Hit {
  readonly doc: number
  readonly score: number
  readonly terms: string[]
}
/** A hit with its record. */
export interface Result extends Hit {
  readonly id: string
  readonly type: 'note' | 'inquiry'
  readonly title: string
  readonly summary: string
}
/** A term to look up. */
export interface QueryTerm {
  term: string
  prefix: boolean
}
export function termKey(term: string, length: number): string
export function shardOf(manifest: Manifest, key: string): number
export function editDistance(a: string, b: string, max: number): number
export function queryTerms(words: string, prefix: boolean): QueryTerm[]
export function shardsFor(manifest: Manifest, query: QueryTerm): number[]
export const paths: { manifest: string; shard(i: number): string; docs(i: number): string; text(i: number): string }
export function search(manifest: Manifest, load: Load, words: string, prefix: boolean): Promise<Hit[]>
export function records(manifest: Manifest, load: Load, hits: readonly Hit[]): Promise<Result[]>
export const phraseBlockLimit: number
export function withPhrases(
  manifest: Manifest,
  load: Load,
  hits: readonly Hit[],
  phrases: readonly string[],
  contains: (text: string, phrase: string) => boolean,
  wanted: number,
): Promise<{ hits: Hit[]; complete: boolean }>
