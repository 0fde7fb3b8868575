/**
 * SVG safety: may an SVG attachment be published?
 *
 * An SVG opened on its own (not through `<img>`) is a document of the
 * site's origin: script in it runs with the site's rights. So an SVG is
 * published only when it is plainly a drawing. The file is parsed as XML,
 * strictly and with namespaces (a prefixed `<s:script>` is still a script,
 * and a DTD entity cannot smuggle one in), and every element and attribute
 * must be on an allow-list: drawing elements of the SVG namespace, their
 * presentation and geometry attributes, links only to `#fragment`s of the
 * file itself, embedded images only as `data:` PNG, JPEG, GIF or WebP, and
 * CSS that loads nothing. Anything else, including XML the parser rejects,
 * is refused, with what was found and where.
 *
 * Editor bookkeeping (Inkscape's `inkscape:` and `sodipodi:` data,
 * Illustrator's `i:`, the RDF licence block in `<metadata>`) is accepted as
 * inert data: browsers give elements and attributes of those namespaces no
 * behaviour, and refusing them would refuse nearly every file an editor
 * saves. Their content is still checked like the rest of the file.
 */
import { SaxesParser, type SaxesAttributeNS, type SaxesTagNS } from 'saxes'
import type { Position } from '../diagnostics.js'

/** The verdict on one SVG file: publish it, or what was found that stops it and where. */
export type SvgVerdict =
  | { readonly safe: true }
  | {
      readonly safe: false
      /** What was found, in words (`a <script> element`, `the attribute onload="…"`). */
      readonly found: string
      /** Where in the SVG file it is, when known. */
      readonly at: Position | undefined
    }

/** The largest SVG checked at all (bytes): a larger file is refused rather than parsed. */
export const largestSvg = 16 * 1024 * 1024

/** The deepest nesting of elements accepted. */
export const deepestSvg = 256

const svgNs = 'http://www.w3.org/2000/svg'
const xlinkNs = 'http://www.w3.org/1999/xlink'
const xmlNs = 'http://www.w3.org/XML/1998/namespace'
const xmlnsNs = 'http://www.w3.org/2000/xmlns/'

/**
 * Namespaces whose elements and attributes browsers give no behaviour:
 * editors' own data and the metadata vocabularies they write.
 */
const inertNamespaces = new Set([
  'http://www.inkscape.org/namespaces/inkscape',
  'http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd',
  'http://inkscape.sourceforge.net/DTD/sodipodi-0.dtd',
  'http://ns.adobe.com/AdobeIllustrator/10.0/',
  'http://ns.adobe.com/AdobeSVGViewerExtensions/3.0/',
  'http://ns.adobe.com/Extensibility/1.0/',
  'http://ns.adobe.com/Graphs/1.0/',
  'http://ns.adobe.com/Variables/1.0/',
  'http://ns.adobe.com/SaveForWeb/1.0/',
  'http://www.bohemiancoding.com/sketch/ns',
  'http://www.serif.com/',
  'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  'http://creativecommons.org/ns#',
  'http://web.resource.org/cc/',
  'http://purl.org/dc/elements/1.1/',
  'http://purl.org/dc/terms/',
])

/** Elements of the SVG namespace that only draw (or hold what is drawn). */
const drawingElements = new Set([
  'svg',
  'g',
  'defs',
  'symbol',
  'use',
  'switch',
  'a',
  'title',
  'desc',
  'metadata',
  'style',
  'path',
  'rect',
  'circle',
  'ellipse',
  'line',
  'polyline',
  'polygon',
  'text',
  'tspan',
  'textPath',
  'linearGradient',
  'radialGradient',
  'stop',
  'pattern',
  'clipPath',
  'mask',
  'marker',
  'image',
  'filter',
  'feBlend',
  'feColorMatrix',
  'feComponentTransfer',
  'feComposite',
  'feConvolveMatrix',
  'feDiffuseLighting',
  'feDisplacementMap',
  'feDistantLight',
  'feDropShadow',
  'feFlood',
  'feFuncA',
  'feFuncB',
  'feFuncG',
  'feFuncR',
  'feGaussianBlur',
  'feImage',
  'feMerge',
  'feMergeNode',
  'feMorphology',
  'feOffset',
  'fePointLight',
  'feSpecularLighting',
  'feSpotLight',
  'feTile',
  'feTurbulence',
  'animate',
  'animateMotion',
  'animateTransform',
  'set',
  'mpath',
  // SVG 1.1 fonts, as older editors embed them: glyph outlines and metrics only (`font-face-uri`, which loads a file, is not here)
  'font',
  'font-face',
  'font-face-src',
  'font-face-name',
  'glyph',
  'missing-glyph',
  'hkern',
  'vkern',
])

