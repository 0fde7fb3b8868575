/**
 * Links written the way Obsidian (and Quartz gardens) write them: relative
 * paths, names with dots, folders, tag pages, escaped pipes in tables,
 * missing headings, and names several notes share.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { fromHtml } from 'hast-util-from-html'
import { select, selectAll } from 'hast-util-select'
import { toString } from 'hast-util-to-string'
import { describe, expect, it } from 'vitest'
import { checkGraph } from '../src/check/check-graph.js'
import { formatDiagnostic } from '../src/diagnostics.js'
import { run } from '../src/cli.js'
import { graphOf } from './support/graph.js'
import { notesFolder, recordingIO } from './support/notes.js'
import { listFiles } from './support/site.js'

const note = (title: string, body = '', extra = '') => `---\ntitle: ${JSON.stringify(title)}\nsummary: About ${title}\n${extra}---\n${body}`

/** What each link of `from` resolved to, and what checking the library says. */
function resolved(files: Record<string, string>, from: string) {
  const graph = graphOf(files)
  return { results: graph.resolved.get(from as never), messages: checkGraph(graph).map(formatDiagnostic) }
}

describe('relative wikilinks', () => {
  it('resolve against the linking note’s folder, with .md, #heading and |label', () => {
    const files = {
      'series/geometric series.md': note('Geometric', '## Ratio\n'),
      'series/sub/leaf.md': note('Leaf'),
      'top.md': note('Top'),
      'series/sums.md': note(
        'Sums',
        '[[./geometric series]], [[../top]], [[sub/./leaf]], [[./geometric series.md#Ratio|the ratio]], [[./sub/../geometric series]]',
      ),
    }
    expect(resolved(files, 'series/sums')).toEqual({
      results: [
        { kind: 'resolved', slug: 'series/geometric-series' },
        { kind: 'resolved', slug: 'top' },
        { kind: 'resolved', slug: 'series/sub/leaf' },
        { kind: 'resolved', slug: 'series/geometric-series' },
        { kind: 'resolved', slug: 'series/geometric-series' },
      ],
      messages: [],
    })
  })

  it('name a path only: ./x does not find an x in another folder (as in Obsidian), and ../ above the notes folder names nothing', () => {
    const files = { 'elsewhere/lone.md': note('Lone'), 'here/a.md': note('A', '[[./lone]] [[../../lone]]') }
    expect(resolved(files, 'here/a').results).toEqual([{ kind: 'unresolved' }, { kind: 'unresolved' }])
  })

  it('find a file beside the note', () => {
    const graph = graphOf({ 'pics/a.md': note('A', '![[./chart.png]] and ![[../pics/chart.png|200]]') })
    // No attachment exists in this in-memory library: both name the same missing path.
    expect(graph.resolved.get('pics/a' as never)).toEqual([{ kind: 'unresolved' }, { kind: 'unresolved' }])
  })
})

describe('Markdown links, as Obsidian reads them', () => {
  it('[x](name.md) without ./ is also a name in any folder; [x](./folder) leads to the folder’s note', () => {
    const files = {
      'parts/widget.md': note('Widget'),
      'guide/index.md': note('Guide'),
      'a.md': note('A', '[w](widget.md) [w](./widget.md) [g](./guide) [g](/guide/) [t](Widget)'),
    }
    expect(resolved(files, 'a').results).toEqual([
      { kind: 'resolved', slug: 'parts/widget' },
      { kind: 'unresolved' },
      { kind: 'resolved', slug: 'guide/index' },
      { kind: 'resolved', slug: 'guide/index' },
      { kind: 'resolved', slug: 'parts/widget' },
    ])
  })
})

