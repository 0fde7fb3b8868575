/**
 * quire dev's defences: it answers only requests addressed to it by a
 * loopback name (no DNS rebinding), its own endpoints only pages it serves,
 * and a file it cannot make is reported without a stack or absolute paths.
 */
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDevSession, type DevSession } from '../src/dev/dev-session.js'
import { failurePage, SiteFileFailure, withoutAbsolutePaths } from '../src/dev/failure.js'
import { allowedHosts, startDevServer, type DevSource } from '../src/dev/serve.js'
import { note, notesFolder } from './support/notes.js'

/** What the server answered: status, headers and (unless it is a stream) the body. */
interface Answer {
  readonly status: number
  readonly type: string
  readonly body: string
}

/** A GET to the dev server on 127.0.0.1 with these headers; a stream's body is left unread. */
function get(port: number, pathname: string, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const sent = request({ host: '127.0.0.1', port, path: pathname, headers }, (response) => {
      const type = String(response.headers['content-type'] ?? '')
      if (type.startsWith('text/event-stream')) {
        resolve({ status: response.statusCode!, type, body: '' })
        response.destroy()
        return
      }
      let body = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => (body += chunk))
      response.on('end', () => resolve({ status: response.statusCode!, type, body }))
    })
    sent.on('error', reject)
    sent.end()
  })
}

/** Wait until `check` holds (the watcher reports a change a little after it is made). */
async function until(what: string, check: () => boolean, ms = 8000): Promise<void> {
  const end = Date.now() + ms
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; log:\n${log.join('\n')}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  await session.idle()
}

let root: string
let session: DevSession
const log: string[] = []

beforeAll(async () => {
  root = await notesFolder({
    'figure-note.md': note('A note with a figure', 'It shows a figure.', 'The figure:\n\n![[figure.png]]\n'),
    'figure.png': 'not really a PNG',
  })
  session = await startDevSession({ notesDir: path.join(root, 'notes'), host: '127.0.0.1', port: 0, cwd: root, log: (line) => log.push(line) })
})

afterAll(async () => {
  await session?.close()
  await rm(root, { recursive: true, force: true })
})

describe('quire dev answers only its own host names', () => {
  it('answers 127.0.0.1, localhost and [::1] with its port, in any case', async () => {
    const port = session.port
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `LocalHost:${port}`]) {
      const answer = await get(port, '/figure-note/', { host })
      expect(answer.status, host).toBe(200)
      expect(answer.body).toContain('A note with a figure')
      expect((await get(port, '/__quire/status', { host })).status, host).toBe(200)
      expect((await get(port, '/__quire/events', { host })).status, host).toBe(200)
    }
  })

  it('refuses any other Host with 421 and says which host to use, the event stream too', async () => {
    const port = session.port
    for (const host of [`evil.example:${port}`, 'evil.example', `localhost:${port + 1}`, '127.0.0.1', `127.0.0.1.evil.example:${port}`, `localhost.:${port}`]) {
      for (const pathname of ['/figure-note/', '/', '/__quire/events', '/__quire/status', '/__quire/client.js']) {
        const answer = await get(port, pathname, { host })
        expect(answer.status, `${host} ${pathname}`).toBe(421)
        expect(answer.type).toMatch(/^text\/plain/)
        expect(answer.body).toContain(`Open http://127.0.0.1:${port}/ instead`)
        expect(answer.body).not.toContain('A note with a figure')
      }
    }
  })

  it('refuses its own endpoints to pages from another origin', async () => {
    const port = session.port
    const host = `127.0.0.1:${port}`
    for (const origin of ['http://evil.example', `http://evil.example:${port}`, 'null', `https://127.0.0.1:${port}`]) {
      const answer = await get(port, '/__quire/events', { host, origin })
      expect(answer.status, origin).toBe(403)
      expect(answer.body).toContain('answer only pages it serves')
    }
    expect((await get(port, '/__quire/events', { host, origin: `http://localhost:${port}` })).status).toBe(200)
    expect((await get(port, '/__quire/status', { host, origin: `http://127.0.0.1:${port}` })).status).toBe(200)
  })

  it('trusts the loopback names and the host it was told to listen on', () => {
    expect([...allowedHosts('127.0.0.1', 4321)].sort()).toEqual(['127.0.0.1:4321', '[::1]:4321', 'localhost:4321'])
    expect(allowedHosts('0.0.0.0', 4321).has('0.0.0.0:4321')).toBe(false)
    expect([...allowedHosts('Notes.Lan', 4321)][0]).toBe('notes.lan:4321')
    expect(allowedHosts('fe80::1', 4321).has('[fe80::1]:4321')).toBe(true)
    expect(allowedHosts('localhost', 80).has('localhost')).toBe(true)
  })
})

