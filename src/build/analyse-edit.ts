/**
 * `quire dev`'s shortcut for the save it sees most: a note's prose or
 * summary changed, and nothing the graph is built from (see
 * `reuse-graph.ts`). Then the previous analysis is the answer with the
 * edited files read, parsed and checked again, and everything else kept:
 * no folder walk, no other file hashed, the graph regrafted rather than
 * built, and only the edited files' problems found again (no other file's
 * problems can change). The work is in proportion to the edit, not to the
 * library, which keeps a save on a large library within tens of
 * milliseconds.
 *
 * Anything else (a file added, removed or unreadable, an attachment or the
 * config changed, a title or link edited, a new day) returns undefined,
 * and the caller analyses the library in full.
 */
import path from 'node:path'
import { textHash, treesKeptUpTo, type Analysis, type ParseCacheEntry } from './analyse.js'
import { checkGraph } from '../check/check-graph.js'
import { checkResearch } from '../check/check-research.js'
import { sameDay, type CalendarDay } from '../dates.js'
import { sortDiagnostics, type Diagnostic } from '../diagnostics.js'
import { filePlaces, readNoteNow, shareFilePlaces, type LoadResult } from '../load/load-notes.js'
import type { Doc } from '../model.js'
import { needsTimeLimit } from '../parse/complexity.js'
import { parseDocument } from '../parse/parse-document.js'
import { loadBodyExtensionsFor } from '../render/body/body-extensions.js'
import { drafted, type DraftedParse } from '../render/body/draft-documents.js'
import type { DraftBody } from '../render/body/slots.js'
import { withReplaced } from './replaced-map.js'
import { regraft } from './reuse-graph.js'

/** Options for {@link analyseEdit}: the ones of `analyse` that matter to a few files. */
export interface EditOptions {
  /** The day the site is built for: another day than the previous analysis's means a full analysis (claims age). */
  readonly buildDate: CalendarDay
  /** Keep the edited bodies' trees (default: as `analyse` would for the library's size). */
  readonly keepTrees?: boolean | undefined
  /** Draft the edited bodies (see `AnalyseOptions.draftBodies`). */
  readonly draftBodies?: boolean | undefined
}

/**
 * `previous` after the notes in `changedFiles` were edited, or undefined
 * when the edit needs a full analysis.
 */
export async function analyseEdit(previous: Analysis, changedFiles: readonly string[], options: EditOptions): Promise<Analysis | undefined> {
  if (changedFiles.length === 0 || !changedFiles.every((file) => file.toLowerCase().endsWith('.md'))) return undefined
  if (!sameDay(options.buildDate, previous.buildDate)) return undefined
  const at = filePlaces(previous.loaded.files)
  const files = [...previous.loaded.files]
  const parses = new Map<string, ParseCacheEntry>()
  const keepTree = options.keepTrees ?? files.length <= treesKeptUpTo
  const replaced = new Map<Doc, Doc>()
  // The files whose problems are found again, by display path, and what their parse found.
  const edited = new Set<string>()
  const found: Diagnostic[] = []
  let parsedCount = 0
  // The edited files' drafts (undefined: none now).
  const drafts = new Map<string, DraftBody | undefined>()
  for (const changed of new Set(changedFiles.map((file) => path.resolve(file)))) {
    const i = at.get(changed)
    if (i === undefined) return undefined
    const old = files[i]!
    const earlier = previous.parses.get(old.path)
    // Gone, or no longer readable as a note: the full analysis says what happened.
    let read: ReturnType<typeof readNoteNow> | undefined
    try {
      read = readNoteNow(old.path, old.relativePath, () => old.displayPath)
    } catch {
      read = undefined
    }
    if (!earlier || !read || !('text' in read)) return undefined
    const hash = textHash(read.text)
    // Saved without a change: the file and its parse stay as they were.
    if (hash === earlier.hash) continue
    // A note that could take long to parse is parsed by the full analysis, in a worker under the time limit.
    if (needsTimeLimit(read.text)) return undefined
    if (options.draftBodies) await loadBodyExtensionsFor([read.text])
    const { draft, ...result }: DraftedParse = options.draftBodies ? drafted(parseDocument(read), keepTree) : parseDocument(read, { keepTree })
    drafts.set(old.path, draft)
    parsedCount++
    const before = earlier.result.document
    const after = result.document
    // A document that appears or disappears (front matter broken or mended) changes the graph.
    if (Boolean(before) !== Boolean(after)) return undefined
    if (before && after) replaced.set(before, after)
    files[i] = read
    parses.set(old.path, { hash, displayPath: read.displayPath, result } satisfies ParseCacheEntry)
    edited.add(read.displayPath)
    found.push(...result.diagnostics)
  }
  const graph = regraft(previous.graph, replaced)
  if (!graph) return undefined
  // The same files in the same places: the next edit finds them without indexing the list again.
  shareFilePlaces(previous.loaded.files, files)
  const { buildDate, staleAfterMonths } = previous.checks
  const again = [...replaced.values()]
  const checked = again.length === 0 ? [] : [...checkGraph(graph, again), ...checkResearch(graph, { buildDate, staleAfterMonths }, again)]
  const kept = (list: readonly Diagnostic[]): Diagnostic[] => list.filter((d) => !edited.has(d.file))
  const loaded: LoadResult = { files, attachments: previous.loaded.attachments, diagnostics: previous.loaded.diagnostics }
  return {
    graph,
    config: previous.config,
    buildDate,
    // A file's problems come from its parse and its checks; the rest (config, unreadable files) are about other files.
    diagnostics: sortDiagnostics([...kept(previous.diagnostics), ...found, ...checked]),
    fileCount: files.length,
    parses: withReplaced(previous.parses, parses),
    parsedCount,
    loaded,
    drafts: previous.drafts.withChanged(drafts),
    checks: { diagnostics: [...kept(previous.checks.diagnostics), ...checked], buildDate, staleAfterMonths },
  }
}
