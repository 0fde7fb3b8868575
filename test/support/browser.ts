/**
 * Launch the system's Chromium (Debian's `chromium` package) through
 * playwright-core, with the flags that keep it quiet and offline.
 *
 * Open pages from `browser.newContext(...)`, not `browser.newPage()`:
 * AxeBuilder rejects pages that have no context of their own.
 */
import { rm } from 'node:fs/promises'
import path from 'node:path'
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core'
import { serveSite, type ServedSite } from './serve.js'

/** Where Chromium is: `CHROMIUM_PATH`, else Debian's `/usr/bin/chromium`. */
export function chromiumPath(): string {
  return process.env['CHROMIUM_PATH'] || '/usr/bin/chromium'
}

/** Flags for a headless run on a machine without a sandbox, a GPU or internet access. */
export const chromiumArgs: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  // Without these Chromium keeps trying to reach the internet.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

/** Launch Chromium; close it with `browser.close()`. */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = chromiumPath()
  try {
    return await chromium.launch({ executablePath, args: [...chromiumArgs] })
  } catch (problem) {
    throw new Error(
      `could not launch Chromium at ${executablePath}: install it (\`apt-get install -y chromium\`) or set CHROMIUM_PATH.\n${(problem as Error).message}`,
      { cause: problem },
    )
  }
}

/** A site built for a browser test: Chromium, the site served on loopback, and the folder it was built in. */
export interface BrowsedSite {
  readonly root: string
  readonly browser: Browser
  readonly site: ServedSite
  /** A page in a context of its own (see the note at the top). */
  openPage(options?: BrowserContextOptions): Promise<Page>
  /** Close the browser and the server, and remove the folder. */
  close(): Promise<void>
}

/**
 * Launch Chromium while `build` makes a site in `root/site` (it returns
 * `root`, the folder it made), then serve that site. If the build fails,
 * the browser is closed before the failure is passed on.
 */
export async function browseBuiltSite(build: () => Promise<string>): Promise<BrowsedSite> {
  const launching = launchBrowser()
  launching.catch(() => {})
  let root: string
  try {
    root = await build()
  } catch (problem) {
    await launching.then(
      (browser) => browser.close(),
      () => {},
    )
    throw problem
  }
  return browseSite(root, { keep: false }, launching)
}

/**
 * Serve `root/site` and launch Chromium (or use the launch already under
 * way). `close()` removes `root` unless `keep` is set.
 */
export async function browseSite(root: string, { keep }: { keep: boolean }, launching = launchBrowser()): Promise<BrowsedSite> {
  const [browser, site] = await Promise.all([launching, serveSite(path.join(root, 'site'))])
  return {
    root,
    browser,
    site,
    openPage: async (options) => (await browser.newContext(options)).newPage(),
    async close() {
      await Promise.all([browser.close().catch(() => {}), site.close()])
      if (!keep) await rm(root, { recursive: true, force: true })
    },
  }
}
