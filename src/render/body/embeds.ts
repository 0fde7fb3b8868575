/**
 * Transclusion: a paragraph that is only `![[note]]` (or `![[note#Heading]]`,
 * `![[note#^block]]`) shows that note's body (or section, or block) in
 * place, inside `<div class="embed">` headed by a link to the note.
 *
 * Runs on the mdast before it becomes hast, so the embedded content goes
 * through the same sanitizer, math and heading anchors as the page's own.
 * Each embedded link keeps pointing at its own document's resolutions
 * (`data.quireOwner`). Embeds nest up to {@link maxEmbedDepth}; an embed of
 * a note already being embedded (a cycle, reported by `quire check`) and
 * embeds deeper than that stay links.
 */
import type { Blockquote, Heading, Paragraph, Root, RootContent } from 'mdast'
import { visit } from 'unist-util-visit'
import { anchorId, isBlockId } from '../../anchors.js'
import type { Doc, Graph, Slug } from '../../model.js'
import { titleHeading } from '../../parse/derive.js'
import { headingAnchors } from '../../parse/markdown.js'
import type { WikiLink } from '../../parse/wikilink-syntax.js'
import { urlFor, type RootPrefix } from '../url.js'

declare module 'mdast' {
  interface Data {
    /** The document whose `links` this node's `quireLink` indexes (set on embedded content). */
    quireOwner?: Slug
  }
}

/** How deep embeds nest (an embed inside an embed inside an embed…). */
export const maxEmbedDepth = 4

/** What expanding embeds needs: the graph and the way from the page to the site root. */
export interface EmbedContext {
  readonly graph: Graph
  readonly root: RootPrefix
}

/**
 * What the notes embedded in `slug`'s page (at any depth) are made from:
 * each one's text and the titles of its links. A page's fingerprint
 * includes them, so editing an embedded note re-renders the page.
 */
export function embeddedTexts(graph: Graph, slug: Slug): string[] {
  const texts: string[] = []
  const walk = (owner: Slug, path: readonly Slug[]): void => {
    const doc = graph.documents.get(owner)
    const results = graph.resolved.get(owner) ?? []
    doc?.links.forEach((link, i) => {
      const result = results[i]
      if (!link.embed || result?.kind !== 'resolved' || path.includes(result.slug) || path.length > maxEmbedDepth) return
      const target = graph.documents.get(result.slug)!
      const titles = (graph.resolved.get(target.slug) ?? []).map((r) => (r.kind === 'resolved' ? (graph.documents.get(r.slug)?.data.title ?? '') : r.kind))
      texts.push(`${target.slug}\u0001${target.data.title}\u0001${target.file.text}\u0001${titles.join('\u0001')}`)
      walk(target.slug, [...path, target.slug])
    })
  }
  walk(slug, [slug])
  return texts
}

/**
 * The body tree of `doc` as shown on a page: the derived title heading
 * removed, and embeds expanded.
 */
export function pageBody(doc: Doc, tree: Root, context: EmbedContext): Root {
  dropTitleHeading(doc, tree)
  expandEmbeds(doc.slug, tree, context, [doc.slug])
  return tree
}

/** A title taken from the first `#` heading is the page's `<h1>`; the body does not repeat it. */
export function dropTitleHeading(doc: Doc, tree: Root): void {
  if (doc.derived.title !== 'heading') return
  const heading = titleHeading(tree)
  if (heading) tree.children.splice(tree.children.indexOf(heading), 1)
}

function expandEmbeds(owner: Slug, tree: Root | Blockquote, context: EmbedContext, path: readonly Slug[]): void {
  const { graph } = context
  const results = graph.resolved.get(owner) ?? []
  visit(tree, 'paragraph', (node, index, parent) => {
    if (!parent || index === undefined) return
    const only = soleEmbed(node)
    if (!only) return
    const linkIndex = only.data?.quireLink
    const result = linkIndex === undefined ? undefined : results[linkIndex]
    if (result?.kind !== 'resolved') return
    const target = graph.documents.get(result.slug)
    if (!target || path.includes(target.slug) || path.length > maxEmbedDepth) return
    const content = embeddedContent(target, only.value.includes('#') ? only.value.slice(only.value.indexOf('#') + 1) : undefined)
    if (!content) return
    const embed: Blockquote = {
      type: 'blockquote',
      children: [sourceLine(target, context), ...(content as Blockquote['children'])],
      data: { hName: 'div', hProperties: { className: ['embed'] } },
    }
    expandEmbeds(target.slug, embed, context, [...path, target.slug])
    ;(parent.children as RootContent[])[index] = embed
    return 'skip'
  })
}

/** The embed in a paragraph that holds nothing else, if it is a wikilink embed. */
function soleEmbed(node: Paragraph): WikiLink | undefined {
  const children = node.children.filter((child) => !(child.type === 'text' && child.value.trim() === ''))
  const only = children.length === 1 ? children[0] : undefined
  return only?.type === 'wikiLink' && only.embed ? only : undefined
}

/** "From: Title", linking to the embedded note. */
function sourceLine(target: Doc, context: EmbedContext): Paragraph {
  return {
    type: 'paragraph',
    data: { hProperties: { className: ['embed-source'] } },
    children: [
      {
        type: 'link',
        url: urlFor(context.root, { slug: target.slug }),
        children: [{ type: 'text', value: target.data.title }],
        data: { hProperties: { className: ['internal'] } },
      },
    ],
  }
}

/** The nodes an embed shows: the whole body, a heading's section, or one block; owned by `target`. */
function embeddedContent(target: Doc, fragment: string | undefined): RootContent[] | undefined {
  const tree = target.body()
  dropTitleHeading(target, tree)
  let nodes: RootContent[] | undefined = tree.children
  if (fragment !== undefined && fragment !== '') nodes = isBlockId(fragment) ? block(tree, fragment) : section(tree, anchorId(fragment))
  if (!nodes) return undefined
  for (const node of nodes) {
    visit(node, (child) => {
      if (child.data?.quireLink !== undefined) child.data.quireOwner = target.slug
    })
  }
  return nodes
}

/** From the heading with id `id` up to the next heading of the same or a higher level. */
function section(tree: Root, id: string): RootContent[] | undefined {
  // The ids the parse stage listed as the note's anchors (the title heading is already gone).
  const ids = headingAnchors(tree)
  const children = tree.children
  for (let i = 0; i < children.length; i++) {
    const node = children[i]!
    if (node.type !== 'heading' || ids.get(node) !== id) continue
    let end = i + 1
    while (end < children.length && !(children[end]!.type === 'heading' && (children[end] as Heading).depth <= node.depth)) end++
    return children.slice(i, end)
  }
  return undefined
}

/** The block whose id is `id` (a list item comes wrapped in its list). */
function block(tree: Root, id: string): RootContent[] | undefined {
  let found: RootContent[] | undefined
  visit(tree, (node, _index, parent) => {
    if (found || node.type === 'root' || node.data?.hProperties?.['id'] !== id) return
    found =
      node.type === 'listItem'
        ? [{ type: 'list', ordered: parent?.type === 'list' ? parent.ordered : false, spread: false, children: [node] }]
        : [node as RootContent]
  })
  return found
}
