/**
 * The research-health report: what in the library needs attention, as data
 * (for `--json`) and as text.
 */
import { ageInMonths, parseFuzzyDate, type CalendarDay } from '../dates.js'
import { oneLine } from '../diagnostics.js'
import { unwrittenNotes, type UnwrittenNote } from '../graph/unwritten-notes.js'
import type { Graph, Slug } from '../model.js'
import { citedPapers } from '../graph/papers.js'

/** Options of the report. */
export interface ReportOptions {
  readonly buildDate: CalendarDay
  readonly staleAfterMonths: number
  /** Inquiries with fewer sources than this are listed as thin. */
  readonly minSources: number
}

/** A claim, named by its inquiry and its 1-based number. */
interface ReportedClaim {
  readonly inquiry: string
  readonly claim: number
  readonly text: string
  readonly date: string
}

/** The research-health report. */
export interface ResearchReport {
  readonly buildDate: string
  readonly staleAfterMonths: number
  readonly minSources: number
  readonly staleClaims: readonly (ReportedClaim & { readonly ageMonths: number })[]
  readonly unsupportedClaims: readonly ReportedClaim[]
  readonly uncitedNotes: readonly string[]
  readonly thinInquiries: readonly { readonly inquiry: string; readonly sources: number }[]
  readonly papersCitedOnce: readonly { readonly arxiv: string; readonly citedBy: string }[]
  /** Notes linked but not written yet, most cited first: what to write next. */
  readonly unwrittenNotes: readonly UnwrittenNote[]
}

/** How many citing documents the text report names for each note not written yet (`--json` has them all). */
const citersShown = 5

/** Build the report from the graph. */
export function researchReport(graph: Graph, options: ReportOptions): ResearchReport {
  const staleClaims: (ReportedClaim & { ageMonths: number })[] = []
  const unsupportedClaims: ReportedClaim[] = []
  const thinInquiries: { inquiry: string; sources: number }[] = []
  const cited = new Set<Slug>()
  for (const [slug, doc] of graph.documents) {
    if (doc.type !== 'inquiry') continue
    const sources = graph.sources.get(slug) ?? []
    for (const note of sources) cited.add(note)
    if (sources.length < options.minSources) thinInquiries.push({ inquiry: slug, sources: sources.length })
    const support = graph.claimSupport.get(slug) ?? []
    doc.data.prompt?.claims.forEach((claim, i) => {
      const reported = { inquiry: slug, claim: i + 1, text: claim.text, date: claim.date }
      const date = parseFuzzyDate(claim.date)
      const age = date ? ageInMonths(date, options.buildDate) : 0
      if (age > options.staleAfterMonths) staleClaims.push({ ...reported, ageMonths: age })
      const supported = (support[i] ?? []).filter((result) => result.kind === 'resolved')
      for (const result of supported) if (result.kind === 'resolved') cited.add(result.slug)
      if (supported.length === 0) unsupportedClaims.push(reported)
    })
  }
  const uncitedNotes = [...graph.documents.values()].filter((doc) => doc.type === 'note' && !cited.has(doc.slug)).map((doc) => doc.slug)
  const papersCitedOnce = [...citedPapers(graph)]
    .filter(([, entry]) => entry.citedBy.length === 1)
    .map(([arxiv, entry]) => ({ arxiv, citedBy: entry.citedBy[0]! }))
  const { year, month, day } = options.buildDate
  return {
    buildDate: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    staleAfterMonths: options.staleAfterMonths,
    minSources: options.minSources,
    staleClaims,
    unsupportedClaims,
    uncitedNotes,
    thinInquiries,
    papersCitedOnce,
    unwrittenNotes: unwrittenNotes(graph),
  }
}

/** The report as text for a terminal. */
export function formatReport(report: ResearchReport): string {
  const lines = [`Research health on ${report.buildDate} (claims are stale after ${report.staleAfterMonths} months)`]
  const group = (title: string, items: readonly string[]): void => {
    lines.push('', `${title}: ${items.length}`)
    // Claims and slugs come from the notes: one item, one line.
    for (const item of items) lines.push(`  ${oneLine(item)}`)
  }
  const claim = (c: ReportedClaim): string => `${c.inquiry} claim ${c.claim} (${c.date}): ${c.text}`
  group(
    'Stale claims',
    report.staleClaims.map((c) => `${claim(c)} [${c.ageMonths} months]`),
  )
  group('Claims with no supporting note', report.unsupportedClaims.map(claim))
  group('Notes cited by no inquiry', report.uncitedNotes)
  group(
    `Inquiries with fewer than ${report.minSources} sources`,
    report.thinInquiries.map((t) => `${t.inquiry} (${t.sources})`),
  )
  group(
    'Papers cited once',
    report.papersCitedOnce.map((p) => `arXiv:${p.arxiv} (${p.citedBy})`),
  )
  group('Notes not written yet, most cited first', report.unwrittenNotes.map(unwrittenLine))
  return lines.join('\n') + '\n'
}

/** "name: cited by 7 (a, b, c, d, e and 2 more)". */
function unwrittenLine(note: UnwrittenNote): string {
  const shown = note.citedBy.slice(0, citersShown).join(', ')
  const more = note.citedBy.length > citersShown ? ` and ${note.citedBy.length - citersShown} more` : ''
  return `${note.name}: cited by ${note.citedBy.length} (${shown}${more})`
}

/** Characters `JSON.stringify` leaves as they are that a terminal or a line-based reader may act on: DEL, C1, U+2028 and U+2029. */
const unescapedControls = /[\u007f-\u009f\u2028\u2029]/g

/**
 * A value as indented JSON with every control character escaped:
 * `JSON.stringify` escapes C0 characters but not DEL, C1 or the line and
 * paragraph separators. These can only occur inside strings, so the
 * result is the same JSON value.
 */
export function controlFreeJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(unescapedControls, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`)
}
