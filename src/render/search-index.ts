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
  if (text.includes('<')) text = text.replace(/<!--[\s\S]*?-->/g, ' ').replace(/<\/?[A-Za-z][^>]*>/g, ' ')
  if (text.includes(']:')) text = text.replace(/^[ \t]*\[[^\]\n]+\]:[ \t]*\S+.*$/gm, ' ')
  if (text.includes('[[')) text = text.replace(/\[\[[^\]|\n]*(?:\|([^\]\n]*))?\]\]/g, (_, label: string | undefined) => ` ${label ?? ''} `)
  if (text.includes('](')) text = text.replace(/!?\[([^\]\n]*)\]\([^)\n]*\)/g, ' $1 ')
  if (text.includes('://')) text = text.replace(/\bhttps?:\/\/[^\s)>\]]+/g, ' ')
  return text
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

/** The documents to index, in slug order. */
export function searchDocuments(graph: Graph): SearchDocument[] {
  return [...graph.documents.values()].map((doc) => ({
    id: doc.slug,
    type: doc.type,
    title: doc.data.title,
    summary: doc.data.summary,
    tags: (doc.data.tags ?? []).join(' '),
    body: `${searchableBody(doc.file.text.slice(doc.bodyOffset, doc.bodyOffset + indexedBodyLength))}\n${linkedTitles(graph, doc)}`,
  }))
}

/** JSON with no whitespace and no raw `<` (safe to embed, like `graph.json`). */
function compactJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c') + '\n'
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

/**
 * The index (see `serialiseIndex`) and the phrase texts, from one pass over
 * the documents: each field is tokenized once for both.
 */
export function searchFileContents(documents: readonly SearchDocument[], terms: typeof SearchTerms): { index: string; text: string } {
  const fields = terms.searchFields
  const phrases: Record<string, string> = {}
  const postings = new Map<string, number[]>()
  const fieldLength: number[][] = []
  const averageFieldLength: number[] = fields.map(() => 0)
  documents.forEach((doc, shortId) => {
    const lengths: number[] = []
    const phrase: string[] = []
    fields.forEach((field, fieldId) => {
      const tokens = terms.tokenize(doc[field])
      if (tokens.length > 0) phrase.push(tokens.join(' '))
      // As MiniSearch counts: distinct tokens, before CJK runs are expanded.
      const length = new Set(tokens).size
      lengths.push(length)
      averageFieldLength[fieldId] = (averageFieldLength[fieldId]! * shortId + length) / (shortId + 1)
      const counts = new Map<string, number>()
      for (const token of tokens) {
        const processed = terms.processTerm(token)
        for (const term of typeof processed === 'string' ? [processed] : processed) counts.set(term, (counts.get(term) ?? 0) + 1)
      }
      for (const [term, count] of counts) {
        const list = postings.get(term)
        if (list) list.push(fieldId, shortId, count)
        else postings.set(term, [fieldId, shortId, count])
      }
    })
    fieldLength.push(lengths)
    phrases[doc.id] = phrase.join(' ')
  })
  const entries: string[] = []
  for (const term of [...postings.keys()].sort()) {
    const list = postings.get(term)!
    const byField: string[] = []
    for (let fieldId = 0; fieldId < fields.length; fieldId++) {
      const pairs: string[] = []
      for (let i = 0; i < list.length; i += 3) if (list[i] === fieldId) pairs.push(`"${list[i + 1]}":${list[i + 2]}`)
      if (pairs.length > 0) byField.push(`"${fieldId}":{${pairs.join(',')}}`)
    }
    entries.push(`[${JSON.stringify(term)},{${byField.join(',')}}]`)
  }
  const byShortId = <T>(make: (doc: SearchDocument, shortId: number) => T) => Object.fromEntries(documents.map((doc, shortId) => [shortId, make(doc, shortId)]))
  const head = {
    documentCount: documents.length,
    nextId: documents.length,
    documentIds: byShortId((doc) => doc.id),
    fieldIds: Object.fromEntries(fields.map((field, fieldId) => [field, fieldId])),
    fieldLength: byShortId((_, shortId) => fieldLength[shortId]),
    averageFieldLength,
    storedFields: byShortId((doc) => Object.fromEntries(terms.storedFields.map((field) => [field, doc[field]]))),
    dirtCount: 0,
  }
  const json = `${JSON.stringify(head).slice(0, -1)},"index":[${entries.join(',')}],"serializationVersion":2}`
  return { index: json.replace(/</g, '\\u003c') + '\n', text: compactJson(phrases) }
}

/** The index and the phrase texts for `graph`, as file contents. */
export async function searchIndex(graph: Graph): Promise<{ index: string; text: string }> {
  return searchFileContents(searchDocuments(graph), await searchTerms())
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
