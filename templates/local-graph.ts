/**
 * The "Nearby in the graph" section of a document's page: the drawing of
 * the documents within two links, and the same documents as lists.
 */
import type { Element, ElementContent } from 'hast'
import { h } from './elements.js'
import { graphList, graphSvg } from './graph-drawing.js'
import { section } from './parts.js'
import type { GraphListItemProps, GraphNodeProps, LocalGraphProps } from './props.js'

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

/**
 * The lists beside the drawing, made from its nodes: the documents one
 * step away, each with how it connects, then those two steps away, grouped
 * by the document they are reached through.
 */
export function localGraphLists(props: LocalGraphProps): { near: GraphListItemProps[]; far: { via: GraphListItemProps; items: GraphListItemProps[] }[] } {
  const item = (node: GraphNodeProps, relation: string | undefined): GraphListItemProps => ({
    number: node.number,
    href: node.href,
    title: node.title,
    type: node.type,
    relation,
  })
  const { nodes } = props.drawing
  const near = props.relations.map((relation, i) => item(nodes[i]!, relation))
  const far: { via: GraphListItemProps; items: GraphListItemProps[] }[] = []
  let next = props.relations.length
  for (const run of props.far) {
    far.push({ via: near[run.via]!, items: nodes.slice(next, next + run.count).map((node) => item(node, undefined)) })
    next += run.count
  }
  return { near, far }
}

/** The section, for the end of a note's or inquiry's page. */
export function localGraphSection(props: LocalGraphProps, listed?: ListedAbove): Element {
  const { near: allNear, far } = localGraphLists(props)
  const near = listed ? allNear.filter((item) => item.number === undefined || item.number > listed.count) : allNear
  const lists: ElementContent[] = [h('h3', 'Linked directly')]
  if (listed && near.length < allNear.length) {
    lists.push(
      h('p', { className: ['graph-listed'] }, [
        listed.count === 1 ? 'Node 1 is ' : `Nodes 1–${listed.count} are `,
        h('a', { href: listed.href }, listed.label),
        '.',
      ]),
    )
  }
  if (near.length > 0) lists.push(graphList(near))
  if (far.length > 0) {
    lists.push(
      h('h3', 'Two links away'),
      ...far.flatMap((group) => [
        h('p', { className: ['graph-via'] }, [`Through ${group.via.number}. `, h('span', { className: ['graph-via-title'] }, group.via.title), ':']),
        graphList(group.items),
      ]),
    )
  }
  lists.push(
    h('p', { className: ['graph-more'] }, [
      props.truncated ? `Showing the ${props.drawing.nodes.length} nearest. ` : '',
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
