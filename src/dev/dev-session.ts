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
 *
 * When a `quire build` left its site and nothing it was made from changed
 * since (see `build/site-record.ts`), the session serves that site's files
 * at once and reads the library in the background; until it has, a save
 * waits for it, and a file of the built site changed by hand is made
 * from the library instead.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { existsSync } from 'node:fs'
import { abridgedReport, countDiagnostics, type Diagnostic } from '../diagnostics.js'
import type { Slug } from '../model.js'
import type { PlannedDocument, PlannedFile, SitePlan } from '../render/render-site.js'
import { contentsOf, type OutputFile } from '../render/output-files.js'
import type { AnalysedSite, SiteOverrides } from '../build/site-build.js'
import { messageOf, notesRelative, SiteFileFailure, withoutAbsolutePaths } from './failure.js'
import { startDevServer, type DevServer } from './serve.js'
import { watchNotes, type NotesWatcher } from './watch.js'
import { quireKey } from '../build/cache-key.js'
import { newestSiteRecord, settingsKey, unchangedInputs, unchangedOutputFile, type SiteRecord } from '../build/site-record.js'
import { defaultBuildDate } from '../dates.js'
import { siteMarker } from '../emit/emit-site.js'
import { shippedFiles } from '../load/shipped-files.js'

/** The pipeline's modules that a session needs once it reads the notes. */
async function loadPipeline() {
  const [extensions, complexity, parse, load, render, changes, cache, pipeline] = await Promise.all([
    import('../render/body/body-extensions.js'),
    import('../parse/complexity.js'),
    import('../parse/parse-document.js'),
    import('../load/load-notes.js'),
    import('../render/render-site.js'),
    import('./site-changes.js'),
    import('../build/persistent-cache.js'),
    import('../build/pipeline.js'),
  ])
  return {
    loadBodyExtensions: extensions.loadBodyExtensions,
    needsTimeLimit: complexity.needsTimeLimit,
    parseDocument: parse.parseDocument,
    filePlaces: load.filePlaces,
    isDocumentEntry: render.isDocumentEntry,
    renderSite: render.renderSite,
    runPipeline: pipeline.runPipeline,
    plannedSite: pipeline.plannedSite,
    readyForChanges: changes.readyForChanges,
    siteChanges: changes.siteChanges,
    loadParsesOf: cache.loadParsesOf,
  }
}

/** The pipeline's modules, loaded once. */
type Pipeline = Awaited<ReturnType<typeof loadPipeline>>

let loadedPipeline: Promise<Pipeline> | undefined

/**
 * The pipeline, loaded when the notes are first read: loading it takes
 * longer than anything else a session serving a built site does first.
 */
