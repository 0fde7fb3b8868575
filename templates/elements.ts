/**
 * `h` and `s`: the element builders every template uses, made to give
 * exactly the trees hastscript's `h` and `s` give for the calls templates
 * make (a plain tag name, a properties object or none, then children).
 *
 * Why not hastscript itself: every page repeats the same few dozen tag
 * names and property names thousands of times, and hastscript parses the
 * tag name as a CSS selector and looks each property up afresh (a
 * normalisation and several regular expressions) on every call, which on a
 * large library is a large share of the time spent making pages. Here the
 * tag names and the property information are looked up once per name; the
 * values are read as hastscript reads them, with the same packages.
 * test/elements.test.ts holds the two to the same trees on random calls.
 *
 * A selector with `#` or `.` (which templates do not use) is handed to
 * hastscript unchanged.
 */
import type { Element, ElementContent, Properties, Root, RootContent } from 'hast'
import { h as hastH, s as hastS } from 'hastscript'
import { parse as parseCommas } from 'comma-separated-tokens'
import { find, html, normalize, svg, type Schema } from 'property-information'
import { parse as parseSpaces } from 'space-separated-tokens'

type Info = ReturnType<typeof find>

/** What a template may give as a child: nodes, text, numbers, lists of them; nothing for null, undefined. */
export type Child = ElementContent | RootContent | Root | string | number | null | undefined | readonly Child[]

/** What a template may give as a property's value. */
export type PropertyValue = string | number | boolean | null | undefined | readonly (string | number)[]

/** A template's properties, by hast property name (`className`, `ariaLabel`, `viewBox`). */
export type PropertiesGiven = Readonly<Record<string, PropertyValue>>

const plainTagName = /^[A-Za-z][A-Za-z0-9-]*$/

interface Builder {
  readonly schema: Schema
  readonly infos: Map<string, Info>
  readonly tagNames: Map<string, string>
  readonly fallback: typeof hastH
}

function builder(schema: Schema, fallback: typeof hastH): Builder {
  return { schema, infos: new Map(), tagNames: new Map(), fallback }
}

const htmlBuilder = builder(html, hastH)
const svgBuilder = builder(svg, hastS as typeof hastH)

function infoOf(b: Builder, key: string): Info {
  let info = b.infos.get(key)
  if (!info) b.infos.set(key, (info = find(b.schema, key)))
  return info
}

/** The tag name of a plain name (lower case, or an SVG name's mixed case: hastscript's answer, asked once per name); undefined for a selector. */
function tagNameOf(b: Builder, name: string): string | undefined {
  let tagName = b.tagNames.get(name)
  if (tagName === undefined && plainTagName.test(name)) b.tagNames.set(name, (tagName = b.fallback(name).tagName))
  return tagName
}

/** Is the second argument children rather than properties? (hastscript's rule.) */
function isChild(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return true
  const record = value as Record<string, unknown>
  if (typeof record.type !== 'string') return false
  for (const key of Object.keys(record)) {
    const item = record[key]
    if (item && typeof item === 'object') {
      if (!Array.isArray(item)) return true
      for (const entry of item as unknown[]) if (typeof entry !== 'number' && typeof entry !== 'string') return true
    }
  }
  return 'children' in record && Array.isArray(record.children)
}

/** A string as a property's primitive value: a number where the property takes one, `true` where a boolean is named. */
function primitive(info: Info, value: string | number): string | number | boolean {
  if (typeof value !== 'string') return value
  if (info.number && value && !Number.isNaN(Number(value))) return Number(value)
  if ((info.boolean || info.overloadedBoolean) && (value === '' || normalize(value) === normalize(info.property))) return true
  return value
}

function setProperty(b: Builder, properties: Properties, key: string, value: PropertyValue): void {
  if (value === null || value === undefined) return
  const info = infoOf(b, key)
  let result: Properties[string]
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return
    result = value
  } else if (typeof value === 'boolean') {
    result = value
  } else if (typeof value === 'string') {
    if (info.spaceSeparated) result = listOf(info, parseSpaces(value))
    else if (info.commaSeparated) result = listOf(info, parseCommas(value))
    else if (info.commaOrSpaceSeparated) result = listOf(info, parseSpaces(parseCommas(value).join(' ')))
    else result = primitive(info, value)
  } else if (Array.isArray(value)) {
    result = listOf(info, value as readonly (string | number)[])
  } else {
    result = String(value)
  }
  properties[info.property] = result
}

function listOf(info: Info, items: readonly (string | number)[]): (string | number)[] {
  return items.map((item) => primitive(info, item) as string | number)
}

function addChild(children: ElementContent[], value: Child): void {
  if (value === null || value === undefined) return
  if (typeof value === 'string' || typeof value === 'number') {
    children.push({ type: 'text', value: String(value) })
  } else if (Array.isArray(value)) {
    for (const child of value as readonly Child[]) addChild(children, child)
  } else if ((value as Root).type === 'root') {
    addChild(children, (value as Root).children)
  } else {
    children.push(value as ElementContent)
  }
}

function build(b: Builder, name: string, properties: PropertiesGiven | Child, children: readonly Child[]): Element {
  const tagName = tagNameOf(b, name)
  if (tagName === undefined) return b.fallback(name, properties as never, ...(children as never[]))
  const node: Element = { type: 'element', tagName, properties: {}, children: [] }
  if (isChild(properties)) addChild(node.children, properties as Child)
  else for (const key in properties as PropertiesGiven) setProperty(b, node.properties, key, (properties as PropertiesGiven)[key])
  for (const child of children) addChild(node.children, child)
  if (b.schema.space === 'html' && node.tagName === 'template') {
    node.content = { type: 'root', children: node.children }
    node.children = []
  }
  return node
}

/** An HTML element, as hastscript's `h` makes it. */
export function h(name: string, properties?: PropertiesGiven | Child, ...children: Child[]): Element {
  return build(htmlBuilder, name, properties, children)
}

/** An SVG element, as hastscript's `s` makes it. */
export function s(name: string, properties?: PropertiesGiven | Child, ...children: Child[]): Element {
  return build(svgBuilder, name, properties, children)
}
