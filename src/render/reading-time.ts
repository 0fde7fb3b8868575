/**
 * How long a note takes to read, from its Markdown: words counted as a
 * reader sees them (a link counts its label, not its target; code, HTML
 * tags and comments are left out), at {@link wordsPerMinute}.
 */

/** A steady reading pace for dense technical prose (docs/reading.md gives the reason). */
export const wordsPerMinute = 200

/** Words a reader sees in `markdown`. */
export function wordCount(markdown: string): number {
  const visible = markdown
    .replace(/```[\s\S]*?(?:```|$)|~~~[\s\S]*?(?:~~~|$)/g, ' ')
    .replace(/%%[\s\S]*?%%|<!--[\s\S]*?-->/g, ' ')
    .replace(/!?\[\[([^\]|]*)(?:\|([^\]]*))?\]\]/g, (_, target: string, label: string | undefined) => label ?? target.replace(/#.*$/, ''))
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, ' ')
  return visible.match(/[\p{L}\p{N}][\p{L}\p{N}'’_-]*/gu)?.length ?? 0
}

/** Whole minutes to read `words` words, at least 1. */
export function readingMinutes(words: number): number {
  return Math.max(1, Math.ceil(words / wordsPerMinute))
}
