/**
 * A graph drawing (SVG laid out at build time) and its numbered lists.
 *
 * Each node is an SVG link with a `<title>` (its accessible name and
 * tooltip), numbered like the entry for the same document in the list
 * beside it, so the drawing works by mouse, by keyboard (each node is a
 * link in tab order) and, through the lists, with a screen reader. Colours
 * come from the stylesheet (classes only), so light and dark both work.
 */
import type { Element, ElementContent } from 'hast'
import { h, s } from './elements.js'
import type { GraphDrawingProps, GraphListItemProps, GraphNodeProps } from './props.js'

/** "note", "inquiring line". */
export function kindName(type: 'note' | 'inquiry'): string {
  return type === 'inquiry' ? 'inquiring line' : 'note'
}

/** The shape of a node: a circle for a note, a square for an inquiry. */
function shape(type: 'note' | 'inquiry', x: number, y: number, size: number): Element {
  if (type === 'note') return s('circle', { className: ['graph-shape'], cx: x, cy: y, r: size })
  const side = size * 1.8
  return s('rect', { className: ['graph-shape'], x: round(x - side / 2), y: round(y - side / 2), width: round(side), height: round(side), rx: 3 })
}

/** Pixels per unit of a drawing at its natural size. */
const drawingScale = 1.25

function round(value: number): number {
  return Math.round(value * 10) / 10
}

function node(props: GraphNodeProps): Element {
  return s('a', { href: props.href, className: ['graph-node', props.type] }, [
    s('title', `${props.number}. ${props.title} (${kindName(props.type)})`),
    shape(props.type, props.x, props.y, 11),
    s('text', { className: ['graph-number'], x: props.x, y: props.y, textAnchor: 'middle', dominantBaseline: 'central' }, String(props.number)),
    label(props),
  ])
}

/** The node's name beside it, away from the centre of the drawing. */
function label(props: GraphNodeProps): Element {
  return s(
    'text',
    { className: ['graph-label'], x: props.label.x, y: props.label.y, textAnchor: props.label.anchor, dominantBaseline: 'central' },
    props.label.text,
  )
}

/** Where a place of the drawing is: 0 for the centre, n for the nth node. */
function placeOf(props: GraphDrawingProps, place: number): { readonly x: number; readonly y: number } {
  return place === 0 ? (props.centre ?? { x: 0, y: 0 }) : props.nodes[place - 1]!
}

/** The SVG of a drawing. */
export function graphSvg(props: GraphDrawingProps): Element {
  const [minX, minY, width, height] = props.viewBox
  const children: ElementContent[] = [
    s('title', { id: `${props.id}-title` }, props.title),
    s('desc', { id: `${props.id}-desc` }, props.description),
    s(
      'g',
      { className: ['graph-edges'], ariaHidden: 'true' },
      props.edges.map((edge) => {
        const from = placeOf(props, edge.from)
        const to = placeOf(props, edge.to)
        return s('line', { className: ['graph-edge', edge.kind], x1: from.x, y1: from.y, x2: to.x, y2: to.y })
      }),
    ),
  ]
  if (props.centre) {
    children.push(
      s('g', { className: ['graph-node', 'current', props.centre.type], ariaHidden: 'true' }, [
        s('title', `This page: ${props.centre.title}`),
        shape(props.centre.type, props.centre.x, props.centre.y, 15),
      ]),
    )
  }
  children.push(...props.nodes.map(node))
  return s(
    'svg',
    {
      className: ['graph-drawing'],
      id: props.id,
      viewBox: `${minX} ${minY} ${width} ${height}`,
      // Drawn a little larger than its units; the stylesheet shrinks it to fit narrow screens.
      width: round(width * drawingScale),
      height: round(height * drawingScale),
      role: 'group',
      ariaLabelledBy: `${props.id}-title`,
      ariaDescribedBy: `${props.id}-desc`,
    },
    children,
  )
}

/**
 * A list of documents: each numbered as in the drawing (an inquiry's
 * sources keep their numbers from its Sources list) when the entries have
 * numbers, else plain.
 */
export function graphList(items: readonly GraphListItemProps[]): Element {
  const numbered = items.length > 0 && items[0]!.number !== undefined
  const entries = items.map((item) =>
    h('li', { className: ['graph-entry', item.type], value: numbered ? item.number : undefined }, [
      h('a', { href: item.href }, item.title),
      ' ',
      h('span', { className: ['graph-relation'] }, item.relation ? `${kindName(item.type)} · ${item.relation}` : kindName(item.type)),
    ]),
  )
  return numbered ? h('ol', { className: ['graph-list'] }, entries) : h('ul', { className: ['graph-list'] }, entries)
}
