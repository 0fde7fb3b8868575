/**
 * The read side of the pipeline, shared by `build` and `check`:
 * load → parse → graph → check. Returns the graph and every problem found.
 */
import { fileTextHash, textHash } from '../text-hash.js'
import path from 'node:path'
import { checkGraph } from '../check/check-graph.js'
import { restoreParses, type StoredParses } from './persistent-cache.js'
import { checkResearch } from '../check/check-research.js'
import { checkSite } from '../check/check-site.js'
import { defaultBuildDate, type CalendarDay } from '../dates.js'
import { sortDiagnostics, type Diagnostic } from '../diagnostics.js'
import { buildGraph } from '../graph/build-graph.js'
import { loadConfig, type SiteConfig } from '../load/config.js'
import { ignoreTest } from '../load/ignore.js'
import { filePlaces, loadNotes, readNote, shareFilePlaces, type LoadObserver, type LoadResult } from '../load/load-notes.js'
import { heldTextSize, setTextAside } from '../load/note-text.js'
import { fitHeapTo } from './heap.js'
import type { Progress } from '../progress.js'
import type { ParseCache, ParseCacheEntry } from './parse-cache.js'
import type { Doc, FileDates, Graph, SourceFile } from '../model.js'
import { parseDocument } from '../parse/parse-document.js'
import { needsTimeLimit } from '../parse/complexity.js'
import { EarlyThreads, parseInWorkers } from './parse-pool.js'
import type { DraftMode } from './parse-worker.js'
import { KeptDrafts } from './kept-drafts.js'
import { parseWithTimeLimit } from './parse-sandbox.js'
import { loadBodyExtensionsFor } from '../render/body/body-extensions.js'
import { drafted, type DraftedParse } from '../render/body/draft-documents.js'
import type { DraftBody } from '../render/body/slots.js'
import { siteFiles } from '../render/site-files/site-files.js'
import { gitDates } from '../load/git-dates.js'

/** The library as quire understands it. */
export interface Analysis {
  readonly graph: Graph
  /** The site configuration (defaults when there is no config file). */
  readonly config: SiteConfig
  /** The day the site was built for. */
  readonly buildDate: CalendarDay
  /** Sorted by file, line and column. */
  readonly diagnostics: readonly Diagnostic[]
  /** Markdown files read. */
  readonly fileCount: number
  /** Each file's parse, by path: pass it back as `previous` to skip re-parsing unchanged files. */
  readonly parses: ParseCache
  /** How many files were parsed this time (the rest came from `previous`). */
  readonly parsedCount: number
  /** The files read (pass back as `previousLoad`). */
  readonly loaded: LoadResult
  /**
   * The bodies drafted as they were parsed (with `draftBodies`), by file
   * path; with `holdDrafts`, some kept by the worker threads that parsed
   * them (`drafts.held`: close them when done). Parses reused from
   * `previous` or the persistent cache have none.
   */
  readonly drafts: KeptDrafts
  /** What the checks of the graph found (`analyseEdit` keeps those of unedited files). */
  readonly checks: Checks
}

/** What the graph's checks found, and the settings they ran with. */
export interface Checks {
  readonly diagnostics: readonly Diagnostic[]
  readonly buildDate: CalendarDay
  readonly staleAfterMonths: number
}

export type { ParseCache, ParseCacheEntry } from './parse-cache.js'

export { textHash }

