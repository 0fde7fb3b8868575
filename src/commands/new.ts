/**
 * `quire new note|inquiry "Title"`: start a document with every required field.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { newInquiry, newNote } from '../../templates/scaffold.js'
import { oneLine } from '../diagnostics.js'
import type { DocumentType } from '../model.js'
import { slugFromTitle } from '../slug.js'
import { exitCode, UsageError, type CommandIO, type ExitCode } from './io.js'

/** Options of `quire new`. */
export interface NewOptions {
  readonly type: DocumentType
  readonly title: string
  readonly notesDir: string
}

/** Where a new document of `type` goes: notes at the top, inquiries in `inquiries/`. */
function newDocumentPath(notesDir: string, type: DocumentType, slug: string): string {
  return type === 'inquiry' ? path.join(notesDir, 'inquiries', `${slug}.md`) : path.join(notesDir, `${slug}.md`)
}

/** Write the new file, refusing to overwrite one that exists; print its path. */
export async function newCommand(options: NewOptions, io: CommandIO): Promise<ExitCode> {
  const title = options.title.trim()
  const slug = slugFromTitle(title)
  if (!slug) throw new UsageError(`new: the title "${options.title}" has no letters or digits to make a file name from.`)
  const file = newDocumentPath(path.resolve(io.cwd, options.notesDir), options.type, slug)
  await mkdir(path.dirname(file), { recursive: true })
  try {
    await writeFile(file, options.type === 'inquiry' ? newInquiry(title) : newNote(title), { flag: 'wx' })
  } catch (problem) {
    if ((problem as NodeJS.ErrnoException).code === 'EEXIST') {
      io.stderr(
        `quire: error: ${oneLine(path.relative(io.cwd, file))} already exists; quire new never overwrites a file. Choose another title or edit that file.\n`,
      )
      return exitCode.failed
    }
    throw problem
  }
  io.stdout(`${oneLine(path.relative(io.cwd, file))}\n`)
  return exitCode.ok
}
