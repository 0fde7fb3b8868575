/**
 * What a page reads of the graph, recorded as its props are made.
 *
 * A page's props are made from a view of the graph that notes each lookup
 * under a key: a document's slug (its data and its entries in the graph's
 * relations: links, backlinks, sources, claims, suggestions, neighbours),
 * its summary's or its prose's key, or a prefixed key for another input (a folder's listing, a
 * paper, an alias, an attachment, a file's dates). Iterating the graph
 * (its documents, its edges) is recorded as a read of its structure
 * ({@link structureKey}), and each document handed out is a view that
 * records its summary and prose as they are read.
 *
 * Every file of the site has such a record: a document's page (recorded as
 * its fingerprint is taken) and each file made from the whole library
 * (recorded as it is made, see `render/render-site.ts`). The records drive
 * `quire dev`'s list of changed files: a file may have changed only if
 * something it read did (see `dev/site-changes.ts`).
 */
import type { Doc, Graph, Slug } from '../model.js'
import { everything, noteRead, readsInto, registerView, structureKey } from './structure.js'

export { everything, noteRead, readsInto, structureKey }

/** A page's record: the keys of what its props and body read. */
export type PageReads = readonly string[]

/** The key of the document count (a page that shows whether there are documents reads it). */
export const documentCountKey = '#documents'

/** The key of a document's prose (its text beyond its data and summary): a page shows it in its body or an embed. */
export function proseKey(slug: string): string {
  return `prose:${slug}`
}

/** The key of a document's summary: a page shows it in a card or its own header. */
export function summaryKey(slug: string): string {
  return `summary:${slug}`
}

/**
 * The key of the prose of every document at once, for a file that reads all
 * of it and weighs each against the rest (the search index's term weights):
 * it changes whenever any document's prose does, and keeps such a file's
 * record to three keys.
 */
export const anyProseKey = 'prose:*'

/** The key of the summary of every document at once (see {@link anyProseKey}). */
export const anySummaryKey = 'summary:*'

/** The key of a folder's entry in the folder tree (its name, its page, its `index.md`). */
export function folderKey(slug: string): string {
  return `folder:${slug}`
}

/** The key of a folder's listing (its sub-folders and documents, in order, and how many it holds). */
export function folderListingKey(slug: string): string {
  return `listing:${slug}`
}

/** The key of a cited paper (its title and date come from an inquiry's anchor). */
export function paperKey(id: string): string {
  return `paper:${id}`
}

/** The key of an alias's redirect, of an attachment by relative path, and of a file's dates from history. */
export const redirectPrefix = 'redirect:'
export const attachmentPrefix = 'attachment:'
export const historyPrefix = 'history:'

/**
 * A map whose lookups are noted (see `readsInto`) under `prefix` + key;
 * iterating it reads the graph's structure (which keys it holds, in what
 * order), and hands out each value as a lookup would.
 */
export class RecordingMap<K extends string, V> implements ReadonlyMap<K, V> {
  constructor(
    private readonly map: ReadonlyMap<K, V>,
    private readonly prefix: string,
    private readonly sizeKey: string = structureKey,
    /** How a value looked up is handed out (as it is, by default): a view that records reads of its parts. */
    private readonly view?: (value: V) => V,
  ) {}

  get size(): number {
    noteRead(this.sizeKey)
    return this.map.size
  }

  get(key: K): V | undefined {
    noteRead(this.prefix + key)
    const value = this.map.get(key)
    return value === undefined || !this.view ? value : this.view(value)
  }

  has(key: K): boolean {
    noteRead(this.prefix + key)
    return this.map.has(key)
  }

  entries(): MapIterator<[K, V]> {
    noteRead(structureKey)
    const view = this.view
    return view ? viewed(this.map.entries(), ([key, value]) => [key, view(value)]) : this.map.entries()
  }

  keys(): MapIterator<K> {
    noteRead(structureKey)
    return this.map.keys()
  }

  values(): MapIterator<V> {
    noteRead(structureKey)
    const view = this.view
    return view ? viewed(this.map.values(), view) : this.map.values()
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries()
  }

  forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void, thisArg?: unknown): void {
    noteRead(structureKey)
    const view = this.view
    this.map.forEach((value, key) => callback.call(thisArg, view ? view(value) : value, key, this))
  }
}

/** `items`, each handed out as `view` makes it. */
function* viewed<T>(items: Iterable<T>, view: (item: T) => T): MapIterator<T> {
  for (const item of items) yield view(item)
}

/** Each graph's view, made once. */
const graphViews = new WeakMap<Graph, Graph>()

/** Each document's view, made once: graphs made one from another after an edit share their unchanged documents. */
const documentViews = new WeakMap<Doc, Doc>()

