/**
 * The built site in a real browser (Debian's Chromium through playwright-core):
 * the research prompt's copy button, the page without JavaScript, axe in
 * light and dark, and the site served under a GitHub Pages project path.
 *
 * DOM code runs in the page, so it is passed to `evaluate` as strings: the
 * test program has no DOM types, and vite rewrites functions that use import().
 */
import { AxeBuilder } from '@axe-core/playwright'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Browser, BrowserContextOptions, Page, Response } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { run } from '../src/cli.js'
import { launchBrowser } from './support/browser.js'
import { serveSite, type ServedSite } from './support/serve.js'

const inquiryPath = 'inquiries/distillation-then-rlvr/'
const notePath = 'sequencing-imitation-then-exploration/'
const missingPath = 'a/b/c/missing/'
const prefix = '/repo-name/'

let tmp: string
let launching: Promise<Browser> | undefined
let browser: Browser
/** The site built with the default base, served at `/`. */
let site: ServedSite
/** The same build, served under `/repo-name/`: relative links work at any path. */
let sameSiteUnderPrefix: ServedSite
/** A second build with `--base /repo-name/` (for 404.html), served under `/repo-name/`. */
let basedSite: ServedSite
/**
 * One page per kind of browser, shared by the tests (each test starts by
 * navigating). A new context or page starts a new renderer that compiles
 * axe-core again; a navigation in the same page reuses it, which makes the
 * file several times faster.
 */
let light: Page
let dark: Page
let noScript: Page

async function build(out: string, ...extra: string[]): Promise<void> {
  let errors = ''
  const code = await run(['build', 'notes', '--out', out, ...extra], {
    stdout: () => {},
    stderr: (text) => {
      errors += text
    },
    cwd: process.cwd(),
  })
  expect(code, `quire build ${extra.join(' ')} failed:\n${errors}`).toBe(0)
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'quire-browser-'))
  // Chromium starts while quire builds.
  launching = launchBrowser()
  launching.catch(() => {})
  await build(path.join(tmp, 'site'))
  await build(path.join(tmp, 'based'), '--base', prefix)
  ;[browser, site, sameSiteUnderPrefix, basedSite] = await Promise.all([
    launching,
    serveSite(path.join(tmp, 'site')),
    serveSite(path.join(tmp, 'site'), { prefix }),
    serveSite(path.join(tmp, 'based'), { prefix }),
  ])
  ;[light, dark, noScript] = await Promise.all([
    openPage({ colorScheme: 'light', permissions: ['clipboard-read', 'clipboard-write'] }),
    openPage({ colorScheme: 'dark' }),
    openPage({ javaScriptEnabled: false }),
  ])
})

afterAll(async () => {
  // Closing the browser closes its contexts; a browser that launched after a failed build is closed too.
  await Promise.all([
    launching?.then(
      (b) => b.close(),
      () => {},
    ),
    site?.close(),
    sameSiteUnderPrefix?.close(),
    basedSite?.close(),
  ])
  if (tmp) await rm(tmp, { recursive: true, force: true })
})

/** A page in a context of its own (AxeBuilder needs a page from `browser.newContext()`). */
async function openPage(options: BrowserContextOptions): Promise<Page> {
  const context = await browser.newContext(options)
  return context.newPage()
}

