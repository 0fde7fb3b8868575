/**
 * The fingerprint of everything a site is made from: the site's settings
 * and the whole graph (each document's address, type, data and text, the
 * unpublished documents, the attachments published and the dates taken
 * from history). Everything the render makes from the graph is a function
 * of these, so two graphs with the same fingerprint make the same site,
 * byte for byte (quire's own code is the cache key's business). A build
 * whose library fingerprint equals the previous build's carries every file
 * of the previous site over without working out any page's own fingerprint.
 */
import { createHash, type Hash } from 'node:crypto'
import type { Doc, Graph, SiteOptions } from '../model.js'
import { updateWithPlaces } from '../graph/read-values.js'

/** The fingerprint of a site made from `graph` with `site`'s settings. */
export function libraryFingerprint(graph: Graph, site: SiteOptions): string {
  const hash = createHash('sha256')
  hash.update(JSON.stringify(site))
  hash.update('\u0000documents\u0000')
  for (const doc of graph.documents.values()) hashDocument(hash, doc)
  hash.update('\u0000unpublished\u0000')
  for (const doc of graph.unpublished.values()) hashDocument(hash, doc)
  updateWithPlaces(hash, graph)
  return hash.digest('base64url')
}

/** A document's part of the fingerprint: its address, type, data and text. */
function hashDocument(hash: Hash, doc: Doc): void {
  hash.update(`${doc.slug}\u0001${doc.type}\u0001${doc.file.relativePath}\u0001${doc.published ? 1 : 0}\u0001`)
  hash.update(JSON.stringify(doc.data) ?? '')
  hash.update('\u0001')
  hash.update(doc.file.text)
  hash.update('\u0000')
}
