/**
 * Issue #9: build notes folders that nobody on the project wrote, with the
 * compiled CLI, and read the sites the way a reader would.
 *
 * Two folders: the synthetic Obsidian vault of scripts/synthetic-vault.ts
 * (always), and the real public folder pinned in scripts/fetch-vault.ts,
 * downloaded from the npm registry when it can be reached (with a warning
 * and only the synthetic vault when it cannot). Neither is in the repository.
 *
 * For each: the build succeeds (warnings allowed); every published Markdown
 * file has its page and nothing else does; every internal href and src
 * leads to a file of the site, and every #fragment to an id on its page;
 * nothing from `.obsidian/` and no file that nothing links to is copied; no
 * page shows raw Obsidian syntax. For the synthetic vault, also what its
 * notes should look like: titles without front matter, embedded images,
 * transclusions, inline tags and callouts.
 *
 * Needs `npx tsc -p tsconfig.json` first (it runs dist/src/bin.js).
 */
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import type { Element, Nodes, Root } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { select, selectAll } from 'hast-util-select'
import { toString } from 'hast-util-to-string'
import { parse as parseYaml } from 'yaml'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fetchVault, pinnedVault } from '../scripts/fetch-vault.js'
import { writeSyntheticVault, type SyntheticVault } from '../scripts/synthetic-vault.js'
import { slugFromOverride, slugFromPath } from '../src/slug.js'
import { listFiles } from './support/site.js'

const cli = path.resolve('dist/src/bin.js')

interface VaultCase {
  readonly label: string
  readonly folder: string
  readonly synthetic?: SyntheticVault
}

/** Temporary folders to remove at the end (the downloaded vault stays, to be used again). */
const scratch: string[] = []
afterAll(async () => {
  for (const folder of scratch) await rm(folder, { recursive: true, force: true })
})

// A vault folder with a space in its name, as most are.
const syntheticRoot = await mkdtemp(path.join(tmpdir(), 'quire-vault-'))
scratch.push(syntheticRoot)
const synthetic = await writeSyntheticVault(path.join(syntheticRoot, 'Research vault'))
const real = await fetchVault({ timeoutMs: 15_000, warn: (message) => console.warn(message) })
if (!real) {
  console.warn(
    `real-vault.test: ${pinnedVault.name}@${pinnedVault.version} could not be fetched from the npm registry; only the synthetic vault is built this time.`,
  )
}
const vaults: VaultCase[] = [{ label: 'synthetic Obsidian vault', folder: synthetic.folder, synthetic }]
if (real) vaults.push({ label: `real: ${real.pin.name}@${real.pin.version} (npm, ${real.pin.license})`, folder: real.folder })

