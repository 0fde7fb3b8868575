// quire's search: the field in the header and the results under it.
//
// Nothing is fetched until the reader focuses the field (or presses `/`):
// then the tokenizer, MiniSearch and the index (search-index.json) load
// once. Quoted phrases also load search-text.json, to keep only results
// that contain the exact phrase. Results are plain links: the arrow keys
// move between the field and them, Enter opens one, Escape closes the list.
// Events are handled on the document, so the field keeps working when
// `quire dev` swaps the page in place.

/** The site root: this module lives at `<root>/assets/search.js`. */
const root = new URL('../', import.meta.url)
const shownResults = 20

let engine = null
let phraseTexts = null
let run = 0
let announceTimer = 0

/** The tokenizer, the library and the index, loaded once (and again after a failure). */
function loadEngine() {
  // loadJSONAsync builds the index in slices, so typing stays responsive while a large one loads.
  engine ??= Promise.all([import('./search-terms.js'), import('./minisearch.js'), fetchText('search-index.json')]).then(async ([terms, library, json]) => ({
    terms,
    index: await library.default.loadJSONAsync(json, terms.indexOptions),
  }))
  engine.catch(() => {
    engine = null
  })
  return engine
}

/** Each document's text in phrase form, for "quoted" queries. */
function loadPhraseTexts() {
  phraseTexts ??= fetchText('search-text.json').then((json) => JSON.parse(json))
  phraseTexts.catch(() => {
    phraseTexts = null
  })
  return phraseTexts
}

async function fetchText(file) {
  const response = await fetch(new URL(file, root))
  if (!response.ok) throw new Error(`${file}: ${response.status}`)
  return response.text()
}

function parts() {
  return {
    form: document.querySelector('form[data-quire-search]'),
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
  const { terms, index } = loaded
  const parsed = terms.parseQuery(query)
  let hits = parsed.words === '' ? [] : index.search(parsed.words, terms.queryOptions(parsed.prefix))
  if (parsed.phrases.length > 0 && hits.length > 0) {
    let texts
    try {
      texts = await loadPhraseTexts()
    } catch {
      if (id === run) count.textContent = 'Search is unavailable: the phrase index could not be loaded.'
      return
    }
    if (id !== run) return
    hits = hits.filter((hit) => parsed.phrases.every((phrase) => terms.containsPhrase(texts[hit.id] ?? '', phrase)))
  }
  show(hits, query, parsed, terms)
}

function show(hits, query, parsed, terms) {
  const { count, results } = parts()
  const shown = hits.slice(0, shownResults)
  const summary =
    hits.length === 0
      ? `No results for “${query.trim()}”.`
      : `${hits.length} ${hits.length === 1 ? 'result' : 'results'} for “${query.trim()}”${hits.length > shown.length ? `, the first ${shown.length} shown` : ''}.`
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
  return target instanceof Element && (target.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]') !== null)
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
  if (event.target instanceof Element && event.target.id === 'quire-search') update()
})

// Enter in the field opens the first result; the form itself never submits.
document.addEventListener('submit', (event) => {
  if (!(event.target instanceof Element) || !event.target.matches('form[data-quire-search]')) return
  event.preventDefault()
  const first = resultLinks()[0]
  if (first && !parts().panel.hidden) first.click()
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
  phraseTexts = null
})
