/**
 * A document's dates as its page and the feed show them: from its front
 * matter where it gives them, else from the history of its file.
 *
 * - `date` (or `created`): when it was written; else its file's first commit.
 * - `updated` (or `modified`): when it last changed; else its file's last commit.
 *
 * Each falls back on its own: a note with `date:` and no `updated:` takes
 * its last change from history.
 */
import type { Doc, Graph } from './model.js'

/** When a document was written and last changed (quire's date forms, `2024-01-02`, `~2025`). */
export interface DocumentDates {
  readonly date: string | undefined
  readonly updated: string | undefined
}

/** `doc`'s dates, from its front matter, else from `graph.history`. */
export function documentDates(graph: Graph, doc: Doc): DocumentDates {
  const history = graph.history?.get(doc.file.relativePath)
  return {
    date: doc.data.date ?? doc.data.created ?? history?.created,
    updated: doc.data.updated ?? doc.data.modified ?? history?.updated,
  }
}
