/**
 * Import, step 1: the text export of an inquiry page → a typed value.
 *
 * An export is what a reader gets by copying an inquiry line's page as
 * plain text. It reads, in order:
 *
 *   INQUIRING LINE
 *   the question
 *   the summary paragraph
 *   the prose paragraphs (the first one repeats the summary first)
 *   Sources N notes, then title / summary paragraphs
 *   Research prompt for your LLM [expand ↓], a "Copy into …" line, the prompt
 *   Next inquiring lines, then one title of another inquiry per line
 *
 * Pure: text in, value and diagnostics out. Every part keeps the 1-based
 * line it came from, so later steps can report problems at that line.
 */
import { warning, error, type Diagnostic } from '../diagnostics.js'
import { arxivId, dateText } from '../parse/schema.js'
import { promptText } from '../../templates/prompt.js'
import { closest } from '../closest.js'

/** A paragraph of prose and the line it starts on. */
interface ExportedParagraph {
  /** The paragraph's lines joined with `\n`, repeated text removed. */
  readonly text: string
  readonly line: number
}

/** One entry of the Sources list: a note. */
export interface ExportedSource {
  readonly title: string
  readonly line: number
  /** Undefined when the export gives no summary paragraph for it. */
  readonly summary: string | undefined
  readonly summaryLine: number | undefined
}

interface ExportedClaim {
  readonly text: string
  readonly date: string
  readonly line: number
}

interface ExportedAnchor {
  readonly arxiv: string
  readonly date: string
  readonly title: string
  readonly line: number
}

interface ExportedTask {
  readonly text: string
  readonly line: number
}

/** The research prompt, taken apart into the data quire's template writes it from. */
interface ExportedPrompt {
  readonly line: number
  readonly role: string
  readonly question: string
  readonly library: string | undefined
  readonly claims: readonly ExportedClaim[]
  readonly anchors: readonly ExportedAnchor[]
  readonly tasks: readonly ExportedTask[]
  /** The closing line, only when it differs from the template's default. */
  readonly closing: string | undefined
}

/** A "Next inquiring lines" entry: the title of another inquiry. */
interface ExportedNext {
  readonly title: string
  readonly line: number
}

/** Everything an export says, with line numbers. */
export interface ExportedInquiry {
  /** The export's path as the user should see it (for diagnostics). */
  readonly file: string
  readonly question: string
  readonly questionLine: number
  readonly summary: string
  readonly summaryLine: number
  readonly prose: readonly ExportedParagraph[]
  /** The line of the "Sources N notes" heading, if any. */
  readonly sourcesLine: number | undefined
  readonly sources: readonly ExportedSource[]
  readonly prompt: ExportedPrompt | undefined
  readonly next: readonly ExportedNext[]
}

/** What parsing found: the inquiry (undefined when the text is not an export) and every problem. */
export interface ParseExportResult {
  readonly inquiry: ExportedInquiry | undefined
  readonly diagnostics: Diagnostic[]
}

interface Line {
  readonly text: string
  /** 1-based. */
  readonly number: number
}

/** A run of non-blank lines. */
type Block = readonly Line[]

type Part = 'head' | 'sources' | 'prompt' | 'next' | 'skip'

const headerLine = /^INQUIRING LINE$/i
const sourcesHeading = /^Sources(?:\s+(\d+)\s+notes?)?$/i
// The export glues the page's toggle on: "Research prompt for your LLMexpand ↓".
const promptHeading = /^Research prompt for your LLM/i
const nextHeading = /^Next inquiring lines(?:\s+\d+\s+\w+)?$/i
/** Headings quire does not know, recognised by their shape: "Tags 3 items", "… expand ↓", or a known page label. */
const otherHeading =
  /^(?:[A-Z][A-Za-z ]*?\s+\d+\s+(?:notes?|papers?|lines?|inquir(?:y|ies)|items?|links?|sources?|claims?|tags?)|.{1,60}?\s*(?:expand|collapse)\s*[↓↑]|Cited by|Backlinks|Related(?: notes| inquiries| lines)?|See also|References|Tags|Comments)$/i
