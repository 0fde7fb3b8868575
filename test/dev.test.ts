/**
 * quire dev end to end: a real server, real file edits, real events.
 */
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDevSession, type DevSession } from '../src/dev/dev-session.js'
import { contentsOf } from '../src/render/render-site.js'
import { buildSite } from '../src/build/pipeline.js'

let root: string
let session: DevSession
const log: string[] = []

/** Collect server-sent events from the dev server. */
function listen(url: string) {
  const events: { event: string; data: unknown }[] = []
  const controller = new AbortController()
  const done = (async () => {
    const response = await fetch(url, { signal: controller.signal })
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader()
    let buffer = ''
    for (;;) {
      const { value, done } = await reader.read()
      if (done) return
      buffer += value
      let end: number
      while ((end = buffer.indexOf('\n\n')) !== -1) {
        const block = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        const event = /^event: (.*)$/m.exec(block)?.[1]
        const data = /^data: (.*)$/m.exec(block)?.[1]
        if (event && data) events.push({ event, data: JSON.parse(data) })
      }
    }
  })().catch(() => undefined)
  return { events, stop: () => (controller.abort(), done) }
}

async function until<T>(what: string, check: () => T | undefined | false, ms = 8000): Promise<T> {
  const end = Date.now() + ms
  for (;;) {
    const value = check()
    if (value) return value
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; log:\n${log.join('\n')}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'quire-dev-'))
  await cp('notes', path.join(root, 'notes'), { recursive: true })
  session = await startDevSession({ notesDir: path.join(root, 'notes'), host: '127.0.0.1', port: 0, cwd: root, log: (line) => log.push(line) })
})

afterAll(async () => {
  await session?.close()
})

describe('quire dev', () => {
  it('serves the site, rebuilds on edits, reports errors while serving the last good site', async () => {
    const inquiryUrl = `${session.url}inquiries/distillation-then-rlvr/`
    const first = await fetch(inquiryUrl)
    expect(first.status).toBe(200)
    const firstHtml = await first.text()
    expect(firstHtml).toContain('/__quire/client.js')
    expect(firstHtml).toContain('Running Supervised RL first')

    const stream = listen(`${session.url.replace(/\/$/, '')}/__quire/events`)
    await until('the event stream', () => stream.events.length > 0)

    // 1. Edit a note's summary: the inquiry, which lists it as a source, changes.
    const notePath = path.join(root, 'notes', 'sequencing-imitation-then-exploration.md')
    const original = await readFile(notePath, 'utf8')
    await writeFile(notePath, original.replace('Running Supervised RL first', 'EDITED: running Supervised RL first'))
    const reload = await until('a reload event', () => stream.events.find((e) => e.event === 'reload'))
    expect((reload.data as { changed: string[] }).changed).toEqual(
      expect.arrayContaining(['inquiries/distillation-then-rlvr/index.html', 'sequencing-imitation-then-exploration/index.html', 'index.html']),
    )
    expect(await (await fetch(inquiryUrl)).text()).toContain('EDITED: running Supervised RL first')
    expect(log.join('\n')).toMatch(/parsed 1 of 10 files, 2 pages changed \(inquiries\/distillation-then-rlvr, sequencing-imitation-then-exploration\)/)

    // 2. Break a link: errors are reported, the last good page is still served.
    const inquiryPath = path.join(root, 'notes', 'inquiries', 'distillation-then-rlvr.md')
    const inquiry = await readFile(inquiryPath, 'utf8')
    await writeFile(inquiryPath, inquiry.replace('[[sequencing-imitation-then-exploration]]', '[[no-such-note]]'))
    const broken = await until('a diagnostics event with an error', () =>
      stream.events.find((e) => e.event === 'diagnostics' && !(e.data as { ok: boolean }).ok),
    )
    expect((broken.data as { diagnostics: { code: string; file: string; line: number }[] }).diagnostics).toEqual([
      expect.objectContaining({ code: 'unresolved-link', file: 'notes/inquiries/distillation-then-rlvr.md', line: 42, column: 142 }),
      // The seed's config has no `url` on purpose (see docs/configuration.md).
      expect.objectContaining({ code: 'missing-site-url', file: 'notes/quire.config.yaml', line: 1 }),
    ])
    const stillServed = await fetch(inquiryUrl)
    expect(stillServed.status).toBe(200)
    expect(await stillServed.text()).toContain('EDITED: running Supervised RL first')
    const status = (await (await fetch(`${session.url.replace(/\/$/, '')}/__quire/status`)).json()) as { ok: boolean }
    expect(status.ok).toBe(false)

    // 3. Fix it: a clean status clears the overlay. The site is what it was
    //    before the break, so nothing needs reloading.
    const seen = stream.events.length
    await writeFile(inquiryPath, inquiry)
    await until('a clean diagnostics event', () => stream.events.slice(seen).find((e) => e.event === 'diagnostics' && (e.data as { ok: boolean }).ok))
    await session.idle()
    // Only the warning the seed always has (its config sets no `url`, on purpose).
    expect(session.diagnostics().map((d) => d.code)).toEqual(['missing-site-url'])
    await stream.stop()

    // The served site is byte for byte a clean build of the same notes.
    const clean = await buildSite(path.join(root, 'notes'), { cwd: root })
    expect(new Map(clean.files!.map((f) => [f.path, contentsOf(f)]))).toEqual(await session.site())
  })

  it('serves 404.html for missing pages and redirects folders to their slash', async () => {
    const missing = await fetch(`${session.url}no/such/page/`)
    expect(missing.status).toBe(404)
    expect(await missing.text()).toContain('Page not found')
    const folder = await fetch(`${session.url}inquiries/distillation-then-rlvr`, { redirect: 'manual' })
    expect(folder.status).toBe(301)
    expect(folder.headers.get('location')).toBe('/inquiries/distillation-then-rlvr/')
  })
})
