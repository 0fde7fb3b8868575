/**
 * quire's own files that every site includes (its stylesheet and scripts,
 * the graph page's drawing libraries, the search tokenizer the build shares
 * with the browser), read here, in load, and handed to render as a value:
 * render turns them into site files without reading a file itself. Each is
 * read on first use, so a build that carries its site over whole reads none.
 */
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type * as SearchTerms from '../../templates/assets/search-terms.js'
import { assetFolder, readAsset } from './assets.js'
import { graphLibrary, type GraphLibraryName } from './graph-libraries.js'

/** What render asks of quire's shipped files. */
export interface ShippedFiles {
  /** The asset `file` (a path in the site, `assets/quire.css`): its minified copy when that is current, else its source. */
  asset(file: string): Promise<{ readonly text: string; readonly minified: boolean }>
  /** A drawing library's browser build, as its package publishes it. */
  graphLibrary(name: GraphLibraryName): Promise<string>
  /** The search tokenizer: the very module the browser gets, so the index and the queries split words alike. */
  searchTerms(): Promise<typeof SearchTerms>
}

let terms: Promise<typeof SearchTerms> | undefined

/** The search tokenizer's module, as a URL to import (a worker thread building the index imports it too). */
export function searchTermsModule(): string {
  return pathToFileURL(path.join(assetFolder(), 'search-terms.js')).href
}

/** quire's shipped files, read from its install folder. */
export const shippedFiles: ShippedFiles = {
  asset: readAsset,
  graphLibrary,
  searchTerms() {
    terms ??= import(searchTermsModule()) as Promise<typeof SearchTerms>
    return terms
  },
}
