/**
 * Math, rendered at build time: `$…$` and `$$…$$` (parsed by remark-math)
 * and ` ```math ` blocks become MathML with KaTeX.
 *
 * MathML only (`output: 'mathml'`): Chromium, Firefox and Safari render it
 * natively, screen readers read it, and it needs no fonts, no stylesheet
 * and no inline `style` attributes, so the pages keep their strict
 * Content-Security-Policy and nothing is fetched from a CDN. (KaTeX's HTML
 * output would need about 1 MB of fonts, its CSS, and
 * `style-src 'unsafe-inline'`.)
 *
 * It runs after the sanitizer, which keeps the `language-math` class that
 * marks math and would remove MathML elements. KaTeX's output is trusted:
 * it escapes its input, and `trust` stays off, so `\href` and friends
 * render as text. A formula KaTeX cannot parse is shown as its source,
 * marked `math-error`; any `style` KaTeX puts on it is dropped.
 *
 * KaTeX takes a few hundred milliseconds to load, so it is loaded only for
 * a library that may have math ({@link loadMath}); until then the plugin
 * leaves the tree alone.
 */
import type { Nodes, Root } from 'hast'
import type { KatexOptions } from 'katex'
import type { Plugin } from 'unified'
import type { VFile } from 'vfile'
import { skip, walk } from '../../walk.js'

/** KaTeX's settings for quire: MathML only, no untrusted commands. */
export const katexOptions: KatexOptions = { output: 'mathml', trust: false, strict: 'ignore' }

let katexTransform: ((tree: Root, file: VFile) => void) | undefined

/** Could a document with this text contain math? (A cheap test that never says no wrongly.) */
export function mayHaveMath(text: string): boolean {
  return text.includes('$') || text.includes('math')
}

/** Load KaTeX (once), so that {@link rehypeMath} renders. */
export async function loadMath(): Promise<void> {
  if (katexTransform) return
  const { default: rehypeKatex } = await import('rehype-katex')
  katexTransform = rehypeKatex(katexOptions) as (tree: Root, file: VFile) => void
}

/**
 * After KaTeX: drop `style` attributes (CSP forbids them), mark KaTeX's
 * error spans, and make display math a block of its own (`div.math-display`,
 * which scrolls sideways on a narrow screen instead of widening the page).
 */
function cleanup(tree: Root): void {
  walk<Nodes>(tree, (node) => {
    if (node.type !== 'element') return
    if (node.properties.style !== undefined) delete node.properties.style
    const classes = Array.isArray(node.properties.className) ? node.properties.className : []
    if (classes.includes('katex-error')) node.properties.className = [...classes, 'math-error']
    if (
      classes.includes('katex') &&
      node.children.some((child) => child.type === 'element' && child.tagName === 'math' && child.properties.display === 'block')
    ) {
      node.tagName = 'div'
      node.properties.className = ['math-display']
    }
  })
}

/** Does `tree` have an element KaTeX renders (the classes rehype-katex looks for)? */
function hasMathElement(tree: Root): boolean {
  let found = false
  walk<Nodes>(tree, (node) => {
    if (found) return skip
    if (node.type !== 'element' || !Array.isArray(node.properties.className)) return
    const classes = node.properties.className
    found = classes.includes('language-math') || classes.includes('math-display') || classes.includes('math-inline')
  })
  return found
}

/** The rehype plugin that renders math; add it after sanitizing. */
export const rehypeMath: Plugin<[], Root> = () => (tree, file) => {
  if (!katexTransform) return
  // KaTeX walks every element of the page looking for these; most bodies have none.
  if (hasMathElement(tree)) katexTransform(tree, file)
  cleanup(tree)
}
