import { describe, expect, it } from 'vitest'
import { checkGraph } from '../src/check/check-graph.js'
import { formatDiagnostic } from '../src/diagnostics.js'
import { graphOf } from './support/graph.js'

/** A small library's graph, and what checking it reports. */
function library(files: Record<string, string>) {
  const graph = graphOf(files)
  return { graph, messages: checkGraph(graph).map(formatDiagnostic) }
}

const note = (title: string, body = '', extra = '') => `---\ntitle: ${JSON.stringify(title)}\nsummary: About ${title}\n${extra}---\n${body}`
const inquiry = (title: string, body = '', extra = '') => note(title, body, `type: inquiry\n${extra}`)

function targets(files: Record<string, string>, from: string) {
  const { graph } = library(files)
  return graph.resolved.get(from as never)
}

describe('link resolution', () => {
  it('resolves [[x]] by slug, then by normalised slug', () => {
    const files = { 'topics/alpha.md': note('Alpha'), 'My Note.md': note('Mine'), 'a.md': note('A', '[[topics/alpha]] and [[My Note]]') }
    expect(targets(files, 'a')).toEqual([
      { kind: 'resolved', slug: 'topics/alpha' },
      { kind: 'resolved', slug: 'my-note' },
    ])
  })

  it('resolves by a unique file name, and warns about one several notes share', () => {
    const files = { 'x/alpha.md': note('Alpha X'), 'y/alpha.md': note('Alpha Y'), 'x/beta.md': note('Beta'), 'a.md': note('A', '[[beta]]\n\nthen [[alpha]]') }
    const { graph, messages } = library(files)
    expect(graph.resolved.get('a' as never)).toEqual([
      { kind: 'resolved', slug: 'x/beta' },
      { kind: 'resolved', slug: 'x/alpha', candidates: ['x/alpha', 'y/alpha'] },
    ])
    expect(messages).toEqual([
      "notes/a.md:7:6: warning: Link [[alpha]] fits 2 documents (x/alpha, y/alpha); it leads to x/alpha, as in Obsidian (the linking note's folder first, then the shortest path). To mean another, write its path, such as [[y/alpha]]. [ambiguous-link]",
    ])
  })

  it('resolves by exact title', () => {
    const files = { 'q.md': note('Does RL create reasoning?'), 'a.md': note('A', 'See [[Does RL create reasoning?]].') }
    expect(targets(files, 'a')).toEqual([{ kind: 'resolved', slug: 'q' }])
  })

  it('reports an unresolved link at its line and column: a warning in a note, an error in an inquiry', () => {
    const { messages } = library({ 'a.md': note('A', 'First line.\n\nA link to [[nowhere|somewhere]] here.'), 'q.md': inquiry('Q', 'See [[nowhere]].') })
    expect(messages).toEqual([
      'notes/a.md:7:11: warning: Link [[nowhere]] does not match any note or inquiry (by slug, file name, title or alias); it is shown as a note not written yet. Write the note or fix the name. [unresolved-link]',
      "notes/q.md:6:5: error: Link [[nowhere]] does not match any note or inquiry (by slug, file name, title or alias). An inquiry's links are its sources, so each must be a published note: write the note, fix the name, or remove the link. [unresolved-link]",
    ])
  })

  it('resolves Markdown links to .md files relative to the linking file', () => {
    const files = { 'x/b.md': note('B'), 'x/sub/a.md': note('A', '[up](../b.md) and [missing](../nope.md) and [web](https://example.com/a.md)') }
    const { graph, messages } = library(files)
    expect(graph.resolved.get('x/sub/a' as never)).toEqual([{ kind: 'resolved', slug: 'x/b' }, { kind: 'unresolved' }])
    expect(messages).toEqual([
      'notes/x/sub/a.md:5:19: warning: Link to ../nope.md points to x/nope.md in the notes folder, which is not a note or inquiry; it is shown as a note not written yet. Write the note or fix the name. [unresolved-link]',
    ])
  })

  it('does not treat [[x]] inside code spans or code blocks as links', () => {
    const { graph, messages } = library({ 'a.md': note('A', 'Use `[[slug]]` to link.\n\n```\n[[also-not-a-link]]\n```\n') })
    expect(graph.documents.get('a' as never)!.links).toEqual([])
    expect(messages).toEqual([])
  })

  it('warns about a link to the page itself', () => {
    expect(library({ 'a.md': note('A', 'Me: [[a]]') }).messages).toEqual(['notes/a.md:5:5: warning: Link [[a]] links this page to itself. [self-link]'])
  })

  it('gives names that differ only in case an address each, with a warning', () => {
    const { graph, messages } = library({ 'Alpha.md': note('One'), 'alpha.md': note('Two') })
    expect([...graph.documents.keys()]).toEqual(['alpha', 'alpha-2'])
    expect(messages).toEqual([
      "notes/alpha.md:1:1: warning: The address `alpha/` is already notes/Alpha.md's (the names differ only in case, which collide on many file systems), so this page is published at `alpha-2/`. Rename one file or set `slug:` to choose its address. [duplicate-slug]",
    ])
  })

  it('checks that next names an inquiry', () => {
    const files = {
      'n.md': note('N'),
      'i2.md': inquiry('Second'),
      'i1.md': inquiry('First', '', 'next:\n  - i2\n  - n\n  - gone\n'),
    }
    const { graph, messages } = library(files)
    expect(messages).toEqual([
      'notes/i1.md:7:5: error: `next` names "n", which is a note, not an inquiry. Next inquiring lines must be inquiries (`type: inquiry`); link notes from the body instead. [next-not-inquiry]',
      'notes/i1.md:8:5: error: `next` names "gone", which is not an inquiry in this library. Fix the slug or remove the entry. [next-missing]',
    ])
    expect(graph.edges).toEqual([{ from: 'i1', to: 'i2', kind: 'next' }])
  })
})

describe('graph', () => {
  it('lists an inquiry’s sources in order of first appearance, notes only, once each', () => {
    const files = {
      'b.md': note('B'),
      'a.md': note('A'),
      'c.md': note('C'),
      'other.md': inquiry('Other'),
      'q.md': inquiry('Q', 'First [[c]], then [[a]], [[other]], [[c]] again, then [[b]].'),
    }
    const { graph } = library(files)
    expect(graph.sources.get('q' as never)).toEqual(['c', 'a', 'b'])
  })

  it('collects who cites each document, sorted', () => {
    const files = { 't.md': note('T'), 'z.md': note('Z', '[[t]] [[t]]'), 'm.md': inquiry('M', '[[t]]') }
    const { graph } = library(files)
    expect(graph.citedBy.get('t' as never)).toEqual(['m', 'z'])
    expect(graph.edges).toEqual([
      { from: 'm', to: 't', kind: 'link' },
      { from: 'z', to: 't', kind: 'link' },
    ])
  })
})
