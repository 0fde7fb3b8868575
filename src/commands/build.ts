/**
 * `quire build`: analyse the notes, render the site, swap it into place.
 */
import path from 'node:path'
import { analyse } from '../analyse.js'
import { countDiagnostics, formatDiagnostic } from '../diagnostics.js'
import { emitSite } from '../emit/emit-site.js'
import { renderSite } from '../render/render-site.js'
import { normaliseBase } from '../render/url.js'
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
}

/** Build the site; print diagnostics and one summary line. */
export async function buildCommand(options: BuildOptions, io: CommandIO): Promise<ExitCode> {
  const started = performance.now()
  const notesDir = path.resolve(io.cwd, options.notesDir)
  const outDir = path.resolve(io.cwd, options.outDir)
  const unsafe = unsafeOutput(notesDir, outDir)
  if (unsafe) {
    io.stderr(`quire: error: ${unsafe}\n`)
    return exitCode.usage
  }

  const analysis = await analyse(notesDir, { cwd: io.cwd })
  for (const d of analysis.diagnostics) io.stderr(formatDiagnostic(d) + '\n')
  const { errors, warnings } = countDiagnostics(analysis.diagnostics)
  const outName = displayPath(io.cwd, outDir)
  if (errors > 0 || (options.strict && warnings > 0)) {
    const why = errors > 0 ? '' : ' (--strict makes warnings fail the build)'
    io.stderr(`quire: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}${why}; ${outName}/ was not changed\n`)
    return exitCode.failed
  }

  const { config } = analysis
  const site = { base: normaliseBase(options.base ?? config.base), title: options.title ?? config.title, description: config.description, url: config.url }
  const files = await renderSite(analysis.graph, site)
  const emitted = await emitSite(outDir, files, { force: options.force })
  if (!emitted.ok) {
    io.stderr(`quire: error: ${emitted.message}\n`)
    return exitCode.failed
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(2)
  const pages = files.filter((file) => file.path.endsWith('.html')).length
  io.stderr(`quire: built ${plural(pages, 'page')} from ${plural(analysis.fileCount, 'file')} into ${outName}/ in ${seconds} s (${plural(errors, 'error')}, ${plural(warnings, 'warning')})\n`)
  return exitCode.ok
}

/** Refuse output folders that would overwrite the notes or more. */
export function unsafeOutput(notesDir: string, outDir: string): string | undefined {
  if (outDir === path.parse(outDir).root) return `refusing to write the site into the file system root (${outDir}). Choose another --out.`
  if (outDir === notesDir) return `the output folder is the notes folder (${outDir}); building would replace your notes. Choose another --out.`
  const relative = path.relative(outDir, notesDir)
  if (!relative.startsWith('..') && !path.isAbsolute(relative)) return `the output folder ${outDir} contains the notes folder; building would replace your notes. Choose another --out.`
  const inside = path.relative(notesDir, outDir)
  if (!inside.startsWith('..') && !path.isAbsolute(inside)) return `the output folder ${outDir} is inside the notes folder. Choose a folder outside it, such as the default \`site\`.`
  return undefined
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
