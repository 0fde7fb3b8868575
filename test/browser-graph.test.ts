/**
 * Graphs, feeds, math and print in a real browser (Debian's Chromium):
 * the local graph navigated by mouse and by keyboard, the feed and the
 * sitemap parsed by the browser's own XML parser with every URL served,
 * axe-core (WCAG 2.1 A and AA) on every page type in light and dark, the
 * pages at 320 px, and an inquiry printed with its prompt expanded.
 *
 * DOM code runs in the page, so it is passed to `evaluate` as strings.
 */
import { AxeBuilder } from '@axe-core/playwright'
import { rm } from 'node:fs/promises'
import path from 'node:path'
import type { Browser, BrowserContextOptions, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { run } from '../src/cli.js'
import { launchBrowser } from './support/browser.js'
import { notesFolder } from './support/notes.js'
import { publishLibrary, publishUrl } from './support/publish-library.js'
import { serveSite, type ServedSite } from './support/serve.js'

const notePath = 'math-of-sampling/'
const inquiryPath = 'inquiries/why-sampling/'

let root: string
let launching: Promise<Browser> | undefined
let browser: Browser
let site: ServedSite
let light: Page
let dark: Page
let narrow: Page

async function openPage(options: BrowserContextOptions): Promise<Page> {
  const context = await browser.newContext(options)
  return context.newPage()
}

beforeAll(async () => {
  launching = launchBrowser()
  launching.catch(() => {})
  root = await notesFolder(publishLibrary)
  let errors = ''
  const code = await run(['build', 'notes', '--out', 'site', '--build-date', '2026-01-15'], {
    cwd: root,
    stdout: () => {},
    stderr: (text) => {
      errors += text
    },
  })
  expect(code, errors).toBe(0)
  ;[browser, site] = await Promise.all([launching, serveSite(path.join(root, 'site'))])
  ;[light, dark, narrow] = await Promise.all([
    openPage({ colorScheme: 'light' }),
    openPage({ colorScheme: 'dark' }),
    openPage({ viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true }),
  ])
})

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

/** The served address of an absolute site URL. */
function served(url: string): string {
  expect(url.startsWith(publishUrl), `${url} is under the site's url`).toBe(true)
  return site.url + url.slice(publishUrl.length)
}

describe('the local graph', () => {
  it('navigates by clicking a node', async () => {
    const page = light
    await page.goto(site.url + notePath)
    const node = page.locator('section.local-graph svg a.graph-node').first()
    const name = await node.locator('title').textContent()
    expect(name).toBe('1. How much search does a reasoning model need? (inquiring line)')
    await Promise.all([page.waitForURL(site.url + 'inquiries/how-much-search/'), node.click()])
    expect(await page.locator('h1').textContent()).toBe('How much search does a reasoning model need?')
  })

  it('navigates by keyboard: Tab reaches each node with a visible focus, Enter follows it', async () => {
    const page = light
    await page.goto(site.url + notePath)
    const focusedNode = `document.activeElement?.matches('a.graph-node') ? document.activeElement.getAttribute('href') : null`
    let href: string | null = null
    for (let i = 0; i < 60 && href === null; i++) {
      await page.keyboard.press('Tab')
      href = await page.evaluate<string | null>(focusedNode)
    }
    expect(href, 'Tab reaches a node of the drawing').toBe('../inquiries/how-much-search/')
    // The focused node is drawn differently from the others (its outline colour).
    const stroke = (n: number) => page.evaluate<string>(`getComputedStyle(document.querySelectorAll('a.graph-node .graph-shape')[${n}]).stroke`)
    expect(await stroke(0)).not.toBe(await stroke(1))
    await page.keyboard.press('Tab')
    expect(await page.evaluate<string | null>(focusedNode)).toBe('../inquiries/why-sampling/')
    await Promise.all([page.waitForURL(site.url + inquiryPath), page.keyboard.press('Enter')])
    expect(await page.locator('h1').textContent()).toBe('Why does temperature sampling beat greedy search on hard problems?')
  })

  it('exposes the drawing and its links to assistive technology', async () => {
    const page = light
    await page.goto(site.url + notePath)
    const drawing = page.getByRole('group', { name: 'Notes and inquiring lines within two links of “Does the softmax temperature change which answer wins?”' })
    expect(await drawing.count()).toBe(1)
    expect(await drawing.getByRole('link').count()).toBe(5)
    expect(await drawing.getByRole('link', { name: '3. Does sampling diversity collapse after RL? (note)' }).count()).toBe(1)
  })
  it('on a phone shows the nodes by readable numbers instead of names shrunk with the drawing', async () => {
    // Rendered font size of the first node's number and whether its name is drawn, in CSS pixels.
    const measure = `(() => {
      const svg = document.querySelector('section.local-graph svg.graph-drawing')
      const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width
      const number = document.querySelector('section.local-graph .graph-number')
      const label = document.querySelector('section.local-graph .graph-label')
      return { number: parseFloat(getComputedStyle(number).fontSize) * scale, label: label.getBoundingClientRect().width }
    })()`
    await narrow.goto(site.url + notePath)
    const phone = await narrow.evaluate<{ number: number; label: number }>(measure)
    expect(phone.label, 'no name beside the nodes on a phone').toBe(0)
    expect(phone.number).toBeGreaterThanOrEqual(9)
    await light.goto(site.url + notePath)
    const desktop = await light.evaluate<{ number: number; label: number }>(measure)
    expect(desktop.label, 'names beside the nodes on a wide screen').toBeGreaterThan(0)
    expect(desktop.number).toBeGreaterThanOrEqual(11)
  })
})

describe('feed.xml and sitemap.xml', () => {
  for (const file of ['feed.xml', 'sitemap.xml']) {
    it(`${file} parses as XML in the browser, and every URL in it is served`, async () => {
      const page = light
      await page.goto(site.url)
      const result = await page.evaluate<{ error: string | null; root: string; urls: string[] }>(`(async () => {
        const text = await (await fetch(${JSON.stringify(file)})).text()
        const xml = new DOMParser().parseFromString(text, 'application/xml')
        const error = xml.querySelector('parsererror')
        const urls = [...xml.querySelectorAll('loc, id, link')].map((e) => e.getAttribute('href') ?? e.textContent)
        return { error: error ? error.textContent : null, root: xml.documentElement.localName, urls }
      })()`)
      expect(result.error).toBeNull()
      expect(result.root).toBe(file === 'feed.xml' ? 'feed' : 'urlset')
      expect(result.urls.length).toBeGreaterThan(5)
      const failed: string[] = []
      for (const url of new Set(result.urls)) {
        const reply = await fetch(served(url), { redirect: 'manual' })
        await reply.arrayBuffer()
        if (reply.status !== 200) failed.push(`${url} → ${reply.status}`)
      }
      expect(failed).toEqual([])
    })
  }
})

describe('accessibility (axe-core, WCAG 2.1 A and AA)', () => {
  const pages = [
    { name: 'note with a local graph, math and code', path: notePath },
    { name: 'inquiry with a local graph, prompt expanded', path: inquiryPath, expandPrompt: true },
    { name: 'graph page', path: 'graph/' },
    { name: 'papers page', path: 'papers/' },
    { name: 'home', path: '' },
    { name: '404', path: 'no/such/page/', status: 404 },
  ]
  for (const target of pages) {
    it(`${target.name}: no violations in light or dark, with landmarks and a skip link`, async () => {
      const reports = await Promise.all(
        [light, dark].map(async (page) => {
          const response = await page.goto(site.url + target.path)
          expect(response?.status()).toBe(target.status ?? 200)
          if (target.expandPrompt) await page.locator('details.prompt > summary').click()
          expect(await page.locator('a.skip-link[href="#main"]').count()).toBe(1)
          expect(await page.getByRole('main').count()).toBe(1)
          expect(await page.getByRole('banner').count()).toBe(1)
          expect(await page.getByRole('contentinfo').count()).toBe(1)
          const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).setLegacyMode(true).analyze()
          return violations.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
        }),
      )
      expect(reports).toEqual([[], []])
    })
  }
})

