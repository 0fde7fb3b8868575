/**
 * Fetch a real, public notes folder that nobody on the project wrote, for
 * test/real-vault.test.ts: a pinned npm package tarball, downloaded with
 * Node's fetch, checked against the registry's sha512 integrity, and
 * unpacked with the system `tar` into a folder of the system's temporary
 * directory (never into the repository). A folder unpacked by an earlier run
 * is used again.
 *
 * When the registry cannot be reached (no network, a time-out, a 5xx), it
 * says so on stderr and returns `undefined` (exit code 3 from the command
 * line), so the test can fall back to scripts/synthetic-vault.ts. A tarball
 * whose bytes do not match the pinned integrity is an error, not a fallback.
 *
 *   npx tsc -p . && node dist/scripts/fetch-vault.js [--json]
 *
 * Why this package. The registries this project reaches are npm's and
 * Debian's; neither carries an Obsidian, Foam, Quartz or Dendron vault
 * (searched: obsidian-*, quartz, foam-core, @dendronhq/*, @flowershow/*,
 * clawvault, obsidian-mcp-*, remark-obsidian, starlight-obsidian,
 * fumadocs-obsidian, @silverbulletmd/silverbullet, gatsby-theme-*; Debian's
 * ikiwiki basewiki uses `[[label|page]]`, the reverse of Obsidian's order).
 * The closest real thing is Raneto's: a "Markdown powered knowledge base"
 * (MIT) whose package ships its own documentation garden
 * (example/content: nested category folders, pages without YAML front
 * matter, `sort` and `meta` side files, a `templates` category) and its test
 * pages (a byte-order mark before YAML, Cyrillic titles, hidden pages), next
 * to the app's code, styles and images — like a repository opened as a vault.
 * Swap the pin for a better vault when one reaches a registry.
 */
import { execFile } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'

/** One pinned package: exactly what to download and how to check it. */
export interface PinnedVault {
  /** npm package name. */
  readonly name: string
  readonly version: string
  /** SPDX license of the package, as the registry lists it. */
  readonly license: string
  readonly tarball: string
  /** `dist.integrity` from `npm view NAME@VERSION dist.integrity`. */
  readonly integrity: string
  /** The notes folder, relative to the unpacked tarball (`package` is the package root). */
  readonly notes: string
  /** What the folder is, in a few words (shown by the test). */
  readonly description: string
}

/** The pinned vault. `npm view raneto@0.16.0 dist.integrity` gives the integrity. */
export const pinnedVault: PinnedVault = {
  name: 'raneto',
  version: '0.16.0',
  license: 'MIT',
  tarball: 'https://registry.npmjs.org/raneto/-/raneto-0.16.0.tgz',
  integrity: 'sha512-ndQ5XTYUa0Zx7Cag1as/H7JeDh8dystAr526fVBwK0bXKiB5u2UD+YOYsWPNd+5T8jFZE2mYKAupED03ZRounw==',
  notes: 'package',
  description: 'Raneto 0.16.0 as published on npm: its documentation knowledge base, test pages, README and changelog, among the app’s code and assets',
}

/** A vault on disk. */
export interface FetchedVault {
  /** The notes folder (absolute). */
  readonly folder: string
  /** The folder the tarball was unpacked into (absolute). */
  readonly unpacked: string
  readonly pin: PinnedVault
  /** True when an earlier run had already unpacked it. */
  readonly reused: boolean
}

export interface FetchOptions {
  readonly pin?: PinnedVault
  /** Where unpacked vaults are kept (default: `<tmpdir>/quire-real-vaults`). */
  readonly cacheRoot?: string
  /** Give up on the registry after this long (default 20 s). */
  readonly timeoutMs?: number
  /** Where to say that the registry could not be reached (default: stderr). */
  readonly warn?: (message: string) => void
  /** For tests of this script: a stand-in for the global fetch. */
  readonly fetch?: typeof fetch
}

/** The integrity did not match: the registry served other bytes than the pin names. */
export class IntegrityError extends Error {
  override readonly name = 'IntegrityError'
}

const marker = '.quire-fetched.json'

/**
 * Fetch (or reuse) the pinned vault. Resolves to `undefined`, after a
 * message, when the registry cannot be reached; rejects on an integrity
 * mismatch or when `tar` fails.
 */
