/**
 * The build pipeline: the one function every build runs, from a notes
 * folder to a site.
 *
 *     load → parse → graph → check    `analyseSite` (one library, its graph and problems)
 *     render → emit                   the site's target
 *
 * What differs from one caller to another is only where the site goes, its
 * target: `quire build` writes it into a folder (`folder-build.ts`),
 * `quire dev` keeps its plan and makes each file when a browser asks for
 * it, and the tests take its files in memory. Each target says what the
 * analysis must prepare for it (drafts of the bodies, trees kept or not).
 */
import { analyseSite, freshState, type AnalysedSince, type AnalysedSite, type BuildState, type SiteOverrides } from './site-build.js'
import type { Graph, SiteOptions, Slug } from '../model.js'
import type { Diagnostic } from '../diagnostics.js'
import { planSite, renderSite, type OutputFile, type SitePlan } from '../render/render-site.js'
import { shippedFiles } from '../load/shipped-files.js'

/** Where a built site goes, and what the analysis must prepare for it. */
export interface SiteTarget<Output> {
  /** How the analysis should prepare the bodies for this target's render. */
  readonly prepare: Pick<SiteOverrides, 'draftBodies' | 'holdDrafts' | 'keepTrees' | 'textsAside'>
  /** Render the analysed library and put the site where it goes. */
  emit(analysed: AnalysedSite): Promise<Output>
}

/** One run of the pipeline: the analysis, and the target's output unless the notes have errors. */
export interface PipelineRun<Output> {
  readonly analysed: AnalysedSite
  /** Undefined when the analysis failed (errors, or warnings under `strict`): nothing was rendered. */
  readonly output: Output | undefined
}

/**
 * Run the pipeline once: analyse the notes (reusing what `state` or
 * `since` hold from an earlier run), then, unless they have errors, hand
 * the analysis to the target to render and emit. Worker threads that kept
 * drafts for the render are closed before it returns.
 */
export async function runPipeline<Output>(
  notesDir: string,
  overrides: SiteOverrides,
  target: SiteTarget<Output>,
  state: BuildState = freshState,
  since?: AnalysedSince,
): Promise<PipelineRun<Output>> {
  // load → parse → graph → check
  const analysed = await analyseSite(notesDir, { ...overrides, ...target.prepare }, state, since)
  try {
    if (analysed.failed) return { analysed, output: undefined }
    // render → emit
    return { analysed, output: await target.emit(analysed) }
  } finally {
    await analysed.drafts.held?.close()
  }
}

/** The site's plan: every file's path and how to make it, each made when asked for (`quire dev`). */
export function plannedSite(): SiteTarget<SitePlan> {
  return {
    // A page is rendered (and its body parsed) only when it is asked for: no trees or drafts are kept.
    prepare: { keepTrees: false, draftBodies: false },
    emit: (analysed) => Promise.resolve(planSite(analysed.graph, analysed.site, shippedFiles)),
  }
}

/** The site's files in memory, with what the next run can reuse. */
export interface SiteInMemory {
  readonly files: readonly OutputFile[]
  readonly state: BuildState
  /** Documents whose page was rendered (not reused). */
  readonly rendered: readonly Slug[]
}

/** Every file of the site in memory, reusing the pages of `state` (or of the persistent cache) whose inputs did not change. */
export function siteInMemory(state: BuildState, overrides: Pick<SiteOverrides, 'cache' | 'onProgress' | 'draftBodies'>): SiteTarget<SiteInMemory> {
  return {
    // Every page is rendered, so every body is drafted as it is parsed (unless the caller says otherwise).
    prepare: { draftBodies: overrides.draftBodies ?? true },
    async emit(analysed) {
      const rendered = await renderSite(
        analysed.graph,
        analysed.site,
        shippedFiles,
        state.pages ?? overrides.cache?.pages,
        overrides.onProgress,
        undefined,
        analysed.drafts,
      )
      return { files: rendered.files, state: { parses: analysed.parses, pages: rendered.cache }, rendered: rendered.rendered }
    },
  }
}

/** The result of one build in memory. */
export interface SiteBuild {
  /** Every problem found, sorted. */
  readonly diagnostics: readonly Diagnostic[]
  /** The site's files, or undefined when the notes have errors. */
  readonly files: readonly OutputFile[] | undefined
  readonly graph: Graph
  readonly site: SiteOptions
  readonly state: BuildState
  /** Markdown files read, and how many of them were parsed (not reused). */
  readonly fileCount: number
  readonly parsedCount: number
  /** Documents whose page was rendered (not reused). */
  readonly rendered: readonly Slug[]
}

/** Build the site from `notesDir` in memory: the pipeline with the in-memory target. */
export async function buildSite(notesDir: string, overrides: SiteOverrides, state: BuildState = freshState): Promise<SiteBuild> {
  const { analysed, output } = await runPipeline(notesDir, overrides, siteInMemory(state, overrides), state)
  return {
    diagnostics: analysed.diagnostics,
    graph: analysed.graph,
    site: analysed.site,
    fileCount: analysed.fileCount,
    parsedCount: analysed.parsedCount,
    files: output?.files,
    state: output?.state ?? { parses: analysed.parses, pages: state.pages },
    rendered: output?.rendered ?? [],
  }
}