function pipeline(): Promise<Pipeline> {
  loadedPipeline ??= loadPipeline()
  return loadedPipeline
}

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
    private readonly pipeline: Pipeline,
  ) {
    this.documents = documentsByPath(plan.documents)
    for (const entry of plan.entries) if (!pipeline.isDocumentEntry(entry)) this.others.set(entry.path, entry)
  }

  has(file: string): boolean {
    return this.documents.has(file) || this.others.has(file)
  }

  /** A file of the site, made now if need be; a file that cannot be made rejects with a {@link SiteFileFailure}. */
  async file(file: string): Promise<Served | undefined> {
    const entry = this.documents.get(file) ?? this.others.get(file)
    if (!entry) return undefined
    if (!this.pipeline.isDocumentEntry(entry)) {
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
    await this.pipeline.loadBodyExtensions([this.plan.graph.documents.get(slug)!])
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

/**
 * The files of a site `quire build` left, served as they are on disk while
 * each is as the build wrote it. The same bytes as the session would make:
 * the site was made from the notes as they are now, with the same settings.
 */
class BuiltSite {
  private readonly stamps: ReadonlyMap<string, string>

  constructor(readonly record: SiteRecord) {
    this.stamps = new Map(record.output.files)
  }

  has(file: string): boolean {
    return this.stamps.has(file)
  }

  /** A file as the build wrote it; undefined when the site has no such file or it changed since. */
  async file(file: string): Promise<Served | undefined> {
    if (!unchangedOutputFile(this.record.output, file, this.stamps.get(file))) return undefined
    const bytes = await readFile(path.join(this.record.output.dir, file)).catch(() => undefined)
    return bytes && file.endsWith('.html') ? bytes.toString('utf8') : bytes
  }
}

/**
 * The site a build of these notes left, if what it was made from is
 * unchanged and the session's settings are the build's: undefined otherwise.
 */
async function unchangedBuild(options: DevOptions, cacheDir: string, key: string): Promise<SiteRecord | undefined> {
  const record = await newestSiteRecord(cacheDir, options.notesDir, key)
  if (!record) return undefined
  const settings = settingsKey({
    cwd: options.cwd,
    base: options.base,
    title: options.title,
    strict: options.strict === true,
    buildDate: options.buildDate ?? defaultBuildDate(),
    gitDates: options.gitDates !== false,
  })
  if (!(await unchangedInputs(options.notesDir, record.inputs, settings)).unchanged) return undefined
  // The output folder still holds that site (each file is checked again as it is served).
  return unchangedOutputFile(record.output, siteMarker, record.output.marker) ? record : undefined
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
  const key = options.cacheDir === undefined ? undefined : await quireKey()
  // A site a build left, unchanged since: served until the library is read, in the background.
  const built = options.cacheDir && key ? await unchangedBuild(options, options.cacheDir, key) : undefined
  let disk = built && new BuiltSite(built)

  const rebuild = async (changedFiles: readonly string[]): Promise<void> => {
    const started = performance.now()
    const { runPipeline, plannedSite, loadParsesOf, siteChanges } = await pipeline()
    // What a build of these notes left: the first analysis parses only files changed since.
    const stored = !last && options.cacheDir && key ? await loadParsesOf(options.cacheDir, options.notesDir, key) : undefined
    // The site is planned, not rendered: a page is rendered (and its body parsed) only when it is asked for.
    // Files the watcher did not report are taken as they were (not read again); after an edit to prose or
    // a summary, so is everything else (see `analyse-edit.ts`). The first build reads everything.
    const cache = stored && { parses: stored.parses, pages: new Map() }
    const run = await runPipeline(options.notesDir, { ...options, cache }, plannedSite(), undefined, last && { changedFiles, previous: last })
    const analysed = run.analysed
    last = analysed
    latest = analysed.diagnostics
    const { errors, warnings } = countDiagnostics(analysed.diagnostics)
    // Every error, a few warnings of each code: `quire check` lists them all.
    const report = (): void => {
      for (const line of abridgedReport(analysed.diagnostics, path.relative(options.cwd, options.notesDir) || '.', 'quire dev')) options.log(line)
    }
    // The notes read while the built site is served: its report was printed already, unless they changed since.
    const shown = disk
    const plan = run.output
    // While the notes have errors, the built site stays the last good one.
    if (plan) disk = undefined
    if (shown && plan && plan.library() === shown.record.library) {
      // The library the build made its site from: what each of its pages and files read is as the build recorded it.
      if (stored?.library === shown.record.library) for (const [file, reads] of stored.records) plan.adopt(file, reads)
      served = new ServedSite(plan, pages, options.notesDir, await pipeline())
      base = analysed.site.base
      options.log(
        `quire dev: ready for edits after ${Math.round(performance.now() - started)} ms; parsed ${analysed.parsedCount} of ${analysed.fileCount} files`,
      )
      return
    }
    report()
    if (analysed.failed) {
      ok = false
      const ms = Math.round(performance.now() - started)
      options.log(
        `quire dev: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} after ${ms} ms; still serving the last good site`,
      )
      server?.send('diagnostics', status())
      return
    }
    if (!plan) return
    const previous = served
    const changes = previous ? siteChanges(previous.plan, plan, changedFiles) : undefined
    served = new ServedSite(plan, pages, options.notesDir, await pipeline())
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
    // Once browsers are told: record again what the changed pages and files read, for the next save.
    setImmediate(() => void pipeline().then(({ readyForChanges }) => inSlices(readyForChanges(plan), () => served?.plan === plan)))
  }

  // What browsers are told: the overlay lists the diagnostics only while the last good site is served instead of the
  // notes' own, so a good build's warnings (the terminal lists them) are not sent to every browser after every save.
  const status = (): { ok: boolean; diagnostics: readonly Diagnostic[] } => ({ ok, diagnostics: ok ? [] : latest })

  let server: DevServer | undefined
  // The library read while the built site is served; every rebuild waits for it.
  let reading: Promise<void> = Promise.resolve()
  if (built) {
    latest = built.diagnostics
    ok = true
    base = built.base
    for (const line of abridgedReport(latest, path.relative(options.cwd, options.notesDir) || '.', 'quire dev')) options.log(line)
    options.log(
      `quire dev: serving the site quire build left in ${path.relative(options.cwd, built.output.dir) || '.'}/ (nothing changed since); reading the notes for edits in the background`,
    )
  } else {
    await rebuild([])
  }
  /** A file of the site: from the built site while the library is read (and that file is unchanged), else made from the library. */
  const file = async (relative: string): Promise<Served | undefined> => {
    const fromDisk = disk && (await disk.file(relative))
    if (fromDisk !== undefined) return fromDisk
    await reading
    return served?.file(relative)
  }
  server = await startDevServer(
    {
      get base() {
        return base
      },
      has: (relative) => (disk ?? served)?.has(relative) ?? false,
      file,
      client: (name) => clientFiles.get(name),
      status,
    },
    { host: options.host, port: options.port, log: options.log },
  )
  const watcher: NotesWatcher = watchNotes([options.notesDir], async (changed) => {
    await reading
    await rebuild(changed)
  })
  const warmUp = (): void => {
    // Not needed to serve: done once the session is up, before a person could save.
    const first = last
    // While the session serves this library: after a save, the records go on to the next (see `site-changes.ts`).
    if (first && !first.failed) setImmediate(() => void pipeline().then((loaded) => readyForEdits(first, loaded, () => served?.plan.graph === first.graph)))
  }
  if (built) {
    // The notes are read once the watcher sees every change: one saved before is in what is read, one after
    // is a change like any other. The built site is served meanwhile, and if a note did change, every
    // browser is told to load its page again.
    reading = watcher.ready
      .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
      .then(() => rebuild([]))
      .then(warmUp, (problem: unknown) => options.log(`quire dev: the notes could not be read: ${messageOf(problem)}`))
  } else {
    await watcher.ready
    warmUp()
  }
  const running = server
  return {
    url: running.url,
    port: running.port,
    async site() {
      await reading
      const site = new Map<string, string>()
      if (!served) return site
      const { graph, site: options } = served.plan
      for (const file of (await (await pipeline()).renderSite(graph, options, shippedFiles)).files) {
        const bytes = await bytesOf(file)
        site.set(file.path, typeof bytes === 'string' ? bytes : Buffer.from(bytes).toString('utf8'))
      }
      return site
    },
    diagnostics: () => latest,
    async idle() {
      await reading
      await watcher.idle()
    },
    async close() {
      await reading
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
 * run cold, it costs more than the rest of a save. Then take what every
 * page reads, and, a slice at a time while `wanted` holds, so the server
 * stays responsive, what every file made from the library reads (a save
 * before that names the files whose record is not taken yet).
 */
async function readyForEdits(
  analysed: AnalysedSite,
  { filePlaces, readyForChanges, needsTimeLimit, parseDocument, plannedSite, siteChanges }: Pipeline,
  wanted: () => boolean,
): Promise<void> {
  filePlaces(analysed.loaded.files)
  // Only notes quick to parse: one that needs the time limit would hold up the server here.
  let warmed = 0
  for (const file of analysed.loaded.files) {
    if (warmed === warmUpRuns) break
    if (needsTimeLimit(file.text)) continue
    parseDocument(file, { keepTree: false })
    warmed++
  }
  // Plans of their own, as the pipeline makes them: the served plan keeps only the fingerprints the session asks for.
  const target = plannedSite()
  const plan = await target.emit(analysed)
  const inquiries = [...analysed.graph.documents.values()].filter((doc) => doc.type === 'inquiry').slice(0, warmUpRuns / 2)
  const notes = [...analysed.graph.documents.values()].filter((doc) => doc.type === 'note').slice(0, warmUpRuns / 2)
  for (const doc of [...inquiries, ...notes]) plan.fingerprint(doc.slug)
  siteChanges(plan, await target.emit(analysed), [])
  // What every page reads, now: the first save compares against it, and would take the records itself were they not
  // taken (each indexed as it is taken). Then what every file made from the library reads, a slice at a time.
  plan.readers([])
  for (const slug of analysed.graph.documents.keys()) plan.reads(slug)
  inSlices(readyForChanges(plan), wanted)
}

/** Run `slices` one step at a time, letting the server answer between two, while `wanted` holds. */
function inSlices(slices: Generator<void, void, void>, wanted: () => boolean = () => true): void {
  const next = (): void => {
    if (wanted() && !slices.next().done) setImmediate(next)
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
