/**
 * What a document's page depends on, as one fingerprint. Two renders with
 * the same fingerprint produce the same page, so an incremental rebuild
 * re-renders exactly the pages whose fingerprint changed: the edited
 * document, every page that shows its title or summary (links, sources,
 * backlinks, next lines), and pages whose backlinks changed.
 */
import { createHash } from 'node:crypto'
import type { Graph, Resolution, SiteOptions, Slug } from '../model.js'

/** The fingerprint of the page of `slug`. */
export function pageFingerprint(graph: Graph, slug: Slug, site: SiteOptions): string {
  const doc = graph.documents.get(slug)!
  const hash = createHash('sha256')
  const field = (value: string): void => {
    hash.update(value)
    hash.update('\u0000')
  }
  field(JSON.stringify(site))
  field(doc.file.relativePath)
  field(doc.file.text)
  const shown = (other: Slug): void => {
    const target = graph.documents.get(other)
    field(other)
    field(target ? `${target.type}\u0001${target.data.title}\u0001${target.data.summary}` : '')
  }
  const results = (list: readonly Resolution[] | undefined): void => {
    for (const result of list ?? []) {
      field(result.kind)
      if (result.kind === 'resolved') shown(result.slug)
    }
  }
  results(graph.resolved.get(slug))
  results(graph.next.get(slug))
  field('cited-by')
  for (const other of graph.citedBy.get(slug) ?? []) shown(other)
  return hash.digest('base64url')
}
