import { launchBrowser } from './dist/test/support/browser.js'
import { serveSite } from './dist/test/support/serve.js'
const browser = await launchBrowser()
const server = await serveSite('/tmp/pub/site')
for (const scheme of ['light', 'dark']) {
const page = await (await browser.newContext({ colorScheme: scheme, viewport: { width: 1280, height: 900 } })).newPage()
await page.goto(server.url + 'math-of-sampling/')
for (let i = 0; i < 60; i++) { await page.keyboard.press('Tab'); if (await page.evaluate("document.activeElement?.matches('a.graph-node')")) break }
await page.keyboard.press('Tab')
await page.locator('section.local-graph .graph-figure').screenshot({ path: `/tmp/focus-${scheme}.png` })
}
await server.close(); await browser.close()
