/**
 * Every paper the library cites, with the inquiries and notes that cite it.
 */
import type { Element, ElementContent, Root } from 'hast'
import { h } from './elements.js'
import { layout } from './layout.js'
import { count } from './parts.js'
import type { PaperEntryProps, PapersPageProps } from './props.js'

/**
 * Render the papers page. Each paper's card is made by `card` (by default
 * {@link paperCard}): a caller that serializes the page may hand in each
 * card already written, so that a library's thousands of cards are never
 * all held as trees at once.
 */
export function papersPage(props: PapersPageProps, card: (paper: PaperEntryProps) => ElementContent = paperCard): Root {
  return layout(props.layout, [
    h('div', { className: ['papers-page'] }, [
      h('h1', 'Papers'),
      h('p', { className: ['summary'] }, `${count(props.papers.length, 'paper is', 'papers are')} cited in this library. Each links to its arXiv abstract.`),
      h('ul', { className: ['cards'] }, props.papers.map(card)),
    ]),
  ])
}

/** One paper's card on the papers page. */
export function paperCard(paper: PaperEntryProps): Element {
  return h(
    'li',
    { className: ['card'], id: `arxiv-${paper.id}` },
    [
      h('p', { className: ['card-title'] }, [
        h('a', { href: paper.href }, `arXiv:${paper.id}`),
        paper.date ? h('span', { className: ['paper-date'] }, ` (${paper.date})`) : '',
      ]),
      paper.title ? h('p', { className: ['paper-title'] }, paper.title) : undefined,
      h('p', { className: ['card-summary'] }, [
        'Cited by ',
        ...paper.citedBy.flatMap((doc, i) => [i > 0 ? '; ' : '', h('a', { href: doc.href }, doc.title), doc.type === 'inquiry' ? ' (inquiry)' : '']),
      ]),
    ].filter((part) => part !== undefined),
  )
}
