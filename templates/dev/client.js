// quire dev's live-reload client. Served only by `quire dev`, never published.
// On a rebuild it swaps in the new page without a full reload, keeping the
// scroll position; on errors it shows an overlay listing them.
const events = new EventSource('/__quire/events')
let overlay = null

events.addEventListener('status', (event) => show(JSON.parse(event.data)))
events.addEventListener('diagnostics', (event) => show(JSON.parse(event.data)))
events.addEventListener('reload', async (event) => {
  const { changed } = JSON.parse(event.data)
  await swapPage(changed)
})

async function swapPage(changed) {
  let response
  try {
    response = await fetch(location.href, { cache: 'no-store' })
  } catch {
    return
  }
  if (!response.ok && response.status !== 404) return location.reload()
  const next = new DOMParser().parseFromString(await response.text(), 'text/html')
  const x = window.scrollX
  const y = window.scrollY
  const open = [...document.querySelectorAll('details[open]')].map((d) => d.className)
  document.title = next.title
  document.body.replaceWith(document.adoptNode(next.body))
  for (const details of document.querySelectorAll('details')) if (open.includes(details.className)) details.open = true
  if (changed.some((file) => file.endsWith('.css'))) {
    for (const link of document.querySelectorAll('link[rel=stylesheet]')) {
      const url = new URL(link.href)
      url.searchParams.set('v', String(Date.now()))
      link.href = url.href
    }
  }
  window.scrollTo(x, y)
  document.dispatchEvent(new CustomEvent('quire:page-swapped'))
  document.documentElement.dataset.quireReloads = String(Number(document.documentElement.dataset.quireReloads ?? 0) + 1)
}

function show(status) {
  const errors = status.diagnostics.filter((d) => d.severity === 'error')
  if (errors.length === 0 && status.ok) {
    overlay?.remove()
    overlay = null
    return
  }
  overlay?.remove()
  overlay = document.createElement('div')
  overlay.className = 'quire-dev-overlay'
  overlay.setAttribute('role', 'alertdialog')
  overlay.setAttribute('aria-labelledby', 'quire-dev-overlay-title')
  const title = document.createElement('h2')
  title.id = 'quire-dev-overlay-title'
  title.textContent = `quire: ${errors.length} ${errors.length === 1 ? 'error' : 'errors'}. The last good site is still served.`
  const list = document.createElement('ol')
  for (const d of status.diagnostics) {
    const item = document.createElement('li')
    const where = document.createElement('code')
    where.textContent = `${d.file}:${d.line}:${d.column}`
    item.append(where, ` ${d.severity}: ${d.message} [${d.code}]`)
    list.append(item)
  }
  const close = document.createElement('button')
  close.type = 'button'
  close.textContent = 'Hide'
  close.addEventListener('click', () => overlay?.remove())
  overlay.append(title, list, close)
  document.body.append(overlay)
}
