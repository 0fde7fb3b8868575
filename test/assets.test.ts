/**
 * The site's own scripts and stylesheet: shipped minified when the
 * compiled copy was made from the source as it is, and the stylesheet's
 * dark colours follow a theme the reader chose as well as the system.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { assetFolder, minifiedFolder, sourceHash } from '../src/load/assets.js'
import { shippedFiles } from '../src/load/shipped-files.js'
import { assetText } from '../src/render/site-files/assets.js'
import { assetFiles } from '../src/render/props/pages.js'
import { withThemeChoice } from '../src/render/site-files/theme-css.js'

describe('the stylesheet and the theme choice', () => {
  it('gives each dark block to a chosen dark theme too, and keeps it from a chosen light theme, without changing specificity', () => {
    const css =
      ':root { --bg: white; }\n@media (prefers-color-scheme: dark) {\n  :root {\n    --bg: black;\n  }\n  .card, :root .x { color: grey }\n}\n@media print { :root { --bg: white } }\n'
    const out = withThemeChoice(css)
    expect(out).toContain(
      "@media (prefers-color-scheme: dark) {:root:where(:not([data-theme='light'])){--bg: black;}:root:where(:not([data-theme='light'])) .card,:root:where(:not([data-theme='light'])) .x{color: grey}}",
    )
    expect(out).toContain(
      "\n:root:where([data-theme='dark']){--bg: black;}\n:root:where([data-theme='dark']) .card,:root:where([data-theme='dark']) .x{color: grey}",
    )
    expect(out.indexOf("[data-theme='dark']")).toBeLessThan(out.indexOf('@media print'))
  })

  it('leaves a dark block with a nested rule as it is', () => {
    const css = '@media (prefers-color-scheme: dark) { @supports (display: grid) { :root { --a: 1 } } }'
    expect(withThemeChoice(css)).toBe(css)
  })

  it("covers every dark block of quire's stylesheet", async () => {
    const source = await readFile(path.join(assetFolder(), 'quire.css'), 'utf8')
    const blocks = source.match(/@media \(prefers-color-scheme: dark\) \{/g)!.length
    const out = withThemeChoice(source)
    expect(out.match(/:root:where\(\[data-theme='dark'\]\)\{/g)?.length).toBe(blocks)
  })
})

describe('minified assets', () => {
  it('are what a site gets when they were made from the sources as they are, and are smaller', async () => {
    const sources = JSON.parse(await readFile(path.join(minifiedFolder(), 'sources.json'), 'utf8').catch(() => '{}')) as Record<string, string>
    // `npm test` compiles (and minifies) first; a bare `vitest run` after only `tsc` has no minified copies to check.
    if (Object.keys(sources).length === 0) return
    for (const file of Object.values(assetFiles)) {
      const name = path.basename(file)
      const source = await readFile(path.join(assetFolder(), name), 'utf8')
      const shipped = await assetText(shippedFiles, file)
      if (sources[name] !== sourceHash(source)) {
        expect(shipped, `${name} changed since it was minified: the source is shipped`).toBe(name.endsWith('.css') ? withThemeChoice(source) : source)
        continue
      }
      expect(shipped).toBe(await readFile(path.join(minifiedFolder(), name), 'utf8'))
      expect(shipped.length).toBeLessThan(source.length * 0.8)
      expect(shipped).not.toMatch(/^\s*\/\//m)
    }
  })
})
