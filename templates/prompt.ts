/**
 * The research prompt's text, generated from an inquiry's `prompt` data.
 *
 * Edit this template to change how every prompt reads; the page shows, and
 * the copy button copies, exactly what it returns.
 */

/** The data the prompt is written from (validated front matter). */
export interface PromptView {
  /** "a critical analyst of LLM reasoning training" */
  readonly role: string
  /** "why does … outperform either alone?" */
  readonly question: string
  /** "2024–2026", or undefined to leave the span out. */
  readonly library: string | undefined
  readonly claims: readonly { readonly text: string; readonly date: string }[]
  readonly anchors: readonly { readonly arxiv: string; readonly date: string; readonly title: string }[]
  readonly tasks: readonly string[]
  /** The closing instruction; a default is used when undefined. */
  readonly closing: string | undefined
}

const defaultClosing = 'Cite arXiv IDs; flag anything you cannot ground in a real paper.'

/** Write the prompt. Plain text with light Markdown, ready to paste into a chat. */
export function promptText(view: PromptView): string {
  const span = view.library ? ` (spanning ${view.library})` : ''
  const blocks: string[] = [
    `You are ${sentence(view.role, '')}. The question: ${view.question} A curated library${span} found these dated claims — treat them as perishable constraints to re-test, not current truth:`,
  ]
  if (view.claims.length > 0) {
    blocks.push(['**What a curated library found — and when:**', ...view.claims.map((claim) => `• ${sentence(claim.text, '')} (${claim.date}).`)].join('\n'))
  }
  if (view.anchors.length > 0) {
    blocks.push(
      ['**Anchor papers (verify; mind their dates):**', ...view.anchors.map((paper) => `• arXiv:${paper.arxiv} (${paper.date}) — ${sentence(paper.title, '.')}`)].join('\n'),
    )
  }
  if (view.tasks.length > 0) {
    blocks.push(['**Your task:**', ...view.tasks.map((task, i) => `(${i + 1}) ${task}`)].join('\n'))
  }
  blocks.push(view.closing ?? defaultClosing)
  return blocks.join('\n\n') + '\n'
}

/** Text without a trailing period, then `end` unless it already ends in `.`, `?` or `!`. */
function sentence(text: string, end: string): string {
  const trimmed = text.trim()
  if (end === '') return trimmed.replace(/\.$/, '')
  return /[.?!]$/.test(trimmed) ? trimmed : trimmed + end
}
