// quire's search queries over the sharded index (see docs/search.md). The
// same file runs in the browser (assets/search.js) and in Node (the tests),
// so it fetches nothing itself: it is handed a `load(path)` that returns a
// file's parsed JSON. No DOM, no dependencies.

import { isCjk, processQueryTerm, tokenize } from './search-terms.js'

/** A prefix shorter than the key expands only when its terms fill at most this many shards. */
const shortPrefixShards = 2
/** How a match that is not the exact word weighs (as MiniSearch weighed them). */
const prefixWeight = 0.375
const fuzzyWeight = 0.45

/** The first `length` characters (code points) of `term`. */
export function termKey(term, length) {
  return [...term.slice(0, length * 2)].slice(0, length).join('')
}

/** The number of the shard that holds the terms of `key`. */
export function shardOf(manifest, key) {
  const first = manifest.shards
  let low = 0
  let high = first.length - 1
  while (low < high) {
    const mid = (low + high + 1) >> 1
    if (first[mid] <= key) low = mid
    else high = mid - 1
  }
  return low
}

/** The shards holding terms that start with `prefix` (shorter than a key). */
function shardsOfPrefix(manifest, prefix) {
  const from = shardOf(manifest, prefix)
  const shards = [from]
  for (let i = from + 1; i < manifest.shards.length && manifest.shards[i].startsWith(prefix); i++) shards.push(i)
  return shards
}

/** The index of the first entry whose term is not below `term`. */
function lowerBound(entries, term) {
  let low = 0
  let high = entries.length
  while (low < high) {
    const mid = (low + high) >> 1
    if (entries[mid][0] < term) low = mid + 1
    else high = mid
  }
  return low
}

/** The edit distance of `a` and `b`, or `max + 1` when it is larger than `max`. */
export function editDistance(a, b, max) {
  if (Math.abs(a.length - b.length) > max) return max + 1
  let row = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const next = [i]
    let best = i
    for (let j = 1; j <= b.length; j++) {
      const value = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
      next.push(value)
      if (value < best) best = value
    }
    if (best > max) return max + 1
    row = next
  }
  return row[b.length]
}

/** How far a query word may be from a term to match it: words of five letters or more allow a typo or two. */
function allowedDistance(word) {
  return isCjk(word) || word.length < 5 ? 0 : Math.min(6, Math.round(word.length * 0.2))
}

/**
 * The terms to look up for a query's words: each word (a CJK run as its
 * bigrams, all required), the last one as a prefix when `prefix` says so.
 */
export function queryTerms(words, prefix) {
  const tokens = tokenize(words)
  const out = []
  tokens.forEach((token, i) => {
    const processed = processQueryTerm(token)
    for (const term of typeof processed === 'string' ? [processed] : processed) {
      const asPrefix = prefix && i === tokens.length - 1 && !isCjk(term)
      const known = out.find((q) => q.term === term)
      if (known) known.prefix ||= asPrefix
      else out.push({ term, prefix: asPrefix })
    }
  })
  return out
}

/** The shard files a query term needs. */
export function shardsFor(manifest, query) {
  const key = termKey(query.term, manifest.keyLength)
  if (!query.prefix || key !== query.term || [...query.term].length >= manifest.keyLength) return [shardOf(manifest, key)]
  const shards = shardsOfPrefix(manifest, query.term)
  return shards.length <= shortPrefixShards ? shards : [shards[0]]
}

/** The path of a term shard, a record block and a phrase-text block. */
export const paths = {
  manifest: 'search/manifest.json',
  shard: (i) => `search/terms/${i}.json`,
  docs: (i) => `search/docs/${i}.json`,
  text: (i) => `search/text/${i}.json`,
}

/**
 * The index terms one query term matches, with how much each counts: the
 * term itself, longer terms it starts (when it is a prefix) and terms a
 * typo or two away (with the same first characters).
 */
