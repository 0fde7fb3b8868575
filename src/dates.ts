/**
 * Dates as research notes write them: `2025`, `2025-04`, `2025-04-12`, and
 * approximate `~2025`. Each keeps its precision, so a claim from "~2025"
 * is never treated as if it were from a known day.
 */

/** A calendar day (the build date). */
export interface CalendarDay {
  readonly year: number
  readonly month: number
  readonly day: number
}

/** How precisely a date is known. */
type DatePrecision = 'year' | 'month' | 'day'

/** A parsed date with its precision. */
export interface FuzzyDate {
  /** As written: `~2025`, `2025-04`. */
  readonly text: string
  readonly year: number
  /** 1–12, when precision is month or day. */
  readonly month: number | undefined
  readonly day: number | undefined
  readonly precision: DatePrecision
  /** Written with `~`. */
  readonly approximate: boolean
}

/** Parse a date already validated by the schema; undefined if it is not one. */
export function parseFuzzyDate(text: string): FuzzyDate | undefined {
  const match = /^(~)?(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text.trim())
  if (!match) return undefined
  const month = match[3] ? Number(match[3]) : undefined
  const day = match[4] ? Number(match[4]) : undefined
  return { text: text.trim(), year: Number(match[2]), month, day, precision: day ? 'day' : month ? 'month' : 'year', approximate: match[1] === '~' }
}

const monthNames = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']

/** `january`, `jan`, `sept` → 1, 1, 9; undefined for anything else. */
function monthNumber(name: string): number | undefined {
  const lower = name.toLowerCase().replace(/\.$/, '')
  const index = monthNames.findIndex((month) => month === lower || (lower.length >= 3 && month.startsWith(lower)))
  return index === -1 ? undefined : index + 1
}

/** A date as a note's front matter gives it, read: the date in quire's form, or why it is not one. */
export type ReadDate = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly problem: 'form' | 'day' }

/**
 * Read a document's date the ways vaults write them, into quire's form:
 *
 * - quire's own: `2025`, `2025-04`, `2025-04-12`, `~2025` (kept as written);
 * - a day with a time, as Obsidian's and other tools' date-time fields
 *   write it: `2024-01-02 13:45`, `2024-01-02T13:45:00`, with seconds,
 *   fractions and a zone (`Z`, `+01:00`) or not → `2024-01-02`, the day
 *   as written (the time and zone are read and set aside: pages and the
 *   feed show days);
 * - English month names: `January 2, 2024`, `Jan 2nd, 2024`,
 *   `2 January 2024` → `2024-01-02`; `January 2024` → `2024-01`.
 *
 * Numeric days with slashes (`01/02/2024`) are refused: they mean the 1st
 * of February in some places and the 2nd of January in others.
 */
export function readDocumentDate(written: string): ReadDate {
  const text = written.trim()
  let year: number
  let month: number | undefined
  let day: number | undefined
  let match: RegExpExecArray | null
  if (/^~?\d{4}(-\d{2}(-\d{2})?)?$/.test(text)) {
    const fuzzy = parseFuzzyDate(text)!
    if (fuzzy.month !== undefined && (fuzzy.month < 1 || fuzzy.month > 12)) return { ok: false, problem: 'form' }
    return fuzzy.day === undefined || isRealDay(fuzzy.year, fuzzy.month!, fuzzy.day) ? { ok: true, text } : { ok: false, problem: 'day' }
  } else if ((match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?: ?(?:Z|[+-]\d{2}(?::?\d{2})?))?)$/i.exec(text))) {
    ;[year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
    if (Number(match[4]) > 23 || Number(match[5]) > 59 || Number(match[6] ?? 0) > 60) return { ok: false, problem: 'form' }
  } else if ((match = /^([a-z]+\.?) (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})$/i.exec(text))) {
    ;[month, day, year] = [monthNumber(match[1]!), Number(match[2]), Number(match[3])]
  } else if ((match = /^(\d{1,2})(?:st|nd|rd|th)? ([a-z]+\.?),? (\d{4})$/i.exec(text))) {
    ;[day, month, year] = [Number(match[1]), monthNumber(match[2]!), Number(match[3])]
  } else if ((match = /^([a-z]+\.?),? (\d{4})$/i.exec(text))) {
    ;[month, year] = [monthNumber(match[1]!), Number(match[2])]
  } else {
    return { ok: false, problem: 'form' }
  }
  if (month === undefined || month < 1 || month > 12) return { ok: false, problem: 'form' }
  const pad = (n: number): string => String(n).padStart(2, '0')
  if (day === undefined) return { ok: true, text: `${year}-${pad(month)}` }
  if (!isRealDay(year, month, day)) return { ok: false, problem: 'day' }
  return { ok: true, text: `${year}-${pad(month)}-${pad(day)}` }
}

/** Does the day exist (not `2025-02-30`)? */
function isRealDay(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

/** The value for a `<time datetime>` attribute: `2025`, `2025-04`, `2025-04-12`. */
export function machineDate(date: FuzzyDate): string {
  return date.text.replace(/^~/, '')
}

/**
 * Whole months from the date to `day`, counted from the latest moment the
 * date could mean (a claim from "2025" may be from December 2025), so an
 * approximate date is never called older than it might be.
 */
export function ageInMonths(date: FuzzyDate, day: CalendarDay): number {
  const month = date.month ?? 12
  let months = (day.year - date.year) * 12 + (day.month - month)
  if (date.day !== undefined && day.day < date.day) months -= 1
  return months
}

/** Today in UTC, or the day of `SOURCE_DATE_EPOCH` (seconds) when it is set, for reproducible builds. */
export function defaultBuildDate(env: NodeJS.ProcessEnv = process.env, now: Date = new Date()): CalendarDay {
  const epoch = env.SOURCE_DATE_EPOCH
  const date = epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : now
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() }
}

/** Parse `--build-date YYYY-MM-DD`. */
export function parseCalendarDay(text: string): CalendarDay | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  if (!match) return undefined
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const date = new Date(Date.UTC(year, month - 1, day))
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined
  return { year, month, day }
}

/** "2025–2026", or "2025" when both ends are the same year. */
export function yearSpan(years: readonly number[]): string | undefined {
  if (years.length === 0) return undefined
  const low = Math.min(...years)
  const high = Math.max(...years)
  return low === high ? String(low) : `${low}–${high}`
}

/** Are `a` and `b` the same day? */
export function sameDay(a: CalendarDay, b: CalendarDay): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day
}
