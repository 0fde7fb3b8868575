/**
 * Research integrity: dated claims that have gone stale, anchor papers
 * whose id and date disagree or that cannot exist yet, and claims that
 * cite notes the library does not have.
 */
import { agreesWith, isFromTheFuture, parseArxivId } from '../arxiv.js'
import { ageInMonths, parseFuzzyDate, type CalendarDay } from '../dates.js'
import { error, warning, type Diagnostic } from '../diagnostics.js'
import { positionOf, type Doc, type Graph } from '../model.js'
import { ambiguity } from './check-graph.js'

/** What research checks are measured against. */
export interface ResearchContext {
  /** The day the site is built for (reproducible: an option or SOURCE_DATE_EPOCH). */
  readonly buildDate: CalendarDay
  /** Claims older than this many months should be re-tested. */
  readonly staleAfterMonths: number
}

/** Every research-integrity problem in the library. */
export function checkResearch(graph: Graph, context: ResearchContext, only?: readonly Doc[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = []
  const today = `${context.buildDate.year}-${String(context.buildDate.month).padStart(2, '0')}-${String(context.buildDate.day).padStart(2, '0')}`
  // Each problem here is reported in the file it is about, from that document and the graph alone.
  for (const doc of only ? only.filter((doc) => graph.documents.get(doc.slug) === doc) : graph.documents.values()) {
    const slug = doc.slug
    const file = doc.file.displayPath
    const papers = doc.data.papers ?? []
    papers.forEach((id, i) => checkFuture(diagnostics, doc, `papers.${i}`, id, context.buildDate, today))
    if (doc.type !== 'inquiry' || !doc.data.prompt) continue
    const prompt = doc.data.prompt

    prompt.claims.forEach((claim, i) => {
      const date = parseFuzzyDate(claim.date)
      if (date) {
        const age = ageInMonths(date, context.buildDate)
        if (age > context.staleAfterMonths) {
          diagnostics.push(
            warning(
              file,
              positionOf(doc, `prompt.claims.${i}.date`),
              'stale-claim',
              `Claim ${i + 1} is dated ${claim.date}, ${age} months before ${today} (the threshold is ${context.staleAfterMonths}). Re-test it, then update its date.`,
            ),
          )
        }
      }
      const support = graph.claimSupport.get(slug)?.[i] ?? []
      claim.notes.forEach((name, j) => {
        const result = support[j]
        const at = positionOf(doc, `prompt.claims.${i}.notes.${j}`)
        if (result?.kind === 'unresolved') {
          diagnostics.push(
            error(file, at, 'unresolved-link', `Claim ${i + 1} cites "${name}", which does not match any note. Fix the slug or create the note.`),
          )
        } else if (result?.kind === 'resolved' && result.candidates) {
          diagnostics.push(warning(file, at, 'ambiguous-link', ambiguity(`Claim ${i + 1} cites "${name}", which`, result.slug, result.candidates)))
        }
      })
    })

    prompt.anchors.forEach((anchor, i) => {
      const paper = checkFuture(diagnostics, doc, `prompt.anchors.${i}.arxiv`, anchor.arxiv, context.buildDate, today)
      const date = parseFuzzyDate(anchor.date)
      if (paper && date && !agreesWith(paper, date)) {
        const expected = `${paper.year}-${String(paper.month).padStart(2, '0')}`
        diagnostics.push(
          warning(
            file,
            positionOf(doc, `prompt.anchors.${i}.date`),
            'arxiv-date-mismatch',
            `arXiv:${anchor.arxiv} was submitted in ${expected} (its id says so), but its date here is ${anchor.date}. Check the id and the date.`,
          ),
        )
      }
    })
  }
  return diagnostics
}

function checkFuture(diagnostics: Diagnostic[], doc: Doc, path: string, id: string, day: CalendarDay, today: string) {
  const paper = parseArxivId(id)
  if (paper && isFromTheFuture(paper, day)) {
    diagnostics.push(
      error(
        doc.file.displayPath,
        positionOf(doc, path),
        'arxiv-future',
        `arXiv:${id} would be submitted in ${paper.year}-${String(paper.month).padStart(2, '0')}, after the build date ${today}. Check the id.`,
      ),
    )
  }
  return paper
}
