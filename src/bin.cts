#!/usr/bin/env node
/**
 * The `quire` executable (package.json's `bin`). CommonJS on purpose:
 * `quire --version` answers without starting Node's ES module loader,
 * a large share of its budget in `npm run bench`. Every other command loads the
 * CLI as an ES module (`bin.js`).
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'

const [first] = process.argv.slice(2)
if (first === '--version' || first === '-v') {
  process.stdout.write(`quire ${version()}\n`)
} else {
  import('./bin.js').catch((problem: unknown) => {
    process.stderr.write(`quire: internal error (please report it): ${(problem as Error)?.stack ?? String(problem)}\n`)
    process.exitCode = 70
  })
}

/**
 * quire's version, from its package.json: the same search as `version()`
 * in `cli.ts`, written twice on purpose. Sharing it would mean this
 * CommonJS launcher loading an ES module (the loader it exists to avoid),
 * or the ES module CLI importing CommonJS, which the tests (run from the
 * TypeScript sources) cannot resolve.
 */
function version(): string {
  let folder = __dirname
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8')) as { name?: string; version?: string }
      if (pkg.name === 'quire' && pkg.version) return pkg.version
    } catch {
      // Not here: look one folder up.
    }
    const parent = path.dirname(folder)
    if (parent === folder) return 'unknown'
    folder = parent
  }
}
