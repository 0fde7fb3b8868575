/**
 * Dates from history: for a notes folder inside a git repository, when each
 * file was first committed (created) and last changed (updated), for the
 * notes whose front matter gives no dates.
 *
 * - One `git log` over the whole folder, not one per file: `-z` so that no
 *   file name (not even one with a newline) can be misread, `--name-status`
 *   with rename detection so a note that moved keeps its first date.
 * - The author's day as the author wrote it (`%aI`, in the author's own
 *   zone), so the same commit gives the same dates on every machine.
 * - Only commits count: a file changed but not committed keeps the dates of
 *   its last commit. So a build of one commit is the same wherever it runs.
 * - git runs with `execFile` (no shell), the notes folder as its working
 *   folder, and nothing it prints is trusted: output that does not parse
 *   is skipped. No git, no repository, or any failure: no dates.
 * - A shallow clone (CI's usual `fetch-depth: 1`) would date every file at
 *   the clone's first commit, so its history is not used at all.
 */
import { execFile } from 'node:child_process'
import type { FileDates } from '../model.js'

/** The longest git may take (a large library with a long history reads in seconds). */
const timeLimit = 60_000

/** Settings that keep git's output plain whatever the repository's or the user's config says. */
const plain = ['-c', 'core.quotePath=false', '-c', 'log.showSignature=false', '-c', 'core.fsmonitor=false', '-c', 'diff.renames=true']

/** What git's history says about the files of `folder`: their dates by path relative to it, `/`-separated; none when it says nothing. */
export async function gitDates(folder: string): Promise<ReadonlyMap<string, FileDates>> {
  const shallow = await git(folder, ['rev-parse', '--is-shallow-repository'])
  if (shallow?.trim() !== 'false') return new Map()
  const log = await git(folder, ['log', '-z', '--no-color', '--no-ext-diff', '--name-status', '-M', '--relative', '--format=%x01%aI', '--', '.'])
  return log === undefined ? new Map() : datesFromLog(log)
}

/** git's output, or undefined when it fails in any way (not installed, not a repository, too slow). */
function git(cwd: string, args: readonly string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(
      'git',
      [...plain, ...args],
      {
        cwd,
        encoding: 'utf8',
        maxBuffer: 1 << 30,
        timeout: timeLimit,
        windowsHide: true,
        env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0' },
      },
      (problem, stdout) => resolve(problem ? undefined : stdout),
    )
  })
}

/**
 * Read `git log -z --name-status --format=%x01%aI` (newest commit first)
 * into each file's dates. Walking back in time, the first commit that
 * names a file is its last change and the last one is its first; a rename
 * carries the older name's history over to the newer name, and a deletion
 * ends a file's history (an older file of the same name is another file).
 * A pure rename (`R100`) changes no content, so it does not update.
 */
export function datesFromLog(log: string): Map<string, FileDates> {
  const dates = new Map<string, { created: string; updated: string | undefined }>()
  /** For a path as it was named in older commits: the name it has now. */
  const renamed = new Map<string, string>()
  /** Paths whose older history belongs to an earlier, deleted file. */
  const ended = new Set<string>()
  const tokens = log.split('\0')
  let day: string | undefined
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!
    const header = /^\n?\u0001(\d{4}-\d{2}-\d{2})T/.exec(token)
    if (header) {
      day = header[1]
      continue
    }
    const status = /^\n?([ACDMRTUXB])(\d{0,3})$/.exec(token)
    if (!status || day === undefined) continue
    const kind = status[1]!
    const paths = kind === 'R' || kind === 'C' ? [tokens[++i], tokens[++i]] : [tokens[++i]]
    if (paths.some((p) => p === undefined || p === '')) break
    const target = paths[paths.length - 1]!
    const now = renamed.get(target) ?? target
    if (ended.has(now)) continue
    if (kind === 'D') {
      // Deleted here: what came before under this name is another file (unless the current one was never seen, then it is gone).
      ended.add(now)
      continue
    }
    const changed = !(kind === 'R' && status[2] === '100')
    const entry = dates.get(now)
    if (entry) {
      entry.created = day
      if (changed) entry.updated ??= day
    } else {
      dates.set(now, { created: day, updated: changed ? day : undefined })
    }
    // Older commits name the file by its old name.
    if (kind === 'R') renamed.set(paths[0]!, now)
  }
  const result = new Map<string, FileDates>()
  for (const [file, entry] of dates) result.set(file, { created: entry.created, updated: entry.updated ?? entry.created })
  return result
}
