/**
 * Fields written in YAML (a note's front matter, the config file): the
 * parsed document turned into plain data, and that data validated against
 * a schema with every problem reported at the node it is about. Shared by
 * load (the config) and parse (front matter), which read YAML alike.
 */
import YAML, { isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml'
import { z } from 'zod'
import { error, hint, warning, type Diagnostic, type Position } from './diagnostics.js'
import type { Locate } from './locate.js'
import { closest } from './closest.js'

/**
 * Parse YAML from a file quire did not write: the core schema (no custom
 * tags, nothing that constructs objects), a repeated key is an error, and
 * problems are returned on the document rather than printed.
 */
export function parseUntrustedYaml(text: string): Document {
  return YAML.parseDocument(text, { schema: 'core', uniqueKeys: true, prettyErrors: false, logLevel: 'error' })
}

/** YAML parsed from a file, with where its text starts in the file. */
export interface YamlFields {
  /** The parsed mapping, as plain data. */
  readonly data: Record<string, unknown>
  /** Where each value starts, for mapping schema paths back to the text (undefined: every problem is at the file's start). */
  readonly layout: YamlLayout | undefined
  /** Offset in the file where the YAML text starts. */
  readonly yamlOffset: number
}

/**
 * Where a parsed YAML value starts in the YAML text, and where what it
 * holds starts: all that diagnostics need of a parsed document. Made from
 * the `yaml` package's document ({@link layoutOf}), or directly by a reader
 * of simpler YAML.
 */
export interface YamlLayout {
  /** Offset of the value's first character, if known. */
  readonly start: number | undefined
  /** A mapping's fields with a scalar key, in order. */
  readonly fields?: readonly LayoutField[]
  /** A list's items. */
  readonly items?: readonly YamlLayout[]
}

/** One field of a mapping in a {@link YamlLayout}. */
export interface LayoutField {
  /** The key as text (`String` of its value). */
  readonly key: string
  readonly keyStart: number | undefined
  /** Undefined when the pair has no value node. */
  readonly value: YamlLayout | undefined
}

/** The layout of a node of the `yaml` package's document (such as `doc.contents`). */
export function layoutOf(node: unknown): YamlLayout {
  const start = (node as Node | null)?.range?.[0]
  if (isMap(node)) {
    const fields: LayoutField[] = []
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key)) continue
      fields.push({ key: String(pair.key.value), keyStart: pair.key.range?.[0], value: pair.value ? layoutOf(pair.value) : undefined })
    }
    return { start, fields }
  }
  if (isSeq(node)) return { start, items: node.items.map(layoutOf) }
  return { start }
}

const start: Position = { line: 1, column: 1 }

/**
 * Convert a parsed YAML document to plain data. Some documents parse
 * without errors yet cannot be converted (an alias such as `*x` whose
 * anchor was never set, or an alias bomb): report those at the alias.
 */
export function yamlToJS(doc: Document): { ok: true; value: unknown } | { ok: false; message: string; offset: number } {
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: 100 }) }
  } catch (problem) {
    let offset = 0
    YAML.visit(doc, {
      Alias(_, node) {
        offset = node.range?.[0] ?? 0
        return YAML.visit.BREAK
      },
    })
    return { ok: false, message: (problem as Error).message.replace(/\.$/, ''), offset }
  }
}

/** A validated value, or undefined when there were errors; with every problem found. */
export interface Validated<T> {
  readonly value: T | undefined
  readonly diagnostics: Diagnostic[]
}

/** How {@link validateYaml} reports what the schema does not take. */
export interface ValidateOptions {
  /**
   * `warning` (the default) for every unknown field; `hint` for fields that
   * are not a near miss of a known one (notes from other tools carry many
   * fields of their own, such as `created` or `cssclasses`; a typo such as
   * `sumary` stays a warning).
   */
  readonly unknownFields?: 'warning' | 'hint'
  /**
   * Top-level fields that may be left out when their value is invalid,
   * rather than failing the whole: each is reported by `report` (the
   * field's name, the schema's message, the value as written, and where it
   * is), and the rest validated without it.
   */
  readonly leaveOut?: {
    readonly fields: ReadonlySet<string>
    readonly report: (name: string, message: string, value: unknown, at: Position) => Diagnostic
  }
}

const emptyOptions: ValidateOptions = {}

