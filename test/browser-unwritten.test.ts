/**
 * Links to notes not written yet in a real browser (Debian's Chromium
 * through playwright-core): no axe violations on a page with marks or on
 * the page that lists them, in light or dark; the mark is not a link and
 * reads "(not written yet)" to assistive technology; a phone does not
 * scroll sideways.
 */
import { AxeBuilder } from '@axe-core/playwright'
import path from 'node:path'
import type { BrowserContextOptions, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { run } from '../src/cli.js'
import { browseBuiltSite, type BrowsedSite } from './support/browser.js'
import { note, notesFolder, recordingIO } from './support/notes.js'
import type { ServedSite } from './support/serve.js'

let browsed: BrowsedSite
let site: ServedSite
const openPage = (options: BrowserContextOptions): Promise<Page> => browsed.openPage(options)

beforeAll(async () => {
  browsed = await browseBuiltSite(async () => {
    const root = await notesFolder({
      'garden.md': note(
        'Does a garden grow by linking first?',
        'Links come before the notes they name.',
        'A link to [[Someday]] and to [[someday|the same note, labelled]], then [[written]].\n\n## About [[A Longer Name Nobody Wrote Yet]]\n\n- [[Someday]] in a list\n',
      ),
      'written.md': note('Is this one written?', 'Yes.', 'It links to [[Someday]] too.\n'),
    })
    const io = recordingIO(root)
    const code = await run(['build', 'notes', '--out', path.join(root, 'site'), '--no-cache'], io)
    expect(code, io.err()).toBe(0)
    return root
  })
  site = browsed.site
}, 60_000)

afterAll(async () => {
  await browsed?.close()
})

describe('notes not written yet in the browser', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`have no axe violations in ${colorScheme}`, async () => {
      const failures: string[] = []
      const page = await openPage({ colorScheme })
      try {
        for (const address of ['garden/', 'not-written-yet/', '']) {
          expect((await page.goto(site.url + address))?.status()).toBe(200)
          const { violations } = await new AxeBuilder({ page })
            .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
            .setLegacyMode(true)
            .analyze()
          for (const v of violations) failures.push(`${address}: ${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
        }
      } finally {
        await page.context().close()
      }
      expect(failures, failures.join('\n')).toEqual([])
    }, 90_000)
  }

  it('shows the mark as text, not a link, and names it for screen readers', async () => {
    const page = await openPage({ viewport: { width: 1280, height: 900 } })
    try {
      await page.goto(site.url + 'garden/')
      const mark = page.locator('.prose .unwritten').first()
      expect(await mark.getAttribute('title')).toBe('Not written yet')
      expect(await page.getByRole('link', { name: /Someday/ }).count()).toBe(0)
      // The hint is read, not shown.
      expect(await mark.textContent()).toBe('Someday (not written yet)')
      expect(await mark.locator('.unwritten-hint').boundingBox()).toMatchObject({ width: 1, height: 1 })
      // It looks unlike a link: another colour and a dashed underline.
      const style = (selector: string) =>
        page
          .locator(selector)
          .first()
          .evaluate((element) => [getComputedStyle(element).color, getComputedStyle(element).textDecorationStyle])
      const [markColour, markLine] = await style('.prose .unwritten')
      const [linkColour] = await style('.prose a.internal')
      expect(markLine).toBe('dashed')
      expect(markColour).not.toBe(linkColour)
    } finally {
      await page.context().close()
    }
  })

  it('fits a 320-pixel screen', async () => {
    const page = await openPage({ viewport: { width: 320, height: 640 } })
    try {
      for (const address of ['garden/', 'not-written-yet/']) {
        await page.goto(site.url + address)
        expect(await page.evaluate<number>('document.documentElement.scrollWidth'), address).toBeLessThanOrEqual(320)
      }
    } finally {
      await page.context().close()
    }
  })
})
