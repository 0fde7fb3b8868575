/**
 * The dev server: serves the last good site from memory under the site's
 * base path, streams rebuild events (server-sent events), and adds the
 * live-reload client to HTML pages it serves. The site itself is unchanged:
 * what it holds is byte for byte what `quire build` writes.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'

/** The path prefix of the dev server's own endpoints. */
export const devPrefix = '/__quire/'

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.pdf': 'application/pdf',
}

/** What the server needs from the dev session. */
export interface DevSource {
  /** The base path the site is served under (`/` or `/repo/`). */
  readonly base: string
  /** Does the last good site have this file (by path relative to the site root)? */
  has(relative: string): boolean
  /** A file of the last good site, made when asked for: text, or bytes copied from disk. */
  file(relative: string): Promise<string | Uint8Array | undefined>
  /** The dev client's own files (script, stylesheet), by name. */
  client(name: string): string | undefined
  /** The current diagnostics as JSON for the overlay. */
  status(): unknown
}

/** A running dev server. */
export interface DevServer {
  readonly url: string
  readonly port: number
  /** Send an event to every connected browser. */
  send(event: string, data: unknown): void
  close(): Promise<void>
}

/** Start serving on `host:port`; if the port is taken, on a free one. */
export async function startDevServer(source: DevSource, options: { host: string; port: number }): Promise<DevServer> {
  const clients = new Set<ServerResponse>()
  const server = createServer((request, response) => {
    handle(source, clients, request, response).catch((problem: unknown) => {
      if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', `quire dev could not make this file: ${(problem as Error)?.stack ?? String(problem)}`)
      else response.end()
    })
  })
  const port = await listen(server, options.host, options.port).catch(async (problem: NodeJS.ErrnoException) => {
    if (problem.code !== 'EADDRINUSE' || options.port === 0) throw problem
    return listen(server, options.host, 0)
  })
  const heartbeat = setInterval(() => {
    for (const client of clients) client.write(': keep-alive\n\n')
  }, 15_000)
  heartbeat.unref()
  return {
    url: `http://${options.host}:${port}${source.base}`,
    port,
    send(event, data) {
      const message = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`
      for (const client of clients) client.write(message)
    },
    close() {
      clearInterval(heartbeat)
      for (const client of clients) client.end()
      clients.clear()
      return new Promise((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
    },
  }
}

function listen(server: ReturnType<typeof createServer>, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (problem: Error): void => {
      server.off('listening', onListening)
      reject(problem)
    }
    const onListening = (): void => {
      server.off('error', onError)
      resolve((server.address() as AddressInfo).port)
    }
    server.once('error', onError)
    server.once('listening', onListening)
    server.listen(port, host)
  })
}

async function handle(source: DevSource, clients: Set<ServerResponse>, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://localhost')
  let pathname: string
  try {
    pathname = decodeURIComponent(url.pathname)
  } catch {
    return send(response, 400, 'text/plain; charset=utf-8', 'Bad request')
  }

  if (pathname.startsWith(devPrefix)) {
    const name = pathname.slice(devPrefix.length)
    if (name === 'events') {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' })
      response.write(`event: status\ndata: ${JSON.stringify(source.status())}\n\n`)
      clients.add(response)
      request.on('close', () => clients.delete(response))
      return
    }
    if (name === 'status') return send(response, 200, contentTypes['.json']!, JSON.stringify(source.status()))
    const client = source.client(name)
    if (client !== undefined) return send(response, 200, contentTypes[path.extname(name)] ?? 'text/plain', client)
    return send(response, 404, 'text/plain; charset=utf-8', 'Not found')
  }

  if (!pathname.startsWith(source.base)) {
    if (pathname === '/' || pathname === '') return redirect(response, source.base)
    return notFound(source, response)
  }
  const relative = pathname.slice(source.base.length)
  if (relative.split('/').includes('..')) return notFound(source, response)
  const candidates = relative === '' || relative.endsWith('/') ? [`${relative}index.html`] : [relative]
  for (const candidate of candidates) {
    const contents = await source.file(candidate)
    if (contents !== undefined) return sendSiteFile(response, 200, candidate, contents)
  }
  if (!relative.endsWith('/') && source.has(`${relative}/index.html`)) return redirect(response, `${pathname}/`)
  return notFound(source, response)
}

async function notFound(source: DevSource, response: ServerResponse): Promise<void> {
  const page = await source.file('404.html')
  if (page === undefined) return send(response, 404, 'text/plain; charset=utf-8', 'Not found')
  return sendSiteFile(response, 404, '404.html', page)
}

function sendSiteFile(response: ServerResponse, status: number, file: string, contents: string | Uint8Array): void {
  const type = contentTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream'
  const body = file.endsWith('.html') && typeof contents === 'string' ? withClient(contents) : contents
  send(response, status, type, body)
}

/** Add the live-reload client to a page (only as served by the dev server). */
function withClient(html: string): string {
  const tags = `<link rel="stylesheet" href="${devPrefix}client.css"><script src="${devPrefix}client.js" defer></script>`
  const at = html.indexOf('</head>')
  return at === -1 ? html + tags : html.slice(0, at) + tags + html.slice(at)
}

function send(response: ServerResponse, status: number, type: string, body: string | Uint8Array): void {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' })
  response.end(body)
}

function redirect(response: ServerResponse, location: string): void {
  response.writeHead(301, { location })
  response.end()
}
