/**
 * A dev session: build, serve, watch, rebuild what changed, tell browsers.
 *
 * The last good site stays served while the notes have errors; the errors
 * go to the terminal and to an overlay in the browser.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { existsSync } from 'node:fs'
import { countDiagnostics, formatDiagnostic, type Diagnostic } from '../diagnostics.js'
import { contentsOf } from '../render/render-site.js'
import { buildSite, freshState, type BuildState, type SiteOverrides } from '../site-build.js'
import { startDevServer, type DevServer } from './serve.js'
import { watchNotes, type NotesWatcher } from './watch.js'

/** Options of a dev session. */
export interface DevOptions extends SiteOverrides {
  readonly notesDir: string
  readonly host: string
  readonly port: number
  /** Where progress lines go. */
  readonly log: (line: string) => void
}

/** A running dev session. */
export interface DevSession {
  readonly url: string
  readonly port: number
  /** The site as currently served (the last good build), by path. */
  site(): ReadonlyMap<string, string>
  /** The diagnostics of the latest build. */
  diagnostics(): readonly Diagnostic[]
  /** Resolves when every change seen so far has been rebuilt. */
  idle(): Promise<void>
  close(): Promise<void>
}

/** Start a dev session: first build, then serve and watch. */
export async function startDevSession(options: DevOptions): Promise<DevSession> {
  let state: BuildState = freshState
  let site = new Map<string, string>()
  let latest: readonly Diagnostic[] = []
  let ok = false
  let base = '/'
  const clientFiles = await loadClient()

  const rebuild = async (changedFiles: readonly string[]): Promise<void> => {
    const started = performance.now()
    const built = await buildSite(options.notesDir, options, state)
    state = built.state
    latest = built.diagnostics
    const ms = Math.round(performance.now() - started)
    const { errors, warnings } = countDiagnostics(built.diagnostics)
    for (const d of built.diagnostics) options.log(formatDiagnostic(d))
    if (!built.files) {
      ok = false
      options.log(`quire dev: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} after ${ms} ms; still serving the last good site`)
      server?.send('diagnostics', status())
      return
    }
    const next = new Map(built.files.map((file) => [file.path, contentsOf(file)]))
    const changed = [...next.keys()].filter((file) => site.get(file) !== next.get(file))
    for (const file of site.keys()) if (!next.has(file)) changed.push(file)
    site = next
    ok = true
    base = built.site.base
    const what = changedFiles.length > 0 ? `${changedFiles.length} change${changedFiles.length === 1 ? '' : 's'}: ` : ''
    const pages = built.rendered.length <= 5 ? built.rendered.join(', ') : `${built.rendered.slice(0, 5).join(', ')} and ${built.rendered.length - 5} more`
    options.log(
      `quire dev: ${what}built in ${ms} ms; parsed ${built.parsedCount} of ${built.fileCount} files, re-rendered ${built.rendered.length} page${built.rendered.length === 1 ? '' : 's'}${pages ? ` (${pages})` : ''}, ${changed.length} file${changed.length === 1 ? '' : 's'} changed`,
    )
    server?.send('diagnostics', status())
    if (changed.length > 0) server?.send('reload', { changed: changed.sort() })
  }

  const status = (): { ok: boolean; diagnostics: readonly Diagnostic[] } => ({ ok, diagnostics: latest })

  let server: DevServer | undefined
  await rebuild([])
  server = await startDevServer(
    {
      get base() {
        return base
      },
      file: (relative) => site.get(relative),
      client: (name) => clientFiles.get(name),
      status,
    },
    { host: options.host, port: options.port },
  )
  const watcher: NotesWatcher = watchNotes([options.notesDir], rebuild)
  await watcher.ready
  const running = server
  return {
    url: running.url,
    port: running.port,
    site: () => site,
    diagnostics: () => latest,
    idle: () => watcher.idle(),
    async close() {
      await watcher.close()
      await running.close()
    },
  }
}

/** The live-reload client's files, from `templates/dev/`. */
async function loadClient(): Promise<Map<string, string>> {
  let folder = path.dirname(fileURLToPath(import.meta.url))
  while (!existsSync(path.join(folder, 'templates', 'dev'))) {
    const parent = path.dirname(folder)
    if (parent === folder) throw new Error('quire is installed without its templates/dev folder')
    folder = parent
  }
  const dev = path.join(folder, 'templates', 'dev')
  return new Map([
    ['client.js', await readFile(path.join(dev, 'client.js'), 'utf8')],
    ['client.css', await readFile(path.join(dev, 'client.css'), 'utf8')],
  ])
}
