/**
 * The "Nearby in the graph" section of a document's page: the drawing of
 * the documents within two links, and the same documents as lists.
 */
import type { Element, ElementContent } from 'hast'
import { h } from './elements.js'
import { graphList, graphSvg } from './graph-drawing.js'
import { section } from './parts.js'
import type { LocalGraphProps } from './props.js'

/**
 * Documents drawn in the graph that the page already lists, numbered the
 * same (an inquiry's sources, 1 to `count`): the graph's list names them
 * by a link to that list instead of listing them again.
 */
export interface ListedAbove {
  readonly count: number
  readonly href: string
  readonly label: string
}

/** The section, for the end of a note's or inquiry's page. */
export function localGraphSection(props: LocalGraphProps, listed?: ListedAbove): Element {
  const near = listed ? props.near.filter((item) => item.number === undefined || item.number > listed.count) : props.near
  const lists: ElementContent[] = [h('h3', 'Linked directly')]
  if (listed && near.length < props.near.length) {
    lists.push(
      h('p', { className: ['graph-listed'] }, [
        listed.count === 1 ? 'Node 1 is ' : `Nodes 1–${listed.count} are `,
        h('a', { href: listed.href }, listed.label),
        '.',
      ]),
    )
  }
  if (near.length > 0) lists.push(graphList(near))
  if (props.far.length > 0) {
    lists.push(
      h('h3', 'Two links away'),
      ...props.far.flatMap((group) => [
        h('p', { className: ['graph-via'] }, [`Through ${group.via.number}. `, h('span', { className: ['graph-via-title'] }, group.via.title), ':']),
        graphList(group.items),
      ]),
    )
  }
  lists.push(
    h('p', { className: ['graph-more'] }, [
      props.truncated ? `Showing the ${props.near.length + props.far.reduce((n, group) => n + group.items.length, 0)} nearest. ` : '',
      h('a', { href: props.graphHref }, 'See the whole graph'),
    ]),
  )
  return section(
    'nearby',
    ['Nearby in the graph'],
    [
      h('div', { className: ['graph-layout'] }, [
        h('div', { className: ['graph-figure'] }, [graphSvg(props.drawing)]),
        h('div', { className: ['graph-lists'] }, lists),
      ]),
    ],
    'local-graph',
  )
}
