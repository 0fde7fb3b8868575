/**
 * Folder pages and the home page in a real browser: no axe violations in
 * light or dark, at phone and desktop widths, nothing wider than the
 * screen, and the folder explorer opened and followed with JavaScript off.
 */
import { AxeBuilder } from '@axe-core/playwright'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BrowsedSite } from './support/browser.js'
import { browseLargeLibrary } from './support/large-library.js'
import type { ServedSite } from './support/serve.js'

type AxeViolation = Awaited<ReturnType<AxeBuilder['analyze']>>['violations'][number]

let browsed: BrowsedSite
let browser: Browser
let site: ServedSite
/** One page per width and colour scheme, shared by the tests (a navigation reuses the renderer, and axe in it). */
let views: { width: number; colorScheme: 'light' | 'dark'; page: Page }[]

beforeAll(async () => {
  // The shared 10,200-note library: its large folder runs over several pages.
  browsed = await browseLargeLibrary()
  ;({ browser, site } = browsed)
  const kinds = [390, 1280].flatMap((width) => (['light', 'dark'] as const).map((colorScheme) => ({ width, colorScheme })))
  views = await Promise.all(
    kinds.map(async ({ width, colorScheme }) => ({ width, colorScheme, page: await browsed.openPage({ viewport: { width, height: 900 }, colorScheme }) })),
  )
}, 300_000)

afterAll(async () => {
  await browsed?.close()
})

describe('the home page and folder pages', () => {
  for (const target of [
    { name: 'the home page', path: '' },
    { name: 'a folder page', path: 'topic-03/' },
    { name: 'a later page of a folder', path: 'topic-01/page-2.html' },
    { name: 'a note that is its folder’s page', path: 'topic-02/' },
  ]) {
    it(`${target.name} has no axe violations and fits the screen, light and dark, narrow and wide`, async () => {
      const reports = await Promise.all(
        views.map(async ({ width, colorScheme, page }) => {
          const response = await page.goto(site.url + target.path)
          expect(response?.status()).toBe(200)
          const failures: string[] = []
          const scrollWidth = await page.evaluate<number>('document.documentElement.scrollWidth')
          if (scrollWidth > width) failures.push(`at ${width}px (${colorScheme}) the page is ${scrollWidth}px wide`)
          const { violations } = await new AxeBuilder({ page }).setLegacyMode(true).analyze()
          if (violations.length > 0) failures.push(`at ${width}px in ${colorScheme}: ${describeViolations(violations)}`)
          return failures
        }),
      )
      const failures = reports.flat()
      expect(failures, failures.join('\n')).toEqual([])
    }, 120_000)
  }
})

describe('the explorer without JavaScript', () => {
  it('opens a folder and follows its link', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false })
    const page = await context.newPage()
    await page.goto(site.url)
    const topic = page.locator('nav.explorer > ul > li > details').filter({ has: page.getByText('Sub-folders of Topic 05') })
    expect(await topic.getAttribute('open')).toBeNull()
    const part = topic.locator('ul a', { hasText: 'Part B' })
    expect(await part.isVisible()).toBe(false)
    // The toggle beside the folder's name opens it.
    await topic.locator('summary').click()
    await part.waitFor({ state: 'visible' })
    await part.click()
    await page.waitForURL(/\/topic-05\/part-b\/$/)
    expect(await page.locator('h1').textContent()).toBe('Part B')
    expect(await page.locator('nav.explorer a[aria-current=page]').textContent()).toBe('Part B')
    await context.close()
  })
})

/** Violations as a reader can act on them: rule, help, then each element and why it fails. */
function describeViolations(violations: readonly AxeViolation[]): string {
  return violations
    .map((v) =>
      [
        `- ${v.id} (${v.impact ?? 'unknown impact'}): ${v.help}`,
        ...v.nodes.map((node) => `    at ${node.target.map(String).join(' ')}: ${node.failureSummary ?? ''}`),
      ].join('\n'),
    )
    .join('\n')
}
