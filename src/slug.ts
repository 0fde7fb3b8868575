/**
 * Slugs: the address of every document. One rule, used everywhere:
 *
 * each path segment is Unicode-normalised (NFC), lower-cased, and every run
 * of characters other than letters, digits, `_` and `-` becomes one `-`;
 * leading and trailing `-` are dropped. `Notes/My Note!.md` → `notes/my-note`.
 * Lower-casing means two files that differ only in case collide (as they
 * would on a case-insensitive file system), and quire reports it.
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

/** The slug of a file from its path relative to the notes folder (`a/B c.md` → `a/b-c`). */
export function slugFromPath(relativePath: string): Slug | undefined {
  const withoutExtension = relativePath.replace(/\.md$/i, '')
  const segments = withoutExtension.split('/').map(slugifySegment)
  if (segments.some((s) => s === '')) return undefined
  return segments.join('/') as Slug
}

/** Why a `slug:` override was refused, or the slug it names. */
export type SlugOverride = { ok: true; slug: Slug } | { ok: false; reason: string }

/** Check and normalise a `slug:` written in front matter. */
export function slugFromOverride(written: string): SlugOverride {
  const value = written.trim()
  if (value === '') return { ok: false, reason: 'is empty' }
  if (value.startsWith('/') || /^[a-z]:/i.test(value)) return { ok: false, reason: 'is an absolute path; write it relative to the site root, such as `notes/my-note`' }
  if (value.includes('\\')) return { ok: false, reason: 'contains a backslash; separate folders with `/`' }
  const segments = value.replace(/\/$/, '').split('/')
  if (segments.some((s) => s === '.' || s === '..')) return { ok: false, reason: 'contains `.` or `..`, which would place the page outside its folder' }
  if (segments.some((s) => s === '')) return { ok: false, reason: 'has an empty path segment (`//`)' }
  const normalised = segments.map(slugifySegment)
  if (normalised.some((s) => s === '')) return { ok: false, reason: 'has a segment with no letters or digits' }
  return { ok: true, slug: normalised.join('/') as Slug }
}

/** A slug made from a title, for new files: `Does RL help?` → `does-rl-help`. */
export function slugFromTitle(title: string): Slug | undefined {
  const slug = slugifySegment(title).slice(0, 80).replace(/-$/, '')
  return slug === '' ? undefined : (slug as Slug)
}

/** Is `text` already a well-formed slug? */
export function isSlug(text: string): text is Slug {
  return text !== '' && text.split('/').every((s) => s !== '' && slugifySegment(s) === s)
}

/** The last segment of a slug: the file name it came from, normalised. */
export function slugBasename(slug: Slug): string {
  return slug.slice(slug.lastIndexOf('/') + 1)
}
