// quire's graph page: the whole library drawn with sigma.js (WebGL) from
// the positions the build laid out (graph/data.json), with pan and zoom,
// names on hover and focus, the page named by ?focus=<address> centred and
// marked, filters by folder, tag and inquiring line, and a search over
// every document that works from the keyboard.
//
// The libraries (graphology, then sigma) are loaded only when the browser
// can draw with WebGL; otherwise the page says so and the search and the
// lists still work. Nothing here runs code from the data: titles are set
// as text.

const box = document.getElementById('graph-canvas')
if (box) start(box)

/** Numbers as the page writes them: 10,203. */
const number = new Intl.NumberFormat('en')

async function start(box) {
  const status = document.getElementById('graph-status')
  const say = (text) => {
    if (status) status.textContent = text
  }
  const message = box.querySelector('.graph-message')
  const tell = (text) => {
    if (message) message.textContent = text
  }
  tell('Loading the graph…')
  let data
  try {
    const response = await fetch(box.dataset.data)
    if (!response.ok) throw new Error(String(response.status))
    data = await response.json()
  } catch {
    tell('The graph’s data could not be loaded. The lists below lead to every folder, inquiring line and tag.')
    return
  }
  const graph = prepare(data, box.dataset.root ?? '../')
  const view = { folder: -1, tag: -1, inquiry: -1, selected: -1, hovered: -1, allLinks: false }
  const focus = focusedNode(graph)
  let drawing = null
  if (canDrawWebGL()) {
    try {
      await loadScript(box.dataset.graphology)
      await loadScript(box.dataset.sigma)
      drawing = draw(box, graph, view, focus)
    } catch {
      drawing = null
    }
  }
  if (drawing) {
    message?.remove()
    document.getElementById('graph-controls').hidden = false
    document.getElementById('graph-help').hidden = false
  } else {
    box.classList.add('unavailable')
    tell('This browser cannot draw the graph (it needs WebGL). Use the search and the lists below to reach every document.')
    const controls = document.getElementById('graph-controls')
    controls.hidden = false
    controls.querySelector('.graph-zoom')?.remove()
  }
  const finder = setUpFinder(graph, view, drawing)
  setUpFilters(graph, view, () => {
    const shown = graph.visibleCount(view)
    say(
      shown === graph.count
        ? `Showing all ${number.format(graph.count)} documents.`
        : `Showing ${number.format(shown)} of ${number.format(graph.count)} documents.`,
    )
    drawing?.filtered()
    finder.refresh()
  })
  if (focus >= 0) say(`Centred on “${graph.title[focus]}”, this page’s document.`)
  else say(`Showing all ${number.format(graph.count)} documents.`)
}

/** Can this browser make a WebGL context? */
function canDrawWebGL() {
  try {
    const canvas = document.createElement('canvas')
    return Boolean(canvas.getContext('webgl2') || canvas.getContext('webgl'))
  } catch {
    return false
  }
}

/** Load a classic script from the site (the libraries set a global each). */
function loadScript(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script')
    script.src = src
    script.onload = resolve
    script.onerror = () => reject(new Error(`could not load ${src}`))
    document.head.append(script)
  })
}

