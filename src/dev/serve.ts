/**
 * The dev server: serves the last good site from memory under the site's
 * base path, streams rebuild events (server-sent events), and adds the
 * live-reload client to HTML pages it serves. The site itself is unchanged:
 * what it holds is byte for byte what `quire build` writes.
 *
 * It answers only requests addressed to it by a loopback name (or the
 * host it was told to listen on), so a page elsewhere cannot read the
 * notes through DNS rebinding; and a page that cannot be made is
 * reported without a stack or absolute paths.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { oneLine } from '../diagnostics.js'
import { failureLine, failurePage } from './failure.js'

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
  /** What the overlay shows, as JSON: whether the site is good, and while it is not, the diagnostics. */
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

/** Options of the dev server. */
export interface DevServerOptions {
  /** The address or name to listen on. Requests must name it, or a loopback name, in their Host header. */
  readonly host: string
  /** The port to listen on (0: any free one). */
  readonly port: number
  /** Where the server's own progress lines go (a file it could not make). */
  readonly log?: (line: string) => void
  /** The environment, read for `QUIRE_DEBUG` (print the stack of a file it could not make). */
  readonly env?: NodeJS.ProcessEnv
}

/** Start serving on `host:port`; if the port is taken, on a free one. */
export async function startDevServer(source: DevSource, options: DevServerOptions): Promise<DevServer> {
  const clients = new Set<ServerResponse>()
  let hosts: ReadonlySet<string> = new Set()
  const debug = Boolean((options.env ?? process.env)['QUIRE_DEBUG'])
  const server = createServer((request, response) => {
    const refusal = refuse(request, hosts)
    if (refusal) return send(response, refusal.status, 'text/plain; charset=utf-8', refusal.text)
    handle(source, clients, request, response).catch((problem: unknown) => {
      const requested = requestedPath(request)
      options.log?.(failureLine(requested, problem))
      if (debug && problem instanceof Error) for (const line of stackOf(problem).split('\n')) options.log?.(line)
      if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', failurePage(requested, problem))
      else response.end()
    })
  })
  const port = await listen(server, options.host, options.port).catch(async (problem: NodeJS.ErrnoException) => {
    if (problem.code !== 'EADDRINUSE' || options.port === 0) throw problem
    return listen(server, options.host, 0)
  })
  hosts = allowedHosts(options.host, port)
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

/** Names that always reach this machine's own loopback interface, as a Host header writes them. */
const loopbackNames = ['127.0.0.1', 'localhost', '[::1]']

/** Addresses that mean "every interface": only loopback names are trusted for them. */
const everyInterface = new Set(['', '0.0.0.0', '::', '[::]'])

/**
 * The Host header values the server answers, the one to suggest first: the
 * host it listens on unless that is every interface, then each loopback
 * name, each with the port. Lowercase; an IPv6 address in brackets. On
 * port 80 a browser leaves the port out, so the bare names are allowed too.
 */
export function allowedHosts(listenHost: string, port: number): ReadonlySet<string> {
  const host = listenHost.toLowerCase()
  const names = everyInterface.has(host) ? [...loopbackNames] : [host.includes(':') && !host.startsWith('[') ? `[${host}]` : host, ...loopbackNames]
  const allowed = new Set(names.map((name) => `${name}:${port}`))
  if (port === 80) for (const name of names) allowed.add(name)
  return allowed
}

/** The name to tell a misdirected browser to use: the first of the allowed hosts. */
function hostToUse(hosts: ReadonlySet<string>): string {
  return hosts.values().next().value ?? '127.0.0.1'
}

/**
 * Why a request is not answered, if it is not: a Host header that names
 * another server (421, a DNS-rebinding page, or a proxy), or for the dev
 * server's own endpoints an Origin that is not this server (403).
 */
export function refuse(request: Pick<IncomingMessage, 'headers' | 'url'>, hosts: ReadonlySet<string>): { status: 403 | 421; text: string } | undefined {
  const use = hostToUse(hosts)
  const host = request.headers.host?.toLowerCase()
  if (host === undefined || !hosts.has(host)) {
    return {
      status: 421,
      text: `quire dev answers only requests addressed to ${use} (or another name of this machine's loopback address), not ${host === undefined ? 'requests with no Host header' : `"${oneLine(host)}"`}. Open http://${use}/ instead.\n`,
    }
  }
  const origin = request.headers.origin
  if (origin !== undefined && (request.url ?? '').startsWith(devPrefix) && !hosts.has(originHost(origin))) {
    return { status: 403, text: `quire dev's own endpoints answer only pages it serves, not pages from ${oneLine(origin)}. Open http://${use}/ instead.\n` }
  }
  return undefined
}

/** The host and port of an `http:` Origin header as a Host header writes them (`''` for any other origin, such as `null`). */
function originHost(origin: string): string {
  try {
    const url = new URL(origin)
    if (url.protocol !== 'http:') return ''
    return url.port === '' ? `${url.hostname}:80` : url.host
  } catch {
    return ''
  }
}

/** The path a request asked for, as a short printable string. */
function requestedPath(request: IncomingMessage): string {
  try {
    return new URL(request.url ?? '/', 'http://localhost').pathname
  } catch {
    return oneLine(request.url ?? '/')
  }
}

/** A stack with the message first, for the terminal when `QUIRE_DEBUG` is set. */
function stackOf(problem: Error): string {
  const cause = problem.cause instanceof Error ? `\nCaused by: ${problem.cause.stack ?? problem.cause.message}` : ''
  return `${problem.stack ?? problem.message}${cause}`
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
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' })
  response.end(body)
}

function redirect(response: ServerResponse, location: string): void {
  response.writeHead(301, { location })
  response.end()
}
