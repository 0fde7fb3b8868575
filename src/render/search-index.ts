/**
 * The search index: every document's title, summary, tags and body, indexed
 * at build time with MiniSearch and queried in the browser by
 * `templates/assets/search.js`.
 *
 * Why MiniSearch and not Pagefind: quire builds the index from the graph in
 * Node, in memory, so `quire dev` (which serves from memory and never writes
 * HTML to disk) gets the same index as `quire build`, and the bytes are
 * deterministic. Pagefind runs a native binary over the written HTML.
 * MiniSearch is pure JavaScript (its published ES module is 18 KB
 * gzipped); the seed library's index is 4.5 KB gzipped, a 1,000-note
 * library's about 560 B a note, and a query takes a few milliseconds at
 * most (figures in the README's "Search and previews").
 *
 * Three files:
 * - `search-index.json`: MiniSearch's serialised index, titles and summaries stored;
 * - `search-text.json`: each document's text in phrase form, fetched only for
 *   "quoted phrase" queries, to keep results whose text has the exact phrase;
 * - `assets/minisearch.js`: the library, fetched with the index.
 * The page itself loads none of them until the reader uses the search field.
 */
import { withoutComments } from '../parse/comments.js'
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type * as SearchTerms from '../../templates/assets/search-terms.js'
import type { Doc, Graph } from '../model.js'
import { assetFolder } from './assets.js'

/** Where the search files live, relative to the site root. */
export const searchFiles = { index: 'search-index.json', text: 'search-text.json', library: 'assets/minisearch.js' } as const

/** One document as the index sees it. */
export interface SearchDocument {
  readonly id: string
  readonly type: Doc['type']
  readonly title: string
  readonly summary: string
  readonly tags: string
  readonly body: string
}

/** The shared tokenizer, loaded from the asset the browser also gets. */
export async function searchTerms(): Promise<typeof SearchTerms> {
  return (await import(pathToFileURL(path.join(assetFolder(), 'search-terms.js')).href)) as typeof SearchTerms
}

/**
 * A body's searchable text, straight from its Markdown: link targets,
 * URLs and HTML tags left out, the rest kept as written (a `[[target]]`
 * without a label shows its target's title, which `searchDocuments` adds). The tokenizer
 * drops Markdown's punctuation by itself, so this needs no parse (parsing
 * is most of a build's time).
 */
export function searchableBody(markdown: string): string {
  // Obsidian comments are private: never indexed.
  let text = withoutComments(markdown)
  // Each pass only where its syntax occurs: long notes are common and each pass copies the text.
  // No pattern scans past the next opening `<` or `[`: from every `[` of a long line with no `]`, each would
  // read to the line's end, and a note of 8,000 brackets in 60 KB (under the parse's time-limit screen) took a second.
  if (text.includes('<')) text = withoutHtmlComments(text).replace(/<\/?[A-Za-z][^<>]*>/g, ' ')
  if (text.includes(']:')) text = text.replace(/^[ \t]*\[[^\]\n]+\]:[ \t]*\S+.*$/gm, ' ')
  if (text.includes('[[')) text = text.replace(/\[\[[^[\]|\n]*(?:\|([^[\]\n]*))?\]\]/g, (_, label: string | undefined) => ` ${label ?? ''} `)
  if (text.includes('](')) text = text.replace(/!?\[([^[\]\n]*)\]\([^)\n]*\)/g, ' $1 ')
  if (text.includes('://')) text = text.replace(/\bhttps?:\/\/[^\s)>\]]+/g, ' ')
  return text
}

/** `text` with each `<!-- … -->` left out; an unclosed one is kept, and looked for once. */
function withoutHtmlComments(text: string): string {
  let out = ''
  let at = 0
  for (let open = text.indexOf('<!--'); open !== -1; open = text.indexOf('<!--', at)) {
    const close = text.indexOf('-->', open + 4)
    if (close === -1) break
    out += `${text.slice(at, open)} `
    at = close + 3
  }
  return at === 0 ? text : out + text.slice(at)
}

/**
 * How much of a body is indexed, in characters: about 15,000 words, far more
 * than a note needs, and a bound on what one huge file (a pasted transcript)
 * adds to the index, to `search-text.json` and to the build's time.
 */
