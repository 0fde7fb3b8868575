/**
 * arXiv identifiers, checked offline: new style `YYMM.NNNNN` (optionally
 * `vN`) and old style `archive/YYMMNNN`. The YYMM part says when the paper
 * was submitted, which lets quire catch ids from the future and paper dates
 * that disagree with their id.
 */
import type { CalendarDay, FuzzyDate } from './dates.js'

/** A parsed arXiv id. */
export interface ArxivId {
  readonly id: string
  /** Year and month of submission, from YYMM. */
  readonly year: number
  readonly month: number
}

/** Parse an id the schema accepted. Years 91–99 are the 1990s (arXiv began in 1991). */
export function parseArxivId(id: string): ArxivId | undefined {
  const match = /^(?:(\d{2})(\d{2})\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?\/(\d{2})(\d{2})\d{3})(?:v\d+)?$/.exec(id)
  if (!match) return undefined
  const yy = Number(match[1] ?? match[3])
  const month = Number(match[2] ?? match[4])
  return { id, year: yy >= 91 ? 1900 + yy : 2000 + yy, month }
}

/** Was the paper submitted after `day`? */
export function isFromTheFuture(paper: ArxivId, day: CalendarDay): boolean {
  return paper.year > day.year || (paper.year === day.year && paper.month > day.month)
}

/** Does the paper's stated date agree with its id? (A year-only date agrees with any month of its year.) */
export function agreesWith(paper: ArxivId, date: FuzzyDate): boolean {
  if (date.year !== paper.year) return false
  return date.month === undefined || date.month === paper.month
}
