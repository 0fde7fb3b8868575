/**
 * `quire build`: analyse the notes, render the site, swap it into place.
 */
import path from 'node:path'
import { abridgedReport, countDiagnostics, type Diagnostic } from '../diagnostics.js'
import { quireKey, siteRecordFile } from '../build/cache-key.js'
import {
  configHash,
  historyHash,
  InputRecorder,
  loadSiteRecord,
  markerStamp,
  outputFolders,
  restamp,
  saveSiteRecord,
  settingsKey,
  unchangedInputs,
  unchangedOutput,
  type SiteRecord,
} from '../build/site-record.js'
import { openSite, realPath, recoverSite, siteMarker, writeFailure, type EmitResult, type FileStamp } from '../emit/emit-site.js'
import { defaultBuildDate, type CalendarDay } from '../dates.js'
import type { RenderCache, RenderedSite } from '../render/render-site.js'
import type { AnalysedSite } from '../build/site-build.js'
import { exitCode, type CommandIO, type ExitCode } from './io.js'
import { letGoOfText } from '../load/note-text.js'
import type { Doc } from '../model.js'
import { shippedFiles } from '../load/shipped-files.js'

/** Options of `quire build`. */
export interface BuildOptions {
  readonly notesDir: string
  readonly outDir: string
  /** Overrides the config file's `base`. */
  readonly base: string | undefined
  /** Overrides the config file's `title`. */
  readonly title: string | undefined
  readonly force: boolean
  readonly strict: boolean
  /** The day claims' ages are measured to. */
  readonly buildDate: CalendarDay | undefined
  /** Take dates from the notes folder's git history (`--no-git-dates` turns it off). */
  readonly gitDates?: boolean | undefined
  /** Folder of the persistent build cache, or undefined to build without one. */
  readonly cacheDir: string | undefined
}

/** Build the site; print diagnostics and one summary line. */
export async function buildCommand(options: BuildOptions, io: CommandIO): Promise<ExitCode> {
  const started = performance.now()
  const notesDir = path.resolve(io.cwd, options.notesDir)
  const outDir = path.resolve(io.cwd, options.outDir)
  // The guards compare real paths: a symbolic link must not lead the site onto the notes.
  const unsafe = unsafeOutput(await realPath(notesDir), await realPath(outDir))
  if (unsafe) {
    io.stderr(`quire: error: ${unsafe}\n`)
    return exitCode.usage
  }
  // Before anything else (the cache reads the output folder): undo what a killed build left.
  const recovery = await recoverSite(outDir)
  if (recovery.restored)
    io.stderr(`quire: a build was stopped while replacing ${displayPath(io.cwd, outDir)}/; restored the previous site from ${recovery.restored}\n`)

  const cacheDir = options.cacheDir === undefined ? undefined : path.resolve(io.cwd, options.cacheDir)
  const key = cacheDir ? await quireKey() : ''
  const recordPath = cacheDir ? siteRecordFile(cacheDir, notesDir, outDir) : undefined
  const settings = settingsKey({
    cwd: io.cwd,
    base: options.base,
    title: options.title,
    strict: options.strict,
    buildDate: options.buildDate ?? defaultBuildDate(),
    gitDates: options.gitDates !== false,
  })
  // Nothing the site is made from changed, and the output folder holds it as it was written: nothing to do.
  const unchanged = recordPath ? await unchangedSite(recordPath, key, notesDir, settings) : undefined
  if (unchanged) {
    for (const line of abridgedReport(unchanged.diagnostics, options.notesDir)) io.stderr(line + '\n')
    io.stderr(summaryLine(io, outDir, unchanged, started) + '\n')
    return exitCode.ok
  }
  // The config as the analysis will read it (read first: a change after this makes the record differ).
  const config = recordPath ? await configHash(notesDir) : ''
  const recorder = recordPath ? new InputRecorder() : undefined

  const { cacheFile, loadCache } = await import('../build/persistent-cache.js')
  const { analyseSite } = await import('../build/site-build.js')
  const progress = io.interactive ? progressLine(io) : undefined
  const cachePath = cacheDir ? cacheFile(cacheDir, notesDir, outDir) : undefined
  const overrides = {
    base: options.base,
    title: options.title,
    strict: options.strict,
    cwd: io.cwd,
    buildDate: options.buildDate,
    gitDates: options.gitDates,
    onProgress: progress?.update,
    observe: recorder,
  }
  let cache = cachePath ? await loadCache(cachePath, key, outDir, siteMarker) : undefined
  const cachedPages = cache?.pages
  // On a large library, the worker threads that parse keep the drafts and assemble those pages.
  const analysed = await analyseSite(notesDir, { ...overrides, cache, draftBodies: true, holdDrafts: true })
  // The rest of the build needs only the cached pages: let the cached parses go (on a large library, much of the heap).
  cache = undefined
  const record =
    recordPath && recorder
      ? {
          path: recordPath,
          inputs: () =>
            recorder.inputs((file) => analysed.parses.get(file)?.hash, {
              settings,
              config,
              history: analysed.analysis.config.gitDates && options.gitDates !== false ? historyHash(analysed.graph.history) : null,
            }),
        }
      : undefined
  try {
    return await buildAnalysed(options, io, analysed, { started, outDir, key, cachePath, cachedPages, progress, record })
  } finally {
    await analysed.held?.close()
  }
}

