// quire's search: the field in the header and the results under it.
//
// Nothing is fetched until the reader focuses the field (or presses `/`):
// then the tokenizer, the query code and the index's small manifest load
// once. A query fetches only the term shards its words need and the records
// of the results it shows (see docs/search.md); a "quoted phrase" also
// fetches the text of the best matches, to keep those with the exact
// phrase. Results are plain links: the arrow keys move between the field
// and them, Enter opens one, Escape closes the list. Events are handled on
// the document, so the field keeps working when `quire dev` swaps the page
// in place.

/** The site root: this module lives at `<root>/assets/search.js`. */
const root = new URL('../', import.meta.url)
const shownResults = 20
/** Typing that pauses this long (ms) runs the query: a word typed fast fetches only its own shards. */
const typingPause = 60

let engine = null
let files = new Map()
let run = 0
let announceTimer = 0
let typingTimer = 0

/** The tokenizer, the query code and the manifest, loaded once (and again after a failure). */
function loadEngine() {
  engine ??= Promise.all([import('./search-terms.js'), import('./search-query.js'), load('search/manifest.json')]).then(([terms, query, manifest]) => ({
    terms,
    query,
    manifest,
  }))
  engine.catch(() => {
    engine = null
  })
  return engine
}

/** A file of the index, parsed, fetched once (and again after a failure). */
function load(file) {
  let loading = files.get(file)
  if (!loading) {
    loading = fetch(new URL(file, root)).then((response) => {
      if (!response.ok) throw new Error(`${file}: ${response.status}`)
      return response.json()
    })
    files.set(file, loading)
    loading.catch(() => files.delete(file))
  }
  return loading
}

function parts() {
  return {
    form: document.querySelector('[data-quire-search]'),
    input: document.getElementById('quire-search'),
    panel: document.getElementById('quire-search-panel'),
    count: document.getElementById('quire-search-count'),
    results: document.getElementById('quire-search-results'),
    status: document.getElementById('quire-search-status'),
  }
}

function resultLinks() {
  return [...document.querySelectorAll('#quire-search-results a')]
}

function openPanel() {
  const { panel, input } = parts()
  if (panel && input && input.value.trim() !== '') panel.hidden = false
}

function closePanel() {
  const { panel } = parts()
  if (panel) panel.hidden = true
}

/** Tell screen readers the count once typing pauses (not on every key). */
function announce(message) {
  clearTimeout(announceTimer)
  announceTimer = setTimeout(() => {
    const { status } = parts()
    if (status) status.textContent = message
  }, 500)
}

/** Run the query in the field and show its results. */
async function update() {
  const id = ++run
  const { input, count, results } = parts()
  if (!input || !count || !results) return
  const query = input.value
  if (query.trim() === '') {
    results.replaceChildren()
    count.textContent = ''
    closePanel()
    announce('')
    return
  }
  openPanel()
  if (results.childElementCount === 0) count.textContent = 'Loading the search index…'
  let loaded
  try {
    loaded = await loadEngine()
  } catch {
    if (id === run) count.textContent = 'Search is unavailable: the index could not be loaded.'
    return
  }
  if (id !== run) return
  const { terms, query: engine, manifest } = loaded
  const parsed = terms.parseQuery(query)
  let shown
  let total
  let complete = true
  try {
    let hits = parsed.words === '' ? [] : await engine.search(manifest, load, parsed.words, parsed.prefix)
    if (id !== run) return
    if (parsed.phrases.length > 0 && hits.length > 0) {
      const checked = await engine.withPhrases(manifest, load, hits, parsed.phrases, terms.containsPhrase, shownResults + 1)
      if (id !== run) return
      hits = checked.hits
      complete = checked.complete
    }
    total = hits.length
    shown = await engine.records(manifest, load, hits.slice(0, shownResults))
  } catch {
    if (id === run) count.textContent = 'Search is unavailable: part of the index could not be loaded.'
    return
  }
  if (id !== run) return
  show(shown, total, complete, query, parsed, terms)
}

/** What the count says: how many results, and how many are shown. */
function countText(shown, total, complete, query) {
  const quoted = `“${query.trim()}”`
  if (total === 0) return `No results for ${quoted}.`
  // A phrase is checked in the best matches only, until enough are found.
  if (!complete)
    return total > shown.length
      ? `More than ${shown.length} results for ${quoted}, the first ${shown.length} shown.`
      : `${total} ${total === 1 ? 'result' : 'results'} for ${quoted} among the best matches.`
  return `${total} ${total === 1 ? 'result' : 'results'} for ${quoted}${total > shown.length ? `, the first ${shown.length} shown` : ''}.`
}

