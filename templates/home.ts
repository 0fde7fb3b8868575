/**
 * The home page, bounded whatever the library's size: the library's
 * `index.md`, the inquiry lines, the most recently changed notes, the
 * top-level folders, and a link to the list of every note.
 */
import type { ElementContent, Root } from 'hast'
import { h } from './elements.js'
import { layout } from './layout.js'
import { explorer } from './navigation.js'
import { cardList, count, section } from './parts.js'
import type { HomePageProps } from './props.js'

/** Render the home page. */
export function homePage(props: HomePageProps): Root {
  const main: ElementContent[] = [h('h1', props.intro?.title ?? props.layout.siteTitle)]
  if (props.description) main.push(h('p', { className: ['summary'] }, props.description))
  if (props.intro && props.intro.body.length > 0) main.push(h('div', { className: ['prose'] }, [...props.intro.body]))
  // A library without inquiries yet (a vault being published as it is) gets no empty section for them.
  if (props.inquiryCount > 0 || props.allNotes.count === 0) {
    const inquiries: ElementContent[] = [cardList(props.inquiries, false)]
    if (props.inquiries.length < props.inquiryCount)
      inquiries.push(h('p', { className: ['more-link'] }, [h('a', { href: props.allNotes.href }, `See all ${props.inquiryCount} in the list of every note`)]))
    main.push(
      section('inquiries', ['Inquiring lines ', h('span', { className: ['count'] }, count(props.inquiryCount, 'line', 'lines'))], inquiries, 'inquiries'),
    )
  }
  if (props.recent.length > 0) {
    main.push(
      section(
        'recent',
        ['Recently changed'],
        [
          h(
            'ul',
            { className: ['recent'] },
            props.recent.map((entry) =>
              h('li', [h('a', { href: entry.href }, entry.title), ' ', h('time', { dateTime: entry.date.dateTime }, entry.date.text)]),
            ),
          ),
        ],
        'recent',
      ),
    )
  }
  if (props.explorer.folders.length > 0) main.push(explorer(props.explorer))
  if (props.topDocuments.length > 0) {
    const top: ElementContent[] = [cardList(props.topDocuments, false)]
    if (props.topDocuments.length < props.topDocumentCount)
      top.push(
        h('p', { className: ['more-link'] }, `and ${count(props.topDocumentCount - props.topDocuments.length, 'more', 'more')} in the list of every note.`),
      )
    main.push(section('notes', ['Notes ', h('span', { className: ['count'] }, count(props.topDocumentCount, 'note', 'notes'))], top, 'notes'))
  }
  if (props.allNotes.count > 0)
    main.push(
      h('p', { className: ['all-notes-link'] }, [
        h('a', { href: props.allNotes.href }, 'Every note and inquiring line, by title'),
        ' ',
        h('span', { className: ['count'] }, `(${props.allNotes.count})`),
      ]),
    )
  // Links to notes not written yet are shown as marks; this says where they are all listed.
  if (props.unwritten)
    main.push(
      h('p', { className: ['unwritten-summary'] }, [
        h('a', { href: props.unwritten.href }, count(props.unwritten.count, 'note', 'notes')),
        props.unwritten.count === 1 ? ' is' : ' are',
        ' linked but not written yet.',
      ]),
    )
  return layout(props.layout, [h('div', { className: ['home'] }, main)])
}
