/**
 * Obsidian comments: `%%like this%%`, inline or across lines and blocks,
 * are the author's private remarks and never reach the site. They are
 * taken out of the tree right after parsing, before links and tags are
 * collected, so a link or a tag inside a comment does not count either.
 * `%%` inside code stays as written. A comment left open hides the rest of
 * the body, as in Obsidian.
 */
import type { Nodes, Parent, Root } from 'mdast'

const marker = '%%'

/** Containers that are dropped when a comment took all they held. */
const emptied = new Set<Nodes['type']>(['listItem', 'list', 'blockquote', 'heading', 'emphasis', 'strong', 'delete'])

/** Could `text` contain a comment? (Cheap test, so most bodies skip the walk.) */
export function mayHaveComments(text: string): boolean {
  return text.includes(marker)
}

/** Remove every comment from `tree`. */
export function removeComments(tree: Root): void {
  let open = false

  /** `text` without its commented parts; updates whether a comment is open. */
  const strip = (text: string): string => {
    if (!open && !text.includes(marker)) return text
    let out = ''
    let at = 0
    for (let next = text.indexOf(marker); next !== -1; next = text.indexOf(marker, at)) {
      if (!open) out += text.slice(at, next)
      open = !open
      at = next + marker.length
    }
    return open ? out : out + text.slice(at)
  }

  const walk = (parent: Parent): void => {
    const kept: Nodes[] = []
    for (const child of parent.children as Nodes[]) {
      if (child.type === 'text') {
        const value = strip(child.value)
        if (value !== '') kept.push(value === child.value ? child : { ...child, value })
      } else if (open && !containsMarker(child)) {
        // Wholly inside a comment: a link, a list, a code block…
      } else if ('children' in child) {
        const had = child.children.length > 0
        walk(child)
        if (child.type === 'paragraph' && child.children.every((node) => node.type === 'text' && node.value.trim() === '')) continue
        // A list item, list, quote or heading that held nothing but a comment goes with it (no empty bullet is left behind).
        if (had && child.children.length === 0 && emptied.has(child.type)) continue
        kept.push(child)
      } else {
        kept.push(child)
      }
    }
    ;(parent as { children: Nodes[] }).children = kept
  }
  walk(tree)
}

/** Does a node's text (outside code) contain `%%`, so a comment opens or closes inside it? */
function containsMarker(node: Nodes): boolean {
  if (node.type === 'text') return node.value.includes(marker)
  return 'children' in node && (node.children as Nodes[]).some(containsMarker)
}

/**
 * Markdown text with every `%%…%%` taken out (an open one to the end), for
 * uses that read the text without parsing it, such as the search index.
 * Stricter than {@link removeComments}: `%%` in code counts too, so a
 * comment can never slip through.
 */
export function withoutComments(text: string): string {
  if (!text.includes(marker)) return text
  return text.replace(/%%[\s\S]*?(?:%%|$)/g, ' ')
}