/** Elements that may carry a `data:` image rather than only a `#fragment`. */
const imageElements = new Set(['image', 'feImage'])

/** Animation elements, whose `attributeName` must name a harmless attribute. */
const animationElements = new Set(['animate', 'animateMotion', 'animateTransform', 'set'])

/** Unprefixed attributes of SVG elements: core, geometry, paint, text, filters and animation timing. */
const drawingAttributes = new Set([
  // core
  'id',
  'class',
  'style',
  'lang',
  'tabindex',
  'role',
  'focusable',
  'transform',
  'href',
  'requiredFeatures',
  'requiredExtensions',
  'systemLanguage',
  'externalResourcesRequired',
  'version',
  'baseProfile',
  'viewBox',
  'preserveAspectRatio',
  'zoomAndPan',
  // geometry
  'x',
  'y',
  'x1',
  'y1',
  'x2',
  'y2',
  'cx',
  'cy',
  'r',
  'rx',
  'ry',
  'fx',
  'fy',
  'fr',
  'width',
  'height',
  'd',
  'points',
  'pathLength',
  'dx',
  'dy',
  'rotate',
  'textLength',
  'lengthAdjust',
  'startOffset',
  'method',
  'spacing',
  'side',
  'path',
  // gradients, patterns, clips, masks, markers
  'gradientUnits',
  'gradientTransform',
  'spreadMethod',
  'offset',
  'patternUnits',
  'patternContentUnits',
  'patternTransform',
  'clipPathUnits',
  'maskUnits',
  'maskContentUnits',
  'markerUnits',
  'markerWidth',
  'markerHeight',
  'refX',
  'refY',
  'orient',
  // filters
  'filterUnits',
  'primitiveUnits',
  'filterRes',
  'in',
  'in2',
  'result',
  'mode',
  'operator',
  'k1',
  'k2',
  'k3',
  'k4',
  'type',
  'values',
  'tableValues',
  'slope',
  'intercept',
  'amplitude',
  'exponent',
  'stdDeviation',
  'edgeMode',
  'kernelMatrix',
  'order',
  'divisor',
  'bias',
  'targetX',
  'targetY',
  'preserveAlpha',
  'kernelUnitLength',
  'surfaceScale',
  'diffuseConstant',
  'specularConstant',
  'specularExponent',
  'scale',
  'xChannelSelector',
  'yChannelSelector',
  'radius',
  'baseFrequency',
  'numOctaves',
  'seed',
  'stitchTiles',
  'azimuth',
  'elevation',
  'z',
  'pointsAtX',
  'pointsAtY',
  'pointsAtZ',
  'limitingConeAngle',
  // presentation
  'alignment-baseline',
  'baseline-shift',
  'clip',
  'clip-path',
  'clip-rule',
  'color',
  'color-interpolation',
  'color-interpolation-filters',
  'color-profile',
  'color-rendering',
  'cursor',
  'direction',
  'display',
  'dominant-baseline',
  'enable-background',
  'fill',
  'fill-opacity',
  'fill-rule',
  'filter',
  'flood-color',
  'flood-opacity',
  'font',
  'font-family',
  'font-size',
  'font-size-adjust',
  'font-stretch',
  'font-style',
  'font-variant',
  'font-weight',
  'font-kerning',
  'font-feature-settings',
  'glyph-orientation-horizontal',
  'glyph-orientation-vertical',
  'image-rendering',
  'isolation',
  'kerning',
  'letter-spacing',
  'lighting-color',
  'marker',
  'marker-end',
  'marker-mid',
  'marker-start',
  'mask',
  'mask-type',
  'mix-blend-mode',
  'opacity',
  'overflow',
  'paint-order',
  'pointer-events',
  'shape-rendering',
  'stop-color',
  'stop-opacity',
  'stroke',
  'stroke-dasharray',
  'stroke-dashoffset',
  'stroke-linecap',
  'stroke-linejoin',
  'stroke-miterlimit',
  'stroke-opacity',
  'stroke-width',
  'text-anchor',
  'text-decoration',
  'text-overflow',
  'text-rendering',
  'transform-box',
  'transform-origin',
  'unicode-bidi',
  'vector-effect',
  'visibility',
  'white-space',
  'word-spacing',
  'writing-mode',
  // CSS properties some editors write as attributes; browsers ignore them there
  'text-align',
  'line-height',
  'font-variant-ligatures',
  'text-transform',
  // SVG 1.1 fonts and glyphs
  'horiz-origin-x',
  'horiz-origin-y',
  'horiz-adv-x',
  'vert-origin-x',
  'vert-origin-y',
  'vert-adv-y',
  'units-per-em',
  'ascent',
  'descent',
  'cap-height',
  'x-height',
  'accent-height',
  'alphabetic',
  'hanging',
  'ideographic',
  'mathematical',
  'underline-position',
  'underline-thickness',
  'strikethrough-position',
  'strikethrough-thickness',
  'overline-position',
  'overline-thickness',
  'panose-1',
  'slope',
  'stemh',
  'stemv',
  'bbox',
  'widths',
  'unicode',
  'unicode-range',
  'glyph-name',
  'arabic-form',
  'g1',
  'g2',
  'u1',
  'u2',
  'k',
  'name',
  // animation timing and values
  'attributeName',
  'attributeType',
  'begin',
  'dur',
  'end',
  'min',
  'max',
  'restart',
  'repeatCount',
  'repeatDur',
  'calcMode',
  'keyTimes',
  'keySplines',
  'keyPoints',
  'from',
  'to',
  'by',
  'additive',
  'accumulate',
  'origin',
  // `<style>`
  'media',
  'title',
])

