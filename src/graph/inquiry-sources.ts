/**
 * An inquiry's sources in their one order: each note its body links to,
 * once, in the order of first mention. The Sources list numbers them this
 * way, and so does anything else on the page that numbers them (the graph).
 */
import type { Graph, Slug } from '../model.js'

/** The notes `inquiry` cites, in order of first link; empty for a document that is not an inquiry. */
export function inquirySources(graph: Graph, inquiry: Slug): readonly Slug[] {
  return graph.sources.get(inquiry) ?? []
}
