/**
 * `quire build`: check the output folder, build the site into it (see
 * `build/folder-build.ts`), and report what happened.
 */
import path from 'node:path'
import { abridgedReport, countDiagnostics, type Diagnostic } from '../diagnostics.js'
import { buildIntoFolder } from '../build/folder-build.js'
import { realPath, siteMarker } from '../emit/emit-site.js'
import type { CalendarDay } from '../dates.js'
import { exitCode, type CommandIO, type ExitCode } from './io.js'

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
  // Every error; of each code's warnings a few examples; hints (a title taken from the body…) only counted.
  // `quire check` lists them all.
  const report = (diagnostics: readonly Diagnostic[]): void => {
    for (const line of abridgedReport(diagnostics, options.notesDir)) io.stderr(line + '\n')
  }
  const progress = io.interactive ? progressLine(io) : undefined
  const built = await buildIntoFolder({
    notesDir,
    outDir,
    cwd: io.cwd,
    base: options.base,
    title: options.title,
    force: options.force,
    strict: options.strict,
    buildDate: options.buildDate,
    gitDates: options.gitDates,
    cacheDir: options.cacheDir === undefined ? undefined : path.resolve(io.cwd, options.cacheDir),
    progress,
    restored: (from) => io.stderr(`quire: a build was stopped while replacing ${displayPath(io.cwd, outDir)}/; restored the previous site from ${from}\n`),
    analysed: report,
  })
  const outName = displayPath(io.cwd, outDir)
  switch (built.kind) {
    case 'unchanged':
      report(built.record.diagnostics)
      io.stderr(summaryLine(io, outDir, built.record, started) + '\n')
      return exitCode.ok
    case 'notes-failed': {
      const { errors, warnings } = countDiagnostics(built.analysed.diagnostics)
      const why =
        errors > 0 ? '' : options.strict ? ' (--strict makes warnings fail the build)' : " (the config's `strict: true` makes warnings fail the build)"
      io.stderr(`quire: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}${why}; ${outName}/ was not changed\n`)
      return exitCode.failed
    }
    case 'write-failed':
      io.stderr(`quire: error: ${built.message}\n`)
      return exitCode.failed
    case 'built':
      if (built.movedAside) {
        io.stderr(
          `quire: ${outName}/ was not a site quire built (it had no ${siteMarker} file), so --force moved it to ${displayPath(io.cwd, built.movedAside)}/; nothing was deleted\n`,
        )
      }
      io.stderr(summaryLine(io, outDir, built, started) + '\n')
      return exitCode.ok
  }
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
