/**
 * The files a build makes, as render hands them to emit: written from
 * memory, carried from the previous site, copied from the notes folder, or
 * streamed in pieces; and what the render cache keeps of each page.
 */
import type { Slug } from '../model.js'
import type { ReadValues } from '../graph/read-values.js'

/** One file of the site: a path relative to the output folder and its contents. */
export interface WrittenFile {
  readonly path: string
  readonly contents: string
}

/** A file whose bytes are already on disk from the previous build (hard-linked, not rewritten). */
export interface ReusedFile {
  readonly path: string
  readonly reuseFrom: string
  /** What the file was when quire wrote it (see `FileStamp`): it is reused only if it still is. */
  readonly stamp?: string | undefined
}

/** A file copied byte for byte from elsewhere on disk (never linked: its source may change). */
export interface CopiedFile {
  readonly path: string
  readonly copyFrom: string
}

/** A large generated file (the search files), made and written piece by piece rather than held whole. */
export interface StreamedFile {
  readonly path: string
  /** The file's text, in pieces; read once. */
  readonly pieces: Iterable<string>
}

/** A file of the site. */
export type OutputFile = WrittenFile | ReusedFile | CopiedFile | StreamedFile

/** The text of a file rendered in memory (dev and tests build without reuse). */
export function contentsOf(file: OutputFile): string {
  if ('contents' in file) return file.contents
  if ('pieces' in file) return [...file.pieces].join('')
  throw new Error(`quire: ${file.path} is on disk (${'copyFrom' in file ? file.copyFrom : file.reuseFrom}), not rendered in memory`)
}

/** Where the files of a site go as they are made. */
export interface FileSink {
  /** The folder the files are written into, when they go to disk (worker threads write the pages they make straight into it). */
  readonly folder?: string
  /** Take one file; resolves when the sink is ready for the next (writes may overlap). */
  add(file: OutputFile): Promise<void> | void
  /** A file a worker thread wrote into `folder` itself, at this path relative to it, with the stamp it took when it wrote it. */
  placed?(path: string, stamp: string): void
  /** Wait for every file taken so far; resolves to the paths of reused files that could not be placed. */
  settle(): Promise<readonly string[]>
}

/** A document page as rendered: the fingerprint of its inputs, its files' paths, and (in memory) the files. */
export interface RenderedPage {
  readonly fingerprint: string
  readonly paths: readonly string[]
  /** The files, when they can be used again: kept in memory, or on disk from the previous build. */
  readonly files?: readonly OutputFile[] | undefined
  /** What a document's page or a file made from the library read of the graph (see `graph/recorded-reads.ts`), when known. */
  readonly reads?: readonly string[] | undefined
  /**
   * In the library's entry ({@link libraryCacheKey}) only: what the keys of
   * the records stood for (see `graph/read-values.ts`), so that the next
   * build can tell which records read something that changed.
   */
  readonly values?: ReadValues | undefined
}

/** Rendered document pages by slug. */
export type RenderCache = ReadonlyMap<CacheKey, RenderedPage>

/**
 * What the render cache keys: a document's page by its slug, another
 * reusable file by `file:` and its path, and the library's fingerprint
 * (see `libraryCacheKey` below).
 */
export type CacheKey = Slug | `file:${string}`

/**
 * The render cache's entry for the whole library: its fingerprint is the
 * library fingerprint (`library-fingerprint.ts`) of the render that made the cache, and it
 * names no file. While it is unchanged, every file of the cache is carried
 * over as it is.
 */
export const libraryCacheKey = 'file:' satisfies CacheKey
