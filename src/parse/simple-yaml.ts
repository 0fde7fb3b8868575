/**
 * A reader for the plain shape most front matter has: one `key: value` per
 * line, values plain or simply quoted, and lists of such values written
 * `[a, b]` or as `- item` lines. It gives what the `yaml` package gives for
 * that text (YAML 1.2 core schema, decimals kept as written, see
 * `front-matter.ts`), with the same offsets, at a fraction of the cost; for
 * anything else it declines (undefined) and the `yaml` package reads the
 * text. When in doubt it declines: it only needs to be right, not to read
 * everything.
 */
import type { LayoutField, YamlLayout } from '../yaml-fields.js'

/** What the reader gives: the data, and where each value starts. */
export interface SimpleYaml {
  readonly data: Record<string, unknown>
  readonly layout: YamlLayout
}

/**
 * Whether `text` has a character that stops the reader anywhere: a tab, a
 * control character, a byte-order mark, a line break other than LF and
 * CRLF, a non-character, or an unpaired surrogate.
 */
function hasUnreadable(text: string): boolean {
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at)
    if (code >= 0x20 && code < 0x7f) continue
    if (code === 10) continue
    if (code === 13) {
      if (text.charCodeAt(at + 1) !== 10) return true
      continue
    }
    if (code < 0x20 || code <= 0x9f || code === 0x2028 || code === 0x2029 || code === 0xfeff || code === 0xfffe || code === 0xffff) return true
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(at + 1)
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true
      at++
    } else if (code >= 0xdc00 && code <= 0xdfff) return true
  }
  return false
}

/**
 * A key this reader takes: a plain scalar of letters, digits and a few
 * joiners, starting with a letter so that it is never a number (whose key
 * would be the number written anew: `1.50:` is the key `1.5`).
 */
const keyPattern = /^[\p{L}_][\p{L}\p{N}_ ./-]*$/u

/** Characters that start something other than a plain scalar (YAML's indicators). */
const indicators = new Set(['-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', "'", '"', '%', '@', '`'])

/** Read `text` if it has the plain shape, else undefined. */
export function readSimpleYaml(text: string): SimpleYaml | undefined {
  if (hasUnreadable(text)) return undefined
  const lines = splitLines(text)
  const data: Record<string, unknown> = {}
  const fields: LayoutField[] = []
  const seen = new Set<string>()
  let i = 0
  while (i < lines.length) {
    const { start, content } = lines[i]!
    if (isBlankOrComment(content)) {
      i++
      continue
    }
    // Every other line at this level is `key: …` at the left margin; document markers and indented lines are not.
    if (content.charCodeAt(0) === 32 || content.startsWith('---') || content.startsWith('...')) return undefined
    const colon = content.indexOf(':')
    if (colon <= 0) return undefined
    const key = content.slice(0, colon)
    if (key.length > 200 || !keyPattern.test(key) || key.endsWith(' ') || typeof plainValue(key) !== 'string') return undefined
    if (seen.has(key)) return undefined
    seen.add(key)
    const afterColon = colon + 1
    if (afterColon < content.length && content.charCodeAt(afterColon) !== 32) return undefined
    const valueAt = skipSpaces(content, afterColon)
    i++
    let read: Read | undefined
    if (valueAt === content.length || content.charCodeAt(valueAt) === 35 /* # */) {
      // Nothing after the colon: a list on the lines below, or null.
      const list = readBlockList(lines, i)
      if (list === undefined) return undefined
      if (list.items.length === 0) read = { value: null, layout: { start: start + valueAt } }
      else {
        read = { value: list.values, layout: { start: list.start, items: list.items } }
        i = list.next
      }
    } else {
      const rest = content.slice(valueAt)
      read = rest.charCodeAt(0) === 91 /* [ */ ? readFlowList(rest, start + valueAt) : readLineValue(rest, start + valueAt)
    }
    if (read === undefined) return undefined
    if (key in data) Object.defineProperty(data, key, { value: read.value, writable: true, enumerable: true, configurable: true })
    else data[key] = read.value
    fields.push({ key, keyStart: start, value: read.layout })
  }
  if (fields.length === 0) return undefined
  return { data, layout: { start: fields[0]!.keyStart, fields } }
}

