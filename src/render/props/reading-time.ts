/**
 * How long a note takes to read, from its Markdown: words counted as a
 * reader sees them (a link counts its label, not its target; code blocks,
 * comments and HTML tags are left out), at {@link wordsPerMinute}.
 *
 * Every pattern here is bounded or scanned once, so a hostile note cannot
 * make the count slower than linear in its length.
 */

/** A steady reading pace for dense technical prose (docs/reading.md gives the reason). */
export const wordsPerMinute = 200

/** Words a reader sees in `markdown`. */
export function wordCount(markdown: string): number {
  const visible = withoutComments(withoutFencedCode(markdown))
    .replace(/!?\[\[([^[\]|\n]{0,200})(?:\|([^[\]\n]{0,200}))?\]\]/g, (_, target: string, label: string | undefined) => label ?? target.replace(/#.*$/, ''))
    .replace(/!?\[([^[\]\n]{0,200})\]\([^()\n]{0,400}\)/g, '$1')
    .replace(/<\/?[A-Za-z][^<>\n]{0,200}>/g, ' ')
  return visible.match(/[\p{L}\p{N}][\p{L}\p{N}'’_-]*/gu)?.length ?? 0
}

/** Whole minutes to read `words` words, at least 1. */
export function readingMinutes(words: number): number {
  return Math.max(1, Math.ceil(words / wordsPerMinute))
}

/** The text without fenced code blocks (``` or ~~~ to the matching fence, or to the end). */
function withoutFencedCode(markdown: string): string {
  const kept: string[] = []
  let fence: string | undefined
  for (const line of markdown.split('\n')) {
    const opener = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1]
    if (fence === undefined) {
      if (opener) fence = opener
      else kept.push(line)
    } else if (opener && opener[0] === fence[0] && opener.length >= fence.length && line.trim() === opener) {
      fence = undefined
    }
  }
  return kept.join('\n')
}

/** The text without `%% … %%` and `<!-- … -->` comments (one left open runs to the end). */
function withoutComments(text: string): string {
  let out = ''
  let at = 0
  // The next opener of each kind, found again only once passed: each search covers new text.
  let percent = -2
  let html = -2
  while (at < text.length) {
    if (percent !== -1 && percent < at) percent = text.indexOf('%%', at)
    if (html !== -1 && html < at) html = text.indexOf('<!--', at)
    const start = percent < 0 ? html : html < 0 ? percent : Math.min(percent, html)
    if (start < 0) break
    out += text.slice(at, start) + ' '
    const [open, close] = start === html ? ['<!--', '-->'] : ['%%', '%%']
    const end = text.indexOf(close, start + open.length)
    at = end < 0 ? text.length : end + close.length
  }
  return at < text.length ? out + text.slice(at) : out
}
