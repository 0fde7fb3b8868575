/**
 * `quire dev` works out which files a rebuild changed without making them
 * (src/dev/site-changes.ts), and re-reads only the files its watcher
 * reported. After any sequence of edits, renames and deletes: every file
 * whose bytes changed is in the reported list, and the site made from the
 * partly re-read library is a clean build's.
 */
import { cp, mkdir, mkdtemp, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readyForChanges, siteChanges } from '../src/dev/site-changes.js'
import { isFileKey, planSite, renderSite, contentsOf, type SitePlan } from '../src/render/render-site.js'
import { readsInto, recordingGraph } from '../src/graph/recorded-reads.js'
import type { Graph, SiteOptions, Slug } from '../src/model.js'
import { buildSite } from '../src/build/pipeline.js'
import { analyseSite, freshState, type BuildState } from '../src/build/site-build.js'
import { shippedFiles } from '../src/load/shipped-files.js'

const names = ['a', 'b', 'c', 'd', 'sub/e'] as const
type Name = (typeof names)[number]

type Operation =
  | {
      kind: 'write'
      name: Name
      title: string
      summary: string
      links: Name[]
      prose: string
      inquiry: boolean
      claim: Name | undefined
      embed: Name | undefined
    }
  | { kind: 'prose'; name: Name; prose: string }
  | { kind: 'summary'; name: Name; summary: string }
  | { kind: 'title'; name: Name; title: string }
  | { kind: 'delete'; name: Name }
  | { kind: 'rename'; from: Name; to: Name }

const word = fc.constantFrom('Alpha', 'Beta', 'Does RL help?', 'Gamma <b>', 'Δelta', 'same title', 'a')
const name = fc.constantFrom(...names)
const prose = fc.constantFrom('', 'Some prose.', 'Other prose with $x$ math.', '## A heading\n\nText.')
const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({
    kind: fc.constant('write' as const),
    name,
    title: word,
    summary: word,
    links: fc.array(name, { maxLength: 3 }),
    prose,
    inquiry: fc.boolean(),
    claim: fc.option(name, { nil: undefined }),
    embed: fc.option(name, { nil: undefined, freq: 2 }),
  }),
  fc.record({ kind: fc.constant('prose' as const), name, prose }),
  fc.record({ kind: fc.constant('prose' as const), name, prose }),
  fc.record({ kind: fc.constant('summary' as const), name, summary: word }),
  fc.record({ kind: fc.constant('title' as const), name, title: word }),
  fc.record({ kind: fc.constant('delete' as const), name }),
  fc.record({ kind: fc.constant('rename' as const), from: name, to: name }),
)

/** What each file holds, so a prose edit keeps the rest. */
type Written = Extract<Operation, { kind: 'write' }>

function text(op: Written): string {
  const inquiry = op.inquiry
    ? `type: inquiry\n${op.claim ? `prompt:\n  role: an analyst\n  question: why?\n  claims:\n    - text: A claim\n      date: "2025"\n      notes: [${op.claim}]\n` : ''}`
    : ''
  const links = op.links.map((l) => `See [[${l}]].`).join('\n\n')
  const embed = op.embed ? `\n\n![[${op.embed}]]\n` : ''
  return `---\n${inquiry}title: ${JSON.stringify(op.title)}\nsummary: ${JSON.stringify(op.summary)}\n---\n${op.prose}\n\n${links}${embed}\n`
}

/** Apply `op`; returns the files it touched (as a watcher would report them). */
async function apply(notes: string, op: Operation, written: Map<Name, Written>): Promise<string[]> {
  const file = (n: Name): string => path.join(notes, `${n}.md`)
  if (op.kind === 'write') {
    await mkdir(path.dirname(file(op.name)), { recursive: true })
    await writeFile(file(op.name), text(op))
    written.set(op.name, op)
    return [file(op.name)]
  }
  if (op.kind === 'prose' || op.kind === 'summary' || op.kind === 'title') {
    // Only the prose, the summary or the title changes (a note that is not there yet is written with it).
    const before = written.get(op.name) ?? {
      kind: 'write',
      name: op.name,
      title: op.name.toUpperCase(),
      summary: 'S.',
      links: [],
      prose: '',
      inquiry: false,
      claim: undefined,
      embed: undefined,
    }
    const after =
      op.kind === 'prose' ? { ...before, prose: op.prose } : op.kind === 'summary' ? { ...before, summary: op.summary } : { ...before, title: op.title }
    await mkdir(path.dirname(file(op.name)), { recursive: true })
    await writeFile(file(op.name), text(after))
    written.set(op.name, after)
    return [file(op.name)]
  }
  if (op.kind === 'delete') {
    await rm(file(op.name), { force: true })
    written.delete(op.name)
    return [file(op.name)]
  }
  if (!existsSync(file(op.from)) || op.from === op.to) return []
  await mkdir(path.dirname(file(op.to)), { recursive: true })
  await rename(file(op.from), file(op.to))
  const moved = written.get(op.from)
  written.delete(op.from)
  if (moved) written.set(op.to, { ...moved, name: op.to })
  return [file(op.from), file(op.to)]
}

