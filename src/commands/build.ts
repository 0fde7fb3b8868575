/**
 * `quire build`: analyse the notes, render the site, swap it into place.
 */
import path from 'node:path'
import { abridgedReport, countDiagnostics } from '../diagnostics.js'
import { cacheFile, loadCache, quireKey, saveCache, siteId } from '../build/persistent-cache.js'
import { openSite, realPath, recoverSite, siteMarker, writeFailure, type EmitResult, type FileStamp } from '../emit/emit-site.js'
import type { CalendarDay } from '../dates.js'
import { renderSite, type RenderCache, type RenderedSite } from '../render/render-site.js'
import { analyseSite, type AnalysedSite } from '../build/site-build.js'
import { exitCode, type CommandIO, type ExitCode } from './io.js'
import { letGoOfText } from '../load/note-text.js'
import type { Doc } from '../model.js'

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

  const progress = io.interactive ? progressLine(io) : undefined
  const key = options.cacheDir ? await quireKey() : ''
  const cachePath = options.cacheDir ? cacheFile(path.resolve(io.cwd, options.cacheDir), notesDir, outDir) : undefined
  const overrides = {
    base: options.base,
    title: options.title,
    strict: options.strict,
    cwd: io.cwd,
    buildDate: options.buildDate,
    gitDates: options.gitDates,
    onProgress: progress?.update,
  }
  let cache = cachePath ? await loadCache(cachePath, key, outDir, siteMarker) : undefined
  const cachedPages = cache?.pages
  // On a large library, the worker threads that parse keep the drafts and assemble those pages.
  const analysed = await analyseSite(notesDir, { ...overrides, cache, draftBodies: true, holdDrafts: true })
  // The rest of the build needs only the cached pages: let the cached parses go (on a large library, much of the heap).
  cache = undefined
  try {
    return await buildAnalysed(options, io, analysed, { started, outDir, key, cachePath, cachedPages, progress })
  } finally {
    await analysed.held?.close()
  }
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
  }: {
    started: number
    outDir: string
    key: string
    cachePath: string | undefined
    cachedPages: RenderCache | undefined
    progress: ReturnType<typeof progressLine> | undefined
  },
): Promise<ExitCode> {
  progress?.clear()
  // Every error; of each code's warnings a few examples; hints (a title taken from the body…) only counted.
  // `quire check` lists them all.
  for (const line of abridgedReport(analysed.diagnostics, options.notesDir)) io.stderr(line + '\n')
  const { errors, warnings, hints } = countDiagnostics(analysed.diagnostics)
  const hinted = hints > 0 ? `, ${plural(hints, 'hint')} (quire check lists them)` : ''
  const outName = displayPath(io.cwd, outDir)
  if (analysed.failed) {
    const why = errors > 0 ? '' : options.strict ? ' (--strict makes warnings fail the build)' : " (the config's `strict: true` makes warnings fail the build)"
    io.stderr(`quire: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}${why}; ${outName}/ was not changed\n`)
    return exitCode.failed
  }
  // Each page is written to the staging folder as soon as it is rendered, then the folder is swapped in.
  const write = async (pages: RenderCache | undefined): Promise<{ emitted: EmitResult; rendered?: RenderedSite; stamps?: ReadonlyMap<string, FileStamp> }> => {
    const opened = await openSite(outDir, { force: options.force })
    if (!opened.ok) return { emitted: opened }
    let rendered: RenderedSite
    try {
      // A render that reuses the previous site's pages may be followed by one that does not (below), so only a render
      // without them, which nothing follows, lets each note's text go once its page is made.
      const letGo = pages === undefined ? (doc: Doc) => letGoOfText(doc.file) : undefined
      rendered = await renderSite(analysed.graph, analysed.site, pages, progress?.update, opened.writer, analysed.held, letGo)
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
  const seconds = ((performance.now() - started) / 1000).toFixed(2)
  const pageCount = rendered.paths.filter((file) => file.endsWith('.html')).length
  io.stderr(
    `quire: built ${plural(pageCount, 'page')} from ${plural(analysed.fileCount, 'file')} into ${outName}/ in ${seconds} s (${plural(errors, 'error')}, ${plural(warnings, 'warning')}${hinted})\n`,
  )
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
