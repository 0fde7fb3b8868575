/**
 * The sharded search index: what `templates/assets/search-query.js` reads in
 * the browser, made so that a query fetches only the pieces its terms need
 * (see docs/search.md for the format).
 *
 * - `search/manifest.json`: the number of documents, the block sizes and
 *   the first key of each term shard (a key is a term's first three
 *   characters; every term of one key is in one shard);
 * - `search/terms/N.json`: the terms of a run of keys, in sorted order,
 *   each with its postings: document numbers (as gaps) and weights;
 * - `search/docs/N.json`: the address, kind, title and summary of
 *   {@link docBlock} documents, fetched for the results shown;
 * - `search/text/N.json`: the phrase text of {@link textBlock} documents,
 *   fetched only to check a "quoted phrase".
 *
 * A posting's weight is the document's whole score for the term, worked
 * out here (BM25+ over each field, times the field's boost), so the browser
 * needs no field lengths or statistics: it adds weights up.
 *
 * How many files there are depends only on the number of documents, so a
 * plan of the site knows their paths before any is made.
 */
import type * as SearchTerms from '../../../templates/assets/search-terms.js'
import type { Doc } from '../../model.js'

/** One document as the index sees it. */
export interface SearchDocument {
  readonly id: string
  readonly type: Doc['type']
  readonly title: string
  readonly summary: string
  readonly tags: string
  readonly body: string
}

/** The folder of the search files, relative to the site root. */
export const searchFolder = 'search'

/** The manifest's path. */
export const manifestFile = `${searchFolder}/manifest.json`

/** Documents per record block (`search/docs/N.json`). */
export const docBlock = 16

/** Documents per phrase-text block (`search/text/N.json`). */
export const textBlock = 8

/** Characters of a term that decide its shard. */
export const keyLength = 3

/** About how many documents each term shard serves: the shard count grows with the library. */
const documentsPerShard = 40

/** BM25+ parameters (as MiniSearch's defaults, which quire used before). */
const bm25 = { k: 1.2, b: 0.7, d: 0.5 } as const

/** Weights are written as integers: tenths. */
const weightScale = 10

/** How many term shards a library of `documents` documents has (some may be empty). */
export function shardCount(documents: number): number {
  return Math.max(1, Math.ceil(documents / documentsPerShard))
}

/** Every search file's path, from the number of documents alone. */
export function searchPaths(documents: number): string[] {
  const paths = [manifestFile]
  for (let i = 0; i < shardCount(documents); i++) paths.push(`${searchFolder}/terms/${i}.json`)
  for (let i = 0; i < Math.ceil(documents / docBlock); i++) paths.push(`${searchFolder}/docs/${i}.json`)
  for (let i = 0; i < Math.ceil(documents / textBlock); i++) paths.push(`${searchFolder}/text/${i}.json`)
  return paths
}

/** A file of documents' records or phrase texts: which documents it holds, by their number in the index. */
export interface SearchBlock {
  readonly kind: 'docs' | 'text'
  readonly first: number
  readonly size: number
}

const blockFile = new RegExp(`^${searchFolder}/(docs|text)/(\\d+)\\.json$`)

/** The block of documents a search file holds, if it holds a block (`search/docs/N.json`, `search/text/N.json`). */
export function searchBlockOf(file: string): SearchBlock | undefined {
  const match = blockFile.exec(file)
  if (!match) return undefined
  const kind = match[1] as SearchBlock['kind']
  const size = kind === 'docs' ? docBlock : textBlock
  return { kind, first: Number(match[2]) * size, size }
}

/** A term's key: its first {@link keyLength} characters (code points). */
export function termKey(term: string): string {
  // Most terms have no surrogate pairs in their first characters.
  const head = term.slice(0, keyLength * 2)
  if (!/[\ud800-\udfff]/.test(head)) return term.slice(0, keyLength)
  return [...head].slice(0, keyLength).join('')
}

/** `text` as a string of its own, not a piece of a longer one (which would keep the longer one in memory). */
function ownString(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string
}