describe.each(vaults)('$label', (vault) => {
  let built: Build
  let site: Site
  let expected: Map<string, string>

  beforeAll(async () => {
    built = await build(vault.folder)
    site = await readSite(built.out)
    expected = await expectedPages(vault.folder)
  }, 60_000)

  it('builds with exit code 0 and no errors (warnings allowed)', () => {
    const errors = built.diagnostics.filter((d) => d.severity === 'error')
    // Grouped by code, so a failure reads as a to-do list: { "missing-field": "34 × e.g. README.md: This file has no front matter… | …" }.
    expect(byCode(errors), `quire build exited ${built.code}; last lines:\n${built.stderr.split('\n').slice(-3).join('\n')}`).toEqual({})
    expect(built.code).toBe(0)
  })

  it('publishes one page per published Markdown file, and no other document pages', () => {
    requireSite(built, site)
    const actual = documentPages(site)
    expect(expected.size, 'the folder has Markdown files to publish').toBeGreaterThan(0)
    expect({
      missing: [...expected].filter(([slug]) => !actual.has(slug)).map(([slug, file]) => `${slug}/ (from ${file})`),
      unexpected: [...actual].filter((slug) => !expected.has(slug)).map((slug) => `${slug}/`),
    }).toEqual({ missing: [], unexpected: [] })
  })

  it('links every internal href and src to a file of the site', () => {
    requireSite(built, site)
    const broken: string[] = []
    for (const ref of allRefs(site)) {
      if (ref.target.kind === 'outside') broken.push(`${ref.page}: ${ref.attribute}="${ref.url}" leaves the site`)
      else if (ref.target.kind === 'file' && !site.fileSet.has(ref.target.file))
        broken.push(`${ref.page}: ${ref.attribute}="${ref.url}" → ${ref.target.file} does not exist`)
    }
    expect([...new Set(broken)]).toEqual([])
  })

  it('points every #fragment of an internal link at an id on the page it leads to', () => {
    requireSite(built, site)
    const missing: string[] = []
    for (const ref of allRefs(site)) {
      if (ref.target.kind !== 'file' || ref.target.fragment === undefined) continue
      const { file, fragment } = ref.target
      if (fragment === '' || fragment === 'top' || !file.endsWith('.html') || !site.pages.has(file)) continue
      if (!site.ids(file).has(fragment)) missing.push(`${ref.page}: ${ref.attribute}="${ref.url}" → no id "${fragment}" on ${file}`)
    }
    expect([...new Set(missing)]).toEqual([])
  })

  it('copies nothing from .obsidian/ and no file that no page links to', async () => {
    requireSite(built, site)
    const vaultFiles = await hashFiles(vault.folder)
    const siteFiles = await hashFiles(built.out)
    const obsidian = new Set([...vaultFiles].filter(([file, hash]) => isConfig(file) && hash.size >= 16).map(([, hash]) => hash.digest))
    const vaultByHash = new Set([...vaultFiles].filter(([file, hash]) => !file.toLowerCase().endsWith('.md') && hash.size >= 16).map(([, hash]) => hash.digest))
    const linked = new Set(allRefs(site).flatMap((ref) => (ref.target.kind === 'file' ? [ref.target.file] : [])))
    const problems: string[] = []
    for (const [file, hash] of siteFiles) {
      if (isConfig(file) || obsidian.has(hash.digest)) problems.push(`${file} comes from .obsidian/`)
      // A copied attachment: published at its path in the notes folder, or the bytes of one of its files.
      const copied = (vaultFiles.has(file) && !file.toLowerCase().endsWith('.md')) || vaultByHash.has(hash.digest)
      if (copied && !linked.has(file)) problems.push(`${file} is copied from the notes folder but no page links to it`)
    }
    for (const file of vault.synthetic?.unreferencedFiles ?? []) {
      const digest = vaultFiles.get(file)?.digest
      if (siteFiles.has(file) || [...siteFiles.values()].some((hash) => hash.digest === digest))
        problems.push(`${file} is referenced by nothing, yet it is in the site`)
    }
    expect([...new Set(problems)]).toEqual([])
  })

  it('shows no raw wikilink, embed, callout or block-id syntax in any page’s text (code aside)', () => {
    requireSite(built, site)
    const leaks: string[] = []
    const patterns: [string, RegExp][] = [
      ['wikilink or embed', /!?\[\[[^\]\n]*\]\]/g],
      ['callout marker', /\[![A-Za-z][\w-]*\][+-]?/g],
      ['block id', /(?:^|\s)\^[A-Za-z0-9][A-Za-z0-9-]+(?=\s|$)/g],
    ]
    for (const [file, tree] of site.pages) {
      const main = select('main', tree) ?? tree
      const text = proseText(main)
      for (const [what, pattern] of patterns) {
        for (const match of text.matchAll(pattern)) leaks.push(`${file}: ${what} ${JSON.stringify(match[0].trim())}`)
      }
    }
    expect([...new Set(leaks)]).toEqual([])
  })

  describe.runIf(vault.synthetic)('what the synthetic notes look like', () => {
    const v = vault.synthetic!

    it('finds the same published notes the vault was made with (a check of this test’s rules)', () => {
      expect([...expected.values()].sort()).toEqual([...v.published])
    })

    it('titles notes without a title field by their first # heading, else by their file name', () => {
      requireSite(built, site)
      const titles = v.expect.titles.map(({ note }) => {
        const tree = site.pages.get(pageOf(note))
        const h1 = tree && select('main h1', tree)
        return { note, title: h1 ? toString(h1).trim() : '(no page)' }
      })
      expect(titles).toEqual(v.expect.titles)
    })

    it('shows each embedded image as an <img> of exactly that file', async () => {
      requireSite(built, site)
      const shown: { note: string; attachment: string; shown: boolean }[] = []
      for (const { note, attachment } of v.expect.images) {
        const page = pageOf(note)
        const tree = site.pages.get(page)
        const wanted = createHash('sha256')
          .update(await readFile(path.join(v.folder, attachment)))
          .digest('hex')
        let found = false
        for (const img of tree ? selectAll('img', body(tree)) : []) {
          const target = resolve(page, String(img.properties.src ?? ''))
          if (target.kind !== 'file' || !site.fileSet.has(target.file)) continue
          const bytes = await readFile(path.join(built.out, target.file))
          if (createHash('sha256').update(bytes).digest('hex') === wanted) found = true
        }
        shown.push({ note, attachment, shown: found })
      }
      expect(shown).toEqual(v.expect.images.map((image) => ({ ...image, shown: true })))
    })

    it('shows transcluded notes, sections and blocks in place', () => {
      requireSite(built, site)
      const seen = v.expect.transclusions.map(({ note, embeds, text }) => {
        const tree = site.pages.get(pageOf(note))
        return { note, embeds, shown: tree ? squash(proseText(body(tree))).includes(text) : false }
      })
      expect(seen).toEqual(v.expect.transclusions.map(({ note, embeds }) => ({ note, embeds, shown: true })))
    })

    it('links each inline #tag to its tag page, and leaves #words in code alone', () => {
      requireSite(built, site)
      const tagged = v.expect.inlineTags.map(({ note, tags }) => {
        const page = pageOf(note)
        const tree = site.pages.get(page)
        const linked = new Set<string>()
        for (const a of tree ? selectAll('a[href]', body(tree)) : []) {
          const target = resolve(page, String(a.properties.href))
          if (target.kind === 'file' && target.file.startsWith('tags/') && site.fileSet.has(target.file))
            linked.add(toString(a).trim().replace(/^#/, '').toLowerCase())
        }
        return { note, tags: tags.filter((tag) => linked.has(tag.toLowerCase())) }
      })
      expect(tagged).toEqual(v.expect.inlineTags)
      const code = site.pages.get(pageOf('Research Notes/Reasoning/Chain of thought.md'))
      expect(
        code &&
          selectAll('a', body(code))
            .map((a) => toString(a).trim())
            .filter((text) => /not-a-(tag|link)/.test(text)),
      ).toEqual([])
      const pre = code && select('pre', body(code))
      expect(pre ? toString(pre) : '(no code block)').toContain('[[not a link]] and #not-a-tag')
    })

    it('renders callouts with their titles', () => {
      requireSite(built, site)
      const shown = v.expect.callouts.map(({ note, title }) => {
        const tree = site.pages.get(pageOf(note))
        return { note, title, shown: tree ? squash(proseText(body(tree))).includes(title) : false }
      })
      expect(shown).toEqual(v.expect.callouts.map((callout) => ({ ...callout, shown: true })))
    })
  })
})

// ——— building ———

interface Diagnostic {
  readonly file: string
  readonly severity: string
  readonly message: string
  readonly code: string
}

interface Build {
  readonly out: string
  readonly code: number
  readonly stderr: string
  readonly diagnostics: readonly Diagnostic[]
}

/** Run the compiled CLI on `folder`, into a fresh temporary folder, with no cache. */
async function build(folder: string): Promise<Build> {
  const work = await mkdtemp(path.join(tmpdir(), 'quire-real-vault-'))
  scratch.push(work)
  const out = path.join(work, 'site')
  const args = [cli, 'build', folder, '--out', out, '--no-cache']
  let code = 0
  let stderr = ''
  try {
    ;({ stderr } = await promisify(execFile)(process.execPath, args, { cwd: work, maxBuffer: 64 * 1024 * 1024 }))
  } catch (error) {
    const failed = error as { code?: unknown; stderr?: string }
    code = typeof failed.code === 'number' ? failed.code : -1
    stderr = failed.stderr ?? String(error)
  }
  const diagnostics: Diagnostic[] = []
  for (const line of stderr.split('\n')) {
    const match = /^(.*?):\d+:\d+: (error|warning|hint|info|note): (.*) \[([\w-]+)\]$/.exec(line)
    if (match) diagnostics.push({ file: match[1]!, severity: match[2]!, message: match[3]!, code: match[4]! })
  }
  return { out, code, stderr, diagnostics }
}

/** `{ code: "N × (first few files)" }`, for a readable failure. */
function byCode(diagnostics: readonly Diagnostic[]): Record<string, string> {
  const groups = new Map<string, Diagnostic[]>()
  for (const d of diagnostics) groups.set(d.code, [...(groups.get(d.code) ?? []), d])
  return Object.fromEntries(
    [...groups].map(([code, list]) => [
      code,
      `${list.length} × e.g. ${list
        .slice(0, 3)
        .map((d) => `${path.basename(d.file)}: ${d.message.slice(0, 90)}`)
        .join(' | ')}`,
    ]),
  )
}

function requireSite(built: Build, site: Site): void {
  if (site.files.length === 0) expect.fail(`the build wrote no site (exit ${built.code}), so there is nothing to read; see the first test`)
}

// ——— what should be published ———

/**
 * The pages a correct build has: one per Markdown file, except in hidden
 * folders, `node_modules`, `templates`/`_templates` folders (quire's default
 * ignore list) and the folder `.obsidian/templates.json` names, and except
 * notes with `draft: true` or `publish: false`. Slug → file.
 */
async function expectedPages(folder: string): Promise<Map<string, string>> {
  const templates = await readFile(path.join(folder, '.obsidian', 'templates.json'), 'utf8')
    .then((text) => String((JSON.parse(text) as { folder?: unknown }).folder ?? '').replace(/^\/+|\/+$/g, ''))
    .catch(() => '')
  const pages = new Map<string, string>()
  async function walk(relative: string): Promise<void> {
    for (const entry of await readdir(path.join(folder, relative), { withFileTypes: true })) {
      const rel = relative ? `${relative}/${entry.name}` : entry.name
      if (entry.name.startsWith('.')) continue
      if (entry.isDirectory()) {
        if (entry.name === 'node_modules' || /^_?templates$/i.test(entry.name) || (templates !== '' && rel.toLowerCase() === templates.toLowerCase())) continue
        await walk(rel)
      } else if (entry.isFile() && entry.name.toLowerCase().endsWith('.md')) {
        const data = frontMatter(await readFile(path.join(folder, rel), 'utf8'))
        if (data.draft === true || data.publish === false) continue
        const override = typeof data.slug === 'string' ? slugFromOverride(data.slug) : undefined
        const slug = override?.ok ? override.slug : slugFromPath(rel)
        if (slug) pages.set(slug, rel)
      }
    }
  }
  await walk('')
  return pages
}

function frontMatter(text: string): Record<string, unknown> {
  const match = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\s*(?:\r?\n|$)/.exec(text)
  if (!match) return {}
  try {
    const data: unknown = parseYaml(match[1]!)
    return data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}

/** The body of a document page: its prose, without the header, backlinks, graph or cards of other notes. */
function body(tree: Root): Root | Element {
  return select('article .prose', tree) ?? select('article', tree) ?? select('main', tree) ?? tree
}

function pageOf(note: string): string {
  return `${slugFromPath(note)}/index.html`
}

function isConfig(file: string): boolean {
  return file.split('/').some((segment) => segment === '.obsidian')
}

// ——— reading the site ———

interface Site {
  readonly files: readonly string[]
  readonly fileSet: ReadonlySet<string>
  readonly pages: ReadonlyMap<string, Root>
  readonly ids: (page: string) => ReadonlySet<string>
}

async function readSite(out: string): Promise<Site> {
  const files = await listFiles(out)
  const pages = new Map<string, Root>()
  for (const file of files) if (file.endsWith('.html')) pages.set(file, fromHtml(await readFile(path.join(out, file), 'utf8')))
  const idCache = new Map<string, Set<string>>()
  return {
    files,
    fileSet: new Set(files),
    pages,
    ids: (page) => {
      let ids = idCache.get(page)
      if (!ids) {
        ids = new Set<string>()
        const tree = pages.get(page)
        for (const element of tree ? selectAll('[id], a[name]', tree) : []) {
          if (element.properties.id !== undefined) ids.add(String(element.properties.id))
          if (element.properties.name !== undefined) ids.add(String(element.properties.name))
        }
        idCache.set(page, ids)
      }
      return ids
    },
  }
}

/**
 * The slugs of the document pages: every `<slug>/index.html` except alias
 * redirects and quire's own pages (the graph, the papers index, the tag
 * index and the tag pages, which are not `article.document`s).
 */
function documentPages(site: Site): Set<string> {
  const own = new Set(['graph', 'papers', 'tags'])
  const slugs = new Set<string>()
  for (const [file, tree] of site.pages) {
    if (!file.endsWith('/index.html')) continue
    const slug = file.slice(0, -'/index.html'.length)
    if (own.has(slug) || refreshOf(tree) !== undefined) continue
    // Tag pages, folder pages and the list of every note are listings, not documents (a note that heads its folder's page is one).
    if (!select('article.document', tree)) continue
    slugs.add(slug)
  }
  return slugs
}

function refreshOf(tree: Root): string | undefined {
  for (const meta of selectAll('meta', tree)) {
    const equiv = meta.properties.httpEquiv
    if (String(Array.isArray(equiv) ? equiv.join(' ') : (equiv ?? '')).toLowerCase() !== 'refresh') continue
    const content = String(meta.properties.content ?? '')
    return /url\s*=\s*['"]?([^'"]*)/i.exec(content)?.[1] ?? ''
  }
  return undefined
}

type Target = { kind: 'external' } | { kind: 'outside' } | { kind: 'file'; file: string; fragment?: string }

interface Ref {
  readonly page: string
  readonly attribute: string
  readonly url: string
  readonly target: Target
}

const refCache = new WeakMap<Site, Ref[]>()

/** Every URL in every page: href, src, srcset, data, poster, xlink:href, and a refresh's url. */
function allRefs(site: Site): Ref[] {
  const cached = refCache.get(site)
  if (cached) return cached
  const refs: Ref[] = []
  for (const [page, tree] of site.pages) {
    const push = (attribute: string, url: string) => {
      const trimmed = url.trim()
      if (trimmed !== '') refs.push({ page, attribute, url: trimmed, target: resolve(page, trimmed) })
    }
    visitElements(tree, (element) => {
      const p = element.properties
      for (const [property, attribute] of [
        ['href', 'href'],
        ['src', 'src'],
        ['data', 'data'],
        ['poster', 'poster'],
        ['xLinkHref', 'xlink:href'],
      ] as const) {
        const value = p[property]
        if (value !== undefined && value !== null) push(attribute, String(value))
      }
      const srcset = p.srcSet
      if (srcset !== undefined && srcset !== null) {
        for (const candidate of (Array.isArray(srcset) ? srcset.join(',') : String(srcset)).split(',')) push('srcset', candidate.trim().split(/\s+/)[0] ?? '')
      }
    })
    const refresh = refreshOf(tree)
    if (refresh) push('http-equiv refresh', refresh)
  }
  refCache.set(site, refs)
  return refs
}

/** Where a URL on `page` leads, as a path in the site (no --base, so `/x` is the site's root). */
function resolve(page: string, url: string): Target {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) return { kind: 'external' }
  const hash = url.indexOf('#')
  const fragment = hash === -1 ? undefined : safeDecode(url.slice(hash + 1))
  const beforeHash = hash === -1 ? url : url.slice(0, hash)
  const pathPart = beforeHash.split('?')[0]!
  if (pathPart === '') return { kind: 'file', file: page, ...(fragment === undefined ? {} : { fragment }) }
  const decoded = pathPart.split('/').map(safeDecode).join('/')
  const joined = decoded.startsWith('/') ? decoded.slice(1) : path.posix.join(path.posix.dirname(page), decoded)
  const normal = path.posix.normalize(joined === '' ? '.' : joined)
  if (normal === '..' || normal.startsWith('../')) return { kind: 'outside' }
  const folder = decoded.endsWith('/') || normal.endsWith('/') || normal === '.'
  const bare = normal.replace(/\/+$/, '').replace(/^\.$/, '')
  const file = folder ? (bare === '' ? 'index.html' : `${bare}/index.html`) : bare
  return { kind: 'file', file, ...(fragment === undefined ? {} : { fragment }) }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

function visitElements(node: Nodes, visit: (element: Element) => void): void {
  if (node.type === 'element') visit(node)
  if ('children' in node) for (const child of node.children) visitElements(child, visit)
  if (node.type === 'element' && node.tagName === 'template' && node.content) visitElements(node.content, visit)
}

/** A node's visible text, without code, scripts and styles; blocks separated by newlines. */
function proseText(node: Nodes): string {
  if (node.type === 'text') return node.value
  if (node.type === 'element') {
    if (['pre', 'code', 'script', 'style', 'template', 'noscript', 'svg', 'math'].includes(node.tagName)) return '\n'
    const inner = node.children.map(proseText).join('')
    return /^(p|div|li|h[1-6]|blockquote|section|article|aside|details|summary|tr|td|th|dd|dt|figure|figcaption|br|hr|header|footer|nav|ul|ol|table)$/.test(
      node.tagName,
    )
      ? `\n${inner}\n`
      : inner
  }
  if ('children' in node) return node.children.map(proseText).join('')
  return ''
}

function squash(text: string): string {
  return text.replace(/\s+/g, ' ')
}

/** Every file under `root` (hidden ones too) → its sha256 and size. */
async function hashFiles(root: string): Promise<Map<string, { digest: string; size: number }>> {
  const hashes = new Map<string, { digest: string; size: number }>()
  for (const file of await listFiles(root)) {
    const bytes = await readFile(path.join(root, file))
    hashes.set(file, { digest: createHash('sha256').update(bytes).digest('hex'), size: bytes.length })
  }
  return hashes
}
