/**
 * A dev session: build, serve, watch, rebuild what changed, tell browsers.
 *
 * The session holds the library (each file's parse and the graph) and the
 * plan of the site: every file's path and how to make it. A file is made
 * when a browser asks for it, from the current graph, so what is served is
 * always byte for byte what `quire build` writes, and memory does not grow
 * with the number of pages. A rebuild re-parses only changed files, then
 * works out which pages changed (see `site-changes.ts`) without rendering
 * any, and tells the browsers.
 *
 * The last good site stays served while the notes have errors; the errors
 * go to the terminal and to an overlay in the browser.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { existsSync } from 'node:fs'
import { abridgedReport, countDiagnostics, type Diagnostic } from '../diagnostics.js'
import type { Slug } from '../model.js'
import { loadBodyExtensions } from '../render/body/body-extensions.js'
import { needsTimeLimit } from '../parse/complexity.js'
import { parseDocument } from '../parse/parse-document.js'
import { filePlaces } from '../load/load-notes.js'
import {
  contentsOf,
  isDocumentEntry,
  planSite,
  renderSite,
  type OutputFile,
  type PlannedDocument,
  type PlannedFile,
  type SitePlan,
} from '../render/render-site.js'
import { analyseSite, freshState, type AnalysedSite, type SiteOverrides } from '../build/site-build.js'
import { messageOf, notesRelative, SiteFileFailure, withoutAbsolutePaths } from './failure.js'
import { startDevServer, type DevServer } from './serve.js'
import { readyForChanges, siteChanges } from './site-changes.js'
import { watchNotes, type NotesWatcher } from './watch.js'
import { loadParsesOf, quireKey } from '../build/persistent-cache.js'

/** Options of a dev session. */
export interface DevOptions extends SiteOverrides {
  readonly notesDir: string
  readonly host: string
  readonly port: number
  /**
   * Folder of the persistent build cache (see `cache/persistent-cache.ts`):
   * the first build of the session takes each unchanged file's parse from
   * the newest cache a build of this notes folder left there. Undefined: parse everything.
   */
  readonly cacheDir?: string | undefined
  /** Where progress lines go. */
  readonly log: (line: string) => void
}

/** A running dev session. */
export interface DevSession {
  readonly url: string
  readonly port: number
  /** Every file of the site as currently served (the last good build), by path. Makes every file: slow on a large library. */
  site(): Promise<ReadonlyMap<string, string>>
  /** The diagnostics of the latest build. */
  diagnostics(): readonly Diagnostic[]
  /** Resolves when every change seen so far has been rebuilt. */
  idle(): Promise<void>
  close(): Promise<void>
}

/** How many rendered document pages the session keeps (each is made again when needed). */
const keptPages = 64

/** A served file's bytes: text, or the bytes of a file copied from disk. */
type Served = string | Uint8Array

/**
 * The site as served from one plan. Document pages are kept in a small
 * cache keyed by their fingerprint, shared from plan to plan (a page whose
 * inputs did not change is not rendered again); other files are made once
 * per plan.
 */
class ServedSite {
  /** Document entries by path: shared by the plans of one structure (see `graph/structure.ts`). */
  private readonly documents: ReadonlyMap<string, PlannedDocument>
  /** Every other entry by path. */
  private readonly others = new Map<string, PlannedFile>()
  private readonly made = new Map<string, Promise<Served>>()

  constructor(
    readonly plan: SitePlan,
    private readonly pages: Map<Slug, { fingerprint: string; files: readonly OutputFile[] }>,
    /** The notes folder, to name the file a failure concerns relative to it. */
    private readonly notesDir: string,
  ) {
    this.documents = documentsByPath(plan.documents)
    for (const entry of plan.entries) if (!isDocumentEntry(entry)) this.others.set(entry.path, entry)
  }

  has(file: string): boolean {
    return this.documents.has(file) || this.others.has(file)
  }