/** JSON with no raw `<` (the files may be served as anything). */
function json(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c')
}

/**
 * The postings of one term: (field, document, count) entries in document
 * order, packed as bytes: each entry is the gap from the previous entry's
 * document (0 for another field of the same document), then the count and
 * field as one number, both as variable-length integers (7 bits a byte).
 * Most entries take two bytes, where three 32-bit numbers took twelve: the
 * postings are most of what the index holds while it is built.
 */
class Postings {
  bytes = new Uint8Array(16)
  length = 0
  private lastDoc = 0

  constructor(readonly fieldCount: number) {}

  push(field: number, doc: number, count: number): void {
    this.write(doc - this.lastDoc)
    this.write(count * this.fieldCount + field)
    this.lastDoc = doc
  }

  private write(value: number): void {
    if (this.length + 5 > this.bytes.length) {
      const grown = new Uint8Array(this.bytes.length * 2)
      grown.set(this.bytes)
      this.bytes = grown
    }
    while (value >= 0x80) {
      this.bytes[this.length++] = (value & 0x7f) | 0x80
      value = Math.floor(value / 0x80)
    }
    this.bytes[this.length++] = value
  }

  /** Visit every entry in order. */
  each(visit: (field: number, doc: number, count: number) => void): void {
    const { bytes, length, fieldCount } = this
    let at = 0
    let doc = 0
    while (at < length) {
      for (let scale = 1; ; scale *= 0x80) {
        const byte = bytes[at++]!
        doc += (byte & 0x7f) * scale
        if (byte < 0x80) break
      }
      let code = 0
      for (let scale = 1; ; scale *= 0x80) {
        const byte = bytes[at++]!
        code += (byte & 0x7f) * scale
        if (byte < 0x80) break
      }
      visit(code % fieldCount, doc, Math.floor(code / fieldCount))
    }
  }
}

/**
 * Builds the search files one document at a time, in document order (so a
 * build can index each document while its page is being made), then
 * writes them all at once.
 */
export class SearchIndexBuilder {
  private readonly fields: readonly (keyof SearchDocument & string)[]
  private readonly boosts: readonly number[]
  private readonly postings = new Map<string, Postings>()
  /** Field lengths, {@link fields} per document. */
  private readonly lengths: number[] = []
  private readonly records: string[] = []
  /** The phrase texts of the block being filled. */
  private readonly phrases: string[] = []
  /** Each full block's `search/text/N.json`, as UTF-8 (half the memory of most texts held as strings), until it is taken. */
  private readonly textBlocks: (Buffer | undefined)[] = []
  /** Full blocks not yet handed over by {@link takeFinishedTexts}, when the caller takes them as they fill. */
  private finished: string[] | undefined
  private next = 0
  /** Once every document is indexed: the manifest and the files of records and phrase texts not taken yet, by path. */
  private made: Map<string, string> | undefined
  /** Once every document is indexed: each term shard's entries, until the shard is taken. */
  private shards: (readonly string[] | undefined)[] = []

  constructor(
    private readonly count: number,
    private readonly documentAt: (n: number) => SearchDocument,
    private readonly terms: typeof SearchTerms,
  ) {
    this.fields = terms.searchFields as readonly string[] as readonly (keyof SearchDocument & string)[]
    this.boosts = this.fields.map((field) => terms.fieldBoosts[field as keyof typeof terms.fieldBoosts] ?? 1)
  }

  /** Index every document up to number `n` (inclusive) not indexed yet. */
  advanceTo(n: number): void {
    if (this.made) return
    for (; this.next <= n && this.next < this.count; this.next++) this.add(this.next)
  }

