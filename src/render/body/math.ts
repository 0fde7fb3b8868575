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
 * It finds math as rehype-katex does (and makes the same tree), but reads
 * KaTeX's markup without an HTML parser (see `katex-markup.ts`). Formulas
 * are not kept for reuse: in one library with much math about a third of
 * them repeated, but keeping them cost far more memory than their
 * rendering cost time.
 *
 * KaTeX takes a few hundred milliseconds to load, so it is loaded only for
 * a library that may have math ({@link loadMath}); until then the plugin
 * leaves the tree alone.
 */
import type { Element, ElementContent, Nodes, Properties, Root } from 'hast'
import type { KatexOptions } from 'katex'
import type { Plugin } from 'unified'
import { walk } from '../../walk.js'
import { katexHast } from './katex-markup.js'

/** KaTeX's settings for quire: MathML only, no untrusted commands. */
export const katexOptions: KatexOptions = { output: 'mathml', trust: false, strict: 'ignore' }

/** A formula's nodes, from its TeX source and whether it is display math. */
type Formula = (value: string, display: boolean) => ElementContent[]

/** How the loaded modules render: a formula's nodes, and the text of an element (as rehype-katex reads it). */
let loaded: { formula: Formula; textOf: (element: Element) => string } | undefined

/** Could a document with this text contain math? (A cheap test that never says no wrongly.) */
export function mayHaveMath(text: string): boolean {
  return text.includes('$') || text.includes('math')
}

/** Load KaTeX (once), so that {@link rehypeMath} renders. */
export async function loadMath(): Promise<void> {
  if (loaded) return
  const [{ default: katex }, { fromHtml }, { toText }] = await Promise.all([import('katex'), import('hast-util-from-html'), import('hast-util-to-text')])
  const formula: Formula = (value, display) => {
    let markup: string | ElementContent[]
    try {
      markup = katex.renderToString(value, { ...katexOptions, displayMode: display, throwOnError: true })
    } catch (error) {
      // As rehype-katex: KaTeX marks the error itself, or when even that fails, a span like its own says so.
      try {
        markup = katex.renderToString(value, { ...katexOptions, displayMode: display, strict: 'ignore', throwOnError: false })
      } catch {
        const properties: Properties = { className: ['katex-error'], style: 'color:#cc0000', title: String(error) }
        markup = [{ type: 'element', tagName: 'span', properties, children: [{ type: 'text', value }] }]
      }
    }
    const nodes = typeof markup === 'string' ? (katexHast(markup) ?? (fromHtml(markup, { fragment: true }).children as ElementContent[])) : markup
    cleanup(nodes)
    return nodes
  }
  loaded = { formula, textOf: (element) => toText(element, { whitespace: 'pre' }) }
}

/**
 * After KaTeX: drop `style` attributes (CSP forbids them), mark KaTeX's
 * error spans, and make display math a block of its own (`div.math-display`,
 * which scrolls sideways on a narrow screen instead of widening the page).
 */
function cleanup(nodes: ElementContent[]): void {
  for (const top of nodes)
    walk<Nodes>(top, (node) => {
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

/** A formula found in a tree: the element it replaces, that element's parent, and whether it is display math. */
interface Found {
  readonly scope: Element
  readonly parent: Root | Element
  readonly display: boolean
}

const noClasses: readonly unknown[] = []

/**
 * The formulas under `parent` (whose parent is `grand`), in document order,
 * as rehype-katex finds them: an element with the class `language-math`,
 * `math-display` or `math-inline`, or for ` ```math ` (a `language-math`
 * code in a `pre`) the `pre`, in display. True when `parent` itself is
 * such a `pre`: what else it holds goes with it.
 */
function findFormulas(parent: Root | Element, grand: Root | Element | undefined, found: Found[]): boolean {
  for (const node of parent.children) {
    if (node.type !== 'element') continue
    const classes = Array.isArray(node.properties.className) ? node.properties.className : noClasses
    const languageMath = classes.includes('language-math')
    const display = classes.includes('math-display')
    if (!languageMath && !display && !classes.includes('math-inline')) {
      findFormulas(node, parent, found)
      continue
    }
    if (node.tagName === 'code' && languageMath && parent.type === 'element' && parent.tagName === 'pre') {
      if (grand) found.push({ scope: parent, parent: grand, display: true })
      return true
    }
    found.push({ scope: node, parent, display })
  }
  return false
}

/** The TeX source of a formula's element: its text (as hast-util-to-text reads it, keeping whitespace). */
function sourceOf(scope: Element, textOf: (element: Element) => string): string {
  const only = scope.children.length === 1 ? scope.children[0] : undefined
  return scope.tagName === 'code' && only?.type === 'text' ? only.value : textOf(scope)
}

/** The rehype plugin that renders math; add it after sanitizing. */
export const rehypeMath: Plugin<[], Root> = () => (tree) => {
  if (!loaded) return
  const { formula, textOf } = loaded
  const found: Found[] = []
  findFormulas(tree, undefined, found)
  // In document order, each source read once the formulas before it are in (as rehype-katex does).
  for (const { scope, parent, display } of found) {
    const nodes = formula(sourceOf(scope, textOf), display)
    parent.children.splice(parent.children.indexOf(scope), 1, ...nodes)
  }
}
