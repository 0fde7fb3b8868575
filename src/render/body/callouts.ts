/**
 * Obsidian callouts: a blockquote whose first line is `[!type]`, optionally
 * followed by `+` or `-` (foldable, open or closed) and a title, becomes an
 * aside.
 *
 * ```markdown
 * > [!warning]- Careful *here*
 * > The content.
 * ```
 *
 * becomes
 *
 * ```html
 * <aside class="callout" data-callout="warning" role="note">
 *   <details>
 *     <summary class="callout-title">Careful <em>here</em></summary>
 *     <div class="callout-content"><p>The content.</p></div>
 *   </details>
 * </aside>
 * ```
 *
 * and without `+`/`-` the title is a `<p class="callout-title">` followed by
 * the content, with no `<details>`. `<details>` folds without JavaScript;
 * `+` adds `open`.
 *
 * Why `<aside role="note">`: a body sits inside `<main>`, which is not
 * sectioning content, so a bare `<aside>` there is a complementary landmark
 * (Chromium exposes it as one). Every callout would then be an unnamed
 * landmark in the screen reader's list of page regions, nested in `main`:
 * what axe's `landmark-complementary-is-top-level` rule reports (deprecated
 * and off by default in the axe-core 4.13 the tests use, on in older
 * versions), and several of them invite `landmark-unique`. ARIA's `note`
 * role ("parenthetic or ancillary to the main content") is what a callout
 * is, ARIA in HTML allows it on `<aside>`, and it is not a landmark. The
 * sanitizer adds `role="note"` to every `<aside>`, so raw HTML in a note
 * cannot make a landmark this way either. (A `<div role="note">` would do
 * as well; `<aside>` keeps the meaning for readers without ARIA.)
 *
 * The type is case-insensitive letters, digits and hyphens; anything else
 * (`[!"><script>]`) is not a callout and the blockquote stays as written.
 * Aliases map to Obsidian's canonical types ({@link calloutAliases}), which
 * `data-callout` carries; unknown types are kept and styled like `note`.
 * The title keeps its inline Markdown (emphasis, links, code). The title
 * ends at the first line break that is not inside an inline node.
 *
 * This runs on the mdast, before remark-rehype, and marks the nodes with
 * `data.hName`/`hProperties`, so everything, title and type included, still
 * passes the sanitizer ({@link withCalloutSchema}).
 */
import type { Properties } from 'hast'
import type { Blockquote, Nodes, Paragraph, PhrasingContent, Root } from 'mdast'
import type { Options as SanitizeSchema } from 'rehype-sanitize'
import type { Plugin } from 'unified'
import { walk } from '../../walk.js'

/**
 * Obsidian's aliases → canonical type (Obsidian's own table). Canonical
 * types: note, abstract, info, todo, tip, success, question, warning,
 * failure, danger, bug, example, quote.
 */
export const calloutAliases: ReadonlyMap<string, string> = new Map([
  ['summary', 'abstract'],
  ['tldr', 'abstract'],
  ['hint', 'tip'],
  ['important', 'tip'],
  ['check', 'success'],
  ['done', 'success'],
  ['help', 'question'],
  ['faq', 'question'],
  ['caution', 'warning'],
  ['attention', 'warning'],
  ['fail', 'failure'],
  ['missing', 'failure'],
  ['error', 'danger'],
  ['cite', 'quote'],
])

/** What `data-callout` may hold: a lower-case type. The sanitizer checks it too. */
export const calloutTypePattern = /^[a-z0-9-]+$/

/** `[!type]`, then `+` or `-`, then spaces or the end of the line. */
const marker = /^\[!([a-z0-9-]+)\]([+-]?)(?:[ \t]+|(?=\n)|$)/i

/** The first line of a callout, taken apart. */
export interface CalloutHead {
  /** The canonical type, lower case (aliases resolved). */
  readonly type: string
  /** The type as written, lower case. */
  readonly written: string
  /** `open` for `+`, `closed` for `-`, undefined when it does not fold. */
  readonly fold: 'open' | 'closed' | undefined
  /** The title's inline nodes; empty when the line has none. */
  readonly title: PhrasingContent[]
  /** The first paragraph's nodes after the first line. */
  readonly rest: PhrasingContent[]
}

/**
 * Read the callout line at the start of a blockquote's first paragraph;
 * undefined when the paragraph does not start with `[!type]`. Does not
 * change the paragraph.
 */
export function calloutHead(paragraph: Paragraph): CalloutHead | undefined {
  const [first, ...others] = paragraph.children
  if (first?.type !== 'text') return undefined
  const match = marker.exec(first.value)
  if (!match) return undefined
  const written = match[1]!.toLowerCase()
  const fold = match[2] === '+' ? 'open' : match[2] === '-' ? 'closed' : undefined

  const title: PhrasingContent[] = []
  const rest: PhrasingContent[] = []
  const remaining: PhrasingContent[] = [{ type: 'text', value: first.value.slice(match[0].length) }, ...others]
  let inTitle = true
  for (const node of remaining) {
    if (!inTitle) rest.push(node)
    else if (node.type === 'break') inTitle = false
    else if (node.type === 'text' && node.value.includes('\n')) {
      const end = node.value.indexOf('\n')
      title.push({ type: 'text', value: node.value.slice(0, end) })
      rest.push({ type: 'text', value: node.value.slice(end + 1) })
      inTitle = false
    } else title.push(node)
  }
  return { type: calloutAliases.get(written) ?? written, written, fold, title: trimTitle(title), rest: trimRest(rest) }
}

