/**
 * The output folder is never lost, and never the notes: path guards see
 * through symbolic links, `--force` removes nothing that is not a quire
 * site, a build killed mid-swap is recovered by the next one, stale locks
 * and staging folders are taken over or swept, every write failure is a
 * clean error, and the cache reuses only output files quire wrote.
 */
import { execFile, spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, readFile, readdir, rename, symlink, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { run } from '../src/cli.js'
import { leftoverOf, lockOwner, lockText } from '../src/emit/emit-site.js'
import { note, notesFolder, recordingIO } from './support/notes.js'
import { snapshot } from './support/site.js'

const library = {
  'a.md': note('Does A hold?', 'A holds.', 'See [[b]].'),
  'b.md': note('Does B hold?', 'B holds.'),
}

/** Build in `root` (quire's exit code and what it printed). */
async function build(root: string, ...args: string[]): Promise<{ code: number; err: string }> {
  const io = recordingIO(root)
  const code = await run(['build', ...args], io)
  return { code, err: io.err() }
}

/** Entries of `folder`, sorted, without the build cache. */
async function entries(folder: string): Promise<string[]> {
  return (await readdir(folder)).filter((name) => name !== '.quire-cache').sort()
}

const onLinux = process.platform === 'linux'

describe('path guards compare real paths', () => {
  it('refuses notes reached through a symbolic link into the output folder, even with --force', async () => {
    const root = await notesFolder({})
    const dir = path.join(root, 'dir')
    await mkdir(path.join(dir, 'notes'), { recursive: true })
    await writeFile(path.join(dir, 'notes', 'a.md'), library['b.md'])
    await writeFile(path.join(dir, 'other.txt'), 'keep me')
    await symlink(path.join(dir, 'notes'), path.join(root, 'link'))
    const { code, err } = await build(root, 'link', '--out', 'dir', '--force')
    expect(code).toBe(2)
    expect(err).toMatch(/^quire: error: .*contains the notes folder/)
    expect(await readFile(path.join(dir, 'notes', 'a.md'), 'utf8')).toBe(library['b.md'])
    expect(await readFile(path.join(dir, 'other.txt'), 'utf8')).toBe('keep me')
  })

  it('refuses an output folder that is a link to the notes, or lies inside them through a link', async () => {
    const root = await notesFolder(library)
    await symlink(path.join(root, 'notes'), path.join(root, 'out-link'))
    const before = await snapshot(path.join(root, 'notes'))
    for (const out of ['out-link', 'out-link/site', 'out-link/not/yet/there']) {
      const { code, err } = await build(root, 'notes', '--out', out, '--force')
      expect(code).toBe(2)
      expect(err).toMatch(/^quire: error: .*notes folder/)
    }
    expect(await snapshot(path.join(root, 'notes'))).toEqual(before)
  })
})

describe('--force', () => {
  it('moves a folder quire did not create aside instead of deleting it, and says where', async () => {
    const root = await notesFolder(library)
    await mkdir(path.join(root, 'docs', 'deep'), { recursive: true })
    await writeFile(path.join(root, 'docs', 'important.txt'), 'keep me')
    await writeFile(path.join(root, 'docs', 'deep', 'more.txt'), 'and me')
    const { code, err } = await build(root, 'notes', '--out', 'docs', '--force')
    expect(code).toBe(0)
    expect(err).toContain('docs.before-quire-1')
    expect(existsSync(path.join(root, 'docs', 'index.html'))).toBe(true)
    expect(await snapshot(path.join(root, 'docs.before-quire-1'))).toEqual({ 'important.txt': 'keep me', 'deep/more.txt': 'and me' })
    // The site quire wrote is replaced as usual: nothing more is moved aside.
    expect((await build(root, 'notes', '--out', 'docs', '--force')).code).toBe(0)
    expect(await entries(root)).toEqual(['docs', 'docs.before-quire-1', 'notes'])
  })

  it('picks a free name when an earlier folder was already moved aside', async () => {
    const root = await notesFolder(library)
    await mkdir(path.join(root, 'docs.before-quire-1'))
    await mkdir(path.join(root, 'docs'))
    await writeFile(path.join(root, 'docs', 'x.txt'), 'x')
    const { code, err } = await build(root, 'notes', '--out', 'docs', '--force')
    expect(code).toBe(0)
    expect(err).toContain('docs.before-quire-2')
    expect(await readFile(path.join(root, 'docs.before-quire-2', 'x.txt'), 'utf8')).toBe('x')
  })
})

describe('a build killed mid-swap', () => {
  it('is recovered by the next build: the site set aside comes back, leftovers of dead builds are swept', async () => {
    const root = await notesFolder(library)
    expect((await build(root)).code).toBe(0)
    const site = await snapshot(path.join(root, 'site'))
    // As a killed build leaves things between its two renames: the old site aside, the new one staged, no site.
    const dead = 999_999_999
    await rename(path.join(root, 'site'), path.join(root, `.site.quire-old-${dead}-abc`))
    await mkdir(path.join(root, `.site.quire-staging-${dead}-abc`))
    await writeFile(path.join(root, `.site.quire-staging-${dead}-abc`, 'index.html'), 'half')
    await writeFile(path.join(root, '.site.quire-lock'), String(dead))
    // Even a build that then fails on the notes puts the old site back first.
    await writeFile(path.join(root, 'notes', 'b.md'), '---\ntitle: [broken\n---\n')
    const failed = await build(root)
    expect(failed.code).toBe(1)
    expect(failed.err).toMatch(/stopped while replacing site\/; restored the previous site from .*quire-old/)
    expect(await snapshot(path.join(root, 'site'))).toEqual(site)
    expect(await entries(root)).toEqual(['notes', 'site'])
  })

  it('sweeps an old site left after the second rename, and staging folders of dead builds', async () => {
    const root = await notesFolder(library)
    expect((await build(root)).code).toBe(0)
    const dead = 999_999_999
    for (const leftover of [`.site.quire-old-${dead}-1`, `.site.quire-staging-${dead}-2`, `.site.quire-staging-${dead}-3`]) {
      await mkdir(path.join(root, leftover, 'a'), { recursive: true })
      await writeFile(path.join(root, leftover, 'a', 'index.html'), 'stale')
    }
    // Another output folder's leftovers are not this build's to sweep.
    await mkdir(path.join(root, `.docs.quire-staging-${dead}-4`))
    expect((await build(root)).code).toBe(0)
    expect(await entries(root)).toEqual([`.docs.quire-staging-${dead}-4`, 'notes', 'site'])
    expect(await readFile(path.join(root, 'site', 'a', 'index.html'), 'utf8')).toContain('Does A hold?')
  })
})

describe('names beside the output folder', () => {
  it("tells a build's leftovers from other folders", () => {
    expect(leftoverOf('site', '.site.quire-staging-42-lz3k')).toEqual({ kind: 'staging', pid: 42, made: Number.parseInt('lz3k', 36) })
    expect(leftoverOf('site', '.site.quire-old-7-a')).toEqual({ kind: 'old', pid: 7, made: 10 })
    // Another output folder's, or not a build's at all.
    for (const other of ['.docs.quire-old-7-a', '.site.quire-lock', '.site.quire-staging-1.quire-staging-2-a', 'site.before-quire-1', '.site.quire-old-x-1']) {
      expect(leftoverOf('site', other)).toBeUndefined()
    }
  })

  it('reads a lock back, and a bare process id as a lock from an older quire', () => {
    expect(lockOwner(lockText({ pid: 12, started: '345' }))).toEqual({ pid: 12, started: '345' })
    expect(lockOwner(lockText({ pid: 12, started: undefined }))).toEqual({ pid: 12, started: undefined })
    expect(lockOwner('981\n')).toEqual({ pid: 981, started: undefined })
    expect(lockOwner('')).toBeUndefined()
  })
})

describe.runIf(onLinux)('locks', () => {
  it('takes over a lock whose process is alive but is not a quire build, and names the lock file', async () => {
    const root = await notesFolder(library)
    const sleeper = spawn('sleep', ['30'], { stdio: 'ignore' })
    try {
      // A lock from an older quire: only a process id, now another program's.
      await writeFile(path.join(root, '.site.quire-lock'), String(sleeper.pid))
      expect((await build(root)).code).toBe(0)
      // A lock whose process id was reused: the process started at another time than the lock says.
      await writeFile(path.join(root, '.site.quire-lock'), lockText({ pid: sleeper.pid!, started: '1' }))
      expect((await build(root)).code).toBe(0)
    } finally {
      sleeper.kill()
    }
    expect(await entries(root)).toEqual(['notes', 'site'])
  })

  it('waits for a live build, naming the lock file in the message', async () => {
    const root = await notesFolder(library)
    // Our parent process, as the build that took the lock: its id and its start time.
    const started = readFileSync(`/proc/${process.ppid}/stat`, 'utf8').split(') ').at(-1)!.split(' ')[19]
    const lock = path.join(root, '.site.quire-lock')
    await writeFile(lock, lockText({ pid: process.ppid, started }))
    const { code, err } = await build(root)
    expect(code).toBe(1)
    expect(err).toMatch(/another quire build \(process \d+\) is writing this site/)
    expect(err).toContain(lock)
  })
})

describe.runIf(onLinux)('write failures', () => {
  // A file size limit makes every large write fail (EFBIG), as a full disk would, even for root.
  const limitedBuild = (root: string, parallelMin: string) =>
    promisify(execFile)('bash', ['-c', `ulimit -f 48; exec "$0" "$@"`, process.execPath, path.resolve('dist/src/bin.js'), 'build', 'notes', '--no-cache'], {
      cwd: root,
      env: { ...process.env, QUIRE_PARALLEL_MIN: parallelMin },
    }).then(
      ({ stderr }) => ({ code: 0, stderr }),
      (problem: { code: number; stderr: string }) => ({ code: problem.code, stderr: problem.stderr }),
    )

  it.each([
    ['worker threads', '1'],
    ['the main thread', '1000000'],
  ])('give a clean error and keep the previous site, whoever writes the pages: %s', async (_label, parallelMin) => {
    // Small notes build a site; then notes with long bodies make pages larger than the limit.
    const files: Record<string, string> = {}
    for (let i = 0; i < 8; i++) files[`n${i}.md`] = note(`Note ${i}`, `Summary ${i}.`, `Body ${i}.`)
    const root = await notesFolder(files)
    expect((await build(root, '--no-cache')).code).toBe(0)
    const site = await snapshot(path.join(root, 'site'))
    for (let i = 0; i < 8; i++) await writeFile(path.join(root, 'notes', `n${i}.md`), note(`Note ${i}`, `Summary ${i}.`, `Paragraph ${i}. `.repeat(8000)))
    const { code, stderr } = await limitedBuild(root, parallelMin)
    expect(stderr).not.toContain('internal error')
    expect(stderr).toMatch(/^quire: error: could not write the site to .*EFBIG.*The previous site was left as it was\.$/m)
    expect(code).toBe(1)
    expect(await snapshot(path.join(root, 'site'))).toEqual(site)
    expect(await entries(root)).toEqual(['notes', 'site'])
  })
})

describe('the build cache and hand-edited output', () => {
  it('renders a page again when its file in the output was edited by hand', async () => {
    const root = await notesFolder(library)
    expect((await build(root)).code).toBe(0)
    const page = path.join(root, 'site', 'a', 'index.html')
    const original = await readFile(page, 'utf8')
    await writeFile(page, original.replace('Does A hold?', 'Defaced'))
    const index = path.join(root, 'site', 'search', 'manifest.json')
    const originalIndex = await readFile(index, 'utf8')
    await writeFile(index, '{}')
    expect((await build(root)).code).toBe(0)
    expect(await readFile(page, 'utf8')).toBe(original)
    expect(await readFile(index, 'utf8')).toBe(originalIndex)
    // Pages left alone are still reused: a third build changes nothing.
    expect((await build(root)).code).toBe(0)
    expect(await readFile(page, 'utf8')).toBe(original)
  })
})
