/**
 * A build into an output folder (`quire build`), from first step to last:
 *
 * 1. undo what a killed build left in the output folder;
 * 2. the record of the last build: when nothing the site is made from
 *    changed and the folder holds the site as it was written, stop here;
 * 3. the pipeline (`pipeline.ts`): load → parse → graph → check, then
 *    render each page straight into a staging folder, swapped in at the end;
 * 4. keep the persistent cache and the record of this build for the next.
 *
 * It prints nothing: the command is told what happened and reports it.
 */
import { quireKey, siteRecordFile } from './cache-key.js'
import {
  configHash,
  historyHash,
  InputRecorder,
  loadSiteRecord,
  markerStamp,
  outputFolders,
  restamp,
  restyled,
  saveSiteRecord,
  settingsKey,
  unchangedInputs,
  unchangedOutput,
  type SiteRecord,
} from './site-record.js'
import { openSite, recoverSite, siteMarker, writeFailure, type EmitResult, type FileStamp } from '../emit/emit-site.js'
import { defaultBuildDate, type CalendarDay } from '../dates.js'
import type { Diagnostic } from '../diagnostics.js'
import type { RenderCache, RenderedSite } from '../render/render-site.js'
import { libraryCacheKey } from '../render/output-files.js'
import type { AnalysedSite } from './site-build.js'
import type { SiteTarget } from './pipeline.js'
import { textsWorthSettingAside, type Progress } from './analyse.js'
import { NoteChangedDuringBuild, setTextAside } from '../load/note-text.js'
import type { Doc } from '../model.js'
import { shippedFiles } from '../load/shipped-files.js'

/** What a build into a folder is asked to do. Paths are absolute. */
export interface FolderBuildRequest {
  readonly notesDir: string
  readonly outDir: string
  /** Folder that diagnostics' paths are relative to. */
  readonly cwd: string
  /** Override the config file's `base` and `title`. */
  readonly base: string | undefined
  readonly title: string | undefined
  /** Replace an output folder that quire did not build (moved aside, never deleted). */
  readonly force: boolean
  readonly strict: boolean
  /** The day claims' ages are measured to (default: SOURCE_DATE_EPOCH's day, else today in UTC). */
  readonly buildDate: CalendarDay | undefined
  readonly gitDates: boolean | undefined
  /** Folder of the persistent build cache, or undefined to build without one. */
  readonly cacheDir: string | undefined
  /** Progress of the long stages (parse, render), and the end of it. */
  readonly progress?: { readonly update: Progress; readonly clear: () => void } | undefined
  /** Told when a build stopped while replacing the output folder, and the previous site was restored from `from`. */
  readonly restored?: ((from: string) => void) | undefined
  /** Told once the notes are analysed, before anything is rendered (the command prints the problems then). */
  readonly analysed?: ((diagnostics: readonly Diagnostic[]) => void) | undefined
}

/** How a build into a folder ended. */
export type FolderBuild =
  /** Nothing changed since the last build: the site was left as it was. */
  | { readonly kind: 'unchanged'; readonly record: SiteRecord }
  /** The notes have errors (or warnings under `strict`): nothing was written. */
  | { readonly kind: 'notes-failed'; readonly analysed: AnalysedSite; readonly strict: boolean }
  /** The site could not be written; the previous one is as it was. */
  | { readonly kind: 'write-failed'; readonly message: string }
  | {
      readonly kind: 'built'
      readonly diagnostics: readonly Diagnostic[]
      readonly pageCount: number
      readonly fileCount: number
      /** Where `force` moved an output folder quire had not built. */
      readonly movedAside: string | undefined
    }

