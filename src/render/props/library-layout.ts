/**
 * The whole library's layout, worked out when the site is built, for the
 * drawing on `graph/`: every folder is a cluster, every document a point in
 * its folder's cluster.
 *
 * Cheap and deterministic, with no randomness and no iteration over pairs
 * of documents:
 * 1. Inside a cluster the documents take the seats of a sunflower
 *    (phyllotaxis: seat k at distance √k from the centre, turned by the
 *    golden angle), which fills a disc evenly whatever the count. The
 *    most connected documents take the seats nearest the centre.
 * 2. Refinement: a few passes that let each document trade seats with the
 *    one whose seat is nearest to the mean of its neighbours in the
 *    cluster, when that shortens both documents' links. Each pass is one
 *    walk over the edges plus a lookup in a grid of seats.
 * 3. The clusters (discs) are packed in rows, in folder order, so a
 *    folder sits beside its sub-folders.
 *
 * Coordinates are whole numbers (one unit is a tenth of the distance
 * between neighbouring seats), so the bytes do not depend on the last bit
 * of a cosine. O(documents + edges) per pass, plus sorting.
 */

/** What the layout reads: each document's cluster, and the connections. */
export interface LibraryLayoutInput {
  /** The cluster of each document (an index into the clusters, in drawing order). */
  readonly cluster: readonly number[]
  /** How many clusters there are. */
  readonly clusterCount: number
  /** Connections as pairs of document indices: `[a0, b0, a1, b1, …]`. */
  readonly edges: readonly number[]
}

/** Where each document is drawn, and where each cluster's disc is. */
export interface LibraryLayout {
  readonly x: Int32Array
  readonly y: Int32Array
  /** Each cluster's centre and radius, in the same units. */
  readonly clusters: readonly { readonly x: number; readonly y: number; readonly r: number }[]
  /** The extent of the drawing: every point lies in `[0, width] × [0, height]`. */
  readonly width: number
  readonly height: number
}

/** Distance between neighbouring seats, in layout units. */
const seat = 10
/** Space between clusters, in layout units. */
const gutter = 4 * seat
/** The golden angle, in radians. */
const goldenAngle = Math.PI * (3 - Math.sqrt(5))
/** How many passes of seat trading (each is cheap). */
const refinementPasses = 3

/** Lay out the library (see the module comment). */
export function layoutLibrary(input: LibraryLayoutInput): LibraryLayout {
  const count = input.cluster.length
  const degree = new Int32Array(count)
  for (let i = 0; i + 1 < input.edges.length; i += 2) {
    degree[input.edges[i]!]!++
    degree[input.edges[i + 1]!]!++
  }
  // Members of each cluster, most connected first (ties by index, so the order is total).
  const members: number[][] = Array.from({ length: input.clusterCount }, () => [])
  for (let i = 0; i < count; i++) members[input.cluster[i]!]!.push(i)
  for (const list of members) list.sort((a, b) => degree[b]! - degree[a]! || a - b)

  // Seats relative to each cluster's centre.
  const seatOf = new Int32Array(count)
  const localX = new Float64Array(count)
  const localY = new Float64Array(count)
  const radii: number[] = []
  const seatTable = sunflower(Math.max(0, ...members.map((list) => list.length)))
  members.forEach((list, c) => {
    list.forEach((doc, k) => {
      seatOf[doc] = k
      localX[doc] = seatTable.x[k]!
      localY[doc] = seatTable.y[k]!
    })
    radii[c] = list.length === 0 ? 0 : Math.ceil(seat * Math.sqrt(list.length) + seat)
  })
  refine(input, members, seatOf, localX, localY, seatTable)

  const centres = packRows(radii)
  const x = new Int32Array(count)
  const y = new Int32Array(count)
  for (let i = 0; i < count; i++) {
    const centre = centres.at[input.cluster[i]!]!
    x[i] = Math.round(centre.x + localX[i]!)
    y[i] = Math.round(centre.y + localY[i]!)
  }
  return { x, y, clusters: centres.at.map((at, c) => ({ x: at.x, y: at.y, r: radii[c]! })), width: centres.width, height: centres.height }
}

