/**
 * The reading aids in a real browser (Debian's Chromium through
 * playwright-core): search from the keyboard, link previews on hover, on
 * focus and under touch, tag and contents pages, axe in light and dark,
 * 320-pixel screens, pages without JavaScript, and the weight of the
 * scripts a page loads.
 *
 * DOM code runs in the page, so it is passed to `evaluate` as strings (the
 * test program has no DOM types).
 */
import { AxeBuilder } from '@axe-core/playwright'
import { rm } from 'node:fs/promises'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Browser, BrowserContextOptions, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { run } from '../src/cli.js'
import { launchBrowser } from './support/browser.js'
import { notesFolder, recordingIO } from './support/notes.js'
import { readingLibrary } from './support/reading-library.js'
import { serveSite, type ServedSite } from './support/serve.js'

const prefix = '/sub/'
/** The JavaScript budget of a page before search is used, gzipped. */
const scriptBudget = 15 * 1024

let root: string
let launching: Promise<Browser> | undefined
let browser: Browser
let site: ServedSite
/** The same library built with `--base /sub/` and served there (for 404.html at any depth). */
let based: ServedSite
let light: Page
let dark: Page
let narrow: Page
let touch: Page
let noScript: Page

async function build(out: string, ...extra: string[]): Promise<void> {
  const io = recordingIO(root)
  const code = await run(['build', 'notes', '--out', out, ...extra], io)
  expect(code, io.err()).toBe(0)
}

async function openPage(options: BrowserContextOptions): Promise<Page> {
  const context = await browser.newContext(options)
  return context.newPage()
}

beforeAll(async () => {
  launching = launchBrowser()
  launching.catch(() => {})
  root = await notesFolder(readingLibrary)
  await build(path.join(root, 'site'))
  await build(path.join(root, 'based'), '--base', prefix)
  ;[browser, site, based] = await Promise.all([launching, serveSite(path.join(root, 'site')), serveSite(path.join(root, 'based'), { prefix })])
  ;[light, dark, narrow, touch, noScript] = await Promise.all([
    openPage({ colorScheme: 'light', viewport: { width: 1280, height: 900 } }),
    openPage({ colorScheme: 'dark', viewport: { width: 1280, height: 900 } }),
    openPage({ viewport: { width: 320, height: 640 } }),
    openPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }),
    openPage({ javaScriptEnabled: false }),
  ])
})

afterAll(async () => {
  await Promise.all([
    launching?.then(
      (b) => b.close(),
      () => {},
    ),
    site?.close(),
    based?.close(),
  ])
  if (root) await rm(root, { recursive: true, force: true })
})

/** What has keyboard focus: its tag, classes and text. */
function focused(page: Page): Promise<string> {
  return page.evaluate<string>(
    `(() => { const e = document.activeElement; return e ? e.tagName.toLowerCase() + '.' + e.className + ' ' + (e.textContent ?? '').trim() : '' })()`,
  )
}

/** Type a query into the search field (after `/`) and wait for the count to say how it went. */
async function search(page: Page, query: string): Promise<string> {
  await page.keyboard.press('/')
  expect(await page.evaluate<string>('document.activeElement?.id ?? ""'), '`/` moves to the search field').toBe('quire-search')
  await page.keyboard.type(query)
  const count = page.locator('#quire-search-count')
  // The field searches after a pause in typing, so on a slow machine a shorter query may answer first: wait for this one's.
  await expect
    .poll(() => count.textContent(), { timeout: 5000 })
    .toMatch(new RegExp(`(results? for|No results for) “${query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}”`))
  return (await count.textContent()) ?? ''
}

function titles(page: Page): Promise<string[]> {
  return page.locator('#quire-search-results .search-result-title').allTextContents()
}