/** The data, unpacked for the page: addresses, degrees, folder ancestry and filter sets. */
function prepare(data, root) {
  const nodes = data.nodes
  const count = nodes.title.length
  const address = nodes.name.map((name, i) => {
    const folder = data.folders[nodes.folder[i]].slug
    const slug = folder === '' ? name : `${folder}/${name}`
    return slug
  })
  const href = address.map((slug) => (slug === 'index' ? root : `${root}${slug}/`))
  const degree = new Int32Array(count)
  for (const list of [data.links, data.next]) for (const i of list) degree[i]++
  const tagSets = data.tags.map((tag) => new Set(tag.nodes))
  const inquirySets = data.inquiries.map((entry) => new Set([entry.node, ...entry.sources]))
  /** Is folder `f` the folder `within` or inside it? */
  const inside = (f, within) => {
    for (let at = f; at >= 0; at = data.folders[at].parent) if (at === within) return true
    return false
  }
  const folderPath = data.folders.map((folder, f) => {
    const names = []
    for (let at = f; at > 0 || (at === 0 && data.folders[0].slug !== ''); at = data.folders[at].parent) names.unshift(data.folders[at].name)
    return names.join(' › ')
  })
  const lowerTitles = nodes.title.map((title) => title.toLowerCase())
  /** Which documents the filters keep: null when every one. */
  const keep = (view) => {
    if (view.folder < 0 && view.tag < 0 && view.inquiry < 0) return null
    const inFolder = view.folder < 0 ? null : data.folders.map((_, f) => inside(f, view.folder))
    const kept = new Uint8Array(count)
    for (let i = 0; i < count; i++) {
      kept[i] =
        (!inFolder || inFolder[nodes.folder[i]]) && (view.tag < 0 || tagSets[view.tag].has(i)) && (view.inquiry < 0 || inquirySets[view.inquiry].has(i)) ? 1 : 0
    }
    return kept
  }
  let cache = { key: '', kept: null }
  const kept = (view) => {
    const key = `${view.folder}/${view.tag}/${view.inquiry}`
    if (cache.key !== key) cache = { key, kept: keep(view) }
    return cache.kept
  }
  return {
    data,
    count,
    title: nodes.title,
    lowerTitles,
    type: nodes.type,
    address,
    href,
    degree,
    folderPath,
    kept,
    visibleCount(view) {
      const list = kept(view)
      if (!list) return count
      let n = 0
      for (const k of list) n += k
      return n
    },
  }
}

/** The document named by `?focus=<address>`, or −1. */
function focusedNode(graph) {
  const wanted = new URLSearchParams(location.search).get('focus')
  if (!wanted) return -1
  const slug = wanted.replace(/^\/+|\/+$/g, '')
  return graph.address.indexOf(slug)
}

/** The colours of the drawing, from the stylesheet (so light and dark follow the page). */
function palette(box) {
  const style = getComputedStyle(box)
  const get = (name, fallback) => style.getPropertyValue(name).trim() || fallback
  return {
    note: get('--graph-note', '#1f5fae'),
    inquiry: get('--graph-inquiry', '#9a3412'),
    edge: get('--graph-line', '#c9ccd1'),
    next: get('--graph-next', '#9a3412'),
    current: get('--graph-current', '#c2410c'),
    label: get('--text', '#1d1f23'),
    labelBackground: get('--surface', '#ffffff'),
    faded: get('--graph-faded', '#e5e7eb'),
  }
}