/** Attributes an animation may not change, whatever the element: where links go, and CSS. */
const unanimatable = new Set(['href', 'style', 'id', 'class', 'attributeName'])

/** Attributes of the `xml:` and `xlink:` namespaces that carry no behaviour (`xlink:href` is checked as a link). */
const xmlAttributes = new Set(['space', 'lang', 'id'])
const xlinkAttributes = new Set(['href', 'title', 'type', 'show', 'actuate', 'role', 'arcrole'])

/** Public identifiers of the W3C SVG DTDs: a DOCTYPE naming one (with nothing declared in it) is what many tools write. */
const svgDoctype =
  /^\s+svg\s+PUBLIC\s+("-\/\/W3C\/\/DTD SVG 1\.[01](?: (?:Basic|Tiny))?\/\/EN"|'-\/\/W3C\/\/DTD SVG 1\.[01](?: (?:Basic|Tiny))?\/\/EN')\s+("http:\/\/www\.w3\.org\/[^"\s<>[\]]*\.dtd"|'http:\/\/www\.w3\.org\/[^'\s<>[\]]*\.dtd')\s*$/

/** Encodings other than UTF-8 a declaration may name when every byte is ASCII (the text is the same either way). */
const asciiCompatible = /^(us-ascii|ascii|iso-8859-\d{1,2}|latin-?1|windows-125\d|cp125\d)$/i

/**
 * Thrown inside the parser's handlers to stop at the first problem; never
 * leaves this module. `at` is a place, or an offset into the text (turned
 * into a place only for the one problem reported, so a large file is not
 * counted line by line for every element).
 */
class Refusal {
  constructor(
    readonly found: string,
    readonly at: Position | number | undefined,
  ) {}
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false })

/**
 * Decide whether an SVG file (its bytes) may be published: safe only when
 * it is well-formed XML made wholly of allow-listed drawing elements and
 * attributes. Never throws.
 */
export function svgSafety(bytes: Uint8Array): SvgVerdict {
  if (bytes.length > largestSvg) return refused(`more than ${largestSvg / 1024 / 1024} MiB, more than quire reads to check it`, undefined)
  let text: string
  try {
    text = utf8.decode(bytes)
  } catch {
    return refused('text that is not UTF-8', undefined)
  }
  try {
    checkDocument(
      text,
      bytes.every((byte) => byte < 0x80),
    )
    return { safe: true }
  } catch (thrown) {
    if (thrown instanceof Refusal) return refused(thrown.found, typeof thrown.at === 'number' ? positionAt(text, thrown.at) : thrown.at)
    throw thrown
  }
}

function refused(found: string, at: Position | undefined): SvgVerdict {
  return { safe: false, found, at }
}