/** The first `n` seats of a sunflower, centred on 0. */
function sunflower(n: number): { x: Float64Array; y: Float64Array } {
  const x = new Float64Array(n)
  const y = new Float64Array(n)
  for (let k = 0; k < n; k++) {
    const r = seat * Math.sqrt(k + 0.5)
    const angle = k * goldenAngle
    // Rounded to whole units here, so everything after is integer arithmetic.
    x[k] = Math.round(r * Math.cos(angle))
    y[k] = Math.round(r * Math.sin(angle))
  }
  return { x, y }
}

/**
 * Trade seats inside clusters so that linked documents sit closer: each
 * document looks at the seat nearest the mean of its neighbours in the
 * same cluster and takes it when the swap shortens the pair's links.
 */
function refine(
  input: LibraryLayoutInput,
  members: readonly number[][],
  seatOf: Int32Array,
  localX: Float64Array,
  localY: Float64Array,
  seats: { x: Float64Array; y: Float64Array },
): void {
  const count = input.cluster.length
  // Each document's neighbours in its own cluster, as a compact adjacency list.
  const start = new Int32Array(count + 1)
  for (let i = 0; i + 1 < input.edges.length; i += 2) {
    const a = input.edges[i]!
    const b = input.edges[i + 1]!
    if (a === b || input.cluster[a] !== input.cluster[b]) continue
    start[a + 1]!++
    start[b + 1]!++
  }
  for (let i = 0; i < count; i++) start[i + 1]! += start[i]!
  const next = start.slice(0, count)
  const adjacent = new Int32Array(start[count]!)
  for (let i = 0; i + 1 < input.edges.length; i += 2) {
    const a = input.edges[i]!
    const b = input.edges[i + 1]!
    if (a === b || input.cluster[a] !== input.cluster[b]) continue
    adjacent[next[a]!++] = b
    adjacent[next[b]!++] = a
  }
  const pull = (doc: number, px: number, py: number): number => {
    let sum = 0
    for (let j = start[doc]!; j < start[doc + 1]!; j++) {
      const other = adjacent[j]!
      const dx = localX[other]! - px
      const dy = localY[other]! - py
      sum += Math.sqrt(dx * dx + dy * dy)
    }
    return sum
  }
  /** Are two documents linked? (A swap between them would be measured wrongly, and changes little.) */
  const linked = (a: number, b: number): boolean => {
    for (let j = start[a]!; j < start[a + 1]!; j++) if (adjacent[j] === b) return true
    return false
  }
  const grids = members.map((list) => (list.length < 3 ? undefined : SeatGrid.of(list, seatOf, seats)))
  for (let pass = 0; pass < refinementPasses; pass++) {
    members.forEach((list, c) => {
      const grid = grids[c]
      if (!grid) return
      for (const doc of list) {
        const links = start[doc + 1]! - start[doc]!
        if (links === 0) continue
        let mx = 0
        let my = 0
        for (let j = start[doc]!; j < start[doc + 1]!; j++) {
          mx += localX[adjacent[j]!]!
          my += localY[adjacent[j]!]!
        }
        const target = grid.nearest(mx / links, my / links)
        if (target === undefined || target === doc || linked(doc, target)) continue
        const before = pull(doc, localX[doc]!, localY[doc]!) + pull(target, localX[target]!, localY[target]!)
        const after = pull(doc, localX[target]!, localY[target]!) + pull(target, localX[doc]!, localY[doc]!)
        if (after >= before - 1e-9) continue
        grid.swap(doc, target, seatOf, localX, localY)
      }
    })
  }
}

