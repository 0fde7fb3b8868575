/**
 * Fixture folders: each `test/fixtures/cli/NAME/notes/` is checked with
 * `quire check notes` and `quire build notes`; what quire prints and its exit
 * code must match `NAME/expected.txt`. After a deliberate change, regenerate
 * with `UPDATE_FIXTURES=1 npx vitest run test/cli-fixtures.test.ts` and read the diff.
 */
import { existsSync, readdirSync } from 'node:fs'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { run } from '../src/cli.js'
import { recordingIO } from './support/notes.js'

const root = path.resolve('test/fixtures/cli')
const update = process.env.UPDATE_FIXTURES === '1'

/** Timings vary from run to run; everything else must not. */
function stable(text: string, out: string): string {
  return text
    .replace(/ in \d+\.\d+ s/g, ' in N s')
    .split(out)
    .join('OUT')
}

describe('quire check and build on fixture folders', () => {
  for (const name of readdirSync(root).sort()) {
    it(name, async () => {
      const folder = path.join(root, name)
      const check = recordingIO(folder)
      const checkCode = await run(['check', 'notes'], check)
      const out = path.join(await mkdtemp(path.join(tmpdir(), 'quire-fixture-')), 'site')
      const build = recordingIO(folder)
      const buildCode = await run(['build', 'notes', '--out', out], build)
      const actual = `$ quire check notes\n${stable(check.err(), out)}exit ${checkCode}\n\n$ quire build notes\n${stable(build.err(), out)}exit ${buildCode}\n`
      const expectedFile = path.join(folder, 'expected.txt')
      if (update || !existsSync(expectedFile)) await writeFile(expectedFile, actual)
      expect(actual).toBe(await readFile(expectedFile, 'utf8'))
      // A failed build writes nothing; a successful one writes the site.
      expect(existsSync(out)).toBe(buildCode === 0)
    })
  }
})