/** Parse the whole document, throwing a {@link Refusal} at the first thing not allowed. */
function checkDocument(text: string, ascii: boolean): void {
  const parser = new SaxesParser({ xmlns: true, position: true })
  /** Open elements: where each starts, and for a `<style>`, the CSS read so far (its own text). */
  const open: { at: number; css: string | undefined }[] = []
  /** Where the element being read starts (its `<`), as an offset. */
  let tagStart = 0
  let sawRoot = false
  parser.on('error', (error) => {
    throw new Refusal(`XML that does not parse (${error.message.replace(/^\d+:\d+: /, '').replace(/\.$/, '')})`, {
      line: parser.line,
      column: parser.column + 1,
    })
  })
  parser.on('xmldecl', (decl) => {
    if (decl.version !== undefined && decl.version !== '1.0') throw new Refusal(`XML version ${decl.version} (only 1.0 is read)`, { line: 1, column: 1 })
    const encoding = decl.encoding
    if (encoding !== undefined && !/^utf-?8$/i.test(encoding) && !(ascii && asciiCompatible.test(encoding))) {
      throw new Refusal(`the declared encoding ${encoding} (save it as UTF-8)`, { line: 1, column: 1 })
    }
  })
  parser.on('doctype', (doctype) => {
    const start = parser.position - doctype.length - '<!DOCTYPE>'.length
    if (doctype.includes('[')) throw new Refusal('a DOCTYPE that declares entities or elements', start)
    if (!svgDoctype.test(doctype)) throw new Refusal(`a DOCTYPE other than the W3C SVG one (<!DOCTYPE${doctype}>)`, start)
  })
  parser.on('processinginstruction', (instruction) => {
    throw new Refusal(`the processing instruction <?${instruction.target}?>`, Math.max(0, text.lastIndexOf(`<?${instruction.target}`, parser.position)))
  })
  parser.on('opentagstart', (tag) => {
    // The parser has read `<name` and the character after it; the element starts at the `<`.
    tagStart = parser.position - tag.name.length - 2
  })
  parser.on('opentag', (tag: SaxesTagNS) => {
    if (open.length >= deepestSvg) throw new Refusal(`elements nested more than ${deepestSvg} deep`, tagStart)
    if (!sawRoot) {
      sawRoot = true
      if (tag.uri !== svgNs || tag.local !== 'svg') {
        const hint = tag.local === 'svg' && tag.uri === '' ? ' (it has no xmlns="http://www.w3.org/2000/svg", so browsers do not draw it)' : ''
        throw new Refusal(`a root element <${tag.name}> that is not SVG's <svg>${hint}`, tagStart)
      }
    }
    checkElement(tag, tagStart)
    open.push({ at: tagStart, css: tag.uri === svgNs && tag.local === 'style' ? '' : undefined })
  })
  const addText = (value: string): void => {
    const parent = open.at(-1)
    if (parent?.css !== undefined) parent.css += value
  }
  parser.on('text', addText)
  parser.on('cdata', addText)
  parser.on('closetag', () => {
    const closed = open.pop()
    if (closed?.css !== undefined) {
      const found = unsafeCss(closed.css)
      if (found) throw new Refusal(`a <style> element with ${found}`, closed.at)
    }
  })
  parser.write(text).close()
  if (!sawRoot) throw new Refusal('no root element', undefined)
}

/** Check one element and its attributes against the allow-lists. */
function checkElement(tag: SaxesTagNS, at: number): void {
  const inert = inertNamespaces.has(tag.uri)
  if (tag.uri === svgNs) {
    if (tag.local === 'script') throw new Refusal(`a <${tag.name}> element`, at)
    if (tag.local === 'foreignObject') throw new Refusal(`a <${tag.name}> element (it can hold a web page)`, at)
    if (!drawingElements.has(tag.local)) throw new Refusal(`a <${tag.name}> element, which is not one of the drawing elements quire publishes`, at)
  } else if (!inert) {
    throw new Refusal(`a <${tag.name}> element of ${tag.uri === '' ? 'no namespace' : `the namespace ${tag.uri}`}, which is not SVG`, at)
  }
  for (const attribute of Object.values(tag.attributes) as SaxesAttributeNS[]) checkAttribute(tag, attribute, inert, at)
  if (animationElements.has(tag.local) && !inert) {
    const target = tag.attributes['attributeName']?.value.trim() ?? ''
    const local = target.slice(target.indexOf(':') + 1)
    if (target !== '' && (/^on/i.test(local) || unanimatable.has(local) || !drawingAttributes.has(local))) {
      throw new Refusal(`a <${tag.name}> element that changes the attribute ${target}`, at)
    }
  }
}

