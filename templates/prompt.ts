/**
 * The research prompt's text, generated from an inquiry's `prompt` data.
 *
 * Edit this template to change how every prompt reads. The prompt is a
 * list of blocks: the copy button and `prompt.md` give their Markdown,
 * exactly as `promptText` joins it, and the page shows the same blocks
 * formatted (labels as headings, items as lists, inline Markdown rendered).
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

/** Which part of the prompt a list is: the page links to the claims and papers, and marks stale claims. */
export type PromptListPart = 'claims' | 'anchors' | 'tasks'

/** One block of the prompt: a paragraph, or a labelled list (one item per claim, paper or task, in order). */
export type PromptBlock =
  | { readonly kind: 'paragraph'; readonly text: string }
  | { readonly kind: 'list'; readonly part: PromptListPart; readonly label: string; readonly ordered: boolean; readonly items: readonly string[] }

const defaultClosing = 'Cite arXiv IDs; flag anything you cannot ground in a real paper.'

/** The prompt's blocks, in order; each paragraph and item is one line of inline Markdown. */
export function promptBlocks(view: PromptView): PromptBlock[] {
  const span = view.library ? ` (spanning ${view.library})` : ''
  const blocks: PromptBlock[] = [
    {
      kind: 'paragraph',
      text: `You are ${sentence(view.role, '')}. The question: ${view.question} A curated library${span} found these dated claims — treat them as perishable constraints to re-test, not current truth:`,
    },
  ]
  if (view.claims.length > 0) {
    blocks.push({
      kind: 'list',
      part: 'claims',
      label: 'What a curated library found — and when:',
      ordered: false,
      items: view.claims.map((claim) => `${sentence(claim.text, '')} (${claim.date}).`),
    })
  }
  if (view.anchors.length > 0) {
    blocks.push({
      kind: 'list',
      part: 'anchors',
      label: 'Anchor papers (verify; mind their dates):',
      ordered: false,
      items: view.anchors.map((paper) => `arXiv:${paper.arxiv} (${paper.date}) — ${sentence(paper.title, '.')}`),
    })
  }
  if (view.tasks.length > 0) blocks.push({ kind: 'list', part: 'tasks', label: 'Your task:', ordered: true, items: [...view.tasks] })
  blocks.push({ kind: 'paragraph', text: view.closing ?? defaultClosing })
  return blocks
}

/** One block as Markdown: a bold label, then `• item` or `(n) item` lines. */
export function blockMarkdown(block: PromptBlock): string {
  if (block.kind === 'paragraph') return block.text
  return [`**${block.label}**`, ...block.items.map((item, i) => (block.ordered ? `(${i + 1}) ${item}` : `• ${item}`))].join('\n')
}

/** Write the prompt. Plain text with light Markdown, ready to paste into a chat. */
export function promptText(view: PromptView): string {
  return promptMarkdown(promptBlocks(view))
}

/** The Markdown of a prompt's blocks, as copied and downloaded. */
export function promptMarkdown(blocks: readonly PromptBlock[]): string {
  return blocks.map(blockMarkdown).join('\n\n') + '\n'
}

/** Text without a trailing period, then `end` unless it already ends in `.`, `?` or `!`. */
function sentence(text: string, end: string): string {
  const trimmed = text.trim()
  if (end === '') return trimmed.replace(/\.$/, '')
  return /[.?!]$/.test(trimmed) ? trimmed : trimmed + end
}