const copyIntro = /^Copy into\b/i
const emptyList = /^None yet\.?$/i

/** The closing line quire's template writes when `prompt.closing` is not set. */
export const defaultClosing: string = (() => {
  const text = promptText({ role: 'r', question: 'q', library: undefined, claims: [], anchors: [], tasks: [], closing: undefined }).trimEnd()
  return text.slice(text.lastIndexOf('\n') + 1)
})()

/** The fixed words after "found these dated claims" in the template. */
const introTail: string = (() => {
  const text = promptText({ role: 'r', question: 'q', library: undefined, claims: [], anchors: [], tasks: [], closing: undefined })
  const first = text.slice(0, text.indexOf('\n'))
  return first.slice(first.indexOf('found these dated claims') + 'found these dated claims'.length)
})()

/** Parse one export. `file` is the path to show in diagnostics. */
export function parseExport(text: string, file: string): ParseExportResult {
  const diagnostics: Diagnostic[] = []
  const warn = (line: number, code: Parameters<typeof warning>[2], message: string): void => {
    diagnostics.push(warning(file, { line, column: 1 }, code, message))
  }
  const lines: Line[] = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n|\r/)
    .map((raw, i) => ({ text: raw.trim(), number: i + 1 }))

  const first = lines.find((line) => line.text !== '')
  if (!first || !headerLine.test(first.text)) {
    diagnostics.push(
      error(
        file,
        { line: first?.number ?? 1, column: 1 },
        'import-not-export',
        `This is not an inquiry export: it should start with the line "INQUIRING LINE"${first ? `, not "${clip(first.text)}"` : ' (the file is empty)'}. Nothing was imported from it.`,
      ),
    )
    return { inquiry: undefined, diagnostics }
  }

  // Split the lines into the page's parts by their headings.
  const parts: Record<Exclude<Part, 'skip'>, Line[]> = { head: [], sources: [], prompt: [], next: [] }
  const seen = new Set<Part>(['head'])
  let part: Part = 'head'
  let sourcesLine: number | undefined
  let declaredSources: number | undefined
  let promptLine: number | undefined
  for (const line of lines.slice(lines.indexOf(first) + 1)) {
    const heading = headingOf(line.text)
    if (heading === 'skip') {
      warn(
        line.number,
        'import-unrecognised-section',
        `Unrecognised section "${clip(line.text)}": quire does not know where to put it, so its lines up to the next known section are not imported.`,
      )
      part = 'skip'
      continue
    }
    if (heading) {
      if (seen.has(heading)) {
        warn(
          line.number,
          'import-unrecognised-section',
          `A second "${clip(line.text)}" section: only the first is imported, so its lines up to the next known section are skipped.`,
        )
        part = 'skip'
        continue
      }
      seen.add(heading)
      part = heading
      if (heading === 'sources') {
        sourcesLine = line.number
        const count = sourcesHeading.exec(line.text)?.[1]
        declaredSources = count === undefined ? undefined : Number(count)
      }
      if (heading === 'prompt') promptLine = line.number
      continue
    }
    if (part !== 'skip') parts[part].push(line)
  }

  // Head: the question, the summary, then the prose.
  const head = blocks(parts.head)
  const questionBlock = head[0]
  const summaryBlock = head[1]
  if (!questionBlock) {
    diagnostics.push(
      error(file, { line: first.number, column: 1 }, 'import-not-export', 'The export has no question after "INQUIRING LINE". Nothing was imported from it.'),
    )
    return { inquiry: undefined, diagnostics }
  }
  if (!summaryBlock) {
    diagnostics.push(
      error(
        file,
        { line: questionBlock[0]!.number, column: 1 },
        'import-not-export',
        'The question is not followed by a summary paragraph, which every inquiry needs. Nothing was imported from this file.',
      ),
    )
    return { inquiry: undefined, diagnostics }
  }
  const question = joinLines(questionBlock, ' ')
  const summary = joinLines(summaryBlock, ' ')
  const prose = withoutRepeats(
    head.slice(2).map((block) => ({ text: joinLines(block, '\n'), line: block[0]!.number })),
    summary,
  )

  // Sources: title and summary paragraphs, alternating.
  const sources = parseSources(blocks(parts.sources), warn)
  if (sourcesLine !== undefined && declaredSources !== undefined && declaredSources !== sources.length) {
    warn(
      sourcesLine,
      'import-source-count',
      `The heading says ${declaredSources} note${declaredSources === 1 ? '' : 's'}, but ${sources.length} ${sources.length === 1 ? 'was' : 'were'} found below it. Check that each title is followed by its summary, separated by blank lines.`,
    )
  }
  checkProseTitles(prose, sources, sourcesLine, warn)

  const prompt = promptLine === undefined ? undefined : parsePrompt(parts.prompt, promptLine, warn)

  const next: ExportedNext[] = []
  for (const line of parts.next) {
    if (line.text === '' || emptyList.test(line.text)) continue
    next.push({ title: line.text, line: line.number })
  }

  return {
    inquiry: {
      file,
      question,
      questionLine: questionBlock[0]!.number,
      summary,
      summaryLine: summaryBlock[0]!.number,
      prose,
      sourcesLine,
      sources,
      prompt,
      next,
    },
    diagnostics,
  }
}

