/**
 * What the dev server says when it cannot make a file: which file of the
 * notes folder the problem concerns, and the problem's message, with no
 * stack and no absolute paths (the page may be seen by anyone looking at
 * the screen, and says nothing about the machine beyond the notes folder).
 */
import path from 'node:path'
import { oneLine } from '../diagnostics.js'

/** A file of the site could not be made: the file of the notes folder it was made from, if one, and why. */
export class SiteFileFailure extends Error {
  override readonly name = 'SiteFileFailure'

  constructor(
    /** The path of the note or attachment, relative to the notes folder, with `/` separators; `undefined` for a file made from the whole library. */
    readonly source: string | undefined,
    /** Why, without absolute paths. */
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }
}

/** The message of a thrown value (its text if it is not an Error), without a stack. */
export function messageOf(problem: unknown): string {
  if (problem instanceof Error) return problem.message
  return String(problem)
}

/**
 * A message with the notes folder's absolute path made relative to it
 * (`…/notes/img/a.png` → `img/a.png`) and any other absolute path cut to
 * its last part, so it can be shown without telling where things are on
 * the machine.
 */
export function withoutAbsolutePaths(message: string, notesDir?: string): string {
  let text = message
  if (notesDir !== undefined) {
    const folder = notesDir.replace(/[\\/]+$/, '')
    if (folder !== '') {
      text = text
        .split(folder + path.sep)
        .join('')
        .split(folder + '/')
        .join('')
      text = text.replace(new RegExp(`${escapeRegExp(folder)}(?=$|[\\s'"\`)>\\]])`, 'g'), '.')
    }
  }
  return text.replace(absolutePath, (_whole, before: string, _root: string, last: string) => `${before}${last}`)
}

/**
 * An absolute path after the start, a space, a quote or a bracket: a POSIX
 * path or a Windows drive path of at least two parts. Group 1 is what
 * comes before it, group 3 its last part.
 */
const absolutePath = /(^|[\s'"`(<[=])((?:\/|[A-Za-z]:\\)(?:[^\s'"`()<>[\]\\/]+[\\/])+)([^\s'"`()<>[\]\\/]+)/g

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** The path of a file on disk as the notes folder names it (`img/a.png`), or its bare name when it is outside the folder. */
export function notesRelative(file: string, notesDir: string): string {
  const relative = path.relative(notesDir, file)
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return path.basename(file)
  return relative.split(path.sep).join('/')
}

/**
 * One line saying which page could not be made, from which file of the
 * notes folder, and why, with no stack and no absolute paths.
 */
export function failureLine(requested: string, problem: unknown): string {
  const from = problem instanceof SiteFileFailure && problem.source !== undefined ? ` from ${problem.source}` : ''
  const why = problem instanceof SiteFileFailure ? problem.message : withoutAbsolutePaths(messageOf(problem))
  return oneLine(`quire dev could not make ${requested}${from}: ${why}`)
}

/** The dev server's 500 page, in plain text: {@link failureLine}, then where to look for more. */
export function failurePage(requested: string, problem: unknown): string {
  return `${failureLine(requested, problem)}\nThe terminal running quire dev says the same; run it with QUIRE_DEBUG=1 set to have it print the stack too.\n`
}
