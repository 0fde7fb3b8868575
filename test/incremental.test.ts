/**
 * Incremental correctness: after any sequence of edits, renames and
 * deletes, a rebuild that reuses the previous build's state produces
 * exactly what a clean build of the same notes produces.
 */
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { buildSite } from '../src/build/pipeline.js'
import { freshState, type BuildState } from '../src/build/site-build.js'
import { run } from '../src/cli.js'
import { recordingIO } from './support/notes.js'
import { snapshot } from './support/site.js'

const names = ['a', 'b', 'c', 'd', 'sub/e'] as const
type Name = (typeof names)[number]

type Operation =
  | { kind: 'write'; name: Name; title: string; summary: string; links: Name[]; inquiry: boolean }
  | { kind: 'delete'; name: Name }
  | { kind: 'rename'; from: Name; to: Name }
  /** A note's summary or prose changed, nothing else: the pages that read neither are carried over. */
  | { kind: 'reword'; name: Name; summary: string | undefined; prose: string }

const word = fc.constantFrom('Alpha', 'Beta', 'Does RL help?', 'Gamma <b>', 'Δelta', 'same title')
const name = fc.constantFrom(...names)
const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({ kind: fc.constant('write' as const), name, title: word, summary: word, links: fc.array(name, { maxLength: 3 }), inquiry: fc.boolean() }),
  fc.record({ kind: fc.constant('delete' as const), name }),
  fc.record({ kind: fc.constant('rename' as const), from: name, to: name }),
  fc.record({ kind: fc.constant('reword' as const), name, summary: fc.option(word, { nil: undefined }), prose: word }),
)

function text(op: Extract<Operation, { kind: 'write' }>): string {
  const type = op.inquiry ? 'type: inquiry\n' : ''
  return `---\n${type}title: ${JSON.stringify(op.title)}\nsummary: ${JSON.stringify(op.summary)}\n---\n${op.links.map((l) => `See [[${l}]].`).join('\n\n')}\n`
}

async function apply(notes: string, op: Operation): Promise<void> {
  const file = (n: Name): string => path.join(notes, `${n}.md`)
  if (op.kind === 'write') {
    await mkdir(path.dirname(file(op.name)), { recursive: true })
    await writeFile(file(op.name), text(op))
  } else if (op.kind === 'reword') {
    const old = await readFile(file(op.name), 'utf8').catch(() => undefined)
    if (old === undefined) return
    const summary = op.summary === undefined ? old : old.replace(/^summary: .*$/m, `summary: ${JSON.stringify(op.summary)}`)
    await writeFile(file(op.name), `${summary}\n${op.prose}\n`)
  } else if (op.kind === 'delete') {
    await rm(file(op.name), { force: true })
  } else if (existsSync(file(op.from)) && op.from !== op.to) {
    await mkdir(path.dirname(file(op.to)), { recursive: true })
    await rename(file(op.from), file(op.to))
  }
}

