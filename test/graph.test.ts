/**
 * The local graph and the full-graph page: which documents are chosen,
 * the cap, deterministic layout, and the page's groups and draw limit.
 */
import { describe, expect, it } from 'vitest'
import { checkGraph } from '../src/check/check-graph.js'
import { formatDiagnostic } from '../src/diagnostics.js'
import type { SiteOptions, Slug } from '../src/model.js'
import { graphGroups, graphListLimit, graphPageProps } from '../src/render/props/graph-page.js'
import { localGraphLimit, localGraphProps, neighbourhood, shortLabel } from '../src/render/props/local-graph.js'
import { sourceNumbers } from '../src/render/props/source-numbers.js'
import { rootFromPage } from '../src/render/url.js'
import { graphOf } from './support/graph.js'
import { localGraphLists } from '../templates/local-graph.js'

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
    // Each document one number, 1 to 23 (on a note's page there are no sources to number first).
    expect(drawing.nodes.map((node) => node.number).sort((a, b) => a - b)).toEqual(Array.from({ length: localGraphLimit - 1 }, (_, i) => i + 1))
    const [minX, minY, width, height] = drawing.viewBox
    for (const node of drawing.nodes) {
      expect(node.href).toMatch(/^\.\.\/(hub|n\d{3})\/$/)
      // Inside the view box with its label, no two nodes on top of each other.
      for (const x of [node.x, node.label.x]) expect(x > minX && x < minX + width).toBe(true)
      for (const y of [node.y, node.label.y]) expect(y > minY && y < minY + height).toBe(true)
    }
    const spots = new Set(drawing.nodes.map((node) => `${Math.round(node.x / 10)},${Math.round(node.y / 10)}`))
    expect(spots.size).toBe(drawing.nodes.length)
    expect(localGraphLists(first!).near.map((item) => [item.title, item.relation])).toEqual([
      ['Hub?', 'links here'],
      ['Note n009?', 'links here'],
      ['Note n011?', 'linked from here'],
    ])
  })

  it("numbers an inquiry page's sources as its Sources list does, in source order, and the rest after them", () => {
    const graph = library({
      'i.md': inquiry('I?', '[[zeta]] [[alpha]] [[mid]]'),
      'zeta.md': note('Zeta?', '[[other]]'),
      'alpha.md': note('Alpha?'),
      'mid.md': note('Mid?'),
      'other.md': note('Other?'),
      'k.md': inquiry('K?', '[[i]]'),
    })
    expect([...sourceNumbers(graph, slug('i'))]).toEqual([
      ['zeta', 1],
      ['alpha', 2],
      ['mid', 3],
    ])
    const props = localGraphProps(graph, slug('i'), rootFromPage(slug('i')))!
    expect(localGraphLists(props).near.map((item) => [item.number, item.title])).toEqual([
      [1, 'Zeta?'],
      [2, 'Alpha?'],
      [3, 'Mid?'],
      [4, 'K?'],
    ])
    expect(localGraphLists(props).far.map((group) => [group.via.number, group.items.map((item) => [item.number, item.title])])).toEqual([[1, [[5, 'Other?']]]])
    // The drawing's nodes carry the same numbers, and their names.
    expect(props.drawing.nodes.map((node) => [node.number, node.label.text]).sort()).toEqual([
      [1, 'Zeta?'],
      [2, 'Alpha?'],
      [3, 'Mid?'],
      [4, 'K?'],
      [5, 'Other?'],
    ])
  })

  it('draws a single neighbour at the centre with this page and the documents beyond around it, and names it once', () => {
    const graph = library(hub(8))
    const props = localGraphProps(graph, slug('n007'), rootFromPage(slug('n007')))!
    // n007 is linked from the hub and from n006: two neighbours. A note linked only from the hub has one.
    const lone = library({
      'hub.md': inquiry('A long inquiry title that would repeat eight times?', '[[a]] [[b]] [[c]] [[d]]'),
      'a.md': note('A?'),
      'b.md': note('B?'),
      'c.md': note('C?'),
      'd.md': note('D?'),
    })
    const one = localGraphProps(lone, slug('a'), rootFromPage(slug('a')))!
    expect(localGraphLists(one).near.map((item) => item.title)).toEqual(['A long inquiry title that would repeat eight times?'])
    const hubNode = one.drawing.nodes.find((node) => node.href === '../hub/')!
    expect([hubNode.x, hubNode.y]).toEqual([0, 0])
    // The view box is centred on the hub: as much drawing left of it as right.
    const [minX, , width] = one.drawing.viewBox
    expect(Math.abs(minX + width / 2)).toBeLessThan(width * 0.15)
    expect(localGraphLists(one).far).toHaveLength(1)
    expect(localGraphLists(one).far[0]!.items.map((item) => item.title)).toEqual(['B?', 'C?', 'D?'])
    expect(localGraphLists(one).far[0]!.items.every((item) => item.relation === undefined)).toBe(true)
    expect(props.graphHref).toBe('../graph/?focus=n007')
  })

  it('labels nodes with their titles cut short at a word', () => {
    expect(shortLabel('Short?')).toBe('Short?')
    expect(shortLabel('Does sampling diversity collapse after reinforcement learning?')).toBe('Does sampling diversity…')
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
    // On an inquiry's page its sources come first, numbered as in its Sources list.
    expect(localGraphLists(props).near.map((item) => [item.number, item.title, item.relation])).toEqual([
      [1, 'A?', 'links both ways'],
      [2, 'J?', 'next inquiring line from here'],
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
    expect(props.groups!.map((group) => group.empty)).toEqual([undefined, undefined, 'Its sources are listed under an earlier line.', undefined])
    expect(props.groups!.flatMap((group) => [group.inquiry?.href, ...group.notes.map((item) => item.href)]).filter(Boolean)).toEqual([
      '../i/',
      '../b/',
      '../a/',
      '../j/',
      '../c/',
      '../k/',
      '../z/',
    ])
    expect(props.inquiries.map((facet) => [facet.label, facet.count])).toEqual([
      ['Alpha?', 2],
      ['Beta?', 2],
      ['Gamma?', 1],
    ])
  })

  it(`lists every document up to ${graphListLimit} documents, and past that only the folders, lines and tags`, () => {
    // (The page of a small library lists every document: see the test above.)
    const large = graphPageProps({ graph: library(hub(graphListLimit)), site, root: rootFromPage(slug('graph')), hasPapers: false, hasTags: false })
    expect(large.groups).toBeUndefined()
    expect(large.inquiries).toEqual([{ label: 'Hub?', href: '../hub/', count: graphListLimit, depth: 0 }])
    expect(large.canvas).toEqual({ dataHref: '../graph/data.json', graphologyHref: '../assets/graphology.js', sigmaHref: '../assets/sigma.js', root: '../' })
  })
})