describe('dev rebuilds', () => {
  it('report every file whose bytes changed, and re-read only what the watcher reported', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 8 }), async (operations) => {
        const root = await mkdtemp(path.join(tmpdir(), 'quire-changes-'))
        const notes = path.join(root, 'notes')
        await mkdir(notes)
        await writeFile(path.join(notes, 'a.md'), '---\ntitle: A\nsummary: A.\n---\n')
        const written = new Map<Name, Written>()
        let state: BuildState = freshState
        try {
          let before = await analyseSite(notes, { cwd: root, keepTrees: false })
          state = { parses: before.parses, pages: undefined }
          let previous = before
          // The bytes of the site dev serves: made once, then taken from each good rebuild.
          let old = new Map((await renderSite(before.graph, before.site, shippedFiles)).files.map((f) => [f.path, contentsOf(f)]))
          for (const op of operations) {
            const touched = await apply(notes, op, written)
            const after = await analyseSite(notes, { cwd: root, keepTrees: false }, state, { previous, changedFiles: touched })
            state = { parses: after.parses, pages: undefined }
            previous = after
            const clean = await buildSite(notes, { cwd: root })
            expect(after.diagnostics).toEqual(clean.diagnostics)
            // While the notes have errors, dev keeps serving (and comparing with) the last good site.
            if (after.failed) continue
            const files = (await renderSite(after.graph, after.site, shippedFiles)).files
            expect(files).toEqual(clean.files)
            const now = new Map(files.map((f) => [f.path, contentsOf(f)]))
            const actual = [...new Set([...old.keys(), ...now.keys()])].filter((file) => old.get(file) !== now.get(file)).sort()
            const reported = siteChanges(planSite(before.graph, before.site, shippedFiles), planSite(after.graph, after.site, shippedFiles), touched).files
            expect(actual.filter((file) => !reported.includes(file))).toEqual([])
            before = after
            old = now
          }
        } finally {
          await rm(root, { recursive: true, force: true })
        }
      }),
      // Each run builds its library clean after every edit: enough runs to meet renames, embeds and claims, few enough to stay quick.
      { numRuns: 35 },
    )
  }, 120_000)
})

describe('dev change reports', () => {
  it('include a page that embeds a note whose prose changed', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'quire-changes-'))
    const notes = path.join(root, 'notes')
    await mkdir(path.join(notes, 'deep'), { recursive: true })
    const note = (title: string, body: string) => `---\ntitle: ${title}\nsummary: ${title}.\n---\n${body}\n`
    await writeFile(path.join(notes, 'a.md'), note('A', 'Intro.\n\n![[b]]'))
    await writeFile(path.join(notes, 'b.md'), note('B', 'B embeds C.\n\n![[deep/c]]'))
    await writeFile(path.join(notes, 'deep', 'c.md'), note('C', 'Old prose.'))
    await writeFile(path.join(notes, 'd.md'), note('D', 'Unrelated.'))
    const before = await analyseSite(notes, { cwd: root, keepTrees: false })
    const changed = path.join(notes, 'deep', 'c.md')
    await writeFile(changed, note('C', 'New prose.'))
    const after = await analyseSite(
      notes,
      { cwd: root, keepTrees: false },
      { parses: before.parses, pages: undefined },
      { changedFiles: [changed], previous: before },
    )
    const report = siteChanges(planSite(before.graph, before.site, shippedFiles), planSite(after.graph, after.site, shippedFiles), [changed])
    expect(report.pages).toEqual(['a', 'b', 'deep/c'])
    expect(report.files).not.toContain('d/index.html')
    expect(contentsOf((await renderSite(after.graph, after.site, shippedFiles)).files.find((f) => f.path === 'a/index.html')!)).toContain('New prose.')
    await rm(root, { recursive: true, force: true })
  })
})

