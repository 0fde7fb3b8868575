/**
 * `graph.json` is written in pieces: joined, they are the file as written
 * whole (`serialiseJson`), empty lists, `<` and any character included.
 */
import { describe, expect, it } from 'vitest'
import { graphJson, graphJsonPieces, serialiseJson, type GraphJson } from '../src/render/site-files/graph-json.js'
import { graphOf } from './support/graph.js'

const joined = (json: GraphJson): string => [...graphJsonPieces(json)].join('')

describe('graph.json in pieces', () => {
  it('is the file written whole', () => {
    const graph = graphOf({
      'a.md': '---\ntitle: "A <b> & \\"quotes\\""\nsummary: "Line\\nbreak, </script> and é ✓"\n---\nSee [[b]] and [[c]].\n',
      'b.md': '---\ntitle: B\nsummary: B\n---\nBack to [[a]].\n',
      'c.md': '---\ntitle: C\nsummary: "🙂"\n---\nNo links.\n',
    })
    const site = { base: '/sub/', title: 'Site', description: undefined, url: undefined, buildDate: { year: 2026, month: 12, day: 1 }, staleAfterMonths: 12 }
    const json = graphJson(graph, site)
    expect(json.edges.length).toBeGreaterThan(0)
    expect(joined(json)).toBe(serialiseJson(json))
  })

  it('writes empty lists as the file written whole does', () => {
    const node = { id: 'a', type: 'note', title: '<a>', summary: '', url: '/a/' } as const
    for (const json of [
      { nodes: [], edges: [] },
      { nodes: [node], edges: [] },
      { nodes: [], edges: [{ from: 'a', to: 'b', kind: 'link' }] },
    ] satisfies GraphJson[])
      expect(joined(json)).toBe(serialiseJson(json))
  })
})
