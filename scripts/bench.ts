/**
 * The benchmark: how long quire takes on a synthetic library, next to three
 * floors measured in the same run.
 *
 *   npm run bench [-- --sizes 1000,10000,20000] [--generator SCRIPT] [--generator-sizes LIST] [--library PATH]… [--runs N] [--json FILE] [--compare FILE] [--keep] [--check]
 *
 * For each size it writes a deterministic library (scripts/synthetic-library.ts)
 * under the system's temporary folder; for each generator size it has a
 * library generator quire did not write make one there (by default the
 * shared one, `../shared/bench/gen-corpus.mjs` beside the project, when it
 * is there); and for each `--library` it copies that folder there (so no
 * library is changed). Then it measures, as child processes of
 * `node` so that every time includes Node's start-up and every case has its
 * own peak memory:
 *
 *   copy floor     fs.cp of the library folder
 *   unified floor  gray-matter + remark-parse → remark-rehype → rehype-stringify,
 *                  one HTML file per note, one thread (this file, `--floor unified`)
 *   plugins floor  the unified floor with the plugins a real garden needs:
 *                  remark-gfm, remark-math with rehype-katex (MathML, as quire),
 *                  rehype-highlight (`--floor plugins`). Not a goal of its own: it
 *                  tells how much of a ratio to the unified floor is what a
 *                  garden's math, tables and code cost any unified pipeline
 *   cold build     `quire build LIB --out OUT --no-cache` into a fresh OUT
 *   first build    `quire build LIB --out OUT` into a fresh OUT with no build
 *                  cache yet: as cold, and it writes the cache
 *   warm build     the same again, nothing changed, OUT from the first build
 *   one-note edit  the same after changing one note's summary (in a library
 *                  given with --library, a line added to one note's body)
 *   dev start      `quire dev LIB --port 0` until it prints the address it serves,
 *                  in a working folder without a build cache
 *   dev start (cached)  the same in the working folder a warm build of the
 *                  unchanged library left its cache in
 *   dev save → reload  in that session: save one note, wait for the `reload` event
 *   --version      `quire --version` (once, not per size, ten runs)
 *   node -e 0      Node's own start-up, the floor under `--version`
 *
 * Wall times are medians over the runs. Each process's CPU time (user +
 * system) and peak RSS (`process.resourceUsage()`, written on exit by
 * scripts/bench-maxrss.cjs) are recorded too: CPU time is the steadier
 * figure on a busy machine; peak RSS is the largest over the runs. Every
 * quire run sees a fixed SOURCE_DATE_EPOCH, so builds are reproducible:
 * 2026-01-15 for the synthetic library, the day the benchmark started for
 * the others (which may date notes or cite papers past that day). Results go to a table on stdout and to JSON (default
 * bench-results.json at the project root).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { cp, mkdir, mkdtemp, readFile, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises'
import { existsSync, readFileSync } from 'node:fs'
import { get } from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { measureSearchIndex, searchBudget } from './search-budget.js'
import { replaceSummary, writeSyntheticLibrary } from './synthetic-library.js'

const here = path.dirname(fileURLToPath(import.meta.url))
/** The project root: this file runs from dist/scripts/. */
const root = path.resolve(here, '..', '..')
/** The compiled CLI in the project. */
const projectBin = path.join(root, 'dist', 'src', 'bin.cjs')
/** The CLI every case runs: a snapshot of the project's, unless --live (see snapshotQuire). */
let bin = projectBin
const self = fileURLToPath(import.meta.url)
/** Not compiled by tsc, so it is used from the source folder. */
const preload = path.join(root, 'scripts', 'bench-maxrss.cjs')
/** The build date every quire run sees (2026-01-15), so builds are reproducible and no synthetic claim is stale. */
const syntheticEpoch = String(Date.UTC(2026, 0, 15) / 1000)
/**
 * The build date of the library being measured: the synthetic library's
 * fixed day, or for a library quire did not write (which may cite papers
 * or date notes past that day) the day the benchmark started. Set before
 * each library is measured.
 */
let sourceDateEpoch = syntheticEpoch
const startDay = String(Math.floor(Date.now() / 86_400_000) * 86_400)

/** The budgets from the issue. */
const budgets = {
  /** `quire --version`, median seconds. */
  startupSeconds: 0.15,
  /** Peak RSS of every quire case on each synthetic or generated library of 10,000 notes or more: the same at every size. */
  memoryMiB: 600,
  /** Cold-build time per note at the largest size (> 10k) over that at 10k. */
  perNoteGrowth: 1.25,
  /** A warm build of an unchanged library of about 10,000 notes, median seconds. */
  warmSecondsAt10k: 2,
  /** `quire dev` start-up with the cache of a build of the unchanged library, about 10,000 notes, seconds. */
  cachedDevStartSecondsAt10k: 3,
} as const

const usage = `Usage: npm run bench -- [options]    (or: node dist/scripts/bench.js [options])

Options:
  --sizes LIST     synthetic library sizes in notes, comma-separated (default:
                   1000,10000, or none when --library is given; add 20000 to
                   check that time per note does not grow)
  --generator SCRIPT
                   a library generator run as \`node SCRIPT OUT N\` (default:
                   ../shared/bench/gen-corpus.mjs beside the project, when it
                   exists); \`none\` to measure no generated library
  --generator-sizes LIST
                   sizes the generator makes, comma-separated (default: 10000)
  --library PATH   also measure this notes folder (copied first; repeat the
                   option for several): a real garden, or one written by
                   another generator
  --runs N         runs per case, reported as the median (default: 3 for sizes up
                   to 2,000 notes, 1 above, which keeps the default under ~15 minutes)
  --dev-edits N    saves timed in the dev session (default: 5 up to 2,000 notes, 3 above)
  --seed N         the library's seed (default: 1)
  --json FILE      where to write the results (default: bench-results.json)
  --compare FILE   print each median next to the one in an earlier results file
  --keep           keep the temporary libraries and outputs (their folder is printed)
  --check          exit 1 when a budget is exceeded
  --live           run the project's dist/ directly instead of a snapshot of it
                   (the snapshot keeps a recompile during the run out of the results)
  -h, --help       show this help
`