describe('dev change reports after an edit to prose alone', () => {
  it('name exactly the files whose bytes changed: the page, what embeds it, the search files, not every listing', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'quire-prose-'))
    const notes = path.join(root, 'notes')
    await mkdir(path.join(notes, 'deep'), { recursive: true })
    await mkdir(path.join(notes, 'other'), { recursive: true })
    const note = (title: string, body: string, extra = '') => `---\ntitle: ${title}\nsummary: ${title} in short.\n${extra}---\n${body}\n`
    await writeFile(path.join(notes, 'index.md'), note('Home', 'Welcome. See [[a]].'))
    await writeFile(path.join(notes, 'a.md'), note('A', 'A links to [[b#Part]].', 'tags: [topic]\n'))
    const b = path.join(notes, 'b.md')
    await writeFile(b, note('B', '## Part\n\nFirst line of B.', 'tags: [topic]\n'))
    await writeFile(path.join(notes, 'deep', 'index.md'), note('Deep', 'This folder shows B:\n\n![[b]]'))
    await writeFile(path.join(notes, 'deep', 'c.md'), note('C', 'C links to [[a]].'))
    await writeFile(path.join(notes, 'other', 'index.md'), note('Other', 'Nothing of B here.'))
    await writeFile(path.join(notes, 'other', 'd.md'), note('D', 'Unrelated.'))
    const before = await analyseSite(notes, { cwd: root, keepTrees: false })
    const beforeFiles = new Map((await renderSite(before.graph, before.site, shippedFiles)).files.map((file) => [file.path, contentsOf(file)]))
    // The first line of a section changed (its preview shows it); title, summary, links and tags as they were.
    await writeFile(b, note('B', '## Part\n\nA first line, changed in the editor.', 'tags: [topic]\n'))
    const after = await analyseSite(
      notes,
      { cwd: root, keepTrees: false },
      { parses: before.parses, pages: undefined },
      { changedFiles: [b], previous: before },
    )
    const afterFiles = new Map((await renderSite(after.graph, after.site, shippedFiles)).files.map((file) => [file.path, contentsOf(file)]))
    const differ = [...new Set([...beforeFiles.keys(), ...afterFiles.keys()])].filter((file) => beforeFiles.get(file) !== afterFiles.get(file)).sort()
    const report = siteChanges(planSite(before.graph, before.site, shippedFiles), planSite(after.graph, after.site, shippedFiles), [b])
    // Every file that changed is reported; a few beside them may be (a document's Markdown with its
    // page, the search files as a set), but no listing, feed, graph or other document's page.
    expect(report.files).toEqual(expect.arrayContaining(differ))
    expect(report.files).toEqual(expect.arrayContaining(['b/index.html', 'deep/index.html', 'search/terms/0.json', 'previews/0.json']))
    for (const unchanged of [
      'index.html',
      'graph.json',
      'graph/data.json',
      'feed.xml',
      'other/index.html',
      'tags/topic/index.html',
      'a/index.html',
      'a/index.html.md',
    ])
      expect(report.files).not.toContain(unchanged)
    expect(report.files.filter((file) => !differ.includes(file)).every((file) => file.endsWith('.md') || file.startsWith('search/'))).toBe(true)
    await rm(root, { recursive: true, force: true })
  })
})

describe('dev change reports for anchor papers', () => {
  it('include a note far from the inquiry that cites a paper whose anchor title changed', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'quire-anchor-'))
    const notes = path.join(root, 'notes')
    await mkdir(notes, { recursive: true })
    const inquiry = (title: string) =>
      `---\ntype: inquiry\ntitle: Why?\nsummary: S.\nprompt:\n  role: an analyst\n  question: why?\n  anchors:\n    - arxiv: "2504.13837"\n      date: 2025-04\n      title: ${title}\n  tasks: [One.]\n---\nSee [[a]].\n`
    const file = path.join(notes, 'why.md')
    await writeFile(file, inquiry('Old title'))
    await writeFile(path.join(notes, 'a.md'), '---\ntitle: A\nsummary: A.\n---\n')
    // Far from the inquiry: no link leads from one to the other.
    await writeFile(path.join(notes, 'far.md'), '---\ntitle: Far\nsummary: F.\npapers: ["2504.13837"]\n---\n')
    const before = await analyseSite(notes, { cwd: root, keepTrees: false })
    await writeFile(file, inquiry('New title'))
    const after = await analyseSite(
      notes,
      { cwd: root, keepTrees: false },
      { parses: before.parses, pages: undefined },
      { changedFiles: [file], previous: before },
    )
    const report = siteChanges(planSite(before.graph, before.site, shippedFiles), planSite(after.graph, after.site, shippedFiles), [file])
    expect(report.pages).toContain('far')
    expect(contentsOf((await renderSite(after.graph, after.site, shippedFiles)).files.find((f) => f.path === 'far/index.html')!)).toContain('New title')
    await rm(root, { recursive: true, force: true })
  })
})

