/**
 * quire serializes pages itself (`page-html.ts`), for speed; the bytes must
 * be hast-util-to-html's (what rehype-stringify writes) with
 * `allowDangerousHtml` for pages, and without it for a body's fragment
 * (`fragmentHtml`). Checked on every HTML file of several built sites,
 * read back into trees, and on random trees.
 */
import fc from 'fast-check'
import type { Element, ElementContent, Properties, Root } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { toHtml } from 'hast-util-to-html'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { writeSyntheticVault } from '../scripts/synthetic-vault.js'
import { writeSyntheticLibrary } from '../scripts/synthetic-library.js'
import { contentsOf } from '../src/render/render-site.js'
import { fragmentHtml, treeHtml } from '../src/render/serialize/page-html.js'
import { buildSite } from '../src/build/pipeline.js'
import { notesFolder } from './support/notes.js'

const reference = (tree: Root | Element): string => toHtml(tree, { allowDangerousHtml: true, upperDoctype: true })

async function pages(notes: string, cwd: string): Promise<[string, string][]> {
  const built = await buildSite(notes, { cwd })
  return (built.files ?? []).filter((file) => file.path.endsWith('.html') && !('copyFrom' in file)).map((file) => [file.path, contentsOf(file)])
}

describe('serializing pages', () => {
  it('writes what hast-util-to-html writes, for every page of the seed library, a vault and a synthetic library', async () => {
    const vault = await notesFolder({})
    await writeSyntheticVault(path.join(vault, 'notes'))
    const library = await notesFolder({})
    await writeSyntheticLibrary(path.join(library, 'notes'), 60)
    const sites = [
      await pages(path.resolve('notes'), process.cwd()),
      await pages(path.resolve('test/fixtures/vault'), process.cwd()),
      await pages(path.join(vault, 'notes'), vault),
      await pages(path.join(library, 'notes'), library),
    ]
    let count = 0
    for (const site of sites) {
      for (const [file, text] of site) {
        const tree = fromHtml(text)
        expect(treeHtml(tree), file).toBe(reference(tree))
        count++
      }
    }
    expect(count).toBeGreaterThan(100)
  })

  it('writes what hast-util-to-html writes for random trees: attributes of every kind, SVG, escapes, comments, raw HTML', () => {
    const awkward = fc.constantFrom(
      '',
      'plain',
      'a "quoted" & \'single\' `tick`',
      '<b>&amp;</b>',
      'x > y',
      '--> <!-- --!>',
      '->',
      '>',
      'café 🧪',
      ' spaced ',
      'a,b',
    )
    const property = fc.oneof(
      fc.record({ key: fc.constantFrom('className', 'rel', 'accept', 'sizes'), value: fc.array(awkward, { maxLength: 3 }) }),
      fc.record({
        key: fc.constantFrom('id', 'href', 'title', 'ariaLabel', 'dataQuireSlot', 'viewBox', 'strokeWidth', 'x1', 'lang', 'value', 'content'),
        value: awkward,
      }),
      fc.record({
        key: fc.constantFrom('tabIndex', 'width', 'height', 'start'),
        value: fc.oneof(fc.integer({ min: -3, max: 400 }), fc.double({ noDefaultInfinity: true })),
      }),
      fc.record({
        key: fc.constantFrom('hidden', 'checked', 'disabled', 'download', 'open', 'ariaHidden'),
        value: fc.oneof(fc.boolean(), awkward, fc.constant(null)),
      }),
    )
    const tag = fc.constantFrom(
      'div',
      'span',
      'a',
      'img',
      'br',
      'meta',
      'input',
      'svg',
      'line',
      'g',
      'title',
      'desc',
      'foreignObject',
      'script',
      'style',
      'p',
      'circle',
    )
    const tree: fc.Arbitrary<ElementContent> = fc.letrec<{ node: ElementContent }>((t) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        awkward.map((value): ElementContent => ({ type: 'text', value })),
        awkward.map((value): ElementContent => ({ type: 'comment', value })),
        fc
          .record({ tag, properties: fc.array(property, { maxLength: 4 }), children: fc.array(t('node'), { maxLength: 3 }) })
          .map(({ tag: tagName, properties, children }): ElementContent => ({
            type: 'element',
            tagName,
            properties: Object.fromEntries(properties.map((p) => [p.key, p.value])) as Properties,
            children,
          })),
      ),
    })).node
    fc.assert(
      fc.property(fc.array(tree, { maxLength: 4 }), fc.boolean(), (children, raw) => {
        const root: Root = {
          type: 'root',
          children: [{ type: 'doctype' }, ...children, ...(raw ? [{ type: 'raw' as const, value: '<p>finished & sanitized</p>' }] : [])],
        }
        expect(treeHtml(root)).toBe(reference(root))
        // A body's fragment: raw HTML is escaped as text, as hast-util-to-html does by default.
        const fragment = root.children.filter((child) => child.type !== 'doctype')
        expect(fragmentHtml(fragment)).toBe(toHtml(fragment))
      }),
      { numRuns: 500 },
    )
  })
})
