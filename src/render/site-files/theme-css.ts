/**
 * The reader's theme choice in the stylesheet. quire's stylesheet gives its
 * dark colours in `@media (prefers-color-scheme: dark)` blocks, so they
 * follow the system setting. When the reader chooses a theme on the site
 * (`assets/theme.js` sets `data-theme` on `<html>`), the stylesheet must
 * follow the choice instead. Rather than write every dark colour twice,
 * quire rewrites each such block as the stylesheet is written:
 *
 *     @media (prefers-color-scheme: dark) { :root { --bg: #111 } }
 *
 * becomes
 *
 *     @media (prefers-color-scheme: dark) { :root:where(:not([data-theme='light'])) { --bg: #111 } }
 *     :root:where([data-theme='dark']) { --bg: #111 }
 *
 * `:where()` adds no specificity, so every rule wins and loses exactly as
 * it did (a print block later in the file still overrides the dark
 * colours). A block holding anything but plain rules (a nested at-rule)
 * is left as it is.
 */

const darkMedia = /@media\s*\(\s*prefers-color-scheme\s*:\s*dark\s*\)\s*\{/g

/** `css` with every dark block following the reader's choice too (see the module comment). */
export function withThemeChoice(css: string): string {
  let out = ''
  let at = 0
  darkMedia.lastIndex = 0
  for (let match = darkMedia.exec(css); match; match = darkMedia.exec(css)) {
    const open = match.index + match[0].length
    const close = matchingBrace(css, open)
    if (close === -1) break
    const inner = css.slice(open, close)
    const rules = plainRules(inner)
    out += css.slice(at, match.index)
    if (rules === undefined) out += css.slice(match.index, close + 1)
    else {
      out += `${match[0]}${rules.map((rule) => `${scoped(rule.selector, ":where(:not([data-theme='light']))")}{${rule.body}}`).join('')}}`
      out += rules.map((rule) => `\n${scoped(rule.selector, ":where([data-theme='dark'])")}{${rule.body}}`).join('')
    }
    at = close + 1
    darkMedia.lastIndex = at
  }
  return out + css.slice(at)
}

/** Where the block opened just before `from` closes (comments and strings skipped), or -1. */
function matchingBrace(css: string, from: number): number {
  let depth = 1
  for (let i = from; i < css.length; i++) {
    const c = css[i]
    if (c === '/' && css[i + 1] === '*') {
      const end = css.indexOf('*/', i + 2)
      if (end === -1) return -1
      i = end + 1
    } else if (c === '"' || c === "'") {
      const end = css.indexOf(c, i + 1)
      if (end === -1) return -1
      i = end
    } else if (c === '{') depth++
    else if (c === '}' && --depth === 0) return i
  }
  return -1
}

/** The rules of a block as selector and declarations; undefined when it holds anything else. */
function plainRules(inner: string): { selector: string; body: string }[] | undefined {
  const rules: { selector: string; body: string }[] = []
  const text = inner.replace(/\/\*[\s\S]*?\*\//g, '')
  let at = 0
  for (;;) {
    const open = text.indexOf('{', at)
    if (open === -1) return text.slice(at).trim() === '' ? rules : undefined
    const selector = text.slice(at, open).trim()
    const close = text.indexOf('}', open)
    if (close === -1 || selector === '' || selector.startsWith('@') || text.slice(open + 1, close).includes('{')) return undefined
    rules.push({ selector, body: text.slice(open + 1, close).trim() })
    at = close + 1
  }
}

/** Each selector of a list, limited to pages whose `<html>` matches `condition` (a `:where()`). */
function scoped(selector: string, condition: string): string {
  return selector
    .split(',')
    .map((one) => one.trim())
    .map((one) => (one.startsWith(':root') ? `:root${condition}${one.slice(':root'.length)}` : `:root${condition} ${one}`))
    .join(',')
}
