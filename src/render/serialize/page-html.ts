/**
 * A page tree → its HTML text.
 *
 * The bytes are hast-util-to-html's (rehype-stringify's) with
 * `allowDangerousHtml` and its other options at their defaults: the same
 * tags, attribute names and order, quoting and character references.
 * test/page-html.test.ts holds the two to the same output on every page of
 * several built sites and on random trees.
 *
 * Why not call it: on a large library the main thread spends about a third
 * of a build serializing page frames, and most of that in the library's
 * generality (an options object and a regular expression for every string
 * escaped, a dispatcher per node, a fresh lookup of every property's
 * attribute name). This does the same with a cached lookup per property
 * name and no work for strings that need no escaping. The lookup, token
 * lists and void elements are the same packages hast-util-to-html uses.
 *
 * Pages are trees of quire's templates, which escape everything they are
 * given; the one `raw` node a page holds is a finished body (`bodyNodes`),
 * HTML that went through the sanitizer.
 */
import type { Element, Nodes, Properties, Root, RootContent } from 'hast'
import { stringify as commas } from 'comma-separated-tokens'
import { htmlVoidElements } from 'html-void-elements'
import { find, html, svg, type Schema } from 'property-information'
import { stringify as spaces } from 'space-separated-tokens'

type Info = ReturnType<typeof find>

const voids = new Set<string>(htmlVoidElements)
/** SVG elements whose content is HTML again. */
const htmlIntegrationPoints = new Set(['desc', 'foreignObject', 'title'])

/** What the serializer needs of a property: its information, and its attribute name as written (escaped once). */
interface Attribute {
  readonly info: Info
  readonly name: string
}

/** Each property's attribute, by schema: `find` normalises the name on every call. */
const htmlAttributes = new Map<string, Attribute>()
const svgAttributes = new Map<string, Attribute>()

function attributeOf(schema: Schema, key: string): Attribute {
  const known = schema === svg ? svgAttributes : htmlAttributes
  let found = known.get(key)
  if (!found) {
    const info = find(schema, key)
    found = { info, name: escape(info.attribute, nameUnsafe) }
    known.set(key, found)
  }
  return found
}

/** A character as a hexadecimal character reference, as stringify-entities writes it. */
const reference = (character: string): string => `&#x${character.charCodeAt(0).toString(16).toUpperCase()};`

// Each set of characters to escape, as a test (no `g` flag, so no state) and as the pattern to replace.
const textUnsafe = { test: /[<&]/, all: /[<&]/g }
const valueUnsafe = { test: /["&'`]/, all: /["&'`]/g }
const nameUnsafe = { test: /[\0\t\n\f\r "&'/<=>`]/, all: /[\0\t\n\f\r "&'/<=>`]/g }
const commentUnsafe = /^>|^->|<!--|-->|--!>|<!-$/g

function escape(value: string, unsafe: { readonly test: RegExp; readonly all: RegExp }): string {
  return unsafe.test.test(value) ? value.replace(unsafe.all, reference) : value
}

function attribute(schema: Schema, key: string, given: Properties[string]): string {
  const { info, name } = attributeOf(schema, key)
  let value: unknown = given
  if (info.overloadedBoolean && (value === info.attribute || value === '')) value = true
  else if ((info.boolean || info.overloadedBoolean) && (typeof value !== 'string' || value === info.attribute || value === '')) value = Boolean(value)
  if (value === null || value === undefined || value === false || (typeof value === 'number' && Number.isNaN(value))) return ''
  if (value === true) return name
  // A number's text has nothing to escape.
  if (typeof value === 'number') return `${name}="${value}"`
  const text = Array.isArray(value)
    ? info.commaSeparated
      ? commas(value as (string | number)[], { padLeft: true })
      : spaces(value as (string | number)[])
    : String(value)
  return `${name}="${escape(text, valueUnsafe)}"`
}

function attributes(schema: Schema, properties: Properties | undefined): string {
  let out = ''
  if (!properties) return out
  for (const key in properties) {
    const value = properties[key]
    if (value === null || value === undefined) continue
    const written = attribute(schema, key, value)
    if (written) out = out ? `${out} ${written}` : written
  }
  return out
}

// The HTML goes into one list of strings, joined once at the end: a page made by concatenating
// thousands of small strings would be held as a tree of them until written.

function children(parent: Root | Element, schema: Schema, out: string[]): void {
  for (const child of parent.children) one(child, parent, schema, out)
}

function element(node: Element, schema: Schema, out: string[]): void {
  const own = schema.space === 'html' && node.tagName === 'svg' ? svg : schema
  const attrs = attributes(own, node.properties)
  out.push(attrs ? `<${node.tagName} ${attrs}>` : `<${node.tagName}>`)
  const inner = own.space === 'svg' && htmlIntegrationPoints.has(node.tagName) ? html : own
  const start = out.length
  children(schema.space === 'html' && node.tagName === 'template' && node.content ? node.content : node, inner, out)
  // A void element (`<img>`) has no closing tag, unless it was given content.
  if (schema.space === 'html' && voids.has(node.tagName.toLowerCase()) && !hasText(out, start)) return
  out.push(`</${node.tagName}>`)
}

function hasText(out: readonly string[], from: number): boolean {
  for (let i = from; i < out.length; i++) if (out[i] !== '') return true
  return false
}

/** Text as HTML: escaped, except inside `<script>` and `<style>`. */
function textHtml(value: string, parent: Root | Element | undefined): string {
  return parent?.type === 'element' && (parent.tagName === 'script' || parent.tagName === 'style') ? value : escape(value, textUnsafe)
}

/** Whether `raw` nodes are written as text (see {@link fragmentHtml}). */
let rawAsText = false

function one(node: Nodes | RootContent, parent: Root | Element | undefined, schema: Schema, out: string[]): void {
  switch (node.type) {
    case 'root':
      children(node, schema, out)
      return
    case 'element':
      element(node, schema, out)
      return
    case 'text':
      out.push(textHtml(node.value, parent))
      return
    case 'raw':
      // Kept as written in a page (its one raw node is a finished body); escaped like text in a fragment.
      out.push(rawAsText ? textHtml(node.value, parent) : node.value)
      return
    case 'comment':
      out.push(`<!--${node.value.replace(commentUnsafe, (found) => found.replace(/[<>]/g, reference))}-->`)
      return
    case 'doctype':
      out.push('<!DOCTYPE html>')
      return
    default:
      throw new Error(`Cannot serialize unknown node \`${(node as { type: string }).type}\``)
  }
}

/** Serialise a tree to HTML text, as hast-util-to-html does with `allowDangerousHtml`. */
export function treeHtml(tree: Nodes): string {
  const out: string[] = []
  one(tree, undefined, html, out)
  return out.join('')
}

/**
 * Serialise nodes of a body as hast-util-to-html does without
 * `allowDangerousHtml`: a `raw` node, which a body's tree should never
 * hold after the sanitizer, is written as escaped text, not as HTML.
 */
export function fragmentHtml(nodes: Nodes | readonly RootContent[]): string {
  rawAsText = true
  try {
    return treeHtml(Array.isArray(nodes) ? { type: 'root', children: [...(nodes as readonly RootContent[])] } : (nodes as Nodes))
  } finally {
    rawAsText = false
  }
}

/** Serialise a page tree to HTML text. */
export function pageHtml(tree: Root): string {
  return treeHtml(tree) + '\n'
}