/** Drop empty text at the ends of the title, and trailing spaces. */
function trimTitle(nodes: PhrasingContent[]): PhrasingContent[] {
  const out = nodes.filter((node) => node.type !== 'text' || node.value !== '')
  const last = out[out.length - 1]
  if (last?.type === 'text') {
    const value = last.value.trimEnd()
    if (value === '') out.pop()
    else out[out.length - 1] = { type: 'text', value }
  }
  return out
}

/** Drop leading whitespace of what follows the title; nothing if that is all there is. */
function trimRest(nodes: PhrasingContent[]): PhrasingContent[] {
  const first = nodes[0]
  if (first?.type !== 'text') return nodes
  const value = first.value.trimStart()
  if (value === '') return trimRest(nodes.slice(1))
  return [{ type: 'text', value }, ...nodes.slice(1)]
}

/** `warning` → `Warning`: the title of a callout that gives none. */
export function defaultCalloutTitle(written: string): string {
  return written.charAt(0).toUpperCase() + written.slice(1)
}

/** A container that becomes the element `hName` (typed as a blockquote, the node it replaces). */
function container(hName: string, hProperties: Properties, children: Blockquote['children']): Blockquote {
  return { type: 'blockquote', data: { hName, hProperties }, children }
}

/** Turn `node` into a callout in place, if its first line makes it one. */
function toCallout(node: Blockquote): void {
  const paragraph = node.children[0]
  if (paragraph?.type !== 'paragraph') return
  const head = calloutHead(paragraph)
  if (!head) return

  const titleNodes: PhrasingContent[] = head.title.length > 0 ? head.title : [{ type: 'text', value: defaultCalloutTitle(head.written) }]
  const title: Paragraph = {
    type: 'paragraph',
    data: { hName: head.fold ? 'summary' : 'p', hProperties: { className: ['callout-title'] } },
    children: titleNodes,
  }
  const body = node.children.slice(1)
  // The rest of the first paragraph keeps the paragraph (and its position).
  if (head.rest.length > 0) body.unshift({ ...paragraph, children: head.rest })
  const content = body.length > 0 ? [container('div', { className: ['callout-content'] }, body)] : []

  node.data = { ...node.data, hName: 'aside', hProperties: { className: ['callout'], dataCallout: head.type, role: 'note' } }
  node.children = head.fold ? [container('details', head.fold === 'open' ? { open: true } : {}, [title, ...content])] : [title, ...content]
}

/**
 * The remark plugin: turn callout blockquotes into callouts, nested ones
 * too. Changes the tree in place (a body's tree is rendered once).
 */
export const remarkCallouts: Plugin<[], Root> = () => (tree) => {
  walk<Nodes>(tree, (node) => {
    if (node.type !== 'blockquote') return
    // Containers this plugin made carry `hName`; real blockquotes never do.
    if (node.data?.hName === undefined) toCallout(node)
  })
}

type Definitions = NonNullable<SanitizeSchema['attributes']>[string]
type Definition = Definitions[number]

/**
 * `definitions` allowing `extra` too. The sanitizer reads only the first
 * definition of an attribute, so values for one already listed with an
 * allow-list (such as `className` on `p` or `div`) join that list.
 */
function allow(definitions: Definitions | undefined, extra: readonly Exclude<Definition, string>[]): Definitions {
  const out = [...(definitions ?? [])]
  for (const [name, ...values] of extra) {
    const at = out.findIndex((definition) => (typeof definition === 'string' ? definition : definition[0]) === name)
    const existing = at === -1 ? undefined : out[at]
    if (existing === undefined) out.push([name, ...values])
    else if (typeof existing !== 'string' && existing.length > 1) out[at] = [...existing, ...values]
    // Otherwise the attribute is allowed with any value already.
  }
  return out
}

/**
 * `schema` plus exactly what callouts need: `<aside>` (always with
 * `role="note"`), the classes `callout`, `callout-title` and
 * `callout-content` on the elements that carry them, and `data-callout`
 * matching {@link calloutTypePattern}. (`<details open>` and `<summary>`
 * are allowed already.)
 */
export function withCalloutSchema(schema: SanitizeSchema): SanitizeSchema {
  const attributes = schema.attributes ?? {}
  return {
    ...schema,
    tagNames: [...(schema.tagNames ?? []), 'aside'],
    attributes: {
      ...attributes,
      aside: allow(attributes['aside'], [
        ['className', 'callout'],
        ['dataCallout', calloutTypePattern],
        ['role', 'note'],
      ]),
      p: allow(attributes['p'], [['className', 'callout-title']]),
      summary: allow(attributes['summary'], [['className', 'callout-title']]),
      div: allow(attributes['div'], [['className', 'callout-content']]),
    },
    required: { ...schema.required, aside: { ...schema.required?.['aside'], role: 'note' } },
  }
}
