/**
 * Diagnostics: problems found in the notes, as values.
 *
 * Nothing in the library prints or throws for a content problem: each stage
 * returns the diagnostics it found, the command sorts and prints them.
 */

/** A place in a file: 1-based line and column. */
export interface Position {
  readonly line: number
  readonly column: number
}

/**
 * How bad a problem is: errors stop a build, warnings do not, and hints
 * only say where quire filled a gap (a title taken from the body, a field
 * it ignores). `quire check` lists hints; `quire build` only counts them.
 */
export type Severity = 'error' | 'warning' | 'hint'

/** Stable identifiers for every kind of problem (documented in the README). */
export type DiagnosticCode =
  | 'yaml-syntax'
  | 'front-matter-not-mapping'
  | 'missing-field'
  | 'invalid-field'
  | 'unknown-field'
  | 'unresolved-link'
  | 'ambiguous-link'
  | 'self-link'
  | 'duplicate-slug'
  | 'invalid-slug'
  | 'next-missing'
  | 'next-not-inquiry'
  | 'unreadable-file'
  | 'stale-claim'
  | 'arxiv-future'
  | 'arxiv-date-mismatch'
  | 'missing-site-url'
  | 'import-not-export'
  | 'import-unrecognised-section'
  | 'import-unplaced-line'
  | 'import-missing-summary'
  | 'import-source-count'
  | 'import-source-order'
  | 'import-source-unlinked'
  | 'import-unlinked-title'
  | 'import-undated-claim'
  | 'import-invalid-anchor'
  | 'import-prompt-mismatch'
  | 'import-next-unresolved'
  | 'import-file-exists'
  | 'fallback-title'
  | 'fallback-summary'
  | 'empty-note'
  | 'unknown-anchor'
  | 'unpublished-link'
  | 'embed-cycle'
  | 'missing-attachment'
  | 'unsafe-attachment'
  | 'alias-conflict'
  | 'dead-link'

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
export function error(file: string, at: Position, code: DiagnosticCode, message: string): Diagnostic {
  return { file, line: at.line, column: at.column, severity: 'error', code, message }
}

/** Make a warning diagnostic. */
export function warning(file: string, at: Position, code: DiagnosticCode, message: string): Diagnostic {
  return { file, line: at.line, column: at.column, severity: 'warning', code, message }
}

/** Make a hint: where quire filled a gap, for `quire check` to list. */
export function hint(file: string, at: Position, code: DiagnosticCode, message: string): Diagnostic {
  return { file, line: at.line, column: at.column, severity: 'hint', code, message }
}

/** Sort by file, line, column, then code, so output is stable. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) =>
      compare(a.file, b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      compare(a.code, b.code) ||
      compare(a.message, b.message),
  )
}

/** `file:line:column: severity: message [code]`, the format editors understand. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message} [${d.code}]`
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
