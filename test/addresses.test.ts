import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkGraph } from '../src/check/check-graph.js'
import { formatDiagnostic } from '../src/diagnostics.js'
import { buildGraph } from '../src/graph/build-graph.js'
import type { AttachmentFile, Doc, SourceFile } from '../src/model.js'
import { parseDocument } from '../src/parse/parse-document.js'
import { quartzAddress } from '../src/render/site-files/quartz-redirects.js'
import { siteFiles } from '../src/render/site-files/site-files.js'
import { buildSite } from '../src/build/pipeline.js'
import { slugFromOverride, slugFromPath, spelledSlugFromPath } from '../src/slug.js'
import { note, notesFolder } from './support/notes.js'

const page = (title: string, body = '', extra = '') => note(title, `About ${title}.`, body, extra)

/** Parse each file (which must parse cleanly) and build the graph, with the attachments named. */
function graphWith(files: Record<string, string>, attachments: readonly string[] = []) {
  const docs: Doc[] = []
  for (const [relativePath, text] of Object.entries(files)) {
    const file: SourceFile = { path: `/lib/notes/${relativePath}`, relativePath, displayPath: `notes/${relativePath}`, text }
    const parsed = parseDocument(file)
    expect(parsed.diagnostics.filter((d) => d.severity !== 'hint').map(formatDiagnostic)).toEqual([])
    docs.push(parsed.document!)
  }
  const loaded: AttachmentFile[] = [...attachments].sort().map((relativePath) => ({ path: `/lib/notes/${relativePath}`, relativePath }))
  const graph = buildGraph(docs, loaded, { siteFiles })
  return {
    graph,
    messages: checkGraph(graph)
      .filter((d) => ['duplicate-slug', 'invalid-slug', 'address-case-clash'].includes(d.code))
      .map(formatDiagnostic),
  }
}

/** Slug of each document, by its file's path. */
function slugsOf(graph: ReturnType<typeof graphWith>['graph']): Record<string, string> {
  return Object.fromEntries([...graph.documents.values()].map((doc) => [doc.file.relativePath, doc.slug]))
}

describe('addresses from names with symbols', () => {
  it('spells out a name with no letters or digits instead of refusing it', () => {
    expect(slugFromPath('$?.md')).toBe('dollar-question')
    expect(slugFromPath('+.md')).toBe('plus')
    expect(slugFromPath('….md')).toBe('ellipsis')
    expect(slugFromPath('shell/&&.md')).toBe('shell/and-and')
    expect(slugFromPath('-.md')).toBe('dash')
    expect(slugFromPath('🙂.md')).toBe('u1f642')
    expect(slugFromOverride('notes/$?')).toEqual({ ok: true, slug: 'notes/dollar-question' })
    // Names with letters keep today's slugs.
    expect(slugFromPath('Notes/My Note!.md')).toBe('notes/my-note')
    expect(spelledSlugFromPath('Q&A/Bash ;.md')).toBe('q-and-a/bash-semicolon')
  })

  it('publishes `$?.md`, `+.md` and `….md` as pages, with no error', () => {
    const { graph, messages } = graphWith({
      '$?.md': page('Exit status'),
      '+.md': page('Plus'),
      '….md': page('Ellipsis'),
      'a.md': page('A', '[[$?]] and [[+]]'),
    })
    expect(slugsOf(graph)).toEqual({ '$?.md': 'dollar-question', '+.md': 'plus', '….md': 'ellipsis', 'a.md': 'a' })
    expect(graph.resolved.get('a' as never)).toEqual([
      { kind: 'resolved', slug: 'dollar-question' },
      { kind: 'resolved', slug: 'plus' },
    ])
    expect(messages).toEqual([])
  })
})