/** Which part a heading line starts, if it is a heading. */
function headingOf(text: string): Part | undefined {
  if (sourcesHeading.test(text)) return 'sources'
  if (promptHeading.test(text)) return 'prompt'
  if (nextHeading.test(text)) return 'next'
  if (otherHeading.test(text)) return 'skip'
  return undefined
}

/** Group lines into runs of non-blank lines. */
function blocks(lines: readonly Line[]): Block[] {
  const out: Line[][] = []
  let current: Line[] | undefined
  for (const line of lines) {
    if (line.text === '') {
      current = undefined
    } else if (current) {
      current.push(line)
    } else {
      current = [line]
      out.push(current)
    }
  }
  return out
}

function joinLines(block: Block, separator: string): string {
  return block.map((line) => line.text).join(separator)
}

/** Collapse white space, for comparing text that may have been re-wrapped. */
function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

/**
 * Drop text the export repeats: the summary at the start of a prose paragraph
 * (the export starts the prose with it, and the page shows it above the prose
 * already), a paragraph that is just the summary, and a paragraph identical
 * to an earlier one.
 */
function withoutRepeats(paragraphs: readonly ExportedParagraph[], summary: string): ExportedParagraph[] {
  const out: ExportedParagraph[] = []
  const seen = new Set<string>()
  const repeated = squash(summary)
  for (const paragraph of paragraphs) {
    let text = paragraph.text
    const flat = squash(text)
    if (repeated !== '' && flat === repeated) continue
    if (repeated !== '' && flat.startsWith(repeated + ' ')) {
      text = text.startsWith(summary) ? text.slice(summary.length).trim() : flat.slice(repeated.length).trim()
    }
    const key = squash(text)
    if (seen.has(key)) continue
    seen.add(key)
    out.push({ text, line: paragraph.line })
  }
  return out
}

type Warn = (line: number, code: Parameters<typeof warning>[2], message: string) => void

/**
 * Title, blank line, summary, blank line, … A block of two or more lines is
 * read as a title with its summary directly below it.
 */
