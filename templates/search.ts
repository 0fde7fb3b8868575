/**
 * The search field in every page's header, and the panel its results
 * appear in. `assets/search.js` brings it to life; it loads the index only
 * when the reader starts to search.
 *
 * It is a search landmark, not a form: nothing is submitted (Enter opens
 * the first result), so there is no submit button to offer. Without
 * JavaScript it is not shown (`@media (scripting: none)` in the
 * stylesheet).
 */
import type { Element } from 'hast'
import { h } from './elements.js'

/** The search field and its results panel. */
export function searchForm(): Element {
  return h('div', { className: ['site-search'], role: 'search', dataQuireSearch: '' }, [
    h('label', { className: ['visually-hidden'], htmlFor: 'quire-search' }, 'Search notes and inquiry lines'),
    h('input', {
      type: 'search',
      id: 'quire-search',
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
