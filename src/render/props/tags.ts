/**
 * Tags: the `tags` of every document's front matter, a page per tag at
 * `tags/<tag>/` listing what carries it, and the index of tags at `tags/`.
 *
 * A tag's address is its slug (the rule slugs follow everywhere), so tags
 * that differ only in case or punctuation (`RL`, `rl`) share a page, which
 * is labelled with their most used spelling.
 *
 * A note below `tags/` (`tags/plugin.md`, as Quartz has them) describes
 * the tag of that name: it has no page of its own, its title and body head
 * the tag's page instead, at the address the note's slug gives anyway
 * (`tags/plugin/`), and the tag has a page even if nothing carries it yet.
 */
import type { Root } from 'hast'
import { tagIndexPage, tagPage } from '../../../templates/tag.js'
import type { TagIndexPageProps, TagPageProps } from '../../../templates/props.js'
import { compare } from '../../diagnostics.js'
import { byStructure } from '../../graph/structure.js'
import type { Graph, Slug } from '../../model.js'
import { tagBreadcrumbs } from './navigation.js'
import { card, layoutProps, type PageContext } from './pages.js'
import { isNestedTag, tagPageSlug, tagSlug, tagsPageSlug } from './tag-links.js'
import { urlFor } from '../url.js'

/** One tag: its address, how it is shown, and the documents carrying it (by title). */
export interface Tag {
  /** The tag's segment of the address (`tags/<slug>/`). */
  readonly slug: string
  readonly label: string
  readonly documents: readonly Slug[]
}

/** Does any document carry a tag? (Computed once per build, for the header's Tags link.) */
export function hasTags(graph: Graph): boolean {
  for (const doc of graph.documents.values()) if ((doc.data.tags ?? []).length > 0) return true
  return false
}

/**
 * Every tag, sorted by label (case-insensitively) then address; each tag's
 * documents sorted by title (unless `sorted` is false: then in slug order,
 * for when only the tags and their counts are needed).
 */
export function collectTags(graph: Graph, sorted = true): Tag[] {
  const found = new Map<string, { spellings: Map<string, number>; documents: Set<Slug> }>()
  for (const [slug, doc] of graph.documents) {
    // A nested tag (`rl/reward`) also counts for each tag above it (`rl`), as in Obsidian.
    for (const written of doc.data.tags ?? []) {
      for (const tag of withParents(written)) {
        const key = tagSlug(tag)
        const entry = found.get(key) ?? { spellings: new Map<string, number>(), documents: new Set<Slug>() }
        entry.spellings.set(tag, (entry.spellings.get(tag) ?? 0) + 1)
        entry.documents.add(slug)
        found.set(key, entry)
      }
    }
  }
  const tags = [...found].map(([slug, entry]) => ({
    slug,
    label: [...entry.spellings].sort((a, b) => b[1] - a[1] || compare(a[0], b[0]))[0]![0],
    documents: sorted ? byTitle(graph, entry.documents) : [...entry.documents],
  }))
  return tags.sort((a, b) => compare(a.label.toLowerCase(), b.label.toLowerCase()) || compare(a.slug, b.slug))
}

/** Documents sorted by title (case-insensitively), then slug. */
function byTitle(graph: Graph, slugs: Iterable<Slug>): Slug[] {
  // Each title lower-cased once, not at every comparison (a tag of a large library lists thousands of documents).
  const titles = new Map<Slug, string>()
  for (const slug of slugs) titles.set(slug, graph.documents.get(slug)!.data.title.toLowerCase())
  return [...titles.keys()].sort((a, b) => compare(titles.get(a)!, titles.get(b)!) || compare(a, b))
}

/** `a/b/c` → `a`, `a/b`, `a/b/c`. */
function withParents(tag: string): string[] {
  if (!isNestedTag(tag)) return [tag]
  const parts = tag.split('/')
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'))
}

/** The tag (its address segment) that a document at `slug` describes, if it is a note below `tags/`. */
export function describedTag(slug: Slug): string | undefined {
  return slug.startsWith(`${tagsPageSlug}/`) ? slug.slice(tagsPageSlug.length + 1) : undefined
}

/** The title and body of the note describing a tag, for the top of its page. */
export type TagIntro = (slug: Slug) => TagPageProps['intro']

/** Props for one tag's page. */
export function tagPageProps(context: PageContext, tag: Tag, intro?: TagPageProps['intro']): TagPageProps {
  return {
    intro,
    layout: {
      ...layoutProps(context, `Tagged “${tag.label}”`, `Notes and inquiry lines tagged “${tag.label}”.`, 'tags', { slug: tagPageSlug(tag.slug) }),
      breadcrumbs: tagBreadcrumbs(context, tag.label, false),
    },
    label: tag.label,
    documents: tag.documents.map((slug) => card(context, slug)),
    indexHref: urlFor(context.root, { slug: tagsPageSlug }),
  }
}

/** Props for the index of tags. */
export function tagIndexProps(context: PageContext, tags: readonly Tag[]): TagIndexPageProps {
  return {
    layout: {
      ...layoutProps(context, 'Tags', 'Every tag in this library, with how many notes and inquiry lines carry it.', 'tags', { slug: tagsPageSlug }),
      breadcrumbs: tagBreadcrumbs(context, 'Tags', true),
    },
    tags: tags.map((tag) => ({ label: tag.label, href: urlFor(context.root, { slug: tagPageSlug(tag.slug) }), count: tag.documents.length })),
  }
}

/** The tags and their documents (unsorted): tags are structure, so `quire dev` collects them once per structure. */
const unsortedTags = byStructure((graph) => collectTags(graph, false))

/** {@link tagPages}, each tree made only when asked for (the paths are known at once). */
export function lazyTagPages(graph: Graph, contextFor: (slug: Slug) => PageContext, introFor?: TagIntro): { path: string; tree: () => Root; intro?: Slug }[] {
  // Each tag's documents are sorted only when its page is made (`quire dev` plans the site on every save).
  const tags = withDescribedTags(graph, unsortedTags(graph))
  if (tags.length === 0) return []
  const pages: { path: string; tree: () => Root; intro?: Slug }[] = [
    { path: `${tagsPageSlug}/index.html`, tree: () => tagIndexPage(tagIndexProps(contextFor(tagsPageSlug), tags)) },
  ]
  for (const tag of tags) {
    const slug = tagPageSlug(tag.slug)
    const intro = graph.documents.has(slug) ? introFor : undefined
    pages.push({
      path: `${slug}/index.html`,
      tree: () => tagPage(tagPageProps(contextFor(slug), { ...tag, documents: byTitle(graph, tag.documents) }, intro?.(slug))),
      ...(intro ? { intro: slug } : {}),
    })
  }
  return pages
}

/** `tags`, and a tag for each note describing one that no document carries (labelled with its address segment), in the same order. */
function withDescribedTags(graph: Graph, tags: readonly Tag[]): readonly Tag[] {
  const known = new Set(tags.map((tag) => tag.slug))
  const added: Tag[] = []
  for (const slug of graph.documents.keys()) {
    const tag = describedTag(slug)
    if (tag !== undefined && !known.has(tag)) added.push({ slug: tag, label: tag, documents: [] })
  }
  if (added.length === 0) return tags
  return [...tags, ...added].sort((a, b) => compare(a.label.toLowerCase(), b.label.toLowerCase()) || compare(a.slug, b.slug))
}
