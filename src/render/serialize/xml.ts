/**
 * A tiny XML writer for the feed and the sitemap. Documents are built as
 * trees and serialised once, so every title and summary is escaped, and
 * characters XML 1.0 cannot carry (control characters, lone surrogates) are
 * dropped rather than producing a file that does not parse.
 */

/** An XML element: a name, attributes in order, and children (elements or text). */
export interface XmlElement {
  readonly name: string
  readonly attributes?: Readonly<Record<string, string | undefined>>
  readonly children?: readonly (XmlElement | string)[]
}

/** Make an element; `undefined` attributes and children are left out. */
export function x(name: string, attributes: Readonly<Record<string, string | undefined>> | null, ...children: (XmlElement | string | undefined)[]): XmlElement {
  return { name, attributes: attributes ?? undefined, children: children.filter((child): child is XmlElement | string => child !== undefined) }
}

/** Characters outside XML 1.0's `Char` production. */
const notXmlChar = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu

/** Escape text for XML content and attribute values, dropping characters XML cannot carry. */
export function escapeXml(text: string): string {
  return text.replace(notXmlChar, '').replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'))
}

/** Serialise a document: the XML declaration, then the root element, indented two spaces per level. */
export function serialiseXml(root: XmlElement): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, '')}\n`
}

function element(node: XmlElement, indent: string): string {
  const attributes = Object.entries(node.attributes ?? {})
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeXml(value)}"`)
    .join('')
  const children = node.children ?? []
  if (children.length === 0) return `${indent}<${node.name}${attributes}/>`
  if (children.every((child) => typeof child === 'string')) return `${indent}<${node.name}${attributes}>${escapeXml(children.join(''))}</${node.name}>`
  const inner = children.map((child) => (typeof child === 'string' ? `${indent}  ${escapeXml(child)}` : element(child, `${indent}  `))).join('\n')
  return `${indent}<${node.name}${attributes}>\n${inner}\n${indent}</${node.name}>`
}