function parseSources(list: readonly Block[], warn: Warn): ExportedSource[] {
  const sources: ExportedSource[] = []
  const titles = new Set<string>()
  for (let i = 0; i < list.length; i++) {
    const block = list[i]!
    const titleLine = block[0]!
    let summary: string | undefined
    let summaryLine: number | undefined
    if (block.length > 1) {
      summary = joinLines(block.slice(1), ' ')
      summaryLine = block[1]!.number
    } else {
      const following = list[i + 1]
      if (following) {
        summary = joinLines(following, ' ')
        summaryLine = following[0]!.number
        i++
      }
    }
    if (summary === undefined) {
      warn(
        titleLine.number,
        'import-missing-summary',
        `Source "${clip(titleLine.text)}" has no summary paragraph after it, and a note needs one. It was not imported.`,
      )
    }
    if (titles.has(titleLine.text)) {
      warn(titleLine.number, 'import-source-count', `Source "${clip(titleLine.text)}" is listed twice; it is imported once.`)
      continue
    }
    titles.add(titleLine.text)
    sources.push({ title: titleLine.text, line: titleLine.number, summary, summaryLine })
  }
  return sources
}

/** Every exact occurrence of any of `titles` in `text`, longest title first at each place. */
export function titlePattern(titles: readonly string[]): RegExp | undefined {
  const sorted = [...new Set(titles)].filter((t) => t !== '').sort((a, b) => b.length - a.length)
  if (sorted.length === 0) return undefined
  const alternatives = sorted.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')
  // Not inside a longer word: "RL" must not match in "RLVR".
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives})(?![\\p{L}\\p{N}])`, 'gu')
}

/**
 * A question written mid-sentence with a capital letter, as the export writes
 * a note's title inline: "… the curriculum result Does sequencing X improve Y? puts it …".
 */
const inlineTitle =
  /(?<=[\p{Ll}\p{N},;:)*_'"’”]\s+)(?:Does|Do|Did|Is|Are|Was|Were|Can|Could|Should|Would|Will|Why|What|When|Where|Which|Who|How|Has|Have)\s[^?.!\n]*\?/gu

/**
 * Warn about prose titles that match no source, sources the prose never
 * mentions, and a Sources list whose order differs from the prose (the page
 * lists sources in order of first mention).
 */
function checkProseTitles(prose: readonly ExportedParagraph[], sources: readonly ExportedSource[], sourcesLine: number | undefined, warn: Warn): void {
  const pattern = titlePattern(sources.map((s) => s.title))
  const firstSeen = new Map<string, number>()
  const suspects: { text: string; line: number }[] = []
  let position = 0
  for (const paragraph of prose) {
    let masked = paragraph.text
    if (pattern) {
      masked = paragraph.text.replace(pattern, (match: string, offset: number) => {
        if (!firstSeen.has(match)) firstSeen.set(match, position + offset)
        return '\u0000'.repeat(match.length)
      })
    }
    for (const found of masked.matchAll(inlineTitle)) {
      suspects.push({ text: found[0], line: paragraph.line + countNewlines(paragraph.text.slice(0, found.index)) })
    }
    position += paragraph.text.length + 2
  }
  const unmentioned = sources.filter((s) => !firstSeen.has(s.title)).map((s) => s.title)
  for (const suspect of suspects) {
    const hint = closest(suspect.text, unmentioned, Math.floor(suspect.text.length / 3))
    warn(
      suspect.line,
      'import-unlinked-title',
      `"${clip(suspect.text)}" reads like a note's title but matches no source, so it stays plain text.${hint ? ` Did you mean "${hint}"?` : ' If it names a source, make it match the title under Sources exactly.'}`,
    )
  }
  for (const source of sources) {
    if (!firstSeen.has(source.title)) {
      warn(
        source.line,
        'import-source-unlinked',
        `Source "${clip(source.title)}" is not mentioned in the prose, so the inquiry will not list it among its sources. The note is still imported; link it from the prose with its title or [[slug]].`,
      )
    }
  }
  const listed = sources.filter((s) => firstSeen.has(s.title)).map((s) => s.title)
  const mentioned = [...listed].sort((a, b) => firstSeen.get(a)! - firstSeen.get(b)!)
  if (listed.some((title, i) => title !== mentioned[i])) {
    warn(
      sourcesLine ?? 1,
      'import-source-order',
      'The Sources list is not in the order the prose first mentions them; the published page lists an inquiry’s sources in order of first mention, so their order will differ.',
    )
  }
}

