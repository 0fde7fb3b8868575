/**
 * Heading anchors and tables of contents, on hast trees.
 */
import type { Element, ElementContent, Root } from 'hast'
import { h } from 'hastscript'
import { select, selectAll } from 'hast-util-select'
import { toString } from 'hast-util-to-string'
import { unified } from 'unified'
import { describe, expect, it } from 'vitest'
import { tableOfContents as tocTemplate } from '../templates/toc.js'
import { headingId, pageIds, rehypeHeadingAnchors } from '../src/render/body/heading-anchors.js'
import { bodyHeadings, tableOfContents, tocThreshold } from '../src/render/body/toc.js'

function anchored(...children: ElementContent[]): ElementContent[] {
  const tree: Root = { type: 'root', children }
  const result = unified().use(rehypeHeadingAnchors).runSync(tree) as Root
  return result.children as ElementContent[]
}

describe('heading anchors', () => {
  it('gives each heading a GitHub-style id and a link to it after the heading', () => {
    const body = anchored(h('h2', 'Methods and Results'), h('p', 'Text.'), h('h3', 'Methods and Results'), h('h2', '¿Qué pasó?'))
    const root: Root = { type: 'root', children: body }
    expect(selectAll('h2, h3', root).map((heading) => heading.properties['id'])).toEqual(['methods-and-results', 'methods-and-results-1', 'qué-pasó'])
    const first = body[0] as Element
    expect(first.properties['className']).toEqual(['heading', 'heading-h2'])
    const link = select('a.heading-anchor', first)!
    expect(link.properties['href']).toBe('#methods-and-results')
    expect(toString(select('.visually-hidden', link)!)).toBe('Link to the section “Methods and Results”')
    expect(select('[aria-hidden=true]', link)).toBeTruthy()
    // The link is beside the heading, not in it: the heading's name stays its text.
    expect(toString(select('h2', first)!)).toBe('Methods and Results')
  })

  it('never gives a heading an id the page frame uses', () => {
    const body = anchored(...pageIds.map((id) => h('h2', id)))
    const ids = selectAll('h2', { type: 'root', children: body }).map((heading) => String(heading.properties['id']))
    for (const id of ids) expect(pageIds).not.toContain(id)
    expect(ids[pageIds.indexOf('sources')]).toBe('sources-1')
  })

  it('keeps ids the sanitizer let through and names empty headings', () => {
    const body = anchored(h('h2', { id: 'user-content-kept' }, 'Kept'), h('h2', '???'))
    expect(selectAll('h2', { type: 'root', children: body }).map((heading) => heading.properties['id'])).toEqual(['user-content-kept', 'section'])
  })

  it('turns a link fragment written as heading text into its id', () => {
    expect(headingId('Methods and Results')).toBe('methods-and-results')
    expect(headingId('results')).toBe('results')
    expect(headingId('user-content-fn-1')).toBe('user-content-fn-1')
  })
})

describe('tables of contents', () => {
  const long = anchored(
    h('p', 'Intro.'),
    h('h2', 'One'),
    h('h3', 'One, first'),
    h('h3', 'One, second'),
    h('h2', 'Two'),
    h('blockquote', [h('h2', 'Quoted')]),
    h('h4', 'Deep'),
  )

  it(`lists the h2 and h3 headings of bodies with at least ${tocThreshold}`, () => {
    expect(tableOfContents(long)).toEqual([
      { id: 'one', text: 'One', depth: 2 },
      { id: 'one-first', text: 'One, first', depth: 3 },
      { id: 'one-second', text: 'One, second', depth: 3 },
      { id: 'two', text: 'Two', depth: 2 },
    ])
    const short = anchored(h('h2', 'One'), h('h3', 'Two'))
    expect(bodyHeadings(short)).toHaveLength(2)
    expect(tableOfContents(short)).toEqual([])
  })

  it('renders a labelled navigation landmark with h3 entries nested under their h2', () => {
    const nav = tocTemplate(tableOfContents(long))
    expect(nav.tagName).toBe('nav')
    expect(nav.properties['ariaLabelledBy']).toEqual(['contents'])
    expect(toString(select('#contents', nav)!)).toBe('Contents')
    expect(selectAll(':scope > ol > li > a', nav).map((a) => a.properties['href'])).toEqual(['#one', '#two'])
    expect(selectAll('ol ol a', nav).map((a) => toString(a))).toEqual(['One, first', 'One, second'])
  })
})
