/**
 * The local graph and the full-graph page: which documents are chosen,
 * the cap, deterministic layout, and the page's groups and draw limit.
 */
import { describe, expect, it } from 'vitest'
import { checkGraph } from '../src/check/check-graph.js'
import { formatDiagnostic } from '../src/diagnostics.js'
import type { SiteOptions, Slug } from '../src/model.js'
import { graphDrawLimit, graphGroups, graphPageProps } from '../src/render/graph-page.js'
import { localGraphLimit, localGraphProps, neighbourhood } from '../src/render/local-graph.js'
import { rootFromPage } from '../src/render/url.js'
import { graphOf } from './support/graph.js'

const library = graphOf

const note = (title: string, body = '', extra = '') => `---\ntitle: ${JSON.stringify(title)}\nsummary: About ${title}\n${extra}---\n${body}`
const inquiry = (title: string, body = '', extra = '') => note(title, body, `type: inquiry\n${extra}`)
const site: SiteOptions = { base: '/', title: 'Lab', description: undefined, url: undefined, buildDate: { year: 2026, month: 1, day: 1 }, staleAfterMonths: 12 }
const slug = (s: string) => s as Slug

/** A hub inquiry citing `n` notes, each note linking to the next one. */
function hub(n: number): Record<string, string> {
  const files: Record<string, string> = {}
  const names = Array.from({ length: n }, (_, i) => `n${String(i).padStart(3, '0')}`)
  files['hub.md'] = inquiry('Hub?', names.map((name) => `[[${name}]]`).join(' '))
  names.forEach((name, i) => (files[`${name}.md`] = note(`Note ${name}?`, i + 1 < n ? `[[${names[i + 1]}]]` : '')))
  return files
}

describe('the neighbourhood of a page', () => {
  it('takes documents one step away, then two steps away, in either direction', () => {
    const graph = library({
      'a.md': note('A?', '[[b]]'),
      'b.md': note('B?', '[[c]]'),
      'c.md': note('C?', '[[d]]'),
      'd.md': note('D?'),
      'i.md': inquiry('I?', '[[a]]'),
    })
    const hood = neighbourhood(graph, slug('b'))
    expect(hood.near).toEqual(['a', 'c'])
    expect(hood.far.map((entry) => [entry.slug, hood.near[entry.via]])).toEqual([
      ['i', 'a'],
      ['d', 'c'],
    ])
    expect(hood.truncated).toBe(false)
  })

  it(`shows at most ${localGraphLimit} documents and says when it left some out`, () => {
    const graph = library(hub(60))
    const fromHub = neighbourhood(graph, slug('hub'))
    expect(1 + fromHub.near.length + fromHub.far.length).toBe(localGraphLimit)
    expect(fromHub.truncated).toBe(true)
    const fromNote = neighbourhood(graph, slug('n030'))
    expect(fromNote.near).toEqual(['hub', 'n029', 'n031'])
    expect(1 + fromNote.near.length + fromNote.far.length).toBe(localGraphLimit)
    expect(fromNote.truncated).toBe(true)
    // The outer ring is shared round robin: each inner node brings some of its own.
    expect(new Set(fromNote.far.map((entry) => entry.via))).toEqual(new Set([0, 1, 2]))
  })

  it('is laid out the same way every time, and every node is a link to a real page', () => {
    const files = hub(30)
    const first = localGraphProps(library(files), slug('n010'), rootFromPage(slug('n010')))
    const second = localGraphProps(library(files), slug('n010'), rootFromPage(slug('n010')))
    expect(JSON.stringify(first)).toBe(JSON.stringify(second))
    const drawing = first!.drawing
    expect(drawing.nodes.map((node) => node.number)).toEqual(Array.from({ length: localGraphLimit - 1 }, (_, i) => i + 1))
    for (const node of drawing.nodes) {
      expect(node.href).toMatch(/^\.\.\/(hub|n\d{3})\/$/)
      // Inside the view box, no two nodes on top of each other.
      expect(Math.abs(node.x)).toBeLessThan(drawing.viewBox[2] / 2)
      expect(Math.abs(node.y)).toBeLessThan(drawing.viewBox[3] / 2)
    }
    const spots = new Set(drawing.nodes.map((node) => `${Math.round(node.x / 10)},${Math.round(node.y / 10)}`))
    expect(spots.size).toBe(drawing.nodes.length)
    expect(first!.near.map((item) => [item.title, item.relation])).toEqual([
      ['Hub?', 'links here'],
      ['Note n009?', 'links here'],
      ['Note n011?', 'linked from here'],
    ])
  })

  it('leaves the section out for a document nothing links to or from', () => {
    const graph = library({ 'a.md': note('A?'), 'b.md': note('B?') })
    expect(localGraphProps(graph, slug('a'), rootFromPage(slug('a')))).toBeUndefined()
  })

  it('names how each neighbour connects, next lines included', () => {
    const graph = library({
      'i.md': inquiry('I?', '[[a]]', 'next: [j]\n'),
      'j.md': inquiry('J?'),
      'a.md': note('A?', '[[i]]'),
    })
    const props = localGraphProps(graph, slug('i'), rootFromPage(slug('i')))!
    expect(props.near.map((item) => [item.title, item.relation])).toEqual([
      ['J?', 'next inquiring line from here'],
      ['A?', 'links both ways'],
    ])
    expect(props.drawing.edges.map((edge) => edge.kind).sort()).toEqual(['link', 'next'])
  })
})

