/**
 * The full-graph page: the drawing (made in the browser by
 * `assets/graph.js` from `graph/data.json`), its controls, a search over
 * every document, and the lists of folders, inquiring lines and tags that
 * are its text equivalent.
 *
 * Without script the drawing's box says so, and the lists still lead to
 * every folder, inquiring line and tag. The controls and the search are
 * `hidden` until the script can use them.
 */
import type { Element, ElementContent, Root } from 'hast'
import { h } from './elements.js'
import { graphList } from './graph-drawing.js'
import { layout } from './layout.js'
import { count, section } from './parts.js'
import type { GraphFacetProps, GraphPageProps } from './props.js'

/** Counts as the page's script writes them: 10,203. */
const thousands = new Intl.NumberFormat('en')

/** Render the graph page. */
export function graphPage(props: GraphPageProps): Root {
  const main: ElementContent[] = [
    h('h1', 'Graph'),
    h(
      'p',
      { className: ['summary'] },
      `${count(props.documentCount, 'document', 'documents', thousands)} and ${count(props.connectionCount, 'link', 'links', thousands)} between them.`,
    ),
    explorer(props),
    finder(),
  ]
  main.push(
    section(
      'graph-folders',
      ['By folder'],
      facetContent(props.folders, props.leftOut.folders, 'folders', 'This library keeps every document at its top.'),
      'graph-facets',
    ),
  )
  if (props.inquiries.length > 0)
    main.push(
      section(
        'graph-inquiries',
        ['By inquiring line'],
        facetContent(props.inquiries, props.leftOut.inquiries, 'inquiring lines', '', 'source', 'sources'),
        'graph-facets',
      ),
    )
  if (props.tags.length > 0) main.push(section('graph-tags', ['By tag'], facetContent(props.tags, props.leftOut.tags, 'tags', ''), 'graph-facets'))
  if (props.groups) {
    main.push(
      section(
        'graph-lines',
        ['Every document, by inquiring line'],
        props.groups.flatMap((group) => [
          h(
            'h3',
            { className: ['graph-group'] },
            group.inquiry ? [h('a', { href: group.inquiry.href }, group.inquiry.title)] : ['Notes no inquiring line cites'],
          ),
          group.notes.length > 0 ? graphList(group.notes) : h('p', { className: ['empty'] }, group.empty ?? 'None.'),
        ]),
        'graph-groups',
      ),
    )
  }
  return layout(props.layout, [h('div', { className: ['graph-page'] }, main)])
}

/** The drawing's box, its filters and zoom buttons, and the status line. */
function explorer(props: GraphPageProps): Element {
  const select = (id: string, label: string, all: string): ElementContent =>
    h('p', { className: ['graph-filter'] }, [h('label', { htmlFor: id }, label), ' ', h('select', { id, disabled: true }, [h('option', { value: '' }, all)])])
  return h('div', { className: ['graph-explorer'] }, [
    h(
      'div',
      { className: ['graph-controls'], id: 'graph-controls', hidden: true },
      [
        select('graph-folder', 'Folder', 'Every folder'),
        props.tags.length > 0 ? select('graph-tag', 'Tag', 'Every tag') : undefined,
        props.inquiries.length > 0 ? select('graph-inquiry', 'Inquiring line', 'Every inquiring line') : undefined,
        h('p', { className: ['graph-links'], hidden: true }, [
          h('input', { type: 'checkbox', id: 'graph-all-links' }),
          ' ',
          h('label', { htmlFor: 'graph-all-links' }, 'Show every link'),
        ]),
        h('p', { className: ['graph-zoom'] }, [
          h('button', { type: 'button', id: 'graph-zoom-in', ariaLabel: 'Zoom in' }, '+'),
          h('button', { type: 'button', id: 'graph-zoom-out', ariaLabel: 'Zoom out' }, '−'),
          h('button', { type: 'button', id: 'graph-zoom-reset' }, 'Whole graph'),
          h('output', { id: 'graph-zoom-level', htmlFor: 'graph-canvas' }, 'Zoom 100 %'),
        ]),
      ].filter((part) => part !== undefined),
    ),
    h(
      'div',
      {
        className: ['graph-canvas'],
        id: 'graph-canvas',
        dataData: props.canvas.dataHref,
        dataGraphology: props.canvas.graphologyHref,
        dataSigma: props.canvas.sigmaHref,
        dataRoot: props.canvas.root,
      },
      [h('p', { className: ['graph-message'] }, 'The drawing needs JavaScript. The lists below lead to every folder, inquiring line and tag.')],
    ),
    h('p', { className: ['graph-status'], id: 'graph-status', role: 'status' }),
    h('p', { className: ['graph-help'], id: 'graph-help', hidden: true }, [
      'Drag to move the drawing and scroll to zoom, or focus it and use the arrow keys, + and −. Hover over a dot to see its name and links; click it to open its page. ',
      'The search below finds any document by keyboard.',
    ]),
  ])
}

/** The search over every document: filled in by the script from the graph's data. */
function finder(): Element {
  return h('section', { className: ['graph-finder'], id: 'graph-finder', ariaLabelledBy: 'graph-finder-heading', hidden: true }, [
    h('h2', { id: 'graph-finder-heading' }, 'Find a document in the graph'),
    h('p', { className: ['graph-find'] }, [
      h('label', { htmlFor: 'graph-find' }, 'Title contains'),
      ' ',
      h('input', { type: 'search', id: 'graph-find', autocomplete: 'off', ariaDescribedBy: 'graph-find-hint', ariaControls: 'graph-results' }),
    ]),
    h(
      'p',
      { className: ['graph-find-hint'], id: 'graph-find-hint' },
      'Press the down arrow to move into the results; moving to one shows it in the drawing, Enter opens it. The filters above apply.',
    ),
    h('p', { className: ['graph-find-count'], id: 'graph-find-count', role: 'status' }),
    h('ol', { className: ['graph-results'], id: 'graph-results' }),
  ])
}

/** A list of folders, inquiring lines or tags with their counts, or what to say when there are none. */
function facetContent(
  facets: readonly GraphFacetProps[],
  leftOut: number,
  plural: string,
  empty: string,
  one = 'document',
  many = 'documents',
): ElementContent[] {
  if (facets.length === 0) return [h('p', { className: ['empty'] }, empty)]
  const items = facets.map((facet) =>
    h('li', { className: facet.depth > 0 ? ['graph-facet', `depth-${Math.min(facet.depth, 4)}`] : ['graph-facet'] }, [
      facet.href ? h('a', { href: facet.href }, facet.label) : h('span', facet.label),
      ' ',
      h('span', { className: ['graph-count'] }, count(facet.count, one, many, thousands)),
    ]),
  )
  const parts: ElementContent[] = [h('ul', { className: ['graph-facet-list'] }, items)]
  if (leftOut > 0) parts.push(h('p', { className: ['graph-more'] }, `And ${leftOut} more ${plural}.`))
  return parts
}
