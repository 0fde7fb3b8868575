/**
 * Dates for libraries without dates: a note whose front matter gives none
 * takes its first commit and its last change from the notes folder's git
 * history. Each test makes its own repository with fixed commit dates.
 */
import { execFileSync } from 'node:child_process'
import { mkdtemp, readFile, writeFile, mkdir, rename } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { run } from '../src/cli.js'
import { datesFromLog, gitDates } from '../src/load/git-dates.js'
import { note, recordingIO } from './support/notes.js'

/** Run git in `cwd` as a fixed author, with both dates set to `date`. */
function git(cwd: string, args: string[], date = '2024-01-01T12:00:00+00:00'): void {
  execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], {
    cwd,
    env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' },
    stdio: 'pipe',
  })
}

async function write(root: string, files: Record<string, string>): Promise<void> {
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, name)), { recursive: true })
    await writeFile(path.join(root, name), text)
  }
}

/** A repository whose notes folder is `notes/` (history: three commits in 2024, one note moved, one note dated by hand). */
async function library(): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'quire-git-'))
  git(root, ['init', '-q'])
  await write(root, {
    'README.md': 'Not in the notes folder.\n',
    'notes/quire.config.yaml': 'title: Dated\nurl: https://example.org/dated/\n',
    'notes/first.md': note('First', 'The first note.'),
    'notes/moved.md': note('Moved', 'A note that moves.'),
    'notes/hand.md': note('By hand', 'Dated in its front matter.', '', 'date: 2020-05-06\n'),
    'notes/odd\nname.md': note('Odd', 'A file name with a newline.'),
  })
  git(root, ['add', '-A'])
  git(root, ['commit', '-q', '-m', 'one'], '2024-01-02T23:30:00+05:00')
  await writeFile(path.join(root, 'notes/first.md'), note('First', 'The first note, edited.'))
  git(root, ['commit', '-q', '-a', '-m', 'two'], '2024-02-03T10:00:00+00:00')
  await mkdir(path.join(root, 'notes/sub'))
  await rename(path.join(root, 'notes/moved.md'), path.join(root, 'notes/sub/moved.md'))
  git(root, ['add', '-A'])
  git(root, ['commit', '-q', '-m', 'three'], '2024-03-04T10:00:00+00:00')
  // Changed but not committed: its dates stay those of its last commit.
  await writeFile(path.join(root, 'notes/first.md'), note('First', 'Not committed yet.'))
  return root
}

describe('dates from git history', () => {
  it('reads first commit and last change of every file with one git log, following renames, in the author’s day', async () => {
    const root = await library()
    const dates = await gitDates(path.join(root, 'notes'))
    expect(Object.fromEntries(dates)).toEqual({
      'first.md': { created: '2024-01-02', updated: '2024-02-03' },
      // Moved without a change: created with the others, and the move is no update.
      'sub/moved.md': { created: '2024-01-02', updated: '2024-01-02' },
      'hand.md': { created: '2024-01-02', updated: '2024-01-02' },
      'odd\nname.md': { created: '2024-01-02', updated: '2024-01-02' },
      'quire.config.yaml': { created: '2024-01-02', updated: '2024-01-02' },
    })
    // No repository, no dates.
    expect((await gitDates(await mkdtemp(path.join(tmpdir(), 'quire-nogit-')))).size).toBe(0)
  })

  it('ends a file’s history where it was deleted, and skips output it cannot read', () => {
    const log = [
      '\u00012024-05-01T00:00:00Z',
      '\nA',
      'a.md',
      '\u00012024-04-01T00:00:00Z',
      '\nD',
      'a.md',
      '\u00012024-03-01T00:00:00Z',
      '\nA',
      'a.md',
      'garbage',
      '\nM',
      '',
    ].join('\0')
    expect(Object.fromEntries(datesFromLog(log))).toEqual({ 'a.md': { created: '2024-05-01', updated: '2024-05-01' } })
  })

  it('dates pages and feed entries from history where front matter gives none, and --no-git-dates turns it off', async () => {
    const root = await library()
    const out = path.join(root, 'site')
    const io = recordingIO(root)
    expect(await run(['build', 'notes', '--out', out, '--no-cache'], io)).toBe(0)
    const feed = await readFile(path.join(out, 'feed.xml'), 'utf8')
    const entries = [...feed.matchAll(/<entry>.*?<\/entry>/gs)].map((entry) => entry[0])
    expect(entries.map((entry) => /<title type="text">(.*?)<\/title>/.exec(entry)![1])).toEqual(['First', 'Odd', 'Moved', 'By hand'])
    expect(entries[0]).toContain('<updated>2024-02-03T00:00:00Z</updated>')
    expect(entries[0]).toContain('<published>2024-01-02T00:00:00Z</published>')
    expect(entries[3]).toContain('<updated>2024-01-02T00:00:00Z</updated>')
    expect(entries[3]).toContain('<published>2020-05-06T00:00:00Z</published>')
    expect(feed).toContain('<updated>2024-02-03T00:00:00Z</updated>\n  <author>')
    const first = await readFile(path.join(out, 'first', 'index.html'), 'utf8')
    expect(first).toContain(
      '<span class="written">Written <time datetime="2024-01-02">2024-01-02</time></span><span class="updated">Updated <time datetime="2024-02-03">2024-02-03</time></span>',
    )

    // The same commit gives the same bytes.
    const again = path.join(root, 'again')
    expect(await run(['build', 'notes', '--out', again, '--no-cache'], recordingIO(root))).toBe(0)
    expect(await readFile(path.join(again, 'feed.xml'), 'utf8')).toBe(feed)

    const off = path.join(root, 'off')
    expect(await run(['build', 'notes', '--out', off, '--no-cache', '--no-git-dates'], recordingIO(root))).toBe(0)
    const undated = await readFile(path.join(off, 'feed.xml'), 'utf8')
    expect([...undated.matchAll(/<entry>/g)]).toHaveLength(1)
  })
})
