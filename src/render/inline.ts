/**
 * Short Markdown (a claim's text) → sanitized inline HTML.
 */
import type { ElementContent, Root } from 'hast'
import rehypeSanitize from 'rehype-sanitize'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import { unified } from 'unified'

const inlineProcessor = unified().use(remarkRehype).use(rehypeSanitize).freeze()
const parser = unified().use(remarkParse).freeze()

/** Render one line of Markdown (emphasis, code, links) as inline content. */
export function inlineMarkdown(text: string): ElementContent[] {
  const tree = inlineProcessor.runSync(parser.parse(text)) as Root
  const first = tree.children.find((child) => child.type === 'element')
  if (first?.type === 'element' && first.tagName === 'p' && tree.children.filter((c) => c.type === 'element').length === 1) return first.children
  return [{ type: 'text', value: text }]
}