  private add(n: number): void {
    const doc = this.documentAt(n)
    const phrase: string[] = []
    this.fields.forEach((field, fieldId) => {
      const tokens = this.terms.tokenize(doc[field])
      if (tokens.length > 0) phrase.push(tokens.join(' '))
      this.lengths.push(tokens.length)
      for (const [term, times] of this.termCounts(tokens)) {
        let list = this.postings.get(term)
        // A new term is kept as a string of its own: a token cut from a note's text would keep the whole text in memory.
        if (!list) this.postings.set(ownString(term), (list = new Postings(this.fields.length)))
        list.push(fieldId, n, times)
      }
    })
    this.phrases.push(phrase.join(' '))
    if (this.phrases.length === textBlock) this.closeTextBlock()
    this.records.push(json([doc.id, doc.type, doc.title, doc.summary]))
  }

  /** Write the phrase texts gathered so far as the next `search/text/N.json`. */
  private closeTextBlock(): void {
    const text = json(this.phrases) + '\n'
    if (this.finished) {
      this.finished.push(text)
      this.textBlocks.push(undefined)
    } else {
      this.textBlocks.push(Buffer.from(text))
    }
    this.phrases.length = 0
  }

  /**
   * From now on, each phrase-text file is handed over as soon as its block
   * is full ({@link takeFinishedTexts}) rather than kept until every file is
   * made: on a large library they are most of the index.
   */
  handOverTexts(): void {
    this.finished ??= []
  }

  /**
   * The phrase-text files filled since the last call (with
   * {@link handOverTexts}), by path; {@link take} no longer has them.
   */
  takeFinishedTexts(): { path: string; contents: string }[] {
    if (!this.finished || this.finished.length === 0) return []
    const first = this.textBlocks.length - this.finished.length
    const files = this.finished.map((contents, i) => ({ path: `${searchFolder}/text/${first + i}.json`, contents }))
    this.finished.length = 0
    return files
  }

