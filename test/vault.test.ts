/**
 * Publishing a notes folder written in another tool (an Obsidian-style
 * vault) as it is: `test/fixtures/vault` has every form quire supports,
 * built and then read back as a reader would.
 */
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Element, Root } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { select, selectAll } from 'hast-util-select'
import { toString } from 'hast-util-to-string'
import { beforeAll, describe, expect, it } from 'vitest'
import { run } from '../src/cli.js'
import { parseBody } from '../src/parse/markdown.js'
import { notesFolder, note, recordingIO } from './support/notes.js'
import { listFiles } from './support/site.js'

const vault = path.join(import.meta.dirname, 'fixtures', 'vault')
let root = ''
let site = ''
let built = ''
let checked = ''

async function page(relative: string): Promise<Root> {
  return fromHtml(await readFile(path.join(site, relative), 'utf8'))
}

function prose(tree: Root): Element {
  const found = select('.prose', tree)
  if (!found) throw new Error('no prose on this page')
  return found
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'quire-vault-'))
  await cp(vault, path.join(root, 'vault'), { recursive: true })
  site = path.join(root, 'site')
  const build = recordingIO(root)
  expect(await run(['build', 'vault', '--out', 'site', '--no-cache'], build)).toBe(0)
  built = build.err()
  const check = recordingIO(root)
  expect(await run(['check', 'vault'], check)).toBe(0)
  checked = check.err()
})