/**
 * The record of the site in the output folder, when the site is what a
 * build would make now: every input as recorded, every file and folder of
 * the output as written. Undefined otherwise.
 */
async function unchangedSite(recordPath: string, key: string, notesDir: string, settings: string): Promise<SiteRecord | undefined> {
  const record = await loadSiteRecord(recordPath, key)
  if (!record) return undefined
  const inputs = await unchangedInputs(notesDir, record.inputs, settings)
  if (!inputs.unchanged || !unchangedOutput(record.output, siteMarker)) return undefined
  // Notes saved again with the same text: their new stamps spare the next build reading them.
  if (inputs.restamped.size > 0) await saveSiteRecord(recordPath, restamp(record, inputs.restamped))
  return record
}

/** The line that ends a build's report. */
function summaryLine(
  io: CommandIO,
  outDir: string,
  { diagnostics, pageCount, fileCount }: { diagnostics: readonly Diagnostic[]; pageCount: number; fileCount: number },
  started: number,
): string {
  const { errors, warnings, hints } = countDiagnostics(diagnostics)
  const hinted = hints > 0 ? `, ${plural(hints, 'hint')} (quire check lists them)` : ''
  const seconds = ((performance.now() - started) / 1000).toFixed(2)
  return `quire: built ${plural(pageCount, 'page')} from ${plural(fileCount, 'file')} into ${displayPath(io.cwd, outDir)}/ in ${seconds} s (${plural(errors, 'error')}, ${plural(warnings, 'warning')}${hinted})`
}

