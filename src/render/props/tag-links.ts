/**
 * Tag addresses: a tag's page is `tags/<tag slug>/` (a nested tag's below its
 * parent's), and a document's tags
 * link there. (The pages themselves are made in `tags.ts`.)
 */
import type { TagLink } from '../../../templates/props.js'
import type { Slug } from '../../model.js'
import { slugifySegment } from '../../slug.js'
import type { PageContext } from './page-context.js'
import { urlFor } from '../url.js'

/** The tag index's address; each tag's page is below it. */
export const tagsPageSlug = 'tags' as Slug

/**
 * A tag's segment of the address: its slug, or for a tag with no letters
 * or digits (`+`), its code points (`tag-2b`).
 */
export function tagSlug(tag: string): string {
  let slug = tagSlugs.get(tag)
  if (slug === undefined) {
    slug = makeTagSlug(tag)
    tagSlugs.set(tag, slug)
  }
  return slug
}

/**
 * Tag slugs made so far: a library has few distinct tags, each written on
 * many documents, and every build and dev rebuild asks for each of them.
 */
const tagSlugs = new Map<string, string>()

function makeTagSlug(tag: string): string {
  // A nested tag's page sits below its parent's: `rl/reward` → `tags/rl/reward/`.
  if (isNestedTag(tag)) return tag.split('/').map(slugifySegment).join('/')
  const slug = slugifySegment(tag)
  if (slug !== '') return slug
  return `tag-${[...tag.normalize('NFC')].map((char) => char.codePointAt(0)!.toString(16)).join('-')}`
}

/** `rl/reward`: words joined by `/` (Obsidian's nested tags). Other text with a `/` is one flat tag. */
export function isNestedTag(tag: string): boolean {
  return /^[\p{L}\p{N}_-]+(\/[\p{L}\p{N}_-]+)+$/u.test(tag) && tag.split('/').every((part) => slugifySegment(part) !== '')
}

/** The slug of the page of the tag whose address segment is `slug`. */
export function tagPageSlug(slug: string): Slug {
  return `${tagsPageSlug}/${slug}` as Slug
}

/** Links to the pages of `tags`, as written on a document, from the page `context` is for. */
export function tagLinks(context: PageContext, tags: readonly string[] | undefined): TagLink[] {
  const seen = new Set<string>()
  const links: TagLink[] = []
  for (const tag of tags ?? []) {
    const slug = tagSlug(tag)
    if (seen.has(slug)) continue
    seen.add(slug)
    links.push({ label: tag, href: urlFor(context.root, { slug: tagPageSlug(slug) }) })
  }
  return links
}
