/**
 * Navigation at any size: folder pages, breadcrumbs, the folder explorer,
 * the bounded home page and the paged list of every note, on the shared
 * generated library of 10,200 notes in 30 folders (built once per run with
 * the real CLI, see support/large-library.ts), and on a small library for
 * the cases a generated one does not have.
 */
import { readFile, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import type { Element, Root } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { select, selectAll } from 'hast-util-select'
import { toString } from 'hast-util-to-string'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { folderLibraryFolders, folderLibraryNote } from '../scripts/folder-library.js'
import { run } from '../src/cli.js'
import { slugFromPath } from '../src/slug.js'
import { largeLibrary, largeLibraryNoteCount } from './support/large-library.js'
import { note, notesFolder, recordingIO } from './support/notes.js'
import { listFiles, snapshot } from './support/site.js'

const count = largeLibraryNoteCount
/** Every listing page must stay under this size, however large the library. */
const pageBudget = 300 * 1024

async function build(root: string, out: string, ...options: string[]): Promise<{ code: number; err: string }> {
  const io = recordingIO(root)
  const code = await run(['build', 'notes', '--out', out, ...options], io)
  return { code, err: io.err() }
}

function hrefs(tree: Root, selector: string): string[] {
  return selectAll(selector, tree).map((a) => String(a.properties['href']))
}

/** The breadcrumb trail of a page: each step's text and link (undefined for the current page). */
function crumbs(tree: Root): [string, string | undefined][] {
  const nav = select('nav[aria-label="Breadcrumb"]', tree)
  if (!nav) return []
  return selectAll('ol > li', nav).map((li) => {
    const link = select('a', li)
    return [toString(li), link ? String(link.properties['href']) : undefined]
  })
}

describe('a library of 10,200 notes in 30 folders', () => {
  let out: string
  let files: string[]
  const page = async (file: string): Promise<Root> => fromHtml(await readFile(path.join(out, file), 'utf8'))
  const folderSlugs = folderLibraryFolders().map((folder) => slugFromPath(folder)!)

  beforeAll(async () => {
    out = path.join(await largeLibrary(), 'site')
    files = await listFiles(out)
  }, 300_000)

  it('keeps every listing page under 300 KB', async () => {
    const listings = files.filter(
      (file) =>
        file === 'index.html' ||
        file.startsWith('all-notes/') ||
        folderSlugs.some((slug) => file === `${slug}/index.html` || (file.startsWith(`${slug}/page-`) && file.endsWith('.html'))),
    )
    // Home, 30 folder pages (one of them a note's), 2 more pages of the large folder, 21 pages of the list.
    expect(listings.length).toBe(1 + 30 + 2 + 21)
    const sizes = await Promise.all(listings.map(async (file) => [file, (await stat(path.join(out, file))).size] as const))
    const over = sizes.filter(([, size]) => size >= pageBudget)
    expect(over).toEqual([])
  })

  it('bounds the home page: its text, recent notes, top-level folders and a link to every note', async () => {
    const home = await page('index.html')
    expect(toString(select('h1', home)!)).toBe('A library in folders')
    expect(selectAll('.recent li', home)).toHaveLength(20)
    expect(selectAll('.explorer > ul > li', home)).toHaveLength(10)
    expect(toString(select('.explorer > ul > li', home)!)).toBe('Topic 01 (1654)Sub-folders of Topic 01Part A (317)Part B (317)')
    // Top-level folders are shown, their sub-folders collapsed.
    expect(selectAll('.explorer details', home)).toHaveLength(10)
    expect(selectAll('.explorer details[open]', home)).toHaveLength(0)
    expect(hrefs(home, '.all-notes-link a')).toEqual(['all-notes/'])
    expect(selectAll('.card', home)).toHaveLength(0)
    // The recent notes are the newest: every one is dated the latest day any note has.
    expect(selectAll('.recent time', home).map((time) => time.properties['dateTime'])).toEqual(Array(20).fill('2025-12-28'))
  })

  it('splits the list of every note into pages of 500, linked in order', async () => {
    const seen = new Set<string>()
    let at: string | undefined = 'all-notes/index.html'
    let pages = 0
    let previousTitle = ''
    while (at !== undefined) {
      const tree = await page(at)
      pages++
      const cards = selectAll('.cards .card-title', tree)
      expect(cards.length).toBeLessThanOrEqual(500)
      for (const card of cards) {
        const href = path.posix.join(path.posix.dirname(at), String(card.properties['href']))
        expect(seen.has(href)).toBe(false)
        seen.add(href)
        // By title, across pages too.
        const title = toString(card).toLowerCase()
        expect(title >= previousTitle).toBe(true)
        previousTitle = title
      }
      const next = select('.pagination a[rel=next]', tree)
      at = next ? path.posix.join(path.posix.dirname(at), String(next.properties['href'])) : undefined
      if (at?.endsWith('/')) at += 'index.html'
    }
    expect(pages).toBe(21)
    // Every note, the note beside its folder and the folder's index.md.
    expect(seen.size).toBe(count + 2)
    const last = await page('all-notes/page-21.html')
    expect(hrefs(last, '.pagination a[rel=prev]')).toEqual(['../all-notes/page-20.html'])
    expect(crumbs(last)).toEqual([
      ['Home', '../'],
      ['All notes', '../all-notes/'],
      ['Page 21 of 21', undefined],
    ])
  })

  it('lists exactly a folder’s notes, sub-folders first, over as many pages as it needs', async () => {
    const expected = new Set<string>()
    for (let n = 1; n <= count; n++) {
      const file = folderLibraryNote(n, count)
      if (path.posix.dirname(file) === 'Topic 01') expected.add(`${slugFromPath(file)}/`)
    }
    const listed: string[] = []
    const folders: string[] = []
    for (const file of ['topic-01/index.html', 'topic-01/page-2.html', 'topic-01/page-3.html']) {
      const tree = await page(file)
      folders.push(...hrefs(tree, '.folder-list a'))
      listed.push(...hrefs(tree, '.folder-documents .card-title').map((href) => path.posix.join('topic-01', href)))
      expect(selectAll('.folder-list li, .folder-documents .card', tree).length).toBeLessThanOrEqual(500)
    }
    expect(folders).toEqual(['../topic-01/part-a/', '../topic-01/part-b/'])
    expect(listed).toHaveLength(expected.size)
    expect(new Set(listed)).toEqual(expected)
    expect(files).not.toContain('topic-01/page-4.html')
  })

  it('heads a folder page with its index.md, and makes a note beside a folder that folder’s page', async () => {
    const three = await page('topic-03/index.html')
    expect(toString(select('.folder-intro', three)!)).toContain('This text heads the folder page of the third topic')
    // Rendered in full, math too, though a worker thread parsed it (a library this size is parsed in parallel).
    expect(select('.folder-intro math', three)).toBeDefined()
    expect(hrefs(three, '.folder-intro-link a')).toEqual(['../topic-03/index/'])
    // index.md heads its folder's page and is not listed again below it.
    expect(hrefs(three, '.folder-documents .card-title')).not.toContain('../topic-03/index/')
    const two = await page('topic-02/index.html')
    expect(toString(select('h1', two)!)).toBe('The second topic')
    expect(select('article.note .prose', two)).toBeDefined()
    expect(hrefs(two, '.folder-list a')).toEqual(['../topic-02/part-a/', '../topic-02/part-b/'])
    expect(selectAll('.folder-documents .card', two).length).toBeGreaterThan(100)
  })

  it('puts breadcrumbs on note and folder pages', async () => {
    const file = folderLibraryNote(count, count)
    const [topic, part] = file.split('/') as [string, string]
    const tree = await page(`${slugFromPath(file)!}/index.html`)
    expect(crumbs(tree)).toEqual([
      ['Home', '../../../'],
      [topic, `../../../${slugFromPath(topic)!}/`],
      [part, `../../../${slugFromPath(`${topic}/${part}`)!}/`],
      [toString(select('h1', tree)!), undefined],
    ])
    expect(select('nav[aria-label="Breadcrumb"] [aria-current=page]', tree)).toBeDefined()
    const folder = await page('topic-10/part-b/index.html')
    expect(crumbs(folder)).toEqual([
      ['Home', '../../'],
      ['Topic 10', '../../topic-10/'],
      ['Part B', undefined],
    ])
    const later = await page('topic-01/page-2.html')
    expect(crumbs(later)).toEqual([
      ['Home', '../'],
      ['Topic 01', '../topic-01/'],
      ['Page 2 of 3', undefined],
    ])
  })

  it('shows an explorer of details and links, open on the way to the folder, and none on note pages', async () => {
    const folder = await page('topic-04/part-a/index.html')
    const explorer = select('nav.explorer', folder)!
    const top = selectAll(':scope > ul > li', explorer)
    expect(top).toHaveLength(10)
    const open = selectAll('details[open]', explorer)
    expect(open.map((details) => toString(select('summary', details)!))).toEqual(['Sub-folders of Topic 04'])
    // The toggle holds no link: a folder's link sits beside it.
    expect(selectAll('summary a', explorer)).toHaveLength(0)
    expect(select('a[aria-current=page]', explorer)!.properties['href']).toBe('../../topic-04/part-a/')
    // Every folder link leads to a page that exists; no script is involved.
    for (const element of selectAll('a', explorer))
      expect(files).toContain(`${path.posix.join('topic-04/part-a', String(element.properties['href']))}index.html`)
    expect(selectAll('script', explorer)).toHaveLength(0)
    const slug = slugFromPath(folderLibraryNote(1, count))!
    expect(select('nav.explorer', await page(`${slug}/index.html`))).toBeUndefined()
  })
})

describe('navigation in a small library', () => {
  let root: string
  const library: Record<string, string> = {
    'quire.config.yaml': 'title: Small\n',
    'methods.md': note('Methods, in general', 'How the lab works.', 'The folder of methods.\n', 'tags: [method]\n'),
    'methods/rl/ppo.md': note('Proximal policy optimisation', 'A clipped objective.', 'Clip it.\n', 'tags: [method]\n'),
    'methods/search/index.md': note('Search, introduced', 'What search covers.', 'Searching is **finding**.\n'),
    'methods/search/beam.md': note('Beam search', 'Keep the best few.', 'Beams.\n'),
    'inquiries/why.md': [
      '---',
      'type: inquiry',
      'title: "Why clip?"',
      'summary: "Clipping keeps updates small."',
      'next: []',
      '---',
      'Because [[ppo]].',
      '',
    ].join('\n'),
    'top.md': note('A note at the top', 'Outside any folder.', 'Top.\n'),
  }

  beforeAll(async () => {
    root = await notesFolder(library)
  })

  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true })
  })

  it('builds folder pages, breadcrumbs on every page type, and links that work under --base', async () => {
    const out = path.join(root, 'based')
    const { code, err } = await build(root, out, '--base', '/sub/')
    expect(code, err).toBe(0)
    const site = await snapshot(out)
    const tree = (file: string): Root => fromHtml(site[file]!)
    // The note beside methods/ is that folder's page; methods/rl/ and methods/search/ have their own.
    expect(
      Object.keys(site)
        .filter((file) => file.startsWith('methods/') && file.endsWith('.html'))
        .sort(),
    ).toEqual([
      'methods/index.html',
      'methods/rl/index.html',
      'methods/rl/ppo/index.html',
      'methods/search/beam/index.html',
      'methods/search/index.html',
      'methods/search/index/index.html',
    ])
    expect(crumbs(tree('inquiries/why/index.html'))).toEqual([
      ['Home', '../../'],
      ['inquiries', '../../inquiries/'],
      ['Why clip?', undefined],
    ])
    expect(crumbs(tree('tags/method/index.html'))).toEqual([
      ['Home', '../../'],
      ['Tags', '../../tags/'],
      ['method', undefined],
    ])
    expect(crumbs(tree('tags/index.html'))).toEqual([
      ['Home', '../'],
      ['Tags', undefined],
    ])
    expect(crumbs(tree('methods/search/index.html'))).toEqual([
      ['Home', '../../'],
      ['methods', '../../methods/'],
      ['search', undefined],
    ])
    // The home page: top-level notes, the folders, the list of every note.
    const home = tree('index.html')
    expect(hrefs(home, '#notes ~ ul .card-title')).toEqual(['top/'])
    expect(hrefs(home, '.explorer a')).toEqual(['inquiries/', 'methods/', 'methods/rl/', 'methods/search/'])
    // Every link of the listing pages leads to a file of the site, under the base path too.
    for (const file of ['index.html', 'methods/index.html', 'methods/search/index.html', 'all-notes/index.html']) {
      for (const element of selectAll('main a[href]', tree(file))) {
        const href = String((element as Element).properties['href'])
        if (/^[a-z]+:/.test(href)) continue
        const target = new URL(href, `https://example.org/sub/${file}`).pathname
        expect(target.startsWith('/sub/'), `${file}: ${href}`).toBe(true)
        const inSite = target.slice('/sub/'.length)
        expect(site[inSite.endsWith('/') || inSite === '' ? `${inSite}index.html` : inSite], `${file}: ${href}`).toBeDefined()
      }
    }
    expect(select('.site-header a.site-title', tree('404.html'))!.properties['href']).toBe('/sub/')
  })

  it('makes the same bytes from the same notes', async () => {
    await build(root, path.join(root, 'one'))
    await build(root, path.join(root, 'two'))
    expect(await snapshot(path.join(root, 'two'))).toEqual(await snapshot(path.join(root, 'one')))
  })

  it('keeps all-notes/ for the list of every note', async () => {
    const reserved = await notesFolder({ 'all-notes.md': note('All notes', 'Mine.', 'Text.\n') })
    try {
      const { code, err } = await build(reserved, path.join(reserved, 'site'))
      expect(code).toBe(1)
      expect(err).toMatch(/reserved for the list of every note/)
    } finally {
      await rm(reserved, { recursive: true, force: true })
    }
  })
})
