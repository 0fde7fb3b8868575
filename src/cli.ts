/**
 * quire's command line: argv → command. `bin.ts` is the only place that exits.
 */
import { readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { exitCode, UsageError, type CommandIO, type ExitCode } from './commands/io.js'
import { cacheFolderName } from './build/cache-folder.js'
import { parseCalendarDay, type CalendarDay } from './dates.js'
import { oneLine } from './diagnostics.js'

const mainHelp = `quire: publish a folder of research notes as a cross-linked static site

Usage:
  quire build [NOTES_DIR] [--out DIR] [--base PATH]   build the site (default: notes → site)
  quire check [NOTES_DIR]                             validate the notes, write nothing
  quire dev [NOTES_DIR] [--port N] [--open]           serve the site, rebuild and reload on every change
  quire new note|inquiry "Title" [--dir NOTES_DIR]    start a new note or inquiry line
  quire import FILE... [--into NOTES_DIR]             import text exports of inquiry pages

Options:
  -h, --help      show help (also: quire COMMAND --help)
  -v, --version   show quire's version

Exit codes: 0 success, 1 the notes have errors or the site could not be written, 2 usage error.
`

const buildHelp = `Usage: quire build [NOTES_DIR] [options]

Reads every *.md file under NOTES_DIR (default: notes), checks it, and writes
the site to the output folder, replacing the previous site only when the
build succeeds. Prints every error and, of each kind of warning, the first 3
and how many more (quire check lists every one). A note's link to a note not
written yet is a warning: the page marks it "not written yet", and the page
not-written-yet/ lists such notes, most cited first.

Options:
  -o, --out DIR     output folder (default: site)
  -b, --base PATH   the URL path the site is served under, such as /my-repo/
                    for GitHub Pages (default: the config's base, else /);
                    used by 404.html and graph.json
  -t, --title TEXT  the site's title (default: the config's title, else
                    Research notes)
      --build-date DATE
                    measure claim ages to DATE (YYYY-MM-DD; default:
                    SOURCE_DATE_EPOCH's day, else today in UTC)
      --no-cache    build from nothing: neither read nor write the build
                    cache (.quire-cache/ in the working directory)
      --no-git-dates
                    take no dates from the notes folder's git history (so
                    does gitDates: false in the config)
      --strict      treat warnings as errors, such as links to notes not
                    written yet (so does strict: true in the config)
      --force       build into a non-empty output folder quire did not
                    create: it is moved aside, whole, to DIR.before-quire-N
                    (never deleted); the notes folder is never touched
  -h, --help        show this help
`

const checkHelp = `Usage: quire check [NOTES_DIR] [options]

Runs every check a build runs and prints every problem, hints too, as
path:line:column: severity: message [code]. Writes nothing.

Options:
      --report            also print the research-health report: stale claims,
                          claims with no supporting note, notes no inquiry cites,
                          inquiries with few sources, papers cited once, and
                          notes not written yet, most cited first
      --json              print one JSON document to stdout: the counts, every
                          diagnostic and the report
      --min-sources N     "few sources" means fewer than N (default: 3)
      --build-date DATE   measure claim ages to DATE (YYYY-MM-DD; default:
                          SOURCE_DATE_EPOCH's day, else today in UTC)
      --strict            treat warnings as errors (exit 1); so does
                          strict: true in the config
  -h, --help              show this help
`

const devHelp = `Usage: quire dev [NOTES_DIR] [options]

Builds the site in memory, serves it on 127.0.0.1 and watches NOTES_DIR.
Every change rebuilds only what it affects and reloads open pages in place.
While the notes have errors, the last good site stays served and the
errors show in the terminal and in an overlay in the browser.

Options:
  -p, --port N      port to serve on (default: 4321; a free one if taken)
      --open        open the site in the default browser
  -b, --base PATH   serve under this base path (default: the config's base)
  -t, --title TEXT  the site's title (default: the config's title)
      --strict      treat warnings as errors (so does strict: true in the config)
  -h, --help        show this help
`

const devOptions = {
  port: { type: 'string', short: 'p', default: '4321' },
  open: { type: 'boolean', default: false },
  base: { type: 'string', short: 'b' },
  title: { type: 'string', short: 't' },
  strict: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies ParseArgsConfig['options']

const newHelp = `Usage: quire new note "Title" [options]
       quire new inquiry "Title" [options]

Creates a Markdown file with every required field filled in: notes at
NOTES_DIR/<slug>.md, inquiry lines at NOTES_DIR/inquiries/<slug>.md, the slug
made from the title. Never overwrites an existing file. Prints the new path.

Options:
  -d, --dir NOTES_DIR   the notes folder (default: notes)
  -h, --help            show this help
`

const newOptions = {
  dir: { type: 'string', short: 'd', default: 'notes' },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies ParseArgsConfig['options']

const buildOptions = {
  out: { type: 'string', short: 'o', default: 'site' },
  base: { type: 'string', short: 'b' },
  title: { type: 'string', short: 't' },
  'build-date': { type: 'string' },
  'no-cache': { type: 'boolean', default: false },
  'no-git-dates': { type: 'boolean', default: false },
  strict: { type: 'boolean', default: false },
  force: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies ParseArgsConfig['options']

const checkOptions = {
  strict: { type: 'boolean', default: false },
  report: { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
  'min-sources': { type: 'string', default: '3' },
  'build-date': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies ParseArgsConfig['options']

/** quire's version, from its package.json. */
function version(): string {
  let folder = path.dirname(fileURLToPath(import.meta.url))
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8')) as { name?: string; version?: string }
      if (pkg.name === 'quire' && pkg.version) return pkg.version
    } catch {
      // Not here: look one folder up.
    }
    const parent = path.dirname(folder)
    if (parent === folder) return 'unknown'
    folder = parent
  }
}

/** Run quire with `argv` (without `node` and the script); resolves to the exit code. */
export async function run(argv: readonly string[], io: CommandIO): Promise<ExitCode> {
  const [command, ...rest] = argv
  try {
    switch (command) {
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        io.stdout(mainHelp)
        return command === undefined ? exitCode.usage : exitCode.ok
      case '-v':
      case '--version':
        io.stdout(`quire ${version()}\n`)
        return exitCode.ok
      case 'build': {
        const { values, positionals } = parse(rest, buildOptions, 'build')
        if (values.help) return help(io, buildHelp)
        const notesDir = notesFolder(positionals, io, 'build')
        const { buildCommand } = await import('./commands/build.js')
        return await buildCommand(
          {
            notesDir,
            outDir: values.out,
            base: values.base,
            title: values.title,
            force: values.force,
            strict: values.strict,
            buildDate: buildDate(values['build-date'], 'build'),
            cacheDir: values['no-cache'] ? undefined : cacheFolderName,
            gitDates: !values['no-git-dates'],
          },
          io,
        )
      }
      case 'check': {
        const { values, positionals } = parse(rest, checkOptions, 'check')
        if (values.help) return help(io, checkHelp)
        const notesDir = notesFolder(positionals, io, 'check')
        const { checkCommand } = await import('./commands/check.js')
        const minSources = Number(values['min-sources'])
        if (!Number.isInteger(minSources) || minSources < 0)
          throw new UsageError(`check: --min-sources must be a whole number, not "${values['min-sources']}".`)
        return await checkCommand(
          { notesDir, strict: values.strict, report: values.report, json: values.json, minSources, buildDate: buildDate(values['build-date'], 'check') },
          io,
        )
      }
      case 'dev': {
        const { values, positionals } = parse(rest, devOptions, 'dev')
        if (values.help) return help(io, devHelp)
        const notesDir = notesFolder(positionals, io, 'dev')
        const port = Number(values.port)
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`dev: --port must be a number from 0 to 65535, not "${values.port}".`)
        const { devCommand } = await import('./commands/dev.js')
        return await devCommand({ notesDir, port, host: '127.0.0.1', open: values.open, base: values.base, title: values.title, strict: values.strict }, io)
      }
      case 'new': {
        const { values, positionals } = parse(rest, newOptions, 'new')
        if (values.help) return help(io, newHelp)
        const [type, ...words] = positionals
        if (type !== 'note' && type !== 'inquiry') throw new UsageError('new: say what to create: `quire new note "Title"` or `quire new inquiry "Title"`.')
        if (words.length === 0) throw new UsageError(`new: give the ${type}'s title: \`quire new ${type} "Does X improve Y?"\`.`)
        const { newCommand } = await import('./commands/new.js')
        return await newCommand({ type, title: words.join(' '), notesDir: values.dir }, io)
      }
      case 'import': {
        const { importCommand, importHelp, importOptions } = await import('./commands/import.js')
        const { values, positionals } = parse(rest, importOptions, 'import')
        if (values.help) return help(io, importHelp)
        return await importCommand({ files: positionals, into: values.into, dryRun: values['dry-run'], force: values.force }, io)
      }
      default:
        throw new UsageError(`unknown command "${command}". Commands: build, check, dev, new, import. Run \`quire --help\` for more.`)
    }
  } catch (problem) {
    if (problem instanceof UsageError) {
      // The message may quote arguments: it stays one line.
      io.stderr(`quire: ${oneLine(problem.message)}\n`)
      return exitCode.usage
    }
    throw problem
  }
}

function buildDate(text: string | undefined, command: string): CalendarDay | undefined {
  if (text === undefined) return undefined
  const day = parseCalendarDay(text)
  if (!day) throw new UsageError(`${command}: --build-date must be a real day written YYYY-MM-DD, not "${text}".`)
  return day
}

function help(io: CommandIO, text: string): ExitCode {
  io.stdout(text)
  return exitCode.ok
}

function parse<O extends NonNullable<ParseArgsConfig['options']>>(args: readonly string[], options: O, command: string) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true })
  } catch (problem) {
    const message = (problem as Error).message.replace(/\. To specify a positional argument.*$/s, '')
    throw new UsageError(`${command}: ${message}. Run \`quire ${command} --help\` for the options.`)
  }
}

function notesFolder(positionals: readonly string[], io: CommandIO, command: string): string {
  if (positionals.length > 1) throw new UsageError(`${command}: expected one notes folder, got ${positionals.length}: ${positionals.join(' ')}`)
  const folder = positionals[0] ?? 'notes'
  const info = (() => {
    try {
      return statSync(path.resolve(io.cwd, folder))
    } catch {
      return undefined
    }
  })()
  if (!info)
    throw new UsageError(
      `${command}: the notes folder "${folder}" does not exist. Pass the folder that holds your .md files, such as \`quire ${command} notes\`.`,
    )
  if (!info.isDirectory()) throw new UsageError(`${command}: "${folder}" is not a folder. Pass the folder that holds your .md files.`)
  return folder
}