/** Make the drawing; returns what the filters and the search need from it. */
function draw(box, graph, view, focus) {
  const { data } = graph
  const Graph = globalThis.graphology.UndirectedGraph ?? globalThis.graphology.Graph
  const SigmaClass = globalThis.Sigma.Sigma ?? globalThis.Sigma
  const small = graph.count <= 200
  // A small graph names every dot: shorter names in a narrow box (a phone), so that more of them fit beside their dots.
  const nameLength = Math.round(Math.min(34, Math.max(16, box.clientWidth / 14)))
  let colours = palette(box)
  const model = new Graph()
  for (let i = 0; i < graph.count; i++) {
    const title = graph.title[i]
    model.addNode(String(i), {
      x: data.nodes.x[i],
      // The build lays out with y growing downwards; sigma's y grows upwards.
      y: -data.nodes.y[i],
      size: small ? 6 + Math.min(6, Math.sqrt(graph.degree[i]) * 1.5) : 1 + Math.min(4, Math.sqrt(graph.degree[i]) * 0.6),
      label: shorten(title, small ? nameLength : 48),
      full: title,
      kind: graph.type[i],
    })
  }
  const addEdges = (list, kind) => {
    for (let k = 0; k + 1 < list.length; k += 2) {
      const a = String(list[k])
      const b = String(list[k + 1])
      if (!model.hasEdge(a, b)) model.addEdge(a, b, { kind, a: list[k], b: list[k + 1] })
    }
  }
  addEdges(data.links, 'link')
  addEdges(data.next, 'next')

  const renderer = new SigmaClass(model, box, {
    renderLabels: true,
    labelRenderedSizeThreshold: small ? 0 : 7,
    labelDensity: small ? 1 : 0.5,
    labelGridCellSize: small ? 60 : 100,
    labelFont: getComputedStyle(box).fontFamily || 'sans-serif',
    labelSize: 13,
    labelColor: { color: colours.label },
    hideEdgesOnMove: !small,
    zIndex: true,
    minCameraRatio: 0.01,
    maxCameraRatio: 4,
    stagePadding: 24,
    defaultDrawNodeHover: drawHover(() => colours),
    nodeReducer(node, attributes) {
      const i = Number(node)
      const kept = graph.kept(view)
      const shown = { ...attributes, color: attributes.kind === 'i' ? colours.inquiry : colours.note }
      if (kept && !kept[i]) return { ...shown, hidden: true }
      if (i === focus)
        Object.assign(shown, { color: colours.current, size: attributes.size + 5, highlighted: true, forceLabel: true, zIndex: 2, label: attributes.full })
      if (i === view.selected) Object.assign(shown, { highlighted: true, forceLabel: true, zIndex: 3, size: attributes.size + 3, label: attributes.full })
      return shown
    },
    edgeReducer(edge, attributes) {
      // A large graph's links, all drawn, are a grey fog over the folders: it draws those of the marked documents
      // (hovered, chosen in the search, or this page's), and all of them only when asked.
      const touches = (i) => i >= 0 && (attributes.a === i || attributes.b === i)
      if (!small && !view.allLinks && !touches(view.hovered) && !touches(view.selected) && !touches(focus)) return { ...attributes, hidden: true }
      return { ...attributes, color: attributes.kind === 'next' ? colours.next : view.allLinks ? colours.faintEdge : colours.edge, size: small ? 1.5 : 0.8 }
    },
  })
  box.tabIndex = 0
  box.setAttribute('role', 'img')
  box.setAttribute(
    'aria-label',
    `Drawing of the graph: ${number.format(graph.count)} documents as dots, grouped by folder, joined by their links. The search below is its text equivalent.`,
  )
  box.setAttribute('aria-describedby', 'graph-help')

  const camera = renderer.getCamera()
  // Names are drawn to the right of their dots: a small graph starts framed so that every name fits too.
  const home = small ? framedWithNames(renderer, model, box) : { x: 0.5, y: 0.5, ratio: 1, angle: 0 }
  const level = document.getElementById('graph-zoom-level')
  const showLevel = () => {
    if (level) level.textContent = `Zoom ${Math.round((100 * home.ratio) / camera.ratio)} %`
  }
  camera.on('updated', showLevel)
  const centreOn = (i, ratio) => {
    const at = renderer.getNodeDisplayData(String(i))
    if (at) camera.animate({ x: at.x, y: at.y, ratio: ratio ?? Math.min(camera.ratio, small ? 0.8 : 0.12) }, { duration: 300 })
  }
  renderer.on('clickNode', ({ node }) => {
    location.href = graph.href[Number(node)]
  })
  renderer.on('enterNode', ({ node }) => {
    box.classList.add('pointing')
    view.hovered = Number(node)
    if (!small) renderer.refresh({ skipIndexation: true })
  })
  renderer.on('leaveNode', () => {
    box.classList.remove('pointing')
    view.hovered = -1
    if (!small) renderer.refresh({ skipIndexation: true })
  })
  const allLinks = document.getElementById('graph-all-links')
  if (allLinks && !small) {
    allLinks.closest('.graph-links').hidden = false
    allLinks.addEventListener('change', () => {
      view.allLinks = allLinks.checked
      renderer.refresh({ skipIndexation: true })
    })
  }
  folderLabels(box, graph, renderer)

  const reset = () => camera.animate(home, { duration: 300 })
  const zoom = (factor) => camera.animate({ ratio: Math.min(4, Math.max(0.01, camera.ratio / factor)) }, { duration: 200 })
  document.getElementById('graph-zoom-in')?.addEventListener('click', () => zoom(1.6))
  document.getElementById('graph-zoom-out')?.addEventListener('click', () => zoom(1 / 1.6))
  document.getElementById('graph-zoom-reset')?.addEventListener('click', reset)
  box.addEventListener('keydown', (event) => {
    const step = 0.15 * camera.ratio
    const moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] }
    if (event.key === '+' || event.key === '=') zoom(1.6)
    else if (event.key === '-' || event.key === '_') zoom(1 / 1.6)
    else if (event.key === '0') reset()
    else if (moves[event.key]) {
      const [dx, dy] = moves[event.key]
      camera.animate({ x: camera.x + dx, y: camera.y + dy }, { duration: 120 })
    } else return
    event.preventDefault()
  })
  // Light and dark: the colours follow the page's scheme when it changes.
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
    colours = palette(box)
    renderer.setSetting('labelColor', { color: colours.label })
    renderer.refresh()
  })
  const focusAt = focus >= 0 ? renderer.getNodeDisplayData(String(focus)) : undefined
  camera.setState(focusAt ? { x: focusAt.x, y: focusAt.y, ratio: small ? 0.9 : 0.1 } : home)
  showLevel()
  return {
    /** Show one document: marked, named, and centred. */
    select(i) {
      view.selected = i
      renderer.refresh({ skipIndexation: true })
      if (i >= 0) centreOn(i)
    },
    /** The filters changed: redraw, and fit the documents they keep. */
    filtered() {
      view.selected = -1
      renderer.refresh({ skipIndexation: true })
      const kept = graph.kept(view)
      if (!kept) return reset()
      let minX = Infinity
      let minY = Infinity
      let maxX = -Infinity
      let maxY = -Infinity
      for (let i = 0; i < graph.count; i++) {
        if (!kept[i]) continue
        const at = renderer.getNodeDisplayData(String(i))
        if (!at) continue
        minX = Math.min(minX, at.x)
        maxX = Math.max(maxX, at.x)
        minY = Math.min(minY, at.y)
        maxY = Math.max(maxY, at.y)
      }
      if (minX === Infinity) return
      camera.animate(
        { x: (minX + maxX) / 2, y: (minY + maxY) / 2, ratio: Math.max(0.02, Math.min(1, 1.3 * Math.max(maxX - minX, maxY - minY))) },
        { duration: 300 },
      )
    },
  }
}

