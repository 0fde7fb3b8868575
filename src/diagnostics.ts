/**
 * Diagnostics: problems found in the notes, as values.
 *
 * Nothing in the library prints or throws for a content problem: each stage
 * returns the diagnostics it found, the command sorts and prints them.
 */
import type { CodeWithSeverity, DiagnosticCode, Severity } from './diagnostic-codes.js'

/** How bad a problem is (see the catalogue). */
export type { Severity }

/** A place in a file: 1-based line and column. */
export interface Position {
  readonly line: number
  readonly column: number
}

/** Stable identifiers for every kind of problem, listed in the catalogue (src/diagnostic-codes.ts). */
export type { DiagnosticCode }

/** One problem, with where it is and what to do about it. */
export interface Diagnostic {
  /** Path as the user should see it (relative to the working directory where possible). */
  readonly file: string
  readonly line: number
  readonly column: number
  readonly severity: Severity
  readonly code: DiagnosticCode
  /** What happened, then what to do. No position inside. */
  readonly message: string
}

/** Make an error diagnostic. */
export function error(file: string, at: Position, code: CodeWithSeverity<'error'>, message: string): Diagnostic {
  return { file, line: at.line, column: at.column, severity: 'error', code, message }
}

/** Make a warning diagnostic. */
export function warning(file: string, at: Position, code: CodeWithSeverity<'warning'>, message: string): Diagnostic {
  return { file, line: at.line, column: at.column, severity: 'warning', code, message }
}

/** Make a hint: where quire filled a gap, for `quire check` to list. */
export function hint(file: string, at: Position, code: CodeWithSeverity<'hint'>, message: string): Diagnostic {
  return { file, line: at.line, column: at.column, severity: 'hint', code, message }
}

/** Sort by file, line, column, then code, so output is stable. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort((a, b) => compare(a.file, b.file) || a.line - b.line || a.column - b.column || compare(a.code, b.code) || compare(a.message, b.message))
}

/**
 * `file:line:column: severity: message [code]`, the format editors understand.
 * Always exactly one line: control characters in the file name or the
 * message (which may quote the note) are shown escaped (see {@link oneLine}).
 */
export function formatDiagnostic(d: Diagnostic): string {
  return `${oneLine(d.file)}:${d.line}:${d.column}: ${d.severity}: ${oneLine(d.message)} [${d.code}]`
}

/** Control characters: C0, DEL, C1, and the line and paragraph separators. */
const controlCharacters = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g

const namedEscapes: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' }

/**
 * Text made safe to print on one line of a terminal or a CI log: each
 * control character (a newline, an escape sequence's ESC, U+2028…) is
 * shown as an escape, `\n`, `\r`, `\t` or `\u{1b}`, so a file name or a
 * quoted value can neither split a line nor forge one. Text without
 * control characters is returned unchanged, so applying it twice is the
 * same as once.
 */
export function oneLine(text: string): string {
  return text.replace(controlCharacters, (character) => namedEscapes[character] ?? `\\u{${character.codePointAt(0)!.toString(16)}}`)
}

/** Count errors, warnings and hints. */
export function countDiagnostics(list: readonly Diagnostic[]): { errors: number; warnings: number; hints: number } {
  let errors = 0
  let hints = 0
  for (const d of list) {
    if (d.severity === 'error') errors++
    else if (d.severity === 'hint') hints++
  }
  return { errors, warnings: list.length - errors - hints, hints }
}

/** Plain code-unit comparison: the same on every machine and locale. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Warnings of one code that an abridged list left out (see {@link abridgeWarnings}). */
interface LeftOut {
  readonly code: DiagnosticCode
  /** How many of that code's warnings were left out. */
  readonly count: number
  /** How many warnings of that code there are in all. */
  readonly total: number
}

/**
 * What `quire build` prints of a long list: every error, and of each
 * code's warnings the first `examples` (in the list's order), so a library
 * with thousands of links to notes not written yet gets a few lines, not
 * thousands. Hints are left out (they are only counted). `leftOut` says,
 * code by code in order of count (then code), what was not shown.
 */
function abridgeWarnings(list: readonly Diagnostic[], examples: number): { shown: Diagnostic[]; leftOut: LeftOut[] } {
  const seen = new Map<DiagnosticCode, number>()
  const shown: Diagnostic[] = []
  for (const d of list) {
    if (d.severity === 'hint') continue
    if (d.severity === 'error') {
      shown.push(d)
      continue
    }
    const n = (seen.get(d.code) ?? 0) + 1
    seen.set(d.code, n)
    if (n <= examples) shown.push(d)
  }
  const leftOut = [...seen]
    .filter(([, total]) => total > examples)
    .map(([code, total]) => ({ code, count: total - examples, total }))
    .sort((a, b) => b.total - a.total || compare(a.code, b.code))
  return { shown, leftOut }
}

/** "47 more unresolved-link warnings (50 in all); `quire check notes` lists every one". */
function leftOutLine(left: LeftOut, listCommand: string): string {
  return `${left.count} more ${left.code} ${left.count === 1 ? 'warning' : 'warnings'} (${left.total} in all); \`${listCommand}\` lists every one`
}

/** How many warnings of each code `quire build` and `quire dev` show; `quire check` shows every one. */
const warningExamples = 3

/**
 * The lines `quire build` (and `quire dev`, with its own `prefix`) print
 * about the notes' problems: every error, up to {@link warningExamples}
 * warnings of each code, and for each code with more, how many more and
 * the command that lists them all.
 */
export function abridgedReport(diagnostics: readonly Diagnostic[], notesDir: string, prefix = 'quire'): string[] {
  const { shown, leftOut } = abridgeWarnings(diagnostics, warningExamples)
  return [...shown.map(formatDiagnostic), ...leftOut.map((left) => `${prefix}: ${leftOutLine(left, `quire check ${shellWord(notesDir)}`)}`)]
}

/** A word as a shell reads it back: as it is when it is plain, else in single quotes. */
function shellWord(word: string): string {
  return /^[\w./@%+=:,-]+$/.test(word) ? word : `'${oneLine(word).replaceAll("'", "'\\''")}'`
}