describe('the full-graph page', () => {
  it('owns the graph/ address: a note there is an error', () => {
    const graph = library({ 'graph.md': note('Graph?') })
    expect(checkGraph(graph).map(formatDiagnostic)).toEqual([
      'notes/graph.md:1:1: error: The slug `graph` is reserved for the graph page. Rename the file or set another `slug:`. [invalid-slug]',
    ])
  })

  it('groups notes under the first inquiry that cites them, then the uncited ones', () => {
    const graph = library({
      'i.md': inquiry('Alpha?', '[[b]] [[a]]'),
      'j.md': inquiry('Beta?', '[[a]] [[c]]'),
      'k.md': inquiry('Gamma?', '[[a]]'),
      'a.md': note('A?'),
      'b.md': note('B?'),
      'c.md': note('C?'),
      'z.md': note('Z?'),
    })
    expect(graphGroups(graph)).toEqual([
      { inquiry: 'i', notes: ['b', 'a'] },
      { inquiry: 'j', notes: ['c'] },
      { inquiry: 'k', notes: [] },
      { inquiry: undefined, notes: ['z'] },
    ])
    const props = graphPageProps({ graph, site, root: rootFromPage(slug('graph')), hasPapers: false, hasTags: false })
    expect(props.groups.map((group) => group.empty)).toEqual([undefined, undefined, 'Its sources are listed under an earlier line.', undefined])
    expect(props.drawing!.nodes.map((node) => node.number)).toEqual([1, 2, 3, 4, 5, 6, 7])
    expect(props.drawing!.nodes.map((node) => node.href)).toEqual(['../i/', '../b/', '../a/', '../j/', '../c/', '../k/', '../z/'])
    expect(props.drawing!.edges).toHaveLength(5)
  })

  it(`draws up to ${graphDrawLimit} documents and lists larger libraries without a drawing`, () => {
    const small = graphPageProps({ graph: library(hub(graphDrawLimit - 1)), site, root: rootFromPage(slug('graph')), hasPapers: false, hasTags: false })
    expect(small.drawing?.nodes).toHaveLength(graphDrawLimit)
    const large = graphPageProps({ graph: library(hub(graphDrawLimit)), site, root: rootFromPage(slug('graph')), hasPapers: false, hasTags: false })
    expect(large.drawing).toBeUndefined()
    expect(large.groups[0]!.notes).toHaveLength(graphDrawLimit)
    expect(large.groups[0]!.notes[0]!.number).toBeUndefined()
  })
})