describe('incremental rebuilds', () => {
  it('match a clean build after any sequence of edits, renames and deletes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 8 }), async (operations) => {
        const root = await mkdtemp(path.join(tmpdir(), 'quire-incremental-'))
        const notes = path.join(root, 'notes')
        await mkdir(notes)
        await writeFile(path.join(notes, 'a.md'), '---\ntitle: A\nsummary: A.\n---\n')
        let state: BuildState = freshState
        try {
          for (const op of operations) {
            await apply(notes, op)
            const incremental = await buildSite(notes, { cwd: root }, state)
            state = incremental.state
            const clean = await buildSite(notes, { cwd: root })
            expect(incremental.diagnostics).toEqual(clean.diagnostics)
            expect(incremental.files).toEqual(clean.files)
          }
        } finally {
          await rm(root, { recursive: true, force: true })
        }
      }),
      // Two builds after every edit of every run: enough runs to meet renames over links and inquiries, few enough to stay quick.
      { numRuns: 15 },
    )
  }, 120_000)

  it('re-renders only the pages whose inputs changed', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'quire-incremental-'))
    const notes = path.join(root, 'notes')
    await mkdir(notes)
    const write = (n: string, body: string, summary = `${n}.`) =>
      writeFile(path.join(notes, `${n}.md`), `---\ntitle: ${n.toUpperCase()}\nsummary: ${summary}\n---\n${body}\n`)
    await Promise.all([write('a', '[[b]]'), write('b', ''), write('c', ''), write('d', '[[c]]')])
    const first = await buildSite(notes, { cwd: root })
    expect(first.rendered).toEqual(['a', 'b', 'c', 'd'])
    // b's summary changes: only b's page shows it (a's link to b shows b's title).
    await write('b', '', 'A new summary.')
    const second = await buildSite(notes, { cwd: root }, first.state)
    expect(second.parsedCount).toBe(1)
    expect(second.rendered).toEqual(['b'])
    // c's title changes: c, and d whose link text is c's title.
    await writeFile(path.join(notes, 'c.md'), '---\ntitle: Renamed C\nsummary: c.\n---\n')
    const third = await buildSite(notes, { cwd: root }, second.state)
    expect(third.rendered).toEqual(['c', 'd'])
    // a stops linking to b: a's body, and b's backlinks.
    await write('a', 'no links now')
    const fourth = await buildSite(notes, { cwd: root }, third.state)
    expect(fourth.rendered).toEqual(['a', 'b'])
  })

  // `quire build` makes bodies from drafts and keeps its cache on disk: pages that show another note's body (the home
  // page its `index.md`, a folder's page its `index.md`, a tag's page its note below `tags/`) must follow that body too.
  it('match a clean build on disk, with the cache, after any sequence of edits, moves and deletions of notes, intros, tag notes and embeds', async () => {
    const files = ['index', 'a', 'b', 'sub/index', 'sub/c', 'tags/t'] as const
    const file = fc.constantFrom(...files)
    const edit = fc.oneof(
      fc.record({
        kind: fc.constant('write' as const),
        file,
        title: word,
        prose: word,
        links: fc.array(file, { maxLength: 2 }),
        embeds: fc.boolean(),
        tagged: fc.boolean(),
      }),
      fc.record({ kind: fc.constant('reword' as const), file, prose: word }),
      fc.record({ kind: fc.constant('delete' as const), file }),
      fc.record({ kind: fc.constant('rename' as const), file, to: file }),
    )
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 5 }), async (edits) => {
        const root = await mkdtemp(path.join(tmpdir(), 'quire-incremental-'))
        const notes = path.join(root, 'notes')
        const at = (name: string): string => path.join(notes, `${name}.md`)
        await mkdir(path.join(notes, 'sub'), { recursive: true })
        await mkdir(path.join(notes, 'tags'))
        // Every kind of page from the first build on, so that a later edit to a body alone can leave a page behind.
        for (const name of files) await writeFile(at(name), `---\ntitle: ${name}\nsummary: S.\ntags: [t]\n---\nFirst words of ${name}.\n`)
        const build = (...flags: string[]): Promise<number> => run(['build', notes, '--build-date', '2026-12-01', ...flags], recordingIO(root))
        try {
          expect(await build('--out', path.join(root, 'site'))).toBe(0)
          for (const op of edits) {
            if (op.kind === 'write') {
              const tags = op.tagged ? 'tags: [t]\n' : ''
              // Linked, or embedded (an embedding body is made with the graph, not from its draft).
              const links = op.links.map((name) => `${op.embeds ? '!' : ''}[[${name}]]`).join(' ')
              await writeFile(at(op.file), `---\ntitle: ${JSON.stringify(op.title)}\nsummary: S.\n${tags}---\n${op.prose} ${links}\n`)
            } else if (op.kind === 'reword') {
              const old = await readFile(at(op.file), 'utf8').catch(() => undefined)
              if (old !== undefined) await writeFile(at(op.file), `${old}\n${op.prose}\n`)
            } else if (op.kind === 'rename') {
              // Moved to another name (a note into a folder, a tag's note out of `tags/`…), when there is one to move.
              if (existsSync(at(op.file)) && op.file !== op.to) await rename(at(op.file), at(op.to))
            } else {
              await rm(at(op.file), { force: true })
            }
            const cached = await build('--out', path.join(root, 'site'))
            await rm(path.join(root, 'clean'), { recursive: true, force: true })
            // Both fail alike on an error in the notes (an embed cycle), and leave the site as it was.
            expect(cached).toBe(await build('--out', path.join(root, 'clean'), '--no-cache'))
            if (cached === 0) expect(await snapshot(path.join(root, 'site'))).toEqual(await snapshot(path.join(root, 'clean')))
          }
        } finally {
          await rm(root, { recursive: true, force: true })
        }
      }),
      { numRuns: 8 },
    )
  }, 120_000)
})
