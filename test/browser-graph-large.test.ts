/**
 * The graph page of the shared 10,200-note library in a real browser
 * (Debian's Chromium, WebGL through SwiftShader): a small page, the drawing
 * made from the fetched data, zoom by button and by keyboard, the folder
 * filter, the keyboard search followed to a note, a note's "See the whole
 * graph" link centring the drawing on it, the message and working search
 * when the browser has no WebGL, and axe in light and dark.
 *
 * DOM code runs in the page, so it is passed to `evaluate` as strings.
 */
import { AxeBuilder } from '@axe-core/playwright'
import { readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BrowsedSite } from './support/browser.js'
import { browseLargeLibrary } from './support/large-library.js'

let browsed: BrowsedSite

beforeAll(async () => {
  browsed = await browseLargeLibrary()
}, 300_000)

afterAll(async () => {
  await browsed?.close()
})

/** Open the graph page (with `query`) and wait until the drawing says what it shows. */
async function openGraph(page: Page, query = ''): Promise<void> {
  await page.goto(`${browsed.site.url}graph/${query}`)
  await page
    .locator('#graph-status')
    .filter({ hasText: /Showing|Centred/ })
    .waitFor({ timeout: 60_000 })
}

/** A picture of the drawing's box (PNG bytes). */
function picture(page: Page): Promise<Buffer> {
  return page.locator('#graph-canvas').screenshot({ animations: 'disabled' })
}

