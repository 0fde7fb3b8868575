/**
 * What render needs from drafts kept elsewhere (by the executor's worker
 * threads): render asks for a page around a draft; the executor decides
 * which thread makes it. Render knows this contract, not the threads.
 */
import type { Slug } from '../model.js'
import type { DraftedPage } from './body/drafted-page.js'
import type { DraftBody } from './body/slots.js'
import type { SearchIndexElsewhere } from './search-elsewhere.js'
import { tagsPageSlug } from './props/tag-links.js'
import { homeSlug } from './url.js'

/** A draft the main thread holds, lent to a worker to make its page while the main thread is busy. */
export interface LentDraft {
  readonly html: Uint8Array
  readonly toc: DraftBody['toc']
}

/** A file of a document besides its page (its Markdown, an inquiry's prompt), to be written where `target` says. */
export interface OtherFile {
  readonly target: string
  readonly contents: string
}

/** Drafts kept by the worker threads that made them. */
export interface HeldDrafts {
  /** Does a worker hold the draft of the file at `path`? */
  holds(path: string): boolean
  /**
   * Write to `target` the page `page` describes, around the draft of the
   * file at `path`, and the document's other files (`others`, each at its
   * own target): the worker that holds the draft does it, or, given the
   * draft (one the main thread holds), the least busy worker. Resolves to
   * the stamp of each file written (see `FileStamp`), the page's first.
   */
  page(path: string, page: DraftedPage, target: string, others: readonly OtherFile[], draft?: LentDraft): Promise<readonly string[]>
  /** How many pages the workers have been asked for and not yet made. */
  pending(): number
  /**
   * Have a worker thread build the search index of `count` documents while
   * the pages are made, writing its files into `folder` (the site's staging
   * folder). Undefined when there is no such thread to start, or when asked
   * a second time.
   */
  searchIndex(count: number, folder: string): SearchIndexElsewhere | undefined
  /** Every page is made: stop the workers that made them (a worker building the search index stops once it is built). */
  pagesMade(): Promise<void>
  /** Stop every worker; their drafts go with them (and `holds` says no from then on). */
  close(): Promise<void>
}

/**
 * Is the body of the document at `slug` shown on another page as well: the
 * home page (`index.md`), its folder's page (a folder's `index.md`), its
 * tag's page (a note below `tags/`)? The main thread makes those pages, so
 * such a draft is sent back to it rather than kept by a worker thread.
 */
export function shownOnOtherPages(slug: Slug): boolean {
  return slug === homeSlug || slug.endsWith('/index') || slug.startsWith(`${tagsPageSlug}/`)
}
