/**
 * The bundles (the CLI's, the worker threads') are used only while the files they were made from
 * are as they were (see src/bundled.ts).
 */
import { execFile } from 'node:child_process'
import { pathToFileURL } from 'node:url'
import { copyFile, mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { freshBundle, inputsHash } from '../src/bundled.js'

describe('the bundle record', () => {
  it("changes with quire's own files and with a dependency's version, and fails when a file is gone", async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'quire-worker-script-'))
    const folder = path.join(root, 'dist', 'build')
    await mkdir(folder, { recursive: true })
    await mkdir(path.join(root, 'node_modules', '@scope', 'lib', 'dist'), { recursive: true })
    await writeFile(path.join(folder, 'worker.js'), 'one')
    await writeFile(path.join(root, 'node_modules', '@scope', 'lib', 'package.json'), '{"version":"1.0.0"}')
    await writeFile(path.join(root, 'node_modules', '@scope', 'lib', 'dist', 'index.js'), 'a')
    const inputs = ['worker.js', '../../node_modules/@scope/lib/dist/index.js']
    const first = inputsHash(folder, inputs)
    expect(first).toBeDefined()
    await writeFile(path.join(folder, 'worker.js'), 'two')
    const second = inputsHash(folder, inputs)
    expect(second).not.toBe(first)
    await writeFile(path.join(root, 'node_modules', '@scope', 'lib', 'package.json'), '{"version":"1.0.1"}')
    expect(inputsHash(folder, inputs)).not.toBe(second)
    expect(inputsHash(folder, [...inputs, 'gone.js'])).toBeUndefined()
  })
})

/** What `freshBundle` answers, in a process of its own, for the compiled `bundled.js` at `module`. */
async function freshIn(module: string): Promise<string> {
  const script = `const { freshBundle } = await import(${JSON.stringify(module)}); console.log(freshBundle('cli') ? 'fresh' : 'stale')`
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script])
  return stdout.trim()
}

describe('the compiled bundles', () => {
  it('are fresh after `npm run compile`, so the CLI and the worker threads run from them', async () => {
    expect(await freshIn(path.resolve('dist/src/bundled.js'))).toBe('fresh')
  })

  it('are left alone once a file they were made from changes', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'quire-bundled-'))
    await mkdir(path.join(root, 'src', 'bundle'), { recursive: true })
    await copyFile('dist/src/bundled.js', path.join(root, 'src', 'bundled.js'))
    await writeFile(path.join(root, 'src', 'cli.js'), 'export const one = 1')
    for (const name of ['cli', 'parse-worker']) await writeFile(path.join(root, 'src', 'bundle', `${name}.js`), '')
    const inputs = ['../cli.js']
    const record = { inputs, hash: inputsHash(path.join(root, 'src', 'bundle'), inputs) }
    await writeFile(path.join(root, 'src', 'bundle', 'inputs.json'), JSON.stringify(record))
    const module = path.join(root, 'src', 'bundled.js')
    expect(await freshIn(module)).toBe('fresh')
    await writeFile(path.join(root, 'src', 'cli.js'), 'export const one = 2')
    expect(await freshIn(module)).toBe('stale')
  })

  it('are fresh for the compiled quire only, when the sources run in the same process (as in the tests)', async () => {
    const compiled = (await import(pathToFileURL(path.resolve('dist/src/bundled.js')).href)) as typeof import('../src/bundled.js')
    expect(compiled.freshBundle('parse-worker')).toBeDefined()
    // The sources have no bundles: their workers would be sent to a script that does not exist.
    expect(freshBundle('parse-worker')).toBeUndefined()
  })
})