/** Build the site into `request.outDir`. */
export async function buildIntoFolder(request: FolderBuildRequest): Promise<FolderBuild> {
  const { notesDir, outDir, cacheDir } = request
  // Before anything else (the cache reads the output folder): undo what a killed build left.
  const recovery = await recoverSite(outDir)
  if (recovery.restored) request.restored?.(recovery.restored)

  const key = cacheDir ? await quireKey() : ''
  const recordPath = cacheDir ? siteRecordFile(cacheDir, notesDir, outDir) : undefined
  const settings = settingsKey({
    cwd: request.cwd,
    base: request.base,
    title: request.title,
    strict: request.strict,
    buildDate: request.buildDate ?? defaultBuildDate(),
    gitDates: request.gitDates !== false,
  })
  // Nothing the site is made from changed, and the output folder holds it as it was written: nothing to do.
  let previous = recordPath ? await loadSiteRecord(recordPath, key) : undefined
  const unchanged = recordPath && previous ? await unchangedSite(recordPath, previous, notesDir, settings) : undefined
  if (unchanged) return { kind: 'unchanged', record: unchanged }
  // The config as the analysis will read it (read first: a change after this makes the record differ).
  const config = recordPath ? await configHash(notesDir) : ''
  const restyle = previous !== undefined && restyled(previous, config, settings)
  // Nothing else needs the previous record (on a large library, tens of megabytes held through the whole build).
  previous = undefined
  const recorder = recordPath ? new InputRecorder() : undefined

  // The rest of the pipeline's modules are loaded only now: an unchanged site needs none of them.
  const { cacheFile, loadCache, saveCache } = await import('./persistent-cache.js')
  const { runPipeline } = await import('./pipeline.js')
  const cachePath = cacheDir ? cacheFile(cacheDir, notesDir, outDir) : undefined
  let cache = cachePath ? await loadCache(cachePath, key, outDir, siteMarker) : undefined
  // A site restyled (another config, base or title) has every body rendered again: the cached parses, which have
  // no drafts, would leave each of them to the main thread, so every note is parsed again in the worker threads,
  // which draft the bodies as they go. Pages the change did not reach are still carried over.
  if (cache && restyle) cache = { parses: new Map(), pages: cache.pages }
  const cachedPages = cache?.pages
  const overrides = {
    base: request.base,
    title: request.title,
    strict: request.strict,
    cwd: request.cwd,
    buildDate: request.buildDate,
    gitDates: request.gitDates,
    onProgress: request.progress?.update,
    observe: recorder,
    // Read once, by the analysis.
    get cache() {
      return cache
    },
  }
  // Once the notes are analysed, the rest of the build needs only the cached pages: the cached parses
  // (on a large library, much of the heap) are let go.
  const run = await runPipeline(
    notesDir,
    overrides,
    siteInFolder(request, cachedPages, () => (cache = undefined)),
  )
  const { analysed } = run
  if (!run.output) {
    request.progress?.clear()
    request.analysed?.(analysed.diagnostics)
    return { kind: 'notes-failed', analysed, strict: request.strict }
  }
  const { emitted, rendered, stamps } = run.output
  if (!emitted.ok || !rendered) return { kind: 'write-failed', message: emitted.ok ? 'the site could not be rendered' : emitted.message }

  // A build that parsed nothing and carried every file as it was leaves the cache as it found it.
  const same = cachedPages !== undefined && analysed.parsedCount === 0 && sameSite(cachedPages, rendered.cache, stamps)
  if (cachePath && !same) await saveCache(cachePath, key, siteId(rendered.cache), analysed.parses, rendered.cache, stamps)
  const pageCount = rendered.paths.filter((file) => file.endsWith('.html')).length
  if (recordPath && recorder) {
    const history = analysed.analysis.config.gitDates && request.gitDates !== false ? historyHash(analysed.graph.history) : null
    await saveSiteRecord(recordPath, {
      key,
      inputs: recorder.inputs((file) => analysed.parses.get(file)?.hash, { settings, config, history }),
      library: rendered.cache.get(libraryCacheKey)?.fingerprint ?? '',
      diagnostics: analysed.diagnostics,
      fileCount: analysed.fileCount,
      pageCount,
      base: analysed.site.base,
      output: {
        dir: outDir,
        files: rendered.paths.map((file) => [file, stamps?.get(file) ?? ''] as const),
        folders: outputFolders(outDir, rendered.paths),
        marker: markerStamp(outDir, siteMarker),
      },
    })
  }
  return {
    kind: 'built',
    diagnostics: analysed.diagnostics,
    pageCount,
    fileCount: analysed.fileCount,
    movedAside: emitted.ok ? emitted.movedAside : undefined,
  }
}

/** What the folder target leaves: how the swap went, and the site rendered with the stamps of its files. */
interface FolderOutput {
  readonly emitted: EmitResult
  readonly rendered?: RenderedSite
  readonly stamps?: ReadonlyMap<string, FileStamp>
}

/**
 * The site written into a staging folder as each page is rendered, then
 * swapped into place. On a large library the worker threads that parse
 * keep the drafts and make those pages.
 */