interface Options {
  readonly sizes: readonly number[]
  /** Notes folders to measure besides the synthetic sizes. */
  readonly libraries: readonly string[]
  /** A library generator (`node SCRIPT OUT N`), and the sizes it makes. */
  readonly generator: string | undefined
  readonly generatorSizes: readonly number[]
  readonly runs: number | undefined
  readonly devEdits: number | undefined
  readonly seed: number
  readonly json: string
  readonly compare: string | undefined
  readonly keep: boolean
  readonly check: boolean
  readonly live: boolean
}

/** One process run: its wall time and peak memory. */
interface Measurement {
  readonly seconds: number
  readonly rssKiB: number | undefined
  /** User + system CPU time of the process, when it is one process run. */
  readonly cpuSeconds: number | undefined
  readonly stdout: string
  readonly stderr: string
}

/** One row of the results. */
interface CaseResult {
  /** Notes in the library (0 for cases that measure no library). */
  readonly size: number
  /** `synthetic`, or the name of a folder given with --library. */
  readonly library: string
  /** Stable key for comparisons, such as `cold-build`. */
  readonly case: string
  readonly label: string
  /** Every timed sample, in seconds. */
  readonly seconds: readonly number[]
  readonly medianSeconds: number
  /** Median user + system CPU seconds: steadier than wall time on a busy machine. */
  readonly medianCpuSeconds: number | undefined
  /** Median milliseconds per note, for cases that process the whole library. */
  readonly msPerNote: number | undefined
  /** Largest peak RSS over the samples, MiB. */
  readonly peakRssMiB: number | undefined
  readonly ratioToUnified: number | undefined
  readonly ratioToCopy: number | undefined
  /** As a multiple of the plugins floor (see the file's comment). */
  readonly ratioToPlugins: number | undefined
  readonly details?: Record<string, unknown>
}

interface Budget {
  readonly name: string
  readonly limit: number
  readonly value: number | undefined
  readonly unit: string
  readonly ok: boolean | undefined
  readonly note?: string
}

const children = new Set<ChildProcess>()

async function main(): Promise<number> {
  const argv = process.argv.slice(2)
  if (argv[0] === '--floor') return floor(argv.slice(1))
  const options = readOptions(argv)
  if (!options) return 0
  if (!existsSync(projectBin)) throw new Error(`${projectBin} is missing: run \`npx tsc -p .\` first (npm run bench does).`)

  const work = await mkdtemp(path.join(os.tmpdir(), 'quire-bench-'))
  const interrupt = (): void => {
    for (const child of children) child.kill('SIGKILL')
    if (!options.keep) void rm(work, { recursive: true, force: true }).finally(() => process.exit(130))
    else process.exit(130)
  }
  process.once('SIGINT', interrupt)
  try {
    const generated = options.generator ? options.generatorSizes.map((size) => `${count(size)} from ${path.basename(options.generator!)}`) : []
    log(`quire benchmark: ${[...options.sizes.map((size) => `${count(size)} synthetic`), ...generated, ...options.libraries].join(', ')}; working in ${work}`)
    bin = options.live ? projectBin : await snapshotQuire(work)
    const started = performance.now()
    const environment = describeEnvironment()
    const results: CaseResult[] = []

    log('start-up: quire --version and node -e 0, ×10 each')
    const startup: Measurement[] = []
    const bare: Measurement[] = []
    for (let i = 0; i < 10; i++) {
      bare.push(await runNode(work, ['-e', '0']))
      startup.push(await runNode(work, [bin, '--version']))
    }
    results.push(row(noLibrary, 'node-startup', 'floor: node -e 0', bare, { perNote: false }))
    results.push(row(noLibrary, 'startup', 'quire --version', startup, { perNote: false }))

    for (const size of options.sizes) results.push(...(await benchSize(work, size, options)))
    if (options.generator) for (const size of options.generatorSizes) results.push(...(await benchGenerated(work, options.generator, size, options)))
    for (const [i, library] of options.libraries.entries()) results.push(...(await benchFolder(work, library, i, options)))

    const table = [...formatTable(results), '', ...formatBudgets(checkBudgets(results)), ...growthLines(results)]
    const comparison = options.compare ? await compareWith(options.compare, results) : []
    const report = {
      schema: 'quire-bench/1',
      date: new Date().toISOString(),
      totalSeconds: round((performance.now() - started) / 1000, 1),
      environment: { ...environment, loadAverageAtEnd: os.loadavg().map((n) => round(n, 2)) },
      options: {
        sizes: options.sizes,
        generator: options.generator && path.basename(options.generator),
        generatorSizes: options.generatorSizes,
        libraries: options.libraries,
        runs: options.runs ?? 'default',
        devEdits: options.devEdits ?? 'default',
        seed: options.seed,
        quire: options.live ? 'live dist/' : 'snapshot of dist/',
      },
      results,
      budgets: checkBudgets(results),
    }
    await writeFile(options.json, JSON.stringify(report, null, 2) + '\n')
    process.stdout.write(
      [
        '',
        ...table,
        ...comparison,
        '',
        `Results written to ${path.relative(process.cwd(), options.json) || options.json} in ${report.totalSeconds} s.`,
        '',
      ].join('\n'),
    )
    const failed = report.budgets.some((budget) => budget.ok === false)
    return options.check && failed ? 1 : 0
  } finally {
    process.off('SIGINT', interrupt)
    if (options.keep) log(`kept ${work}`)
    else await rm(work, { recursive: true, force: true })
  }
}

