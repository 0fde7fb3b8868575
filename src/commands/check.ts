/**
 * `quire check`: the same validation as a build, writing nothing.
 */
import path from 'node:path'
import { analyse } from '../analyse.js'
import { countDiagnostics, formatDiagnostic } from '../diagnostics.js'
import { plural } from './build.js'
import { exitCode, type CommandIO, type ExitCode } from './io.js'

/** Options of `quire check`. */
export interface CheckOptions {
  readonly notesDir: string
  readonly strict: boolean
}

/** Check the notes; print every problem and a summary line. */
export async function checkCommand(options: CheckOptions, io: CommandIO): Promise<ExitCode> {
  const started = performance.now()
  const analysis = await analyse(path.resolve(io.cwd, options.notesDir), { cwd: io.cwd })
  for (const d of analysis.diagnostics) io.stderr(formatDiagnostic(d) + '\n')
  const { errors, warnings } = countDiagnostics(analysis.diagnostics)
  const seconds = ((performance.now() - started) / 1000).toFixed(2)
  io.stderr(`quire: checked ${plural(analysis.fileCount, 'file')} in ${seconds} s: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}\n`)
  return errors > 0 || (options.strict && warnings > 0) ? exitCode.failed : exitCode.ok
}