function matchesIn(entries, query, keyLength) {
  const { term } = query
  const found = []
  const exact = lowerBound(entries, term)
  if (entries[exact]?.[0] === term) found.push([entries[exact], 1])
  if (query.prefix) {
    for (let i = exact; i < entries.length && entries[i][0].startsWith(term); i++) {
      const other = entries[i][0]
      if (other === term) continue
      found.push([entries[i], (prefixWeight * term.length) / (term.length + 0.3 * (other.length - term.length))])
    }
  }
  const max = allowedDistance(term)
  if (max > 0) {
    const key = termKey(term, keyLength)
    for (let i = lowerBound(entries, key); i < entries.length && entries[i][0].startsWith(key); i++) {
      const other = entries[i][0]
      if (other === term || (query.prefix && other.startsWith(term))) continue
      const distance = editDistance(term, other, max)
      if (distance <= max) found.push([entries[i], (fuzzyWeight * term.length) / (term.length + distance)])
    }
  }
  return found
}

/**
 * Run a query's words against the index: every term required, each
 * document scored by the sum of its postings' weights. `load(path)`
 * resolves to a file's parsed JSON. Resolves to the hits, best first
 * (ties by document number): `{ doc, score, terms }`, where `terms` are
 * the index terms it matched.
 */
export async function search(manifest, load, words, prefix) {
  const queries = queryTerms(words, prefix)
  if (queries.length === 0) return []
  const shards = await Promise.all(queries.map((query) => Promise.all(shardsFor(manifest, query).map((i) => load(paths.shard(i))))))
  let results = null
  queries.forEach((query, q) => {
    const scores = new Map()
    for (const entries of shards[q]) {
      for (const [[term, postings], factor] of matchesIn(entries, query, manifest.keyLength)) {
        let doc = 0
        for (let i = 0; i < postings.length; i += 2) {
          doc += postings[i]
          let hit = scores.get(doc)
          if (!hit) scores.set(doc, (hit = { score: 0, terms: [] }))
          hit.score += (postings[i + 1] / 10) * factor
          if (!hit.terms.includes(term)) hit.terms.push(term)
        }
      }
    }
    if (results === null) {
      results = scores
      return
    }
    const both = new Map()
    for (const [doc, hit] of results) {
      const more = scores.get(doc)
      if (more) both.set(doc, { score: hit.score + more.score, terms: [...hit.terms, ...more.terms.filter((t) => !hit.terms.includes(t))] })
    }
    results = both
  })
  return [...results].map(([doc, hit]) => ({ doc, score: hit.score, terms: hit.terms })).sort((a, b) => b.score - a.score || a.doc - b.doc)
}

/** The records (`{ id, type, title, summary }`) of `hits`, in order, fetched by block. */
export async function records(manifest, load, hits) {
  const blocks = [...new Set(hits.map((hit) => Math.floor(hit.doc / manifest.docBlock)))]
  const loaded = new Map(await Promise.all(blocks.map(async (block) => [block, await load(paths.docs(block))])))
  return hits.map((hit) => {
    const [id, type, title, summary] = loaded.get(Math.floor(hit.doc / manifest.docBlock))[hit.doc % manifest.docBlock]
    return { ...hit, id, type, title, summary }
  })
}

/** How many phrase-text blocks one query may fetch to check its "quoted phrases". */
export const phraseBlockLimit = 24

/**
 * The hits whose text holds every phrase, checked best first. Stops after
 * `wanted` are confirmed or {@link phraseBlockLimit} text blocks were
 * fetched; `complete` says whether every hit was checked.
 */
export async function withPhrases(manifest, load, hits, phrases, contains, wanted) {
  const kept = []
  const blocks = new Map()
  let at = 0
  while (at < hits.length && kept.length < wanted) {
    // The next hits whose blocks are at hand or can still be fetched, fetched together.
    const batch = []
    const fetching = new Set()
    for (; at < hits.length && batch.length < 8; at++) {
      const block = Math.floor(hits[at].doc / manifest.textBlock)
      if (!blocks.has(block) && !fetching.has(block)) {
        if (blocks.size + fetching.size >= phraseBlockLimit) break
        fetching.add(block)
      }
      batch.push(hits[at])
    }
    if (batch.length === 0) break
    await Promise.all([...fetching].map(async (block) => blocks.set(block, await load(paths.text(block)))))
    for (const hit of batch) {
      const text = blocks.get(Math.floor(hit.doc / manifest.textBlock))[hit.doc % manifest.textBlock] ?? ''
      if (phrases.every((phrase) => contains(text, phrase))) kept.push(hit)
    }
  }
  return { hits: kept, complete: at >= hits.length }
}
