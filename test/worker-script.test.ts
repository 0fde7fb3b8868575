/**
 * The worker threads' bundle is used only while the files it was made from
 * are as they were (see src/build/worker-script.ts).
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { inputsHash } from '../src/build/worker-script.js'

describe('the worker bundle record', () => {
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
