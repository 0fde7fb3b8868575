/**
 * Screenshots of a built site for a human to judge: the home page, the
 * first inquiry (prompt expanded), a note, the pages the header links to
 * and the not-found page, at phone and desktop widths, in light and dark.
 *
 *   npx tsc -p . && node dist/scripts/screenshots.js [SITE_DIR] [OUT_DIR] [PAGE...]
 *
 * SITE_DIR defaults to `site`, OUT_DIR to `screenshots`. Each PAGE (a path
 * in the site, such as `my-note/`) is photographed too. Needs Chromium
 * (`/usr/bin/chromium`, or set CHROMIUM_PATH). Exits 1 if a page scrolls
 * sideways at phone width.
 */
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import type { Browser, BrowserContextOptions, Page } from 'playwright-core'
import { launchBrowser } from '../test/support/browser.js'
import { serveSite } from '../test/support/serve.js'

/** A screen size to render at. */
interface Viewport {
  readonly name: string
  readonly options: BrowserContextOptions
  readonly width: number
}

const viewports: readonly Viewport[] = [
  { name: 'phone', width: 390, options: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 } },
  { name: 'desktop', width: 1280, options: { viewport: { width: 1280, height: 900 } } },
]

const schemes = ['light', 'dark'] as const

/** A page to photograph: where it is, and what to do before the picture. */
interface Shot {
  readonly name: string
  readonly path: string
  /** The HTTP status the page should be served with (default 200). */
  readonly status?: number
  readonly prepare?: (page: Page) => Promise<void>
}

async function main(argv: readonly string[]): Promise<number> {
  const [siteDir = 'site', outDir = 'screenshots', ...extra] = argv
  const server = await serveSite(path.resolve(siteDir))
  let browser: Browser | undefined
  try {
    browser = await launchBrowser()
    await mkdir(outDir, { recursive: true })
    const shots = await findShots(browser, server.url)
    for (const extraPath of extra) shots.push({ name: extraPath.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'page', path: extraPath })
    const problems: string[] = []
    for (const viewport of viewports) {
      for (const colorScheme of schemes) {
        const context = await browser.newContext({ ...viewport.options, colorScheme })
        const page = await context.newPage()
        for (const shot of shots) {
          const response = await page.goto(server.url + shot.path)
          if (response?.status() !== (shot.status ?? 200)) problems.push(`/${shot.path}: status ${response?.status()}`)
          await shot.prepare?.(page)
          const file = path.join(outDir, `${shot.name}-${viewport.name}-${colorScheme}.png`)
          await page.screenshot({ path: file, fullPage: true })
          const scrollWidth = await page.evaluate<number>('document.documentElement.scrollWidth')
          if (scrollWidth > viewport.width) problems.push(`${file}: the page is ${scrollWidth}px wide, wider than the ${viewport.width}px screen`)
          process.stdout.write(`${file}\n`)
        }
        await context.close()
      }
    }
    for (const problem of problems) process.stderr.write(`screenshots: ${problem}\n`)
    return problems.length > 0 ? 1 : 0
  } finally {
    await browser?.close()
    await server.close()
  }
}

/** The home page, the first inquiry and a note it lists (one citing papers, if any does: more to see), the pages the header links to, the 404 page. */
async function findShots(browser: Browser, url: string): Promise<Shot[]> {
  const context = await browser.newContext()
  try {
    const page = await context.newPage()
    await page.goto(url)
    // A library may have no inquiries yet (a vault published as it is): do not wait for one.
    const first = async (selector: string) => ((await page.locator(selector).count()) > 0 ? page.locator(selector).first().getAttribute('href') : null)
    const inquiry = await first('.inquiries .card-title')
    const notes = await page.locator('.notes .card-title').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''))
    let note = notes[0]
    for (const candidate of notes) {
      const html = await (await fetch(new URL(candidate, url))).text()
      if (html.includes('class="papers"')) {
        note = candidate
        break
      }
    }
    const shots: Shot[] = [{ name: 'home', path: '' }]
    if (inquiry) {
      shots.push({
        name: 'inquiry',
        path: inquiry,
        prepare: async (page) => {
          const summary = page.locator('details.prompt > summary')
          if ((await summary.count()) > 0) await summary.click()
        },
      })
    }
    if (note) shots.push({ name: 'note', path: note })
    // Pages the header links to (such as the papers index), other than home.
    for (const link of await page.locator('.site-header nav a').all()) {
      const href = await link.getAttribute('href')
      const label = ((await link.textContent()) ?? '')
        .trim()
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
      if (href && label && new URL(href, url).href !== url) shots.push({ name: label, path: href })
    }
    shots.push({ name: 'not-found', path: 'no/such/page/', status: 404 })
    return shots
  } finally {
    await context.close()
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (problem: unknown) => {
    process.stderr.write(`screenshots: ${problem instanceof Error ? problem.message : String(problem)}\n`)
    process.exitCode = 1
  },
)