function countNewlines(text: string): number {
  let n = 0
  for (const c of text) if (c === '\n') n++
  return n
}

const bullet = /^[•·‣▪-]\s*/
const introPattern = /^You are (.+?)\. The question: (.+?) A curated library(?: \(spanning (.+?)\))? found these dated claims(.*)$/s
const sectionHeading = /^\*\*(.+?)\*\*$/
const taskPattern = /^\((\d+)\)\s*(.*)$/
const claimPattern = /^(.*\S)\s*\(([^()]*)\)\.?$/s
const anchorPattern = /^arXiv:\s*([^\s()]+)\s*(?:\(([^()]*)\))?\s*[—–-]+\s*(.+)$/i

type PromptSection = 'intro' | 'claims' | 'anchors' | 'tasks' | 'other'

/** The prompt's known sections, by the start of their bold heading. */
function sectionOf(heading: string): PromptSection {
  const text = heading.toLowerCase()
  if (text.startsWith('what a curated library found')) return 'claims'
  if (text.startsWith('anchor papers')) return 'anchors'
  if (text.startsWith('your task')) return 'tasks'
  return 'other'
}

/** The prompt: intro sentence, claims, anchor papers, tasks, closing line. */
function parsePrompt(lines: readonly Line[], headingLine: number, warn: Warn): ExportedPrompt | undefined {
  const list = blocks(lines)
  // The "Copy into ChatGPT or Claude …" line is the page's UI, not part of the prompt.
  if (list[0] && copyIntro.test(list[0][0]!.text)) list.shift()
  const introBlock = list[0]
  if (!introBlock || !introBlock[0]!.text.startsWith('You are ')) {
    warn(
      introBlock?.[0]!.number ?? headingLine,
      'import-prompt-mismatch',
      'The research prompt does not start with "You are …. The question: …", so its role and question cannot be read. The prompt was not imported.',
    )
    return undefined
  }
  list.shift()
  const intro = joinLines(introBlock, ' ')
  const match = introPattern.exec(intro)
  if (!match) {
    warn(
      introBlock[0]!.number,
      'import-prompt-mismatch',
      'The research prompt’s first paragraph does not read "You are ROLE. The question: QUESTION A curated library (spanning YEARS) found these dated claims …", so its role and question cannot be read. The prompt was not imported.',
    )
    return undefined
  }
  const [, role = '', question = '', library, tail = ''] = match
  if (squash(tail) !== squash(introTail)) {
    warn(
      introBlock[0]!.number,
      'import-prompt-mismatch',
      `The words after "found these dated claims" differ from quire’s prompt template ("${clip(tail.trim())}"); the published prompt uses the template’s words.`,
    )
  }

  // The closing line: a last paragraph that is not part of a section.
  let closing: string | undefined
  const last = list[list.length - 1]
  if (last && last.every((line) => !sectionHeading.test(line.text) && !bullet.test(line.text) && !taskPattern.test(line.text))) {
    list.pop()
    const text = joinLines(last, ' ')
    if (squash(text) !== squash(defaultClosing)) closing = text
  }

  const claims: ExportedClaim[] = []
  const anchors: ExportedAnchor[] = []
  const tasks: ExportedTask[] = []
  let section: PromptSection = 'intro'
  for (const line of list.flat()) {
    const heading = sectionHeading.exec(line.text)
    if (heading) {
      section = sectionOf(heading[1]!)
      if (section === 'other') {
        warn(
          line.number,
          'import-unrecognised-section',
          `Unrecognised prompt section "${clip(line.text)}": quire's prompt has claims, anchor papers and tasks only, so the lines under it are not imported.`,
        )
      }
      continue
    }
    if (section === 'other') continue
    if (section === 'claims' && bullet.test(line.text)) {
      const claim = parseClaim(line, warn)
      if (claim) claims.push(claim)
    } else if (section === 'anchors' && bullet.test(line.text)) {
      const anchor = parseAnchor(line, warn)
      if (anchor) anchors.push(anchor)
    } else if (section === 'tasks' && taskPattern.test(line.text)) {
      const [, number = '', task = ''] = taskPattern.exec(line.text)!
      if (task === '') {
        warn(line.number, 'import-unplaced-line', `Task (${number}) is empty; it was not imported.`)
        continue
      }
      if (Number(number) !== tasks.length + 1) {
        warn(
          line.number,
          'import-prompt-mismatch',
          `Task (${number}) is task ${tasks.length + 1} in order; the published prompt numbers tasks 1, 2, 3, … in the order they are written.`,
        )
      }
      tasks.push({ text: task, line: line.number })
    } else {
      warn(
        line.number,
        'import-unplaced-line',
        `This line of the research prompt fits none of its parts (claims as "• text (date).", anchor papers as "• arXiv:ID (date) — title", tasks as "(n) task") and was not imported: "${clip(line.text)}".`,
      )
    }
  }
  return { line: introBlock[0]!.number, role: role.trim(), question: question.trim(), library: library?.trim(), claims, anchors, tasks, closing }
}