function readOptions(argv: string[]): Options | undefined {
  const { values } = parseArgs({
    args: argv,
    options: {
      sizes: { type: 'string' },
      library: { type: 'string', multiple: true, default: [] },
      generator: { type: 'string' },
      'generator-sizes': { type: 'string', default: '10000' },
      runs: { type: 'string' },
      'dev-edits': { type: 'string' },
      seed: { type: 'string', default: '1' },
      json: { type: 'string', default: path.join(root, 'bench-results.json') },
      compare: { type: 'string' },
      keep: { type: 'boolean', default: false },
      check: { type: 'boolean', default: false },
      live: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  })
  if (values.help) {
    process.stdout.write(usage)
    return undefined
  }
  const positive = (text: string, what: string): number => {
    const n = Number(text.replace(/[_,]/g, ''))
    if (!Number.isInteger(n) || n < 1) throw new Error(`${what} must be a positive whole number, not "${text}"`)
    return n
  }
  const libraries = values.library.map((folder) => path.resolve(folder))
  for (const folder of libraries) if (!existsSync(folder)) throw new Error(`--library: ${folder} does not exist`)
  const sizeList = values.sizes ?? (libraries.length > 0 ? '' : '1000,10000')
  const sizes = sizeList.trim() === '' ? [] : sizeList.split(',').map((text) => positive(text.trim(), '--sizes'))
  if (sizes.some((n) => n < 50)) throw new Error('--sizes: each library needs at least 50 notes (one inquiry per 50)')
  const sharedGenerator = path.resolve(root, '..', 'shared', 'bench', 'gen-corpus.mjs')
  const generator =
    values.generator === 'none'
      ? undefined
      : values.generator !== undefined
        ? path.resolve(values.generator)
        : existsSync(sharedGenerator)
          ? sharedGenerator
          : undefined
  if (generator && !existsSync(generator)) throw new Error(`--generator: ${generator} does not exist`)
  const generatorSizes = values['generator-sizes'].split(',').map((text) => positive(text.trim(), '--generator-sizes'))
  return {
    sizes,
    libraries,
    generator,
    generatorSizes,
    runs: values.runs === undefined ? undefined : positive(values.runs, '--runs'),
    devEdits: values['dev-edits'] === undefined ? undefined : positive(values['dev-edits'], '--dev-edits'),
    seed: positive(values.seed, '--seed'),
    json: path.resolve(values.json),
    compare: values.compare === undefined ? undefined : path.resolve(values.compare),
    keep: values.keep,
    check: values.check,
    live: values.live,
  }
}

/** A library ready to measure: its notes folder, and the note the edit cases change. */
interface PreparedLibrary {
  /** `synthetic`, or the folder's name. */
  readonly name: string
  /** Markdown files in it. */
  readonly size: number
  /** The copy of the notes folder that is measured. */
  readonly notes: string
  /** The note the edit cases change, relative to `notes`, with `/` separators. */
  readonly editTarget: string
  /** The edited note's text, for a label that differs per edit. */
  edit(original: string, label: string): string
}

/** Every case at one synthetic library size. */
async function benchSize(work: string, size: number, options: Options): Promise<CaseResult[]> {
  const folder = path.join(work, `n${size}`)
  const generated = performance.now()
  sourceDateEpoch = syntheticEpoch
  const library = await writeSyntheticLibrary(path.join(folder, 'notes'), size, options.seed)
  log(
    `${count(size)} notes: wrote ${library.files.length} files (${mib(library.bytes)} MiB, ~${Math.round(library.words / library.files.length)} words each) in ${seconds(performance.now() - generated)} s`,
  )
  return benchLibrary(
    work,
    folder,
    {
      name: 'synthetic',
      size,
      notes: path.join(folder, 'notes'),
      editTarget: library.editTarget,
      edit: (original, label) => replaceSummary(original, `Edited for the benchmark, ${label}: the claim now holds only at small scale.`),
    },
    options,
  )
}

/** The names of the libraries made for the benchmark (the synthetic one and the generators'), not given with --library. */
const generatedLibraries = new Set<string>(['synthetic'])

/** Every case on a library of `size` notes made by a generator quire did not write (`node SCRIPT OUT N`). */
async function benchGenerated(work: string, script: string, size: number, options: Options): Promise<CaseResult[]> {
  const folder = path.join(work, `generated-${size}`)
  const notes = path.join(folder, 'notes')
  const generated = performance.now()
  sourceDateEpoch = startDay
  await runNode(work, [script, notes, String(size)])
  const name = path.basename(script).replace(/\.[cm]?js$/, '')
  generatedLibraries.add(name)
  log(`${name}: generated ${count(size)} notes in ${seconds(performance.now() - generated)} s`)
  return benchLibrary(work, folder, await prepared(name, notes), options)
}

/** Every case on a notes folder given with --library, measured on a copy of it. */
async function benchFolder(work: string, source: string, index: number, options: Options): Promise<CaseResult[]> {
  const folder = path.join(work, `library-${index}`)
  const notes = path.join(folder, 'notes')
  const copied = performance.now()
  sourceDateEpoch = startDay
  // A repository's own folders are not part of the library.
  await cp(source, notes, { recursive: true, verbatimSymlinks: true, filter: (file) => !/(^|[/\\])(\.git|node_modules)$/.test(file) })
  const library = await prepared(path.basename(source), notes)
  log(`${library.name}: copied ${count(library.size)} Markdown files in ${seconds(performance.now() - copied)} s; the edit cases change ${library.editTarget}`)
  return benchLibrary(work, folder, library, options)
}

/** A notes folder quire did not generate, ready to measure: the edit cases add a line to the body of the note in the middle. */
async function prepared(name: string, notes: string): Promise<PreparedLibrary> {
  const markdown = (await listFiles(notes)).filter((file) => file.toLowerCase().endsWith('.md')).sort()
  if (markdown.length === 0) throw new Error(`${notes} holds no Markdown files`)
  // The note in the middle of the sorted list: neither the first nor the last folder's.
  const editTarget = markdown[Math.floor(markdown.length / 2)]!
  return {
    name,
    size: markdown.length,
    notes,
    editTarget,
    edit: (original, label) => `${original.replace(/\s*$/, '')}\n\nEdited for the benchmark, ${label}.\n`,
  }
}

/** Every file under `folder`, relative to it, with `/` separators. */
async function listFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true })
  return entries.filter((entry) => entry.isFile()).map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
}

