/**
 * The first half of every build (see `pipeline.ts`): a library analysed
 * for a site, with the site's options, reusing whatever an earlier build of
 * the same notes already did. `quire build` runs it once from nothing;
 * `quire dev` runs it after every change with the analysis before.
 */
import path from 'node:path'
import { analyse, type Analysis, type Checks, type ParseCache, type Progress } from './analyse.js'
import { analyseEdit } from './analyse-edit.js'
import { defaultBuildDate } from '../dates.js'
import type { LoadedCache } from './persistent-cache.js'
import type { LoadObserver, LoadResult } from '../load/load-notes.js'
import { countDiagnostics, type Diagnostic } from '../diagnostics.js'
import type { CalendarDay } from '../dates.js'
import { configFileNames, type SiteConfig } from '../load/config.js'
import type { Graph, SiteOptions } from '../model.js'
import type { RenderCache } from '../render/render-site.js'
import { normaliseBase } from '../render/url.js'
import type { KeptDrafts } from './kept-drafts.js'

/** What one build leaves for the next. */
export interface BuildState {
  readonly parses: ParseCache | undefined
  readonly pages: RenderCache | undefined
}

/** The state before any build. */
export const freshState: BuildState = { parses: undefined, pages: undefined }

/** Settings given on the command line, overriding the config file. */
export interface SiteOverrides {
  readonly base?: string | undefined
  readonly title?: string | undefined
  /** Warnings fail the build (so does the config's `strict: true`). */
  readonly strict?: boolean | undefined
  /** Folder that diagnostic paths are relative to. */
  readonly cwd: string
  /** The day to build for (default: SOURCE_DATE_EPOCH's day, else today in UTC). */
  readonly buildDate?: CalendarDay | undefined
  /** Progress of long stages (parse, render). */
  readonly onProgress?: Progress | undefined
  /** Take dates from the notes folder's git history (default true). */
  readonly gitDates?: boolean | undefined
  /** What the persistent cache holds from the previous build (used when `state` is fresh). */
  readonly cache?: LoadedCache | undefined
  /** Keep bodies' trees from parsing to rendering (see `AnalyseOptions.keepTrees`). */
  readonly keepTrees?: boolean | undefined
  /** Draft bodies as they are parsed (see `AnalyseOptions.draftBodies`). */
  readonly draftBodies?: boolean | undefined
  /** Let worker threads keep the drafts (see `AnalyseOptions.holdDrafts`); close `AnalysedSite.drafts.held` when done. */
  readonly holdDrafts?: boolean | undefined
  /** Told what loading looks at (see `AnalyseOptions.observe`). */
  readonly observe?: LoadObserver | undefined
  /** Set each note's text aside once it is parsed (see `AnalyseOptions.textsAside`). */
  readonly textsAside?: boolean | undefined
}

/** The site options from the config file and the command line. */
function siteOptions(config: SiteConfig, overrides: SiteOverrides, buildDate: CalendarDay): SiteOptions {
  return {
    base: normaliseBase(overrides.base ?? config.base),
    title: overrides.title ?? config.title,
    description: config.description,
    url: config.url,
    author: config.author,
    buildDate,
    staleAfterMonths: config.staleAfterMonths,
    movedFrom: config.movedFrom,
  }
}

/** A library analysed for a build: its graph and problems, and whether the build may go on. */
export interface AnalysedSite {
  readonly diagnostics: readonly Diagnostic[]
  readonly graph: Graph
  readonly site: SiteOptions
  /** Errors (or, with `strict`, warnings): nothing may be written. */
  readonly failed: boolean
  readonly parses: ParseCache
  readonly fileCount: number
  readonly parsedCount: number
  /** The files read (for the next analysis's `since`). */
  readonly loaded: LoadResult
  /** The bodies drafted as they were parsed: pass to `renderSite`; with `holdDrafts`, close `drafts.held` when done. */
  readonly drafts: KeptDrafts
  /** What the checks of the graph found. */
  readonly checks: Checks
  /** The analysis itself (for the next analysis's `since`). */
  readonly analysis: Analysis
}

/**
 * What `quire dev` knows since its last analysis: the files its watcher saw
 * change, and that analysis. Everything else is taken as it was.
 */
export interface AnalysedSince {
  readonly changedFiles: readonly string[]
  readonly previous: AnalysedSite
}

/** The first half of a build: read, parse, connect and check. */
export async function analyseSite(notesDir: string, overrides: SiteOverrides, state: BuildState = freshState, since?: AnalysedSince): Promise<AnalysedSite> {
  const buildDate = overrides.buildDate ?? defaultBuildDate()
  const edit =
    since && (await analyseEdit(since.previous.analysis, since.changedFiles, { buildDate, keepTrees: overrides.keepTrees, draftBodies: overrides.draftBodies }))
  const analysis =
    edit ??
    (await analyse(notesDir, {
      cwd: overrides.cwd,
      previous: since?.previous.parses ?? state.parses,
      changedFiles: since?.changedFiles,
      previousLoad: since?.previous.loaded,
      stored: overrides.cache?.parses,
      buildDate,
      onProgress: overrides.onProgress,
      ...(overrides.gitDates === undefined ? {} : { gitDates: overrides.gitDates }),
      // Within a session, the history read at its start serves every later analysis, unless the config changed.
      ...(since && !since.changedFiles.some((file) => (configFileNames as readonly string[]).includes(path.basename(file)))
        ? { gitHistory: { dates: since.previous.graph.history } }
        : {}),
      ...(overrides.keepTrees === undefined ? {} : { keepTrees: overrides.keepTrees }),
      draftBodies: overrides.draftBodies === true,
      holdDrafts: overrides.holdDrafts === true,
      textsAside: overrides.textsAside === true,
      ...(overrides.observe === undefined ? {} : { observe: overrides.observe }),
    }))
  const site = siteOptions(analysis.config, overrides, analysis.buildDate)
  const { errors, warnings } = countDiagnostics(analysis.diagnostics)
  // `--strict` or the config's `strict: true`: warnings fail the build too.
  const failed = errors > 0 || ((overrides.strict === true || analysis.config.strict) && warnings > 0)
  return {
    diagnostics: analysis.diagnostics,
    graph: analysis.graph,
    site,
    failed,
    parses: analysis.parses,
    fileCount: analysis.fileCount,
    parsedCount: analysis.parsedCount,
    loaded: analysis.loaded,
    drafts: analysis.drafts,
    checks: analysis.checks,
    analysis,
  }
}