describe('an Obsidian-style vault, built as it is', () => {
  it('publishes one page per published note, and nothing private', async () => {
    const files = await listFiles(site)
    for (const expected of ['index.html', 'reward-hacking/index.html', 'folder/policy-gradients/index.html', 'short-note/index.html'])
      expect(files).toContain(expected)
    // Drafts, publish: false, empty files, ignored folders, hidden folders, templates, unreferenced attachments.
    const leaked = files.filter((file) => /draft|private|empty|templates|obsidian|trash|secret|unused|daily/i.test(file))
    expect(leaked).toEqual([])
    // Not a word of them anywhere, search data and previews included.
    for (const file of files) {
      const bytes = await readFile(path.join(site, file), 'utf8')
      for (const secret of [
        'Half-formed and private',
        'Not for the site',
        'Never published',
        '{{date}}',
        'obsidian',
        'private remark',
        'private paragraph',
        'private list',
        'private-tag',
      ])
        expect(bytes, `${file} contains ${secret}`).not.toContain(secret)
    }
    // index.md is the home page's content, not a page of its own.
    expect(files).not.toContain('index/index.html')
    expect(built).toContain('0 errors')
  })

  it('copies exactly the attachments that published notes use, byte for byte', async () => {
    const files = await listFiles(site)
    expect(files.filter((file) => file.startsWith('attachments/'))).toEqual(['attachments/diagram.png', 'attachments/figure 1.png', 'attachments/paper.pdf'])
    for (const file of ['attachments/diagram.png', 'attachments/figure 1.png']) {
      expect(await readFile(path.join(site, file))).toEqual(await readFile(path.join(vault, file)))
    }
  })

  it('takes a missing title from the first heading, and a missing summary from the first paragraph', async () => {
    const tree = await page('reward-hacking/index.html')
    expect(selectAll('h1', tree).map((h1) => toString(h1))).toEqual(['Reward hacking'])
    // The summary is the first paragraph, already on the page: it is not repeated above it.
    expect(select('.summary', tree)).toBeUndefined()
    expect(toString(select('meta[name=description]', tree)!)).toBe('')
    expect(select('meta[name=description]', tree)!.properties['content']).toBe(
      'Policies exploit flaws in the reward signal instead of solving the task. This is the first paragraph, and it becomes the summary.',
    )
    expect(checked).toContain(
      'Reward hacking.md:1:1: hint: This note has the title from the first `#` heading ("Reward hacking") and the summary from the first paragraph.',
    )
  })

  it('shows embedded images with their width, and Markdown images at their published address', async () => {
    const body = prose(await page('reward-hacking/index.html'))
    const images = selectAll('img', body).map((img) => ({ src: img.properties['src'], alt: img.properties['alt'], width: img.properties['width'] }))
    expect(images).toEqual([
      { src: '../attachments/figure%201.png', alt: 'figure 1', width: 300 },
      { src: '../attachments/diagram.png', alt: 'A diagram', width: undefined },
    ])
  })

  it('links headings, blocks, other cases and labels the Obsidian way', async () => {
    const body = prose(await page('folder/policy-gradients/index.html'))
    const links = selectAll('p > a.internal', body).map((a) => [a.properties['href'], toString(a)])
    expect(links).toEqual([
      ['../../reward-hacking/#mitigations', 'the mitigations of reward hacking'],
      ['../../reward-hacking/#%5Ekey-claim', 'Reward hacking'],
      ['../../reward-hacking/', 'reward hacking, any case'],
      ['#section-two', 'Section two'],
      ['../../reward-hacking/', 'Reward hacking'],
      ['../../short-note/', 'Short note'],
      ['../../folder/policy-gradients/', 'Policy gradients'],
    ])
    // The block the link points at has that id.
    const target = await page('reward-hacking/index.html')
    expect(toString(select('[id="^key-claim"]', target)!)).toBe('Models trained with learned rewards drift towards outputs the reward model overrates.')
    expect(select('[id="mitigations"]', target)).toBeDefined()
  })

  it('transcludes a section and a whole note, each headed by a link to its source', async () => {
    const embeds = selectAll('.embed', prose(await page('folder/policy-gradients/index.html')))
    expect(embeds.map((embed) => toString(select('.embed-source', embed)!))).toEqual(['Reward hacking', 'Short note'])
    expect(toString(embeds[0]!)).toContain('KL penalties and reward-model ensembles help.')
    // Only the section: not the text before the heading.
    expect(toString(embeds[0]!)).not.toContain('Policies exploit flaws')
    // The embedded note's own links work from this page (the alias [[PG]], a file link).
    expect(select('a[href="../../attachments/paper.pdf"]', embeds[1]!)).toBeDefined()
  })

  it('turns inline #tags (not numbers, not in code) and nested tags into tag pages', async () => {
    const body = prose(await page('reward-hacking/index.html'))
    expect(selectAll('a.tag', body).map((a) => [a.properties['href'], toString(a)])).toEqual([
      ['../tags/rl/reward/', '#rl/reward'],
      ['../tags/safety/', '#safety'],
    ])
    expect(toString(body)).toContain('#12 is an issue number')
    expect(toString(select('pre', body)!)).toContain('[[not a link]] and #notatag and ![[not-an-embed.png]]')
    expect(
      toString(
        select(
          'code',
          selectAll('p', body).find((p) => toString(p).startsWith('Inline'))!,
        )!,
      ),
    ).toBe('[[code]]')
    // The parent tag lists what its nested tags carry.
    const parent = await page('tags/rl/index.html')
    expect(selectAll('.card-title', parent).map((a) => toString(a))).toEqual(['Policy gradients', 'Reward hacking'])
    expect((await listFiles(site)).filter((file) => file.startsWith('tags/'))).toEqual([
      'tags/index.html',
      'tags/rl/index.html',
      'tags/rl/reward/index.html',
      'tags/safety/index.html',
    ])
  })

  it('leaves %%comments%% out, links and tags in them included, but not in code', async () => {
    const body = prose(await page('reward-hacking/index.html'))
    expect(toString(body)).toContain('A visible sentence  continues.')
    expect(toString(body)).toContain('Literal in code: %%kept in code%%.')
    expect(checked).not.toContain('nowhere-private')
  })

  it('renders callouts as notes, folded ones as details', async () => {
    const body = prose(await page('reward-hacking/index.html'))
    const callouts = selectAll('aside.callout', body)
    expect(callouts.map((aside) => [aside.properties['dataCallout'], toString(select('.callout-title', aside)!)])).toEqual([
      ['note', 'Why it matters'],
      ['tip', 'Folded advice'],
    ])
    expect(select('details:not([open])', callouts[1]!)).toBeDefined()
  })

  it('shows links to drafts as plain text, and warns', async () => {
    const body = prose(await page('reward-hacking/index.html'))
    expect(toString(select('.unpublished-link', body)!)).toBe('draft idea')
    expect(selectAll('a', body).some((a) => String(a.properties['href']).includes('draft'))).toBe(false)
    expect(built).toMatch(/Reward hacking\.md:23:10: warning: Link \[\[draft idea\]\] points to .*draft idea\.md, which is not published/)
  })

  it('gives aliases redirect pages next to the note, and resolves links written with them', async () => {
    for (const alias of ['folder/pg', 'folder/old-policy-name']) {
      const redirect = await page(`${alias}/index.html`)
      expect(select('meta[http-equiv=refresh]', redirect)!.properties['content']).toBe('0; url=../../folder/policy-gradients/')
      expect(select('a', redirect)!.properties['href']).toBe('../../folder/policy-gradients/')
    }
  })

  it('uses index.md as the home page, above the lists', async () => {
    const home = await page('index.html')
    expect(toString(select('h1', home)!)).toBe('A research vault')
    expect(select('.prose a[href="reward-hacking/"]', home)).toBeDefined()
    // The home page lists the notes at the top of the vault; a note in a folder is found through the folder.
    expect(selectAll('#notes ~ ul .card-title', home).map((a) => toString(a))).toEqual(['Reward hacking', 'Short note'])
    expect(selectAll('.explorer a', home).map((a) => [toString(a), a.properties['href']])).toEqual([['Folder', 'folder/']])
    // A vault with no inquiries yet has no empty section for them.
    expect(select('#inquiries', home)).toBeUndefined()
  })

  it('reports fields from other tools as hints, not warnings', () => {
    // `created` is a date quire reads; `cssclasses` is another tool's field.
    expect(checked).not.toMatch(/Unknown field `created`/)
    expect(checked).toMatch(/Policy gradients\.md:7:1: hint: Unknown field `cssclasses` is ignored/)
    expect(built).not.toContain('cssclasses')
    expect(built).toMatch(/\d+ hints \(quire check lists them\)/)
  })

  it('leaves every internal link and image resolvable', async () => {
    const files = new Set(await listFiles(site))
    for (const file of files) {
      if (!file.endsWith('.html')) continue
      const tree = await page(file)
      for (const element of selectAll('a[href], img[src]', tree)) {
        const url = String(element.properties['href'] ?? element.properties['src'])
        if (/^[a-z]+:|^\/\/|^#/.test(url)) continue
        const resolved = new URL(url, `https://site.example/${file}`)
        let target = decodeURIComponent(resolved.pathname.slice(1))
        if (target === '' || target.endsWith('/')) target += 'index.html'
        expect(files.has(target), `${file} links to ${url}`).toBe(true)
      }
    }
  })
})

describe('rebuilding a vault', () => {
  it('re-renders a page when a note it embeds changes, even with the build cache', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'quire-vault-cache-'))
    await cp(vault, path.join(root, 'vault'), { recursive: true })
    expect(await run(['build', 'vault', '--out', 'site'], recordingIO(root))).toBe(0)
    const embedded = path.join(root, 'vault', 'Short note.md')
    await writeFile(embedded, (await readFile(embedded, 'utf8')).replace('A file link', 'EDITED file link'))
    const io = recordingIO(root)
    expect(await run(['build', 'vault', '--out', 'site'], io), io.err()).toBe(0)
    expect(await readFile(path.join(root, 'site', 'folder', 'policy-gradients', 'index.html'), 'utf8')).toContain('EDITED file link')
  })
})

