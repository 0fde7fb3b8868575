/**
 * A vault built as it is, in a real browser: the pages with embeds,
 * images, callouts, inline tags and drafts have no axe violations in light
 * or dark, fit a phone, and the images it embeds load.
 */
import { AxeBuilder } from '@axe-core/playwright'
import { cp, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { run } from '../src/cli.js'
import { launchBrowser } from './support/browser.js'
import { recordingIO } from './support/notes.js'
import { serveSite, type ServedSite } from './support/serve.js'

const pages = ['', 'reward-hacking/', 'folder/policy-gradients/', 'folder/pg/', 'tags/rl/']
let root = ''
let launching: Promise<Browser> | undefined
let browser: Browser
let site: ServedSite

beforeAll(async () => {
  launching = launchBrowser()
  launching.catch(() => {})
  root = await mkdtemp(path.join(tmpdir(), 'quire-vault-browser-'))
  await cp(path.join(import.meta.dirname, 'fixtures', 'vault'), path.join(root, 'vault'), { recursive: true })
  const io = recordingIO(root)
  expect(await run(['build', 'vault', '--out', 'site', '--no-cache'], io), io.err()).toBe(0)
  ;[browser, site] = await Promise.all([launching, serveSite(path.join(root, 'site'))])
}, 60_000)

afterAll(async () => {
  await Promise.all([
    launching?.then(
      (b) => b.close(),
      () => {},
    ),
    site?.close(),
  ])
  if (root) await rm(root, { recursive: true, force: true })
})

describe('a vault in the browser', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`has no axe violations in ${colorScheme}`, async () => {
      const failures: string[] = []
      const context = await browser.newContext({ colorScheme, viewport: { width: 390, height: 844 } })
      try {
        const page = await context.newPage()
        for (const address of pages) {
          expect((await page.goto(site.url + address))?.status(), address).toBe(200)
          // The redirect page moves on at once; check the page it leads to.
          if (address === 'folder/pg/') {
            await page.waitForURL(/policy-gradients\/$/)
            continue
          }
          const { violations } = await new AxeBuilder({ page })
            .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
            .setLegacyMode(true)
            .analyze()
          for (const v of violations) failures.push(`/${address}: ${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
          expect(await page.evaluate<number>('document.documentElement.scrollWidth'), address).toBeLessThanOrEqual(390)
        }
      } finally {
        await context.close()
      }
      expect(failures, failures.join('\n')).toEqual([])
    }, 90_000)
  }

  it('finds the home page content (index.md) in search, and leads to the home page', async () => {
    const context = await browser.newContext()
    try {
      const page = await context.newPage()
      await page.goto(site.url + 'reward-hacking/')
      await page.keyboard.press('/')
      await page.keyboard.type('welcome')
      const result = page.locator('#quire-search-results .search-result-title')
      await expect.poll(() => result.count(), { timeout: 5000 }).toBe(1)
      expect(await result.textContent()).toBe('A research vault')
      await result.click()
      await page.waitForURL(site.url)
      expect(await page.locator('h1').textContent()).toBe('A research vault')
    } finally {
      await context.close()
    }
  })

  it('loads the images a note embeds', async () => {
    const context = await browser.newContext()
    try {
      const page = await context.newPage()
      await page.goto(site.url + 'reward-hacking/')
      const images = page.locator('.prose img')
      expect(await images.count()).toBe(2)
      await images.first().scrollIntoViewIfNeeded()
      await page.waitForFunction(() => Array.from(document.querySelectorAll<HTMLImageElement>('.prose img')).every((img) => img.complete))
      expect(await page.evaluate(() => Array.from(document.querySelectorAll<HTMLImageElement>('.prose img')).map((img) => img.naturalWidth))).toEqual([1, 1])
    } finally {
      await context.close()
    }
  })
})
