/**
 * Watch the notes folder and turn bursts of file events into single
 * rebuilds: events within `quietMs` of each other are coalesced, and a
 * rebuild never runs while another is in progress (changes that arrive
 * during one schedule exactly one more).
 *
 * The quiet period is short (10 ms: an editor's save is one burst of
 * events well within it), so a save reaches the browser quickly. A slow
 * writer can still be read half-way; and the watcher passes on only the
 * first change to a file in any 50 ms. So each rebuilt file's size, time
 * and inode are taken before the rebuild, and again once it is over and at
 * least {@link settleMs} after it began: a file that differs is rebuilt
 * again.
 */
import { statSync } from 'node:fs'
import { watch } from 'chokidar'

/** How long after a rebuild starts its files are looked at again: past the watcher's 50 ms window for repeated changes. */
export const settleMs = 60

/** What tells one write of a file from the next: its modification time, size and inode, or '' when it is gone. */
function signature(file: string): string {
  try {
    // Not waiting on Node's file-system threads, which the watcher keeps busy after a change.
    const info = statSync(file, { bigint: true })
    return `${info.mtimeNs}:${info.size}:${info.ino}`
  } catch {
    return ''
  }
}

/** A running watcher. */
export interface NotesWatcher {
  /** Resolves once the initial scan is done and changes are being seen. */
  readonly ready: Promise<void>
  /** Resolves when no rebuild is running or scheduled. */
  idle(): Promise<void>
  close(): Promise<void>
}

/** Call `rebuild` after changes under `folders`, one at a time. */
export function watchNotes(folders: readonly string[], rebuild: (changed: readonly string[]) => Promise<void>, quietMs = 10): NotesWatcher {
  const watcher = watch([...folders], {
    ignoreInitial: true,
    ignored: (file) => /(^|[\\/])(\.git|node_modules|\.[^\\/]*quire-(staging|old|lock)[^\\/]*)([\\/]|$)/.test(file),
  })
  let pending = new Set<string>()
  let timer: NodeJS.Timeout | undefined
  let running: Promise<void> | undefined
  let waiters: (() => void)[] = []

  const settle = (): void => {
    if (running || timer || pending.size > 0) return
    for (const wake of waiters) wake()
    waiters = []
  }

  const start = (): void => {
    timer = undefined
    if (running) return
    const changed = [...pending].sort()
    pending = new Set()
    running = rebuildSettled(changed)
      .catch(() => undefined)
      .finally(() => {
        running = undefined
        if (pending.size > 0 && !timer) timer = setTimeout(start, quietMs)
        settle()
      })
  }

  let closed = false
  /** Rebuild, then queue the files that changed again since it began. */
  const rebuildSettled = async (changed: readonly string[]): Promise<void> => {
    const began = performance.now()
    const before = changed.map(signature)
    await rebuild(changed)
    const wait = settleMs - (performance.now() - began)
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
    if (closed) return
    const after = changed.map(signature)
    changed.forEach((file, i) => {
      if (after[i] !== before[i]) pending.add(file)
    })
  }

  watcher.on('all', (_event, file) => {
    pending.add(file)
    if (timer) clearTimeout(timer)
    timer = setTimeout(start, quietMs)
  })

  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()))
  return {
    ready,
    idle: () =>
      new Promise<void>((resolve) => {
        waiters.push(resolve)
        settle()
      }),
    async close() {
      closed = true
      if (timer) clearTimeout(timer)
      timer = undefined
      pending.clear()
      await running
      await watcher.close()
    },
  }
}