describe("quire dev's 500 page", () => {
  it('names the file relative to the notes folder and the message, with no stack or absolute path', async () => {
    // A note with broken front matter makes the builds that follow fail, so the last good site, which still lists the figure, stays served.
    await writeFile(path.join(root, 'notes', 'broken.md'), '---\ntitle: [unclosed\n---\nText.\n')
    await until('the build that fails', () => session.diagnostics().some((d) => d.code === 'yaml-syntax'))
    await rm(path.join(root, 'notes', 'figure.png'))
    await until('the build that misses the figure', () => session.diagnostics().some((d) => d.code === 'missing-attachment'))
    const answer = await get(session.port, '/figure.png', { host: `localhost:${session.port}` })
    expect(answer.status).toBe(500)
    expect(answer.type).toMatch(/^text\/plain/)
    expect(answer.body).toMatch(/^quire dev could not make \/figure\.png from figure\.png: ENOENT: no such file or directory, open 'figure\.png'\n/)
    expect(answer.body).not.toContain(root)
    expect(answer.body).not.toMatch(/\n\s+at /)
    expect(answer.body).not.toContain(tmpdir())
    // The terminal gets the same one line, and no stack unless QUIRE_DEBUG is set.
    expect(log).toContain(answer.body.split('\n')[0])
    expect(log.filter((line) => /^\s+at /.test(line))).toEqual([])

    // Put the figure back and mend the note: the site builds again and the figure is served.
    await writeFile(path.join(root, 'notes', 'figure.png'), 'not really a PNG')
    await rm(path.join(root, 'notes', 'broken.md'))
    await until('the build that finds the figure again', () => session.diagnostics().length === 0)
    expect((await get(session.port, '/figure.png', { host: `localhost:${session.port}` })).status).toBe(200)
  })

  it('prints the stack to the terminal when QUIRE_DEBUG is set', async () => {
    const lines: string[] = []
    const source: DevSource = {
      base: '/',
      has: () => true,
      file: () => Promise.reject(new Error('boom')),
      client: () => undefined,
      status: () => ({ ok: true, diagnostics: [] }),
    }
    const server = await startDevServer(source, { host: '127.0.0.1', port: 0, log: (line) => lines.push(line), env: { QUIRE_DEBUG: '1' } })
    try {
      const answer = await get(server.port, '/page/', { host: `127.0.0.1:${server.port}` })
      expect(answer.status).toBe(500)
      expect(answer.body).not.toMatch(/\n\s+at /)
      expect(lines[0]).toBe('quire dev could not make /page/: boom')
      expect(lines.some((line) => /^\s+at /.test(line))).toBe(true)
    } finally {
      await server.close()
    }
  })

  it('cuts absolute paths from any message', () => {
    expect(withoutAbsolutePaths("EACCES: permission denied, open '/home/someone/notes/img/a.png'", '/home/someone/notes')).toBe(
      "EACCES: permission denied, open 'img/a.png'",
    )
    expect(withoutAbsolutePaths('cannot read /home/someone/notes', '/home/someone/notes')).toBe('cannot read .')
    expect(withoutAbsolutePaths('in /usr/lib/node_modules/quire/dist/render.js: boom')).toBe('in render.js: boom')
    expect(withoutAbsolutePaths("open 'C:\\Users\\someone\\notes\\a.png'")).toBe("open 'a.png'")
    const page = failurePage('/x/', new SiteFileFailure('x.md', 'bad\nthing'))
    expect(page.split('\n')[0]).toBe('quire dev could not make /x/ from x.md: bad\\nthing')
    expect(failurePage('/y/', new Error('at /opt/quire/y.js'))).toMatch(/^quire dev could not make \/y\/: at y\.js\n/)
  })
})
