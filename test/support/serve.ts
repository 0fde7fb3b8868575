/**
 * A tiny static file server for a built site, behaving like the static
 * hosts quire targets (GitHub Pages, Netlify): `index.html` for folder
 * URLs, a redirect from `/x` to `/x/` when `x` is a folder, and `404.html`
 * with status 404 for anything missing. With a prefix it emulates a
 * GitHub Pages project site (`https://user.github.io/repo-name/`).
 */
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'

/** How to serve the site. */
export interface ServeOptions {
  /** The URL path the site lives under, such as `/repo-name/` (default: `/`). */
  readonly prefix?: string
}

/** A running server. */
export interface ServedSite {
  /** The site's root URL, ending in `/` (the prefix included). */
  readonly url: string
  /** Stop the server, dropping open connections. */
  close(): Promise<void>
}

const emptyOptions: ServeOptions = {}

/** Content types by file extension; anything else is served as bytes. */
const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
}

/** The content type for a file name. */
export function contentTypeFor(file: string): string {
  return contentTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream'
}

/** Serve `folder` on 127.0.0.1 (a port the OS chooses) under `options.prefix`. */
export async function serveSite(folder: string, options?: Readonly<ServeOptions> | null): Promise<ServedSite> {
  const root = path.resolve(folder)
  const prefix = normalizePrefix((options || emptyOptions).prefix)

  const server = createServer((request, response) => {
    handle(root, prefix, request, response).catch((problem: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' })
      response.end(`500: ${String(problem)}\n`)
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo

  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((problem) => (problem ? reject(problem) : resolve()))
        server.closeAllConnections()
      }),
  }
}

/** `repo-name`, `/repo-name`, `/repo-name/` → `/repo-name/`; empty → `/`. */
function normalizePrefix(prefix: string | undefined): string {
  const inner = (prefix ?? '').split('/').filter(Boolean).join('/')
  return inner ? `/${inner}/` : '/'
}

async function handle(root: string, prefix: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' })
    response.end('405: method not allowed\n')
    return
  }
  const url = new URL(request.url ?? '/', 'http://localhost')
  const head = request.method === 'HEAD'

  // `/repo-name` → `/repo-name/`, as GitHub Pages does.
  if (prefix !== '/' && url.pathname === prefix.slice(0, -1)) {
    redirect(response, prefix + url.search)
    return
  }
  if (!url.pathname.startsWith(prefix)) {
    await notFound(root, response, head)
    return
  }

  let relative: string
  try {
    relative = decodeURIComponent(url.pathname.slice(prefix.length))
  } catch {
    await notFound(root, response, head)
    return
  }
  const file = path.resolve(root, '.' + path.posix.sep + relative)
  if (relative.includes('\0') || (file !== root && !file.startsWith(root + path.sep))) {
    await notFound(root, response, head)
    return
  }

  const info = await statOrUndefined(file)
  if (info?.isDirectory()) {
    if (!url.pathname.endsWith('/')) {
      redirect(response, url.pathname + '/' + url.search)
      return
    }
    const index = path.join(file, 'index.html')
    const indexInfo = await statOrUndefined(index)
    if (indexInfo?.isFile()) {
      send(response, 200, index, indexInfo.size, head)
      return
    }
  } else if (info?.isFile()) {
    send(response, 200, file, info.size, head)
    return
  }
  await notFound(root, response, head)
}

function redirect(response: ServerResponse, location: string): void {
  response.writeHead(301, { location, 'content-type': 'text/plain; charset=utf-8' })
  response.end(`301: moved to ${location}\n`)
}

async function notFound(root: string, response: ServerResponse, head: boolean): Promise<void> {
  const page = path.join(root, '404.html')
  const info = await statOrUndefined(page)
  if (info?.isFile()) {
    send(response, 404, page, info.size, head)
    return
  }
  response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
  response.end('404: not found\n')
}

function send(response: ServerResponse, status: number, file: string, size: number, head: boolean): void {
  response.writeHead(status, { 'content-type': contentTypeFor(file), 'content-length': size, 'cache-control': 'no-store' })
  if (head) {
    response.end()
    return
  }
  createReadStream(file)
    .on('error', (problem) => response.destroy(problem))
    .pipe(response)
}

async function statOrUndefined(file: string) {
  try {
    return await stat(file)
  } catch {
    return undefined
  }
}