function siteInFolder(request: FolderBuildRequest, cachedPages: RenderCache | undefined, analysed: () => void): SiteTarget<FolderOutput> {
  const write = async (analysed: AnalysedSite, pages: RenderCache | undefined): Promise<FolderOutput> => {
    const { renderSite } = await import('../render/render-site.js')
    // Without a cache, the files' stamps are recorded nowhere.
    const opened = await openSite(request.outDir, { force: request.force, stamps: request.cacheDir !== undefined })
    if (!opened.ok) return { emitted: opened }
    let rendered: RenderedSite
    try {
      // A render that reuses the previous site's pages may be followed by one that does not (below), so only a render
      // without them, which nothing follows, lets each document's draft go once the pages that use it are made, and
      // holds no note's text: each is read again from its file when a page needs it (see `note-text.ts`).
      const letGo = pages === undefined ? (doc: Doc) => analysed.drafts.letGo(doc.file.path) : undefined
      // The texts are set aside once the render has read every one for what reads them all (the search files' fingerprint),
      // when there is enough of them to be worth it.
      const textsRead =
        letGo && textsWorthSettingAside(analysed.loaded.files)
          ? (): void => {
              for (const file of analysed.loaded.files) setTextAside(file)
            }
          : undefined
      // Without a cache to keep them in, no page's fingerprint is worked out.
      rendered = await renderSite(analysed.graph, analysed.site, shippedFiles, pages, request.progress?.update, opened.writer, analysed.drafts, letGo, {
        fingerprints: request.cacheDir !== undefined,
        textsRead,
      })
    } catch (problem) {
      await opened.writer.abort()
      // A write that failed in a worker thread (a full disk…) is a failed write like any other, not a bug.
      const failed = writeFailure(request.outDir, problem)
      if (failed) return { emitted: failed }
      // A note edited during the build is the user's doing, not a bug: said as a failed build.
      if (problem instanceof NoteChangedDuringBuild) return { emitted: { ok: false, message: problem.message } }
      throw problem
    } finally {
      request.progress?.clear()
    }
    return { emitted: await opened.writer.commit(siteId(rendered.cache)), rendered, stamps: opened.writer.stamps }
  }
  return {
    // A build that makes every page (no previous site to reuse) reads each text again only a few times: the texts are
    // set aside as they are parsed, not held until the render starts.
    prepare: { draftBodies: true, holdDrafts: true, textsAside: cachedPages === undefined },
    async emit(site) {
      analysed()
      request.progress?.clear()
      request.analysed?.(site.diagnostics)
      const result = await write(site, cachedPages)
      // A page reused from the previous site could not be placed after all: render everything (any other failure would only fail again).
      if (!result.emitted.ok && result.emitted.reuse && cachedPages) return write(site, undefined)
      return result
    },
  }
}

/** A site's id is its library's fingerprint: the same notes and settings give the same id, with or without a cache. */
function siteId(pages: RenderCache): string {
  return pages.get(libraryCacheKey)?.fingerprint ?? ''
}

/**
 * The record of the site in the output folder, when the site is what a
 * build would make now: every input as recorded, every file and folder of
 * the output as written. Undefined otherwise.
 */
async function unchangedSite(recordPath: string, record: SiteRecord, notesDir: string, settings: string): Promise<SiteRecord | undefined> {
  const inputs = await unchangedInputs(notesDir, record.inputs, settings)
  if (!inputs.unchanged || !unchangedOutput(record.output, siteMarker)) return undefined
  // Notes saved again with the same text: their new stamps spare the next build reading them.
  if (inputs.restamped.size > 0) await saveSiteRecord(recordPath, restamp(record, inputs.restamped))
  return record
}

/** Does the site just written hold the very files the cache describes: the same pages, fingerprints and stamps? */
function sameSite(cached: RenderCache, written: RenderCache, stamps: ReadonlyMap<string, FileStamp> | undefined): boolean {
  if (!stamps || cached.size !== written.size) return false
  for (const [key, page] of written) {
    const before = cached.get(key)
    if (!before || before.fingerprint !== page.fingerprint || before.paths.length !== page.paths.length) return false
    for (const [i, file] of page.paths.entries()) {
      const earlier = before.files?.[i]
      if (!earlier || earlier.path !== file || !('stamp' in earlier) || earlier.stamp === undefined || earlier.stamp !== stamps.get(file)) return false
    }
  }
  return true
}
