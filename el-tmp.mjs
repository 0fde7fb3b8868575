import { launchBrowser } from './dist/test/support/browser.js'
import { serveSite } from './dist/test/support/serve.js'
const [dir, pagePath, selector, out, scheme = 'light', width = '1280'] = process.argv.slice(2)
const browser = await launchBrowser()
const server = await serveSite(dir)
const page = await (await browser.newContext({ colorScheme: scheme, viewport: { width: Number(width), height: 900 } })).newPage()
await page.goto(server.url + pagePath)
await page.locator(selector).first().screenshot({ path: out })
await server.close(); await browser.close()