function show(shown, total, complete, query, parsed, terms) {
  const { count, results } = parts()
  const summary = countText(shown, total, complete, query)
  count.textContent = summary
  announce(summary)
  const cjkRuns = terms.tokenize(parsed.words).filter((term) => terms.isCjk(term))
  results.replaceChildren(
    ...shown.map((hit) => {
      const words = [...new Set(hit.terms.filter((term) => !terms.isCjk(term)))]
      const highlight = pattern(words, cjkRuns)
      const item = document.createElement('li')
      item.className = 'search-result'
      const link = document.createElement('a')
      link.className = 'search-result-title'
      // `index` is the notes folder's index.md, shown as the home page (see homeSlug in src/render/url.ts).
      link.href = new URL(hit.id === 'index' ? './' : `${hit.id}/`, root).href
      link.append(...marked(hit.title, highlight))
      const kind = document.createElement('span')
      kind.className = 'search-result-kind'
      kind.textContent = hit.type === 'inquiry' ? 'Inquiring line' : 'Note'
      const summaryText = document.createElement('p')
      summaryText.className = 'search-result-summary'
      summaryText.append(...marked(hit.summary, highlight))
      const matched = document.createElement('p')
      matched.className = 'search-result-terms'
      const list = [...parsed.phrases.map((phrase) => `“${phrase}”`), ...words, ...cjkRuns]
      matched.append('Matches: ', ...list.flatMap((term, i) => [i > 0 ? ', ' : '', element('mark', term)]))
      item.append(link, ' ', kind, summaryText, matched)
      return item
    }),
  )
}

function element(tag, text) {
  const node = document.createElement(tag)
  node.textContent = text
  return node
}

/** A pattern finding the matched words (at the start of a word) and CJK runs (anywhere). */
function pattern(words, cjkRuns) {
  const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const alternatives = []
  const sorted = (list) => [...list].sort((a, b) => b.length - a.length).map(escape)
  if (words.length > 0) alternatives.push(`(?<![\\p{L}\\p{M}\\p{N}])(?:${sorted(words).join('|')})`)
  if (cjkRuns.length > 0) alternatives.push(sorted(cjkRuns).join('|'))
  return alternatives.length === 0 ? null : new RegExp(alternatives.join('|'), 'giu')
}

/** `text` as nodes, with what `highlight` finds in <mark>. */
function marked(text, highlight) {
  if (!highlight) return [text]
  const nodes = []
  let at = 0
  for (const match of text.matchAll(highlight)) {
    if (match[0] === '') continue
    nodes.push(text.slice(at, match.index), element('mark', match[0]))
    at = match.index + match[0].length
  }
  nodes.push(text.slice(at))
  return nodes.filter((node) => node !== '')
}

function isEditable(target) {
  return target instanceof Element && target.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]') !== null
}

document.addEventListener('keydown', (event) => {
  const { input, form } = parts()
  if (!input || !form) return
  if (event.key === '/' && !event.ctrlKey && !event.metaKey && !event.altKey && !isEditable(event.target)) {
    event.preventDefault()
    input.focus()
    input.select()
    return
  }
  const links = resultLinks()
  if (event.target === input) {
    if (event.key === 'ArrowDown' && links.length > 0) {
      event.preventDefault()
      openPanel()
      links[0].focus()
    } else if (event.key === 'Enter' && !event.isComposing) {
      // Enter opens the first result shown.
      event.preventDefault()
      const first = links[0]
      if (first && !parts().panel.hidden) first.click()
    } else if (event.key === 'Escape' && !parts().panel.hidden) {
      event.preventDefault()
      closePanel()
    }
    return
  }
  const at = links.indexOf(event.target)
  if (at === -1) return
  if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
    event.preventDefault()
    const next = at + (event.key === 'ArrowDown' ? 1 : -1)
    if (next < 0) input.focus()
    else links[Math.min(next, links.length - 1)].focus()
  } else if (event.key === 'Escape') {
    event.preventDefault()
    closePanel()
    input.focus()
  }
})

document.addEventListener('input', (event) => {
  if (!(event.target instanceof Element) || event.target.id !== 'quire-search') return
  clearTimeout(typingTimer)
  typingTimer = setTimeout(update, typingPause)
})

document.addEventListener('focusin', (event) => {
  if (!(event.target instanceof Element) || event.target.id !== 'quire-search') return
  loadEngine().catch(() => {})
  // Coming back from the results (ArrowUp, Escape) leaves the panel as it is.
  const { form } = parts()
  if (!(event.relatedTarget instanceof Node && form?.contains(event.relatedTarget))) openPanel()
})

// Leaving the search (focus or a click elsewhere) closes the results.
document.addEventListener('focusout', (event) => {
  const { form } = parts()
  if (form && form.contains(event.target) && !(event.relatedTarget instanceof Node && form.contains(event.relatedTarget))) closePanel()
})

document.addEventListener('pointerdown', (event) => {
  const { form } = parts()
  if (form && !(event.target instanceof Node && form.contains(event.target))) closePanel()
})

// After `quire dev` rebuilt the site, the index may have changed.
document.addEventListener('quire:page-swapped', () => {
  engine = null
  files = new Map()
})