describe('addresses that would collide', () => {
  const bash = { 'Bash.md': page('Bash'), 'Bash &.md': page('Background'), 'Bash &&.md': page('And then'), 'Bash ;.md': page('Sequence') }

  it('gives `Bash.md`, `Bash &.md`, `Bash &&.md` and `Bash ;.md` four pages', () => {
    const { graph, messages } = graphWith(bash)
    expect(slugsOf(graph)).toEqual({ 'Bash.md': 'bash', 'Bash &.md': 'bash-and', 'Bash &&.md': 'bash-and-and', 'Bash ;.md': 'bash-semicolon' })
    expect(messages).toEqual([
      "notes/Bash &&.md:1:1: warning: The address `bash/` is already notes/Bash.md's, so this page is published at `bash-and-and/`. Rename one file or set `slug:` to choose its address. [duplicate-slug]",
      "notes/Bash &.md:1:1: warning: The address `bash/` is already notes/Bash.md's, so this page is published at `bash-and/`. Rename one file or set `slug:` to choose its address. [duplicate-slug]",
      "notes/Bash ;.md:1:1: warning: The address `bash/` is already notes/Bash.md's, so this page is published at `bash-semicolon/`. Rename one file or set `slug:` to choose its address. [duplicate-slug]",
    ])
  })

  it('lets a link written with a file name reach that file wherever it is published', () => {
    const { graph } = graphWith({ ...bash, 'links.md': page('Links', '[[Bash]] [[Bash &]] [[Bash &&]] [[Bash ;]]') })
    expect(graph.resolved.get('links' as never)!.map((r) => (r.kind === 'resolved' ? r.slug : r.kind))).toEqual([
      'bash',
      'bash-and',
      'bash-and-and',
      'bash-semicolon',
    ])
  })

  it('gives the same addresses whatever order the files come in', () => {
    const reversed = Object.fromEntries(Object.entries(bash).reverse())
    expect(slugsOf(graphWith(reversed).graph)).toEqual(slugsOf(graphWith(bash).graph))
  })

  it('numbers what still collides, in path order, with a warning naming both files', () => {
    const { graph, messages } = graphWith({
      'topic.md': page('Lower'),
      'Topic.md': page('Upper'),
      'TOPIC.md': page('Shout'),
      'bash and.md': page('Words'),
      'Bash &.md': page('Symbol'),
      'Bash.md': page('Bash'),
    })
    expect(slugsOf(graph)).toEqual({
      'TOPIC.md': 'topic',
      'Topic.md': 'topic-2',
      'topic.md': 'topic-3',
      'bash and.md': 'bash-and',
      'Bash.md': 'bash',
      'Bash &.md': 'bash-and-2',
    })
    expect(messages).toContain(
      "notes/topic.md:1:1: warning: The address `topic/` is already notes/TOPIC.md's (the names differ only in case, which collide on many file systems), so this page is published at `topic-3/`. Rename one file or set `slug:` to choose its address. [duplicate-slug]",
    )
    expect(messages).toHaveLength(3)
  })

  it('lets an explicit `slug:` keep its address over a file name, and numbers the later of two equal `slug:`s', () => {
    const { graph, messages } = graphWith({
      'topic.md': page('File'),
      'elsewhere.md': page('Chosen', '', 'slug: topic\n'),
      'one.md': page('One', '', 'slug: shared\n'),
      'two.md': page('Two', '', 'slug: shared\n'),
    })
    expect(slugsOf(graph)).toEqual({ 'elsewhere.md': 'topic', 'topic.md': 'topic-2', 'one.md': 'shared', 'two.md': 'shared-2' })
    expect(messages).toEqual([
      "notes/topic.md:1:1: warning: The address `topic/` is already notes/elsewhere.md's, so this page is published at `topic-2/`. Rename one file or set `slug:` to choose its address. [duplicate-slug]",
      "notes/two.md:4:7: warning: The address `shared/` is already notes/one.md's, so this page is published at `shared-2/`. Set a different `slug:` to choose its address. [duplicate-slug]",
    ])
  })

  it('builds a site from colliding names instead of failing', async () => {
    const root = await notesFolder({
      'Bash.md': page('Bash'),
      'Bash &.md': page('Background'),
      '$?.md': page('Exit status'),
      'topic.md': page('Lower'),
      'Topic.md': page('Upper'),
    })
    const built = await buildSite(path.join(root, 'notes'), { cwd: root })
    expect(built.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic)).toEqual([])
    const paths = built.files!.map((file) => file.path)
    for (const slug of ['bash', 'bash-and', 'dollar-question', 'topic', 'topic-2']) expect(paths).toContain(`${slug}/index.html`)
  })
})

