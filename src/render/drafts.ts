/**
 * The drafts of a library's bodies (see `draftBody`) as render sees them.
 * A draft is not part of its document: the executor keeps the drafts
 * beside the documents, by the path of the file each was parsed from, and
 * decides which thread holds each one's HTML. Render asks here.
 */
import type { HeldDrafts } from './held-drafts.js'
import type { DraftBody } from './body/slots.js'

/** The drafts of a build: the main thread's, and those worker threads keep. */
export interface Drafts {
  /**
   * The draft of the document parsed from the file at `path`, if it has
   * one; its `html` is undefined when a worker thread keeps it (see `held`).
   */
  get(path: string): DraftBody | undefined
  /** The worker threads that keep some drafts' HTML and make those pages; undefined when none do. */
  readonly held: HeldDrafts | undefined
}
