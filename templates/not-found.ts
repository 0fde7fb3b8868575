/**
 * The page static hosts serve for a missing URL. Every URL in it is
 * absolute (under the site's base), so it works at any depth.
 */
import type { Root } from 'hast'
import { h } from './elements.js'
import { layout } from './layout.js'
import type { NotFoundPageProps } from './props.js'

/** Render the not-found page. */
export function notFoundPage(props: NotFoundPageProps): Root {
  return layout(props.layout, [
    h('div', { className: ['not-found'] }, [
      h('h1', 'Page not found'),
      h('p', [
        'Nothing is published at this address. It may have been renamed or removed. ',
        h('a', { href: props.layout.homeHref }, 'Go to the home page'),
        ' to find what you were looking for.',
      ]),
    ]),
  ])
}
