/**
 * quire reads KaTeX's markup without an HTML parser (`katex-markup.ts`).
 * The tree must be the one a full parse gives (hast-util-from-html, which
 * rehype-katex used), on every kind of formula KaTeX writes, or the reader
 * must give up (and the full parse is used).
 */
import fc from 'fast-check'
import type { ElementContent, Nodes, Root } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import katex from 'katex'
import { describe, expect, it } from 'vitest'
import type { Slug, SourceFile } from '../src/model.js'
import { buildGraph } from '../src/graph/build-graph.js'
import { parseDocument } from '../src/parse/parse-document.js'
import { renderBody } from '../src/render/body/body.js'
import { loadBodyExtensions } from '../src/render/body/body-extensions.js'
import { katexHast } from '../src/render/body/katex-markup.js'
import { katexOptions } from '../src/render/body/math.js'
import { fragmentHtml } from '../src/render/serialize/page-html.js'
import { rootFromPage } from '../src/render/url.js'

/** A tree without positions (the reader gives none; nothing after it reads them). */
function withoutPositions<T extends Nodes>(node: T): T {
  const copy = { ...node }
  delete copy.position
  if ('children' in copy) (copy as { children: Nodes[] }).children = copy.children.map(withoutPositions)
  return copy
}

/** KaTeX's markup for `tex`, as quire asks for it (and as it asks again after an error). */
function markup(tex: string, displayMode: boolean): string {
  try {
    return katex.renderToString(tex, { ...katexOptions, displayMode, throwOnError: true })
  } catch {
    return katex.renderToString(tex, { ...katexOptions, displayMode, strict: 'ignore', throwOnError: false })
  }
}

function expectSameTree(html: string): void {
  const read = katexHast(html)
  expect(read, html).toBeDefined()
  const parsed = (fromHtml(html, { fragment: true }).children as ElementContent[]).map(withoutPositions)
  expect(read, html).toEqual(parsed)
}

const formulas = [
  'x^2 + y_1',
  '\\frac{a}{b} - \\dfrac{1}{2} + \\tfrac12',
  '\\sqrt{x} + \\sqrt[3]{y}',
  '\\sum_{i=1}^{n} i = \\frac{n(n+1)}{2}',
  '\\int_0^\\infty e^{-x}\\,dx \\iint \\oint',
  '\\lim_{x \\to 0} \\frac{\\sin x}{x}',
  '\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}',
  '\\begin{bmatrix} a \\\\ b \\end{bmatrix} \\begin{vmatrix} a \\end{vmatrix}',
  'f(x) = \\begin{cases} 1 & x > 0 \\\\ 0 & \\text{otherwise} \\end{cases}',
  '\\begin{aligned} a &= b \\\\ c &= d \\end{aligned}',
  '\\begin{array}{c|l} a & b \\\\ \\hline c & d \\end{array}',
  '\\hat{x} \\vec{v} \\overline{AB} \\underline{x} \\tilde{a} \\bar{b} \\dot{c} \\ddot{d}',
  '\\underbrace{a+b}_{n} \\overbrace{c}^{m} \\overset{!}{=} \\underset{x}{\\arg\\max}',
  '\\text{if } x < y \\text{ and } "q" \\text{\'s} & < > \\&',
  '\\mathbb{R} \\mathcal{L} \\mathrm{d} \\mathbf{v} \\mathit{x} \\mathsf{s} \\mathtt{t} \\mathfrak{g}',
  '\\operatorname{tr}(A) \\det \\log \\exp',
  '\\color{red}{x} \\textcolor{blue}{y} \\colorbox{yellow}{z}',
  '\\boxed{x} \\cancel{y} \\bcancel{z} \\sout{w} \\fbox{v}',
  'a \\, b \\; c \\! d \\quad e \\qquad f \\kern1em g \\hspace{2em} h \\: i \\ j ~ k',
  '\\phantom{x} \\vphantom{y} \\hphantom{z} \\mathstrut',
  '\\stackrel{def}{=} \\xrightarrow{f} \\xleftarrow[a]{b} \\overrightarrow{AB}',
  '\\binom{n}{k} \\tbinom12 \\dbinom{a}{b} \\choose',
  '\\left( \\frac{a}{b} \\right) \\left\\{ x \\middle| y \\right\\} \\big( \\Big[ \\bigg\\{ \\Bigg\\langle',
  'α β γ ∑ ∫ → ≤ ≠ ∞ 𝔽 ü',
  '\\href{javascript:alert(1)}{x} \\url{http://example.org}',
  '\\htmlClass{a}{b} \\htmlStyle{color:red}{y} \\htmlId{i}{j} \\htmlData{k=v}{l}',
  '\\includegraphics{x.png}',
  '\\unicode{0} \\char"41 \\char"1',
  'x \\tag{1}',
  '\\begin{equation} a \\end{equation} \\begin{align} b &= c \\end{align}',
  '\\frac{1}{',
  '\\undefinedmacro{x}',
  'a \\\\ b',
  '% a comment\nx',
  '\\verb|a<b|',
  '\\not= \\neq \\nleq \\notin',
  '{a \\over b} {a \\atop b} {n \\brack k} {n \\brace k}',
  '\\mathop{x}\\limits_a^b \\displaystyle\\sum \\textstyle\\int \\scriptstyle x \\scriptscriptstyle y',
  '\\rule{1em}{2em} \\raisebox{0.25em}{x} \\smash{y} \\mathllap{z} \\mathrlap{w} \\clap{v}',
  '\\substack{a \\\\ b} \\sideset{_a^b}{_c^d}\\sum \\prescript{a}{b}{c}',
  '\\ce{H2O}',
  '\\def\\foo{x}\\foo \\newcommand{\\bar}{y}',
  '\\mathchoice{a}{b}{c}{d} \\TeX \\LaTeX \\KaTeX',
  '\\begin{matrix} a \\end{matrix} \\begin{smallmatrix} b \\end{smallmatrix} \\begin{Bmatrix} c \\end{Bmatrix}',
  '\\begin{gathered} a \\\\ b \\end{gathered} \\begin{alignedat}{2} a &= b \\end{alignedat} \\begin{CD} A @>>> B \\end{CD}',
  '\\lbrace \\rbrace \\lvert \\rvert \\lVert \\rVert \\lceil \\rceil \\lfloor \\rfloor',
  '\\pmod{n} \\bmod \\mod \\pod{m}',
  '\\overleftrightarrow{AB} \\widehat{xyz} \\widetilde{abc} \\utilde{u} \\overgroup{o} \\undergroup{u}',
  '\\textbf{bold <b>} \\textit{it} \\emph{em} \\texttt{tt} \\textrm{rm}',
  '\\dots \\ldots \\cdots \\vdots \\ddots',
  '',
  ' ',
  '\\\\',
  '&',
  '<script>alert(1)</script>',
  '"\'&<>',
  '\\text{\r\n}',
  'a\r\n+ b\r+ c',
  '\\text{a\u0000b}',
]

