/**
 * Templates build their trees with quire's own `h` and `s`
 * (`templates/elements.ts`), made for speed; the trees must be the ones
 * hastscript makes for the same calls, or pages would change when a
 * template is written one way or the other.
 */
import fc from 'fast-check'
import { h as hastH, s as hastS } from 'hastscript'
import { describe, expect, it } from 'vitest'
import { h, s, type Child, type PropertiesGiven } from '../templates/elements.js'

/** Property names templates use, and others whose values hastscript reads in each of its ways. */
const names = [
  'className',
  'id',
  'href',
  'ariaLabel',
  'ariaHidden',
  'ariaCurrent',
  'ariaLabelledBy',
  'hidden',
  'defer',
  'download',
  'value',
  'width',
  'height',
  'viewBox',
  'textAnchor',
  'dominantBaseline',
  'strokeDashArray',
  'cx',
  'rx',
  'rel',
  'accept',
  'coords',
  'httpEquiv',
  'dataFocus',
  'data-kind',
  'tabIndex',
  'checked',
  'selected',
  'open',
  'span',
  'colSpan',
  'srcSet',
  'sizes',
  'content',
  'style',
]

const text = fc.oneof(
  fc.constantFrom('', ' ', 'a b', 'x,y', ' a, b ,c ', 'true', 'false', '0', '1.5', 'NaN', '-2', 'hidden', 'defer', 'download', 'checked', 'Open'),
  fc.string({ maxLength: 8 }),
)
const value = fc.oneof(
  text,
  fc.double({ noDefaultInfinity: true }),
  fc.integer({ min: -5, max: 50 }),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(fc.oneof(text, fc.integer({ min: 0, max: 9 })), { maxLength: 3 }),
)
const properties = fc.dictionary(fc.constantFrom(...names), value, { maxKeys: 5 }) as fc.Arbitrary<PropertiesGiven>
const leaf: fc.Arbitrary<Child> = fc.oneof(text, fc.integer({ min: 0, max: 99 }), fc.constant(null), fc.constant(undefined))
const children = fc.array(fc.oneof(leaf, fc.array(leaf, { maxLength: 3 })), { maxLength: 4 })
const htmlNames = fc.constantFrom('div', 'a', 'li', 'meta', 'script', 'template', 'input', 'Span', 'time', 'svg')
const svgNames = fc.constantFrom('svg', 'g', 'text', 'circle', 'rect', 'line', 'title', 'desc', 'a', 'foreignObject', 'clippath', 'linearGradient')

describe('templates/elements', () => {
  it('makes the trees hastscript makes, for HTML and SVG, with properties or without', () => {
    fc.assert(
      fc.property(fc.boolean(), htmlNames, svgNames, fc.option(properties), children, (isSvg, htmlName, svgName, props, kids) => {
        const [ours, theirs, name] = isSvg ? [s, hastS, svgName] : [h, hastH, htmlName]
        const made = props === null ? ours(name, ...kids) : ours(name, props, ...kids)
        const expected =
          props === null ? (theirs as typeof hastH)(name, ...(kids as never[])) : (theirs as typeof hastH)(name, props as never, ...(kids as never[]))
        expect(made).toEqual(expected)
      }),
      { numRuns: 3000 },
    )
  })

  it('takes a node or a list as the first child, as hastscript does', () => {
    const inner = h('span', 'x')
    expect(h('p', inner, ' y')).toEqual(hastH('p', inner, ' y'))
    expect(h('p', [inner, 'z'])).toEqual(hastH('p', [inner, 'z']))
    expect(s('g', s('circle', { r: 3 }))).toEqual(hastS('g', hastS('circle', { r: 3 })))
    expect(h('p', 'one', 2)).toEqual(hastH('p', 'one', 2))
  })

  it('reads values as hastscript does: lists split, numbers and booleans typed, nothing kept for null or NaN', () => {
    const element = h('a', { className: 'a  b', download: '', hidden: 'hidden', width: '12', value: Number.NaN, title: null, rel: 'next prev' })
    expect(element.properties).toEqual({ className: ['a', 'b'], download: true, hidden: true, width: 12, rel: ['next', 'prev'] })
    expect(s('svg', { viewBox: '0 0 10 10', ariaHidden: 'true' }).properties).toEqual({ viewBox: '0 0 10 10', ariaHidden: 'true' })
  })
})