/**
 * The folders' names over their clusters (an overlay of plain text, hidden
 * from assistive technology: the lists name the folders). A name is shown
 * where it fits under its cluster.
 */
function folderLabels(box, graph, renderer) {
  const { data } = graph
  const boxes = data.folders.map(() => ({ minX: Infinity, maxX: -Infinity, minY: Infinity, n: 0 }))
  for (let i = 0; i < graph.count; i++) {
    if (graph.type[i] === 'i') continue
    const b = boxes[data.nodes.folder[i]]
    b.minX = Math.min(b.minX, data.nodes.x[i])
    b.maxX = Math.max(b.maxX, data.nodes.x[i])
    b.minY = Math.min(b.minY, -data.nodes.y[i])
    b.n++
  }
  const layer = document.createElement('div')
  layer.className = 'graph-folder-labels'
  layer.setAttribute('aria-hidden', 'true')
  const labels = []
  data.folders.forEach((folder, f) => {
    const b = boxes[f]
    if (b.n < 2 || folder.slug === '') return
    const label = document.createElement('span')
    label.textContent = graph.folderPath[f]
    layer.append(label)
    labels.push({ label, b, f })
  })
  box.append(layer)
  // Each name's width, measured once: a name is shown only where it fits under its cluster.
  for (const entry of labels) entry.width = entry.label.offsetWidth
  const place = () => {
    for (const { label, b, width: needed } of labels) {
      const left = renderer.graphToViewport({ x: b.minX, y: b.minY })
      const right = renderer.graphToViewport({ x: b.maxX, y: b.minY })
      const width = right.x - left.x
      const shown = width + 16 >= needed
      label.hidden = !shown
      if (shown) label.style.transform = `translate(${Math.round((left.x + right.x) / 2)}px, ${Math.round(left.y + 4)}px) translateX(-50%)`
    }
  }
  renderer.on('afterRender', place)
  place()
}

