/**
 * The plain front-matter reader against the `yaml` package: on every text
 * it reads, it must give the same data (same types, same key order) and
 * the same layout (where each key and value starts) as the full parse; on
 * the rest it must decline.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseFrontMatterYaml } from '../src/parse/front-matter.js'
import { readSimpleYaml } from '../src/parse/simple-yaml.js'
import { layoutOf, yamlToJS } from '../src/yaml-fields.js'

/** Values near the edge of what the core schema types, and of what the reader takes. */
const tricky = [
  '1e3',
  '1E3',
  '0x1F',
  '0x1f',
  '0o17',
  '0o8',
  '.5',
  '-.5',
  '+.5e-3',
  '1.',
  '2504.10370',
  '1.50',
  '-1.5',
  '+5',
  '-0',
  '08',
  '0',
  '12345678901234567890',
  '1_000',
  '0b11',
  '.inf',
  '-.Inf',
  '+.INF',
  '.nan',
  '.NaN',
  'nan',
  'inf',
  '1e',
  'e3',
  '1.2.3',
  'yes',
  'no',
  'on',
  'off',
  'y',
  'n',
  'Yes',
  'NO',
  '~',
  'null',
  'Null',
  'NULL',
  'nULL',
  'true',
  'True',
  'TRUE',
  'tRUE',
  'false',
  'False',
  '2024-01-02',
  '2024-01-02 10:00',
  '2024-01-02T10:00:00Z',
  '~2025',
  '2025',
  '14-01-2026',
  '"a # b"',
  '"x: y"',
  '"it\'s"',
  "'it''s'",
  "'a # b'",
  "''",
  '""',
  '" padded "',
  '"a\\"b"',
  '"a\\nb"',
  '"unclosed',
  "'unclosed",
  '"a"b',
  '"a" b',
  '"a"#c',
  'a: b',
  'a:',
  'a :b',
  'http://example.org/x?y=1#z',
  'a #b',
  'a#b',
  '#c',
  '-x',
  '-',
  '--x',
  '---',
  '- x',
  '-1',
  '?x',
  ':x',
  ',x',
  '@x',
  '%x',
  '`x',
  '&a x',
  '*a',
  '!!str 1',
  '!x',
  '|',
  '>',
  '|-',
  '{a: 1}',
  '{}',
  'x ]',
  'x, y',
  'x}',
  'x [y]',
  'x\u00a0',
  '\u00a0x',
  '\u3000x',
  'ü',
  'café au lait',
  'Ünïcödé 😀',
  '\ud800x',
  'x\udc00',
  '😀\ud83d',
  'a\tb',
  'a\u2028b',
  'a\u0085b',
  'x\ry',
  'x  y',
  'x ',
  'x #',
  'x #c: d',
  '::',
  'a::b',
  '[[Wiki link]]',
  '#tag',
]

/** Flow-list items, plain or quoted. */
const flowItems = [
  'a',
  'b c',
  '1',
  '2504.10370',
  '1.50',
  'yes',
  'null',
  '~',
  '"q"',
  "'s'",
  '"a, b"',
  "'x]'",
  'a#b',
  'a #b',
  '-x',
  '-',
  'a:b',
  'a: b',
  '[x]',
  '{x}',
  '',
  ' ',
  'true',
  '0x1F',
  '.5',
  'é',
  'x\u00a0',
  '#x',
  '*a',
  '!t',
  '"a\\"b"',
]

const keys = [
  'title',
  'summary',
  'tags',
  'date',
  'papers',
  'aliases',
  'a b',
  'x-y',
  'k.v',
  'a/b',
  '_k',
  'café',
  'Über',
  'a  b',
  'key ',
  ' key',
  'true',
  'null',
  'Null',
  'Yes',
  'on',
  '1',
  '1.50',
  'x1',
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
  '<<',
  '-k',
  '"q"',
  "'s'",
  'a:b',
  'a#b',
  '? k',
  'k\u00a0',
]

/** Random short text from characters that matter to YAML. */
const noise = fc.string({ unit: fc.constantFrom(...' :#-[],\'"{}!&*|>~.0123456789aeExoTtN\\é\u00a0\t'.split('')), maxLength: 8 })

