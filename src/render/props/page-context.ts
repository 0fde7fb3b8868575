/** What every page's props are computed from: the graph, the site, and the way back to the site root. */
import type { Graph, SiteOptions } from '../../model.js'
import type { RootPrefix } from '../url.js'

/** Everything a page's props are computed from. */
export interface PageContext {
  readonly graph: Graph
  readonly site: SiteOptions
  /** The way from this page back to the site root. */
  readonly root: RootPrefix
  /** Does the site have a papers page (computed once per build)? */
  readonly hasPapers: boolean
  /** Does any document carry a tag, so the site has tag pages (computed once per build)? */
  readonly hasTags: boolean
  /** Does the library hold any document, so the site has a graph page? Undefined: look at the graph. */
  readonly hasDocuments?: boolean
}
