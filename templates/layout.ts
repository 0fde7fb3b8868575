/**
 * The frame around every page: head, skip link, header, main, footer.
 */
import type { Element, ElementContent, Root } from 'hast'
import { h } from './elements.js'
import { headMeta } from './meta.js'
import { breadcrumbs } from './navigation.js'
import type { LayoutProps } from './props.js'
import { pageMarkdownControl } from './page-markdown.js'
import { searchForm } from './search.js'
import { themeSwitch } from './theme-switch.js'

/** Content-Security-Policy for every page: no inline script, nothing from other origins but images. */
export const contentSecurityPolicy =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; object-src 'none'; base-uri 'self'; form-action 'self'"

/** Wrap a page's main content in the site's frame. */
export function layout(props: LayoutProps, main: ElementContent[]): Root {
  const html: Element = h('html', { lang: 'en' }, [
    h('head', [
      h('meta', { charset: 'utf-8' }),
      h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
      h('meta', { httpEquiv: 'Content-Security-Policy', content: contentSecurityPolicy }),
      h('title', props.documentTitle),
      h('meta', { name: 'description', content: props.description }),
      ...headMeta(props.meta, props.siteTitle),
      h('meta', { name: 'color-scheme', content: 'light dark' }),
      // Not deferred: it applies a chosen theme before the page is drawn, so no wrong theme flashes.
      h('script', { src: props.themeScriptHref }),
      h('link', { rel: 'stylesheet', href: props.stylesheetHref }),
      props.markdownHref ? h('link', { rel: 'alternate', type: 'text/markdown', href: props.markdownHref }) : undefined,
      h('script', { src: props.scriptHref, defer: true }),
      ...props.moduleHrefs.map((href) => h('script', { type: 'module', src: href })),
    ]),
    h('body', [
      h('a', { className: ['skip-link'], href: '#main' }, 'Skip to content'),
      h(
        'header',
        { className: ['site-header'] },
        [
          h('a', { className: ['site-title'], href: props.homeHref }, props.siteTitle),
          props.nav.length > 0
            ? h('nav', { ariaLabel: 'Site' }, [
                h(
                  'ul',
                  props.nav.map((link) => h('li', [h('a', { href: link.href, ariaCurrent: link.current ? 'page' : undefined }, link.label)])),
                ),
              ])
            : undefined,
          searchForm(),
        ].filter((part) => part !== undefined),
      ),
      h(
        'main',
        { id: 'main', tabIndex: -1 },
        [
          props.breadcrumbs ? breadcrumbs(props.breadcrumbs) : undefined,
          props.markdownHref ? pageMarkdownControl(props.markdownHref) : undefined,
          ...main,
        ].filter((part) => part !== undefined),
      ),
      h('footer', { className: ['site-footer'] }, [h('p', ['Published with quire']), themeSwitch()]),
    ]),
  ])
  return { type: 'root', children: [{ type: 'doctype' }, html] }
}
