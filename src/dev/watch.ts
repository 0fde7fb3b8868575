/**
 * Watch the notes folder and turn bursts of file events into single
 * rebuilds: events within `quietMs` of each other are coalesced, and a
 * rebuild never runs while another is in progress (changes that arrive
 * during one schedule exactly one more).
 */
import { watch } from 'chokidar'

/** A running watcher. */
export interface NotesWatcher {
  /** Resolves once the initial scan is done and changes are being seen. */
  readonly ready: Promise<void>
  /** Resolves when no rebuild is running or scheduled. */
  idle(): Promise<void>
  close(): Promise<void>
}

/** Call `rebuild` after changes under `folders`, one at a time. */
export function watchNotes(folders: readonly string[], rebuild: (changed: readonly string[]) => Promise<void>, quietMs = 30): NotesWatcher {
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
    running = rebuild(changed)
      .catch(() => undefined)
      .finally(() => {
        running = undefined
        if (pending.size > 0 && !timer) timer = setTimeout(start, quietMs)
        settle()
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
      if (timer) clearTimeout(timer)
      timer = undefined
      pending.clear()
      await running
      await watcher.close()
    },
  }
}
