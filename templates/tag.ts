/**
 * Tags: the page of one tag (every document carrying it) and the index of
 * every tag. Also the list of a document's tags, shown on its page.
 */
import type { Element, Root } from 'hast'
import { h } from './elements.js'
import { layout } from './layout.js'
import { cardList, count } from './parts.js'
import type { TagIndexPageProps, TagLink, TagPageProps } from './props.js'

/** A document's tags, each a link to its tag's page. */
export function tagList(tags: readonly TagLink[]): Element {
  return h(
    'ul',
    { className: ['tags'] },
    tags.map((tag) => h('li', [h('a', { href: tag.href }, tag.label)])),
  )
}

/** Render the page of one tag: the text of the note describing it, if any, then what carries it. */
export function tagPage(props: TagPageProps): Root {
  return layout(props.layout, [
    h('div', { className: ['tag-page'] }, [
      h('p', { className: ['kind'] }, 'Tag'),
      h('h1', props.intro?.title ?? props.label),
      ...(props.intro && props.intro.body.length > 0 ? [h('div', { className: ['prose'] }, [...props.intro.body])] : []),
      h('p', { className: ['summary'] }, [
        `${count(props.documents.length, 'document carries', 'documents carry')} this tag. `,
        h('a', { href: props.indexHref }, 'See every tag'),
        '.',
      ]),
      cardList(props.documents, false),
    ]),
  ])
}

/** Render the index of tags. */
export function tagIndexPage(props: TagIndexPageProps): Root {
  return layout(props.layout, [
    h('div', { className: ['tag-index'] }, [
      h('h1', 'Tags'),
      h('p', { className: ['summary'] }, `${count(props.tags.length, 'tag is', 'tags are')} used in this library.`),
      h(
        'ul',
        { className: ['tag-cloud'] },
        props.tags.map((tag) =>
          h('li', [h('a', { href: tag.href }, [tag.label, ' ', h('span', { className: ['tag-count'] }, `(${count(tag.count, 'document', 'documents')})`)])]),
        ),
      ),
    ]),
  ])
}