/** A grid over one cluster's seats, to find the document at the seat nearest a point. */
class SeatGrid {
  private readonly cells = new Map<number, number[]>()
  private constructor(
    private readonly cell: number,
    /** Seat → the document sitting there. */
    private readonly occupant: Map<number, number>,
    private readonly seats: { x: Float64Array; y: Float64Array },
  ) {}

  static of(list: readonly number[], seatOf: Int32Array, seats: { x: Float64Array; y: Float64Array }): SeatGrid {
    const occupant = new Map<number, number>()
    for (const doc of list) occupant.set(seatOf[doc]!, doc)
    const grid = new SeatGrid(seat * 2, occupant, seats)
    for (const k of [...occupant.keys()].sort((a, b) => a - b)) {
      const key = grid.key(seats.x[k]!, seats.y[k]!)
      let bucket = grid.cells.get(key)
      if (!bucket) grid.cells.set(key, (bucket = []))
      bucket.push(k)
    }
    return grid
  }

  private key(x: number, y: number): number {
    return (Math.floor(x / this.cell) + 32768) * 65536 + (Math.floor(y / this.cell) + 32768)
  }

  /** The document at the seat nearest (x, y), looking in the 3×3 cells around it. */
  nearest(x: number, y: number): number | undefined {
    const cx = Math.floor(x / this.cell)
    const cy = Math.floor(y / this.cell)
    let best: number | undefined
    let bestDistance = Infinity
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const k of this.cells.get((cx + dx + 32768) * 65536 + (cy + dy + 32768)) ?? []) {
          const d = (this.seats.x[k]! - x) ** 2 + (this.seats.y[k]! - y) ** 2
          if (d < bestDistance || (d === bestDistance && k < best!)) {
            bestDistance = d
            best = k
          }
        }
      }
    }
    return best === undefined ? undefined : this.occupant.get(best)
  }

  /** Two documents trade seats. */
  swap(a: number, b: number, seatOf: Int32Array, localX: Float64Array, localY: Float64Array): void {
    const sa = seatOf[a]!
    const sb = seatOf[b]!
    seatOf[a] = sb
    seatOf[b] = sa
    this.occupant.set(sb, a)
    this.occupant.set(sa, b)
    localX[a] = this.seats.x[sb]!
    localY[a] = this.seats.y[sb]!
    localX[b] = this.seats.x[sa]!
    localY[b] = this.seats.y[sa]!
  }
}

/**
 * Pack discs of the given radii in rows, in order, each row at most about
 * as wide as a square of the discs' total area would be (a little wider:
 * screens are wider than tall), each row centred.
 */
function packRows(radii: readonly number[]): { at: { x: number; y: number }[]; width: number; height: number } {
  const area = radii.reduce((sum, r) => sum + (2 * r + gutter) ** 2, 0)
  const limit = Math.max(Math.ceil(Math.sqrt(area) * 1.3), ...radii.map((r) => 2 * r))
  const rows: number[][] = []
  let used = 0
  radii.forEach((r, c) => {
    const last = rows.at(-1)
    const width = 2 * r
    if (last && used + gutter + width <= limit) {
      last.push(c)
      used += gutter + width
    } else {
      rows.push([c])
      used = width
    }
  })
  const rowWidth = (row: number[]): number => row.reduce((sum, c) => sum + 2 * radii[c]!, 0) + gutter * (row.length - 1)
  const width = Math.max(0, ...rows.map(rowWidth))
  const at: { x: number; y: number }[] = radii.map(() => ({ x: 0, y: 0 }))
  let top = 0
  for (const row of rows) {
    const height = Math.max(...row.map((c) => 2 * radii[c]!))
    let left = Math.round((width - rowWidth(row)) / 2)
    for (const c of row) {
      at[c] = { x: left + radii[c]!, y: top + Math.round(height / 2) }
      left += 2 * radii[c]! + gutter
    }
    top += height + gutter
  }
  return { at, width, height: Math.max(0, top - gutter) }
}
