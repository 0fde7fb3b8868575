/**
 * `quire import FILE... [--into NOTES_DIR]`: turn text exports of inquiry
 * pages into an inquiry file and one note per source.
 *
 * read exports → parse (src/import/parse-export.ts) → read the notes folder
 * → plan (src/import/plan-import.ts) → write, never replacing a file unless
 * `--force`. Problems are diagnostics at their line in the text file.
 */
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { ParseArgsConfig } from 'node:util'
import { countDiagnostics, formatDiagnostic, oneLine, sortDiagnostics, error, warning, type Diagnostic } from '../diagnostics.js'
import { parseExport, type ExportedInquiry } from '../import/parse-export.js'
import { libraryOf, planImport, type Library } from '../import/plan-import.js'
import { loadConfig } from '../load/config.js'
import { loadNotes } from '../load/load-notes.js'
import type { Doc, SourceFile } from '../model.js'
import { needsTimeLimit } from '../parse/complexity.js'
import { parseDocument, type ParseResult } from '../parse/parse-document.js'
import { parseWithTimeLimit } from '../build/parse-sandbox.js'
import { plural } from './build.js'
import { exitCode, type CommandIO, type ExitCode } from './io.js'

/** `quire import --help`. */
export const importHelp = `Usage: quire import FILE... [options]

Reads text exports of inquiry pages (INQUIRING LINE, the question, the
summary, the prose, Sources, the research prompt, Next inquiring lines) and
writes an inquiry to NOTES_DIR/inquiries/<slug>.md and one note per source
to NOTES_DIR/<slug>.md, slugs made from the titles. Source titles in the
prose become [[slug]] links; the prompt becomes \`prompt\` data.

A note whose title is already in NOTES_DIR is linked, not written again.
An existing file is never overwritten unless you pass --force. Anything
that cannot be placed is reported as a warning at its line in the text
file, and the rest is still imported.

Options:
  -i, --into NOTES_DIR  the notes folder to write into (default: notes)
  -n, --dry-run         print the files that would be written; write nothing
      --force           overwrite files that already exist (such as an
                        inquiry imported before)
  -h, --help            show this help
`