describe('the graph page of a 10,200-note library', () => {
  it('is a small page: the documents come in the data the drawing fetches', async () => {
    const site = path.join(browsed.root, 'site')
    const html = await stat(path.join(site, 'graph', 'index.html'))
    expect(html.size).toBeLessThan(300_000)
    const data = JSON.parse(await readFile(path.join(site, 'graph', 'data.json'), 'utf8')) as { nodes: { title: string[] }; folders: unknown[] }
    expect(data.nodes.title.length).toBeGreaterThan(10_000)
    expect(data.folders.length).toBeGreaterThanOrEqual(30)
  })

  it('draws the graph, and zooms with the buttons and with the keyboard', async () => {
    const page = await browsed.openPage({ viewport: { width: 1280, height: 900 } })
    await openGraph(page)
    expect(await page.locator('#graph-status').textContent()).toBe('Showing all 10,203 documents.')
    expect(await page.locator('#graph-canvas canvas').count(), 'sigma drew into the box').toBeGreaterThan(0)
    expect(await page.locator('#graph-canvas .graph-message').count()).toBe(0)
    const drawn = await picture(page)
    // An empty box of this size is a few kilobytes of PNG; ten thousand dots and their lines are far more.
    expect(drawn.length).toBeGreaterThan(40_000)
    const level = page.locator('#graph-zoom-level')
    expect(await level.textContent()).toBe('Zoom 100 %')
    await page.getByRole('button', { name: 'Zoom in' }).click()
    await expect.poll(() => level.textContent()).toBe('Zoom 160 %')
    const zoomed = await picture(page)
    expect(zoomed.equals(drawn), 'the view changed').toBe(false)
    // From the keyboard: focus the drawing, + zooms in, − zooms out, 0 shows the whole graph again.
    await page.locator('#graph-canvas').focus()
    await page.keyboard.press('+')
    await expect.poll(() => level.textContent()).toBe('Zoom 256 %')
    await page.keyboard.press('-')
    await expect.poll(() => level.textContent()).toBe('Zoom 160 %')
    await page.keyboard.press('0')
    await expect.poll(() => level.textContent()).toBe('Zoom 100 %')
    await page.context().close()
  }, 90_000)

  it('filters by folder: fewer documents drawn and found', async () => {
    const page = await browsed.openPage({ viewport: { width: 1280, height: 900 } })
    await openGraph(page)
    const before = await picture(page)
    const folder = page.getByLabel('Folder', { exact: true })
    const option = await folder.locator('option', { hasText: /^Topic 05 › Part A \(/ }).getAttribute('value')
    await folder.selectOption(option!)
    const status = page.locator('#graph-status')
    await expect.poll(() => status.textContent()).toMatch(/^Showing \d+ of 10,203 documents\.$/)
    const shown = Number((await status.textContent())!.match(/^Showing (\d+)/)![1])
    expect(shown).toBeGreaterThan(100)
    expect(shown).toBeLessThan(1000)
    // The drawing follows on the next frames: wait for it to change rather than for a fixed time.
    await expect.poll(async () => (await picture(page)).equals(before), { message: 'the drawing changed' }).toBe(false)
    // The search keeps to the folder too.
    expect(await page.locator('#graph-find-count').textContent()).toBe(`${shown} documents; the first 50 are listed. Type more of a title to narrow them.`)
    const folders = await page.locator('#graph-results .graph-where').allTextContents()
    expect(folders.every((where) => where === 'note in Topic 05 › Part A')).toBe(true)
    await page.context().close()
  }, 90_000)

  it('finds a note from the keyboard, shows it in the drawing, and opens it with Enter', async () => {
    const page = await browsed.openPage({ viewport: { width: 1280, height: 900 } })
    await openGraph(page)
    const field = page.getByLabel('Title contains')
    await field.focus()
    await page.keyboard.type('(note 4321)')
    await expect.poll(() => page.locator('#graph-find-count').textContent()).toBe('1 document.')
    await page.keyboard.press('ArrowDown')
    const focused = await page.evaluate<string | null>(`document.activeElement?.getAttribute('href') ?? null`)
    expect(focused).toMatch(/^\.\.\/topic-\d\d(\/part-[ab])?\/note-04321\/$/)
    const title = await page.evaluate<string>('document.activeElement.textContent')
    // Moving to a result zooms the drawing in on it.
    await expect.poll(() => page.locator('#graph-zoom-level').textContent()).not.toBe('Zoom 100 %')
    await Promise.all([page.waitForURL(/note-04321\/$/), page.keyboard.press('Enter')])
    expect(await page.locator('h1').textContent()).toBe(title)
    // The note's "See the whole graph" opens the graph centred on it.
    await Promise.all([page.waitForURL(/graph\/\?focus=/), page.getByRole('link', { name: 'See the whole graph' }).click()])
    await page
      .locator('#graph-status')
      .filter({ hasText: /Centred/ })
      .waitFor({ timeout: 60_000 })
    expect(await page.locator('#graph-status').textContent()).toBe(`Centred on “${title}”, this page’s document.`)
    expect(await page.locator('#graph-zoom-level').textContent()).not.toBe('Zoom 100 %')
    await page.context().close()
  }, 90_000)

  it('says so when the browser cannot draw with WebGL, and the search still works', async () => {
    const page = await browsed.openPage({ viewport: { width: 390, height: 844 } })
    await page.addInitScript(`{
      const original = HTMLCanvasElement.prototype.getContext
      HTMLCanvasElement.prototype.getContext = function (kind, ...rest) {
        return /webgl/.test(kind) ? null : original.call(this, kind, ...rest)
      }
    }`)
    await openGraph(page)
    expect(await page.locator('#graph-canvas .graph-message').textContent()).toBe(
      'This browser cannot draw the graph (it needs WebGL). Use the search and the lists below to reach every document.',
    )
    expect(await page.locator('#graph-canvas canvas').count()).toBe(0)
    await page.getByLabel('Title contains').fill('(note 7777)')
    await expect.poll(() => page.locator('#graph-find-count').textContent()).toBe('1 document.')
    await page.context().close()
  }, 90_000)

  it('has no axe violations in light or dark, with the drawing made', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const page = await browsed.openPage({ viewport: { width: 1280, height: 900 }, colorScheme })
      await openGraph(page)
      await page.getByLabel('Title contains').fill('gradient')
      await expect.poll(() => page.locator('#graph-results li').count()).toBeGreaterThan(0)
      const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
      expect(violations.map((v) => `${colorScheme}: ${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([])
      await page.context().close()
    }
  }, 120_000)
})