describe('mistakes in a vault are reported at their place', () => {
  async function check(files: Record<string, string | Buffer>): Promise<{ code: number; err: string }> {
    const text = Object.fromEntries(Object.entries(files).filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
    const root = await notesFolder(text)
    const io = recordingIO(root)
    return { code: await run(['check', 'notes'], io), err: io.err() }
  }

  it('a heading or block that does not exist: the link leads to the page, with a warning', async () => {
    const { code, err } = await check({
      'a.md': note('A', 'A.', 'See [[b#Nope]] and [[b#^missing]] and [[b#Real heading]].\n'),
      'b.md': note('B', 'B.', '## Real heading\n\nA paragraph. ^real\n'),
    })
    expect(code).toBe(0)
    expect(err).toContain(
      'notes/a.md:5:5: warning: Link [[b#Nope]] points to heading "Nope", which notes/b.md does not have, so it leads to the top of that page. It has: real-heading. [unknown-anchor]',
    )
    expect(err).toContain(
      'notes/a.md:5:20: warning: Link [[b#^missing]] points to block `^missing`, which notes/b.md does not have, so it leads to the top of that page. It has: ^real. [unknown-anchor]',
    )
    expect(err).not.toContain('Real heading]]')
  })

  it('a missing attachment, and a web page that would run script', async () => {
    const { code, err } = await check({
      'a.md': note('A', 'A.', '![[missing.png]]\n\n![[page.html]]\n'),
      'page.html': '<script>alert(1)</script>',
    })
    expect(code).toBe(0)
    expect(err).toContain(
      'notes/a.md:5:1: warning: Embed ![[missing.png]] names a file that is not in the notes folder, or is one quire does not publish (in an ignored folder, a canvas, a drawing); the page marks it as missing. Fix the name or path, or add the file. [missing-attachment]',
    )
    expect(err).toMatch(
      /notes\/a\.md:7:1: warning: Embed !\[\[page\.html\]\] names page\.html, which quire does not publish \(the page shows it as missing\): a web page or script would run on the site\..*\[unsafe-attachment\]/,
    )
  })

  it('an SVG with script in it', async () => {
    const svg = 'xmlns="http://www.w3.org/2000/svg"'
    const { err } = await check({
      'a.md': note('A', 'A.', '![[x.svg]] ![[ok.svg]]\n'),
      'x.svg': `<svg ${svg} onload="alert(1)"></svg>`,
      'ok.svg': `<svg ${svg}><rect/></svg>`,
    })
    expect(err).toContain(
      'names x.svg, which quire does not publish (the page shows it as missing): this SVG has the attribute onload="alert(1)" on <svg> (an event handler) (line 1, column 1 of the SVG).',
    )
    expect(err).not.toContain('ok.svg')
  })

  it('embeds that make a cycle', async () => {
    const { code, err } = await check({ 'a.md': note('A', 'A.', '![[b]]\n'), 'b.md': note('B', 'B.', '![[a]]\n') })
    expect(code).toBe(1)
    expect(err).toContain('notes/b.md:5:1: error: Embed ![[a]] makes a cycle (a → b → a), so it is shown as a link.')
  })

  it('an alias that would take an address already in use', async () => {
    const { code, err } = await check({ 'a.md': note('A', 'A.', '', 'aliases: [B]\n'), 'b.md': note('B', 'B.') })
    expect(code).toBe(0)
    expect(err).toMatch(/notes\/a\.md:4:11: warning: Alias "B" would redirect from b\/, which notes\/b\.md already uses.*\[alias-conflict\]/)
  })

  it('prefers the exact-case file name, then resolves in any case', async () => {
    const { code, err } = await check({
      'one/Apple.md': note('Apple one', 'A.'),
      'two/apple.md': note('Apple two', 'A.'),
      'x.md': note('X', 'X.', '[[Apple]] [[apple]] [[APPLE ONE]]\n'),
    })
    expect(err).not.toContain('ambiguous')
    expect(code).toBe(0)
  })
})

describe('comments that hold whole blocks', () => {
  it('leave no empty bullet, list or quote behind, in a note or what it embeds', () => {
    const { tree } = parseBody('- one\n%%\n- hidden\n%%\n- two\n\n%%\n- a\n- b\n%%\n\n> %%only a remark%%\n\nEnd.\n', 1, 0, 'a.md')
    const types: string[] = []
    const visit = (node: { type: string; children?: unknown[] }, depth: number): void => {
      types.push(`${depth}:${node.type}${node.children?.length === 0 ? ' (empty)' : ''}`)
      for (const child of (node.children ?? []) as { type: string; children?: unknown[] }[]) visit(child, depth + 1)
    }
    visit(tree, 0)
    expect(types.filter((t) => t.endsWith('(empty)'))).toEqual([])
    expect(types.filter((t) => t.endsWith(':listItem'))).toHaveLength(2)
    expect(types.filter((t) => t.endsWith(':list'))).toHaveLength(1)
    expect(types.filter((t) => t.endsWith(':blockquote'))).toHaveLength(0)
  })
})
