/**
 * The whole library's layout for the graph page (`library-layout.ts`) and
 * the data the page fetches (`graph-data.ts`): the same input gives the
 * same bytes, every point lies inside the drawing, clusters do not overlap,
 * and a folder's documents sit in its cluster.
 */
import { describe, expect, it } from 'vitest'
import { dataAddress, graphData, graphDataText } from '../src/render/site-files/graph-data.js'
import { layoutLibrary } from '../src/render/props/library-layout.js'
import { graphOf } from './support/graph.js'

/** A library-like input: `clusters` folders of uneven sizes, each document linked to a few others (some across folders). */
function input(documents: number, clusters: number): { cluster: number[]; clusterCount: number; edges: number[] } {
  const cluster = Array.from({ length: documents }, (_, i) => (i * 7 + (i % 5)) % clusters)
  const edges: number[] = []
  for (let i = 0; i < documents; i++) edges.push(i, (i * 31 + 17) % documents, i, (i + 1) % documents)
  return { cluster, clusterCount: clusters, edges }
}

describe('the library layout', () => {
  it('gives the same positions for the same input, every time', () => {
    const a = layoutLibrary(input(3000, 30))
    const b = layoutLibrary(input(3000, 30))
    expect(Buffer.from(a.x.buffer).equals(Buffer.from(b.x.buffer))).toBe(true)
    expect(Buffer.from(a.y.buffer).equals(Buffer.from(b.y.buffer))).toBe(true)
    expect(a.clusters).toEqual(b.clusters)
  })

  it('keeps every point inside the drawing and inside its cluster, and clusters apart', () => {
    const data = input(5000, 30)
    const layout = layoutLibrary(data)
    for (let i = 0; i < data.cluster.length; i++) {
      const x = layout.x[i]!
      const y = layout.y[i]!
      expect(x >= 0 && x <= layout.width && y >= 0 && y <= layout.height, `document ${i} at ${x},${y}`).toBe(true)
      const c = layout.clusters[data.cluster[i]!]!
      expect(Math.hypot(x - c.x, y - c.y)).toBeLessThanOrEqual(c.r + 1)
    }
    for (let a = 0; a < layout.clusters.length; a++) {
      for (let b = a + 1; b < layout.clusters.length; b++) {
        const p = layout.clusters[a]!
        const q = layout.clusters[b]!
        if (p.r > 0 && q.r > 0) expect(Math.hypot(p.x - q.x, p.y - q.y)).toBeGreaterThanOrEqual(p.r + q.r)
      }
    }
    // No two documents on one spot.
    const spots = new Set<string>()
    for (let i = 0; i < data.cluster.length; i++) spots.add(`${layout.x[i]},${layout.y[i]}`)
    expect(spots.size).toBe(data.cluster.length)
    // Screens are wider than tall: the drawing is not a tall strip.
    expect(layout.width).toBeGreaterThanOrEqual(layout.height * 0.8)
  })

  it('puts the most connected document of a cluster at its centre', () => {
    // Document 0 links to every other: it is the hub.
    const edges: number[] = []
    for (let i = 1; i < 40; i++) edges.push(0, i)
    const layout = layoutLibrary({ cluster: new Array(40).fill(0), clusterCount: 1, edges })
    const c = layout.clusters[0]!
    const distance = (i: number) => Math.hypot(layout.x[i]! - c.x, layout.y[i]! - c.y)
    for (let i = 1; i < 40; i++) expect(distance(0)).toBeLessThanOrEqual(distance(i))
  })
})

describe('graph/data.json', () => {
  const note = (title: string, body = '', extra = '') => `---\ntitle: ${JSON.stringify(title)}\nsummary: About ${title}\n${extra}---\n${body}`
  const files = {
    'methods/a.md': note('A?', '[[b]]', 'tags: [rl]\n'),
    'methods/b.md': note('B?'),
    'methods/deep/c.md': note('C?', '[[a]]'),
    'top.md': note('Top?'),
    'inquiries/why.md': note('Why?', '[[b]] [[a]]', 'type: inquiry\n'),
  }

  it('is the same bytes for the same notes, and lists every document with its address, folder and kind', () => {
    const text = graphDataText(graphOf(files))
    expect(graphDataText(graphOf(files))).toBe(text)
    const data = graphData(graphOf(files))
    expect(data.folders.map((folder) => [folder.slug, folder.parent])).toEqual([
      ['', -1],
      ['inquiries', 0],
      ['methods', 0],
      ['methods/deep', 2],
    ])
    const addresses = data.nodes.title.map((title, i) => [title, dataAddress(data, i), data.nodes.type[i]])
    expect(addresses).toEqual([
      ['Top?', 'top/', 'n'],
      ['Why?', 'inquiries/why/', 'i'],
      ['A?', 'methods/a/', 'n'],
      ['B?', 'methods/b/', 'n'],
      ['C?', 'methods/deep/c/', 'n'],
    ])
    expect(data.links.length / 2).toBe(4)
    expect(data.tags).toEqual([{ label: 'rl', slug: 'rl', nodes: [2] }])
    expect(data.inquiries).toEqual([{ node: 1, sources: [3, 2] }])
  })

  it('draws an inquiry among its sources, not in its own folder', () => {
    const data = graphData(graphOf(files))
    const at = (i: number) => [data.nodes.x[i]!, data.nodes.y[i]!] as const
    const distance = (i: number, j: number) => Math.hypot(at(i)[0] - at(j)[0], at(i)[1] - at(j)[1])
    // The inquiry (1) is nearer its sources (2, 3) than the note at the top (0), in another cluster.
    expect(distance(1, 2)).toBeLessThan(distance(1, 0))
    expect(distance(1, 3)).toBeLessThan(distance(1, 0))
  })
})
