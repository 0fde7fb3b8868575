// quire's link previews: hovering a link to a note or inquiry (with a mouse
// or pen), or moving to it with the keyboard, shows its title and summary in
// a popover laid over the page (nothing moves); a link to a section
// (`[[note#Heading]]`) shows that section's first text instead of the
// summary. A hover fetches only the small file that holds its document's
// preview (previews/N.json, after previews/index.json once). Escape
// dismisses the popover; it stays open while the
// pointer is over it. Touch is left alone, so a tap follows the link; with
// JavaScript off the links are ordinary links.

/** The site root: this module lives at `<root>/assets/preview.js`. */
const root = new URL('../', import.meta.url)
const showDelay = 300
const hideDelay = 250

let buckets = null
let files = new Map()
let current = null
let pending = null
let showTimer = 0
let hideTimer = 0

/** A file of previews, parsed, fetched once (and again after a failure). */
function fetchJson(file) {
  let loading = files.get(file)
  if (!loading) {
    loading = fetch(new URL(file, root)).then((response) => (response.ok ? response.json() : {}))
    files.set(file, loading)
    loading.catch(() => files.delete(file))
  }
  return loading
}

/** How many preview files there are, and the function that says which holds a document's. */
function loadBuckets() {
  buckets ??= Promise.all([fetchJson('previews/index.json'), import('./preview-bucket.js')])
  buckets.catch(() => {
    buckets = null
  })
  return buckets
}

/** The preview of the document at `slug`, or undefined. */
async function load(slug) {
  const [index, { bucketOf }] = await loadBuckets()
  if (!(index.buckets > 0)) return undefined
  const entries = await fetchJson(`previews/${bucketOf(slug, index.buckets)}.json`)
  return Object.hasOwn(entries, slug) ? entries[slug] : undefined
}

/** The heading id a link's fragment names, or null. */
function sectionOf(url) {
  if (url.hash.length < 2) return null
  try {
    return decodeURIComponent(url.hash.slice(1))
  } catch {
    return null
  }
}

/** The slug a URL points at inside the site, or null. */
function slugOf(url) {
  if (url.origin !== root.origin || !url.pathname.startsWith(root.pathname)) return null
  let path
  try {
    path = decodeURIComponent(url.pathname.slice(root.pathname.length))
  } catch {
    return null
  }
  return path.replace(/(^|\/)index\.html$/, '$1').replace(/\/$/, '') || null
}

/** The link under `target` that deserves a preview (in the main content, to another page), with its slug. */
function candidate(target) {
  const link = target instanceof Element ? target.closest('a[href]') : null
  if (!(link instanceof HTMLAnchorElement) || !link.closest('main') || link.closest('.card, .toc, .heading, .tags, .tag-cloud')) return null
  const url = new URL(link.href)
  const slug = slugOf(url)
  if (slug === null || slug === slugOf(new URL(location.href))) return null
  return { link, slug, section: sectionOf(url) }
}

function popover() {
  let box = document.getElementById('quire-preview')
  if (box) return box
  box = document.createElement('div')
  box.id = 'quire-preview'
  box.className = 'preview'
  box.setAttribute('role', 'tooltip')
  box.hidden = true
  for (const name of ['preview-kind', 'preview-title', 'preview-summary']) {
    const line = document.createElement('p')
    line.className = name
    box.append(line)
  }
  // Inside <main>, so the popover is part of a landmark.
  ;(document.querySelector('main') ?? document.body).append(box)
  return box
}

async function show(found) {
  pending = found.link
  let entry
  try {
    entry = await load(found.slug)
  } catch {
    return
  }
  if (pending !== found.link || !entry || !found.link.isConnected) return
  if (current && current !== found.link) current.removeAttribute('aria-describedby')
  const box = popover()
  box.querySelector('.preview-title').textContent = entry.title
  // A link to a section shows that section's first text; to the page (or a section without text), the summary.
  const section = found.section !== null && entry.sections && Object.hasOwn(entry.sections, found.section) ? entry.sections[found.section] : null
  const kind = entry.type === 'inquiry' ? 'Inquiring line' : 'Note'
  box.querySelector('.preview-kind').textContent = section ? `${kind} · ${section[0]}` : kind
  box.querySelector('.preview-summary').textContent = section ? section[1] : entry.summary
  box.classList.toggle('preview-of-section', section !== null)
  box.hidden = false
  place(box, found.link)
  found.link.setAttribute('aria-describedby', box.id)
  current = found.link
}

/** Put the popover under the link (above it when there is no room below), inside the window. */
function place(box, link) {
  const rects = link.getClientRects()
  const first = rects[0] ?? link.getBoundingClientRect()
  const last = rects[rects.length - 1] ?? first
  const gap = 6
  const margin = 8
  box.style.left = '0px'
  box.style.top = '0px'
  const width = box.offsetWidth
  const height = box.offsetHeight
  const viewport = document.documentElement.clientWidth
  const left = Math.max(margin, Math.min(last.left, viewport - width - margin))
  let top = last.bottom + gap
  if (top + height > window.innerHeight - margin && first.top - gap - height >= margin) top = first.top - gap - height
  box.style.left = `${Math.round(left + window.scrollX)}px`
  box.style.top = `${Math.round(top + window.scrollY)}px`
}

function hide() {
  clearTimeout(showTimer)
  clearTimeout(hideTimer)
  pending = null
  if (current) current.removeAttribute('aria-describedby')
  current = null
  const box = document.getElementById('quire-preview')
  if (box) box.hidden = true
}

function inPopover(target) {
  return target instanceof Element && target.closest('#quire-preview') !== null
}

document.addEventListener('pointerover', (event) => {
  if (event.pointerType === 'touch') return
  if (inPopover(event.target)) {
    clearTimeout(hideTimer)
    return
  }
  const found = candidate(event.target)
  if (!found) return
  clearTimeout(hideTimer)
  if (found.link === current) return
  clearTimeout(showTimer)
  load(found.slug).catch(() => {})
  showTimer = setTimeout(() => show(found), showDelay)
})

document.addEventListener('pointerout', (event) => {
  if (event.pointerType === 'touch') return
  const leaving = inPopover(event.target) ? document.getElementById('quire-preview') : candidate(event.target)?.link
  if (!leaving) return
  const to = event.relatedTarget
  if (to instanceof Node && (leaving.contains(to) || inPopover(to) || (current && current.contains(to)))) return
  clearTimeout(showTimer)
  pending = null
  // A moment's grace, so the pointer can move onto the popover.
  hideTimer = setTimeout(() => {
    if (current && !current.matches(':focus-visible')) hide()
  }, hideDelay)
})

// Keyboard focus shows the preview at once; focus from a click or a tap does not.
document.addEventListener('focusin', (event) => {
  const found = candidate(event.target)
  if (!found || !found.link.matches(':focus-visible')) return
  clearTimeout(showTimer)
  show(found)
})

document.addEventListener('focusout', (event) => {
  if (current && event.target === current) hide()
})

document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && (current || pending)) hide()
})

// A tap or a click (which follows the link) closes the popover.
document.addEventListener('pointerdown', (event) => {
  if (!inPopover(event.target)) hide()
})

window.addEventListener('resize', hide)

// After `quire dev` swapped the page in, titles and summaries may have changed.
document.addEventListener('quire:page-swapped', () => {
  hide()
  buckets = null
  files = new Map()
})