describe('KaTeX markup read without an HTML parser', () => {
  it('gives the tree a full HTML parse gives, for every kind of formula, inline and display', () => {
    for (const tex of formulas) {
      for (const display of [false, true]) {
        const html = markup(tex, display)
        // NULs are left to the full parser, which changes them; so are elements inside MathML's text
        // elements (`<mi><munder>`), which HTML parses by other rules.
        if (/\0|<(?:mi|mn|mo|ms|mtext)(?: [^>]*)?>[^<]*<(?!\/)/.test(html)) expect(katexHast(html)).toBeUndefined()
        else expectSameTree(html)
      }
    }
  })

  it('gives the same tree on random formulas', () => {
    const piece = fc.constantFrom(
      ...'x y 1 2 + - = < > & \' " \\frac{a}{b} \\sqrt{x} ^ _ { } \\text{t} \\, \\alpha \\left( \\right) \\\\ \\color{red}{z} \\mathbf{v} \\hat{a} \\sum \\int \\begin{matrix} \\end{matrix} \\mathbb{R} \\, \\kern1em \\not'.split(
        ' ',
      ),
    )
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), fc.boolean(), (pieces, display) => {
        expectSameTree(markup(pieces.join(' '), display))
      }),
      { numRuns: 300 },
    )
  })

  it('gives up on markup it does not know, instead of reading it wrong', () => {
    for (const html of [
      '<span class="katex"><math><mi>x</mi></math>',
      '<span class="katex"><math><mi>x</mo></math></span>',
      '<span>a &nbsp; b</span>',
      '<span>a &amp b</span>',
      '<div>x</div>',
      '<span class="katex"><math><mi><b>x</b></mi></math></span>',
      '<span class="katex"><math><span>x</span></math></span>',
      '<span/>',
      '<span title="a" title="b">x</span>',
      '<span constructor="x">y</span>',
      '<!-- comment -->',
      "<span class='a'>x</span>",
    ])
      expect(katexHast(html), html).toBeUndefined()
  })
})

describe('math in a body', () => {
  it('gives each place a formula appears its own nodes, the same each time', async () => {
    const file: SourceFile = {
      path: '/notes/a.md',
      relativePath: 'a.md',
      displayPath: 'notes/a.md',
      text: '---\ntitle: A?\nsummary: A.\n---\nFirst $\\frac{a}{b}$ and again $\\frac{a}{b}$ and $\\frac{1}{$ and $\\frac{1}{$.\n\n$$\n\\frac{a}{b}\n$$\n',
    }
    const doc = parseDocument(file).document!
    const graph = buildGraph([doc])
    await loadBodyExtensions([doc])
    const render = (): Root => ({ type: 'root', children: renderBody(doc, graph, rootFromPage('a' as Slug)) })
    const first = render()
    const paragraph = first.children[0] as { children: ElementContent[] }
    const [, a, , b, , c, , d] = paragraph.children
    expect(fragmentHtml(a!)).toContain('<mfrac>')
    expect(fragmentHtml(a!)).toBe(fragmentHtml(b!))
    expect(fragmentHtml(c!)).toBe(fragmentHtml(d!))
    expect(fragmentHtml(c!)).toContain('math-error')
    expect(a).not.toBe(b)
    // A page that changes its copy changes no other page's.
    const before = fragmentHtml(render())
    ;(a as { properties: Record<string, unknown> }).properties['id'] = 'changed'
    expect(fragmentHtml(render())).toBe(before)
    expect(before).not.toContain('changed')
    expect(before).toContain('<div class="math-display">')
  })
})
