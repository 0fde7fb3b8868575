/**
 * Every page type in a real browser, and the page chrome this file's
 * features add: axe finds no violations on the page types no other test
 * checks (home, note, inquiry, all notes, papers, tags, a tag, 404, and a page with
 * search results open) in light and dark; the colour
 * theme switch follows the system until pressed, remembers the choice
 * across a reload and works from the keyboard, and without script the
 * system setting applies; "Copy page as Markdown" puts exactly the page's
 * Markdown file on the clipboard.
 */
import { AxeBuilder } from '@axe-core/playwright'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { run } from '../src/cli.js'
import { browseBuiltSite, type BrowsedSite } from './support/browser.js'
import { note, notesFolder, recordingIO } from './support/notes.js'
import { publishLibrary } from './support/publish-library.js'

let browsed: BrowsedSite
const url = (address: string) => browsed.site.url + address

beforeAll(async () => {
  browsed = await browseBuiltSite(async () => {
    const root = await notesFolder({
      ...publishLibrary,
      'later.md': note('Will this note be written later?', 'It links ahead.', 'See [[someday]] and [[math-of-sampling]].\n'),
    })
    const io = recordingIO(root)
    const code = await run(['build', 'notes', '--out', path.join(root, 'site'), '--build-date', '2026-01-15', '--no-cache'], io)
    expect(code, io.err()).toBe(0)
    return root
  })
}, 60_000)

afterAll(async () => {
  await browsed?.close()
})

const notePage = 'math-of-sampling/'

/**
 * The page types axe checks here, by address, with the status each is
 * served with. The others are checked in light and dark where they are
 * tested: folder pages (first and later pages) in
 * browser-navigation.test.ts, the graph in browser-graph.test.ts, the
 * list of notes not written yet in browser-unwritten.test.ts.
 */
const pageTypes: readonly { address: string; status?: number }[] = [
  { address: '' },
  { address: notePage },
  { address: 'inquiries/why-sampling/' },
  { address: 'all-notes/' },
  { address: 'papers/' },
  { address: 'tags/' },
  { address: 'tags/sampling/' },
  { address: 'no-such-page/', status: 404 },
]