describe('search', () => {
  it('types a query, moves down the results with the arrow keys and opens one with Enter', async () => {
    const page = light
    await page.goto(site.url + 'untagged/')
    expect(await page.locator('#quire-search-panel').isVisible()).toBe(false)
    // Notes that link to the first show its title, so they match too.
    expect(await search(page, 'diversity')).toBe('4 results for “diversity”.')
    expect(await page.locator('#quire-search-panel').isVisible()).toBe(true)
    const found = await titles(page)
    expect(found[0], 'the title match ranks first').toBe('Does RL training collapse format diversity?')
    expect(found).toHaveLength(4)
    // Each result shows its summary and the words it matched.
    const first = page.locator('.search-result').first()
    expect(await first.locator('.search-result-summary').textContent()).toBe(
      'Controlled experiments show RL amplifies one output format and suppresses the rest.',
    )
    expect(await first.locator('.search-result-terms').textContent()).toBe('Matches: diversity')
    expect(await first.locator('.search-result-title mark').textContent()).toBe('diversity')
    // The count is announced to screen readers once typing pauses.
    await expect.poll(() => page.locator('#quire-search-status').textContent(), { timeout: 3000 }).toBe('4 results for “diversity”.')

    await page.keyboard.press('ArrowDown')
    expect(await focused(page)).toBe(`a.search-result-title ${found[0]}`)
    await page.keyboard.press('ArrowDown')
    expect(await focused(page)).toBe(`a.search-result-title ${found[1]}`)
    await page.keyboard.press('ArrowUp')
    await page.keyboard.press('ArrowUp')
    expect(await page.evaluate<string>('document.activeElement?.id ?? ""'), 'up from the first result goes back to the field').toBe('quire-search')
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowDown')
    const second = (await page.locator('.search-result-title').nth(1).getAttribute('href'))!
    expect(second.startsWith(site.url)).toBe(true)
    await Promise.all([page.waitForURL(second), page.keyboard.press('Enter')])
    expect(await page.locator('h1').textContent()).toBe(found[1])
  })

  it('closes the results with Escape and leaves focus in the field', async () => {
    const page = light
    await page.goto(site.url)
    await search(page, 'format')
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Escape')
    expect(await page.locator('#quire-search-panel').isVisible()).toBe(false)
    expect(await page.evaluate<string>('document.activeElement?.id ?? ""')).toBe('quire-search')
  })

  it('finds Chinese and Japanese text', async () => {
    const page = light
    await page.goto(site.url)
    // The second result links to the first, so its page shows that title.
    expect(await search(page, '推理')).toBe('2 results for “推理”.')
    expect(await titles(page)).toEqual(['强化学习能否提升推理能力？', 'Does RL training collapse format diversity?'])
    expect(await page.locator('.search-result-title mark').allTextContents()).toEqual(['推理'])
    await page.locator('#quire-search').fill('推論能力')
    await expect.poll(() => titles(page)).toEqual(['强化学习能否提升推理能力？'])
  })

  it('keeps only results with an exact "quoted phrase"', async () => {
    const page = light
    await page.goto(site.url)
    expect(await search(page, 'collapse diversity')).toBe('4 results for “collapse diversity”.')
    await page.locator('#quire-search').fill('"diversity collapses"')
    await expect.poll(() => titles(page)).toEqual(['Does RL training collapse format diversity?'])
    expect(await page.locator('.search-result-terms').first().textContent()).toMatch(/^Matches: “diversity collapses”/)
    await page.locator('#quire-search').fill('"collapses diversity"')
    await expect.poll(() => page.locator('#quire-search-count').textContent()).toBe('No results for “"collapses diversity"”.')
  })

  it('works from 404.html at any depth under a sub-path', async () => {
    const page = light
    const response = await page.goto(based.url + 'no/such/page/')
    expect(response?.status()).toBe(404)
    await search(page, 'curling')
    expect(await page.locator('.search-result-title').first().getAttribute('href')).toBe(`${based.url}untagged/`)
    await Promise.all([page.waitForURL(based.url + 'untagged/'), page.keyboard.press('Enter')])
    expect(await page.locator('h1').textContent()).toBe('Is a short note without tags fine?')
  })

  it('does not take `/` from someone typing in a field', async () => {
    const page = light
    await page.goto(site.url)
    await page.locator('#quire-search').fill('a/b')
    expect(await page.locator('#quire-search').inputValue()).toBe('a/b')
  })
})

/** The note linked first from `rl-format`. */
const target = 'Does distillation before RL help small models?'

