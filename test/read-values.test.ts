/**
 * What a build that has only the previous build's cache can tell changed:
 * the keys of the records whose values differ (a note's prose, its
 * summary), or, when anything beyond prose and summaries changed, nothing
 * it can trust, so every page is worked out again.
 */
import { rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { analyseSite } from '../src/build/site-build.js'
import { changedReads, readsUnchanged, readValues, type ReadValues } from '../src/graph/read-values.js'
import { anyProseKey, anySummaryKey, everything, proseKey, summaryKey, structureKey } from '../src/graph/recorded-reads.js'
import { note, notesFolder } from './support/notes.js'

let root: string | undefined

afterEach(async () => {
  if (root) await rm(root, { recursive: true, force: true })
  root = undefined
})

async function valuesOf(notes: string): Promise<ReadValues> {
  const analysed = await analyseSite(notes, { cwd: root! })
  return readValues(analysed.graph, 'settings')
}

async function library(): Promise<{ notes: string; write: (name: string, text: string) => Promise<void> }> {
  root = await notesFolder({
    'alpha.md': note('Does alpha hold?', 'Alpha holds.', 'Alpha leans on [[beta]].\n'),
    'beta.md': note('Does beta hold?', 'Beta holds.', 'Beta stands alone.\n'),
  })
  const notes = path.join(root, 'notes')
  return { notes, write: (name, text) => writeFile(path.join(notes, name), text) }
}

describe('the values behind the records', () => {
  it('are the same for the same notes, and name nothing as changed', async () => {
    const { notes } = await library()
    const first = await valuesOf(notes)
    const second = await valuesOf(notes)
    expect(second.structure).toBe(first.structure)
    expect(changedReads(first, second)).toEqual(new Set())
  })

  it('name a note’s prose when only its prose changed', async () => {
    const { notes, write } = await library()
    const before = await valuesOf(notes)
    await write('beta.md', note('Does beta hold?', 'Beta holds.', 'Beta stands alone, with a new sentence.\n'))
    expect(changedReads(before, await valuesOf(notes))).toEqual(new Set([proseKey('beta'), anyProseKey]))
  })

  it('name its summary too when its summary changed', async () => {
    const { notes, write } = await library()
    const before = await valuesOf(notes)
    await write('beta.md', note('Does beta hold?', 'Beta holds only at small scale.', 'Beta stands alone.\n'))
    expect(changedReads(before, await valuesOf(notes))).toEqual(new Set([proseKey('beta'), anyProseKey, summaryKey('beta'), anySummaryKey]))
  })

  it('trust nothing once the structure changed: a title, a link, a note added, the settings', async () => {
    const { notes, write } = await library()
    const before = await valuesOf(notes)
    await write('beta.md', note('Does beta still hold?', 'Beta holds.', 'Beta stands alone.\n'))
    expect(changedReads(before, await valuesOf(notes))).toBeUndefined()
    await write('beta.md', note('Does beta hold?', 'Beta holds.', 'Beta stands alone.\n'))
    expect(changedReads(before, await valuesOf(notes))).toEqual(new Set())
    await write('alpha.md', note('Does alpha hold?', 'Alpha holds.', 'Alpha no longer links.\n'))
    expect(changedReads(before, await valuesOf(notes))).toBeUndefined()
    await write('alpha.md', note('Does alpha hold?', 'Alpha holds.', 'Alpha leans on [[beta]].\n'))
    await write('gamma.md', note('Does gamma hold?', 'Gamma holds.'))
    expect(changedReads(before, await valuesOf(notes))).toBeUndefined()
    await rm(path.join(notes, 'gamma.md'))
    const analysed = await analyseSite(notes, { cwd: root! })
    expect(changedReads(before, readValues(analysed.graph, 'other settings'))).toBeUndefined()
  })

  it('tell a record untouched only when it holds no changed key and does not read everything', () => {
    const changed = new Set([proseKey('beta'), anyProseKey])
    expect(readsUnchanged([structureKey, 'alpha', summaryKey('beta')], changed)).toBe(true)
    expect(readsUnchanged([structureKey, proseKey('beta')], changed)).toBe(false)
    expect(readsUnchanged([anyProseKey], changed)).toBe(false)
    expect(readsUnchanged([everything], new Set())).toBe(false)
  })
})
