/**
 * The home page: every inquiry line, then every note.
 */
import type { ElementContent, Root } from 'hast'
import { h } from 'hastscript'
import { layout } from './layout.js'
import { cardList, count, section } from './parts.js'
import type { HomePageProps } from './props.js'

/** Render the home page. */
export function homePage(props: HomePageProps): Root {
  const main: ElementContent[] = [h('h1', props.intro?.title ?? props.layout.siteTitle)]
  if (props.description) main.push(h('p', { className: ['summary'] }, props.description))
  if (props.intro && props.intro.body.length > 0) main.push(h('div', { className: ['prose'] }, [...props.intro.body]))
  // A library without inquiries yet (a vault being published as it is) gets no empty section for them.
  if (props.inquiries.length > 0 || props.notes.length === 0) {
    main.push(section('inquiries', ['Inquiring lines ', h('span', { className: ['count'] }, count(props.inquiries.length, 'line', 'lines'))], [cardList(props.inquiries, false)], 'inquiries'))
  }
  main.push(section('notes', ['Notes ', h('span', { className: ['count'] }, count(props.notes.length, 'note', 'notes'))], [cardList(props.notes, false)], 'notes'))
  // Links to notes not written yet are shown as marks; this says where they are all listed.
  if (props.unwritten) main.push(h('p', { className: ['unwritten-summary'] }, [h('a', { href: props.unwritten.href }, count(props.unwritten.count, 'note', 'notes')), props.unwritten.count === 1 ? ' is' : ' are', ' linked but not written yet.']))
  return layout(props.layout, [h('div', { className: ['home'] }, main)])
}
