/**
 * Types of `search-terms.js`, the search tokenizer shared by the build
 * (Node) and the site's search script (browser).
 */

/** Compatibility-normalised, lower-case text. */
export function fold(text: string): string
/** Words, with CJK runs split off as terms of their own. */
export function tokenize(text: string): string[]
/** Does `term` start with a CJK character? */
export function isCjk(term: string): boolean
/** A term as indexed: CJK runs become characters and bigrams. */
export function processTerm(term: string): string | string[]
/** A term as looked up: CJK runs become bigrams. */
export function processQueryTerm(term: string): string | string[]
/** Folded text with each run of non-word characters turned into one space. */
export function phraseText(text: string): string
/** A query read into the words to look up and the quoted phrases. */
export function parseQuery(query: string): { words: string; phrases: string[]; prefix: boolean }
/** Does `text` contain `phrase` (both in phrase form)? */
export function containsPhrase(text: string, phrase: string): boolean
/** The indexed fields. */
export const searchFields: readonly ['title', 'summary', 'tags', 'body']
/** Weight of each field in a query. */
export const fieldBoosts: Readonly<Record<'title' | 'summary' | 'tags' | 'body', number>>