/** Validate `fields` against `schema`; every problem is reported at its YAML node. */
export function validateYaml<S extends z.ZodType>(
  schema: S,
  fields: YamlFields,
  file: string,
  locate: Locate,
  options?: Readonly<ValidateOptions> | null,
): Validated<z.output<S>> {
  const settings = options || emptyOptions
  const diagnostics: Diagnostic[] = []
  const at = (path: readonly PropertyKey[], part: 'key' | 'value'): Position => {
    const offset = fields.layout ? offsetOf(fields.layout, path, part) : undefined
    return offset === undefined ? start : locate(fields.yamlOffset + offset)
  }

  let data = fields.data
  let result = schema.safeParse(data)
  const leaveOut = settings.leaveOut
  if (!result.success && leaveOut) {
    const left = result.error.issues.filter((issue) => issue.path.length === 1 && leaveOut.fields.has(String(issue.path[0])))
    if (left.length > 0) {
      data = { ...data }
      for (const issue of left) {
        const name = String(issue.path[0])
        delete data[name]
        diagnostics.push(leaveOut.report(name, issue.message, fields.data[name], at(issue.path, 'value')))
      }
      result = schema.safeParse(data)
    }
  }
  if (!result.success) {
    for (const issue of result.error.issues) {
      const path = issue.path
      const name = describePath(path)
      if (getIn(data, path) === undefined) {
        diagnostics.push(error(file, at(path, 'key'), 'missing-field', `Missing required field \`${name}\`. Add it to the front matter.`))
      } else {
        diagnostics.push(error(file, at(path, 'value'), 'invalid-field', `\`${name}\`: ${issue.message}.`))
      }
    }
  }
  for (const unknown of unknownKeys(schema, data, [])) {
    const suggestion = closest(unknown.key, unknown.known, 2)
    const advice = suggestion ? ` Did you mean \`${suggestion}\`?` : ` Known fields here: ${unknown.known.join(', ')}.`
    const report = suggestion || settings.unknownFields !== 'hint' ? warning : hint
    diagnostics.push(
      report(
        file,
        at([...unknown.path, unknown.key], 'key'),
        'unknown-field',
        `Unknown field \`${describePath([...unknown.path, unknown.key])}\` is ignored.${advice}`,
      ),
    )
  }
  return { value: result.success ? result.data : undefined, diagnostics }
}

/** `prompt.claims[2].date` */
function describePath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const segment of path) out += typeof segment === 'number' ? `[${segment}]` : out ? `.${String(segment)}` : String(segment)
  return out || 'front matter'
}

function getIn(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined
    current = (current as Record<PropertyKey, unknown>)[segment]
  }
  return current
}

/**
 * The source offset of the node at `path` (its key or its value). When the
 * path does not exist, the deepest node that does.
 */
export function offsetOf(layout: YamlLayout, path: readonly PropertyKey[], part: 'key' | 'value'): number | undefined {
  let node: YamlLayout | undefined = layout
  let best: number | undefined = undefined
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]
    if (node?.fields) {
      const field: LayoutField | undefined = node.fields.find((item) => item.key === String(segment))
      if (!field) return best ?? node.start
      best = field.keyStart
      if (i === path.length - 1 && part === 'key') return field.keyStart
      node = field.value
    } else if (node?.items && typeof segment === 'number') {
      const item: YamlLayout | undefined = node.items[segment]
      if (item === undefined) return best ?? node.start
      node = item
    } else {
      break
    }
    const here = node?.start
    if (here !== undefined) best = here
  }
  return best
}

interface UnknownKey {
  readonly path: readonly PropertyKey[]
  readonly key: string
  readonly known: string[]
}

/** Walk the data alongside the schema and list keys no object schema knows. */
function unknownKeys(schema: z.ZodType, value: unknown, path: PropertyKey[]): UnknownKey[] {
  const inner = unwrap(schema)
  if (inner instanceof z.ZodObject && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const shape = inner.shape as Record<string, z.ZodType>
    const known = Object.keys(shape)
    const found: UnknownKey[] = []
    for (const [key, child] of Object.entries(value)) {
      if (key in shape) found.push(...unknownKeys(shape[key]!, child, [...path, key]))
      else found.push({ path, key, known })
    }
    return found
  }
  if (inner instanceof z.ZodArray && Array.isArray(value)) {
    return value.flatMap((item, index) => unknownKeys(inner.element as z.ZodType, item, [...path, index]))
  }
  return []
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current: z.ZodType = schema
  for (;;) {
    if (current instanceof z.ZodOptional || current instanceof z.ZodDefault) current = current.def.innerType as z.ZodType
    else if (current instanceof z.ZodPipe) current = current.def.out as z.ZodType
    else return current
  }
}
