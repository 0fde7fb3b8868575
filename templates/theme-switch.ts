/**
 * The colour theme switch, at the foot of every page. The site follows the reader's
 * system setting (`prefers-color-scheme`); the switch turns the dark theme
 * on or off for this site and is remembered (`assets/theme.js`). Without
 * script it stays hidden and the system setting applies.
 */
import type { Element } from 'hast'
import { h } from './elements.js'

/** The switch: a toggle button, "Dark theme", pressed while the dark theme shows. */
export function themeSwitch(): Element {
  return h('button', { type: 'button', className: ['theme-switch'], ariaPressed: 'false', hidden: true, dataThemeSwitch: '' }, [
    h('span', { className: ['theme-icon'], ariaHidden: 'true' }),
    'Dark theme',
  ])
}