function documentView(doc: Doc): Doc {
  let view = documentViews.get(doc)
  if (!view) documentViews.set(doc, (view = recordedDocument(doc)))
  return view
}

/**
 * A view of `graph` that notes everything read through it while reads are
 * recorded (see {@link readsInto}). Values worked out once per structure
 * (`byStructure`) are made from the graph itself and record their own
 * reads.
 */
export function recordingGraph(graph: Graph): Graph {
  const made = graphViews.get(graph)
  if (made) return made
  const bySlug = <V>(map: ReadonlyMap<Slug, V>): ReadonlyMap<Slug, V> => new RecordingMap(map, '')
  const view: Graph = {
    documents: new RecordingMap(graph.documents, '', documentCountKey, documentView),
    resolved: bySlug(graph.resolved),
    next: bySlug(graph.next),
    citedBy: bySlug(graph.citedBy),
    sources: bySlug(graph.sources),
    claimSupport: bySlug(graph.claimSupport),
    backs: bySlug(graph.backs),
    suggestions: bySlug(graph.suggestions),
    unpublished: new RecordingMap(graph.unpublished, '', structureKey, documentView),
    attachments: new RecordingMap(graph.attachments, attachmentPrefix),
    movedAttachments: new RecordingMap(graph.movedAttachments, attachmentPrefix),
    redirects: new RecordingMap(graph.redirects, redirectPrefix),
    history: graph.history && new RecordingMap(graph.history, historyPrefix),
    get readdressed() {
      noteRead(structureKey)
      return graph.readdressed
    },
    get edges() {
      noteRead(structureKey)
      return graph.edges
    },
  }
  registerView(view, graph)
  graphViews.set(graph, view)
  return view
}

/**
 * What a view of a document reads from: the document, and the keys its
 * reads are noted under, made when first read (most views never read a
 * document's prose).
 */
interface ViewedDocument {
  readonly doc: Doc
  summary?: string
  prose?: string
}

/** Where a view (and its `data` and `file`) keeps what it reads from: not enumerable, so spreading or serialising a view reads the same as the document. */
const origin = Symbol('viewed document')

function viewedOf(view: object): ViewedDocument {
  return (view as { [origin]: ViewedDocument })[origin]
}

function noteSummary(of: ViewedDocument): void {
  noteRead((of.summary ??= summaryKey(of.doc.slug)))
}

function noteProse(of: ViewedDocument): void {
  noteRead((of.prose ??= proseKey(of.doc.slug)))
}

/**
 * The accessors of every view, shared: a view's getters find their document
 * through `this`, so views hold no functions of their own (a library's
 * views, one per document, are held as long as the documents are).
 */
const accessors = {
  summary: recordedGetter(noteSummary, (doc) => doc.data.summary),
  text: recordedGetter(noteProse, (doc) => doc.file.text),
  body: recordedGetter(noteProse, (doc) => doc.body),
  bodyOffset: recordedGetter(noteProse, (doc) => doc.bodyOffset),
}

/** A view's getter: notes the read under its key (`note`), then gives what `read` takes from the document. */
function recordedGetter<T>(note: (of: ViewedDocument) => void, read: (doc: Doc) => T): PropertyDescriptor {
  return {
    enumerable: true,
    configurable: true,
    get(this: object): T {
      const of = viewedOf(this)
      note(of)
      return read(of.doc)
    },
  }
}

/** `target`, told where its reads come from. */
function hide<T extends object>(target: T, of: ViewedDocument): T {
  return Object.defineProperty(target, origin, { value: of })
}

/**
 * A copy of `doc` that records the reads a lookup does not: its summary
 * under {@link summaryKey}, its text and body under {@link proseKey}.
 * (Looking the document up records its slug, which covers the rest.) A
 * copy with getters rather than a proxy: it is made for every document a
 * page reads, and reads the same as the document, spread or serialised
 * (the same properties in the same order).
 */
function recordedDocument(doc: Doc): Doc {
  const of: ViewedDocument = { doc }
  const data: Record<string, unknown> = hide({}, of)
  for (const [key, value] of Object.entries(doc.data)) {
    if (key === 'summary') Object.defineProperty(data, key, accessors.summary)
    else data[key] = value
  }
  // The text is read only when asked for: a one-shot build may have let it go (see `load/note-text.ts`).
  const { file } = doc
  const fileView = Object.defineProperty(hide({ path: file.path, relativePath: file.relativePath, displayPath: file.displayPath }, of), 'text', accessors.text)
  const view: Record<string, unknown> = hide({}, of)
  for (const [key, value] of Object.entries(doc)) {
    if (key === 'data') view[key] = data
    else if (key === 'file') view[key] = fileView
    else if (key === 'body' || key === 'bodyOffset') Object.defineProperty(view, key, accessors[key])
    else view[key] = value
  }
  return view as unknown as Doc
}
