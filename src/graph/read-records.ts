/**
 * The records of what the files of a site read (see `recorded-reads.ts`),
 * by each file's key, and, once asked for, the other way round: for each
 * key read, the files that read it. The second way is what `quire dev`
 * needs after a save: the files that read something the save changed, found
 * in time proportional to the edit, not to the library.
 */
import { everything, structureKey } from './structure.js'
import type { PageReads } from './recorded-reads.js'

/**
 * A record without the keys its read of the structure covers. Every key but
 * a document's prose or summary (a document's slug, a folder, a paper, an
 * alias, an attachment, a date, the document count) changes only with the
 * structure, and whenever it changes the structure's key changes too (see
 * `dev/site-changes.ts` and `read-values.ts`): a record that holds the
 * structure needs none of them. Listing pages and whole-library files read
 * every document's slug; this keeps their records to what an edit to prose
 * or a summary can reach.
 */
function essential(reads: PageReads): PageReads {
  if (!reads.includes(structureKey)) return reads
  const kept = reads.filter((key) => key === structureKey || key === everything || key.startsWith('prose:') || key.startsWith('summary:'))
  return kept.length === reads.length ? reads : kept
}

/** What each file read, by the file's key (a document's slug, or `file:` and a path). */
export class ReadRecords<K extends string = string> {
  private readonly records = new Map<K, PageReads>()
  /** For each key read, the files whose record holds it: made on first use, then kept up to date. */
  private index: Map<string, Set<K>> | undefined

  get size(): number {
    return this.records.size
  }

  get(file: K): PageReads | undefined {
    return this.records.get(file)
  }

  has(file: K): boolean {
    return this.records.has(file)
  }

  set(file: K, taken: PageReads): void {
    const old = this.records.get(file)
    if (old === taken) return
    const reads = essential(taken)
    if (old && this.index) this.unindex(file, old)
    this.records.set(file, reads)
    if (this.index) this.indexOne(file, reads)
  }

  delete(file: K): void {
    const old = this.records.get(file)
    if (old === undefined) return
    this.records.delete(file)
    if (this.index) this.unindex(file, old)
  }

  entries(): MapIterator<[K, PageReads]> {
    return this.records.entries()
  }

  /** The files whose record holds any of `keys`, or {@link everything}: what may have changed when the values of `keys` did. */
  readersOf(keys: Iterable<string>): Set<K> {
    const index = this.indexed()
    const found = new Set<K>(index.get(everything))
    for (const key of keys) for (const file of index.get(key) ?? []) found.add(file)
    return found
  }

  private indexed(): Map<string, Set<K>> {
    if (!this.index) {
      this.index = new Map()
      for (const [file, reads] of this.records) this.indexOne(file, reads)
    }
    return this.index
  }

  private indexOne(file: K, reads: PageReads): void {
    const index = this.index!
    for (const key of reads) {
      let readers = index.get(key)
      if (!readers) index.set(key, (readers = new Set()))
      readers.add(file)
    }
  }

  private unindex(file: K, reads: PageReads): void {
    const index = this.index!
    for (const key of reads) {
      const readers = index.get(key)
      if (!readers) continue
      readers.delete(file)
      if (readers.size === 0) index.delete(key)
    }
  }
}