describe('the graph page', () => {
  /** How many columns of the drawing's name layer hold ink, and whether its left and right edges do (a name cut by the box). */
  const namesDrawn = `(() => {
    const layer = document.querySelector('canvas.sigma-labels')
    const context = layer.getContext('2d')
    const { width, height } = layer
    const pixels = context.getImageData(0, 0, width, height).data
    const inked = (x) => { for (let y = 0; y < height; y++) if (pixels[(y * width + x) * 4 + 3] > 0) return true; return false }
    let columns = 0
    for (let x = 0; x < width; x++) if (inked(x)) columns++
    return { columns, leftEdge: inked(0) || inked(1), rightEdge: inked(width - 1) || inked(width - 2) }
  })()`

  for (const [name, options] of [
    ['desktop', { viewport: { width: 1280, height: 900 } }],
    ['phone', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }],
  ] as const) {
    it(`names every document of a small graph without cutting a name at the drawing's edge (${name})`, async () => {
      const page = await openPage(options)
      await page.goto(site.url + 'graph/')
      await page.waitForSelector('canvas.sigma-labels')
      // Sigma draws on the next animation frames.
      await page.waitForFunction(`(${namesDrawn}).columns > 0`)
      const drawn = await page.evaluate<{ columns: number; leftEdge: boolean; rightEdge: boolean }>(namesDrawn)
      expect(drawn.rightEdge, 'a name runs past the right edge').toBe(false)
      expect(drawn.leftEdge, 'a name runs past the left edge').toBe(false)
      await page.context().close()
    })
  }
})

describe('at 320 px wide', () => {
  for (const target of [notePath, inquiryPath, 'graph/', '']) {
    it(`/${target} does not scroll sideways, and its drawing fits`, async () => {
      const page = narrow
      await page.goto(site.url + target)
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(320)
      const widths = await page.evaluate<number[]>(`[...document.querySelectorAll('svg.graph-drawing')].map((svg) => svg.getBoundingClientRect().right)`)
      for (const right of widths) expect(right).toBeLessThanOrEqual(320)
    })
  }
})

describe('print', () => {
  it('prints an inquiry as a document: the prompt expanded, the sources listed, no navigation or graph', async () => {
    const page = await openPage({ colorScheme: 'light' })
    await page.goto(site.url + inquiryPath)
    await page.emulateMedia({ media: 'print' })
    expect(await page.locator('details.prompt').getAttribute('open')).toBeNull()
    const prompt = page.locator('#prompt-text')
    expect(await prompt.isVisible(), 'the closed prompt prints').toBe(true)
    expect(await prompt.textContent()).toContain('You are a careful analyst of decoding strategies.')
    expect(await page.locator('section.sources .card').first().isVisible()).toBe(true)
    for (const hidden of ['.site-header', '.site-footer', 'section.local-graph', 'button.copy', '.jump-bar', 'details.prompt > summary']) {
      expect(await page.locator(hidden).first().isVisible(), `${hidden} is not printed`).toBe(false)
    }
    const pdf = await page.pdf({ format: 'A4' })
    expect(pdf.length).toBeGreaterThan(1000)
    await page.context().close()
  })
})