describe('the research prompt', () => {
  it('copies, from the button at the top of the page, the Markdown of prompt.md byte for byte, and announces it', async () => {
    const page = light
    const response = await page.goto(site.url + inquiryPath)
    expect(response?.status()).toBe(200)

    // The button sits in the jump bar under the summary, on the first screen, before the answer.
    const button = page.locator('.jump-bar').getByRole('button', { name: 'Copy the research prompt' })
    expect(await button.isVisible()).toBe(true)
    const box = (await button.boundingBox())!
    expect(box.y + box.height).toBeLessThan(page.viewportSize()!.height)
    const details = page.locator('details.prompt')
    expect(await details.getAttribute('open'), 'the prompt starts collapsed').toBeNull()

    await button.click()
    const status = page.locator('#prompt-status')
    await expect.poll(() => status.textContent(), { timeout: 2000 }).toMatch(/copied/i)
    expect(await status.getAttribute('role')).toBe('status')
    expect(await status.getAttribute('aria-live')).toBe('polite')

    const copied = await page.evaluate<string>('navigator.clipboard.readText()')
    // The button by the prompt copies the same, and says so beside itself.
    await page.evaluate('navigator.clipboard.writeText("")')
    await page.locator('.prompt-section').getByRole('button', { name: 'Copy the research prompt' }).click()
    await expect.poll(() => page.locator('#prompt-copied').textContent(), { timeout: 2000 }).toMatch(/copied/i)
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(copied)
    expect(copied.startsWith('You are a critical analyst of LLM reasoning training.')).toBe(true)
    expect(copied).toContain('**What a curated library found — and when:**\n• Distillation manufactures *informative* reward signal')
    expect(copied).toContain('arXiv:2605.28388 (2026-05) — Mechanistically Interpreting Sample Difficulty in RLVR.')

    // The downloadable prompt.md beside the page holds the same bytes.
    const href = await page.locator('a[download]').getAttribute('href')
    expect(href).toBe('prompt.md')
    const downloaded = await page.evaluate<string>(`fetch(${JSON.stringify(href)}).then((response) => response.text())`)
    expect(copied).toBe(downloaded)

    // Opened, the prompt reads formatted: headings and lists, no Markdown markers.
    await details.locator('summary').click()
    const shown = page.locator('#prompt-text')
    await shown.waitFor({ state: 'visible' })
    expect(await shown.locator('h3').allTextContents()).toEqual([
      'What a curated library found — and when',
      'Anchor papers (verify; mind their dates)',
      'Your task',
    ])
    expect(await shown.locator('li').count()).toBe(13)
    expect(await shown.innerText()).not.toMatch(/\*\*|•/)
    expect(await page.evaluate<string>(`getComputedStyle(document.querySelector('#prompt-text p')).fontFamily`)).not.toMatch(/mono/i)
  })

  it('without JavaScript, hides the copy button, opens the formatted prompt and offers prompt.md', async () => {
    const page = noScript
    await page.goto(site.url + inquiryPath)
    // One button in the jump bar, one by the prompt: both hidden, as they cannot work.
    const buttons = page.locator('button.copy')
    expect(await buttons.count()).toBe(2)
    for (const button of await buttons.all()) expect(await button.isVisible(), 'a button that cannot work is hidden').toBe(false)
    expect(await page.locator('a[download]').getAttribute('href')).toBe('prompt.md')

    // <details> opens without script; the prompt can be selected.
    const prompt = page.locator('#prompt-text')
    await page.locator('details.prompt > summary').click()
    await prompt.waitFor({ state: 'visible' })
    expect(await page.evaluate<string>(`getComputedStyle(document.getElementById('prompt-text')).userSelect`)).not.toBe('none')
    await prompt.selectText()
    expect(await page.evaluate<string>('String(getSelection())')).toContain('You are a critical analyst of LLM reasoning training.')
  })
})

describe('the jump bar', () => {
  it('moves to each part of the inquiry, opening the prompt for its claims', async () => {
    const page = light
    await page.goto(site.url + inquiryPath)
    const nav = page.getByRole('navigation', { name: 'On this page' })
    const names = await nav.getByRole('link').allTextContents()
    expect(names).toEqual(['Answer', 'Sources (9)', 'Prompt', 'Claims (6)'])
    for (const [name, target] of [
      ['Answer', '#answer'],
      ['Sources (9)', '#sources'],
      ['Claims (6)', '#claims'],
      ['Prompt', '#prompt-heading'],
    ] as const) {
      await page.evaluate('window.scrollTo(0, 0)')
      await nav.getByRole('link', { name, exact: true }).click()
      await expect.poll(() => page.evaluate<string>('location.hash')).toBe(target)
      // The heading is visible near the top of the screen.
      await expect
        .poll(() => page.evaluate<number>(`Math.round(document.querySelector('${target}').getBoundingClientRect().top)`), { timeout: 2000 })
        .toBeLessThan(200)
      expect(await page.locator(target).isVisible(), target).toBe(true)
    }
    expect(await page.locator('details.prompt').getAttribute('open'), 'the jump to the claims opened the prompt').not.toBeNull()
  })

  it('leaves nothing wider than a 390-pixel phone screen, on the inquiry and a note', async () => {
    const page = await openPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
    for (const path of [inquiryPath, notePath]) {
      await page.goto(site.url + path)
      if (path === inquiryPath) await page.locator('details.prompt > summary').click()
      expect(await page.evaluate<number>('document.documentElement.scrollWidth'), path).toBeLessThanOrEqual(390)
      const wide = await page.evaluate<string[]>(
        `[...document.querySelectorAll('main *')].filter((e) => e.getBoundingClientRect().right > 390.5 && !e.closest('svg')).map((e) => e.tagName + '.' + e.className)`,
      )
      expect(wide, path).toEqual([])
    }
    await page.context().close()
  })
})