describe('link previews', () => {
  it('shows the title and summary on hover, over the page, and hides them with Escape', async () => {
    const page = light
    await page.goto(site.url + 'rl-format/')
    const link = page.locator('.prose a.internal', { hasText: target })
    const box = page.locator('#quire-preview')
    const layout = `JSON.stringify([...document.querySelectorAll('main > :not(#quire-preview), main article > *')].map((e) => { const r = e.getBoundingClientRect(); return [r.x, r.y, r.width, r.height] }))`
    const before = await page.evaluate<string>(layout)
    await link.hover()
    await box.waitFor({ state: 'visible' })
    expect(await box.locator('.preview-title').textContent()).toBe(target)
    expect(await box.locator('.preview-summary').textContent()).toBe('Distilling reasoning traces first gives RL a better starting point for small models.')
    expect(await box.getAttribute('role')).toBe('tooltip')
    expect(await link.getAttribute('aria-describedby')).toBe('quire-preview')
    expect(await page.evaluate<string>(layout), 'nothing on the page moved').toBe(before)
    expect(await page.evaluate<string>(`getComputedStyle(document.getElementById('quire-preview')).position`)).toBe('absolute')
    // The preview sits just under the link.
    const [linkBox, previewBox] = [await link.boundingBox(), await box.boundingBox()]
    expect(previewBox!.y).toBeGreaterThan(linkBox!.y + linkBox!.height - 1)
    expect(previewBox!.y).toBeLessThan(linkBox!.y + linkBox!.height + 20)
    // The pointer can move onto the preview without it closing.
    await page.mouse.move(previewBox!.x + 20, previewBox!.y + 20, { steps: 4 })
    await page.waitForTimeout(400)
    expect(await box.isVisible()).toBe(true)
    await page.keyboard.press('Escape')
    expect(await box.isVisible()).toBe(false)
    expect(await link.getAttribute('aria-describedby')).toBeNull()
  })

  it('shows the preview when the link gets keyboard focus, and hides it when focus moves on', async () => {
    const page = light
    await page.goto(site.url + 'rl-format/')
    const box = page.locator('#quire-preview')
    for (let i = 0; i < 40 && (await focused(page)) !== `a.internal ${target}`; i++) await page.keyboard.press('Tab')
    expect(await focused(page)).toBe(`a.internal ${target}`)
    await box.waitFor({ state: 'visible' })
    expect(await box.locator('.preview-title').textContent()).toBe(target)
    // The next link shows its own preview; a link to no document shows none.
    await page.keyboard.press('Tab')
    await expect.poll(() => box.locator('.preview-title').textContent()).toBe('强化学习能否提升推理能力？')
    expect(await page.locator('[aria-describedby=quire-preview]').count()).toBe(1)
    await page.keyboard.press('Tab')
    expect(await focused(page)).toMatch(/^a\.heading-anchor/)
    expect(await box.isVisible()).toBe(false)
  })

  it('shows the first text of the section a link to `[[note#Heading]]` names, not the summary', async () => {
    const page = light
    const files: string[] = []
    const record = (response: import('playwright-core').Response) => void files.push(new URL(response.url()).pathname)
    page.on('response', record)
    try {
      await page.goto(site.url + 'untagged/')
      files.length = 0
      const link = page.locator('.prose a.internal').first()
      expect(await link.getAttribute('href')).toBe('../rl-format/#results')
      const box = page.locator('#quire-preview')
      await link.hover()
      await box.waitFor({ state: 'visible' })
      expect(await box.locator('.preview-title').textContent()).toBe('Does RL training collapse format diversity?')
      expect(await box.locator('.preview-kind').textContent()).toBe('Note · Results')
      expect(await box.locator('.preview-summary').textContent()).toBe('Format diversity collapses within a few hundred steps.')
      // The hover fetched the bucket count, the bucket function and one small file of previews.
      expect(files.filter((file) => file.startsWith('/previews/')).map((file) => file.replace(/\d+\.json$/, 'N.json'))).toEqual([
        '/previews/index.json',
        '/previews/N.json',
      ])
    } finally {
      page.off('response', record)
    }
  })

  it('lets a tap follow the link on a touch screen', async () => {
    const page = touch
    await page.goto(site.url + 'rl-format/')
    await Promise.all([page.waitForURL(site.url + 'distillation/'), page.locator('.prose a.internal', { hasText: target }).tap()])
    expect(await page.locator('h1').textContent()).toBe(target)
  })
})

describe('without JavaScript', () => {
  it('offers no search field, and links and tags are plain links', async () => {
    const page = noScript
    await page.goto(site.url + 'rl-format/')
    expect(await page.locator('form[role=search]').isVisible(), 'a search field that cannot work is not shown').toBe(false)
    expect(await page.locator('nav.toc').isVisible()).toBe(true)
    await Promise.all([page.waitForURL(site.url + 'tags/rl/'), page.locator('ul.tags a', { hasText: 'rl' }).click()])
    await Promise.all([page.waitForURL(site.url + 'distillation/'), page.locator('.card-title', { hasText: target }).click()])
  })
})

