/**
 * The research prompt as the page shows it: the prompt's blocks with each
 * paragraph and list item rendered from its inline Markdown (through the
 * same sanitizing pipeline as claims), and each `arXiv:ID` a link. The
 * copy button and `prompt.md` keep the Markdown itself.
 */
import type { ElementContent, Root } from 'hast'
import type { PromptBlock } from '../../../templates/prompt.js'
import type { PromptBlockProps } from '../../../templates/props.js'
import { linkArxivMentions } from '../body/arxiv-links.js'
import { inlineMarkdown } from '../body/inline.js'

/** The blocks of a prompt, formatted for reading. */
export function promptBlockProps(blocks: readonly PromptBlock[]): PromptBlockProps[] {
  return blocks.map((block) =>
    block.kind === 'paragraph'
      ? { kind: 'paragraph', content: formatted(block.text) }
      : { kind: 'list', part: block.part, label: block.label.replace(/:$/, ''), ordered: block.ordered, items: block.items.map(formatted) },
  )
}

/** One line of the prompt as inline HTML, with arXiv mentions linked (a copy: rendered lines are shared and frozen). */
function formatted(text: string): ElementContent[] {
  const root: Root = { type: 'root', children: structuredClone([...inlineMarkdown(text)]) as ElementContent[] }
  linkArxivMentions(root)
  return root.children as ElementContent[]
}
