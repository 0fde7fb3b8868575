/**
 * KaTeX's markup as hast, without an HTML parser.
 *
 * KaTeX writes a small, regular kind of HTML: a `<span>` around a `<math>`
 * element, MathML elements inside, every attribute value in double quotes,
 * text and values escaped with the same five entities, `<mspace … />` the
 * only self-closing tag. (A formula's source keeps its line ends, which HTML
 * reads as `\n`.) {@link katexHast} reads exactly that, and makes
 * each element with hastscript, as hast-util-from-html does after parse5,
 * so the tree is the one a full parse would give (a test holds it to that
 * on many formulas). Anything else it meets (another entity, another
 * element, an element where HTML's parsing rules would move it) makes it
 * give up, and the caller parses the markup in full.
 */
import type { ElementContent, Properties } from 'hast'
import { h } from 'hastscript'

/** The elements KaTeX's MathML output is made of inside `<math>`. */
const mathElements = new Set([
  'semantics',
  'annotation',
  'mrow',
  'mi',
  'mn',
  'mo',
  'ms',
  'mtext',
  'mspace',
  'msup',
  'msub',
  'msubsup',
  'mfrac',
  'msqrt',
  'mroot',
  'mstyle',
  'mtable',
  'mtr',
  'mtd',
  'mlabeledtr',
  'mover',
  'munder',
  'munderover',
  'mpadded',
  'mphantom',
  'menclose',
  'merror',
])

/**
 * MathML's text integration points: an element started inside one is
 * parsed by HTML's rules, not MathML's.
 */
const textPoints = new Set(['mi', 'mn', 'mo', 'ms', 'mtext'])

const entities: Readonly<Record<string, string>> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#x27;': "'" }

/** An open element: its name, attributes, and the children read so far. */
interface Open {
  readonly name: string
  readonly properties: Properties
  readonly children: ElementContent[]
}

/** A start tag, an end tag, or text up to the next tag. */
const token = /<([a-z][a-z0-9-]*)((?: [a-z][a-z-]* ?="[^"<>]*")*)(\/?)>|<\/([a-z][a-z0-9-]*)>|[^<]+/y
const attribute = / ([a-z][a-z-]*) ?="([^"]*)"/g

/** Text or an attribute value with KaTeX's entities decoded; undefined when it holds anything else HTML would read differently. */
function decoded(text: string): string | undefined {
  if (text.includes('\0')) return undefined
  if (!text.includes('&')) return text
  let unknown = false
  const value = text.replace(/&[^;&]*;?/g, (entity) => {
    const character = entities[entity]
    if (character === undefined) unknown = true
    return character ?? ''
  })
  return unknown ? undefined : value
}

/**
 * The hast of `html`, markup KaTeX wrote; undefined when it holds anything
 * this reader does not know (then parse it with a full HTML parser).
 */
export function katexHast(markup: string): ElementContent[] | undefined {
  // Line ends, as HTML reads them before anything else (a formula from a file with CRLF line ends keeps them).
  const html = markup.includes('\r') ? markup.replace(/\r\n?/g, '\n') : markup
  const top: ElementContent[] = []
  const stack: Open[] = []
  let inMath = false
  token.lastIndex = 0
  while (token.lastIndex < html.length) {
    const match = token.exec(html)
    if (!match) return undefined
    const [whole, startName, attributes, selfClosing, endName] = match
    const children = stack.length > 0 ? stack[stack.length - 1]!.children : top
    if (endName !== undefined) {
      const open = stack.pop()
      if (open?.name !== endName) return undefined
      if (endName === 'math') inMath = false
      const parent = stack.length > 0 ? stack[stack.length - 1]!.children : top
      parent.push(h(open.name, open.properties, open.children))
      continue
    }
    if (startName === undefined) {
      const text = decoded(whole)
      if (text === undefined) return undefined
      children.push({ type: 'text', value: text })
      continue
    }
    // Outside math KaTeX writes only spans and `<math>` (a self-closing span would stay open in HTML); inside, only MathML.
    if (inMath ? !mathElements.has(startName) : startName !== 'span' && startName !== 'math') return undefined
    if (inMath && textPoints.has(stack[stack.length - 1]!.name)) return undefined
    if (selfClosing && !inMath) return undefined
    const properties: Properties = {}
    for (const [, name, raw] of attributes!.matchAll(attribute)) {
      const value = decoded(raw!)
      // A repeated attribute (HTML keeps the first) or one named like an object's own property (left out).
      if (value === undefined || Object.hasOwn(properties, name!) || name! in Object.prototype) return undefined
      properties[name!] = value
    }
    if (selfClosing) children.push(h(startName, properties))
    else {
      stack.push({ name: startName, properties, children: [] })
      if (startName === 'math') inMath = true
    }
  }
  return stack.length === 0 ? top : undefined
}