/** Options for {@link analyse}. */
export interface AnalyseOptions {
  /** Folder that diagnostics' paths are relative to (default: the working directory). */
  readonly cwd?: string
  /** Parses from an earlier run; files whose text is unchanged are not parsed again. */
  readonly previous?: ParseCache
  /** Parses from the persistent cache, restored once the files are read (used when `previous` is not given). */
  readonly stored?: StoredParses
  /** The day the site is built for (default: SOURCE_DATE_EPOCH's day, else today in UTC). */
  readonly buildDate?: CalendarDay
  /** Called as files are parsed, for progress on long builds. */
  readonly onProgress?: Progress
  /**
   * Keep each body's tree from parsing until it is rendered (default: only
   * for libraries up to {@link treesKeptUpTo} files). `quire dev` renders
   * pages only when asked for them, so it keeps none.
   */
  readonly keepTrees?: boolean
  /**
   * The only files that may have changed since `previous` was made (as a
   * watcher reports them): every other file that `previous` holds a
   * document for is taken as it was, not read or hashed again.
   */
  readonly changedFiles?: readonly string[]
  /** The files `previous` was read from: with `changedFiles`, when only files in it changed, the folder is not walked again. */
  readonly previousLoad?: LoadResult
  /** Draft each published body as it is parsed (see `draftBody`): for builds, which render every page. */
  readonly draftBodies?: boolean
  /** Take dates from the notes folder's git history (default true; the config's `gitDates: false` also turns it off). */
  readonly gitDates?: boolean
  /**
   * The history an earlier analysis of the same session read (`quire dev`):
   * git is not run again. Commits made while the session runs show at its
   * next start.
   */
  readonly gitHistory?: { readonly dates: ReadonlyMap<string, FileDates> | undefined }
  /**
   * With `draftBodies`, let the worker threads that parse a large library
   * keep the drafts and assemble their pages (`Analysis.drafts.held`). Whoever
   * asks must close them.
   */
  readonly holdDrafts?: boolean
  /** Told each folder listed and each file looked at, as the notes folder is read (the build cache records them). */
  readonly observe?: LoadObserver
  /**
   * Set each note's text aside (see `load/note-text.ts`) as soon as it is
   * parsed, for a build that reads each text again only a few times (a
   * one-shot build that makes every page): on a large library the texts
   * are much of what the main thread holds while the rest is parsed.
   */
  readonly textsAside?: boolean
}

/**
 * Libraries up to this many files let every worker thread that parses them
 * keep its drafts and make those pages (`holdDrafts`). In larger ones one
 * thread keeps its drafts; the others send theirs to the main thread and
 * stop, and the main thread makes those pages while the one thread makes
 * its own. A thread that stays up keeps its heap: with every thread kept,
 * a large library's build is faster but its peak memory goes past the
 * budget (`npm run bench` measures both).
 */
const draftsHeldUpTo = 5000

export type { Progress }

const emptyOptions: AnalyseOptions = {}

/**
 * Libraries up to this many files keep each body's tree from parsing to
 * rendering (one parse per file); larger ones parse bodies again when
 * rendering, so memory stays flat (a tree is many times its text's size).
 */
export const treesKeptUpTo = 1500

/**
 * A build sets the notes' texts aside (`textsAside`) only when they hold
 * more than this many bytes in all. Below it, holding them costs little
 * memory, and reading each again from its file (and hashing it, to check
 * it) costs the main thread time while it sets the pace of the render: on
 * a garden or a library of short notes, a few megabytes in all.
 */
const textsHeldUpTo = 16 * 1024 * 1024

/** Are `files`' texts worth setting aside (see {@link textsHeldUpTo}; QUIRE_TEXTS_HELD_UP_TO moves it, for tests on small libraries)? */
export function textsWorthSettingAside(files: readonly SourceFile[]): boolean {
  const limit = Number(process.env.QUIRE_TEXTS_HELD_UP_TO ?? textsHeldUpTo)
  let size = 0
  for (const file of files) if ((size += heldTextSize(file)) > limit) return true
  return false
}

/**
 * The previous load with the changed files read again, when every changed
 * file is a note that was read last time: then no file can have come or
 * gone, and the folder is not walked again (on a large library the walk
 * costs more than the rest of a one-note rebuild). Otherwise undefined.
 */
async function reloadChanged(settings: AnalyseOptions, display: (file: string) => string): Promise<LoadResult | undefined> {
  const { previousLoad, changedFiles, previous } = settings
  if (!previousLoad || !changedFiles || !previous) return undefined
  const at = filePlaces(previousLoad.files)
  const files = [...previousLoad.files]
  for (const changed of changedFiles) {
    const i = at.get(path.resolve(changed))
    if (i === undefined) return undefined
    // Gone, or no longer readable as a note: walk the folder to find out what happened.
    const read = await readNote(files[i]!.path, files[i]!.relativePath, display).catch(() => undefined)
    if (!read || !('text' in read)) return undefined
    files[i] = read
  }
  shareFilePlaces(previousLoad.files, files)
  return { files, attachments: previousLoad.attachments, diagnostics: previousLoad.diagnostics }
}

