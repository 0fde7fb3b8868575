// The colour theme. The site follows the system setting (prefers-color-scheme)
// until the reader presses the switch in the header; the choice is kept in
// localStorage for this site. Choosing what the system already shows forgets
// the choice, so the site follows the system again. This file is loaded in
// <head> without `defer`: a chosen theme is set on <html> before the page is
// drawn, so the other theme never flashes. Without script, the switch stays
// hidden and the system setting applies.
{
  const key = 'quire-theme'
  const system = window.matchMedia('(prefers-color-scheme: dark)')
  const stored = () => {
    try {
      const value = localStorage.getItem(key)
      return value === 'dark' || value === 'light' ? value : undefined
    } catch {
      return undefined
    }
  }
  let choice = stored()

  const apply = () => {
    const root = document.documentElement
    if (choice) root.dataset.theme = choice
    else delete root.dataset.theme
    const dark = choice ? choice === 'dark' : system.matches
    for (const button of document.querySelectorAll('button[data-theme-switch]')) {
      button.setAttribute('aria-pressed', String(dark))
      button.hidden = false
    }
  }

  const choose = (dark) => {
    choice = dark === system.matches ? undefined : dark ? 'dark' : 'light'
    try {
      if (choice) localStorage.setItem(key, choice)
      else localStorage.removeItem(key)
    } catch {
      // Storage is blocked: the choice holds for this page only.
    }
    apply()
  }

  apply()
  document.addEventListener('DOMContentLoaded', apply)
  document.addEventListener('quire:page-swapped', apply)
  system.addEventListener('change', apply)
  window.addEventListener('storage', (event) => {
    if (event.key !== key) return
    choice = stored()
    apply()
  })
  document.addEventListener('click', (event) => {
    const button = event.target instanceof Element ? event.target.closest('button[data-theme-switch]') : null
    if (button) choose(button.getAttribute('aria-pressed') !== 'true')
  })
}