export async function fetchVault(options: FetchOptions = {}): Promise<FetchedVault | undefined> {
  const pin = options.pin ?? pinnedVault
  const warn = options.warn ?? ((message: string) => process.stderr.write(`${message}\n`))
  const cacheRoot = options.cacheRoot ?? path.join(tmpdir(), 'quire-real-vaults')
  const unpacked = path.join(cacheRoot, `${safeName(pin.name)}-${pin.version}-${integrityHex(pin.integrity).slice(0, 12)}`)
  const folder = path.join(unpacked, pin.notes)

  if (await isComplete(unpacked, pin)) return { folder, unpacked, pin, reused: true }

  let bytes: Buffer
  try {
    bytes = await download(pin.tarball, options.timeoutMs ?? 20_000, options.fetch ?? fetch)
  } catch (cause) {
    warn(`fetch-vault: could not reach the npm registry for ${pin.name}@${pin.version} (${reason(cause)}); no real vault this time.`)
    return undefined
  }
  const actual = `sha512-${createHash('sha512').update(bytes).digest('base64')}`
  if (actual !== pin.integrity) {
    throw new IntegrityError(
      `fetch-vault: ${pin.tarball} does not match the pinned integrity (expected ${pin.integrity}, got ${actual}); refusing to unpack it.`,
    )
  }

  await mkdir(cacheRoot, { recursive: true })
  const nonce = `${process.pid}-${randomBytes(4).toString('hex')}`
  const archive = path.join(cacheRoot, `.${path.basename(unpacked)}.${nonce}.tgz`)
  const staging = path.join(cacheRoot, `.${path.basename(unpacked)}.${nonce}`)
  try {
    await writeFile(archive, bytes)
    await mkdir(staging)
    // No owners or modes from the archive: the files belong to whoever runs the test.
    await promisify(execFile)('tar', ['-xzf', archive, '-C', staging, '--no-same-owner', '--no-same-permissions'])
    await writeFile(path.join(staging, marker), `${JSON.stringify({ name: pin.name, version: pin.version, integrity: pin.integrity }, null, 2)}\n`)
    try {
      await rename(staging, unpacked)
    } catch (cause) {
      // Another run unpacked the same bytes first: use its folder.
      if (!(await isComplete(unpacked, pin))) throw cause
    }
  } finally {
    await rm(archive, { force: true })
    await rm(staging, { recursive: true, force: true })
  }
  if (
    !(await stat(folder).then(
      (info) => info.isDirectory(),
      () => false,
    ))
  ) {
    throw new Error(`fetch-vault: ${pin.name}@${pin.version} has no folder ${pin.notes}/`)
  }
  return { folder, unpacked, pin, reused: false }
}

/** GET `url` as bytes; throws on any network failure, time-out or non-2xx answer. */
async function download(url: string, timeoutMs: number, get: typeof fetch): Promise<Buffer> {
  const response = await get(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' })
  if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`.trim())
  return Buffer.from(await response.arrayBuffer())
}

/** Was this pin unpacked completely by an earlier run? */
async function isComplete(unpacked: string, pin: PinnedVault): Promise<boolean> {
  try {
    const written = JSON.parse(await readFile(path.join(unpacked, marker), 'utf8')) as { integrity?: unknown }
    return written.integrity === pin.integrity
  } catch {
    return false
  }
}

function integrityHex(integrity: string): string {
  const [, base64 = ''] = /^sha512-(.+)$/.exec(integrity) ?? []
  return Buffer.from(base64, 'base64').toString('hex')
}

function safeName(name: string): string {
  return name.replace(/^@/, '').replace(/[^a-zA-Z0-9._-]+/g, '-')
}

function reason(cause: unknown): string {
  if (cause instanceof Error) {
    const inner = (cause as Error & { cause?: unknown }).cause
    const detail = inner instanceof Error ? `: ${inner.message}` : ''
    return cause.name === 'TimeoutError' ? 'timed out' : `${cause.message}${detail}`
  }
  return String(cause)
}

/** `node dist/scripts/fetch-vault.js [--json]`: prints the notes folder (exit 3 when the registry is out of reach). */
async function main(argv: readonly string[]): Promise<void> {
  const json = argv.includes('--json')
  try {
    const vault = await fetchVault()
    if (!vault) {
      process.exitCode = 3
      return
    }
    process.stdout.write(json ? `${JSON.stringify({ folder: vault.folder, reused: vault.reused, ...vault.pin })}\n` : `${vault.folder}\n`)
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`)
    process.exitCode = 1
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main(process.argv.slice(2))
