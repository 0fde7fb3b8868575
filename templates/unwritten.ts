/**
 * The notes the library links to but nobody has written yet, most cited
 * first, each with the documents that cite it: what to write next.
 */
import type { Root } from 'hast'
import { h } from './elements.js'
import { layout } from './layout.js'
import { count } from './parts.js'
import type { UnwrittenPageProps } from './props.js'

/** Render the page of notes not written yet. */
export function unwrittenPage(props: UnwrittenPageProps): Root {
  const left = props.total - props.notes.length
  return layout(props.layout, [
    h(
      'div',
      { className: ['unwritten-page'] },
      [
        h('h1', 'Not written yet'),
        h('p', { className: ['summary'] }, `${count(props.total, 'note is', 'notes are')} linked from this library but not written yet, most cited first.`),
        h(
          'ol',
          { className: ['cards', 'unwritten-list'] },
          props.notes.map((note) => {
            const more = note.citedByCount - note.citedBy.length
            return h('li', { className: ['card'], id: note.id }, [
              h('p', { className: ['card-title'] }, [
                h('span', { className: ['unwritten-name'] }, note.name),
                ' ',
                h('span', { className: ['count'] }, `cited by ${note.citedByCount}`),
              ]),
              h('p', { className: ['card-summary'] }, [
                'Linked from ',
                ...note.citedBy.flatMap((doc, i) => [i > 0 ? '; ' : '', h('a', { href: doc.href }, doc.title), doc.type === 'inquiry' ? ' (inquiry)' : '']),
                more > 0 ? `; and ${more} more` : '',
                '.',
              ]),
            ])
          }),
        ),
        left > 0
          ? h(
              'p',
              { className: ['unwritten-more'] },
              `And ${count(left, 'more note', 'more notes')}, each linked from ${count(props.notes[props.notes.length - 1]?.citedByCount ?? 1, 'document', 'documents')} or fewer.`,
            )
          : undefined,
      ].filter((part) => part !== undefined),
    ),
  ])
}
