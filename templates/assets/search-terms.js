// quire's search terms: how text is split into the words the search index
// holds, and how a query is read. The same file runs in Node at build time
// (the index is built from these terms) and in the browser at query time,
// so both sides always agree. No DOM, no dependencies.

/** Characters of scripts written without spaces between words: Han, kana, Hangul (and ー, 々). */
const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30fc\u3005]/u
const cjkRuns = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30fc\u3005]+/gu
/** A word: letters, combining marks and digits. Everything else separates words. */
const word = /[\p{L}\p{M}\p{N}]+/gu

/**
 * Text in the form terms and phrases are compared in: compatibility-normalised
 * (full-width Latin becomes ASCII), lower case.
 */
export function fold(text) {
  return text.normalize('NFKC').toLowerCase()
}

/**
 * Split text into raw terms: each word, with runs of CJK characters split
 * off as terms of their own (`RLVR强化学习` → `rlvr`, `强化学习`).
 * `processTerm` and `processQueryTerm` then expand CJK runs.
 */
export function tokenize(text) {
  return fold(text).replace(cjkRuns, ' $& ').match(word) ?? []
}

/** Is `term` a run of CJK characters? (None of those scripts has a character below U+1100, where Hangul starts.) */
export function isCjk(term) {
  return term.charCodeAt(0) >= 0x1100 && cjk.test(term.charAt(0))
}

/** The characters of a CJK run, and each pair of neighbours: `学习法` → 学, 习, 法, 学习, 习法. */
function unigramsAndBigrams(run) {
  const chars = [...run]
  const terms = [...new Set(chars)]
  for (let i = 0; i + 1 < chars.length; i++) terms.push(chars[i] + chars[i + 1])
  return [...new Set(terms)]
}

/** The bigrams of a CJK run (a single character stays itself): `强化学习` → 强化, 化学, 学习. */
function bigrams(run) {
  const chars = [...run]
  if (chars.length < 2) return chars
  const terms = []
  for (let i = 0; i + 1 < chars.length; i++) terms.push(chars[i] + chars[i + 1])
  return [...new Set(terms)]
}

/**
 * A term as the index holds it. Words stay whole; a CJK run becomes its
 * characters and its bigrams, so a one-character query and a longer one
 * both find it.
 */
export function processTerm(term) {
  return isCjk(term) ? unigramsAndBigrams(term) : term
}

/**
 * A query term as it is looked up: a CJK run of two or more characters
 * becomes its bigrams (all of which must match), which is far more precise
 * than single characters.
 */
export function processQueryTerm(term) {
  return isCjk(term) ? bigrams(term) : term
}

/**
 * Text as phrases are matched in it: its terms, one space apart
 * (`RL-trained, models` → `rl trained models`). CJK runs keep their
 * characters side by side.
 */
export function phraseText(text) {
  return tokenize(text).join(' ')
}

/**
 * Read a query: the words to look up (every word, quoted or not) and the
 * exact phrases (the quoted parts, in phrase form). An unclosed quote
 * still counts as a phrase. `"format diversity" rl` →
 * `{ words: 'format diversity rl', phrases: ['format diversity'], last: 'rl' }`.
 * `prefix` says whether the last word may still be growing (it is not
 * quoted and no space follows it).
 */
export function parseQuery(query) {
  const phrases = []
  const words = []
  const parts = query.split('"')
  parts.forEach((part, i) => {
    words.push(...tokenize(part))
    const phrase = phraseText(part)
    if (i % 2 === 1 && phrase !== '' && !phrases.includes(phrase)) phrases.push(phrase)
  })
  const lastQuoted = parts.length % 2 === 0
  const prefix = !lastQuoted && /[\p{L}\p{M}\p{N}]$/u.test(query)
  return { words: words.join(' '), phrases, prefix }
}

/**
 * Does `text` (in phrase form) contain `phrase` (in phrase form)? Words must
 * match whole (`rl` is not found in `curl`); CJK has no spaces to go by, so
 * a phrase with CJK characters matches anywhere.
 */
export function containsPhrase(text, phrase) {
  return cjk.test(phrase) ? text.includes(phrase) : ` ${text} `.includes(` ${phrase} `)
}

/** The fields each document has in the index, and how much a match in each weighs. */
export const searchFields = ['title', 'summary', 'tags', 'body']
export const fieldBoosts = { title: 3, tags: 2, summary: 1.5, body: 1 }