/** Read, parse, connect and check every note under `notesDir`. */
export async function analyse(notesDir: string, options?: Readonly<AnalyseOptions> | null): Promise<Analysis> {
  const settings = options || emptyOptions
  const cwd = settings.cwd ?? process.cwd()
  const display = (file: string): string => {
    const relative = path.relative(cwd, file)
    return (relative.startsWith('..') ? file : relative).split(path.sep).join('/')
  }
  // The config comes first: its `ignore` list decides which files are read.
  const configResult = await loadConfig(notesDir, display)
  // The folder's history (one `git log`) is read while the folder is walked.
  const history = settings.gitHistory
    ? Promise.resolve(settings.gitHistory.dates)
    : settings.gitDates !== false && configResult.config.gitDates
      ? gitDates(notesDir)
      : undefined
  const changed = settings.previous && settings.changedFiles ? new Set(settings.changedFiles.map((file) => path.resolve(file))) : undefined
  const unchanged =
    changed && settings.previous ? (file: string) => (changed.has(file) ? undefined : settings.previous!.get(file)?.result.document?.file) : undefined
  // With nothing parsed before, every file will be parsed: the worker threads start (and warm up) while the folder is read.
  const early = settings.previous || settings.stored || changed ? undefined : new EarlyThreads(draftMode(settings))
  try {
    return await analyseLoaded(settings, early, configResult, history, display, () =>
      loadNotes(notesDir, display, ignoreTest(configResult.config.ignore), unchanged, early ? countingNotes(early, settings.observe) : settings.observe),
    )
  } finally {
    await early?.release()
  }
}

const limitNeeded = new WeakMap<SourceFile, boolean>()

/** Could the file take long to parse (see `needsTimeLimit`)? Worked out once per file read. */
function needsLimit(file: SourceFile): boolean {
  let needs = limitNeeded.get(file)
  if (needs === undefined) limitNeeded.set(file, (needs = needsTimeLimit(file.text)))
  return needs
}

/** What the worker threads do with each published body they parse (see `DraftMode`). */
function draftMode(settings: AnalyseOptions): DraftMode {
  return settings.draftBodies !== true ? 'none' : settings.holdDrafts ? 'held' : 'returned'
}

/**
 * An observer that tells `early` how many notes were found so far and
 * hands it each note read (but those parsed under a time limit), and
 * passes everything on to `observe`.
 */
function countingNotes(early: EarlyThreads, observe: LoadObserver | undefined): LoadObserver {
  let notes = 0
  return {
    folder: (full, entries) => observe?.folder(full, entries),
    file(full) {
      if (full.toLowerCase().endsWith('.md')) early.found(++notes)
      observe?.file(full)
    },
    read(note) {
      if (!needsLimit(note)) early.read(note)
      observe?.read?.(note)
    },
  }
}

