/**
 * `previews.json`: the title, summary and kind of every document, by slug.
 * `templates/assets/preview.js` fetches it the first time a reader hovers
 * or focuses a link to a document, and shows the preview in a popover.
 */
import type { Graph } from '../model.js'

/** Where the previews live, relative to the site root. */
export const previewsFile = 'previews.json'

/** One document's preview. */
export interface PreviewEntry {
  readonly title: string
  readonly summary: string
  readonly type: 'note' | 'inquiry'
}

/** Every document's preview, in slug order. */
export function previews(graph: Graph): Record<string, PreviewEntry> {
  const entries: Record<string, PreviewEntry> = {}
  for (const [slug, doc] of graph.documents) entries[slug] = { title: doc.data.title, summary: doc.data.summary, type: doc.type }
  return entries
}

/** The file: compact JSON (it is fetched on the first hover), with no raw `<`. */
export function previewsJson(graph: Graph): string {
  return JSON.stringify(previews(graph)).replace(/</g, '\\u003c') + '\n'
}