describe('names with dots', () => {
  it('[[TLS 1.0]] is the note TLS 1.0.md; a missing one is a missing note, not a missing file', () => {
    const files = { 'TLS 1.0.md': note('TLS one'), 'a.md': note('A', '[[TLS 1.0]] then [[Version 2.5]] then ![[absent.png]]') }
    const { results, messages } = resolved(files, 'a')
    expect(results).toEqual([{ kind: 'resolved', slug: 'tls-1-0' }, { kind: 'unresolved' }, { kind: 'unresolved' }])
    expect(messages.map((message) => message.replace(/^.*\[(.*)\]$/, '$1'))).toEqual(['unresolved-link', 'missing-attachment'])
    expect(messages[0]).toContain('[[Version 2.5]]')
  })
})

describe('folder links', () => {
  it('lead to the folder’s note when it has one, else to the folder, with a hint', () => {
    const files = {
      'manual/README.md': note('Manual'),
      'advanced/index.md': note('Advanced'),
      'guides/first.md': note('First'),
      'a.md': note('A', '[[advanced/]] [[manual]] [[guides/]] [[guides]]'),
    }
    const { results, messages } = resolved(files, 'a')
    expect(results).toEqual([
      { kind: 'resolved', slug: 'advanced/index' },
      { kind: 'resolved', slug: 'manual/readme' },
      { kind: 'folder', path: 'guides' },
      { kind: 'folder', path: 'guides' },
    ])
    expect(messages).toEqual([
      'notes/a.md:5:26: hint: Link [[guides/]] names the folder guides/, which has no note of its own (index.md, README.md or a note named like the folder) and no page yet; it is shown as plain text. Add such a note to give the folder a page, or link to a note in it. [folder-link]',
      'notes/a.md:5:38: hint: Link [[guides]] names the folder guides/, which has no note of its own (index.md, README.md or a note named like the folder) and no page yet; it is shown as plain text. Add such a note to give the folder a page, or link to a note in it. [folder-link]',
    ])
  })

  it('a note named like its folder stands for it', () => {
    expect(resolved({ 'kits/kits.md': note('Kits'), 'a.md': note('A', '[[kits/]]') }, 'a').results).toEqual([{ kind: 'resolved', slug: 'kits/kits' }])
  })
})

describe('tag pages', () => {
  it('[[tags/x]] leads to the note describing tag x, or to the tag’s page; a note under tags/ is allowed', () => {
    const files = {
      'tags/widget.md': note('Widgets', 'What the widget tag gathers.\n'),
      'b.md': note('B', '', 'tags: [widget, gadget/small]\n'),
      'a.md': note('A', '[[tags/widget]] [[tags/gadget]] [[tags/gadget/small]] [[tags/nothing]]'),
    }
    const { results, messages } = resolved(files, 'a')
    expect(results).toEqual([
      { kind: 'resolved', slug: 'tags/widget' },
      { kind: 'tag', tag: 'gadget' },
      { kind: 'tag', tag: 'gadget/small' },
      { kind: 'unresolved' },
    ])
    expect(messages.filter((message) => !message.includes('[[tags/nothing]]'))).toEqual([])
  })

  it('the describing note’s text heads the tag page, and it has no page of its own', async () => {
    const root = await notesFolder({
      'tags/widget.md': note('Widgets', 'Everything about widgets.\n'),
      'tags/lonely.md': note('Lonely', 'A tag nobody uses yet.\n'),
      'b.md': note('B', 'See [[tags/widget|the widget tag]].\n', 'tags: [widget]\n'),
    })
    const io = recordingIO(root)
    expect(await run(['build', 'notes', '--out', 'site', '--no-cache'], io), io.err()).toBe(0)
    const site = path.join(root, 'site')
    const files = await listFiles(site)
    expect(files.filter((file) => file.startsWith('tags/'))).toEqual(['tags/index.html', 'tags/lonely/index.html', 'tags/widget/index.html'])
    const tree = fromHtml(await readFile(path.join(site, 'tags/widget/index.html'), 'utf8'))
    expect(toString(select('h1', tree)!)).toBe('Widgets')
    expect(toString(select('.tag-page .prose', tree)!)).toContain('Everything about widgets.')
    expect(selectAll('.tag-page .card a, .tag-page li a', tree).map((a) => a.properties['href'])).toContain('../../b/')
    const b = fromHtml(await readFile(path.join(site, 'b/index.html'), 'utf8'))
    expect(selectAll('.prose a', b).map((a) => [toString(a), a.properties['href']])).toContainEqual(['the widget tag', '../tags/widget/'])
  })
})