describe('dev rebuilds reuse the graph', () => {
  it('after an edit to prose or a summary, and build it again after any other edit', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'quire-regraft-'))
    const notes = path.join(root, 'notes')
    await mkdir(notes, { recursive: true })
    const note = (title: string, summary: string, body: string) => `---\ntitle: ${title}\nsummary: ${summary}\n---\n${body}\n`
    const a = path.join(notes, 'a.md')
    await writeFile(a, note('A', 'A.', 'See [[b]].'))
    await writeFile(path.join(notes, 'b.md'), note('B', 'B.', 'See [[a]].'))
    let state: BuildState = freshState
    let last = await analyseSite(notes, { cwd: root })
    state = { parses: last.parses, pages: undefined }
    const edit = async (text: string) => {
      await writeFile(a, text)
      const next = await analyseSite(notes, { cwd: root }, state, { changedFiles: [a], previous: last })
      const reused = next.graph.edges === last.graph.edges
      expect((await renderSite(next.graph, next.site, shippedFiles)).files).toEqual((await buildSite(notes, { cwd: root })).files)
      state = { parses: next.parses, pages: undefined }
      last = next
      return reused
    }
    expect(await edit(note('A', 'A.', 'Prose first. See [[b]].'))).toBe(true)
    expect(await edit(note('A', 'A new summary.', 'Prose first. See [[b]].'))).toBe(true)
    expect(await edit(note('Renamed A', 'A new summary.', 'Prose first. See [[b]].'))).toBe(false)
    expect(await edit(note('Renamed A', 'A new summary.', 'Prose first. See [[a]].'))).toBe(false)
    await rm(root, { recursive: true, force: true })
  })
})

/**
 * A plan whose pages also show what `reader` reads of the graph: a stand-in
 * for a template that reaches further than any does today. Its reads are
 * recorded through the same view as the real props'.
 */
function planReading(graph: Graph, site: SiteOptions, reader: (graph: Graph, slug: Slug) => string): SitePlan {
  const plan = planSite(graph, site, shippedFiles)
  const shown = new Map<Slug, { value: string; reads: string[] }>()
  const show = (slug: Slug) => {
    let found = shown.get(slug)
    if (!found) {
      const reads = new Set<string>()
      found = { value: readsInto(reads, () => reader(recordingGraph(graph), slug)), reads: [...reads] }
      shown.set(slug, found)
    }
    return found
  }
  return {
    ...plan,
    fingerprint: (slug) => `${plan.fingerprint(slug)}\u0000${show(slug).value}`,
    reads: (key) => (isFileKey(key) ? plan.reads(key) : [...plan.reads(key), ...show(key).reads]),
    adopt: () => {},
    // The pages whose stand-in read one of the keys, besides those whose props did.
    readers(keys) {
      const found = plan.readers(keys)
      const wanted = new Set(keys)
      for (const [slug, { reads }] of shown) if (reads.some((key) => wanted.has(key))) found.add(slug)
      return found
    },
  }
}

/** The title and summary of the document three links on from `slug` (following each page's first link). */
function threeLinksOn(graph: Graph, slug: Slug): string {
  let at = slug
  for (let step = 0; step < 3; step++) {
    const next = (graph.resolved.get(at) ?? []).find((result) => result.kind === 'resolved')
    if (next?.kind !== 'resolved') return ''
    at = next.slug
  }
  const doc = graph.documents.get(at)!
  return `${doc.data.title}: ${doc.data.summary}`
}