  /** A file of the site, made now if need be; a file that cannot be made rejects with a {@link SiteFileFailure}. */
  async file(file: string): Promise<Served | undefined> {
    const entry = this.documents.get(file) ?? this.others.get(file)
    if (!entry) return undefined
    if (!isDocumentEntry(entry)) {
      let made = this.made.get(file)
      if (!made) {
        made = Promise.resolve()
          .then(() => entry.make())
          .then(
            (output) =>
              bytesOf(output).catch((problem: unknown) =>
                Promise.reject(this.failure(problem, 'copyFrom' in output ? notesRelative(output.copyFrom, this.notesDir) : undefined)),
              ),
            (problem: unknown) => Promise.reject(this.failure(problem, undefined)),
          )
        this.made.set(file, made)
        made.catch(() => this.made.delete(file))
      }
      return made
    }
    const source = this.plan.graph.documents.get(entry.slug)?.file.relativePath
    try {
      const files = await this.document(entry.slug)
      const found = files.find((made) => made.path === file)
      return found ? await bytesOf(found) : undefined
    } catch (problem) {
      throw this.failure(problem, source)
    }
  }

  /** A problem as the dev server shows it: the file it concerns and its message, without absolute paths. */
  private failure(problem: unknown, source: string | undefined): SiteFileFailure {
    if (problem instanceof SiteFileFailure) return problem
    return new SiteFileFailure(source, withoutAbsolutePaths(messageOf(problem), this.notesDir), { cause: problem })
  }

  /** A document's files, rendered now unless the cache holds them for the same fingerprint. */
  private async document(slug: Slug): Promise<readonly OutputFile[]> {
    const fingerprint = this.plan.fingerprint(slug)
    const kept = this.pages.get(slug)
    if (kept && kept.fingerprint === fingerprint) {
      // Most recently used last.
      this.pages.delete(slug)
      this.pages.set(slug, kept)
      return kept.files
    }
    await loadBodyExtensions([this.plan.graph.documents.get(slug)!])
    const files = this.plan.render(slug)
    this.pages.delete(slug)
    this.pages.set(slug, { fingerprint, files })
    while (this.pages.size > keptPages) this.pages.delete(this.pages.keys().next().value!)
    return files
  }
}

const pathIndexes = new WeakMap<readonly PlannedDocument[], ReadonlyMap<string, PlannedDocument>>()

function documentsByPath(documents: readonly PlannedDocument[]): ReadonlyMap<string, PlannedDocument> {
  let index = pathIndexes.get(documents)
  if (!index) {
    index = new Map(documents.flatMap((entry) => entry.paths.map((file) => [file, entry] as const)))
    pathIndexes.set(documents, index)
  }
  return index
}

async function bytesOf(file: OutputFile): Promise<Served> {
  if ('contents' in file || 'pieces' in file) return contentsOf(file)
  return readFile('copyFrom' in file ? file.copyFrom : file.reuseFrom)
}