/** Every case on one prepared library, in `folder` (which holds its notes). */
async function benchLibrary(work: string, folder: string, library: PreparedLibrary, options: Options): Promise<CaseResult[]> {
  const size = library.size
  const runs = options.runs ?? (size <= 2000 ? 3 : 1)
  const edits = options.devEdits ?? (size <= 2000 ? 5 : 3)
  const lib = library.notes
  const out = path.join(folder, 'site')
  const floorOut = path.join(folder, 'floor')
  // quire's working folder: it holds nothing but what quire keeps there (its build cache, .quire-cache/).
  const cwd = path.join(folder, 'cwd')
  log(`${library.name} (${count(size)} notes): ${runs} run${runs === 1 ? '' : 's'} per case, load average ${os.loadavg()[0]!.toFixed(1)}`)

  const samples = {
    copy: [] as Measurement[],
    unified: [] as Measurement[],
    plugins: [] as Measurement[],
    cold: [] as Measurement[],
    first: [] as Measurement[],
    warm: [] as Measurement[],
    edit: [] as Measurement[],
  }
  const editFile = path.join(lib, ...library.editTarget.split('/'))
  const original = await readFile(editFile, 'utf8')
  let floorSeconds: number[] = []
  const cacheSizes: number[] = []
  // Runs are interleaved (every case once, then again) so that noise from other work on the machine spreads over all cases.
  for (let run = 1; run <= runs; run++) {
    const tag = `${library.name} ${count(size)} run ${run}/${runs}`
    await writeFile(editFile, original)
    await rm(floorOut, { recursive: true, force: true })
    samples.copy.push(await step(`${tag}: copy floor`, runNode(work, [self, '--floor', 'copy', lib, floorOut])))
    await rm(floorOut, { recursive: true, force: true })
    const unified = await step(`${tag}: unified floor`, runNode(work, [self, '--floor', 'unified', lib, floorOut]))
    samples.unified.push(unified)
    floorSeconds = [...floorSeconds, Number(JSON.parse(unified.stdout).seconds)]
    await rm(floorOut, { recursive: true, force: true })
    samples.plugins.push(await step(`${tag}: plugins floor`, runNode(work, [self, '--floor', 'plugins', lib, floorOut])))
    await rm(floorOut, { recursive: true, force: true })

    // Cold: a fresh output folder, no build cache read or written.
    await rm(out, { recursive: true, force: true })
    await rm(cwd, { recursive: true, force: true })
    await mkdir(cwd, { recursive: true })
    samples.cold.push(await step(`${tag}: cold build`, runNode(work, [bin, 'build', lib, '--out', out, '--no-cache'], cwd)))
    // First: a fresh output folder and an empty working folder, so the build reads no cache and writes one.
    await rm(out, { recursive: true, force: true })
    samples.first.push(await step(`${tag}: first build`, runNode(work, [bin, 'build', lib, '--out', out], cwd)))
    const cache = await folderSize(cwd)
    cacheSizes.push(cache.bytes)
    samples.warm.push(await step(`${tag}: warm build`, runNode(work, [bin, 'build', lib, '--out', out], cwd)))
    await writeFile(editFile, library.edit(original, `build run ${run}`))
    samples.edit.push(await step(`${tag}: one-note edit`, runNode(work, [bin, 'build', lib, '--out', out], cwd)))
  }
  const site = await folderSize(out)
  const searchIndex = await measureSearchIndex(out)

  // A dev session in the working folder the builds left their cache in, the library as it was (the build that
  // brings the cache back to it is not timed): start-up only.
  await writeFile(editFile, original)
  await step(`${library.name} ${count(size)}: build of the unchanged library, for the cached dev start`, runNode(work, [bin, 'build', lib, '--out', out], cwd))
  const cachedDev = await measureDev(work, cwd, lib, editFile, (label) => library.edit(original, label), 0, size)
  // The dev session starts without a build cache too.
  await rm(cwd, { recursive: true, force: true })
  await mkdir(cwd, { recursive: true })
  const dev = await measureDev(work, cwd, lib, editFile, (label) => library.edit(original, label), edits, size)
  await writeFile(editFile, original)
  if (!options.keep) await rm(folder, { recursive: true, force: true })

  const at = { size, library: library.name }
  const copy = row(at, 'copy-floor', 'floor: copy folder', samples.copy)
  const unified = row(at, 'unified-floor', 'floor: bare unified', samples.unified, {
    details: { inProcessSeconds: floorSeconds.map((n) => round(n, 3)), note: 'seconds exclude Node start-up and module loading' },
  })
  const plugins = row(at, 'plugins-floor', 'floor: unified + GFM, math, highlighting', samples.plugins)
  // Each run's floors, to pair with the cases of the same run.
  const floors = { unified: samples.unified.map((m) => m.seconds), copy: samples.copy.map((m) => m.seconds), plugins: samples.plugins.map((m) => m.seconds) }
  const built = (measured: Measurement[]): Record<string, unknown> => ({ quireReported: measured.map((m) => /in ([\d.]+) s/.exec(m.stderr)?.[1]).map(Number) })
  return [
    copy,
    unified,
    plugins,
    row(at, 'cold-build', 'quire build (cold)', samples.cold, { floors, details: built(samples.cold) }),
    row(at, 'first-build', 'quire build (first)', samples.first, {
      floors,
      details: {
        ...built(samples.first),
        siteFiles: site.files,
        siteMiB: round(site.bytes / 1048576, 1),
        searchIndex,
        cacheMiB: round(Math.max(0, ...cacheSizes) / 1048576, 1),
      },
    }),
    row(at, 'warm-build', 'quire build (warm)', samples.warm, { floors, details: built(samples.warm) }),
    row(at, 'edit-build', 'quire build (1 note edited)', samples.edit, { floors, details: { ...built(samples.edit), note: library.editTarget } }),
    row(at, 'dev-start', 'quire dev: start-up', [dev.start], {
      floors,
      details: { note: 'until it prints the address it serves: first build, server, watcher ready' },
    }),
    row(at, 'dev-start-cached', 'quire dev: start-up, cached', [cachedDev.start], {
      floors,
      details: { note: 'as dev-start, with the build cache of the unchanged library in the working folder' },
    }),
    row(at, 'dev-reload', 'quire dev: save → reload', dev.saves, {
      perNote: false,
      details: { rebuildLines: dev.rebuildLines, sessionCpuSeconds: dev.sessionCpuSeconds },
    }),
  ]
}

