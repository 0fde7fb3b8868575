#!/usr/bin/env node
/**
 * The `quire` executable: runs the CLI and sets the exit code. The CLI is
 * loaded from its bundle while that is fresh (see `bundled.ts`).
 */
import { freshBundle } from './bundled.js'

const { run } = (await import(freshBundle('cli')?.href ?? './cli.js')) as typeof import('./cli.js')

run(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  interactive: process.stderr.isTTY === true,
}).then(
  (code) => {
    process.exitCode = code
  },
  (problem: unknown) => {
    process.stderr.write(`quire: internal error (please report it): ${(problem as Error)?.stack ?? String(problem)}\n`)
    process.exitCode = 70
  },
)
