/**
 * The read side of the pipeline, shared by `build` and `check`:
 * load → parse → graph → check. Returns the graph and every problem found.
 */
import path from 'node:path'
import { checkGraph } from './check/check-graph.js'
import { checkResearch } from './check/check-research.js'
import { defaultBuildDate, type CalendarDay } from './dates.js'
import { sortDiagnostics, type Diagnostic } from './diagnostics.js'
import { buildGraph } from './graph/build-graph.js'
import { loadConfig, type SiteConfig } from './load/config.js'
import { loadNotes } from './load/load-notes.js'
import type { Doc, Graph } from './model.js'
import { parseDocument, type ParseResult } from './parse/parse-document.js'

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
}

/** Parse results by file path, with the text they were parsed from. */
export type ParseCache = ReadonlyMap<string, { readonly text: string; readonly displayPath: string; readonly result: ParseResult }>

/** Options for {@link analyse}. */
export interface AnalyseOptions {
  /** Folder that diagnostics' paths are relative to (default: the working directory). */
  readonly cwd?: string
  /** Parses from an earlier run; files whose text is unchanged are not parsed again. */
  readonly previous?: ParseCache
  /** The day the site is built for (default: SOURCE_DATE_EPOCH's day, else today in UTC). */
  readonly buildDate?: CalendarDay
  /** Called as files are parsed, for progress on long builds. */
  readonly onProgress?: Progress
}

/** Progress of a long stage: `done` of `total` items. */
export type Progress = (stage: 'parse' | 'render', done: number, total: number) => void

const emptyOptions: AnalyseOptions = {}

/** Read, parse, connect and check every note under `notesDir`. */
export async function analyse(notesDir: string, options?: Readonly<AnalyseOptions> | null): Promise<Analysis> {
  const settings = options || emptyOptions
  const cwd = settings.cwd ?? process.cwd()
  const display = (file: string): string => {
    const relative = path.relative(cwd, file)
    return (relative.startsWith('..') ? file : relative).split(path.sep).join('/')
  }
  const [configResult, loaded] = await Promise.all([loadConfig(notesDir, display), loadNotes(notesDir, display)])
  const diagnostics: Diagnostic[] = [...configResult.diagnostics, ...loaded.diagnostics]
  const documents: Doc[] = []
  const parses = new Map<string, { text: string; displayPath: string; result: ParseResult }>()
  let parsedCount = 0
  for (const [i, file] of loaded.files.entries()) {
    if (settings.onProgress && i % 100 === 0) settings.onProgress('parse', i, loaded.files.length)
    const earlier = settings.previous?.get(file.path)
    let parsed: ParseResult
    if (earlier && earlier.text === file.text && earlier.displayPath === file.displayPath) {
      parsed = earlier.result
    } else {
      parsed = parseDocument(file)
      parsedCount++
    }
    parses.set(file.path, { text: file.text, displayPath: file.displayPath, result: parsed })
    diagnostics.push(...parsed.diagnostics)
    if (parsed.document) documents.push(parsed.document)
  }
  const graph = buildGraph(documents)
  diagnostics.push(...checkGraph(graph))
  const buildDate = settings.buildDate ?? defaultBuildDate()
  diagnostics.push(...checkResearch(graph, { buildDate, staleAfterMonths: configResult.config.staleAfterMonths }))
  return { graph, buildDate, config: configResult.config, diagnostics: sortDiagnostics(diagnostics), fileCount: loaded.files.length, parses, parsedCount }
}
