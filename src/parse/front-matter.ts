/**
 * Front matter: split it from the body (gray-matter), parse it as YAML 1.2
 * (the `yaml` package, so dates stay strings and every value keeps its
 * source range), and validate it against a schema with exact positions.
 */
import matter from 'gray-matter'
import YAML, { type Document } from 'yaml'
import type { z } from 'zod'
import { error, warning, type Diagnostic, type Position } from '../diagnostics.js'
import type { Locate } from '../locate.js'
import { layoutOf, offsetOf, parseUntrustedYaml, validateYaml, yamlToJS, type Validated, type YamlLayout } from '../yaml-fields.js'
import { readSimpleYaml, type SimpleYaml } from './simple-yaml.js'

export type { Validated }

/** Front matter read from one file, before validation. */
export interface FrontMatter {
  /** The parsed mapping; undefined when there is none or it is broken. */
  readonly data: Record<string, unknown> | undefined
  /** Where each value starts in the YAML text, for mapping schema paths back to it. */
  readonly layout: YamlLayout | undefined
  /** Offset in the file where the YAML text starts. */
  readonly yamlOffset: number
  /** Offset in the file where the Markdown body starts. */
  readonly bodyOffset: number
  readonly diagnostics: Diagnostic[]
}

const start: Position = { line: 1, column: 1 }

/** Split `text` into front matter and body, and parse the front matter. */
export function readFrontMatter(text: string, file: string, locate: Locate): FrontMatter {
  // A language after the opening fence (`---js`, `--- toml`) would make gray-matter hand the block to
  // that engine, and its `javascript` engine is `eval`. Front matter is YAML only: refuse before gray-matter sees it.
  const language = fenceLanguage(text)
  if (language !== undefined) {
    return {
      data: undefined,
      layout: undefined,
      yamlOffset: 3,
      bodyOffset: text.length,
      diagnostics: [
        error(
          file,
          { line: 1, column: 4 },
          'front-matter-language',
          `The front matter is marked as ${JSON.stringify(language.slice(0, 40))}; quire reads front matter as YAML only and evaluates nothing else. Start the file with a line of just \`---\` and write the fields as YAML.`,
        ),
      ],
    }
  }
  let yaml: Document | undefined
  let simple: SimpleYaml | undefined
  // Options are always given: without them gray-matter caches results by content.
  const split = matter(text, {
    language: 'yaml',
    engines: {
      // Never reached (the fence was checked above); replaced so that no path can reach gray-matter's `eval`.
      javascript: refuseEngine,
      js: refuseEngine,
      json: refuseEngine,
      yaml: {
        parse(source: string): object {
          // With CRLF endings gray-matter leaves the last line's `\r` on the YAML text, where it would
          // turn `summary: 7\r` into a string. Dropping it keeps every offset the same.
          const yamlText = source.replace(/\r$/, '')
          // Most front matter is plain `key: value` lines, read here for far less than a full YAML parse.
          simple = readSimpleYaml(yamlText)
          if (simple) return {}
          yaml = parseFrontMatterYaml(yamlText)
          return {}
        },
        stringify: () => '',
      },
    },
  })
  const bodyOffset = text.length - split.content.length
  // gray-matter sets `isEmpty` for a `---`/`---` block with nothing inside; its types omit it.
  const isEmpty = (split as { isEmpty?: boolean }).isEmpty === true
  const yamlOffset = 3
  const diagnostics: Diagnostic[] = []

  const hasFrontMatter = text.startsWith('---') && !isEmpty
  if (hasFrontMatter && simple) return { data: simple.data, layout: simple.layout, yamlOffset, bodyOffset, diagnostics }
  if (!hasFrontMatter || !yaml) {
    // No front matter at all (as in most notes written in other tools): the document's fields come from its body.
    return { data: {}, layout: undefined, yamlOffset, bodyOffset, diagnostics }
  }

  if (yaml.errors.length > 0) {
    for (const problem of yaml.errors) {
      const message = problem.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')
      diagnostics.push(
        error(file, locate(yamlOffset + problem.pos[0]), 'yaml-syntax', `The front matter is not valid YAML: ${message}. Check quoting and indentation here.`),
      )
    }
    return { data: undefined, layout: undefined, yamlOffset, bodyOffset, diagnostics }
  }

  const converted = yamlToJS(yaml)
  if (!converted.ok) {
    diagnostics.push(
      error(
        file,
        locate(yamlOffset + converted.offset),
        'yaml-syntax',
        `The front matter is not valid YAML: ${converted.message}. Quote values that start with \`*\`, \`&\` or \`!\`.`,
      ),
    )
    return { data: undefined, layout: undefined, yamlOffset, bodyOffset, diagnostics }
  }
  const data = converted.value
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    diagnostics.push(
      error(file, start, 'front-matter-not-mapping', 'The front matter must be a mapping of fields (`title: …` lines), not a single value or a list.'),
    )
    return { data: undefined, layout: undefined, yamlOffset, bodyOffset, diagnostics }
  }
  return { data: data as Record<string, unknown>, layout: layoutOf(yaml.contents), yamlOffset, bodyOffset, diagnostics }
}

/** Parse front matter's YAML text in full (the `yaml` package), decimals kept as written. */
export function parseFrontMatterYaml(yamlText: string): Document {
  const doc = parseUntrustedYaml(yamlText)
  keepDecimalsAsWritten(doc, yamlText)
  return doc
}

