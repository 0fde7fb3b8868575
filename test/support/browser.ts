/**
 * Launch the system's Chromium (Debian's `chromium` package) through
 * playwright-core, with the flags that keep it quiet and offline.
 *
 * Open pages from `browser.newContext(...)`, not `browser.newPage()`:
 * AxeBuilder rejects pages that have no context of their own.
 */
import { chromium, type Browser } from 'playwright-core'

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