describe('output paths that differ only in case', () => {
  it('publishes an attachment under the page folder its folder matches but for case, and links to it there', () => {
    const { graph, messages } = graphWith({ 'linux/shell.md': page('Shell', '![[diagram.png]]') }, ['Linux/diagram.png'])
    expect(graph.movedAttachments.get('Linux/diagram.png')?.path).toBe('linux/diagram.png')
    expect(messages).toEqual([
      'notes/linux/shell.md:5:1: warning: notes/Linux/diagram.png is published as linux/diagram.png: its folder Linux/ differs only in case from linux/, which the page of notes/linux/shell.md is in, and folders that differ only in case are one folder on macOS, Windows and many hosts. Rename the folder to match. [address-case-clash]',
    ])
  })

  it('numbers an attachment whose path another has but for case', () => {
    const { graph, messages } = graphWith({ 'a.md': page('A', '![[img/Chart.png]] ![[img/chart.png]]') }, ['img/Chart.png', 'img/chart.png'])
    expect([...graph.movedAttachments].map(([from, moved]) => [from, moved.path])).toEqual([['img/chart.png', 'img/chart-2.png']])
    expect(messages).toEqual([
      'notes/a.md:5:20: warning: notes/img/chart.png is published as img/chart-2.png: notes/img/Chart.png has its path but for case, and the two would be one file on macOS, Windows and many hosts. Rename one of them. [address-case-clash]',
    ])
  })

  it("keeps attachments out of quire's own folders and files but for case", () => {
    const { graph } = graphWith({ 'a.md': page('A', '![[Assets/photo.png]] ![[Graph.json]] ![[Tags/RL/x.png]]') }, [
      'Assets/photo.png',
      'Graph.json',
      'Tags/RL/x.png',
    ])
    expect([...graph.movedAttachments].map(([from, moved]) => [from, moved.path])).toEqual([
      ['Assets/photo.png', 'assets/photo.png'],
      ['Graph.json', 'Graph-2.json'],
      ['Tags/RL/x.png', 'tags/rl/x.png'],
    ])
  })

  it('keeps an attachment where it is when nothing else is there', () => {
    const { graph, messages } = graphWith({ 'notes/a.md': page('A', '![[Figures/One.png]]') }, ['Figures/One.png'])
    expect(graph.movedAttachments.size).toBe(0)
    expect(messages).toEqual([])
  })

  it('writes no two files of a site whose paths differ only in case', async () => {
    const root = await notesFolder({
      'linux/shell.md': page('Shell', '![[Linux/diagram.png]] ![[img/Chart.png]] ![[img/chart.png]] ![[Assets/photo.png]]'),
      'Linux.md': page('Linux'),
      'linux.md': page('linux'),
      'Linux/diagram.png': 'png',
      'img/Chart.png': 'png',
      'img/chart.png': 'png',
      'Assets/photo.png': 'png',
    })
    const built = await buildSite(path.join(root, 'notes'), { cwd: root })
    expect(built.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic)).toEqual([])
    const paths = built.files!.map((file) => file.path)
    const folders = new Map<string, string>()
    for (const file of paths) {
      const parts = file.split('/')
      for (let i = 1; i <= parts.length; i++) {
        const prefix = parts.slice(0, i).join('/')
        const seen = folders.get(prefix.toLowerCase())
        expect(seen === undefined || seen === prefix, `${prefix} and ${seen}`).toBe(true)
        folders.set(prefix.toLowerCase(), prefix)
      }
    }
    const shell = built.files!.find((file) => file.path === 'linux/shell/index.html')!
    expect(String('contents' in shell ? shell.contents : '')).toContain('src="../../linux/diagram.png"')
    expect(paths).toContain('assets/photo.png')
  })
})

describe('moving from Quartz', () => {
  it('knows the address Quartz 4 gives a file', () => {
    expect(quartzAddress('Physics/My Note.md')).toBe('Physics/My-Note')
    expect(quartzAddress('R & D.md')).toBe('R--and--D')
    expect(quartzAddress('Why?.md')).toBe('Why')
    expect(quartzAddress('50% rule.md')).toBe('50-percent-rule')
    expect(quartzAddress('index.md')).toBe('')
    expect(quartzAddress('Essays/index.md')).toBe('Essays/')
    expect(quartzAddress('Essays/_index.md')).toBe('Essays/')
    expect(quartzAddress('assets/My Figure.png')).toBe('assets/My-Figure.png')
    expect(quartzAddress('plain-name.md')).toBe('plain-name')
  })

  it('writes _redirects from Quartz addresses to quire addresses with `movedFrom: quartz`', async () => {
    const root = await notesFolder({
      'quire.config.yaml': 'movedFrom: quartz\nbase: /garden/\n',
      'index.md': page('Home', '![[assets/My Figure.png]]'),
      'Physics/Rayleigh–Jeans law.md': page('Radiation'),
      'Physics/Ohm & Watt.md': page('Power'),
      'plain-name.md': page('Plain'),
      'assets/My Figure.png': 'png',
    })
    const built = await buildSite(path.join(root, 'notes'), { cwd: root })
    const file = built.files!.find((entry) => entry.path === '_redirects')
    const text = String(file && 'contents' in file ? file.contents : '')
    expect(text.split('\n').filter((line) => line !== '' && !line.startsWith('#'))).toEqual([
      '/garden/Physics/Ohm--and--Watt /garden/physics/ohm-watt/ 301',
      '/garden/Physics/Rayleigh%E2%80%93Jeans-law /garden/physics/rayleigh-jeans-law/ 301',
      '/garden/assets/My-Figure.png /garden/assets/My%20Figure.png 301',
    ])
  })

  it('writes no _redirects without it', async () => {
    const root = await notesFolder({ 'A b.md': page('A') })
    const built = await buildSite(path.join(root, 'notes'), { cwd: root })
    expect(built.files!.map((file) => file.path)).not.toContain('_redirects')
  })
})
