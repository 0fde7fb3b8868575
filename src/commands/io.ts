/**
 * Where commands write: injected, so tests can run them in-process.
 */

/** The streams and folder a command runs with. */
export interface CommandIO {
  readonly stdout: (text: string) => void
  readonly stderr: (text: string) => void
  readonly cwd: string
  /** Is stderr a terminal (so a progress line can be redrawn in place)? */
  readonly interactive?: boolean
}

/** Exit codes: 0 success, 1 the content has errors (or the site could not be written), 2 the command was misused. */
export const exitCode = { ok: 0, failed: 1, usage: 2 } as const
export type ExitCode = (typeof exitCode)[keyof typeof exitCode]

/** A usage problem found while reading arguments. */
export class UsageError extends Error {
  override readonly name = 'UsageError'
}
