/**
 * Ways around a large library: the breadcrumb trail, the folder explorer
 * (nested `<details>`, so it works without script), a folder's listing and
 * the links between the pages of a long listing.
 */
import type { Element, ElementContent } from 'hast'
import { h } from './elements.js'
import { cardList, count, section } from './parts.js'
import type { BreadcrumbProps, ExplorerFolderProps, ExplorerProps, FolderLinkProps, FolderListingProps, PaginationProps } from './props.js'

/** Home › folder › sub-folder › this page. */
export function breadcrumbs(props: BreadcrumbProps): Element {
  return h('nav', { className: ['breadcrumbs'], ariaLabel: 'Breadcrumb' }, [
    h('ol', [
      ...props.trail.map((crumb) => h('li', [crumb.href === undefined ? h('span', crumb.label) : h('a', { href: crumb.href }, crumb.label)])),
      h('li', [h('span', { ariaCurrent: 'page' }, props.current)]),
    ]),
  ])
}

/** A folder's name, as a link to its page when it has one. */
function folderName(folder: FolderLinkProps, current = false): ElementContent {
  return folder.href === undefined ? h('span', folder.label) : h('a', { href: folder.href, ariaCurrent: current ? 'page' : undefined }, folder.label)
}

function folderCount(n: number): Element {
  return h('span', { className: ['count'] }, ` (${n})`)
}

/**
 * One folder of the explorer: open on the way to the page's folder,
 * collapsed elsewhere. The folder's link stays outside the `<summary>` (a
 * link inside a button is two controls in one); the summary is the toggle
 * beside it, named for assistive technology.
 */
function explorerFolder(folder: ExplorerFolderProps): Element {
  const label: ElementContent[] = [folderName(folder, folder.current), folderCount(folder.count)]
  if (folder.children.length === 0) return h('li', label)
  const items = folder.children.map(explorerFolder)
  if (folder.more > 0) items.push(h('li', { className: ['more'] }, `and ${count(folder.more, 'more folder', 'more folders')}`))
  return h('li', [
    ...label,
    h('details', { open: folder.open }, [h('summary', [h('span', { className: ['visually-hidden'] }, `Sub-folders of ${folder.label}`)]), h('ul', items)]),
  ])
}

/** The folder tree, under the heading `heading`. */
export function explorer(props: ExplorerProps, heading = 'Folders'): Element {
  const items = props.folders.map(explorerFolder)
  if (props.more > 0) items.push(h('li', { className: ['more'] }, `and ${count(props.more, 'more folder', 'more folders')}`))
  return h('nav', { className: ['explorer'], ariaLabelledBy: 'explorer-heading' }, [h('h2', { id: 'explorer-heading' }, heading), h('ul', items)])
}

/** Previous and next pages of a listing, and where this one is. */
export function pagination(props: PaginationProps, label: string): Element {
  return h('nav', { className: ['pagination'], ariaLabel: label }, [
    props.previous === undefined ? h('span', { className: ['pagination-edge'] }, '← Previous') : h('a', { href: props.previous, rel: 'prev' }, '← Previous'),
    h('span', { className: ['pagination-place'] }, `Page ${props.page} of ${props.pages}`),
    props.next === undefined ? h('span', { className: ['pagination-edge'] }, 'Next →') : h('a', { href: props.next, rel: 'next' }, 'Next →'),
  ])
}

/** A folder's listing: its sub-folders, then its documents, then the links to other pages. */
export function folderListing(props: FolderListingProps): ElementContent[] {
  const parts: ElementContent[] = []
  if (props.folders.length > 0) {
    parts.push(
      section(
        'folder-folders',
        ['Sub-folders'],
        [
          h(
            'ul',
            { className: ['folder-list'] },
            props.folders.map((folder) => h('li', [folderName(folder), folderCount(folder.count)])),
          ),
        ],
        'folder-folders',
      ),
    )
  }
  if (props.documents.length > 0) parts.push(section('folder-documents', ['Notes'], [cardList(props.documents, false)], 'folder-documents'))
  if (props.pagination) parts.push(pagination(props.pagination, 'Pages of this folder'))
  return parts
}