interface Line {
  /** Offset of the line's first character in the text. */
  readonly start: number
  /** The line without its line break (LF or CRLF). */
  readonly content: string
}

function splitLines(text: string): Line[] {
  const lines: Line[] = []
  let start = 0
  while (start <= text.length) {
    let end = text.indexOf('\n', start)
    if (end === -1) end = text.length
    const stop = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end
    lines.push({ start, content: text.slice(start, stop) })
    start = end + 1
  }
  return lines
}

function skipSpaces(text: string, from: number): number {
  let at = from
  while (at < text.length && text.charCodeAt(at) === 32) at++
  return at
}

function isBlankOrComment(content: string): boolean {
  const at = skipSpaces(content, 0)
  return at === content.length || content.charCodeAt(at) === 35
}

/** A value read, with its layout. */
interface Read {
  readonly value: unknown
  readonly layout: YamlLayout
}

/**
 * `- item` lines below a key with nothing after its colon, all at one
 * indentation; none when the next line with content is the next key.
 * Undefined when the lines below are anything else (a nested mapping, a
 * continued value).
 */
function readBlockList(lines: readonly Line[], from: number): { values: unknown[]; items: YamlLayout[]; start: number; next: number } | undefined {
  const values: unknown[] = []
  const items: YamlLayout[] = []
  let indent = -1
  let start = 0
  let i = from
  for (; i < lines.length; i++) {
    const { start: lineStart, content } = lines[i]!
    if (isBlankOrComment(content)) continue
    const at = skipSpaces(content, 0)
    const isItem = content.charCodeAt(at) === 45 /* - */ && (at + 1 === content.length || content.charCodeAt(at + 1) === 32)
    if (indent === -1) {
      if (!isItem) return at === 0 ? { values, items, start, next: from } : undefined
      indent = at
      start = lineStart + at
    } else if (!isItem || at !== indent) {
      if (at === 0 && !isItem) break
      return undefined
    }
    const valueAt = skipSpaces(content, at + 1)
    if (valueAt === content.length || content.charCodeAt(valueAt) === 35) {
      values.push(null)
      items.push({ start: lineStart + valueAt })
      continue
    }
    const item = readLineValue(content.slice(valueAt), lineStart + valueAt)
    if (item === undefined) return undefined
    values.push(item.value)
    items.push(item.layout)
  }
  return { values, items, start, next: i }
}

/** A value that is the rest of its line: quoted, or plain; with an optional comment after it. */
function readLineValue(rest: string, offset: number): Read | undefined {
  const first = rest.charAt(0)
  if (first === '"' || first === "'") {
    const quoted = readQuoted(rest, 0)
    if (quoted === undefined || !isLineEnd(rest, quoted.end)) return undefined
    return { value: quoted.value, layout: { start: offset } }
  }
  if (!canStartPlain(rest, 0)) return undefined
  // A plain value ends at a comment (` #`), and trailing spaces are not part of it.
  const comment = rest.indexOf(' #')
  const written = trimEndSpaces(comment === -1 ? rest : rest.slice(0, comment))
  // `: ` or a final `:` would make it a mapping.
  if (written.includes(': ') || written.endsWith(':')) return undefined
  return { value: plainValue(written), layout: { start: offset } }
}

