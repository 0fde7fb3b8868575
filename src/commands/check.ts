/**
 * `quire check`: the same validation as a build, writing nothing; with
 * `--report`, the research-health report too.
 */
import path from 'node:path'
import { analyse } from '../build/analyse.js'
import { controlFreeJson, formatReport, researchReport } from '../check/report.js'
import type { CalendarDay } from '../dates.js'
import { countDiagnostics, formatDiagnostic } from '../diagnostics.js'
import { plural } from './build.js'
import { exitCode, type CommandIO, type ExitCode } from './io.js'

/** Options of `quire check`. */
export interface CheckOptions {
  readonly notesDir: string
  readonly strict: boolean
  readonly buildDate: CalendarDay | undefined
  /** Print the research-health report (to stdout). */
  readonly report: boolean
  /** Print the counts, every diagnostic and the report as one JSON document (stdout). */
  readonly json: boolean
  readonly minSources: number
}

/** Check the notes; print every problem and a summary line. */
export async function checkCommand(options: CheckOptions, io: CommandIO): Promise<ExitCode> {
  const started = performance.now()
  const analysis = await analyse(path.resolve(io.cwd, options.notesDir), { cwd: io.cwd, buildDate: options.buildDate, gitDates: false })
  for (const d of analysis.diagnostics) io.stderr(formatDiagnostic(d) + '\n')
  const { errors, warnings, hints } = countDiagnostics(analysis.diagnostics)
  if (options.report || options.json) {
    const report = researchReport(analysis.graph, {
      buildDate: analysis.buildDate,
      staleAfterMonths: analysis.config.staleAfterMonths,
      minSources: options.minSources,
    })
    // One JSON document for tools: the counts, every diagnostic (hints too), the report.
    io.stdout(options.json ? controlFreeJson({ counts: { errors, warnings, hints }, diagnostics: analysis.diagnostics, report }) + '\n' : formatReport(report))
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(2)
  io.stderr(
    `quire: checked ${plural(analysis.fileCount, 'file')} in ${seconds} s: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}${hints > 0 ? `, ${plural(hints, 'hint')}` : ''}\n`,
  )
  // `--strict` or the config's `strict: true`: warnings fail the check too.
  const strict = options.strict || analysis.config.strict
  return errors > 0 || (strict && warnings > 0) ? exitCode.failed : exitCode.ok
}
