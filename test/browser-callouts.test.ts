/**
 * Callouts in a real browser (Debian's Chromium through playwright-core):
 * no axe violations in light or dark, a folded callout opens from its
 * summary (no JavaScript needed), and a 320-pixel screen does not scroll
 * sideways.
 */
import { AxeBuilder } from '@axe-core/playwright'
import { rm } from 'node:fs/promises'
import path from 'node:path'
import type { Browser, BrowserContextOptions, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { run } from '../src/cli.js'
import { launchBrowser } from './support/browser.js'
import { note, notesFolder, recordingIO } from './support/notes.js'
import { serveSite, type ServedSite } from './support/serve.js'

/** A note with a callout of every family, foldable ones and a nested one. */
const calloutsBody = `Callouts set things apart from the argument.

> [!note]
> A plain note with its default title.

> [!tip] A *useful* tip with a [[other|link]]
> Tips are green.

> [!warning]- Careful: folded
> Hidden until the title is clicked.

> [!danger]+ Open by default
> Red, and open.
>
> > [!quote] Nested quote
> > A callout inside a callout, with \`code\`.

> [!example] Example
> - one
> - two

> [!faq]- Does a question fold too?
> Yes.

> [!my-own-type] Unknown types look like notes
> Still readable.

> A plain blockquote, for comparison.
`

let root: string
let launching: Promise<Browser> | undefined
let browser: Browser
let site: ServedSite

async function openPage(options: BrowserContextOptions): Promise<Page> {
  const context = await browser.newContext(options)
  return context.newPage()
}

beforeAll(async () => {
  launching = launchBrowser()
  launching.catch(() => {})
  root = await notesFolder({
    'callouts.md': note('Do callouts render as accessible asides?', 'They render as notes, foldable without JavaScript.', calloutsBody),
    'other.md': note('Is there another note?', 'Yes, to link to.', 'Linked from a callout title.\n'),
  })
  const io = recordingIO(root)
  const code = await run(['build', 'notes', '--out', path.join(root, 'site'), '--no-cache'], io)
  expect(code, io.err()).toBe(0)
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

describe('callouts in the browser', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`have no axe violations in ${colorScheme}, folded or open`, async () => {
      const failures: string[] = []
      const page = await openPage({ colorScheme, viewport: { width: 1280, height: 900 } })
      try {
        expect((await page.goto(site.url + 'callouts/'))?.status()).toBe(200)
        expect(await page.locator('aside.callout').count()).toBe(8)
        for (const state of ['as built', 'all open']) {
          if (state === 'all open') {
            const closed = page.locator('.callout details:not([open]) > summary')
            expect(await closed.count()).toBe(2)
            while ((await closed.count()) > 0) await closed.first().click()
          }
          const { violations } = await new AxeBuilder({ page })
            .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
            .setLegacyMode(true)
            .analyze()
          for (const v of violations) failures.push(`${state}: ${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
        }
      } finally {
        await page.context().close()
      }
      expect(failures, failures.join('\n')).toEqual([])
    }, 90_000)
  }

  it('opens a folded callout when its summary is clicked, without JavaScript', async () => {
    const page = await openPage({ javaScriptEnabled: false })
    try {
      await page.goto(site.url + 'callouts/')
      const folded = page.locator('aside.callout[data-callout="warning"]')
      const content = folded.locator('.callout-content')
      expect(await content.isVisible()).toBe(false)
      expect(await page.locator('aside.callout[data-callout="danger"] .callout-content').first().isVisible(), '+ starts open').toBe(true)
      await folded.locator('summary').click()
      expect(await content.isVisible()).toBe(true)
      expect(await content.textContent()).toContain('Hidden until the title is clicked.')
      // And from the keyboard.
      const question = page.locator('aside.callout[data-callout="question"]')
      await question.locator('summary').focus()
      await page.keyboard.press('Enter')
      expect(await question.locator('.callout-content').isVisible()).toBe(true)
    } finally {
      await page.context().close()
    }
  })

  it('fits a 320-pixel screen', async () => {
    const page = await openPage({ viewport: { width: 320, height: 640 } })
    try {
      await page.goto(site.url + 'callouts/')
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(320)
    } finally {
      await page.context().close()
    }
  })
})