/** The rest of `quire build`, once the notes are analysed. */
async function buildAnalysed(
  options: BuildOptions,
  io: CommandIO,
  analysed: AnalysedSite,
  {
    started,
    outDir,
    key,
    cachePath,
    cachedPages,
    progress,
    record,
  }: {
    started: number
    outDir: string
    key: string
    cachePath: string | undefined
    cachedPages: RenderCache | undefined
    progress: ReturnType<typeof progressLine> | undefined
    /** Where to keep the record of the site, and the inputs it was made from. */
    record: { path: string; inputs: () => SiteRecord['inputs'] } | undefined
  },
): Promise<ExitCode> {
  progress?.clear()
  // Every error; of each code's warnings a few examples; hints (a title taken from the body…) only counted.
  // `quire check` lists them all.
  for (const line of abridgedReport(analysed.diagnostics, options.notesDir)) io.stderr(line + '\n')
  const { errors, warnings } = countDiagnostics(analysed.diagnostics)
  const outName = displayPath(io.cwd, outDir)
  if (analysed.failed) {
    const why = errors > 0 ? '' : options.strict ? ' (--strict makes warnings fail the build)' : " (the config's `strict: true` makes warnings fail the build)"
    io.stderr(`quire: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}${why}; ${outName}/ was not changed\n`)
    return exitCode.failed
  }
  // Each page is written to the staging folder as soon as it is rendered, then the folder is swapped in.
  const { libraryCacheKey, renderSite } = await import('../render/render-site.js')
  const { saveCache } = await import('../build/persistent-cache.js')
  // A site's id is its library's fingerprint: the same notes and settings give the same id, with or without a cache.
  const siteId = (pages: RenderCache): string => pages.get(libraryCacheKey)?.fingerprint ?? ''
  const write = async (pages: RenderCache | undefined): Promise<{ emitted: EmitResult; rendered?: RenderedSite; stamps?: ReadonlyMap<string, FileStamp> }> => {
    const opened = await openSite(outDir, { force: options.force })
    if (!opened.ok) return { emitted: opened }
    let rendered: RenderedSite
    try {
      // A render that reuses the previous site's pages may be followed by one that does not (below), so only a render
      // without them, which nothing follows, lets each note's text go once its page is made.
      const letGo = pages === undefined ? (doc: Doc) => letGoOfText(doc.file) : undefined
      // Without a cache to keep them in, no page's fingerprint is worked out.
      rendered = await renderSite(analysed.graph, analysed.site, shippedFiles, pages, progress?.update, opened.writer, analysed.held, letGo, {
        fingerprints: cachePath !== undefined,
      })
    } catch (problem) {
      await opened.writer.abort()
      // A write that failed in a worker thread (a full disk…) is a failed write like any other, not a bug.
      const failed = writeFailure(outDir, problem)
      if (failed) return { emitted: failed }
      throw problem
    } finally {
      progress?.clear()
    }
    return { emitted: await opened.writer.commit(siteId(rendered.cache)), rendered, stamps: opened.writer.stamps }
  }
  let result = await write(cachedPages)
  // A page reused from the previous site could not be placed after all: render everything (any other failure would only fail again).
  if (!result.emitted.ok && result.emitted.reuse && cachedPages) result = await write(undefined)
  const { emitted, rendered, stamps } = result
  if (!emitted.ok || !rendered) {
    io.stderr(`quire: error: ${emitted.ok ? 'the site could not be rendered' : emitted.message}\n`)
    return exitCode.failed
  }
  if (emitted.movedAside) {
    io.stderr(
      `quire: ${outName}/ was not a site quire built (it had no ${siteMarker} file), so --force moved it to ${displayPath(io.cwd, emitted.movedAside)}/; nothing was deleted\n`,
    )
  }
  // A build that parsed nothing and carried every file as it was leaves the cache as it found it.
  const unchanged = cachedPages !== undefined && analysed.parsedCount === 0 && sameSite(cachedPages, rendered.cache, stamps)
  if (cachePath && !unchanged) await saveCache(cachePath, key, siteId(rendered.cache), analysed.parses, rendered.cache, stamps)
  const pageCount = rendered.paths.filter((file) => file.endsWith('.html')).length
  if (record) {
    await saveSiteRecord(record.path, {
      key,
      inputs: record.inputs(),
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
  io.stderr(summaryLine(io, outDir, { diagnostics: analysed.diagnostics, pageCount, fileCount: analysed.fileCount }, started) + '\n')
  return exitCode.ok
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

/**
 * Refuse output folders that would overwrite the notes or more. Give it
 * real paths (symbolic links resolved, see `realPath`): compared as
 * written, a link to the notes folder looks like any other folder.
 */
function unsafeOutput(notesDir: string, outDir: string): string | undefined {
  if (outDir === path.parse(outDir).root) return `refusing to write the site into the file system root (${outDir}). Choose another --out.`
  if (outDir === notesDir) return `the output folder is the notes folder (${outDir}); building would replace your notes. Choose another --out.`
  if (isWithin(outDir, notesDir))
    return `the output folder ${outDir} contains the notes folder (${notesDir}); building would replace your notes. Choose another --out.`
  if (isWithin(notesDir, outDir))
    return `the output folder ${outDir} is inside the notes folder (${notesDir}). Choose a folder outside it, such as the default \`site\`.`
  return undefined
}

/** Is `file` inside `folder` (at any depth)? Both absolute. */
function isWithin(folder: string, file: string): boolean {
  const relative = path.relative(folder, file)
  return relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative)
}

/**
 * A progress line redrawn in place on a terminal, shown only for large
 * libraries (small builds finish before it would help).
 */
function progressLine(io: CommandIO): { update: (stage: string, done: number, total: number) => void; clear: () => void } {
  let shown = false
  return {
    update(stage, done, total) {
      if (total < 500) return
      shown = true
      io.stderr(`\r\u001b[2Kquire: ${stage === 'parse' ? 'reading' : 'rendering'} ${done}/${total} (${Math.floor((done / total) * 100)}%)`)
    },
    clear() {
      if (shown) io.stderr('\r\u001b[2K')
    },
  }
}

/** A folder as the user should see it: relative when inside the working directory. */
function displayPath(cwd: string, folder: string): string {
  const relative = path.relative(cwd, folder)
  if (relative === '') return '.'
  return relative.startsWith('..') || path.isAbsolute(relative) ? folder : relative
}

/** "1 error", "3 warnings". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}