describe('dev change reports follow what each page read', () => {
  it('include a page that shows a document three links away, after its summary or its title changed', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'quire-far-'))
    const notes = path.join(root, 'notes')
    await mkdir(notes, { recursive: true })
    const note = (title: string, summary: string, body: string) => `---\ntitle: ${title}\nsummary: ${summary}\n---\n${body}\n`
    await writeFile(path.join(notes, 'a.md'), note('A', 'A.', 'On to [[b]].'))
    await writeFile(path.join(notes, 'b.md'), note('B', 'B.', 'On to [[c]].'))
    await writeFile(path.join(notes, 'c.md'), note('C', 'C.', 'On to [[d]].'))
    const d = path.join(notes, 'd.md')
    await writeFile(d, note('D', 'D.', 'The end.'))
    await writeFile(path.join(notes, 'e.md'), note('E', 'E.', 'Alone.'))
    let before = await analyseSite(notes, { cwd: root, keepTrees: false })
    for (const text of [note('D', 'A new summary.', 'The end.'), note('A new title', 'A new summary.', 'The end.')]) {
      await writeFile(d, text)
      const after = await analyseSite(
        notes,
        { cwd: root, keepTrees: false },
        { parses: before.parses, pages: undefined },
        { changedFiles: [d], previous: before },
      )
      const report = siteChanges(planReading(before.graph, before.site, threeLinksOn), planReading(after.graph, after.site, threeLinksOn), [d])
      // `a` is three links from `d`: no rule about distance would have found it.
      expect(report.pages).toContain('a')
      expect(report.pages).not.toContain('e')
      before = after
    }
    await rm(root, { recursive: true, force: true })
  })
})

/** Every Markdown file under `folder`, relative to it. */
async function markdownFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true })
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)))
    .sort()
}

/** Each file of the site made from `analysed`, by path: its bytes (an attachment's as on disk). */
async function siteBytes(analysed: { graph: Graph; site: SiteOptions }): Promise<Map<string, string>> {
  const files = (await renderSite(analysed.graph, analysed.site, shippedFiles)).files
  return new Map(
    await Promise.all(files.map(async (file) => [file.path, 'copyFrom' in file ? await readFile(file.copyFrom, 'latin1') : contentsOf(file)] as const)),
  )
}

/** Edits a person makes in an editor, to the `n`th Markdown file of a library. */
const libraryEdits: { name: string; edit: (text: string, others: readonly string[]) => string | undefined }[] = [
  { name: 'prose', edit: (text) => `${text.trimEnd()}\n\nA line added at the end.\n` },
  { name: 'summary', edit: (text) => (/^summary:.*$/m.test(text) ? text.replace(/^summary:.*$/m, 'summary: "A summary written again."') : undefined) },
  { name: 'title', edit: (text) => (/^title:.*$/m.test(text) ? text.replace(/^title:.*$/m, 'title: "A title written again"') : undefined) },
  { name: 'link', edit: (text, others) => `${text.trimEnd()}\n\nSee [[${path.basename(others[0]!, '.md')}]].\n` },
  { name: 'delete', edit: () => '' },
]

describe('dev change reports on whole libraries', () => {
  for (const library of ['notes', 'test/fixtures/vault']) {
    it(`hold every file whose bytes changed, after edits to ${library}`, async () => {
      const root = await mkdtemp(path.join(tmpdir(), 'quire-library-'))
      const notes = path.join(root, 'notes')
      await cp(library, notes, { recursive: true })
      const files = await markdownFiles(notes)
      let before = await analyseSite(notes, { cwd: root, keepTrees: false })
      let old = await siteBytes(before)
      let applied = 0
      try {
        for (const [i, { name, edit }] of libraryEdits.entries()) {
          const target = path.join(notes, files[(i * 3 + 1) % files.length]!)
          const text = await readFile(target, 'utf8').catch(() => undefined)
          const edited =
            text === undefined
              ? undefined
              : edit(
                  text,
                  files.filter((file) => path.join(notes, file) !== target),
                )
          if (edited === undefined) continue
          if (name === 'delete') await rm(target)
          else await writeFile(target, edited)
          const after = await analyseSite(
            notes,
            { cwd: root, keepTrees: false },
            { parses: before.parses, pages: undefined },
            { changedFiles: [target], previous: before },
          )
          if (after.failed) continue
          applied++
          const now = await siteBytes(after)
          const differ = [...new Set([...old.keys(), ...now.keys()])].filter((file) => old.get(file) !== now.get(file))
          const reported = siteChanges(planSite(before.graph, before.site, shippedFiles), planSite(after.graph, after.site, shippedFiles), [target]).files
          expect({ edit: name, missing: differ.filter((file) => !reported.includes(file)) }).toEqual({ edit: name, missing: [] })
          before = after
          old = now
        }
        expect(applied).toBeGreaterThanOrEqual(4)
      } finally {
        await rm(root, { recursive: true, force: true })
      }
    })
  }
})

