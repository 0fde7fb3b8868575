/**
 * A document as plain data, for telling two versions of it apart: all of
 * it but its text, its positions and its body tree, and (when asked) its
 * summary. What a graph is built from is a document's data without the
 * summary (see {@link graphInputs}), so two graphs whose documents agree on
 * it share their structure (see `structure.ts`).
 *
 * The comparison is by exclusion: a field added to documents later counts
 * too.
 */
import type { Doc } from '../model.js'

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

/**
 * JSON with every object's keys sorted (a Map counts as an empty object, as
 * in `JSON.stringify`). Written out directly rather than through
 * `JSON.stringify` with a replacer, which would copy every object to sort it.
 */
function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null'
  if (Array.isArray(value)) {
    let out = '['
    for (let i = 0; i < value.length; i++) out += `${i > 0 ? ',' : ''}${omitted(value[i]) ? 'null' : canonicalJson(value[i])}`
    return `${out}]`
  }
  if (value instanceof Map) return '{}'
  const record = value as Record<string, unknown>
  let out = '{'
  for (const key of Object.keys(record).sort()) {
    const item = record[key]
    if (omitted(item)) continue
    out += `${out.length > 1 ? ',' : ''}${JSON.stringify(key)}:${canonicalJson(item)}`
  }
  return `${out}}`
}

/** Is this a value JSON leaves out of an object (and writes as null in an array)? */
function omitted(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol'
}
