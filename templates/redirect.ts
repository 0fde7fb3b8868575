/**
 * A page at an alias's address that sends readers on to the document:
 * an immediate refresh, a canonical link for search engines, and a plain
 * link for readers whose browser does not follow the refresh.
 */
import type { Root } from 'hast'
import { h } from './elements.js'
import { contentSecurityPolicy } from './layout.js'
import type { RedirectPageProps } from './props.js'

/** Render a redirect page. */
export function redirectPage(props: RedirectPageProps): Root {
  return {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: 'en' }, [
        h(
          'head',
          [
            h('meta', { charset: 'utf-8' }),
            h('meta', { httpEquiv: 'Content-Security-Policy', content: contentSecurityPolicy }),
            h('title', `${props.title} · ${props.siteTitle}`),
            h('meta', { name: 'robots', content: 'noindex' }),
            props.canonical === undefined ? undefined : h('link', { rel: 'canonical', href: props.canonical }),
            h('meta', { httpEquiv: 'refresh', content: `0; url=${props.href}` }),
          ].filter((part) => part !== undefined),
        ),
        h('body', [h('main', [h('p', ['This page is now ', h('a', { href: props.href }, props.title), '.'])])]),
      ]),
    ],
  }
}