/** The rest of {@link analyse}, once the config is read: load (with `load`, unless only changed files are read again), parse, graph, check. */
async function analyseLoaded(
  settings: AnalyseOptions,
  early: EarlyThreads | undefined,
  configResult: Awaited<ReturnType<typeof loadConfig>>,
  history: Promise<ReadonlyMap<string, FileDates> | undefined> | undefined,
  display: (file: string) => string,
  load: () => Promise<LoadResult>,
): Promise<Analysis> {
  const loaded = (await reloadChanged(settings, display)) ?? (await load())
  const diagnostics: Diagnostic[] = [...configResult.diagnostics, ...loaded.diagnostics]
  diagnostics.push(...checkSite(configResult))
  const documents: Doc[] = []
  const keepTree = settings.keepTrees ?? loaded.files.length <= treesKeptUpTo
  fitHeapTo(loaded.files.length)
  const previous = settings.previous ?? (settings.stored ? restoreParses(settings.stored, loaded.files, fileTextHash) : undefined)
  const parses = new Map<string, ParseCacheEntry>()
  let parsedCount = 0
  // Files whose text changed (or that are new) need parsing; on a large library, in worker threads.
  // A file whose text is the very string parsed last time needs no hashing to know it is unchanged.
  const hashes = loaded.files.map((file) => {
    const earlier = previous?.get(file.path)
    return earlier && earlier.result.document?.file === file ? earlier.hash : fileTextHash(file)
  })
  const reused = loaded.files.map((file, i) => {
    const earlier = previous?.get(file.path)
    return earlier && earlier.hash === hashes[i] && earlier.displayPath === file.displayPath ? earlier.result : undefined
  })
  const draft = settings.draftBodies === true
  const parseHere = (file: SourceFile): DraftedParse => (draft ? drafted(parseDocument(file), keepTree) : parseDocument(file, { keepTree }))
  // Notes that could take long to parse are parsed first, each in a worker thread that is stopped at the time limit.
  const limited = new Map<string, DraftedParse>()
  const risky = loaded.files.filter((file, i) => reused[i] === undefined && needsLimit(file))
  const limitedResults = await parseWithTimeLimit(risky, { seconds: configResult.config.noteTimeLimit, draft: draft ? 'returned' : 'none', here: parseHere })
  risky.forEach((file, i) => limited.set(file.path, limitedResults[i]!))
  const toParse = loaded.files.filter((file, i) => reused[i] === undefined && !limited.has(file.path))
  // QUIRE_DRAFTS_HELD_UP_TO moves the threshold, for tests of the one-holder split on small libraries.
  const holders = loaded.files.length <= Number(process.env.QUIRE_DRAFTS_HELD_UP_TO ?? draftsHeldUpTo) ? Infinity : 1
  const aside = settings.textsAside === true && textsWorthSettingAside(loaded.files) ? setTextAside : undefined
  const parsing = parseInWorkers(toParse, (done, total) => settings.onProgress?.('parse', done, total), process.env, draftMode(settings), holders, early, aside)
  // A body that embeds another note is rendered whole by this thread once the graph is known, when this thread sets a
  // large build's pace: what rendering it needs (math, highlighting) is loaded while the worker threads parse instead.
  const preloading = draft && toParse.some((file) => file.text.includes('![[')) ? loadBodyExtensionsFor(toParse.map((file) => file.text)) : undefined
  const [inWorkers] = await Promise.all([parsing, preloading])
  const parallel = inWorkers?.results
  if (draft && !parallel) await loadBodyExtensionsFor(toParse.map((file) => file.text))
  let parallelIndex = 0
  // Each draft is kept here, beside its document, and not in the parse the next build may reuse.
  const drafts = new Map<string, DraftBody>()
  for (const [i, file] of loaded.files.entries()) {
    if (settings.onProgress && i % 100 === 0) settings.onProgress('parse', i, loaded.files.length)
    let parsed = reused[i]
    if (!parsed) {
      const fresh: DraftedParse = limited.get(file.path) ?? (parallel ? parallel[parallelIndex++]! : parseHere(file))
      if (fresh.draft) drafts.set(file.path, fresh.draft)
      parsed = fresh.draft ? { document: fresh.document, diagnostics: fresh.diagnostics } : fresh
      parsedCount++
    }
    parses.set(file.path, { hash: hashes[i]!, displayPath: file.displayPath, result: parsed })
    diagnostics.push(...parsed.diagnostics)
    if (parsed.document) documents.push(parsed.document)
    aside?.(file)
  }
  let graph: Graph
  let checks: Checks
  const buildDate = settings.buildDate ?? defaultBuildDate()
  const staleAfterMonths = configResult.config.staleAfterMonths
  try {
    graph = buildGraph(documents, loaded.attachments, { siteFiles })
    const dates = await history
    if (dates && dates.size > 0) graph = { ...graph, history: dates }
    checks = { diagnostics: [...checkGraph(graph), ...checkResearch(graph, { buildDate, staleAfterMonths })], buildDate, staleAfterMonths }
    diagnostics.push(...checks.diagnostics)
  } catch (problem) {
    await inWorkers?.held?.close()
    throw problem
  }
  return {
    graph,
    buildDate,
    config: configResult.config,
    diagnostics: sortDiagnostics(diagnostics),
    fileCount: loaded.files.length,
    parses,
    parsedCount,
    loaded,
    drafts: new KeptDrafts(drafts, inWorkers?.held),
    checks,
  }
}
