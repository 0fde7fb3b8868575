/** The props every page shares: the layout (site title, navigation, assets, meta) and document cards. */
import type { DocumentCard, LayoutProps } from '../../../templates/props.js'
import type { Slug } from '../../model.js'
import { graphPageSlug } from './graph-layout.js'
import { pageMeta, type PageAddress } from './meta.js'
import type { PageContext } from './page-context.js'
import { tagsPageSlug } from './tag-links.js'
import { urlFor } from '../url.js'

/** Where the site's own assets and shared pages live, relative to the site root. */
export const assetFiles = {
  stylesheet: 'assets/quire.css',
  script: 'assets/quire.js',
  search: 'assets/search.js',
  searchTerms: 'assets/search-terms.js',
  searchQuery: 'assets/search-query.js',
  preview: 'assets/preview.js',
  previewBucket: 'assets/preview-bucket.js',
  graph: 'assets/graph.js',
  theme: 'assets/theme.js',
} as const
export const papersPageSlug = 'papers' as Slug
export const promptFileName = 'prompt.md'

/**
 * Layout props for a page. `address` is where the page is published (for
 * its canonical URL and Open Graph); leave it out for pages served at any
 * address, such as 404.html.
 */
export function layoutProps(
  context: PageContext,
  title: string | undefined,
  description: string,
  current?: 'home' | 'papers' | 'graph' | 'tags',
  address?: PageAddress,
): LayoutProps {
  const { site, root } = context
  const nav = [{ href: urlFor(root, 'home'), label: 'Home', current: current === 'home' }]
  if (context.hasPapers) nav.push({ href: urlFor(root, { slug: papersPageSlug }), label: 'Papers', current: current === 'papers' })
  if (context.hasTags) nav.push({ href: urlFor(root, { slug: tagsPageSlug }), label: 'Tags', current: current === 'tags' })
  if (context.hasDocuments ?? context.graph.documents.size > 0)
    nav.push({ href: urlFor(root, { slug: graphPageSlug }), label: 'Graph', current: current === 'graph' })
  return {
    siteTitle: site.title,
    homeHref: urlFor(root, 'home'),
    stylesheetHref: urlFor(root, { file: assetFiles.stylesheet }),
    scriptHref: urlFor(root, { file: assetFiles.script }),
    themeScriptHref: urlFor(root, { file: assetFiles.theme }),
    moduleHrefs: [urlFor(root, { file: assetFiles.search }), urlFor(root, { file: assetFiles.preview })],
    documentTitle: title ? `${title} · ${site.title}` : site.title,
    description,
    nav,
    meta: pageMeta(site, root, {
      address,
      title: title ?? site.title,
      description,
      article: address !== undefined && address !== 'home' && context.graph.documents.has(address.slug),
    }),
  }
}

/** A card for the document `slug`. */
export function card(context: PageContext, slug: Slug): DocumentCard {
  const doc = context.graph.documents.get(slug)!
  return { href: urlFor(context.root, { slug }), title: doc.data.title, summary: doc.data.summary, type: doc.type }
}