  /** How often each term occurs in `tokens` (a CJK run counts for each of its characters and bigrams). */
  private termCounts(tokens: readonly string[]): Map<string, number> {
    const byToken = new Map<string, number>()
    for (const token of tokens) byToken.set(token, (byToken.get(token) ?? 0) + 1)
    let counts: Map<string, number> | undefined
    for (const [token, n] of byToken) {
      const processed = this.terms.processTerm(token)
      if (counts === undefined) {
        if (processed === token) continue
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

  /** One term's postings as written: `[gap, weight, gap, weight, …]`. */
  private encoded(list: Postings, averages: readonly number[]): number[] {
    const fieldCount = this.fields.length
    // How many documents have the term in each field.
    const df = new Array<number>(fieldCount).fill(0)
    list.each((field) => df[field]!++)
    const idf = df.map((m) => Math.log(1 + (this.count - m + 0.5) / (m + 0.5)))
    const out: number[] = []
    let previous = 0
    // A document's entries are consecutive, one per field it has the term in: its weight adds them up.
    let doc = -1
    let weight = 0
    const close = (): void => {
      if (doc === -1) return
      out.push(doc - previous, Math.max(1, Math.round(weight * weightScale)))
      previous = doc
    }
    list.each((field, entryDoc, tf) => {
      if (entryDoc !== doc) {
        close()
        doc = entryDoc
        weight = 0
      }
      const fieldLength = this.lengths[doc * fieldCount + field]!
      const norm = 1 - bm25.b + (bm25.b * fieldLength) / averages[field]!
      weight += this.boosts[field]! * idf[field]! * (bm25.d + (tf * (bm25.k + 1)) / (tf + bm25.k * norm))
    })
    close()
    return out
  }

  /**
   * One search file, handed over once and then let go (a large library's
   * files would otherwise stay in memory until the build ends). A term
   * shard is joined only when it is taken, so the shards are never all
   * held as files at once beside the entries they are made of.
   */
  take(file: string): string {
    this.finish()
    const shard = termShardOf(file)
    if (shard !== undefined) {
      const entries = this.shards[shard]
      if (entries === undefined) throw new Error(`quire: the search file ${file} was already written, or is not one`)
      this.shards[shard] = undefined
      return shardText(entries)
    }
    const contents = this.made!.get(file)
    if (contents === undefined) throw new Error(`quire: the search file ${file} was already written, or is not one`)
    this.made!.delete(file)
    return contents
  }

  /** Every search file not taken yet, by path (each term shard made now; {@link take} removes them). */
  files(): Map<string, string> {
    this.finish()
    const files = new Map<string, string>()
    for (const [file, contents] of this.made!) {
      files.set(file, contents)
      if (file !== manifestFile) continue
      // The term shards come right after the manifest, as in `searchPaths`.
      this.shards.forEach((entries, i) => entries && files.set(`${searchFolder}/terms/${i}.json`, shardText(entries)))
    }
    return files
  }

  /**
   * Index what is left, then weigh every term and share the terms among
   * the shards. Each term's postings are let go as soon as its entry is
   * written, and each shard stays a list of entries until it is taken.
   */
  private finish(): void {
    if (this.made) return
    this.advanceTo(this.count - 1)
    const fieldCount = this.fields.length
    const averages = this.fields.map((_, field) => {
      let sum = 0
      for (let doc = 0; doc < this.count; doc++) sum += this.lengths[doc * fieldCount + field]!
      return this.count === 0 ? 1 : Math.max(1, sum / this.count)
    })
    const files = new Map<string, string>()
    // Terms grouped by key, in sorted order; each group's entries written once.
    const groups: { key: string; entries: string[]; size: number }[] = []
    let total = 0
    for (const term of [...this.postings.keys()].sort()) {
      const entry = json([term, this.encoded(this.postings.get(term)!, averages)])
      this.postings.delete(term)
      const key = termKey(term)
      let group = groups[groups.length - 1]
      if (group?.key !== key) groups.push((group = { key, entries: [], size: 0 }))
      group.entries.push(entry)
      group.size += entry.length + 1
      total += entry.length + 1
    }
    const shards = shardCount(this.count)
    const firstKeys: string[] = []
    const shardEntries: string[][] = []
    // Each shard takes about an equal part of what is left, so one very common term does not leave later shards empty.
    let before = 0
    let inShard = 0
    for (const group of groups) {
      const current = shardEntries.length - 1
      const share = (total - before) / (shards - current)
      if (current < 0 || (inShard > 0 && inShard + group.size / 2 > share && shardEntries.length < shards)) {
        firstKeys.push(shardEntries.length === 0 ? '' : group.key)
        shardEntries.push([])
        before += inShard
        inShard = 0
      }
      shardEntries[shardEntries.length - 1]!.push(...group.entries)
      inShard += group.size
    }
    files.set(
      manifestFile,
      json({ version: 1, documents: this.count, keyLength, docBlock, textBlock, shards: firstKeys.length === 0 ? [''] : firstKeys }) + '\n',
    )
    this.shards = Array.from({ length: shards }, (_, i) => shardEntries[i] ?? [])
    for (let i = 0; i * docBlock < this.count; i++)
      files.set(`${searchFolder}/docs/${i}.json`, `[${this.records.slice(i * docBlock, (i + 1) * docBlock).join(',')}]\n`)
    if (this.phrases.length > 0) this.closeTextBlock()
    this.textBlocks.forEach((block, i) => block && files.set(`${searchFolder}/text/${i}.json`, block.toString('utf8')))
    // Blocks handed over already are not made again; those filled since (the last one, at least) are.
    for (const file of this.takeFinishedTexts()) files.set(file.path, file.contents)
    this.made = files
    this.textBlocks.length = 0
    this.records.length = 0
  }
}

/** A term shard's file from its entries. */
function shardText(entries: readonly string[]): string {
  return `[${entries.join(',')}]\n`
}

const termShardFile = new RegExp(`^${searchFolder}/terms/(\\d+)\\.json$`)

/** The number of the term shard `file` is (`search/terms/N.json`), if it is one. */
function termShardOf(file: string): number | undefined {
  const match = termShardFile.exec(file)
  return match ? Number(match[1]) : undefined
}

/** Every search file of `documents` (in document order), by path. */
export function searchShardFiles(documents: readonly SearchDocument[], terms: typeof SearchTerms): Map<string, string> {
  return new SearchIndexBuilder(documents.length, (n) => documents[n]!, terms).files()
}
