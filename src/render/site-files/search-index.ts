/**
 * What the search index is made from: every document's title, summary,
 * tags and body as searchable text (`search-shards.ts` writes the files,
 * `templates/assets/search-query.js` reads them in the browser).
 *
 * quire builds the index from the graph in Node, in memory, so `quire dev`
 * (which serves from memory and never writes HTML to disk) gets the same
 * files as `quire build`, and the bytes are deterministic.
 */
import { withoutComments } from '../../parse/comments.js'
import { createHash } from 'node:crypto'
import type { Doc, Graph } from '../../model.js'
import { manifestFile, searchFolder, type SearchDocument } from './search-shards.js'

export type { SearchDocument }

/** Where the search files live, relative to the site root: the manifest, in a folder quire owns. */
export const searchFiles = { folder: searchFolder, manifest: manifestFile } as const

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
  // read to the line's end: time quadratic in a line's length, for a note small enough to pass the parse's time-limit screen.
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

/**
 * What one document's search entry is made from, as read from the graph:
 * its body as written, not yet made searchable ({@link searchEntry} does
 * that, where the index is built: a build may build it in another thread).
 */
export interface SearchSource extends Omit<SearchDocument, 'body'> {
  /** The body as written, up to {@link indexedBodyLength} characters. */
  readonly body: string
  /** The titles its `[[target]]` links without a label show, one a line. */
  readonly linkedTitles: string
}

/** What `doc`'s search entry is made from. */
export function searchSource(graph: Graph, doc: Doc): SearchSource {
  return {
    id: doc.slug,
    type: doc.type,
    title: doc.data.title,
    summary: doc.data.summary,
    tags: (doc.data.tags ?? []).join(' '),
    body: doc.file.text.slice(doc.bodyOffset, doc.bodyOffset + indexedBodyLength),
    linkedTitles: linkedTitles(graph, doc),
  }
}

/** One document as the index sees it, from what its entry is made from. */
export function searchEntry(source: SearchSource): SearchDocument {
  const { id, type, title, summary, tags } = source
  return { id, type, title, summary, tags, body: `${searchableBody(source.body)}\n${source.linkedTitles}` }
}

/** One document as the index sees it. */
export function searchDocument(graph: Graph, doc: Doc): SearchDocument {
  return searchEntry(searchSource(graph, doc))
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
