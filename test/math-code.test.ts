/**
 * Math (MathML through KaTeX) and code highlighting (classes through
 * lowlight), both at build time, after the sanitizer, and both without a
 * single inline style, so the pages' Content-Security-Policy holds.
 */
import type { Element, Root } from 'hast'
import { toHtml } from 'hast-util-to-html'
import { select, selectAll } from 'hast-util-select'
import { toString } from 'hast-util-to-string'
import { describe, expect, it } from 'vitest'
import { formatDiagnostic } from '../src/diagnostics.js'
import { buildGraph } from '../src/graph/build-graph.js'
import type { Slug, SourceFile } from '../src/model.js'
import { isDollarText } from '../src/parse/math-dollars.js'
import { parseDocument } from '../src/parse/parse-document.js'
import { renderBody } from '../src/render/body/body.js'
import { loadBodyExtensions } from '../src/render/body/body-extensions.js'
import { rootFromPage } from '../src/render/url.js'

/** The rendered body of one note whose Markdown body is `body`. */
async function body(markdown: string): Promise<Root> {
  const file: SourceFile = { path: '/notes/a.md', relativePath: 'a.md', displayPath: 'notes/a.md', text: `---\ntitle: A?\nsummary: A.\n---\n${markdown}` }
  const parsed = parseDocument(file)
  expect(parsed.diagnostics.map(formatDiagnostic)).toEqual([])
  const graph = buildGraph([parsed.document!])
  await loadBodyExtensions([parsed.document!])
  return { type: 'root', children: renderBody(parsed.document!, graph, rootFromPage('a' as Slug)) }
}

function styled(tree: Root): string[] {
  return selectAll('[style]', tree).map((element) => toHtml(element))
}

describe('math', () => {
  it('renders $…$ inline and $$…$$ as a display block, as MathML with its TeX source', async () => {
    const tree = await body('Energy $E = mc^2$ here.\n\n$$\n\\frac{a}{b}\n$$\n')
    const inline = select('p math', tree)!
    expect(inline.properties.display).toBeUndefined()
    expect(toString(select('annotation', inline)!)).toBe('E = mc^2')
    const display = select('div.math-display > math', tree)!
    expect(display.properties.display).toBe('block')
    expect(select('mfrac', display)).toBeDefined()
    expect(styled(tree)).toEqual([])
  })

  it('renders ```math blocks too', async () => {
    expect(select('div.math-display math mfrac', await body('```math\n\\frac12\n```\n'))).toBeDefined()
  })

  it('shows a formula KaTeX cannot parse as its source, marked, with no inline style', async () => {
    const tree = await body('Broken $\\frac{1}{$ formula.')
    const error = select('.math-error', tree)!
    expect(toString(error)).toBe('\\frac{1}{')
    expect(String(error.properties.title)).toMatch(/ParseError/)
    expect(styled(tree)).toEqual([])
  })

  it('leaves dollar amounts alone (Pandoc’s rule) and honours \\$', async () => {
    expect(toString(await body('It costs $5 and $10 per run.'))).toBe('It costs $5 and $10 per run.')
    expect(toString(await body('Between $ 3 $ and more.'))).toBe('Between $ 3 $ and more.')
    expect(toString(await body('Escaped \\$x$ stays.'))).toBe('Escaped $x$ stays.')
    expect(isDollarText('$x$', '1')).toBe(true)
    expect(isDollarText('$x$', ' ')).toBe(false)
    expect(isDollarText('$$ x $$', undefined)).toBe(false)
  })

  it('does not let math smuggle in links, scripts or styles', async () => {
    const tree = await body('$\\href{javascript:alert(1)}{x}$ and $\\htmlStyle{color:red}{y}$ and <code class="language-math">\\unicode{0}</code>')
    expect(selectAll('a', tree)).toEqual([])
    expect(toHtml(tree)).not.toMatch(/ href=|<script| style=/)
  })
})

describe('code highlighting', () => {
  it('highlights blocks that name their language with classes only', async () => {
    const tree = await body('```python\ndef f(x):\n    return "s"  # c\n```\n\n```ts\nconst a: number = 1\n```\n')
    const python = select('pre > code.language-python', tree)!
    expect(python.properties.className).toContain('hljs')
    expect(selectAll('.hljs-keyword', python).map((e) => toString(e))).toEqual(['def', 'return'])
    expect(selectAll('.hljs-string', python).map((e) => toString(e))).toEqual(['"s"'])
    expect(selectAll('.hljs-comment', python).map((e) => toString(e))).toEqual(['# c'])
    expect(selectAll('code.language-ts .hljs-keyword', tree).map((e) => toString(e))).toEqual(['const'])
    expect(toString(python)).toBe('def f(x):\n    return "s"  # c\n')
    expect(styled(tree)).toEqual([])
  })

  it('leaves unlabelled, plain and unknown-language blocks as plain text, and inline code alone', async () => {
    const tree = await body('```\nif x: pass\n```\n\n```text\nif x\n```\n\n```nosuchlang\nif x\n```\n\nInline `if x` code.')
    expect(selectAll('[class^=hljs-]', tree)).toEqual([])
    expect(selectAll('span', tree)).toEqual([])
  })

  it('highlights after sanitizing: raw HTML in a code block is text, and unsafe raw HTML is still removed', async () => {
    const tree = await body('```html\n<script>alert(1)</script>\n```\n\n<script>alert(2)</script><img src=x onerror="alert(3)">')
    const code = select('code.language-html', tree) as Element
    expect(toString(code)).toBe('<script>alert(1)</script>\n')
    expect(selectAll('script', tree)).toEqual([])
    expect(toHtml(tree)).not.toMatch(/onerror|alert\(2\)/)
  })
})

describe('loading only what a library needs', () => {
  it('never says a document cannot have math or code when it can', async () => {
    const { mayHaveMath } = await import('../src/render/body/math.js')
    const { mayHaveCode } = await import('../src/render/body/highlight.js')
    expect(mayHaveMath('$x$')).toBe(true)
    expect(mayHaveMath('~~~ math\nx\n~~~')).toBe(true)
    expect(mayHaveMath('Plain words.')).toBe(false)
    expect(mayHaveCode('~~~python\nx\n~~~')).toBe(true)
    expect(mayHaveCode('<pre><code class="language-py">x</code></pre>')).toBe(true)
    expect(mayHaveCode('Plain words.')).toBe(false)
  })
})
