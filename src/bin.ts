#!/usr/bin/env node
/**
 * The `quire` executable: runs the CLI and sets the exit code.
 */
import { run } from './cli.js'

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
