/**
 * The files quire writes into every site whatever the notes hold: the
 * graph keeps attachments clear of their paths (see `graph/addresses.ts`).
 */
import { unwrittenPageSlug } from '../../graph/unwritten-notes.js'
import { feedFile } from './feed.js'
import { allNotesSlug } from '../props/folders.js'
import { graphDataFile, graphPageSlug } from '../props/graph-layout.js'
import { headersFile } from './headers.js'
import { llmsFile } from './llms-txt.js'
import { assetFiles, papersPageSlug } from '../props/pages.js'
import { previewsIndexFile } from './previews.js'
import { redirectsFile } from './quartz-redirects.js'
import { searchFiles } from './search-index.js'
import { robotsFile, sitemapFile } from './sitemap.js'
import { tagsPageSlug } from '../props/tag-links.js'

/** Where the graph page's drawing libraries are published in the site (read by load, see `load/graph-libraries.ts`). */
export const graphLibraryFiles = { graphology: 'assets/graphology.js', sigma: 'assets/sigma.js' } as const

/** quire's own files, by path in the site (all lower case). Folders among them (`tags/`) are quire's to the bottom. */
export const siteFiles: readonly string[] = [
  'index.html',
  '404.html',
  'graph.json',
  `${papersPageSlug}/index.html`,
  `${graphPageSlug}/index.html`,
  `${tagsPageSlug}/index.html`,
  `${unwrittenPageSlug}/index.html`,
  `${allNotesSlug}/index.html`,
  previewsIndexFile,
  searchFiles.manifest,
  graphDataFile,
  graphLibraryFiles.graphology,
  graphLibraryFiles.sigma,
  feedFile,
  llmsFile,
  sitemapFile,
  robotsFile,
  headersFile,
  redirectsFile,
  ...Object.values(assetFiles),
]