async function violations(page: Page, where: string): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).setLegacyMode(true).analyze()
  return violations.map((v) => `${where}: ${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

/** The page's background colour. */
function background(page: Page): Promise<string> {
  return page.evaluate<string>('getComputedStyle(document.body).backgroundColor')
}

const lightBackground = 'rgb(251, 250, 247)'
const darkBackground = 'rgb(21, 23, 27)'

describe('every page type', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`has no axe violations in ${colorScheme}`, async () => {
      const page = await browsed.openPage({ colorScheme, viewport: { width: 1280, height: 900 } })
      const failures: string[] = []
      try {
        for (const { address, status = 200 } of pageTypes) {
          expect((await page.goto(url(address)))?.status(), address).toBe(status)
          failures.push(...(await violations(page, address || 'home')))
        }
        // A page with search results open.
        await page.goto(url(''))
        await page.keyboard.press('/')
        await page.keyboard.type('sampling')
        await expect.poll(() => page.locator('#quire-search-count').textContent(), { timeout: 5000 }).toMatch(/results? for/)
        failures.push(...(await violations(page, 'search results')))
      } finally {
        await page.context().close()
      }
      expect(failures, failures.join('\n')).toEqual([])
    }, 120_000)
  }
})

describe('the colour theme switch', () => {
  it('follows the system setting, changes the theme when pressed, and keeps the choice across a reload', async () => {
    const page = await browsed.openPage({ colorScheme: 'dark' })
    try {
      await page.goto(url(notePage))
      const toggle = page.locator('button[data-theme-switch]')
      expect(await toggle.isVisible()).toBe(true)
      expect(await toggle.getAttribute('aria-pressed')).toBe('true')
      expect(await background(page)).toBe(darkBackground)

      await toggle.click()
      expect(await toggle.getAttribute('aria-pressed')).toBe('false')
      expect(await background(page)).toBe(lightBackground)
      expect(await page.evaluate<string | null>("localStorage.getItem('quire-theme')")).toBe('light')
      // The light theme chosen on a dark system passes axe too, switch and copy control included.
      expect(await violations(page, 'note, light chosen')).toEqual([])

      await page.reload()
      expect(await page.locator('html').getAttribute('data-theme')).toBe('light')
      expect(await background(page)).toBe(lightBackground)
      await page.goto(url('inquiries/why-sampling/'))
      expect(await background(page), 'the choice holds on other pages').toBe(lightBackground)

      // Choosing what the system shows forgets the choice: the site follows the system again.
      await page.locator('button[data-theme-switch]').click()
      expect(await page.evaluate<string | null>("localStorage.getItem('quire-theme')")).toBeNull()
      expect(await page.locator('html').getAttribute('data-theme')).toBeNull()
      expect(await background(page)).toBe(darkBackground)
    } finally {
      await page.context().close()
    }
  }, 60_000)

  it('works from the keyboard, and the dark theme chosen on a light system passes axe', async () => {
    const page = await browsed.openPage({ colorScheme: 'light' })
    try {
      await page.goto(url(notePage))
      expect(await background(page)).toBe(lightBackground)
      await page.locator('button[data-theme-switch]').focus()
      await page.keyboard.press('Enter')
      expect(await page.locator('html').getAttribute('data-theme')).toBe('dark')
      expect(await background(page)).toBe(darkBackground)
      await page.keyboard.press('Space')
      expect(await background(page)).toBe(lightBackground)
      await page.keyboard.press('Enter')
      expect(await violations(page, 'note, dark chosen')).toEqual([])
    } finally {
      await page.context().close()
    }
  }, 60_000)

  it('applies a remembered theme before the page is drawn: its script runs in <head>, before the stylesheet, not deferred', async () => {
    const page = await browsed.openPage({ colorScheme: 'light' })
    try {
      await page.goto(url(notePage))
      const order = await page.evaluate<string[]>(
        "[...document.head.querySelectorAll('script, link[rel=stylesheet]')].map((e) => e.tagName === 'LINK' ? 'css' : (e.defer || e.async || e.type === 'module' ? 'later:' : 'now:') + e.getAttribute('src'))",
      )
      expect(order[0]).toMatch(/^now:.*assets\/theme\.js$/)
      expect(order[1]).toBe('css')
    } finally {
      await page.context().close()
    }
  }, 30_000)

  it('is hidden without script, and the system setting applies', async () => {
    const page = await browsed.openPage({ colorScheme: 'dark', javaScriptEnabled: false })
    try {
      await page.goto(url(notePage))
      expect(await page.locator('button[data-theme-switch]').isVisible()).toBe(false)
      expect(await page.locator('button[data-copy-markdown]').isVisible()).toBe(false)
      expect(await page.getByRole('link', { name: 'View as Markdown' }).isVisible()).toBe(true)
      expect(await background(page)).toBe(darkBackground)
    } finally {
      await page.context().close()
    }
  }, 30_000)
})

describe('Copy page as Markdown', () => {
  for (const address of [notePage, 'inquiries/why-sampling/']) {
    it(`copies the Markdown file of ${address}, from the keyboard`, async () => {
      const page = await browsed.openPage({ permissions: ['clipboard-read', 'clipboard-write'] })
      try {
        await page.goto(url(address))
        const expected = await (await page.request.get(url(`${address}index.html.md`))).text()
        expect(expected).toMatch(/^# /)
        await page.locator('button[data-copy-markdown]').focus()
        await page.keyboard.press('Enter')
        await expect.poll(() => page.locator('.page-markdown .copy-status').textContent(), { timeout: 5000 }).toBe('Page copied as Markdown.')
        expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(expected)
      } finally {
        await page.context().close()
      }
    }, 30_000)
  }
})

describe('the breadcrumb trail', () => {
  it('keeps the page it ends on to one line on a phone, and names it in full for assistive technology', async () => {
    const page = await browsed.openPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
    try {
      await page.goto(url('inquiries/why-sampling/'))
      const current = page.locator('.breadcrumbs [aria-current="page"]')
      const title = (await page.locator('h1').textContent())?.trim()
      expect(await current.textContent()).toBe(title)
      const lineHeight = await current.evaluate((element) => parseFloat(getComputedStyle(element).lineHeight))
      const box = await current.boundingBox()
      expect(box?.height).toBeLessThan(1.5 * lineHeight)
    } finally {
      await page.context().close()
    }
  }, 30_000)
})