describe('escaped pipes in tables', () => {
  it('[[note\\|label]] and ![[file\\|600]] in a table cell split at the pipe', () => {
    const files = { 'alpha.md': note('Alpha'), 'a.md': note('A', '| link | picture |\n|---|---|\n| [[alpha\\|first]] | ![[layout.png\\|600]] |\n') }
    const graph = graphOf(files)
    const links = graph.documents.get('a' as never)!.links
    expect(links.map((link) => [link.target, link.label])).toEqual([
      ['alpha', 'first'],
      ['layout.png', '600'],
    ])
    expect(graph.resolved.get('a' as never)![0]).toEqual({ kind: 'resolved', slug: 'alpha' })
  })
})

describe('names several notes share, as Obsidian resolves them', () => {
  const files = {
    'deep/er/alpha.md': note('Alpha deep'),
    'z/alpha.md': note('Alpha z'),
    'w/alpha.md': note('Alpha w'),
    'w/from-w.md': note('From w', '[[alpha]]'),
    'top.md': note('Top', '[[alpha]]'),
    'deep/from-deep.md': note('From deep', '[[alpha]]'),
  }

  it('prefers the linking note’s folder, then the shortest path (an ancestor folder counts for nothing), with a warning', () => {
    const graph = graphOf(files)
    expect(graph.resolved.get('w/from-w' as never)).toEqual([{ kind: 'resolved', slug: 'w/alpha', candidates: ['w/alpha', 'z/alpha', 'deep/er/alpha'] }])
    expect(graph.resolved.get('top' as never)).toEqual([{ kind: 'resolved', slug: 'w/alpha', candidates: ['w/alpha', 'z/alpha', 'deep/er/alpha'] }])
    expect(graph.resolved.get('deep/from-deep' as never)).toEqual([{ kind: 'resolved', slug: 'w/alpha', candidates: ['w/alpha', 'z/alpha', 'deep/er/alpha'] }])
    const messages = checkGraph(graph).map(formatDiagnostic)
    expect(messages).toHaveLength(3)
    for (const message of messages) expect(message).toMatch(/: warning: Link \[\[alpha\]\] fits 3 documents .* \[ambiguous-link\]$/)
  })

  it('an exact path from the top wins, even over the linking note’s folder', () => {
    const graph = graphOf({ ...files, 'alpha.md': note('Alpha top') })
    expect(graph.resolved.get('w/from-w' as never)).toEqual([{ kind: 'resolved', slug: 'alpha' }])
    expect(checkGraph(graph)).toEqual([])
  })

  it('a path suffix narrows the search: [[er/alpha]]', () => {
    expect(resolved({ ...files, 'q.md': note('Q', '[[er/alpha]]') }, 'q').results).toEqual([{ kind: 'resolved', slug: 'deep/er/alpha' }])
  })

  it('a file name wins over another note’s alias or title, without a warning', () => {
    const { results, messages } = resolved(
      { 'w/gamma.md': note('Gamma'), 'other.md': note('Gamma', '', 'aliases: [gamma]\n'), 'a.md': note('A', '[[gamma]] [[Gamma]]') },
      'a',
    )
    expect(results).toEqual([
      { kind: 'resolved', slug: 'w/gamma' },
      { kind: 'resolved', slug: 'w/gamma' },
    ])
    expect(messages).toEqual([])
  })

  it('a title two notes share leads to one of them, with a warning', () => {
    const { results, messages } = resolved({ 'p/one.md': note('Shared'), 'two.md': note('Shared'), 'a.md': note('A', '[[Shared]]') }, 'a')
    expect(results).toEqual([{ kind: 'resolved', slug: 'two', candidates: ['two', 'p/one'] }])
    expect(messages).toHaveLength(1)
    expect(messages[0]).toContain('warning')
  })
})
