/**
 * The drawing libraries the graph page loads: sigma.js (WebGL rendering of
 * large graphs, with pan, zoom and hover) and graphology (the graph model
 * sigma draws). Both packages publish a single minified browser build that
 * sets one global (`Sigma`, `graphology`) and runs no `eval`, so the site
 * copies those files as they are published (their source-map comments left
 * out): no bundler, and the site's Content-Security-Policy holds.
 */
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'

/** The drawing libraries the graph page loads. */
export type GraphLibraryName = 'graphology' | 'sigma'

const require = createRequire(import.meta.url)

/** The `dist/` folder of an installed package (both packages' entry points are in it). */
function distFolder(name: string): string {
  return path.dirname(require.resolve(name))
}

const loaded = new Map<string, Promise<string>>()

/** A library's browser build, as its package publishes it. */
export function graphLibrary(name: GraphLibraryName): Promise<string> {
  const file = name === 'sigma' ? path.join(distFolder('sigma'), 'sigma.min.js') : path.join(distFolder('graphology'), 'graphology.umd.min.js')
  let text = loaded.get(file)
  if (!text) loaded.set(file, (text = readFile(file, 'utf8').then((code) => code.replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, '\n'))))
  return text
}
