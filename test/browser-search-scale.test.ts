/**
 * Search and previews on the shared 10,200-note library, in Chromium: what
 * a reader downloads before the first result appears (gzipped, as a static
 * host serves it), what a hover downloads, keyboard use of the results, and
 * axe on the open results in light and dark.
 */
import { AxeBuilder } from '@axe-core/playwright'
import { gzipSync } from 'node:zlib'
import type { Page, Response } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { searchBudget } from '../scripts/search-budget.js'
import type { BrowsedSite } from './support/browser.js'
import { browseLargeLibrary } from './support/large-library.js'

let browsed: BrowsedSite
let light: Page
let dark: Page

/** A note of the library whose body links to another note. */
const notePath = 'topic-01/note-00001/'

beforeAll(async () => {
  browsed = await browseLargeLibrary()
  const open = (colorScheme: 'light' | 'dark') => browsed.openPage({ colorScheme, viewport: { width: 1280, height: 900 } })
  ;[light, dark] = await Promise.all([open('light'), open('dark')])
}, 300_000)

afterAll(async () => {
  await browsed?.close()
})

/** Record every response's path and gzipped size from now on; `stop()` returns them. */
function recordResponses(page: Page): { stop(): Promise<Map<string, number>> } {
  const sizes: Promise<[string, number]>[] = []
  const listener = (response: Response) => {
    sizes.push(
      response.body().then(
        (body) => [new URL(response.url()).pathname, gzipSync(body, { level: 9 }).length],
        () => [new URL(response.url()).pathname, 0],
      ),
    )
  }
  page.on('response', listener)
  return {
    async stop() {
      page.off('response', listener)
      return new Map(await Promise.all(sizes))
    },
  }
}

const total = (sizes: Map<string, number>) => [...sizes.values()].reduce((a, b) => a + b, 0)

describe('search on 10,200 notes', () => {
  it(`shows the first results after at most ${searchBudget.gzipBytesToFirstResult / 1024} KB gzipped, scripts included`, async () => {
    const page = light
    await page.goto(browsed.site.url + notePath, { waitUntil: 'networkidle' })
    const responses = recordResponses(page)
    await page.locator('#quire-search').focus()
    await page.locator('#quire-search').fill('memory sample')
    await page.locator('#quire-search-results .search-result').first().waitFor({ state: 'visible' })
    const sizes = await responses.stop()
    const files = [...sizes.keys()]
    console.log(
      `search on 10,200 notes: ${total(sizes)} B gzipped to the first results, in ${sizes.size} files (${files.filter((f) => f.includes('/terms/')).length} term shards, ${files.filter((f) => f.includes('/docs/')).length} record blocks)`,
    )
    expect(total(sizes)).toBeLessThanOrEqual(searchBudget.gzipBytesToFirstResult)
    expect(files.filter((file) => file.includes('/terms/')).length, 'one shard per word').toBeLessThanOrEqual(2)
    expect(files.filter((file) => file.includes('/docs/')).length, 'records of the results shown only').toBeLessThanOrEqual(20)
    expect(files.filter((file) => file.includes('/text/'))).toEqual([])
    expect(await page.locator('#quire-search-count').textContent()).toMatch(/^\d+ results for “memory sample”, the first 20 shown\.$/)
    const titles = await page.locator('#quire-search-results .search-result-title').allTextContents()
    expect(titles).toHaveLength(20)
    for (const title of titles) expect(title).toMatch(/memory.*sample|sample.*memory/)
  })

  it('opens a result from the keyboard, and ranks first the note whose title has the word', async () => {
    const page = light
    await page.goto(browsed.site.url + notePath)
    await page.keyboard.press('/')
    await page.keyboard.type('1234')
    await expect.poll(() => page.locator('#quire-search-results .search-result-title').first().textContent(), { timeout: 10_000 }).toMatch(/\(note 1234\)$/)
    await page.keyboard.press('ArrowDown')
    const href = (await page.locator('#quire-search-results .search-result-title').first().getAttribute('href'))!
    await Promise.all([page.waitForURL(href), page.keyboard.press('Enter')])
    expect(await page.locator('h1').textContent()).toMatch(/\(note 1234\)$/)
  })

  it('has no axe violations with the results open, in light and dark', async () => {
    const failures = await Promise.all(
      [light, dark].map(async (page) => {
        await page.goto(browsed.site.url + notePath)
        await page.keyboard.press('/')
        await page.keyboard.type('kernel')
        await page.locator('#quire-search-results .search-result').first().waitFor({ state: 'visible' })
        await page.keyboard.press('ArrowDown')
        const { violations } = await new AxeBuilder({ page })
          .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
          .setLegacyMode(true)
          .analyze()
        return violations.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
      }),
    )
    expect(failures.flat()).toEqual([])
  })
})

describe('link previews on 10,200 notes', () => {
  it('fetch only a small file of previews on the first hover', async () => {
    const page = light
    await page.goto(browsed.site.url + notePath, { waitUntil: 'networkidle' })
    const responses = recordResponses(page)
    const link = page.locator('.prose a.internal').first()
    await link.hover()
    const box = page.locator('#quire-preview')
    await box.waitFor({ state: 'visible' })
    expect(await box.locator('.preview-title').textContent()).toBe(await link.textContent())
    expect(await box.locator('.preview-summary').textContent()).toMatch(/^How \w+ relates to \w+, in one line\.$/)
    const sizes = await responses.stop()
    console.log(`a preview on 10,200 notes: ${total(sizes)} B gzipped (${[...sizes.keys()].join(', ')})`)
    expect([...sizes.keys()].map((file) => file.replace(/\/\d+\.json$/, '/N.json')).sort()).toEqual([
      '/assets/preview-bucket.js',
      '/previews/N.json',
      '/previews/index.json',
    ])
    expect(total(sizes)).toBeLessThan(4 * 1024)
  })
})