/** A title cut to about `length` characters, at a word where it can be. */
/**
 * The camera that shows every dot of a small graph and the whole name drawn
 * to its right. Names keep their size as the camera zooms out while the
 * distances between dots shrink, so the least zoom at which dots and names
 * fit in the box, with a margin, is searched for; the view is then centred
 * on what it shows.
 */
function framedWithNames(renderer, model, box) {
  const start = { x: 0.5, y: 0.5, ratio: 1, angle: 0 }
  const context = document.createElement('canvas').getContext('2d')
  const margin = 16
  const width = box.clientWidth - 2 * margin
  const height = box.clientHeight - 2 * margin
  if (!context || width <= 0 || height <= 0 || model.order === 0) return start
  const settings = renderer.getSettings()
  context.font = `${settings.labelSize}px ${settings.labelFont}`
  const names = new Map()
  model.forEachNode((node, attributes) => names.set(node, context.measureText(attributes.label).width))
  /** The box around dots and names, in pixels of the view, when the camera is at `ratio`. */
  const extent = (ratio) => {
    const cameraState = { ...start, ratio }
    const around = { left: Infinity, right: -Infinity, top: Infinity, bottom: -Infinity }
    model.forEachNode((node, attributes) => {
      const at = renderer.graphToViewport({ x: attributes.x, y: attributes.y }, { cameraState })
      const size = attributes.size
      around.left = Math.min(around.left, at.x - size)
      around.right = Math.max(around.right, at.x + size + 4 + names.get(node))
      around.top = Math.min(around.top, at.y - size)
      around.bottom = Math.max(around.bottom, at.y + size)
    })
    return around
  }
  const fits = (around) => around.right - around.left <= width && around.bottom - around.top <= height
  // Past two and a half, a small graph's dots crowd into a knot: names that still do not fit are cut by the box's edge.
  const most = 2.5
  let low = 1
  let high = 1
  while (!fits(extent(high)) && high < most) high = Math.min(most, high * 2)
  // Twelve halvings find the least zoom-out that fits to within a fraction of a percent.
  for (let step = 0; step < 12 && high > 1; step++) {
    const middle = (low + high) / 2
    if (fits(extent(middle))) high = middle
    else low = middle
  }
  const around = extent(high)
  const centre = renderer.viewportToFramedGraph(
    { x: (around.left + around.right) / 2, y: (around.top + around.bottom) / 2 },
    { cameraState: { ...start, ratio: high } },
  )
  return { x: centre.x, y: centre.y, ratio: high, angle: 0 }
}

function shorten(title, length) {
  if (title.length <= length) return title
  const cut = title.slice(0, length - 1)
  const space = cut.lastIndexOf(' ')
  return `${(space > length / 2 ? cut.slice(0, space) : cut).trimEnd()}…`
}

/** Sigma's hover label, in the page's colours (its own is always white). */
function drawHover(colours) {
  return (context, data, settings) => {
    const { label: text, labelBackground } = colours()
    const size = settings.labelSize
    context.font = `${settings.labelWeight} ${size}px ${settings.labelFont}`
    const label = typeof data.label === 'string' ? data.label : ''
    const width = context.measureText(label).width + 10
    const x = data.x + data.size + 3
    const y = data.y - size / 2 - 4
    context.fillStyle = labelBackground
    context.strokeStyle = text
    context.lineWidth = 1
    context.beginPath()
    context.rect(x, y, width, size + 8)
    context.fill()
    context.stroke()
    context.beginPath()
    context.arc(data.x, data.y, data.size + 2, 0, Math.PI * 2)
    context.stroke()
    context.fillStyle = text
    context.fillText(label, x + 5, data.y + size / 3)
  }
}

