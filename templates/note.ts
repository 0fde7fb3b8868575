/**
 * A note: a question-titled claim, its summary, its body, and who cites it.
 */
import type { Element, ElementContent, Root } from 'hast'
import { h } from './elements.js'
import { layout } from './layout.js'
import { localGraphSection } from './local-graph.js'
import { folderListing } from './navigation.js'
import { cardList, section } from './parts.js'
import type { NotePageProps, PaperLink } from './props.js'
import { tagList } from './tag.js'
import { tableOfContents } from './toc.js'

/** Render a note page. */
export function notePage(props: NotePageProps): Root {
  const meta: ElementContent[] = []
  if (props.date) meta.push(h('span', { className: ['written'] }, ['Written ', h('time', { dateTime: props.date.replace(/^~/, '') }, props.date)]))
  if (props.updated) meta.push(h('span', { className: ['updated'] }, ['Updated ', h('time', { dateTime: props.updated.replace(/^~/, '') }, props.updated)]))
  meta.push(h('span', { className: ['reading-time'] }, `${props.readingMinutes} min read`))
  if (props.tagLinks.length > 0) meta.push(tagList(props.tagLinks))

  const parts: ElementContent[] = [h('p', { className: ['kind'] }, 'Note'), h('h1', props.title)]
  if (props.summary !== undefined) parts.push(h('p', { className: ['summary'] }, props.summary))
  if (meta.length > 0) parts.push(h('div', { className: ['meta'] }, meta))
  if (props.toc.length > 0) parts.push(tableOfContents(props.toc))
  if (props.body.length > 0) parts.push(h('div', { className: ['prose'] }, [...props.body]))
  // A note whose address is a folder's is that folder's page: its listing follows the text.
  if (props.folder) parts.push(h('div', { className: ['folder-page'] }, folderListing(props.folder)))
  if (props.papers.length > 0) {
    parts.push(section('papers', ['Papers'], [h('ul', { className: ['papers'] }, props.papers.map(paperItem))], 'papers'))
  }
  if (props.backs.length > 0) {
    parts.push(
      section(
        'backs',
        ['Claims this note supports'],
        [
          h(
            'ul',
            { className: ['claims'] },
            props.backs.map((claim) =>
              h('li', { className: ['claim'] }, [
                h('p', { className: ['claim-text'] }, [...claim.text, ' ', h('time', { dateTime: claim.date.dateTime }, `(${claim.date.text})`)]),
                h('p', { className: ['claim-support'] }, ['In ', h('a', { href: claim.inquiry.href }, claim.inquiry.title)]),
              ]),
            ),
          ),
        ],
        'backs',
      ),
    )
  }
  parts.push(
    section(
      'cited-by',
      ['Cited by'],
      props.citedBy.length > 0 ? [cardList(props.citedBy, false)] : [h('p', { className: ['empty'] }, 'No inquiry or note links here yet.')],
      'cited-by',
    ),
  )
  if (props.localGraph) parts.push(localGraphSection(props.localGraph))
  return layout(props.layout, [h('article', { className: ['document', 'note'] }, parts)])
}

/** A cited paper: its title when the library gives one (as the papers page does), then its id and date. */
function paperItem(paper: PaperLink): Element {
  if (!paper.title) return h('li', [h('a', { href: paper.href }, `arXiv:${paper.id}`), paper.date ? ` (${paper.date})` : ''])
  return h('li', [
    h('a', { href: paper.href }, paper.title),
    h('span', { className: ['paper-id'] }, [` arXiv:${paper.id}`, paper.date ? ` (${paper.date})` : '']),
  ])
}
