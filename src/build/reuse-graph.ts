/**
 * `quire dev`'s shortcut past building the graph again. Most edits change a
 * note's prose or its summary, and nothing the graph is built from: no
 * slug, title, alias, link, `next` or claim. Then the graph is the previous
 * one with the edited documents in place of the old ones, and only the
 * checks run again (their messages carry positions, which prose edits move).
 *
 * The comparison is by exclusion (see `graph/document-data.ts`):
 * everything of a document counts except its text, its positions and its
 * summary, so a field added to documents later counts too.
 */
import { graphInputs } from '../graph/document-data.js'
import { shareStructure } from '../graph/structure.js'
import type { Doc, Graph, Slug } from '../model.js'
import { withReplaced } from './replaced-map.js'

/**
 * The fields of a graph that hold documents themselves (not just their
 * slugs): the ones a regraft must put the edited documents into. Listing a
 * field that holds none, or leaving one out, is a compile error.
 */
type DocumentFields = { [K in keyof Graph]-?: Graph[K] extends ReadonlyMap<Slug, Doc> | readonly Doc[] ? K : never }[keyof Graph]
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- a value only for its type: the check below is at compile time
const documentFields = ['documents', 'unpublished'] as const satisfies readonly DocumentFields[]
const everyDocumentField: Exclude<DocumentFields, (typeof documentFields)[number]> extends never ? true : never = true

/**
 * The graph after an edit, made from `previous` by putting each edited
 * document (`replaced`: old → new) in place of its old self; undefined
 * when an edited document differs in what the graph is built from, so the
 * graph must be built again. The result shares `previous`'s structure
 * (see `graph/structure.ts`).
 */
export function regraft(previous: Graph, replaced: ReadonlyMap<Doc, Doc>): Graph | undefined {
  for (const [old, doc] of replaced) if (old.file.path !== doc.file.path || graphInputs(old) !== graphInputs(doc)) return undefined
  // A document published at another address than its slug is held as a copy: build the graph again.
  if (previous.readdressed.some((moved) => replaced.has(moved.parsed))) return undefined
  if (replaced.size === 0 || !everyDocumentField) return previous
  const swapped = (map: ReadonlyMap<Slug, Doc>): ReadonlyMap<Slug, Doc> => {
    const changes = new Map<Slug, Doc>()
    for (const [old, doc] of replaced) if (map.get(old.slug) === old) changes.set(old.slug, doc)
    return withReplaced(map, changes)
  }
  const next: Graph = { ...previous, documents: swapped(previous.documents), unpublished: swapped(previous.unpublished) }
  shareStructure(previous, next)
  return next
}
