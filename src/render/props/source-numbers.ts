/**
 * The numbers an inquiry's page gives its sources: 1, 2, 3… in the order of
 * its "Sources" list (the order the inquiry cites them). Everything on the
 * page that numbers documents (the Sources list, the "Nearby" drawing and
 * its lists) takes its numbers from here, so one document has one number
 * on the page.
 */
import { inquirySources } from '../../graph/inquiry-sources.js'
import type { Graph, Slug } from '../../model.js'

/** Each source of `inquiry` with its number, from 1, in source order; empty for a note. */
export function sourceNumbers(graph: Graph, slug: Slug): ReadonlyMap<Slug, number> {
  const numbers = new Map<Slug, number>()
  if (graph.documents.get(slug)?.type !== 'inquiry') return numbers
  for (const source of inquirySources(graph, slug)) if (!numbers.has(source)) numbers.set(source, numbers.size + 1)
  return numbers
}
