/**
 * The search field in every page's header, and the panel its results
 * appear in. `assets/search.js` brings it to life; it loads the index only
 * when the reader starts to search.
 *
 * Without JavaScript the form is not shown (`@media (scripting: none)` in
 * the stylesheet); where that query is not supported, submitting it only
 * reloads the page with `?q=`, which does no harm.
 */
import type { Element } from 'hast'
import { h } from 'hastscript'

/** The search form. */
export function searchForm(): Element {
  return h('form', { className: ['site-search'], role: 'search', dataQuireSearch: '' }, [
    h('label', { className: ['visually-hidden'], htmlFor: 'quire-search' }, 'Search notes and inquiry lines'),
    h('input', {
      type: 'search',
      id: 'quire-search',
      name: 'q',
      placeholder: 'Search',
      autoComplete: 'off',
      spellCheck: 'false',
      enterKeyHint: 'search',
      ariaDescribedBy: 'quire-search-hint',
      ariaControls: 'quire-search-panel',
    }),
    h('kbd', { className: ['search-key'], ariaHidden: 'true' }, '/'),
    h(
      'p',
      { id: 'quire-search-hint', className: ['visually-hidden'] },
      'Press slash to search from anywhere. Put words in double quotes to find an exact phrase. Use the down arrow to move through the results.',
    ),
    h('p', { id: 'quire-search-status', className: ['visually-hidden'], role: 'status', ariaLive: 'polite' }),
    h('div', { id: 'quire-search-panel', className: ['search-panel'], hidden: true }, [
      h('p', { id: 'quire-search-count', className: ['search-count'] }),
      h('ul', { id: 'quire-search-results', className: ['search-results'] }),
    ]),
  ])
}