/** The options `quire import` accepts, for `parseArgs`. */
export const importOptions = {
  into: { type: 'string', short: 'i', default: 'notes' },
  'dry-run': { type: 'boolean', short: 'n', default: false },
  force: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies ParseArgsConfig['options']

/** Options of `quire import`. */
export interface ImportOptions {
  /** The text exports to read. */
  readonly files: readonly string[]
  /** The notes folder to write into (created when missing). */
  readonly into: string
  readonly dryRun: boolean
  readonly force: boolean
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

/** Import the exports; print what was written, every problem, and a summary line. */
export async function importCommand(options: ImportOptions, io: CommandIO): Promise<ExitCode> {
  const display = (file: string): string => {
    const relative = path.relative(io.cwd, file)
    return (relative === '' ? '.' : relative.startsWith('..') || path.isAbsolute(relative) ? file : relative).split(path.sep).join('/')
  }
  if (options.files.length === 0) {
    io.stderr('quire: import: give at least one text export to import, such as `quire import export.txt --into notes`.\n')
    return exitCode.usage
  }
  const notesDir = path.resolve(io.cwd, options.into)
  const folder = await stat(notesDir).catch(() => undefined)
  if (folder && !folder.isDirectory()) {
    io.stderr(`quire: import: "${oneLine(options.into)}" is not a folder. Pass the notes folder with --into.\n`)
    return exitCode.usage
  }

  // Read every export first: a missing file is a usage error, and then nothing is written.
  const texts: { file: string; bytes: Uint8Array }[] = []
  for (const file of options.files) {
    const full = path.resolve(io.cwd, file)
    try {
      texts.push({ file: display(full), bytes: await readFile(full) })
    } catch (problem) {
      const why = (problem as NodeJS.ErrnoException).code === 'EISDIR' ? 'it is a folder' : 'no such file, or it cannot be read'
      io.stderr(`quire: import: cannot read "${oneLine(file)}" (${why}). Nothing was imported.\n`)
      return exitCode.usage
    }
  }

  const diagnostics: Diagnostic[] = []
  const exported: ExportedInquiry[] = []
  for (const { file, bytes } of texts) {
    let text: string
    try {
      text = utf8.decode(bytes)
    } catch {
      diagnostics.push(
        error(
          file,
          { line: 1, column: 1 },
          'import-not-export',
          'This file is not valid UTF-8 text, so it is not an inquiry export. Nothing was imported from it.',
        ),
      )
      continue
    }
    const parsed = parseExport(text, file)
    diagnostics.push(...parsed.diagnostics)
    if (parsed.inquiry) exported.push(parsed.inquiry)
  }

  const plan = planImport(exported, folder ? await readLibrary(notesDir, display) : { documents: [], files: [] })
  diagnostics.push(...plan.diagnostics)

  const lines: string[] = []
  const written = { inquiry: 0, note: 0 }
  let skipped = 0
  let failed = false
  for (const file of plan.files) {
    const target = path.join(notesDir, ...file.relativePath.split('/'))
    // Printed on one line: any control character in the name is shown escaped.
    const shown = oneLine(display(target))
    const skip = (): void => {
      skipped++
      diagnostics.push(
        warning(
          file.from,
          { line: file.line, column: 1 },
          'import-file-exists',
          `${shown} already exists, so this ${file.type} was not written. Pass --force to overwrite it.`,
        ),
      )
    }
    if (file.replaces !== undefined && !options.force) {
      skip()
      continue
    }
    if (options.dryRun) {
      lines.push(`==> ${shown} (${file.replaces === undefined ? `new ${file.type}` : `overwrites the existing ${file.type}`}) <==\n${file.text}`)
      written[file.type]++
      continue
    }
    try {
      await mkdir(path.dirname(target), { recursive: true })
      // `wx` fails if the file appeared since the folder was read: still never overwrite without --force.
      await writeFile(target, file.text, { flag: options.force ? 'w' : 'wx' })
      lines.push(`wrote ${shown}`)
      written[file.type]++
    } catch (problem) {
      if ((problem as NodeJS.ErrnoException).code === 'EEXIST') {
        skip()
      } else {
        io.stderr(`quire: error: could not write ${shown}: ${oneLine((problem as Error).message)}\n`)
        failed = true
      }
    }
  }
  for (const note of plan.linked) {
    lines.push(`linked ${oneLine(display(path.join(notesDir, ...note.relativePath.split('/'))))} (a note titled "${oneLine(note.title)}" already exists)`)
  }
  if (lines.length > 0) io.stdout(lines.join('\n') + '\n')

  const sorted = sortDiagnostics(diagnostics)
  for (const d of sorted) io.stderr(formatDiagnostic(d) + '\n')
  const { errors, warnings } = countDiagnostics(sorted)
  const counts = `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`
  const extra = [plan.linked.length > 0 ? `${plural(plan.linked.length, 'existing note')} linked` : '', skipped > 0 ? `${skipped} skipped` : '']
    .filter(Boolean)
    .join(', ')
  const tally = `(${extra ? `${extra}; ` : ''}${counts})`
  const what = `${plural(written.inquiry, 'inquiry').replace(/inquirys$/, 'inquiries')} and ${plural(written.note, 'note')}`
  const from = `from ${plural(texts.length, 'file')} into ${oneLine(display(notesDir))}/`
  io.stderr(options.dryRun ? `quire: dry run: would write ${what} ${from}; nothing was written ${tally}\n` : `quire: imported ${what} ${from} ${tally}\n`)
  return errors > 0 || failed ? exitCode.failed : exitCode.ok
}

/** Every document in the notes folder, read with quire's own loader and parser. */
async function readLibrary(notesDir: string, display: (file: string) => string): Promise<Library> {
  const [loaded, { config }] = await Promise.all([loadNotes(notesDir, display), loadConfig(notesDir, display)])
  // A note that could take long to parse is parsed in a worker stopped at the time limit, as a build does.
  const here = (file: SourceFile): ParseResult => parseDocument(file, { keepTree: false })
  const risky = loaded.files.filter((file) => needsTimeLimit(file.text))
  const limited = await parseWithTimeLimit(risky, { seconds: config.noteTimeLimit, draft: 'none', here })
  const limitedByPath = new Map(risky.map((file, i) => [file.path, limited[i]!]))
  const documents: Doc[] = []
  for (const file of loaded.files) {
    const parsed = limitedByPath.get(file.path) ?? here(file)
    if (parsed.document) documents.push(parsed.document)
  }
  return libraryOf(loaded.files, documents)
}