export const indexedBodyLength = 100_000

/** The titles a body shows for its `[[target]]` links without a label. */
function linkedTitles(graph: Graph, doc: Doc): string {
  const resolved = graph.resolved.get(doc.slug) ?? []
  const titles: string[] = []
  doc.links.forEach((link, i) => {
    const result = resolved[i]
    if (link.syntax === 'wikilink' && link.label === undefined && result?.kind === 'resolved') titles.push(graph.documents.get(result.slug)?.data.title ?? '')
  })
  return titles.join('\n')
}

/** One document as the index sees it. */
export function searchDocument(graph: Graph, doc: Doc): SearchDocument {
  return {
    id: doc.slug,
    type: doc.type,
    title: doc.data.title,
    summary: doc.data.summary,
    tags: (doc.data.tags ?? []).join(' '),
    body: `${searchableBody(doc.file.text.slice(doc.bodyOffset, doc.bodyOffset + indexedBodyLength))}\n${linkedTitles(graph, doc)}`,
  }
}

/**
 * The fingerprint of what the search files are made from: for each
 * document, what {@link searchDocument} reads (its text as written, not yet
 * made searchable, which would cost as much as the index). quire's own code,
 * the tokenizer included, is covered by the build cache's key.
 */
export function searchFingerprint(graph: Graph): string {
  const hash = createHash('sha1')
  for (const doc of graph.documents.values()) {
    hash.update(`${doc.slug}\u0000${doc.type}\u0000${doc.data.title}\u0000${doc.data.summary}\u0000${(doc.data.tags ?? []).join(' ')}\u0000`)
    hash.update(doc.file.text.slice(doc.bodyOffset, doc.bodyOffset + indexedBodyLength))
    hash.update(`\u0000${linkedTitles(graph, doc)}\u0001`)
  }
  return hash.digest('base64url')
}

/** The documents to index, in slug order. */
export function searchDocuments(graph: Graph): SearchDocument[] {
  return [...graph.documents.values()].map((doc) => searchDocument(graph, doc))
}

/**
 * The index in MiniSearch's serialised form (`MiniSearch.loadJSON` reads
 * it), written directly: counting each document's terms in plain maps is
 * several times faster than `MiniSearch#addAll`, which grows a radix tree
 * the browser rebuilds on load anyway. Terms are sorted, so the bytes
 * depend only on the documents. A test checks that the browser's MiniSearch
 * loads it and answers queries exactly as an index it built itself.
 */
export function serialiseIndex(documents: readonly SearchDocument[], terms: typeof SearchTerms): string {
  return searchFileContents(documents, terms).index
}

/** The index (see `serialiseIndex`) and the phrase texts, as whole strings. */
export function searchFileContents(documents: readonly SearchDocument[], terms: typeof SearchTerms): { index: string; text: string } {
  const files = new SearchFiles(
    documents.map((doc) => doc.id),
    (i) => documents[i]!,
    terms,
  )
  const text = [...files.text()].join('')
  return { index: [...files.index()].join(''), text }
}

