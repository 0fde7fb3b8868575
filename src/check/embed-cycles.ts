/**
 * Embed cycles: `![[a]]` in b and `![[b]]` in a would transclude forever.
 * The renderer stops at the repeat (showing a link instead); this reports
 * each cycle once, at the embed that closes it.
 */
import { error, type Diagnostic } from '../diagnostics.js'
import type { Graph, Slug } from '../model.js'

/** Every embed that closes a cycle of note embeds. */
export function embedCycles(graph: Graph): Diagnostic[] {
  const diagnostics: Diagnostic[] = []
  const done = new Set<Slug>()
  const onPath: Slug[] = []

  const visit = (slug: Slug): void => {
    onPath.push(slug)
    const doc = graph.documents.get(slug)!
    const results = graph.resolved.get(slug) ?? []
    doc.links.forEach((link, i) => {
      const result = results[i]
      if (!link.embed || result?.kind !== 'resolved') return
      const at = onPath.indexOf(result.slug)
      if (at !== -1) {
        const cycle = [...onPath.slice(at), result.slug].join(' → ')
        diagnostics.push(
          error(
            doc.file.displayPath,
            link.position,
            'embed-cycle',
            `Embed ![[${link.written}]] makes a cycle (${cycle}), so it is shown as a link. Remove one of the embeds, or link instead of embedding.`,
          ),
        )
      } else if (!done.has(result.slug)) {
        visit(result.slug)
      }
    })
    onPath.pop()
    done.add(slug)
  }

  for (const slug of graph.documents.keys()) if (!done.has(slug)) visit(slug)
  return diagnostics
}