describe('dev change reports name exactly what an edit changed', () => {
  it('after a summary edit and after a body edit: the files whose bytes changed, and fewer for the body', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'quire-exact-'))
    const notes = path.join(root, 'notes')
    await mkdir(path.join(notes, 'deep'), { recursive: true })
    await mkdir(path.join(notes, 'other'), { recursive: true })
    const note = (title: string, summary: string, body: string, extra = '') => `---\ntitle: ${title}\nsummary: ${summary}\n${extra}---\n${body}\n`
    await writeFile(path.join(notes, 'index.md'), note('Home', 'The home.', 'Welcome.'))
    await writeFile(path.join(notes, 'a.md'), note('A', 'A in short.', 'A links to [[b]].'))
    const b = path.join(notes, 'deep', 'b.md')
    const bText = (summary: string, body: string) => note('B', summary, body, 'tags: [topic]\n')
    await writeFile(b, bText('B in short.', 'First words of B.'))
    await writeFile(path.join(notes, 'deep', 'c.md'), note('C', 'C in short.', 'C stands alone.'))
    // Enough notes elsewhere that most search blocks, previews and listings hold none of B.
    for (let i = 0; i < 40; i++)
      await writeFile(path.join(notes, 'other', `n${i}.md`), note(`N${i}`, `N${i} in short.`, `Words of note ${i}.`, 'tags: [else]\n'))
    let before = await analyseSite(notes, { cwd: root, keepTrees: false })
    let old = await siteBytes(before)
    const edit = async (text: string) => {
      await writeFile(b, text)
      const after = await analyseSite(
        notes,
        { cwd: root, keepTrees: false },
        { parses: before.parses, pages: undefined },
        { changedFiles: [b], previous: before },
      )
      const now = await siteBytes(after)
      const differ = [...new Set([...old.keys(), ...now.keys()])].filter((file) => old.get(file) !== now.get(file)).sort()
      // As `quire dev` does once it serves the site: record what every page and file reads.
      const plan = planSite(before.graph, before.site, shippedFiles)
      for (const _ of readyForChanges(plan));
      const report = siteChanges(plan, planSite(after.graph, after.site, shippedFiles), [b])
      before = after
      old = now
      return { differ, report: report.files }
    }
    try {
      const summary = await edit(bText('B, summed up again.', 'First words of B.'))
      // Exactly the files whose bytes changed: B's page, the listings and lists that show its summary, one block of search records.
      expect(summary.report).toEqual(summary.differ)
      expect(summary.report).toEqual(expect.arrayContaining(['deep/b/index.html', 'deep/index.html', 'tags/topic/index.html', 'llms.txt', 'graph.json']))
      for (const unchanged of ['other/index.html', 'tags/else/index.html', 'deep/c/index.html', 'other/n1/index.html', 'graph/data.json'])
        expect(summary.report).not.toContain(unchanged)
      const searchRecords = (files: readonly string[]) => files.filter((file) => file.startsWith('search/docs/'))
      expect(searchRecords(summary.report)).toHaveLength(1)

      const body = await edit(bText('B, summed up again.', 'First words of B, and more.'))
      expect(body.report).toEqual(body.differ)
      expect(body.report).toEqual(expect.arrayContaining(['deep/b/index.html', 'deep/b/index.html.md']))
      // Nothing shows B's summary changed: no card, listing, tag page, feed or search record.
      for (const unchanged of ['a/index.html', 'deep/index.html', 'tags/topic/index.html', 'llms.txt', 'graph.json', 'feed.xml', 'index.html'])
        expect(body.report).not.toContain(unchanged)
      expect(searchRecords(body.report)).toEqual([])
      expect(body.report.filter((file) => file.startsWith('search/text/'))).toHaveLength(1)
      expect(body.report.length).toBeLessThan(summary.report.length)
    } finally {
      await rm(root, { recursive: true, force: true })
    }
  })
})
