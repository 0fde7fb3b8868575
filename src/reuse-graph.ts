/**
 * `quire dev`'s shortcut past building the graph again. Most edits change a
 * note's prose or its summary, and nothing the graph is built from: no
 * slug, title, alias, link, `next` or claim. Then the graph is the previous
 * one with the edited documents in place of the old ones, and only the
 * checks run again (their messages carry positions, which prose edits move).
 *
 * The comparison is by exclusion: everything of a document counts except
 * its text, its positions and its summary, so a field added to documents
 * later counts too.
 */
import type { Doc, Graph } from './model.js'
import { shareGraphIndex } from './render/graph-layout.js'

/**
 * A document as plain data, without its text, positions and body tree, and
 * (unless `summary`) without its summary. Keys are sorted: a document parsed
 * in a worker thread and one parsed in the main thread hold the same data
 * with keys in different orders.
 */
export function documentData(doc: Doc, summary: boolean): string {
  const { file, body: _body, positions: _positions, bodyOffset: _bodyOffset, links, data, ...rest } = doc
  const { text: _text, ...where } = file
  const { summary: kept, ...fields } = data
  return canonicalJson([rest, where, summary ? { ...fields, summary: kept } : fields, links.map(({ position: _position, ...link }) => link)])
}

/** What of a document the graph may be built from: all of it but its text, positions and summary. */
export function graphInputs(doc: Doc): string {
  return documentData(doc, false)
}

/** JSON with every object's keys sorted. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item) && !(item instanceof Map) ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : item,
  )
}

/**
 * The graph of `after`, made from `previous` (the graph of `before`, the
 * same files in the same order) by putting each changed document in place
 * of its old self; undefined when a changed document differs in what the
 * graph is built from, so the graph must be built again.
 */
export function regraft(previous: Graph, before: readonly Doc[], after: readonly Doc[]): Graph | undefined {
  if (before.length !== after.length) return undefined
  const replaced = new Map<Doc, Doc>()
  for (let i = 0; i < after.length; i++) {
    const old = before[i]!
    const doc = after[i]!
    if (old === doc) continue
    if (old.file.path !== doc.file.path || graphInputs(old) !== graphInputs(doc)) return undefined
    replaced.set(old, doc)
  }
  if (replaced.size === 0) return previous
  // Every map or list of the graph that holds documents gets the new ones; the rest is shared.
  const swap = <T>(value: T): T => (replaced.get(value as Doc) ?? value) as T
  const graph: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(previous)) {
    if (value instanceof Map && [...value.values()].some((item) => replaced.has(item as Doc))) graph[key] = new Map([...value].map(([k, v]) => [k, swap(v)]))
    else if (Array.isArray(value) && value.some((item) => replaced.has(item as Doc))) graph[key] = value.map(swap)
    else graph[key] = value
  }
  const next = graph as unknown as Graph
  shareGraphIndex(previous, next)
  return next
}
