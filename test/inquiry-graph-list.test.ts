/**
 * An inquiry's graph, once it numbers the sources as the Sources list does,
 * names them by a link to that list instead of listing them a second time.
 */
import { select, selectAll } from 'hast-util-select'
import { toString } from 'hast-util-to-string'
import { describe, expect, it } from 'vitest'
import { localGraphSection } from '../templates/local-graph.js'
import type { GraphNodeProps, LocalGraphProps } from '../templates/props.js'

const node = (number: number, title: string): GraphNodeProps => ({
  number,
  href: `../${title}/`,
  title,
  type: 'note',
  label: { text: title, x: 0, y: 0, anchor: 'middle' },
  x: 0,
  y: 0,
})

const graph: LocalGraphProps = {
  drawing: {
    id: 'nearby-graph',
    viewBox: [-10, -10, 20, 20],
    title: 'T',
    description: 'D',
    centre: undefined,
    nodes: [node(1, 'a'), node(2, 'b'), node(3, 'c'), node(4, 'd')],
    edges: [],
  },
  relations: ['linked from here', 'linked from here', 'linked from here'],
  far: [{ via: 2, count: 1 }],
  truncated: false,
  graphHref: '../graph/',
}

describe('the graph section of an inquiry', () => {
  it('lists every neighbour when nothing on the page lists them', () => {
    const tree = localGraphSection(graph)
    expect(selectAll('.graph-list a', tree).map((a) => toString(a))).toEqual(['a', 'b', 'c', 'd'])
    expect(select('.graph-listed', tree)).toBeUndefined()
  })

  it('points to the sources for the nodes numbered as they are, and lists only the rest', () => {
    const tree = localGraphSection(graph, { count: 2, href: '#sources', label: 'the sources listed above' })
    expect(toString(select('.graph-listed', tree)!)).toBe('Nodes 1–2 are the sources listed above.')
    expect(select('.graph-listed a', tree)!.properties.href).toBe('#sources')
    expect(selectAll('.graph-list a', tree).map((a) => toString(a))).toEqual(['c', 'd'])
    expect(select('ol.graph-list li', tree)!.properties.value).toBe(3)
  })
})