/** One `quire dev` session: start-up, then `edits` timed saves. */
async function measureDev(
  work: string,
  cwd: string,
  lib: string,
  file: string,
  edited: (label: string) => string,
  edits: number,
  size: number,
): Promise<{ start: Measurement; saves: Measurement[]; rebuildLines: string[]; sessionCpuSeconds: number | undefined }> {
  const tag = `${count(size)} dev`
  log(`${tag}: starting quire dev`)
  const rssFile = path.join(work, `rss-dev-${size}`)
  const started = performance.now()
  const child = spawn(process.execPath, ['--require', preload, bin, 'dev', lib, '--port', '0'], {
    cwd,
    env: { ...process.env, SOURCE_DATE_EPOCH: sourceDateEpoch, BENCH_MAXRSS_FILE: rssFile },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  children.add(child)
  const exited = once(child, 'exit')
  let stderr = ''
  const lines: string[] = []
  const onLine: ((line: string) => void)[] = []
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk
    const parts = stderr.split('\n')
    stderr = parts.pop() ?? ''
    for (const line of parts) {
      lines.push(line)
      for (const listener of onLine) listener(line)
    }
  })
  const kill = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return
    child.kill('SIGINT')
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000)
    await exited
    clearTimeout(timer)
  }
  try {
    const url = await withTimeout(
      new Promise<string>((resolve, reject) => {
        onLine.push((line) => {
          const match = /^quire dev: serving (http:\/\/\S+)/.exec(line)
          if (match?.[1]) resolve(match[1])
        })
        void exited.then(() => reject(new Error(`quire dev exited before serving:\n${lines.slice(-20).join('\n')}`)))
      }),
      30 * 60_000,
      'quire dev to start',
    )
    const start = performance.now() - started
    log(`${tag}: serving after ${seconds(start)} s`)
    const events = await connectEvents(new URL('/__quire/events', url))
    const saves: Measurement[] = []
    const rebuildLines: string[] = []
    try {
      await events.next('status', 30_000)
      for (let i = 1; i <= edits; i++) {
        await sleep(1000) // let the watcher settle between saves
        events.clear()
        const seen = lines.length
        const reload = events.next('reload', 10 * 60_000)
        await writeFile(file, edited(`dev save ${i}`))
        const saved = performance.now()
        await reload
        const ms = performance.now() - saved
        saves.push({ seconds: ms / 1000, rssKiB: undefined, cpuSeconds: undefined, stdout: '', stderr: '' })
        await sleep(200)
        const line = lines.slice(seen).find((text) => /built in \d+ ms/.test(text))
        if (line) rebuildLines.push(line)
        log(`${tag}: save ${i}/${edits} → reload in ${Math.round(ms)} ms${line ? ` (${line.replace(/^quire dev: /, '')})` : ''}`)
      }
    } finally {
      events.close()
    }
    await kill()
    const { rssKiB, cpuSeconds } = await readUsage(rssFile)
    // The session's peak memory belongs to both rows; its CPU time to neither.
    return {
      start: { seconds: start / 1000, rssKiB, cpuSeconds: undefined, stdout: '', stderr: '' },
      saves: saves.map((s) => ({ ...s, rssKiB })),
      rebuildLines,
      sessionCpuSeconds: cpuSeconds,
    }
  } finally {
    await kill()
    children.delete(child)
  }
}

/** A minimal server-sent-events client for `/__quire/events`. */
async function connectEvents(url: URL): Promise<{ next(name: string, timeoutMs: number): Promise<unknown>; clear(): void; close(): void }> {
  const waiting: { name: string; resolve: (data: unknown) => void }[] = []
  const seen: { name: string; data: unknown }[] = []
  const request = get(url)
  const [response] = (await once(request, 'response')) as [import('node:http').IncomingMessage]
  if (response.statusCode !== 200) throw new Error(`${url.href} answered ${response.statusCode}`)
  let buffer = ''
  response.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk
    let end: number
    while ((end = buffer.indexOf('\n\n')) !== -1) {
      const block = buffer.slice(0, end)
      buffer = buffer.slice(end + 2)
      const name = /^event: (.*)$/m.exec(block)?.[1]
      const data = /^data: (.*)$/m.exec(block)?.[1]
      if (!name) continue
      const event = { name, data: data === undefined ? undefined : (JSON.parse(data) as unknown) }
      const at = waiting.findIndex((w) => w.name === name)
      if (at === -1) seen.push(event)
      else waiting.splice(at, 1)[0]!.resolve(event.data)
    }
  })
  response.on('error', () => undefined)
  return {
    next(name, timeoutMs) {
      const at = seen.findIndex((event) => event.name === name)
      if (at !== -1) return Promise.resolve(seen.splice(at, 1)[0]!.data)
      return withTimeout(new Promise((resolve) => waiting.push({ name, resolve })), timeoutMs, `the "${name}" event`)
    },
    clear() {
      seen.length = 0
    },
    close() {
      request.destroy()
    },
  }
}