/** "• text (~2025)." */
function parseClaim(line: Line, warn: Warn): ExportedClaim | undefined {
  const body = line.text.replace(bullet, '')
  const match = claimPattern.exec(body)
  const date = match?.[2]?.trim()
  if (!match || date === undefined || !/\d{4}/.test(date)) {
    warn(
      line.number,
      'import-undated-claim',
      `Claim "${clip(body)}" has no date, such as (2025-04) or (~2025), at its end; every claim in the prompt needs one. It was not imported.`,
    )
    return undefined
  }
  if (!dateText.safeParse(date).success) {
    warn(
      line.number,
      'import-undated-claim',
      `Claim "${clip(body)}" has the date "${date}", which is not a date quire reads (2025, 2025-04, 2025-04-12 or ~2025). It was not imported.`,
    )
    return undefined
  }
  return { text: match[1]!.trim().replace(/\.$/, ''), date, line: line.number }
}

/** "• arXiv:2504.13837 (2025-04) — Title." */
function parseAnchor(line: Line, warn: Warn): ExportedAnchor | undefined {
  const body = line.text.replace(bullet, '')
  const match = anchorPattern.exec(body)
  if (!match) {
    warn(line.number, 'import-invalid-anchor', `Anchor paper "${clip(body)}" does not read "arXiv:ID (YYYY-MM) — title". It was not imported.`)
    return undefined
  }
  const [, id = '', date, title = ''] = match
  const problems: string[] = []
  if (!arxivId.safeParse(id).success) problems.push(`"${id}" is not an arXiv id`)
  if (date === undefined || date.trim() === '') problems.push('it has no date')
  else if (!dateText.safeParse(date.trim()).success) problems.push(`"${date}" is not a date such as 2025-04`)
  if (problems.length > 0) {
    warn(line.number, 'import-invalid-anchor', `Anchor paper "${clip(body)}": ${problems.join(', and ')}. It was not imported.`)
    return undefined
  }
  // The template ends a title with "." unless it already ends in . ? or !, so drop that period.
  return { arxiv: id, date: date!.trim(), title: title.trim().replace(/\.$/, ''), line: line.number }
}

/** Shorten long text for a message. */
function clip(text: string): string {
  const flat = squash(text.replace(/\u0000/g, ''))
  return flat.length > 90 ? flat.slice(0, 87) + '…' : flat
}
