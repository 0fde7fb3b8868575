/**
 * Slugs: the address of every document. One rule, used everywhere:
 *
 * each path segment is Unicode-normalised (NFC), lower-cased, and every run
 * of characters other than letters, digits, `_` and `-` becomes one `-`;
 * leading and trailing `-` are dropped. `Notes/My Note!.md` → `notes/my-note`.
 * Lower-casing means two files that differ only in case collide (as they
 * would on a case-insensitive file system).
 *
 * A segment with no letters or digits (`$?.md`, `+.md`) is spelled out
 * instead (`dollar-question`, `plus`); so is a file whose slug another file
 * already has, when the graph gives out addresses (see
 * `graph/addresses.ts`): `Bash &.md` beside `Bash.md` becomes `bash-and`.
 */
import type { Slug } from './model.js'

/** Normalise one segment of a path or title. May return '' when nothing is left. */
export function slugifySegment(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}_-]+/gu, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-|-$/g, '')
}

/** Names of symbols, for segments spelled out (`Q&A` → `q-and-a`). */
const symbolNames: Readonly<Record<string, string>> = {
  '&': 'and',
  '+': 'plus',
  '@': 'at',
  '#': 'hash',
  '%': 'percent',
  $: 'dollar',
  '?': 'question',
  '!': 'bang',
  '*': 'star',
  '=': 'equals',
  '<': 'less-than',
  '>': 'greater-than',
  '|': 'pipe',
  '~': 'tilde',
  '^': 'caret',
  ';': 'semicolon',
  ':': 'colon',
  ',': 'comma',
  '.': 'dot',
  "'": 'apostrophe',
  '’': 'apostrophe',
  '"': 'quote',
  '“': 'quote',
  '”': 'quote',
  '`': 'backtick',
  '(': 'open-paren',
  ')': 'close-paren',
  '[': 'open-bracket',
  ']': 'close-bracket',
  '{': 'open-brace',
  '}': 'close-brace',
  '/': 'slash',
  '\\': 'backslash',
  '-': 'dash',
  _: 'underscore',
  '–': 'dash',
  '—': 'dash',
  '…': 'ellipsis',
  '§': 'section',
  '°': 'degree',
  '€': 'euro',
  '£': 'pound',
  '×': 'times',
  '÷': 'divided-by',
  '±': 'plus-minus',
  '→': 'arrow',
  '•': 'bullet',
}

/** A symbol's name, or its code point (`u1f642`) when it has none. */
function symbolName(symbol: string): string {
  return symbolNames[symbol] ?? `u${symbol.codePointAt(0)!.toString(16)}`
}

/**
 * A segment with its symbols spelled out: like {@link slugifySegment},
 * but each character other than a letter, digit, `_`, `-` or space
 * becomes its name (`Bash &&` → `bash-and-and`, `$?` → `dollar-question`).
 * Never empty for a non-empty segment.
 */
function spellSegment(text: string): string {
  const words: string[] = []
  let word = ''
  const end = (): void => {
    if (word !== '') words.push(word)
    word = ''
  }
  for (const char of text.normalize('NFC').toLowerCase()) {
    if (/[\p{L}\p{M}\p{N}_-]/u.test(char)) word += char
    else {
      end()
      if (!/\s/u.test(char)) words.push(symbolName(char))
    }
  }
  end()
  const spelled = slugifySegment(words.join('-'))
  // Only dashes, underscores or spaces: name every character.
  return spelled !== '' || text === '' ? spelled : [...text].map(symbolName).join('-')
}

/**
 * The slug of a file from its path relative to the notes folder (`a/B c.md`
 * → `a/b-c`); a segment with no letters or digits is spelled out (`$?.md`
 * → `dollar-question`). Undefined only for an empty segment (`a//b`).
 */
export function slugFromPath(relativePath: string): Slug | undefined {
  const segments = relativePath.replace(/\.md$/i, '').split('/')
  if (segments.some((s) => s === '')) return undefined
  return segments.map((s) => slugifySegment(s) || spellSegment(s)).join('/') as Slug
}

/**
 * The slug of a file with every segment's symbols spelled out (`Bash &.md`
 * → `bash-and`): the address it takes when another file has its slug.
 */
export function spelledSlugFromPath(relativePath: string): Slug | undefined {
  const segments = relativePath.replace(/\.md$/i, '').split('/')
  if (segments.some((s) => s === '')) return undefined
  return segments.map(spellSegment).join('/') as Slug
}

/** Why a `slug:` override was refused, or the slug it names. */
export type SlugOverride = { ok: true; slug: Slug } | { ok: false; reason: string }

/** Check and normalise a `slug:` written in front matter. */
export function slugFromOverride(written: string): SlugOverride {
  const value = written.trim()
  if (value === '') return { ok: false, reason: 'is empty' }
  if (value.startsWith('/') || /^[a-z]:/i.test(value))
    return { ok: false, reason: 'is an absolute path; write it relative to the site root, such as `notes/my-note`' }
  if (value.includes('\\')) return { ok: false, reason: 'contains a backslash; separate folders with `/`' }
  const segments = value.replace(/\/$/, '').split('/')
  if (segments.some((s) => s === '.' || s === '..')) return { ok: false, reason: 'contains `.` or `..`, which would place the page outside its folder' }
  if (segments.some((s) => s === '')) return { ok: false, reason: 'has an empty path segment (`//`)' }
  // A segment with no letters or digits is spelled out, as in file names.
  return { ok: true, slug: segments.map((s) => slugifySegment(s) || spellSegment(s)).join('/') as Slug }
}

/** A slug made from a title, for new files: `Does RL help?` → `does-rl-help`. */
export function slugFromTitle(title: string): Slug | undefined {
  const slug = slugifySegment(title).slice(0, 80).replace(/-$/, '')
  return slug === '' ? undefined : (slug as Slug)
}

/** The last segment of a slug: the file name it came from, normalised. */
export function slugBasename(slug: Slug): string {
  return slug.slice(slug.lastIndexOf('/') + 1)
}