const scalar = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...tricky) }, { weight: 1, arbitrary: noise })
const spaces = fc.constantFrom('', ' ', '  ')
const comment = fc.constantFrom('', '', ' # note', '  #c', ' #', '# x', ' # a: b')

const flowList = fc
  .tuple(fc.array(fc.oneof(fc.constantFrom(...flowItems), noise), { maxLength: 4 }), fc.constantFrom(', ', ',', ' , ', ',  '), spaces, spaces, fc.boolean())
  .map(([items, separator, inner, after, trailing]) => `[${inner}${items.join(separator)}${trailing ? ',' : ''}${inner}]${after}`)

/** `- item` lines under a key, at one indentation (or, rarely, two). */
const blockList = fc
  .tuple(
    fc.array(fc.tuple(fc.oneof(scalar, fc.constant('')), comment, fc.constantFrom('', '', '', '\n', '\n# between', '\n   ')), { minLength: 1, maxLength: 4 }),
    fc.constantFrom('', '  ', '    ', ' '),
    fc.constantFrom('', '', '', '  ', ' '),
  )
  .map(([items, indent, other]) =>
    items
      .map(([value, note, gap], index) => `${index === items.length - 1 ? other || indent : indent}-${value === '' ? '' : ' '}${value}${note}${gap}`)
      .join('\n'),
  )

/** Lines that take the text out of the plain shape. */
const oddLine = fc.constantFrom(
  '  nested: x',
  '...',
  '---x',
  '- loose',
  'key',
  ':',
  '? complex',
  '%YAML 1.2',
  '\tx: y',
  '  continued text',
  'x: |',
  '  block',
  '&a: 1',
)

const field = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(fc.constantFrom(...keys), spaces, scalar, comment)
      .map(([key, gap, value, note]) => `${key}:${value === '' ? '' : ` ${gap}`}${value}${note}`),
  },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...keys), flowList, comment).map(([key, list, note]) => `${key}: ${list}${note}`) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...keys), comment, blockList).map(([key, note, list]) => `${key}:${note}\n${list}`) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...keys), fc.constantFrom('', ' ', ' # empty')).map(([key, rest]) => `${key}:${rest}`) },
  { weight: 1, arbitrary: fc.constantFrom('', '# a comment', '   ', '  # indented comment') },
  { weight: 1, arbitrary: oddLine },
)

/** Values the reader takes, typed every way the core schema types them. */
const readable = [
  '1e3',
  '0x1F',
  '0o17',
  '.5',
  '2504.10370',
  '1.50',
  '-1.5',
  '+5',
  '-0',
  '08',
  '1.',
  '.inf',
  '.nan',
  '1_000',
  'yes',
  'no',
  'on',
  '~',
  'null',
  'NULL',
  'true',
  'False',
  '2024-01-02',
  '2024-01-02 10:00',
  '~2025',
  '"a # b"',
  '"x: y"',
  "'it''s'",
  '""',
  'http://example.org/a#b',
  'a #b',
  'a#b',
  '-x',
  'x ]',
  'x, y',
  'x\u00a0',
  '\u3000x',
  'Ünïcödé 😀',
  'x  y',
  'A plain title? Yes!',
  '[[Wiki link]]',
  '#tag',
]
const plainKeys = ['title', 'summary', 'tags', 'date', 'papers', 'aliases', 'a b', 'x-y', 'k.v', '_k', 'café', 'constructor', 'toString', 'publish', 'draft']

