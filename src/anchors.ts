/**
 * Anchors inside a page: the ids that `[[note#Heading]]` and
 * `[[note#^block]]` point at. Shared by the parse stage (which lists each
 * document's anchors, so links to them can be checked) and the render
 * stage (which gives the elements those ids).
 */
import { slug } from 'github-slugger'

/**
 * Ids that the templates give elements on document pages. A build test
 * renders headings named after each of them and checks no page repeats an id.
 */
export const pageIds: readonly string[] = [
  'main',
  'contents',
  'answer',
  'sources',
  'next',
  'cited-by',
  'claims',
  'papers',
  'papers-cited',
  'backs',
  'prompt-heading',
  'prompt-status',
  'prompt-copied',
  'prompt-text',
  'nearby',
  'nearby-graph',
  'nearby-graph-title',
  'nearby-graph-desc',
  'inquiries',
  'notes',
  'quire-search',
  'quire-search-hint',
  'quire-search-panel',
  'quire-search-status',
  'quire-search-count',
  'quire-search-results',
  'quire-preview',
]

/**
 * The id a link fragment names. A block reference (`^claim-1`) is its own
 * id; a heading's text gives its id (`Heading Text` → `heading-text`), and
 * of Obsidian's nested form `Part#Section` the last heading counts. An id
 * written as such stays itself. Repeated headings get `-1`, `-2`…, which a
 * link has to spell out.
 */
export function anchorId(fragment: string): string {
  if (isBlockId(fragment)) return fragment
  const last = fragment.slice(fragment.lastIndexOf('#') + 1)
  return slug(last) || last
}

/** `^claim-1`: a block id as written after a paragraph or list item. */
export function isBlockId(fragment: string): boolean {
  return /^\^[A-Za-z0-9-]+$/.test(fragment)
}
