/**
 * What published gardens quire had not seen before taught it: each test is
 * named after what broke, on a small library of its own words.
 */
import { describe, expect, it } from 'vitest'
import { checkGraph } from '../src/check/check-graph.js'
import { formatDiagnostic } from '../src/diagnostics.js'
import { buildGraph } from '../src/graph/build-graph.js'
import type { AttachmentFile, Doc, SourceFile } from '../src/model.js'
import { parseDocument } from '../src/parse/parse-document.js'
import { run } from '../src/cli.js'
import { notesFolder, recordingIO } from './support/notes.js'

const note = (title: string, body = '', extra = '') => `---\ntitle: ${JSON.stringify(title)}\nsummary: About ${title}\n${extra}---\n${body}`

function parse(text: string, relativePath = 'note.md') {
  const file: SourceFile = { path: `/notes/${relativePath}`, relativePath, displayPath: `notes/${relativePath}`, text }
  const result = parseDocument(file)
  return { ...result, messages: result.diagnostics.map(formatDiagnostic) }
}

/** The graph of notes (path → text) beside attachments (paths), and what checking it says. */
function library(files: Record<string, string>, attachments: readonly string[]) {
  const docs: Doc[] = Object.entries(files).map(([relativePath, text]) => parse(text, relativePath).document!)
  const files_: AttachmentFile[] = attachments.map((relativePath) => ({ path: `/notes/${relativePath}`, relativePath }))
  const graph = buildGraph(docs, files_)
  return { graph, messages: checkGraph(graph).map(formatDiagnostic) }
}

describe('a date written day first stops no build', () => {
  it('a note whose `created` reads 14-01-2026 is published without it, with a warning that says how to write it', () => {
    const { document, messages } = parse(note('Kettles', 'Water boils.\n', 'created: 14-01-2026\nupdated: 2026-02-03\n'))
    expect(document?.data.created).toBeUndefined()
    expect(document?.data.updated).toBe('2026-02-03')
    expect(messages).toEqual([
      'notes/note.md:4:10: warning: `created`: expected a date such as 2025, 2025-04-12, 2025-04-12 13:45 or April 12, 2025, not "14-01-2026"; the note is published without it. Write it as 2026-01-14. [unreadable-date]',
    ])
  })

  it('a day-first date that could mean two days gets no guess', () => {
    expect(parse(note('Kettles', '', 'date: 03-04-2026\n')).messages[0]).toContain(
      'Write it as year-month-day (2025-04-12) to date the note. [unreadable-date]',
    )
  })

  it('an inquiry’s date is still an error: its research structure depends on it', () => {
    const { document, messages } = parse('---\ntype: inquiry\ntitle: Why?\nsummary: Because.\ndate: 14-01-2026\n---\n')
    expect(document).toBeUndefined()
    expect(messages[0]).toMatch(/error: `date`: .*\[invalid-field\]$/)
  })

  it('quire build writes the site of a library dated that way', async () => {
    const root = await notesFolder({ 'kettles.md': note('Kettles', 'Water boils.\n', 'created: 25-12-2025\n') })
    const io = recordingIO(root)
    expect(await run(['build', 'notes', '--out', 'site', '--no-cache', '--no-git-dates'], io), io.err()).toBe(0)
    expect(io.err()).toContain('[unreadable-date]')
  })
})

describe('a Markdown image named by its file name alone', () => {
  it('![x](chart.png) finds chart.png in another folder, as Obsidian and Quartz do; a path from the top works too', () => {
    const { graph, messages } = library({ 'essays/weather.md': note('Weather', '![a chart](chart.png)\n\n![a map](media/maps/coast.png)\n') }, [
      'media/charts/chart.png',
      'media/maps/coast.png',
    ])
    expect(graph.resolved.get('essays/weather' as never)).toEqual([
      { kind: 'attachment', path: 'media/charts/chart.png' },
      { kind: 'attachment', path: 'media/maps/coast.png' },
    ])
    expect(messages).toEqual([])
  })

  it('![x](./chart.png) names the note’s folder only, and a file nowhere is still missing', () => {
    const { graph, messages } = library({ 'essays/weather.md': note('Weather', '![a chart](./chart.png)\n\n![gone](nowhere.png)\n') }, [
      'media/charts/chart.png',
    ])
    expect(graph.resolved.get('essays/weather' as never)).toEqual([{ kind: 'unresolved' }, { kind: 'unresolved' }])
    expect(messages.map((message) => message.replace(/^.*\[(.*)\]$/, '$1'))).toEqual(['missing-attachment', 'missing-attachment'])
  })
})

describe('an attachment in a capitalised folder of notes', () => {
  it('moves to its pages’ lower-case folder without a warning: only quire’s addresses differ in case, not the author’s folders', () => {
    const { graph, messages } = library({ 'Recipes/Bread.md': note('Bread', '![a loaf](loaves/loaf.png)\n'), 'Recipes/Soup.md': note('Soup') }, [
      'Recipes/loaves/loaf.png',
    ])
    expect(graph.movedAttachments.get('Recipes/loaves/loaf.png')?.path).toBe('recipes/loaves/loaf.png')
    expect(messages).toEqual([])
  })

  it('still warns when the author spelled the folder two ways', () => {
    const { messages } = library({ 'recipes/Bread.md': note('Bread', '![a loaf](../Recipes/loaf.png)\n') }, ['Recipes/loaf.png'])
    expect(messages.map((message) => message.replace(/^.*\[(.*)\]$/, '$1'))).toEqual(['address-case-clash'])
  })
})

describe('a link to a part of the same note, written with its name', () => {
  it('[[This note#Part]] is an in-page link like [[#Part]], not a self-link; [[This note]] still is', () => {
    const { graph, messages } = library({ 'Pantry.md': note('Pantry', '## Spices\n\nSee [[Pantry#Spices]] and [[#Spices]], or [[Pantry]].\n') }, [])
    expect(graph.resolved.get('pantry' as never)).toEqual([
      { kind: 'resolved', slug: 'pantry' },
      { kind: 'resolved', slug: 'pantry' },
      { kind: 'resolved', slug: 'pantry' },
    ])
    expect(messages).toEqual(['notes/Pantry.md:7:43: warning: Link [[Pantry]] links this page to itself. [self-link]'])
  })
})
