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

/**
 * Texts rendered so far. A claim's text is shown on its inquiry's page and
 * on the page of every note that backs it, so each is rendered once per
 * build rather than once per page. Bounded: a library with more distinct
 * claims than this starts again.
 */
const rendered = new Map<string, readonly ElementContent[]>()
const renderedLimit = 20_000

/** Render one line of Markdown (emphasis, code, links) as inline content (shared between pages, so frozen). */
export function inlineMarkdown(text: string): readonly ElementContent[] {
  let nodes = rendered.get(text)
  if (!nodes) {
    if (rendered.size >= renderedLimit) rendered.clear()
    nodes = deepFreeze(renderInline(text))
    rendered.set(text, nodes)
  }
  return nodes
}

function renderInline(text: string): ElementContent[] {
  const tree = inlineProcessor.runSync(parser.parse(text)) as Root
  const first = tree.children.find((child) => child.type === 'element')
  if (first?.type === 'element' && first.tagName === 'p' && tree.children.filter((c) => c.type === 'element').length === 1) return first.children
  return [{ type: 'text', value: text }]
}

/** Freeze `value` and everything in it: a page that changed shared nodes would change other pages. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const inner of Object.values(value)) deepFreeze(inner)
  }
  return value
}