/** The filters: a select each for folder, tag and inquiring line, filled from the data. */
function setUpFilters(graph, view, changed) {
  const { data } = graph
  const fill = (id, options, key) => {
    const select = document.getElementById(id)
    if (!select) return
    for (const [value, label] of options) {
      const option = document.createElement('option')
      option.value = String(value)
      option.textContent = label
      select.append(option)
    }
    select.disabled = false
    select.addEventListener('change', () => {
      view[key] = select.value === '' ? -1 : Number(select.value)
      changed()
    })
  }
  const folderCounts = new Int32Array(data.folders.length)
  for (let i = 0; i < graph.count; i++) for (let f = data.nodes.folder[i]; f >= 0; f = data.folders[f].parent) folderCounts[f]++
  fill(
    'graph-folder',
    data.folders.flatMap((folder, f) => (folder.slug === '' ? [] : [[f, `${graph.folderPath[f]} (${number.format(folderCounts[f])})`]])),
    'folder',
  )
  fill(
    'graph-tag',
    data.tags.map((tag, t) => [t, `${tag.label} (${number.format(tag.nodes.length)})`]),
    'tag',
  )
  fill(
    'graph-inquiry',
    data.inquiries.map((entry, q) => [q, graph.title[entry.node]]),
    'inquiry',
  )
}

/** The search over every document: a field and a list of links, driven by the keyboard. */
function setUpFinder(graph, view, drawing) {
  const section = document.getElementById('graph-finder')
  const field = document.getElementById('graph-find')
  const list = document.getElementById('graph-results')
  const counter = document.getElementById('graph-find-count')
  const shown = 50
  section.hidden = false
  const refresh = () => {
    const words = field.value.toLowerCase().split(/\s+/).filter(Boolean)
    const kept = graph.kept(view)
    const matches = []
    let total = 0
    for (let i = 0; i < graph.count; i++) {
      if (kept && !kept[i]) continue
      const title = graph.lowerTitles[i]
      if (!words.every((word) => title.includes(word))) continue
      total++
      if (matches.length < shown) matches.push(i)
    }
    list.replaceChildren(
      ...matches.map((i) => {
        const item = document.createElement('li')
        const link = document.createElement('a')
        link.href = graph.href[i]
        link.textContent = graph.title[i]
        link.dataset.node = String(i)
        const where = document.createElement('span')
        where.className = 'graph-where'
        const folder = graph.folderPath[graph.data.nodes.folder[i]]
        where.textContent = `${graph.type[i] === 'i' ? 'inquiring line' : 'note'}${folder ? ` in ${folder}` : ''}`
        item.append(link, ' ', where)
        return item
      }),
    )
    counter.textContent =
      total === 0
        ? 'No document matches.'
        : total <= shown
          ? `${number.format(total)} ${total === 1 ? 'document' : 'documents'}.`
          : `${number.format(total)} documents; the first ${shown} are listed. Type more of a title to narrow them.`
  }
  let timer = 0
  field.addEventListener('input', () => {
    clearTimeout(timer)
    timer = setTimeout(refresh, 120)
  })
  const links = () => [...list.querySelectorAll('a')]
  field.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown') {
      links()[0]?.focus()
      event.preventDefault()
    }
  })
  list.addEventListener('keydown', (event) => {
    const all = links()
    const at = all.indexOf(document.activeElement)
    if (at < 0) return
    const to = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: all.length - 1 }[event.key]
    if (event.key === 'Escape' || (event.key === 'ArrowUp' && at === 0)) {
      field.focus()
      event.preventDefault()
    } else if (to !== undefined && all[to]) {
      all[to].focus()
      event.preventDefault()
    }
  })
  const show = (event) => {
    const link = event.target.closest?.('a[data-node]')
    if (link && drawing) drawing.select(Number(link.dataset.node))
  }
  list.addEventListener('focusin', show)
  list.addEventListener('mouseover', show)
  refresh()
  return { refresh }
}
