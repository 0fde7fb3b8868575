/**
 * A folder's page: its `index.md` text, its sub-folders and notes, and the
 * folder tree. Also the list of every document, page by page.
 */
import type { ElementContent, Root } from 'hast'
import { h } from './elements.js'
import { layout } from './layout.js'
import { explorer, folderListing, pagination } from './navigation.js'
import { cardList, count } from './parts.js'
import type { AllNotesPageProps, FolderPageProps } from './props.js'

/** Render a folder's page (or a later page of its listing). */
export function folderPage(props: FolderPageProps): Root {
  const main: ElementContent[] = [h('p', { className: ['kind'] }, 'Folder'), h('h1', props.title)]
  const place =
    props.listing.pagination && props.listing.pagination.pages > 1 ? `, page ${props.listing.pagination.page} of ${props.listing.pagination.pages}` : ''
  main.push(h('p', { className: ['summary'] }, `${count(props.listing.total, 'note', 'notes')} in this folder and below${place}.`))
  if (props.intro) {
    main.push(h('div', { className: ['prose', 'folder-intro'] }, [...props.intro.body]))
    main.push(h('p', { className: ['folder-intro-link'] }, ['From ', h('a', { href: props.intro.href }, props.intro.title), '.']))
  }
  main.push(...folderListing(props.listing))
  main.push(explorer(props.explorer, 'All folders'))
  return layout(props.layout, [h('div', { className: ['folder-page'] }, main)])
}

/** Render a page of the list of every document. */
export function allNotesPage(props: AllNotesPageProps): Root {
  const place = props.pagination && props.pagination.pages > 1 ? ` Page ${props.pagination.page} of ${props.pagination.pages}.` : ''
  return layout(props.layout, [
    h('div', { className: ['all-notes'] }, [
      h('h1', 'All notes'),
      h('p', { className: ['summary'] }, `${count(props.total, 'note or inquiring line', 'notes and inquiring lines')}, by title.${place}`),
      cardList(props.documents, false),
      ...(props.pagination ? [pagination(props.pagination, 'Pages of the list')] : []),
    ]),
  ])
}