/** Check one attribute: its name must be allowed for the element, and its value must load and run nothing. */
function checkAttribute(tag: SaxesTagNS, attribute: SaxesAttributeNS, inertElement: boolean, at: number): void {
  const { uri, local, name, value } = attribute
  if (uri === xmlnsNs) return
  const shown = (): string => `the attribute ${name}="${value.length > 60 ? `${value.slice(0, 60)}…` : value}" on <${tag.name}>`
  if (/^on/i.test(local)) throw new Refusal(`${shown()} (an event handler)`, at)
  if (local === 'href' && (uri === '' || uri === xlinkNs)) {
    if (!isLocalFragment(value) && !(imageElements.has(tag.local) && tag.uri === svgNs && isDataImage(value))) {
      const allowed = imageElements.has(tag.local) ? 'a #fragment of this file or a data: PNG, JPEG, GIF or WebP image' : 'a #fragment of this file'
      throw new Refusal(`${shown()}, a link to something other than ${allowed}`, at)
    }
    return
  }
  const allowedName =
    uri === ''
      ? inertElement || drawingAttributes.has(local) || /^(data|aria)-[\w.-]*$/.test(local)
      : uri === xmlNs
        ? xmlAttributes.has(local)
        : uri === xlinkNs
          ? xlinkAttributes.has(local)
          : inertNamespaces.has(uri)
  if (!allowedName) throw new Refusal(`${shown()}, which is not one of the drawing attributes quire publishes`, at)
  if (uri === '' && local === 'style') {
    const found = unsafeCss(value)
    if (found) throw new Refusal(`${shown()}, CSS with ${found}`, at)
  } else if (uri === '' && tag.uri === svgNs && !textAttributes.test(local)) {
    // Presentation attributes are CSS values too: `fill="url(http://…)"` loads from elsewhere.
    const found = unsafeCss(value)
    if (found) throw new Refusal(`${shown()}, a value with ${found}`, at)
  }
}

/** Attributes of SVG elements that hold names or words, never CSS (an `aria-label` may well say "image (left)"). */
const textAttributes = /^(id|class|lang|role|title|media|tabindex|(aria|data)-.*)$/

/** `#name`: a place in this same file. */
function isLocalFragment(value: string): boolean {
  return /^#[^\s]*$/.test(value)
}

/** A raster image carried in the file itself. */
function isDataImage(value: string): boolean {
  return /^data:image\/(png|jpe?g|gif|webp)(;base64)?,/i.test(value)
}

/**
 * What in a piece of CSS (a `<style>` element, a `style` attribute or a
 * presentation attribute's value) could load or run something: an
 * `@import`, a `url(…)` to anything but `#…`, an `expression(…)`, a
 * `javascript:` address, or the like. Comments and escapes are undone
 * first, so `u\72l(` is seen as `url(`. Undefined when there is none.
 */
export function unsafeCss(css: string): string | undefined {
  // Every finding below needs one of these characters (most values, `12.5` or `#ff0000`, have none).
  if (!/[\\(:@]/.test(css)) return undefined
  const plain = css
    .replace(/\/\*[\s\S]*?(\*\/|$)/g, '')
    .replace(/\\([0-9a-fA-F]{1,6})[ \t\r\n\f]?|\\\r\n|\\([\s\S])/g, (_, hex: string | undefined, other: string | undefined) => {
      if (hex === undefined) return other === undefined || /[\r\n\f]/.test(other) ? '' : other
      const code = parseInt(hex, 16)
      return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : '\ufffd'
    })
    .toLowerCase()
  if (plain.includes('@import')) return '@import'
  const squeezed = plain.replace(/[\s\u0000-\u001f]+/g, '')
  if (squeezed.includes('javascript:') || squeezed.includes('vbscript:')) return 'a javascript: address'
  if (/expression\s*\(/.test(plain)) return 'expression(…)'
  if (/-moz-binding|(^|[^a-z0-9_-])behavior\s*:/.test(plain)) return 'a behaviour binding'
  if (/(^|[^a-z0-9_-])(-webkit-)?(image-set|image|src)\s*\(/.test(plain)) return 'an image loaded by CSS'
  const fragmentUrl = /url\s*\(\s*("#[^"\\\n]*"|'#[^'\\\n]*'|#[^\s'"()\\]*)\s*\)/y
  for (const match of plain.matchAll(/url\s*\(/g)) {
    fragmentUrl.lastIndex = match.index
    if (!fragmentUrl.test(plain)) return 'a url(…) to something other than a #fragment of this file'
  }
  return undefined
}

/** The line and column (1-based, counting characters) of a UTF-16 offset in `text`. */
function positionAt(text: string, offset: number): Position {
  let line = 1
  let lineStart = 0
  const end = Math.max(0, Math.min(offset, text.length))
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i)
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++
      lineStart = i + 1
    }
  }
  return { line, column: [...text.slice(lineStart, end)].length + 1 }
}
