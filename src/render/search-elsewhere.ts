/**
 * What render needs from a search index built elsewhere (by one of the
 * executor's worker threads, while this thread makes the pages): render
 * hands it each document's search source in order; that thread tokenizes
 * and weighs them, and writes the search files into the site's folder
 * itself. Render knows this contract, not the thread.
 */
import type { SearchSource } from './site-files/search-index.js'

/** The search files of one build, made by another thread. */
export interface SearchIndexElsewhere {
  /** Index the next document (documents come in the index's order, from the first). */
  add(source: SearchSource): void
  /**
   * Every document is added: write the search files that are not written
   * yet. Resolves to the stamp (see `FileStamp`) of every search file
   * written, by its path in the site; rejects when one could not be made or
   * written. The thread stops once it has answered.
   */
  finish(): Promise<ReadonlyMap<string, string>>
}
