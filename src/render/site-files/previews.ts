/**
 * Link previews' data, in small files a hover fetches one at a time:
 * `previews/index.json` says how many buckets there are, and
 * `previews/N.json` holds the previews of the documents whose address falls
 * in bucket N (`bucketOf`, which `templates/assets/preview-bucket.js` repeats
 * for the browser): each one's title, summary, kind and the first text of each of
 * its sections (with the heading), by heading id, for links to `[[note#Heading]]`.
 * `templates/assets/preview.js` shows them in a popover, as text.
 */
import type { Doc, Graph } from '../../model.js'
import { sectionTexts, type SectionPreview } from './preview-sections.js'

/** The folder of the preview files, relative to the site root. */
export const previewsFolder = 'previews'

/** The file that says how many buckets there are. */
export const previewsIndexFile = `${previewsFolder}/index.json`

/** About how many documents share a bucket. */
const documentsPerBucket = 8

/** One document's preview. */
export interface PreviewEntry {
  readonly title: string
  readonly summary: string
  readonly type: 'note' | 'inquiry'
  /** The heading and first text of each section, by heading id (left out when there are none). */
  readonly sections?: Readonly<Record<string, SectionPreview>>
}

/**
 * The bucket of the document at `slug`, out of `buckets`: FNV-1a over its
 * UTF-16 code units. `templates/assets/preview-bucket.js` is the same
 * function for the browser (a test holds them equal).
 */
export function bucketOf(slug: string, buckets: number): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < slug.length; i++) {
    hash ^= slug.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash % buckets
}

/** How many buckets a library of `documents` documents has. */
export function bucketCount(documents: number): number {
  return Math.max(1, Math.ceil(documents / documentsPerBucket))
}

/** One document's preview. */
export function previewEntry(doc: Doc): PreviewEntry {
  const sections = sectionTexts(doc)
  const entry = { title: doc.data.title, summary: doc.data.summary, type: doc.type }
  return Object.keys(sections).length > 0 ? { ...entry, sections } : entry
}

/** JSON with no raw `<`. */
function json(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c') + '\n'
}

/**
 * The slugs of each bucket, in slug order (worked out once per graph).
 * Only the bucket a file is made for reads its documents' text.
 */
export function previewBuckets(graph: Graph): Slug[][] {
  const buckets: Slug[][] = Array.from({ length: bucketCount(graph.documents.size) }, () => [])
  for (const slug of graph.documents.keys()) buckets[bucketOf(slug, buckets.length)]!.push(slug)
  return buckets
}

type Slug = Doc['slug']

/** The files' contents: the index, and bucket `n`. */
export const previewFiles = {
  index: (graph: Graph): string => json({ buckets: bucketCount(graph.documents.size) }),
  /** Bucket `n`'s file. */
  bucket: (graph: Graph, slugs: readonly Slug[]): string => json(Object.fromEntries(slugs.map((slug) => [slug, previewEntry(graph.documents.get(slug)!)]))),
}