/** `[a, "b", 3]` on one line, of scalars only. */
function readFlowList(rest: string, offset: number): Read | undefined {
  const values: unknown[] = []
  const items: YamlLayout[] = []
  let at = skipSpaces(rest, 1)
  if (rest.charAt(at) === ']') return isLineEnd(rest, at + 1) ? { value: values, layout: { start: offset, items } } : undefined
  for (;;) {
    const first = rest.charAt(at)
    let end: number
    if (first === '"' || first === "'") {
      const quoted = readQuoted(rest, at)
      if (quoted === undefined) return undefined
      values.push(quoted.value)
      end = quoted.end
    } else {
      if (!canStartPlain(rest, at)) return undefined
      end = at
      while (end < rest.length && !',[]{}:'.includes(rest.charAt(end)) && !(rest.charAt(end) === '#' && rest.charAt(end - 1) === ' ')) end++
      const written = trimEndSpaces(rest.slice(at, end))
      values.push(plainValue(written))
    }
    items.push({ start: offset + at })
    at = skipSpaces(rest, end)
    const next = rest.charAt(at)
    if (next === ']') return isLineEnd(rest, at + 1) ? { value: values, layout: { start: offset, items } } : undefined
    if (next !== ',') return undefined
    at = skipSpaces(rest, at + 1)
    // A trailing comma or an empty item: leave it to the full parser.
    if (at === rest.length || ',]'.includes(rest.charAt(at))) return undefined
  }
}

/** A quoted scalar starting at `at`, on this line; double-quoted ones only without escapes. */
function readQuoted(text: string, at: number): { value: string; end: number } | undefined {
  const quote = text.charAt(at)
  if (quote === '"') {
    const close = text.indexOf('"', at + 1)
    if (close === -1) return undefined
    const value = text.slice(at + 1, close)
    return value.includes('\\') ? undefined : { value, end: close + 1 }
  }
  let value = ''
  let from = at + 1
  for (;;) {
    const close = text.indexOf("'", from)
    if (close === -1) return undefined
    value += text.slice(from, close)
    if (text.charAt(close + 1) !== "'") return { value, end: close + 1 }
    value += "'"
    from = close + 2
  }
}

/** Only spaces, then perhaps a comment, after `at`. */
function isLineEnd(text: string, at: number): boolean {
  const next = skipSpaces(text, at)
  return next === text.length || (next > at && text.charCodeAt(next) === 35)
}

/** A plain scalar may start here: not an indicator, except `-` before a character that is not a space. */
function canStartPlain(text: string, at: number): boolean {
  const first = text.charAt(at)
  if (first === '' || first === ' ') return false
  if (!indicators.has(first)) return true
  const second = text.charAt(at + 1)
  return first === '-' && second !== '' && second !== ' ' && !indicators.has(second)
}

function trimEndSpaces(text: string): string {
  let end = text.length
  while (end > 0 && text.charCodeAt(end - 1) === 32) end--
  return text.slice(0, end)
}

/** The characters a plain scalar read as other than text can start with. */
const maybeTyped = new Set('~nNtTfF0123456789+-.'.split(''))

/**
 * A plain scalar's value as the core schema reads it (null, true/false,
 * integers, floats, else the text), with decimals such as `2504.10370` kept
 * as written, as `front-matter.ts` keeps them.
 */
export function plainValue(written: string): unknown {
  // Text that starts with none of the characters the patterns below start with is text: most values, spared them.
  if (written !== '' && !maybeTyped.has(written.charAt(0))) return written
  if (/^(?:~|[Nn]ull|NULL)?$/.test(written)) return null
  if (/^(?:[Tt]rue|TRUE)$/.test(written)) return true
  if (/^(?:[Ff]alse|FALSE)$/.test(written)) return false
  if (/^0o[0-7]+$/.test(written)) return parseInt(written.slice(2), 8)
  if (/^[-+]?[0-9]+$/.test(written)) return parseInt(written, 10)
  if (/^0x[0-9a-fA-F]+$/.test(written)) return parseInt(written.slice(2), 16)
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(written)) {
    return written.slice(-3).toLowerCase() === 'nan' ? NaN : written.startsWith('-') ? -Infinity : Infinity
  }
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(written)) return parseFloat(written)
  if (/^[-+]?\d+\.\d+$/.test(written)) return written
  if (/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(written)) return parseFloat(written)
  return written
}
