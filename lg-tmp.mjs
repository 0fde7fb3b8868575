import { analyse } from './dist/src/analyse.js'
import { localGraphProps } from './dist/src/render/local-graph.js'
import { graphIndex } from './dist/src/render/graph-layout.js'
import { rootFromPage } from './dist/src/render/url.js'
const a = await analyse('/tmp/syn', { buildDate: { year: 2026, month: 1, day: 15 } })
let t = performance.now(); graphIndex(a.graph); console.log('index', (performance.now() - t).toFixed(0), 'ms', a.graph.edges.length, 'edges')
t = performance.now(); let n = 0
for (const slug of a.graph.documents.keys()) { const p = localGraphProps(a.graph, slug, rootFromPage(slug)); n += p ? p.drawing.nodes.length : 0 }
console.log('local graphs', (performance.now() - t).toFixed(0), 'ms', n, 'nodes')
