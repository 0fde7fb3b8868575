/**
 * `quire dev` checks again only the files an edit touched when the graph is
 * reused (prose and summary edits): every other file keeps the problems
 * found last time. The problems must always be exactly those a full
 * analysis finds, positions included.
 */
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { analyseSite, type AnalysedSite, type BuildState } from '../src/build/site-build.js'
import { formatDiagnostic } from '../src/diagnostics.js'
import { note, notesFolder } from './support/notes.js'

const inquiry = `---
type: inquiry
title: "Does the order of training stages matter?"
summary: "It asks whether imitation should come before exploration."
prompt:
  role: "a critical analyst"
  question: "does the order matter?"
  library: "2019–2026"
  claims:
    - text: "An old claim, long due for a re-test"
      date: "2019-03"
      notes: [a, ghost]
  anchors: []
---
The answer leans on [[a]] and [[b#Results]].
`

describe('dev rebuilds after a prose edit', () => {
  it('report exactly the problems a full analysis reports, at their new positions', async () => {
    const root = await notesFolder({
      'a.md': note('A?', 'One.', 'Prose.\n\nSee [[missing]] and [[b#Results]] and [[b#Nowhere]].\n'),
      'b.md': note('B?', 'Two.', '## Results\n\nBack to [[nowhere]].\n'),
      'q.md': inquiry,
    })
    const notes = path.join(root, 'notes')
    const options = { cwd: root }
    const lines = (list: readonly { file: string }[]) => list.map((d) => formatDiagnostic(d as never))

    const first = await analyseSite(notes, options)
    expect(lines(first.diagnostics).join('\n')).toMatch(/a\.md:\d+:\d+: warning: Link \[\[missing\]\]/)
    let state: BuildState = { parses: first.parses, pages: undefined }
    let previous: AnalysedSite = first

    const edits: [string, (text: string) => string][] = [
      // Two more lines of prose above the links: every problem in a.md moves down.
      ['a.md', (text) => text.replace('Prose.\n', 'Prose.\n\nMore prose,\nover two lines.\n')],
      // A comment line in the front matter: the stale claim and the unknown note it cites move down.
      ['q.md', (text) => text.replace('type: inquiry\n', 'type: inquiry\n# reviewed\n')],
      // Prose in a file with no problem of its own changes nobody else's.
      ['b.md', (text) => text.replace('## Results\n', 'Intro.\n\n## Results\n')],
    ]
    for (const [name, change] of edits) {
      const file = path.join(notes, name)
      await writeFile(file, change(await readFile(file, 'utf8')))
      const again = await analyseSite(notes, options, state, { previous, changedFiles: [file] })
      // The graph was reused (so the checks ran only for the edited file)…
      expect(again.graph.edges).toBe(previous.graph.edges)
      // …and the problems are exactly a full analysis's.
      const full = await analyseSite(notes, options)
      expect(lines(again.diagnostics)).toEqual(lines(full.diagnostics))
      state = { parses: again.parses, pages: undefined }
      previous = again
    }
    const last = lines(previous.checks.diagnostics).join('\n')
    expect(last).toMatch(/a\.md:10:\d+: warning: Link \[\[missing\]\]/)
    expect(last).toMatch(/q\.md:\d+:\d+: warning: Claim 1 is dated 2019-03/)
  })
})
