/**
 * URLs between pages. Pages link to each other relatively, so one build works
 * at a domain root and under any sub-path; only pages that can be served at
 * an unknown depth (404.html) and absolute URLs use the configured base.
 */
import type { Slug } from '../model.js'

/** The prefix that leads from a page back to the site root: `../../` for `a/b/`. */
export type RootPrefix = string & { readonly __brand: 'RootPrefix' }

/** The root prefix for the page of `slug` (undefined: the home page). */
export function rootFromPage(slug: Slug | undefined): RootPrefix {
  if (slug === undefined) return '' as RootPrefix
  return '../'.repeat(slug.split('/').length) as RootPrefix
}

/** The root prefix for pages served at any depth: the site's base path. */
export function rootFromBase(base: string): RootPrefix {
  return base as RootPrefix
}

/**
 * The slug of `index.md` at the top of the notes folder: that document is
 * the home page's content, so its address is the site root.
 */
export const homeSlug = 'index' as Slug

/**
 * The one function that makes a URL to a document, the home page, or a file
 * in the site. `page` (from 1) is a page of the listing at `slug` (a folder,
 * the list of every note): the first is the address itself, the others
 * `page-2.html`, … inside it.
 */
export function urlFor(root: RootPrefix, target: { slug: Slug; page?: number } | { file: string } | 'home'): string {
  if (target === 'home' || ('slug' in target && target.slug === homeSlug)) return root === '' ? './' : root
  if ('slug' in target) return target.page !== undefined && target.page > 1 ? `${root}${target.slug}/page-${target.page}.html` : `${root}${target.slug}/`
  return `${root}${target.file}`
}

/** Normalise a `--base` option: always starts and ends with `/`. */
export function normaliseBase(base: string): string {
  // A backslash is a slash to browsers: `/\evil.example/` would be read as `//evil.example/`, another site.
  const trimmed = base
    .trim()
    .replace(/\\/g, '/')
    .replace(/^\/+|\/+$/g, '')
  return trimmed === '' ? '/' : `/${trimmed}/`
}

/** The abstract page of an arXiv paper. */
export function arxivUrl(id: string): string {
  return `https://arxiv.org/abs/${id}`
}