/**
 * Read every unquoted decimal number (`2504.10370`, `1.50`) as the text
 * written, sliced from the source by the node's range. No front-matter
 * field is a fractional number, and YAML would read `papers: [2504.10370]`
 * as the number 2504.1037, losing the arXiv id's last digit.
 */
function keepDecimalsAsWritten(doc: Document, source: string): void {
  // A text with no digit, dot, digit has no such number: most front matter, spared a walk over its nodes.
  if (doc.errors.length > 0 || !/\d\.\d/.test(source)) return
  YAML.visit(doc, {
    Scalar(key, node) {
      if (key === 'key' || typeof node.value !== 'number' || node.type !== 'PLAIN' || !node.range) return
      const written = source.slice(node.range[0], node.range[1])
      if (/^[-+]?\d+\.\d+$/.test(written)) node.value = written
    },
  })
}

/** An engine for every language but YAML: it evaluates nothing. */
const refuseEngine = {
  parse(): object {
    throw new Error('quire reads front matter as YAML only')
  },
  stringify: () => '',
}

/**
 * The language named after a file's opening `---` fence (`---js` gives
 * `js`), or undefined when the first line is a plain fence or there is no
 * front matter. Mirrors how gray-matter reads the fence: `----` opens none,
 * and a byte-order mark before the fence does not hide it.
 */
export function fenceLanguage(text: string): string | undefined {
  // gray-matter drops one byte-order mark before looking for the fence: so must this.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  if (!text.startsWith('---') || text.charAt(3) === '-') return undefined
  const end = text.indexOf('\n')
  const rest = (end === -1 ? text.slice(3) : text.slice(3, end)).trim()
  return rest === '' ? undefined : rest
}

/** How {@link validateFrontMatter} reports what the schema does not take. */
export interface FrontMatterOptions {
  /**
   * `warning` (the default) for every unknown field; `hint` for fields that
   * are not a near miss of a known one (see `ValidateOptions`).
   */
  readonly unknownFields?: 'warning' | 'hint'
  /**
   * `error` (the default) when `date`, `created`, `updated` or `modified`
   * cannot be read; `warning` to leave such a date out and go on
   * (`unreadable-date`), as for notes from other tools: a note published
   * without a date its author wrote in another form is not wrong, only
   * undated (git may still date it).
   */
  readonly unreadableDates?: 'error' | 'warning'
}

/** The document dates a note may be published without. */
const documentDates = new Set(['date', 'created', 'updated', 'modified'])

/** Validate front matter against `schema`; every problem is reported at its YAML node. */
export function validateFrontMatter<S extends z.ZodType>(
  schema: S,
  front: FrontMatter & { data: Record<string, unknown> },
  file: string,
  locate: Locate,
  options: FrontMatterOptions = {},
): Validated<z.output<S>> {
  return validateYaml(schema, front, file, locate, {
    unknownFields: options.unknownFields,
    leaveOut:
      options.unreadableDates === 'warning'
        ? {
            fields: documentDates,
            report: (name, message, value, at) =>
              warning(file, at, 'unreadable-date', `\`${name}\`: ${message}; the note is published without it.${dateAdvice(value)}`),
          }
        : undefined,
  })
}

/**
 * What to write instead of a date quire cannot read: ` Write it as
 * 2026-01-14.` when a day-first date (`14-01-2026`) can only mean one day,
 * a nudge to the day when it does not exist (`2025-02-30`), else the form
 * to use.
 */
function dateAdvice(value: unknown): string {
  const match = typeof value === 'string' ? /^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$/.exec(value.trim()) : null
  const pad = (part: string): string => part.padStart(2, '0')
  if (match && Number(match[1]) > 12 && Number(match[2]) <= 12) return ` Write it as ${match[3]}-${pad(match[2]!)}-${pad(match[1]!)}.`
  if (match && Number(match[2]) > 12 && Number(match[1]) <= 12) return ` Write it as ${match[3]}-${pad(match[1]!)}-${pad(match[2]!)}.`
  if (typeof value === 'string' && /^~?\d{4}-\d{2}-\d{2}/.test(value.trim())) return ' Correct the day to date the note.'
  return ' Write it as year-month-day (2025-04-12) to date the note.'
}

/** Report a problem at a front-matter field (used by later checks of valid data). */
export function fieldPosition(front: FrontMatter, path: readonly PropertyKey[], locate: Locate): Position {
  const offset = front.layout ? offsetOf(front.layout, path, 'value') : undefined
  return offset === undefined ? start : locate(front.yamlOffset + offset)
}

/**
 * The position of every value in the front matter, keyed by its path
 * joined with dots (`prompt.claims.2.date`), so later checks of valid data
 * can point at the exact value.
 */
export function fieldPositions(front: FrontMatter, locate: Locate): Map<string, Position> {
  const positions = new Map<string, Position>()
  const visit = (node: YamlLayout, path: string): void => {
    if (node.start !== undefined && path !== '') positions.set(path, locate(front.yamlOffset + node.start))
    if (node.fields) {
      for (const field of node.fields) {
        const child = path === '' ? field.key : `${path}.${field.key}`
        if (field.keyStart !== undefined) positions.set(child, locate(front.yamlOffset + field.keyStart))
        if (field.value) visit(field.value, child)
      }
    } else if (node.items) {
      node.items.forEach((item, index) => visit(item, path === '' ? String(index) : `${path}.${index}`))
    }
  }
  if (front.layout) visit(front.layout, '')
  return positions
}