describe('accessibility (axe-core)', () => {
  const pages: Array<{ name: string; path: string; expandPrompt?: boolean; status?: number }> = [
    { name: 'home', path: '' },
    { name: 'inquiry, prompt collapsed', path: inquiryPath },
    { name: 'inquiry, prompt expanded', path: inquiryPath, expandPrompt: true },
    { name: 'note', path: notePath },
    { name: '404 for a missing deep URL', path: missingPath, status: 404 },
  ]

  for (const target of pages) {
    // Light and dark run at once, in their own pages (and renderer processes).
    it(`${target.name} has no violations in light or dark`, async () => {
      const reports = await Promise.all(
        (['light', 'dark'] as const).map(async (colorScheme) => {
          const page = colorScheme === 'light' ? light : dark
          const response = await page.goto(site.url + target.path)
          expect(response?.status()).toBe(target.status ?? 200)
          expect(await page.evaluate<boolean>(`matchMedia('(prefers-color-scheme: ${colorScheme})').matches`)).toBe(true)
          if (target.expandPrompt) {
            await page.locator('details.prompt > summary').click()
            await page.locator('#prompt-text').waitFor({ state: 'visible' })
          }
          // Legacy mode runs axe in the page itself; the default opens a blank page per
          // analysis to merge frame results, which doubles the time and these pages have no frames.
          const { violations } = await new AxeBuilder({ page }).setLegacyMode(true).analyze()
          return violations.length > 0 ? `in ${colorScheme}: ${describeViolations(violations)}` : ''
        }),
      )
      const failures = reports.filter(Boolean)
      expect(failures.length, failures.join('\n')).toBe(0)
    })
  }
})

describe('served under a sub-path (GitHub Pages project site)', () => {
  it('every internal link from the home page and the inquiry page works', async () => {
    const page = light
    const origin = new URL(sameSiteUnderPrefix.url).origin
    const broken: string[] = []
    let checked = 0
    for (const from of ['', inquiryPath]) {
      const response = await page.goto(sameSiteUnderPrefix.url + from)
      expect(response?.status()).toBe(200)
      const targets = new Set((await linksOn(page)).filter((href) => new URL(href).origin === origin).map((href) => href.replace(/#.*$/, '')))
      expect(targets.size, `internal links on ${prefix}${from}`).toBeGreaterThan(5)
      for (const target of targets) {
        checked++
        if (!target.startsWith(sameSiteUnderPrefix.url)) {
          broken.push(`${target} (linked from ${prefix}${from}) leaves ${prefix}`)
          continue
        }
        const reply = await fetch(target, { redirect: 'manual' })
        await reply.arrayBuffer()
        if (reply.status !== 200) broken.push(`${target} (linked from ${prefix}${from}) → ${reply.status}`)
      }
    }
    expect(broken, `${broken.length} of ${checked} links are broken:\n${broken.join('\n')}`).toEqual([])
  })

  it('a missing deep URL shows the 404 page, styled, with a home link that works', async () => {
    const page = light
    const loaded: Response[] = []
    const record = (response: Response) => loaded.push(response)
    page.on('response', record)
    try {
      const response = await page.goto(basedSite.url + missingPath)
      expect(response?.status()).toBe(404)
      expect(await page.locator('h1').textContent()).toBe('Page not found')

      const stylesheets = loaded.filter((r) => r.request().resourceType() === 'stylesheet')
      expect(stylesheets.map((r) => [r.url(), r.status()])).toEqual([[basedSite.url + 'assets/quire.css', 200]])
      const failed = loaded.filter((r) => r !== response && r.status() !== 200).map((r) => `${r.url()} → ${r.status()}`)
      expect(failed, 'every asset of the 404 page loads').toEqual([])
      expect(await page.evaluate<number>('document.styleSheets[0]?.cssRules.length ?? 0')).toBeGreaterThan(0)
    } finally {
      page.off('response', record)
    }

    const [home] = await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Go to the home page' }).click()])
    expect(home?.status()).toBe(200)
    expect(page.url()).toBe(basedSite.url)
    expect(await page.locator('#inquiries').count(), 'the home page lists the inquiries').toBe(1)
  })
})

/** Every URL a page links to or loads: anchors, stylesheets, scripts (resolved). */
function linksOn(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(
    // getAttribute, not .href: an SVG link's href is not a string (the graph's nodes are SVG links).
    `[...document.querySelectorAll('a[href], link[href]')].map((e) => new URL(e.getAttribute('href'), document.baseURI).href).concat([...document.querySelectorAll('script[src]')].map((e) => e.src))`,
  )
}

interface AxeViolation {
  readonly id: string
  readonly impact?: string | null
  readonly help: string
  readonly helpUrl: string
  readonly nodes: readonly { readonly target: readonly unknown[]; readonly failureSummary?: string }[]
}

/** Violations as a reader can act on them: rule, help, then each element and why it fails. */
function describeViolations(violations: readonly AxeViolation[]): string {
  if (violations.length === 0) return 'no violations'
  return (
    `${violations.length} axe violation(s):\n` +
    violations
      .map((v) =>
        [
          `- ${v.id} (${v.impact ?? 'unknown impact'}): ${v.help} <${v.helpUrl}>`,
          ...v.nodes.map((node) => `    at ${node.target.map(String).join(' ')}\n      ${(node.failureSummary ?? '').replace(/\n/g, '\n      ')}`),
        ].join('\n'),
      )
      .join('\n')
  )
}
