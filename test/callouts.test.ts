/**
 * Obsidian callouts (`> [!note] Title`, foldable `> [!tip]-`), rendered
 * through the real body pipeline: parse, remark-rehype, sanitizer.
 */
import type { Root } from 'hast'
import { toHtml } from 'hast-util-to-html'
import { select, selectAll } from 'hast-util-select'
import { toString } from 'hast-util-to-string'
import { describe, expect, it } from 'vitest'
import { formatDiagnostic } from '../src/diagnostics.js'
import { buildGraph } from '../src/graph/build-graph.js'
import type { Slug, SourceFile } from '../src/model.js'
import { parseDocument } from '../src/parse/parse-document.js'
import { renderBody, sanitizeSchema } from '../src/render/body/body.js'
import { loadBodyExtensions } from '../src/render/body/body-extensions.js'
import { withCalloutSchema } from '../src/render/body/callouts.js'
import { rootFromPage } from '../src/render/url.js'

/** The rendered body of one note whose Markdown body is `markdown`. */
async function body(markdown: string): Promise<Root> {
  const file: SourceFile = { path: '/notes/a.md', relativePath: 'a.md', displayPath: 'notes/a.md', text: `---\ntitle: A?\nsummary: A.\n---\n${markdown}` }
  const parsed = parseDocument(file)
  expect(parsed.diagnostics.map(formatDiagnostic)).toEqual([])
  const graph = buildGraph([parsed.document!])
  await loadBodyExtensions([parsed.document!])
  return { type: 'root', children: renderBody(parsed.document!, graph, rootFromPage('a' as Slug)) }
}

/** The body's HTML, whitespace between tags dropped. */
async function html(markdown: string): Promise<string> {
  return toHtml(await body(markdown))
    .replace(/>\s+</g, '><')
    .trim()
}

/** Every element, attribute or value in `tree` that could run script or make a landmark. */
function unsafe(tree: Root): string[] {
  return selectAll('*', tree).flatMap((element) => [
    ...(['script', 'svg', 'iframe', 'style'].includes(element.tagName) ? [`<${element.tagName}>`] : []),
    ...Object.entries(element.properties).flatMap(([key, value]) =>
      /^on/i.test(key) ||
      key === 'style' ||
      /javascript:/i.test(String(value)) ||
      (key === 'role' && value !== 'note') ||
      (key === 'dataCallout' && !/^[a-z0-9-]+$/.test(String(value)))
        ? [`${element.tagName} ${key}=${String(value)}`]
        : [],
    ),
  ])
}

