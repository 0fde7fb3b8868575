/**
 * Code blocks highlighted at build time with lowlight (highlight.js
 * grammars), through rehype-highlight.
 *
 * The output is classes only (`hljs-keyword`, …): the colours live in
 * quire.css, with a light and a dark palette, and nothing needs a `style`
 * attribute or a script. Only blocks that name their language
 * (` ```python `) are highlighted, so nothing is guessed; the grammars are
 * highlight.js's 37 common ones, and a block in another language stays
 * plain text. It runs after the sanitizer (which keeps `language-*`
 * classes), since the spans it adds are its own.
 *
 * The grammars take a few hundred milliseconds to load, so they are loaded
 * only for a library that may have such blocks ({@link loadHighlighter});
 * until then the plugin leaves the tree alone.
 */
import type { Nodes, Root } from 'hast'
import { skip, walk } from '../../walk.js'
import type { Plugin } from 'unified'
import type { VFile } from 'vfile'

/** Languages written as plain text on purpose. */
const plainText = ['text', 'txt', 'plain', 'plaintext', 'math']

let highlightTransform: ((tree: Root, file: VFile) => void) | undefined

/** Could a document with this text have a code block that names its language? (Never says no wrongly.) */
export function mayHaveCode(text: string): boolean {
  return text.includes('```') || text.includes('~~~') || text.includes('lang')
}

/** Load the highlighter (once), so that {@link rehypeHighlightCode} highlights. */
export async function loadHighlighter(): Promise<void> {
  if (highlightTransform) return
  const { default: rehypeHighlight } = await import('rehype-highlight')
  highlightTransform = rehypeHighlight({ plainText }) as (tree: Root, file: VFile) => void
}

/** The rehype plugin that highlights code blocks; add it after sanitizing. */
export const rehypeHighlightCode: Plugin<[], Root> = () => (tree, file) => {
  if (highlightTransform && hasNamedCode(tree)) highlightTransform(tree, file)
}

/**
 * Is there a code block that names its language (`<pre><code class="language-…">`)?
 * The highlighter touches nothing else, and walks every element to find one.
 */
function hasNamedCode(tree: Root): boolean {
  let found = false
  walk<Nodes>(tree, (node, _index, parent) => {
    if (found) return skip
    if (node.type !== 'element' || node.tagName !== 'code' || parent?.type !== 'element' || parent.tagName !== 'pre') return
    const classes = Array.isArray(node.properties.className) ? node.properties.className : []
    found = classes.some((name) => String(name).startsWith('language-') || String(name).startsWith('lang-'))
  })
  return found
}