/** Characters JSON.stringify writes escaped: quotes, backslashes, control characters and (when lone) surrogates. */
const jsonEscaped = /["\\\u0000-\u001f\ud800-\udfff]/

/**
 * `text` as a JSON string, as JSON.stringify writes it. A phrase is words
 * and spaces, which need no escapes: quoting it is much faster than
 * JSON.stringify on a long text (and gives the same bytes).
 */
function jsonString(text: string): string {
  return jsonEscaped.test(text) ? JSON.stringify(text) : `"${text}"`
}

/** How many characters of a search file are handed on at once. */
const pieceLength = 1 << 18

/** Is `key` an array index? JSON.stringify writes such keys of an object first, in numeric order. */
function isArrayIndex(key: string): boolean {
  return /^(?:0|[1-9]\d{0,9})$/.test(key) && Number(key) <= 4294967294
}

/** The postings of one term: (field, short id, count) triples in document order, packed. */
class Postings {
  data = new Int32Array(12)
  length = 0
  push(fieldId: number, shortId: number, count: number): void {
    if (this.length + 3 > this.data.length) {
      const grown = new Int32Array(this.data.length * 2)
      grown.set(this.data)
      this.data = grown
    }
    this.data[this.length++] = fieldId
    this.data[this.length++] = shortId
    this.data[this.length++] = count
  }
}

/**
 * Both search files from one pass over the documents, made piece by piece
 * so that a large library's files are written as they are made rather than
 * held whole: `search-text.json` first (each document's phrase text, while
 * its terms are counted), then `search-index.json` (from the counts). Each
 * field is tokenized once for both. The bytes are exactly those of
 * `JSON.stringify` on the whole objects.
 */
export class SearchFiles {
  private readonly fields: readonly (keyof SearchDocument & string)[]
  private readonly postings = new Map<string, Postings>()
  private readonly fieldLength: number[][] = []
  private readonly averageFieldLength: number[]
  private readonly stored: Record<string, unknown>[] = []
  private counted = false

  constructor(
    private readonly ids: readonly string[],
    private readonly documentAt: (shortId: number) => SearchDocument,
    private readonly terms: typeof SearchTerms,
  ) {
    this.fields = terms.searchFields as readonly string[] as readonly (keyof SearchDocument & string)[]
    this.averageFieldLength = this.fields.map(() => 0)
  }

  /** The files of `graph`'s documents. */
  static async of(graph: Graph): Promise<SearchFiles> {
    const docs = [...graph.documents.values()]
    return new SearchFiles(
      docs.map((doc) => doc.slug),
      (i) => searchDocument(graph, docs[i]!),
      await searchTerms(),
    )
  }

  /** A document's phrase text; the first time through, its terms are counted for the index. */
  private phrase(shortId: number, count: boolean): string {
    const doc = this.documentAt(shortId)
    const lengths: number[] = []
    const phrase: string[] = []
    this.fields.forEach((field, fieldId) => {
      const tokens = this.terms.tokenize(doc[field])
      if (tokens.length > 0) phrase.push(tokens.join(' '))
      if (!count) return
      // As MiniSearch counts: distinct tokens, before CJK runs are expanded.
      const length = new Set(tokens).size
      lengths.push(length)
      this.averageFieldLength[fieldId] = (this.averageFieldLength[fieldId]! * shortId + length) / (shortId + 1)
      for (const [term, n] of this.termCounts(tokens)) {
        let list = this.postings.get(term)
        if (!list) this.postings.set(term, (list = new Postings()))
        list.push(fieldId, shortId, n)
      }
    })
    if (count) {
      this.fieldLength.push(lengths)
      this.stored.push(Object.fromEntries(this.terms.storedFields.map((field) => [field, doc[field as keyof SearchDocument]])))
    }
    return phrase.join(' ')
  }

  /**
   * How often each term occurs in `tokens`. Tokens are counted first, and
   * each distinct one is processed once: most are their own term (every
   * word but a CJK run), and a field repeats its words.
   */
  private termCounts(tokens: readonly string[]): Map<string, number> {
    const byToken = new Map<string, number>()
    for (const token of tokens) byToken.set(token, (byToken.get(token) ?? 0) + 1)
    let counts: Map<string, number> | undefined
    for (const [token, n] of byToken) {
      const processed = this.terms.processTerm(token)
      if (counts === undefined) {
        if (processed === token) continue
        // A token that is not its own term: count again, by term, every token seen so far and from here on.
        counts = new Map()
        for (const [earlier, m] of byToken) {
          if (earlier === token) break
          counts.set(earlier, (counts.get(earlier) ?? 0) + m)
        }
      }
      for (const term of typeof processed === 'string' ? [processed] : processed) counts.set(term, (counts.get(term) ?? 0) + n)
    }
    return counts ?? byToken
  }

  /** `search-text.json` in pieces: `{"id":"phrase text",…}`, with no raw `<`. */
  *text(): Generator<string> {
    const count = !this.counted
    // A piece's parts are joined once it is long enough (one copy, rather than a string grown entry by entry).
    let parts: string[] = ['{']
    let length = 1
    let first = true
    const entry = (shortId: number, phrase: string): string | undefined => {
      const written = `${first ? '' : ','}${JSON.stringify(this.ids[shortId])}:${jsonString(phrase)}`
      parts.push(written)
      length += written.length
      first = false
      if (length < pieceLength) return undefined
      const full = parts.join('')
      parts = []
      length = 0
      return full.replace(/</g, '\\u003c')
    }
    // As JSON.stringify orders an object's keys: array indices first, in numeric order.
    const early = this.ids.flatMap((id, shortId) => (isArrayIndex(id) ? [shortId] : [])).sort((a, b) => Number(this.ids[a]) - Number(this.ids[b]))
    for (const shortId of early) {
      const full = entry(shortId, this.phrase(shortId, false))
      if (full !== undefined) yield full
    }
    const isEarly = new Set(early)
    for (let shortId = 0; shortId < this.ids.length; shortId++) {
      const phrase = isEarly.has(shortId) ? (count ? this.phrase(shortId, true) : undefined) : this.phrase(shortId, count)
      if (phrase === undefined || isEarly.has(shortId)) continue
      const full = entry(shortId, phrase)
      if (full !== undefined) yield full
    }
    this.counted = true
    yield `${parts.join('')}}`.replace(/</g, '\\u003c') + '\n'
  }

  /** `search-index.json` in pieces (counting the terms first if `text` has not). */
  *index(): Generator<string> {
    if (!this.counted) for (const _ of this.text()) void _
    const fields = this.fields
    const byShortId = <T>(make: (shortId: number) => T) => Object.fromEntries(this.ids.map((_, shortId) => [shortId, make(shortId)]))
    const head = {
      documentCount: this.ids.length,
      nextId: this.ids.length,
      documentIds: byShortId((shortId) => this.ids[shortId]),
      fieldIds: Object.fromEntries(fields.map((field, fieldId) => [field, fieldId])),
      fieldLength: byShortId((shortId) => this.fieldLength[shortId]),
      averageFieldLength: this.averageFieldLength,
      storedFields: byShortId((shortId) => this.stored[shortId]),
      dirtCount: 0,
    }
    let piece = `${JSON.stringify(head).slice(0, -1)},"index":[`
    let first = true
    for (const term of [...this.postings.keys()].sort()) {
      const { data, length } = this.postings.get(term)!
      const byField: string[] = []
      for (let fieldId = 0; fieldId < fields.length; fieldId++) {
        let pairs = ''
        for (let i = 0; i < length; i += 3) if (data[i] === fieldId) pairs += `${pairs === '' ? '' : ','}"${data[i + 1]}":${data[i + 2]}`
        if (pairs !== '') byField.push(`"${fieldId}":{${pairs}}`)
      }
      piece += `${first ? '' : ','}[${JSON.stringify(term)},{${byField.join(',')}}]`
      first = false
      if (piece.length >= pieceLength) {
        yield piece.replace(/</g, '\\u003c')
        piece = ''
      }
    }
    yield `${piece}],"serializationVersion":2}`.replace(/</g, '\\u003c') + '\n'
  }
}

/** The index and the phrase texts for `graph`, as file contents. */
export async function searchIndex(graph: Graph): Promise<{ index: string; text: string }> {
  const files = await SearchFiles.of(graph)
  const text = [...files.text()].join('')
  return { index: [...files.index()].join(''), text }
}

let library: Promise<string> | undefined

/** MiniSearch's browser module, as published (its source-map comment left out). */
export function minisearchModule(): Promise<string> {
  // The package exports its CommonJS build to `require` (dist/cjs/index.cjs); the ES module is beside it.
  const file = path.resolve(path.dirname(createRequire(import.meta.url).resolve('minisearch')), '..', 'es', 'index.js')
  library ??= readFile(file, 'utf8').then((code) => code.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n'))
  return library
}

/** The site's search files. */
export async function searchIndexFiles(graph: Graph): Promise<{ path: string; contents: string }[]> {
  const [{ index, text }, code] = await Promise.all([searchIndex(graph), minisearchModule()])
  return [
    { path: searchFiles.index, contents: index },
    { path: searchFiles.text, contents: text },
    { path: searchFiles.library, contents: code },
  ]
}