/** Front matter in the plain shape (the reader should take most of it). */
const plainField = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.tuple(fc.constantFrom(...plainKeys), fc.constantFrom(...readable), comment).map(([key, value, note]) => `${key}: ${value}${note}`),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom(...plainKeys), fc.array(fc.constantFrom(...readable.filter((value) => !/[,#\]]/.test(value))), { maxLength: 4 }))
      .map(([key, items]) => `${key}: [${items.join(', ')}]`),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom(...plainKeys), fc.array(fc.constantFrom(...readable, ''), { minLength: 1, maxLength: 4 }), fc.constantFrom('', '  '))
      .map(([key, items, indent]) => `${key}:\n${items.map((item) => `${indent}-${item === '' ? '' : ' '}${item}`).join('\n')}`),
  },
  { weight: 1, arbitrary: fc.constantFrom(...plainKeys).map((key) => `${key}:`) },
)

const anyField = fc.oneof({ weight: 1, arbitrary: field }, { weight: 1, arbitrary: plainField })

const frontMatter = fc
  .tuple(
    fc.array(anyField, { minLength: 1, maxLength: 6 }),
    fc.constantFrom('\n', '\n', '\r\n'),
    fc.constantFrom('', '\n', '\n\n', '  \n'),
    fc.constantFrom('', '\n', '\n\n'),
  )
  .map(([fields, newline, before, after]) => `${before}${fields.join('\n')}${after}`.replace(/\n/g, newline))

/** Data as nested lists of own entries, so fields such as `constructor` and the order of keys are compared too. */
function entries(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(entries)
  if (value !== null && typeof value === 'object') return Object.entries(value).map(([key, item]) => [key, entries(item)])
  return value
}

interface Outcome {
  readonly read: boolean
}

/** Compare the reader with the full parse on one text; fail the test when they differ. */
function compare(text: string): Outcome {
  const simple = readSimpleYaml(text)
  if (simple === undefined) return { read: false }
  const doc = parseFrontMatterYaml(text)
  expect(
    doc.errors.map((problem) => problem.message),
    JSON.stringify(text),
  ).toEqual([])
  const converted = yamlToJS(doc)
  expect(converted.ok, JSON.stringify(text)).toBe(true)
  if (!converted.ok) return { read: true }
  expect(entries(simple.data), JSON.stringify(text)).toStrictEqual(entries(converted.value))
  expect(simple.layout, JSON.stringify(text)).toStrictEqual(layoutOf(doc.contents))
  return { read: true }
}

describe('the plain front-matter reader', () => {
  it('reads what the yaml package reads, the same, or declines (property)', () => {
    let read = 0
    let runs = 0
    fc.assert(
      fc.property(frontMatter, (text) => {
        runs++
        if (compare(text).read) read++
      }),
      { numRuns: 20000 },
    )
    // The generator must reach the fast path often, or the comparison proves little.
    expect(read / runs).toBeGreaterThan(0.15)
  })

  it('types every tricky scalar as the core schema does, as a value, a list item and an item of a block list', () => {
    for (const value of [...tricky, ...flowItems]) {
      for (const text of [`a: ${value}\n`, `a: [${value}]\n`, `a: [x, ${value} ]\n`, `a:\n  - ${value}\n`, `a:\n- ${value}\nb: 1\n`, `\r\nk: ${value}\r\n`])
        compare(text)
    }
  })

  it('reads the common shapes, positions and all', () => {
    const text = '\ntitle: A note: with colon?\nsummary: "It does # not"\ndate: 2024-01-02\ntags: [rl, "b c", 2504.10370]\naliases:\n  - Old\n  -\nn: 1e3\n'
    expect(compare(text).read).toBe(false)
    const plain =
      '\ntitle: A note\nsummary: "It does # not" # really\ndate: 2024-01-02\ntags: [rl, "b c", 2504.10370]\naliases:\n  - Old\n  -\nn: 1e3\nempty:\n'
    expect(compare(plain).read).toBe(true)
    expect(readSimpleYaml(plain)?.data).toStrictEqual({
      title: 'A note',
      summary: 'It does # not',
      date: '2024-01-02',
      tags: ['rl', 'b c', '2504.10370'],
      aliases: ['Old', null],
      n: 1000,
      empty: null,
    })
  })

  it('declines what it does not fully understand', () => {
    for (const text of [
      'a: &x 1\nb: *x\n',
      'a: !!str 1\n',
      'a: |\n  text\n',
      'a: >\n  text\n',
      'a:\n  b: 1\n',
      'a: one\n  two\n',
      'a: 1\na: 2\n',
      'a:\tb\n',
      'a: "x\\ty"\n',
      'a: {b: 1}\n',
      'a: [b, [c]]\n',
      'a: [b,\n  c]\n',
      '1: x\n',
      'true: x\n',
      'a: b: c\n',
      '- a\n- b\n',
      'just text\n',
      '# only a comment\n',
    ]) {
      expect(readSimpleYaml(text), JSON.stringify(text)).toBeUndefined()
    }
  })
})