/** Start a dev session: first build, then serve and watch. */
export async function startDevSession(options: DevOptions): Promise<DevSession> {
  let last: AnalysedSite | undefined
  let served: ServedSite | undefined
  let latest: readonly Diagnostic[] = []
  let ok = false
  let base = '/'
  const pages = new Map<Slug, { fingerprint: string; files: readonly OutputFile[] }>()
  const clientFiles = await loadClient()
  // What a build of these notes left: the first analysis parses only files changed since.
  let stored = options.cacheDir ? await loadParsesOf(options.cacheDir, options.notesDir, await quireKey()) : undefined

  const rebuild = async (changedFiles: readonly string[]): Promise<void> => {
    const started = performance.now()
    // No trees are kept: a page is rendered (and its body parsed) only when it is asked for.
    // Files the watcher did not report are taken as they were (not read again); after an edit to prose or
    // a summary, so is everything else (see `analyse-edit.ts`). The first build reads everything.
    const cache = stored && { parses: stored, pages: new Map() }
    stored = undefined
    const analysed = await analyseSite(options.notesDir, { ...options, keepTrees: false, cache }, freshState, last && { changedFiles, previous: last })
    last = analysed
    latest = analysed.diagnostics
    const { errors, warnings } = countDiagnostics(analysed.diagnostics)
    // Every error, a few warnings of each code: `quire check` lists them all.
    for (const line of abridgedReport(analysed.diagnostics, path.relative(options.cwd, options.notesDir) || '.', 'quire dev')) options.log(line)
    if (analysed.failed) {
      ok = false
      const ms = Math.round(performance.now() - started)
      options.log(
        `quire dev: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} after ${ms} ms; still serving the last good site`,
      )
      server?.send('diagnostics', status())
      return
    }
    const plan = planSite(analysed.graph, analysed.site)
    const previous = served
    const changes = previous ? siteChanges(previous.plan, plan, changedFiles) : undefined
    served = new ServedSite(plan, pages, options.notesDir)
    ok = true
    base = analysed.site.base
    const ms = Math.round(performance.now() - started)
    if (!changes) {
      const parsed =
        analysed.parsedCount === analysed.fileCount
          ? `parsed ${analysed.fileCount} file${analysed.fileCount === 1 ? '' : 's'}`
          : `parsed ${analysed.parsedCount} of ${analysed.fileCount} files (the rest from the build cache)`
      options.log(`quire dev: built in ${ms} ms; ${parsed}; ${plan.paths.length} files, each made when it is asked for`)
      server?.send('diagnostics', status())
      // The first good build after errors: everything is new to the browser.
      server?.send('reload', { changed: [...plan.paths].sort() })
      return
    }
    const what = changedFiles.length > 0 ? `${changedFiles.length} change${changedFiles.length === 1 ? '' : 's'}: ` : ''
    const changedPages = changes.pages.length <= 5 ? changes.pages.join(', ') : `${changes.pages.slice(0, 5).join(', ')} and ${changes.pages.length - 5} more`
    options.log(
      `quire dev: ${what}built in ${ms} ms; parsed ${analysed.parsedCount} of ${analysed.fileCount} files, ${changes.pages.length} page${changes.pages.length === 1 ? '' : 's'} changed${changedPages ? ` (${changedPages})` : ''}, ${changes.files.length} file${changes.files.length === 1 ? '' : 's'} changed`,
    )
    server?.send('diagnostics', status())
    if (changes.files.length > 0) server?.send('reload', { changed: changes.files })
  }

  const status = (): { ok: boolean; diagnostics: readonly Diagnostic[] } => ({ ok, diagnostics: latest })

  let server: DevServer | undefined
  await rebuild([])
  server = await startDevServer(
    {
      get base() {
        return base
      },
      has: (relative) => served?.has(relative) ?? false,
      file: (relative) => served?.file(relative) ?? Promise.resolve(undefined),
      client: (name) => clientFiles.get(name),
      status,
    },
    { host: options.host, port: options.port, log: options.log },
  )
  const watcher: NotesWatcher = watchNotes([options.notesDir], rebuild)
  await watcher.ready
  // Not needed to serve: done once the session is up, before a person could save.
  const first = last
  if (first && !first.failed) setImmediate(() => readyForEdits(first))
  const running = server
  return {
    url: running.url,
    port: running.port,
    async site() {
      const site = new Map<string, string>()
      if (!served) return site
      const { graph, site: options } = served.plan
      for (const file of (await renderSite(graph, options)).files) {
        const bytes = await bytesOf(file)
        site.set(file.path, typeof bytes === 'string' ? bytes : Buffer.from(bytes).toString('utf8'))
      }
      return site
    },
    diagnostics: () => latest,
    idle: () => watcher.idle(),
    async close() {
      await watcher.close()
      await running.close()
    },
  }
}

/**
 * Do now, before the first save, what that save would otherwise do for
 * the first time: index the files and the graph's connections, and run
 * the main thread's parse and pages' fingerprints a few times. A large
 * library is parsed in worker threads, so that code has not run here yet;
 * run cold, it costs more than the rest of a save.
 */
function readyForEdits(analysed: AnalysedSite): void {
  filePlaces(analysed.loaded.files)
  // Only notes quick to parse: one that needs the time limit would hold up the server here.
  let warmed = 0
  for (const file of analysed.loaded.files) {
    if (warmed === warmUpRuns) break
    if (needsTimeLimit(file.text)) continue
    parseDocument(file, { keepTree: false })
    warmed++
  }
  // A plan of its own: the served plan keeps only the fingerprints the session asks for.
  const plan = planSite(analysed.graph, analysed.site)
  const inquiries = [...analysed.graph.documents.values()].filter((doc) => doc.type === 'inquiry').slice(0, warmUpRuns / 2)
  const notes = [...analysed.graph.documents.values()].filter((doc) => doc.type === 'note').slice(0, warmUpRuns / 2)
  for (const doc of [...inquiries, ...notes]) plan.fingerprint(doc.slug)
  siteChanges(plan, planSite(analysed.graph, analysed.site), [])
  // What every page reads (the first save compares against it), a slice at a time so the server stays responsive.
  const slices = readyForChanges(plan)
  const next = (): void => {
    if (!slices.next().done) setImmediate(next)
  }
  next()
}

/** How many files and pages {@link readyForEdits} runs through: enough to warm the code up, few enough not to delay serving. */
const warmUpRuns = 16

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
