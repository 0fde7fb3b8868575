// Which preview file holds a document's preview: a hash of its address
// (FNV-1a over its UTF-16 code units) modulo the number of buckets. The same
// file runs at build time (Node) and in the browser, so both sides agree.

/** The bucket of the document at `slug`, out of `buckets`. */
export function bucketOf(slug, buckets) {
  let hash = 0x811c9dc5
  for (let i = 0; i < slug.length; i++) {
    hash ^= slug.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash % buckets
}