describe('callouts', () => {
  it('renders a callout with the type, capitalised, as its title', async () => {
    expect(await html('> [!note]\n> Body text.\n')).toBe(
      '<aside class="callout" data-callout="note" role="note"><p class="callout-title">Note</p><div class="callout-content"><p>Body text.</p></div></aside>',
    )
  })

  it('keeps the content on the lines after the title, in every paragraph', async () => {
    expect(await html('> [!info] Heads up\n> First line\n> second line.\n>\n> - a list\n')).toBe(
      '<aside class="callout" data-callout="info" role="note"><p class="callout-title">Heads up</p><div class="callout-content"><p>First line\nsecond line.</p><ul><li>a list</li></ul></div></aside>',
    )
  })

  it('keeps inline Markdown in a custom title', async () => {
    const tree = await body('> [!tip] A *very* **useful** `tip` with [a link](https://example.org)\n> Content.\n')
    const title = select('aside.callout > p.callout-title', tree)!
    expect(toHtml(title)).toBe(
      '<p class="callout-title">A <em>very</em> <strong>useful</strong> <code>tip</code> with <a href="https://example.org">a link</a></p>',
    )
    expect(toString(select('.callout-content', tree)!).trim()).toBe('Content.')
  })

  it('renders a callout with only a title, and one whose title is alone on its line', async () => {
    expect(await html('> [!example] Just a title\n')).toBe(
      '<aside class="callout" data-callout="example" role="note"><p class="callout-title">Just a title</p></aside>',
    )
    expect(await html('> [!quote]\n>\n> Said someone.\n')).toBe(
      '<aside class="callout" data-callout="quote" role="note"><p class="callout-title">Quote</p><div class="callout-content"><p>Said someone.</p></div></aside>',
    )
  })

  it('folds with - (closed) and + (open) as <details>, the title in <summary>', async () => {
    expect(await html('> [!warning]- Careful *here*\n> Hidden at first.\n')).toBe(
      '<aside class="callout" data-callout="warning" role="note"><details><summary class="callout-title">Careful <em>here</em></summary><div class="callout-content"><p>Hidden at first.</p></div></details></aside>',
    )
    const open = await body('> [!faq]+\n> Shown at first.\n')
    const details = select('aside.callout[data-callout="question"] > details', open)!
    expect(details.properties.open).toBe(true)
    expect(toHtml(select('summary', details)!)).toBe('<summary class="callout-title">Faq</summary>')
    expect(toHtml(details)).toContain('<details open>')
  })

  it('maps aliases to their type, is case-insensitive, and keeps unknown types', async () => {
    const tree = await body('> [!TLDR]\n> x\n\n> [!Caution] y\n\n> [!my-custom-2]\n> z\n\n> [!constructor]\n> w\n')
    const callouts = selectAll('aside.callout', tree)
    expect(callouts.map((c) => c.properties.dataCallout)).toEqual(['abstract', 'warning', 'my-custom-2', 'constructor'])
    expect(callouts.map((c) => toString(select('.callout-title', c)!))).toEqual(['Tldr', 'y', 'My-custom-2', 'Constructor'])
  })

  it('nests a callout inside a callout', async () => {
    expect(await html('> [!note] Outer\n> Outer text.\n>\n> > [!danger]- Inner\n> > Inner text.\n')).toBe(
      '<aside class="callout" data-callout="note" role="note"><p class="callout-title">Outer</p><div class="callout-content"><p>Outer text.</p>' +
        '<aside class="callout" data-callout="danger" role="note"><details><summary class="callout-title">Inner</summary><div class="callout-content"><p>Inner text.</p></div></details></aside>' +
        '</div></aside>',
    )
  })

  it('leaves blockquotes that are not callouts alone', async () => {
    expect(await html('> Just a quote.\n> [!note] not first.\n')).toBe('<blockquote><p>Just a quote.\n[!note] not first.</p></blockquote>')
    expect(await html('> [!note]Glued title\n')).toBe('<blockquote><p>[!note]Glued title</p></blockquote>')
    expect(await html('> [!no te] spaced\n')).toBe('<blockquote><p>[!no te] spaced</p></blockquote>')
    expect(await html('> `[!note]` in code\n')).toBe('<blockquote><p><code>[!note]</code> in code</p></blockquote>')
    // A plain blockquote inside a callout stays a blockquote.
    expect(await html('> [!note]\n> > quoted\n')).toBe(
      '<aside class="callout" data-callout="note" role="note"><p class="callout-title">Note</p><div class="callout-content"><blockquote><p>quoted</p></blockquote></div></aside>',
    )
  })

  it('does not touch [!x] in a code block, even inside a blockquote', async () => {
    const fenced = await body('```\n> [!note] Title\n> text\n```\n')
    expect(selectAll('aside', fenced)).toEqual([])
    expect(toString(select('pre code', fenced)!)).toBe('> [!note] Title\n> text\n')
    const quoted = await html('>     [!note] indented code\n')
    expect(quoted).toBe('<blockquote><pre tabindex="0"><code>[!note] indented code\n</code></pre></blockquote>')
  })

  it('lets no hostile type or title inject attributes or script', async () => {
    const hostile = [
      '> [!"><script>alert(1)</script>]\n> text\n',
      '> [!note onclick=alert(1)] x\n',
      '> [!note] <img src=x onerror=alert(1)> title <script>alert(2)</script>\n> text <svg onload=alert(3)>\n',
      '> [!note]- <a href="javascript:alert(1)" onmouseover="alert(2)">t</a>\n',
      '<aside class="callout evil" data-callout="x&quot; onclick=&quot;alert(1)" role="banner" onclick="alert(1)">raw</aside>\n',
    ]
    for (const markdown of hostile) {
      const tree = await body(markdown)
      expect(unsafe(tree), markdown).toEqual([])
      expect(toHtml(tree), markdown).not.toMatch(/<script|<svg|javascript:/i)
    }
    // The type that is not letters, digits and hyphens is no callout: the blockquote stays, as text.
    expect(await html('> [!"><script>alert(1)</script>]\n> text\n')).toBe('<blockquote><p>[!">]\ntext</p></blockquote>')
    // A raw title element keeps only what the sanitizer allows.
    const tree = await body('> [!note] <img src="x.png" onerror="alert(1)"> Title\n')
    expect(select('.callout-title img', tree)?.properties).toEqual({ src: 'x.png' })
    // Raw HTML may write an aside, but it is always a note, never a landmark, and keeps only allowed values.
    const raw = await html('<aside class="callout evil" data-callout="Bad Type!" role="banner">raw</aside>\n')
    expect(raw).toBe('<aside class="callout" role="note">raw</aside>')
  })

  it('extends the sanitizer schema without dropping what other features allow', () => {
    const extended = withCalloutSchema({
      attributes: { p: [['className', 'embed-source']], div: ['itemScope', 'className'] },
      required: { input: { type: 'checkbox' } },
    })
    expect(extended.attributes?.['p']).toEqual([['className', 'embed-source', 'callout-title']])
    expect(extended.attributes?.['div'], 'any class was allowed already').toEqual(['itemScope', 'className'])
    expect(extended.attributes?.['summary']).toEqual([['className', 'callout-title']])
    expect(extended.tagNames).toEqual(['aside'])
    expect(extended.required).toEqual({ input: { type: 'checkbox' }, aside: { role: 'note' } })
    // The body's real schema lists each attribute once per element, so the first definition is the whole story.
    for (const [tag, definitions] of Object.entries(sanitizeSchema.attributes ?? {})) {
      const names = definitions.map((d) => (typeof d === 'string' ? d : d[0]))
      expect(new Set(names).size, tag).toBe(names.length)
    }
  })
})