/** Run `node --require bench-maxrss.cjs …args`; fails unless it exits 0. */
async function runNode(work: string, args: readonly string[], cwd = work): Promise<Measurement> {
  const rssFile = path.join(work, 'rss')
  await rm(rssFile, { force: true })
  const started = performance.now()
  const child = spawn(process.execPath, ['--require', preload, ...args], {
    cwd,
    env: { ...process.env, SOURCE_DATE_EPOCH: sourceDateEpoch, BENCH_MAXRSS_FILE: rssFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.add(child)
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null]
  const elapsed = performance.now() - started
  if (child.stdout.readable) await once(child.stdout, 'end').catch(() => undefined)
  if (child.stderr.readable) await once(child.stderr, 'end').catch(() => undefined)
  children.delete(child)
  if (code !== 0)
    throw new Error(
      `\`node ${args.map((a) => path.basename(a)).join(' ')}\` failed (${signal ?? `exit ${code}`}):\n${stderr.split('\n').slice(-30).join('\n')}`,
    )
  return { seconds: elapsed / 1000, ...(await readUsage(rssFile)), stdout, stderr }
}

/** What bench-maxrss.cjs wrote when the process exited. */
async function readUsage(file: string): Promise<{ rssKiB: number | undefined; cpuSeconds: number | undefined }> {
  try {
    const usage = JSON.parse(await readFile(file, 'utf8')) as { maxRSS?: unknown; cpuSeconds?: unknown }
    const positive = (n: unknown): number | undefined => (typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : undefined)
    return { rssKiB: positive(usage.maxRSS), cpuSeconds: positive(usage.cpuSeconds) }
  } catch {
    return { rssKiB: undefined, cpuSeconds: undefined }
  }
}

async function step(label: string, measuring: Promise<Measurement>): Promise<Measurement> {
  const m = await measuring
  log(`${label}: ${m.seconds.toFixed(2)} s${m.rssKiB ? `, ${Math.round(m.rssKiB / 1024)} MiB` : ''}`)
  return m
}

/**
 * A case's time as a multiple of a floor's. With a sample per run, the
 * median of each run's ratio: a case and the floors of its run ran minutes
 * apart, so a slow spell on a shared machine weighs on both. Otherwise
 * (one dev session for several runs), the ratio of the medians.
 */
function ratioTo(times: readonly number[], floor: readonly number[]): number {
  if (times.length === floor.length) return medianOf(times.map((time, i) => time / floor[i]!))
  return medianOf(times) / medianOf(floor)
}

/** Where cases that measure no library belong. */
const noLibrary = { size: 0, library: '' }

function row(
  { size, library }: { size: number; library: string },
  key: string,
  label: string,
  samples: readonly Measurement[],
  extra: {
    perNote?: boolean
    floors?: { unified: readonly number[]; copy: readonly number[]; plugins?: readonly number[] }
    details?: Record<string, unknown>
  } = {},
): CaseResult {
  const times = samples.map((s) => s.seconds)
  const median = medianOf(times)
  const rss = samples.map((s) => s.rssKiB).filter((n): n is number => n !== undefined)
  const cpu = samples.map((s) => s.cpuSeconds).filter((n): n is number => n !== undefined)
  return {
    size,
    library,
    case: key,
    label,
    seconds: times.map((n) => round(n, 4)),
    medianSeconds: round(median, 4),
    medianCpuSeconds: cpu.length === samples.length && cpu.length > 0 ? round(medianOf(cpu), 3) : undefined,
    msPerNote: extra.perNote === false || size === 0 ? undefined : round((median * 1000) / size, 3),
    peakRssMiB: rss.length > 0 ? round(Math.max(...rss) / 1024, 1) : undefined,
    ratioToUnified: extra.floors ? round(ratioTo(times, extra.floors.unified), 2) : undefined,
    ratioToCopy: extra.floors ? round(ratioTo(times, extra.floors.copy), 1) : undefined,
    ratioToPlugins: extra.floors?.plugins ? round(ratioTo(times, extra.floors.plugins), 2) : undefined,
    ...(extra.details ? { details: extra.details } : {}),
  }
}

function formatTable(results: readonly CaseResult[]): string[] {
  const header = ['library', 'notes', 'case', 'runs', 'median s', 'CPU s', 'ms/note', 'peak RSS MiB', '× unified', '× plugins', '× copy']
  const rows = results.map((r) => [
    r.library || '–',
    r.size === 0 ? '–' : count(r.size),
    r.label,
    String(r.seconds.length),
    r.medianSeconds < 1 ? r.medianSeconds.toFixed(3) : r.medianSeconds.toFixed(2),
    r.medianCpuSeconds === undefined ? '–' : r.medianCpuSeconds < 1 ? r.medianCpuSeconds.toFixed(3) : r.medianCpuSeconds.toFixed(2),
    r.msPerNote === undefined ? '–' : r.msPerNote.toFixed(2),
    r.peakRssMiB === undefined ? '–' : r.peakRssMiB.toFixed(0),
    r.ratioToUnified === undefined ? '–' : r.ratioToUnified.toFixed(2),
    r.ratioToPlugins === undefined ? '–' : r.ratioToPlugins.toFixed(2),
    r.ratioToCopy === undefined ? '–' : r.ratioToCopy.toFixed(1),
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((cells) => cells[i]!.length)))
  const line = (cells: readonly string[]): string => cells.map((c, i) => (i <= 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)]
}

function checkBudgets(results: readonly CaseResult[]): Budget[] {
  const list: Budget[] = []
  const startup = results.find((r) => r.case === 'startup')
  const within = (value: number | undefined, limit: number): boolean | undefined => (value === undefined ? undefined : value <= limit)
  const node = results.find((r) => r.case === 'node-startup')
  list.push({
    name: '`quire --version` median',
    limit: budgets.startupSeconds,
    value: startup?.medianSeconds,
    unit: 's',
    ok: within(startup?.medianSeconds, budgets.startupSeconds),
    ...(node ? { note: `node -e 0 took ${node.medianSeconds.toFixed(3)} s in the same run` } : {}),
  })
  // Memory must not grow with the library beyond its graph: one budget for 10,000 notes and for more.
  const large = results.filter((r) => generatedLibraries.has(r.library) && r.size >= 10000 && !r.case.endsWith('floor') && r.peakRssMiB !== undefined)
  for (const key of new Set(large.map((r) => `${r.library}\u0000${r.size}`))) {
    const [library, size] = key.split('\u0000') as [string, string]
    const peak = Math.max(...large.filter((r) => r.library === library && r.size === Number(size)).map((r) => r.peakRssMiB!))
    list.push({
      name: `peak RSS of quire at ${count(Number(size))} notes (${library})`,
      limit: budgets.memoryMiB,
      value: peak,
      unit: 'MiB',
      ok: within(peak, budgets.memoryMiB),
    })
  }
  const cold = results.filter((r) => r.case === 'cold-build' && r.library === 'synthetic')
  const base = cold.find((r) => r.size === 10000)
  const largest = cold.reduce<CaseResult | undefined>((best, r) => (!best || r.size > best.size ? r : best), undefined)
  if (base?.msPerNote && largest && largest.size > 10000 && largest.msPerNote) {
    const growth = round(largest.msPerNote / base.msPerNote, 2)
    list.push({
      name: `cold ms/note at ${count(largest.size)} ÷ at 10,000`,
      limit: budgets.perNoteGrowth,
      value: growth,
      unit: '×',
      ok: within(growth, budgets.perNoteGrowth),
    })
  }
  // Every library of about 10,000 notes, whoever made it.
  const about10k = (r: CaseResult): boolean => Math.round(r.size / 1000) === 10
  for (const [key, limit, what] of [
    ['warm-build', budgets.warmSecondsAt10k, 'warm build'],
    ['dev-start-cached', budgets.cachedDevStartSecondsAt10k, 'quire dev start-up, cached'],
  ] as const) {
    for (const r of results.filter((found) => found.case === key && about10k(found))) {
      list.push({
        name: `${what} of ${r.library} ${count(r.size)}`,
        limit,
        value: round(r.medianSeconds, 2),
        unit: 's',
        ok: within(r.medianSeconds, limit),
        ...(r.ratioToUnified === undefined ? {} : { note: `${r.ratioToUnified}× the unified floor` }),
      })
    }
  }
  for (const r of cold) {
    const index = r.details?.['searchIndex'] as { gzipBytesToFirstResult: number } | undefined
    if (index)
      list.push({
        name: `search: gzipped bytes to a query's first results at ${count(r.size)} notes`,
        limit: searchBudget.gzipBytesToFirstResult,
        value: index.gzipBytesToFirstResult,
        unit: 'B',
        ok: within(index.gzipBytesToFirstResult, searchBudget.gzipBytesToFirstResult),
      })
  }
  return list
}

function formatBudgets(list: readonly Budget[]): string[] {
  return list.map((b) =>
    `budget: ${b.name}: ${b.value === undefined ? 'not measured' : `${b.value} ${b.unit}`} (limit ${b.limit} ${b.unit}${b.note ? `; ${b.note}` : ''}) ${b.ok === undefined ? '' : b.ok ? 'PASS' : 'FAIL'}`.trimEnd(),
  )
}

/** How the cold build's time per note changes from size to size. */
function growthLines(results: readonly CaseResult[]): string[] {
  const cold = results.filter((r) => r.case === 'cold-build' && r.library === 'synthetic' && r.msPerNote !== undefined).sort((a, b) => a.size - b.size)
  if (cold.length < 2) return []
  return [`cold build ms/note by size: ${cold.map((r) => `${count(r.size)}: ${r.msPerNote!.toFixed(2)}`).join(' → ')}`]
}

async function compareWith(file: string, results: readonly CaseResult[]): Promise<string[]> {
  const before = JSON.parse(await readFile(file, 'utf8')) as { date?: string; results?: CaseResult[] }
  const lines = ['', `Compared with ${path.basename(file)} (${before.date ?? 'undated'}): median now / before`]
  for (const r of results) {
    const old = before.results?.find((o) => o.size === r.size && (o.library ?? 'synthetic') === (r.library || 'synthetic') && o.case === r.case)
    if (!old) continue
    const ratio = r.medianSeconds / old.medianSeconds
    const memory = r.peakRssMiB !== undefined && old.peakRssMiB !== undefined ? `, peak RSS ${old.peakRssMiB} → ${r.peakRssMiB} MiB` : ''
    lines.push(
      `  ${r.size === 0 ? '' : `${count(r.size)} `}${r.label}: ${old.medianSeconds.toFixed(3)} → ${r.medianSeconds.toFixed(3)} s (×${ratio.toFixed(2)})${memory}`,
    )
  }
  return lines
}

function describeEnvironment(): Record<string, unknown> {
  const cpus = os.cpus()
  const git = (args: string[]): string | undefined => {
    try {
      return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
    } catch {
      return undefined
    }
  }
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version?: string }
  return {
    quire: pkg.version,
    commit: git(['rev-parse', 'HEAD']),
    uncommittedChanges: (git(['status', '--porcelain', '--untracked-files=no']) ?? '') !== '',
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpus: `${cpus.length} × ${cpus[0]?.model ?? 'unknown'}`,
    memoryGiB: round(os.totalmem() / 1073741824, 1),
    tmpdir: os.tmpdir(),
    loadAverageAtStart: os.loadavg().map((n) => round(n, 2)),
  }
}

/**
 * Copy the compiled quire (dist/, templates/, package files; node_modules
 * linked) into the working folder and return its bin. Every case then runs
 * the same code even if the project is recompiled during the run, which
 * would also invalidate quire's build cache (its key covers quire's code).
 */
async function snapshotQuire(work: string): Promise<string> {
  const target = path.join(work, 'quire')
  await cp(path.join(root, 'dist'), path.join(target, 'dist'), { recursive: true, filter: (source) => !/[\\/]dist[\\/](scripts|test)([\\/]|$)/.test(source) })
  await cp(path.join(root, 'templates'), path.join(target, 'templates'), { recursive: true })
  for (const name of ['package.json', 'package-lock.json']) if (existsSync(path.join(root, name))) await cp(path.join(root, name), path.join(target, name))
  await symlink(path.join(root, 'node_modules'), path.join(target, 'node_modules'), 'dir')
  return path.join(target, 'dist', 'src', 'bin.cjs')
}

// ---- The floors, run as `node dist/scripts/bench.js --floor copy|unified SRC DEST` ----

/** Run one floor in this process and print its own time (without start-up) as JSON. */
async function floor(args: readonly string[]): Promise<number> {
  const [kind, source, dest] = args
  if (!source || !dest || (kind !== 'copy' && kind !== 'unified' && kind !== 'plugins'))
    throw new Error('usage: bench.js --floor copy|unified|plugins SRC DEST')
  if (kind === 'copy') {
    const started = performance.now()
    await cp(source, dest, { recursive: true })
    process.stdout.write(JSON.stringify({ seconds: (performance.now() - started) / 1000 }) + '\n')
    return 0
  }
  const loading = performance.now()
  const [{ default: matter }, { unified }, { default: remarkParse }, { default: remarkRehype }, { default: rehypeStringify }] = await Promise.all([
    import('gray-matter'),
    import('unified'),
    import('remark-parse'),
    import('remark-rehype'),
    import('rehype-stringify'),
  ])
  const processor: FloorPipeline = kind === 'plugins' ? await pluginsPipeline() : unified().use(remarkParse).use(remarkRehype).use(rehypeStringify)
  const started = performance.now()
  const files = (await readdir(source, { recursive: true })).filter((file) => file.endsWith('.md')).sort()
  for (const file of files) {
    const text = await readFile(path.join(source, file), 'utf8')
    // With an options object gray-matter does not cache by content.
    const { content } = matter(text, {})
    const html = String(await processor.process(content))
    const target = path.join(dest, file.slice(0, -'.md'.length), 'index.html')
    await mkdir(path.dirname(target), { recursive: true })
    await writeFile(target, html)
  }
  const done = performance.now()
  process.stdout.write(JSON.stringify({ seconds: (done - started) / 1000, loadSeconds: (started - loading) / 1000, files: files.length }) + '\n')
  return 0
}

/** What a floor runs each note's Markdown through. */
interface FloorPipeline {
  process(markdown: string): Promise<unknown>
}

/** The plugins floor's pipeline (see the file's comment). */
async function pluginsPipeline(): Promise<FloorPipeline> {
  const [
    { unified },
    { default: remarkParse },
    { default: remarkGfm },
    { default: remarkMath },
    { default: remarkRehype },
    { default: rehypeKatex },
    { default: rehypeHighlight },
    { default: rehypeStringify },
  ] = await Promise.all([
    import('unified'),
    import('remark-parse'),
    import('remark-gfm'),
    import('remark-math'),
    import('remark-rehype'),
    import('rehype-katex'),
    import('rehype-highlight'),
    import('rehype-stringify'),
  ])
  return unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkMath)
    .use(remarkRehype)
    .use(rehypeKatex, { output: 'mathml', strict: 'ignore' })
    .use(rehypeHighlight)
    .use(rehypeStringify)
}

// ---- Small helpers ----

async function folderSize(folder: string): Promise<{ files: number; bytes: number }> {
  let files = 0
  let bytes = 0
  for (const name of await readdir(folder, { recursive: true })) {
    const info = await stat(path.join(folder, name))
    if (!info.isFile()) continue
    files++
    bytes += info.size
  }
  return { files, bytes }
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms / 1000} s waiting for ${what}`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

function medianOf(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))
const round = (n: number, digits: number): number => Number(n.toFixed(digits))
const count = (n: number): string => n.toLocaleString('en-US')
const mib = (bytes: number): string => (bytes / 1048576).toFixed(1)
const seconds = (ms: number): string => (ms / 1000).toFixed(2)
const log = (line: string): void => void process.stderr.write(`[bench] ${line}\n`)

main().then(
  (code) => {
    process.exitCode = code
  },
  (problem: unknown) => {
    for (const child of children) child.kill('SIGKILL')
    process.stderr.write(`bench: ${(problem as Error)?.message ?? String(problem)}\n`)
    process.exitCode = 1
  },
)
