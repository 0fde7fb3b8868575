/**
 * The full-graph page: every document and how they link, drawn when the
 * library is small enough, and always listed by inquiry.
 */
import type { ElementContent, Root } from 'hast'
import { h } from 'hastscript'
import { graphList, graphSvg } from './graph-drawing.js'
import { layout } from './layout.js'
import { count, section } from './parts.js'
import type { GraphPageProps } from './props.js'

/** Render the graph page. */
export function graphPage(props: GraphPageProps): Root {
  const main: ElementContent[] = [
    h('h1', 'Graph'),
    h('p', { className: ['summary'] }, `${count(props.documentCount, 'document', 'documents')} and ${count(props.connectionCount, 'link', 'links')} between them.`),
  ]
  if (props.drawing) main.push(h('div', { className: ['graph-figure', 'full'] }, [graphSvg(props.drawing)]))
  else if (props.documentCount > 0) main.push(h('p', `This library has more than ${props.drawLimit} documents, too many to draw legibly, so they are listed by inquiring line instead.`))
  main.push(
    section(
      'graph-lines',
      ['By inquiring line'],
      props.groups.flatMap((group) => [
        h('h3', { className: ['graph-group'] }, group.inquiry ? [...(group.inquiry.number !== undefined ? [h('span', { className: ['graph-badge'] }, String(group.inquiry.number)), ' '] : []), h('a', { href: group.inquiry.href }, group.inquiry.title)] : ['Notes no inquiring line cites']),
        group.notes.length > 0 ? graphList(group.notes) : h('p', { className: ['empty'] }, group.empty ?? 'None.'),
      ]),
      'graph-groups',
    ),
  )
  return layout(props.layout, [h('div', { className: ['graph-page'] }, main)])
}