describe('page weight', () => {
  it(`loads under ${scriptBudget / 1024} KB of gzipped JavaScript until search is used`, async () => {
    const page = light
    const scripts = new Map<string, number>()
    const record = async (response: import('playwright-core').Response) => {
      if (response.request().resourceType() === 'script') scripts.set(new URL(response.url()).pathname, gzipSync(await response.body(), { level: 9 }).length)
    }
    const listener = (response: import('playwright-core').Response) => void record(response)
    page.on('response', listener)
    try {
      await page.goto(site.url + 'rl-format/', { waitUntil: 'networkidle' })
      const initial = new Map(scripts)
      const initialTotal = [...initial.values()].reduce((a, b) => a + b, 0)
      expect([...initial.keys()].sort()).toEqual(['/assets/preview.js', '/assets/quire.js', '/assets/search.js', '/assets/theme.js'])
      expect(initialTotal).toBeLessThan(scriptBudget)
      await page.locator('#quire-search').focus()
      await expect.poll(() => scripts.size, { timeout: 5000 }).toBe(initial.size + 2)
      const lazy = [...scripts].filter(([file]) => !initial.has(file))
      console.log(
        `scripts on load: ${initialTotal} B gzipped (${[...initial].map(([f, n]) => `${path.basename(f)} ${n}`).join(', ')}); on first search: ${lazy.map(([f, n]) => `${path.basename(f)} ${n}`).join(', ')}`,
      )
      expect(lazy.map(([file]) => file).sort()).toEqual(['/assets/search-query.js', '/assets/search-terms.js'])
      // No library is shipped: the query code is quire's own, a few KB.
      expect(lazy.reduce((sum, [, n]) => sum + n, 0)).toBeLessThan(6 * 1024)
    } finally {
      page.off('response', listener)
    }
  })
})

describe('accessibility (axe-core) and small screens', () => {
  const pages: Array<{ name: string; path: string; prepare?: (page: Page) => Promise<void> }> = [
    { name: 'the tag index', path: 'tags/' },
    { name: 'a tag page', path: 'tags/rl/' },
    { name: 'a note with a table of contents', path: 'rl-format/' },
    { name: 'a Chinese note', path: 'reasoning-zh/' },
    { name: 'an inquiry', path: 'inquiries/why-rl/' },
    {
      name: 'a page with search results open',
      path: 'rl-format/',
      prepare: async (page) => {
        await search(page, 'format')
        await page.keyboard.press('ArrowDown')
      },
    },
    {
      name: 'a note with a link preview open',
      path: 'rl-format/',
      prepare: async (page) => {
        await page.locator('.prose a.internal').first().hover()
        await page.locator('#quire-preview').waitFor({ state: 'visible' })
      },
    },
  ]

  for (const target of pages) {
    it(`${target.name} has no violations in light or dark`, async () => {
      const reports = await Promise.all(
        (['light', 'dark'] as const).map(async (colorScheme) => {
          const page = colorScheme === 'light' ? light : dark
          const response = await page.goto(site.url + target.path)
          expect(response?.status()).toBe(200)
          await target.prepare?.(page)
          const { violations } = await new AxeBuilder({ page })
            .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
            .setLegacyMode(true)
            .analyze()
          const landmarks = await page.evaluate<number>(`document.querySelectorAll('header, main, footer, nav').length`)
          return [
            violations.length > 0
              ? `in ${colorScheme}: ${violations.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`).join('\n')}`
              : '',
            landmarks < 3 ? `in ${colorScheme}: only ${landmarks} landmarks` : '',
          ]
        }),
      )
      const failures = reports.flat().filter(Boolean)
      expect(failures.length, failures.join('\n')).toBe(0)
    })

    it(`${target.name} fits a 320-pixel screen`, async () => {
      const page = narrow
      await page.goto(site.url + target.path)
      await target.prepare?.(page)
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(320)
      expect(await page.locator('.skip-link').count()).toBe(1)
      if (target.name.includes('search')) {
        const panel = await page.locator('#quire-search-panel').boundingBox()
        expect(panel!.x).toBeGreaterThanOrEqual(0)
        expect(panel!.x + panel!.width).toBeLessThanOrEqual(320)
      }
    })
  }
})
