/**
 * `quire import`: the export parser, the import plan, the command, and round
 * trips (export text → notes → site) that compare what a reader sees.
 */
import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Root } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { select, selectAll } from 'hast-util-select'
import { toString } from 'hast-util-to-string'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { analyse } from '../src/build/analyse.js'
import { run } from '../src/cli.js'
import { importCommand, importHelp } from '../src/commands/import.js'
import type { Diagnostic } from '../src/diagnostics.js'
import { defaultClosing, parseExport, type ExportedInquiry } from '../src/import/parse-export.js'
import { importSlug, planImport, type Library } from '../src/import/plan-import.js'
import type { Graph, Inquiry, Slug } from '../src/model.js'
import { inquiryPromptText } from '../src/render/props/pages.js'
import { recordingIO } from './support/notes.js'
import { listFiles } from './support/site.js'

const fixtures = path.resolve('test/fixtures/import')
const seedFile = path.join(fixtures, 'seed.txt')
const secondFile = path.join(fixtures, 'second.txt')
let seedText: string
let secondText: string

beforeAll(async () => {
  seedText = await readFile(seedFile, 'utf8')
  secondText = await readFile(secondFile, 'utf8')
  // `quire check` warns about claims that have gone stale by the build date: pin the date (2026-06-15)
  // so the imported fixtures check clean on any day (none stale, no anchor paper from the future).
  vi.stubEnv('SOURCE_DATE_EPOCH', String(Date.UTC(2026, 5, 15) / 1000))
})

afterAll(() => {
  vi.unstubAllEnvs()
})

/** The 1-based line of the first line of `text` that contains `needle`. */
function lineOf(text: string, needle: string): number {
  const index = text.indexOf(needle)
  if (index === -1) throw new Error(`not in the text: ${needle}`)
  return text.slice(0, index).split('\n').length
}

/** The seed with one line replaced (or `by` inserted after it, when `after` is true). */
function edit(text: string, line: string, by: string, after = false): string {
  if (!text.includes(line)) throw new Error(`not in the text: ${line}`)
  return text.replace(line, after ? `${line}\n${by}` : by)
}

function parsed(text: string): { inquiry: ExportedInquiry; diagnostics: Diagnostic[] } {
  const result = parseExport(text, 'export.txt')
  expect(result.inquiry).toBeDefined()
  return { inquiry: result.inquiry!, diagnostics: result.diagnostics }
}

function codes(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.line} ${d.severity} ${d.code}`)
}

const seedSummary =
  'This explores why a two-stage recipe — first teaching a model to reason by imitating worked traces (distillation), then sharpening it against verifiable rewards (RLVR) — beats running either stage by itself.'

describe('parseExport', () => {
  it('reads the question, the summary and the prose, dropping the repeated summary', () => {
    const { inquiry, diagnostics } = parsed(seedText)
    expect(diagnostics).toEqual([])
    expect(inquiry.question).toBe('Why does combining reasoning distillation with RLVR outperform either training stage alone?')
    expect(inquiry.questionLine).toBe(3)
    expect(inquiry.summary).toBe(seedSummary)
    expect(inquiry.summaryLine).toBe(5)
    expect(inquiry.prose).toHaveLength(5)
    expect(inquiry.prose[0]).toEqual({ text: expect.stringMatching(/^The cleanest answer in the corpus is that/), line: 8 })
    expect(inquiry.prose.map((p) => p.line)).toEqual([8, 10, 12, 14, 16])
    for (const paragraph of inquiry.prose) expect(paragraph.text).not.toContain('This explores why')
    expect(inquiry.prose[4]!.text.endsWith('Each stage is the precondition the other needs.')).toBe(true)
  })

  it('reads "Sources N notes" as title and summary pairs, with their lines', () => {
    const { inquiry } = parsed(seedText)
    expect(inquiry.sourcesLine).toBe(lineOf(seedText, 'Sources 9 notes'))
    expect(inquiry.sources).toHaveLength(9)
    expect(inquiry.sources[0]).toEqual({
      title: 'Does sequencing imitation then exploration training improve reasoning?',
      line: 21,
      summary: expect.stringMatching(/^Running Supervised RL first .* the RL phase can then sharpen\.$/),
      summaryLine: 23,
    })
    expect(inquiry.sources[8]!.title).toBe('Can genuine reasoning activation coexist with contaminated benchmarks?')
    expect(inquiry.sources[8]!.summary).toMatch(/can coexist without contradiction\.$/)
  })

  it('reads the prompt: role, question, library span, claims with dates, anchors, tasks, default closing', () => {
    const { inquiry } = parsed(seedText)
    const prompt = inquiry.prompt!
    expect(prompt.role).toBe('a critical analyst of LLM reasoning training')
    expect(prompt.question).toBe('why does combining reasoning distillation with RLVR outperform either alone?')
    expect(prompt.library).toBe('2024–2026')
    expect(prompt.claims).toHaveLength(6)
    expect(prompt.claims[0]).toEqual({
      text: 'Distillation manufactures *informative* reward signal; RLVR run alone mostly selects latent strategies rather than teaching new ones',
      date: '~2025',
      line: lineOf(seedText, '• Distillation manufactures'),
    })
    expect(prompt.claims[5]!.text).toBe('Reasoning training is separable into capability installation (distillation) and deployment tuning (RLVR)')
    expect(prompt.anchors).toEqual([
      { arxiv: '2504.13837', date: '2025-04', title: 'Does RL Really Incentivize Reasoning Capacity Beyond Base?', line: lineOf(seedText, 'arXiv:2504.13837') },
      { arxiv: '2504.07912', date: '2025-04', title: 'Echo Chamber: RL Amplifies Pretraining Behaviors', line: lineOf(seedText, 'arXiv:2504.07912') },
      { arxiv: '2510.18176', date: '2025-10', title: 'Local Coherence or Global Validity in RLVR Traces', line: lineOf(seedText, 'arXiv:2510.18176') },
      { arxiv: '2605.28388', date: '2026-05', title: 'Mechanistically Interpreting Sample Difficulty in RLVR', line: lineOf(seedText, 'arXiv:2605.28388') },
    ])
    expect(prompt.tasks.map((t) => t.text.slice(0, 30))).toEqual([
      'RE-TEST the "capability bounda',
      'Surface the strongest *contrad',
      'Propose 2 research questions t',
    ])
    expect(prompt.tasks[0]!.line).toBe(lineOf(seedText, '(1) RE-TEST'))
    expect(prompt.closing).toBeUndefined()
    expect(defaultClosing).toBe('Cite arXiv IDs; flag anything you cannot ground in a real paper.')
    expect(inquiry.next).toEqual([])
  })

  it('reads every date form of a claim, and keeps a closing line that differs from the default', () => {
    let text = seedText
    text = edit(text, 'without guaranteeing global validity (~2025).', 'without guaranteeing global validity (2025-04).')
    text = edit(text, 'amplify shortcut trajectories (~2025).', 'amplify shortcut trajectories (2025).')
    text = edit(text, 'deployment tuning (RLVR) (~2025).', 'deployment tuning (RLVR) (2025-04-12).')
    text = edit(text, 'Cite arXiv IDs; flag anything you cannot ground in a real paper.', 'Cite arXiv IDs and say which claims still hold.')
    const { inquiry, diagnostics } = parsed(text)
    expect(diagnostics).toEqual([])
    expect(inquiry.prompt!.claims.map((c) => c.date)).toEqual(['~2025', '~2025', '~2025', '2025-04', '2025', '2025-04-12'])
    expect(inquiry.prompt!.claims[5]!.text).toBe('Reasoning training is separable into capability installation (distillation) and deployment tuning (RLVR)')
    expect(inquiry.prompt!.closing).toBe('Cite arXiv IDs and say which claims still hold.')
  })

  it('reads "Next inquiring lines" entries with their lines', () => {
    const { inquiry, diagnostics } = parsed(secondText)
    expect(diagnostics).toEqual([])
    expect(inquiry.next).toEqual([
      { title: 'Why does combining reasoning distillation with RLVR outperform either training stage alone?', line: lineOf(secondText, 'Why does combining') },
    ])
    expect(inquiry.prompt!.closing).toBe('Cite arXiv IDs and dates; say plainly when no paper supports a claim.')
    expect(inquiry.sources.map((s) => s.title)).toContain('Does RL training collapse format diversity in pretrained models?')
  })

  it('publishes repeated text once: a summary-only paragraph, the summary prefix, a repeated paragraph', () => {
    const repeated = 'The RL phase then has good material to sharpen rather than empty space to search.'
    let text = edit(
      seedText,
      '\n\nThis explores why a two-stage recipe — first teaching a model to reason by imitating worked traces (distillation), then sharpening it against verifiable rewards (RLVR) — beats running either stage by itself. The cleanest',
      `\n\n${seedSummary}\n\n${seedSummary} The cleanest`,
    )
    text = edit(
      text,
      'Each stage is the precondition the other needs.',
      `Each stage is the precondition the other needs.\n\nShort paragraph. ${repeated}\n\nShort paragraph. ${repeated}`,
    )
    const { inquiry } = parsed(text)
    expect(inquiry.prose[0]!.text).toMatch(/^The cleanest answer/)
    expect(inquiry.prose.filter((p) => p.text.includes(seedSummary))).toEqual([])
    expect(inquiry.prose.filter((p) => p.text === `Short paragraph. ${repeated}`)).toHaveLength(1)
    expect(inquiry.prose).toHaveLength(6)
  })

  it('warns about an unrecognised section at its line, skips it, and still reads the rest', () => {
    let text = edit(seedText, '**Your task:**', '**Background reading:**\n• Some survey we liked.\n\n**Your task:**')
    text = edit(text, 'Sources 9 notes', 'Cited by\n\nSome other inquiry?\n\nSources 9 notes')
    const { inquiry, diagnostics } = parsed(text)
    expect(codes(diagnostics)).toEqual([
      `${lineOf(text, 'Cited by')} warning import-unrecognised-section`,
      `${lineOf(text, '**Background reading:**')} warning import-unrecognised-section`,
    ])
    expect(diagnostics[1]!.message).toContain('**Background reading:**')
    expect(diagnostics[1]!.column).toBe(1)
    expect(diagnostics[1]!.file).toBe('export.txt')
    expect(inquiry.prose).toHaveLength(5)
    expect(inquiry.sources).toHaveLength(9)
    expect(inquiry.prompt!.anchors).toHaveLength(4)
    expect(inquiry.prompt!.tasks).toHaveLength(3)
    expect(JSON.stringify(inquiry)).not.toContain('Some survey we liked')
    expect(JSON.stringify(inquiry)).not.toContain('Some other inquiry')
  })

  it('warns about a title in the prose that matches no source, with the line and the closest source', () => {
    // A misspelt title (its source is then unmentioned), and a question-title that names no source at all.
    let text = edit(
      seedText,
      'The curriculum result Does sequencing imitation then exploration training improve reasoning? puts',
      'The curriculum result Does sequencing imitation and exploration training improve reasoning? puts',
    )
    text = edit(
      text,
      'Each stage is the precondition the other needs.',
      'Each stage is the precondition the other needs, as the survey Is scale all you need for reasoning? argues.',
    )
    const { diagnostics } = parsed(text)
    expect(codes(diagnostics)).toEqual(['8 warning import-unlinked-title', '16 warning import-unlinked-title', '21 warning import-source-unlinked'])
    expect(diagnostics[0]!.message).toContain(
      '"Does sequencing imitation and exploration training improve reasoning?" reads like a note\'s title but matches no source',
    )
    expect(diagnostics[0]!.message).toContain('Did you mean "Does sequencing imitation then exploration training improve reasoning?"')
    expect(diagnostics[1]!.message).toContain('"Is scale all you need for reasoning?"')
  })

  it('warns about a claim without a date and leaves it out; keeps the other claims', () => {
    const text = edit(
      seedText,
      '• RLVR improves local coherence of reasoning traces without guaranteeing global validity (~2025).',
      '• RLVR improves local coherence of reasoning traces without guaranteeing global validity.',
    )
    const { inquiry, diagnostics } = parsed(text)
    expect(codes(diagnostics)).toEqual([`${lineOf(text, '• RLVR improves local coherence')} warning import-undated-claim`])
    expect(inquiry.prompt!.claims).toHaveLength(5)
    expect(inquiry.prompt!.claims.some((c) => c.text.startsWith('RLVR improves local coherence'))).toBe(false)
  })

  it('warns about an impossible claim date and an anchor paper without a date', () => {
    let text = edit(seedText, 'amplify shortcut trajectories (~2025).', 'amplify shortcut trajectories (2025-13).')
    text = edit(text, '• arXiv:2504.07912 (2025-04) — Echo Chamber', '• arXiv:2504.07912 — Echo Chamber')
    const { inquiry, diagnostics } = parsed(text)
    expect(codes(diagnostics)).toEqual([
      `${lineOf(text, 'amplify shortcut')} warning import-undated-claim`,
      `${lineOf(text, 'arXiv:2504.07912')} warning import-invalid-anchor`,
    ])
    expect(inquiry.prompt!.anchors.map((a) => a.arxiv)).toEqual(['2504.13837', '2510.18176', '2605.28388'])
  })

  it('warns when "Sources N notes" disagrees with the notes found', () => {
    const text = edit(seedText, 'Sources 9 notes', 'Sources 10 notes')
    const { inquiry, diagnostics } = parsed(text)
    expect(codes(diagnostics)).toEqual([`${lineOf(text, 'Sources 10 notes')} warning import-source-count`])
    expect(diagnostics[0]!.message).toContain('says 10 notes, but 9 were found')
    expect(inquiry.sources).toHaveLength(9)
  })

  it('warns about a source without a summary and a prompt line that fits nowhere', () => {
    let text = edit(
      seedText,
      '\n\nRLVR activates genuine reasoning patterns through RL training while benchmark improvements may reflect data memorization on contaminated datasets. These operate at different measurement levels and can coexist without contradiction.',
      '',
    )
    text = edit(text, '**Your task:**', 'A stray remark.\n**Your task:**')
    const { inquiry, diagnostics } = parsed(text)
    expect(codes(diagnostics)).toEqual([
      `${lineOf(text, 'Can genuine reasoning activation coexist with contaminated benchmarks?\n\nResearch')} warning import-missing-summary`,
      `${lineOf(text, 'A stray remark.')} warning import-unplaced-line`,
    ])
    expect(inquiry.sources[8]).toMatchObject({ title: 'Can genuine reasoning activation coexist with contaminated benchmarks?', summary: undefined })
  })

  it('reads CRLF line endings and a byte-order mark the same way', () => {
    expect(parseExport('\uFEFF' + seedText.replace(/\n/g, '\r\n'), 'export.txt')).toEqual(parseExport(seedText, 'export.txt'))
  })

  it('refuses text that is not an export', () => {
    const result = parseExport('# Some notes\n\nHello.\n', 'other.txt')
    expect(result.inquiry).toBeUndefined()
    expect(codes(result.diagnostics)).toEqual(['1 error import-not-export'])
  })
})

describe('planImport', () => {
  const empty: Library = { documents: [], files: [] }

  it('cuts long slugs at a word boundary', () => {
    expect(importSlug('Why does combining reasoning distillation with RLVR outperform either training stage alone?', 'x')).toBe(
      'why-does-combining-reasoning-distillation-with-rlvr-outperform-either-training',
    )
    expect(importSlug('Does RL help?', 'x')).toBe('does-rl-help')
    expect(importSlug('???', 'note')).toBe('note')
  })

  it('links the longest title first when one title contains another, and every occurrence', () => {
    const text = [
      'INQUIRING LINE',
      '',
      'How far does RL go?',
      '',
      'A summary.',
      '',
      'First RL helps reasoning in small models, then RL helps reasoning at scale; again RL helps reasoning.',
      '',
      'Sources 2 notes',
      '',
      'RL helps reasoning',
      '',
      'Short.',
      '',
      'RL helps reasoning in small models',
      '',
      'Longer.',
    ].join('\n')
    const plan = planImport([parsed(text).inquiry], empty)
    const inquiry = plan.files.find((f) => f.type === 'inquiry')!
    expect(inquiry.text).toContain('First [[rl-helps-reasoning-in-small-models]], then [[rl-helps-reasoning]] at scale; again [[rl-helps-reasoning]].')
  })

  it('never gives a new note the address of a document with another title', () => {
    const library: Library = {
      documents: [
        {
          slug: 'does-rl-training-collapse-format-diversity-in-pretrained-models',
          type: 'note',
          title: 'Something else',
          relativePath: 'does-rl-training-collapse-format-diversity-in-pretrained-models.md',
        },
      ],
      files: ['does-rl-training-collapse-format-diversity-in-pretrained-models.md', 'Broken.md'],
    }
    const plan = planImport([parsed(seedText).inquiry], library)
    const paths = plan.files.map((f) => f.relativePath)
    expect(paths).toContain('does-rl-training-collapse-format-diversity-in-pretrained-models-2.md')
    expect(plan.files.every((f) => f.replaces === undefined)).toBe(true)
  })

  it('resolves next lines within the import in any order, and warns about the rest', () => {
    const second = parsed(secondText).inquiry
    const together = planImport([second, parsed(seedText).inquiry], empty)
    expect(together.diagnostics).toEqual([])
    expect(together.files[0]!.text).toContain('next:\n  - "inquiries/why-does-combining-reasoning-distillation-with-rlvr-outperform-either-training"\n')
    const alone = planImport([second], empty)
    expect(codes(alone.diagnostics)).toEqual([`${lineOf(secondText, 'Why does combining')} warning import-next-unresolved`])
    expect(alone.diagnostics[0]!.file).toBe('export.txt')
    expect(alone.files[0]!.text).not.toContain('next:')
  })
})

/** A fresh empty folder to import into; returns the working directory that holds `notes/`. */
async function workspace(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'quire-import-'))
}

async function importInto(cwd: string, files: string[], flags: { dryRun?: boolean; force?: boolean; into?: string } = {}) {
  const io = recordingIO(cwd)
  const code = await importCommand({ files, into: flags.into ?? 'notes', dryRun: flags.dryRun ?? false, force: flags.force ?? false }, io)
  return { code, out: io.out(), err: io.err() }
}

async function checkClean(cwd: string): Promise<void> {
  const io = recordingIO(cwd)
  const code = await run(['check', 'notes'], io)
  // A copy of the seed's config has no `url` on purpose (see docs/configuration.md): that warning is the only one allowed.
  const warnings = io.err().includes('[missing-site-url]') ? '1 warning' : '0 warnings'
  expect(io.err()).toMatch(new RegExp(`: 0 errors, ${warnings}\n$`))
  expect(code).toBe(0)
}

async function build(cwd: string): Promise<string> {
  const io = recordingIO(cwd)
  const code = await run(['build', 'notes', '--out', 'site'], io)
  expect(io.err()).toMatch(/\(0 errors, 0 warnings\)\n$/)
  expect(code).toBe(0)
  return path.join(cwd, 'site')
}

/**
 * What a reader of the export sees, read with plain string operations
 * (independently of the parser under test).
 */
interface ReaderView {
  question: string
  summary: string
  prose: string[]
  sources: [string, string][]
  prompt: string
  claims: string[]
  anchors: string[]
  tasks: string[]
  next: string[]
}

function paragraphs(text: string): string[] {
  return text
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
}

function readerView(text: string): ReaderView {
  const [head = '', afterSources = ''] = text.split(/\nSources \d+ notes\n/)
  const [sourcesText = '', afterPrompt = ''] = afterSources.split(/\nResearch prompt for your LLM.*\n/)
  const [promptText = '', nextText = ''] = afterPrompt.split(/\nNext inquiring lines[ \t]*(?:\n|$)/)
  const [, question = '', summary = '', ...prose] = paragraphs(head)
  expect(prose[0]!.startsWith(summary)).toBe(true)
  prose[0] = prose[0]!.slice(summary.length).trim()
  const sourceParagraphs = paragraphs(sourcesText)
  const sources: [string, string][] = []
  for (let i = 0; i < sourceParagraphs.length; i += 2) sources.push([sourceParagraphs[i]!, sourceParagraphs[i + 1]!])
  const [, ...prompt] = paragraphs(promptText) // the first paragraph is the page's "Copy into …" line
  const promptLines = prompt.join('\n').split('\n')
  return {
    question,
    summary,
    prose,
    sources,
    prompt: prompt.join('\n\n'),
    claims: promptLines.filter((l) => l.startsWith('• ') && !l.startsWith('• arXiv:')),
    anchors: promptLines.filter((l) => l.startsWith('• arXiv:')),
    tasks: promptLines.filter((l) => /^\(\d+\) /.test(l)),
    next: nextText
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== ''),
  }
}

/** Text as a reader sees it: Markdown emphasis markers gone, white space collapsed. */
function seen(text: string): string {
  return text
    .replace(/\*([^*\n]+)\*/g, '$1')
    .replace(/\s+/g, ' ')
    .trim()
}

async function pageOf(site: string, graph: Graph, title: string): Promise<{ tree: Root; inquiry: Inquiry }> {
  const doc = [...graph.documents.values()].find((d) => d.data.title === title)
  expect(doc?.type).toBe('inquiry')
  const tree = fromHtml(await readFile(path.join(site, doc!.slug, 'index.html'), 'utf8'))
  return { tree, inquiry: doc as Inquiry }
}

/** Every part of the export a reader sees is on the built page and in the generated prompt, word for word. */
async function expectFaithful(site: string, notesDir: string, exportText: string): Promise<void> {
  const view = readerView(exportText)
  const analysis = await analyse(notesDir)
  const { tree, inquiry } = await pageOf(site, analysis.graph, view.question)

  expect(toString(select('h1', tree)!)).toBe(view.question)
  expect(toString(select('.summary', tree)!)).toBe(view.summary)
  expect(seen(toString(select('.prose', tree)!))).toBe(seen(view.prose.join('\n\n')))
  expect(toString(select('.prose', tree)!)).not.toContain(view.summary)

  const cards = selectAll('.sources .card', tree).map((card) => [toString(select('.card-title', card)!), toString(select('.card-summary', card)!)])
  expect(cards).toEqual(view.sources)
  expect(toString(select('#sources', tree)!)).toBe(`Sources ${view.sources.length} notes`)

  // The Markdown the copy button copies, and the prompt as the page shows it.
  const pagePrompt = String(select('#prompt-text', tree)!.properties.dataMarkdown)
  const generated = inquiryPromptText(analysis.graph, inquiry)!
  for (const prompt of [pagePrompt, generated]) {
    expect(prompt).toBe(view.prompt + '\n')
    for (const line of [...view.claims, ...view.anchors, ...view.tasks]) expect(prompt.split('\n')).toContain(line)
  }
  expect(view.claims.length).toBeGreaterThan(0)
  expect(view.anchors.length).toBeGreaterThan(0)
  expect(view.tasks.length).toBeGreaterThan(0)
  const shownAnchors = selectAll('#prompt-text .prompt-anchors li', tree).map((li) => toString(li))
  expect(shownAnchors).toEqual(view.anchors.map((line) => line.replace(/^• /, '')))
  const arxivLinks = selectAll('#prompt-text .prompt-anchors a', tree).map((a) => a.properties.href)
  expect(arxivLinks).toEqual(view.anchors.map((line) => `https://arxiv.org/abs/${/arXiv:(\S+)/.exec(line)![1]}`))

  // Only the page's own next lines: when it has none, the page may show labelled suggestions instead.
  const next = selectAll('section.next > .cards .card-title', tree).map((a) => toString(a))
  expect(next).toEqual(view.next)
}

describe('round trip: export → quire import → quire build', () => {
  it('publishes the seed as the reader saw it', async () => {
    const cwd = await workspace()
    const imported = await importInto(cwd, [seedFile])
    expect(imported.err).toMatch(/^quire: imported 1 inquiry and 9 notes from 1 file into notes\/ \(0 errors, 0 warnings\)\n$/)
    expect(imported.code).toBe(0)
    await checkClean(cwd)
    const site = await build(cwd)
    const view = readerView(seedText)
    expect(view.sources).toHaveLength(9)
    expect(view.claims).toHaveLength(6)
    expect(view.anchors).toHaveLength(4)
    expect(view.tasks).toHaveLength(3)
    await expectFaithful(site, path.join(cwd, 'notes'), seedText)
  })

  it('publishes a second export (next line, a title twice in the prose, a shared note) as the reader saw it', async () => {
    const cwd = await workspace()
    // The second export comes first: its next line names the seed's inquiry, later in the same import.
    const imported = await importInto(cwd, [secondFile, seedFile])
    expect(imported.err).toMatch(/^quire: imported 2 inquiries and 12 notes from 2 files into notes\/ \(0 errors, 0 warnings\)\n$/)
    expect(imported.code).toBe(0)
    await checkClean(cwd)
    const site = await build(cwd)
    await expectFaithful(site, path.join(cwd, 'notes'), secondText)
    await expectFaithful(site, path.join(cwd, 'notes'), seedText)

    const view = readerView(secondText)
    expect(view.next).toHaveLength(1)
    const twice = 'Do longer reasoning traces improve accuracy on hard problems?'
    expect(view.prose.join(' ').split(twice)).toHaveLength(3)
    const inquiryFile = (await listFiles(path.join(cwd, 'notes'))).find((f) => f.startsWith('inquiries/does-a-longer'))!
    const written = await readFile(path.join(cwd, 'notes', inquiryFile), 'utf8')
    expect(written.split('[[do-longer-reasoning-traces-improve-accuracy-on-hard-problems]]')).toHaveLength(3)
    expect(written).toContain('closing: "Cite arXiv IDs and dates; say plainly when no paper supports a claim."')
    const analysis = await analyse(path.join(cwd, 'notes'))
    const { tree } = await pageOf(site, analysis.graph, view.question)
    const links = selectAll('.prose a.internal', tree).map((a) => toString(a))
    expect(links.filter((text) => text === twice)).toHaveLength(2)
    // The note both exports list is written once, and both inquiries cite it.
    const shared = [...analysis.graph.documents.values()].filter((d) => d.data.title === 'Does RL training collapse format diversity in pretrained models?')
    expect(shared).toHaveLength(1)
    expect(analysis.graph.citedBy.get(shared[0]!.slug)).toHaveLength(2)
  })

  it('matches the hand-made notes/ conversion of the seed: titles, sources in order, claims, anchors', async () => {
    const cwd = await workspace()
    expect((await importInto(cwd, [seedFile])).code).toBe(0)
    const imported = await analyse(path.join(cwd, 'notes'))
    const handMade = await analyse('notes')
    const shape = (graph: Graph) => {
      const titleOf = (slug: Slug) => graph.documents.get(slug)!.data.title
      const docs = [...graph.documents.values()]
      const inquiries = docs.filter((d): d is Inquiry => d.type === 'inquiry')
      return {
        notes: docs
          .filter((d) => d.type === 'note')
          .map((d) => [d.data.title, d.data.summary])
          .sort(),
        inquiries: inquiries.map((d) => ({
          title: d.data.title,
          summary: d.data.summary,
          sources: graph.sources.get(d.slug)!.map(titleOf),
          next: d.data.next,
          prompt: d.data.prompt,
          // The prose with each [[slug]] written as the title it names: slugs differ, the text must not.
          body: d.file.text
            .slice(d.file.text.indexOf('\n---', 3) + 4)
            .replace(/\[\[([^\]]+)\]\]/g, (_, slug: string) => titleOf(slug as Slug))
            .trim(),
        })),
      }
    }
    const mine = shape(imported.graph)
    const theirs = shape(handMade.graph)
    expect(mine.notes.map(([title]) => title)).toEqual(theirs.notes.map(([title]) => title))
    expect(mine.notes).toEqual(theirs.notes)
    expect(mine.inquiries).toHaveLength(1)
    expect(mine.inquiries[0]!.sources).toEqual(theirs.inquiries[0]!.sources)
    expect(mine.inquiries[0]!.prompt!.claims).toEqual(theirs.inquiries[0]!.prompt!.claims)
    expect(mine.inquiries[0]!.prompt!.anchors).toEqual(theirs.inquiries[0]!.prompt!.anchors)
    expect(mine.inquiries).toEqual(theirs.inquiries)
  })
})

describe('quire import', () => {
  it('never overwrites a file: a second import links the notes and skips the inquiry; --force rewrites it', async () => {
    const cwd = await workspace()
    expect((await importInto(cwd, [seedFile])).code).toBe(0)
    const inquiryPath = path.join(cwd, 'notes/inquiries/why-does-combining-reasoning-distillation-with-rlvr-outperform-either-training.md')
    const original = await readFile(inquiryPath, 'utf8')
    await writeFile(inquiryPath, original + '\nA line I added by hand.\n')
    const before = await listFiles(path.join(cwd, 'notes'))

    const again = await importInto(cwd, [seedFile])
    expect(again.code).toBe(0)
    expect(again.err).toContain(
      `${seedFile}:3:1: warning: notes/inquiries/why-does-combining-reasoning-distillation-with-rlvr-outperform-either-training.md already exists, so this inquiry was not written. Pass --force to overwrite it. [import-file-exists]`,
    )
    expect(again.out.match(/^linked /gm)).toHaveLength(9)
    expect(again.out).not.toContain('wrote ')
    expect(await readFile(inquiryPath, 'utf8')).toContain('A line I added by hand.')
    expect(await listFiles(path.join(cwd, 'notes'))).toEqual(before)

    const forced = await importInto(cwd, [seedFile], { force: true })
    expect(forced.code).toBe(0)
    expect(forced.out).toContain('wrote notes/inquiries/why-does-combining-reasoning-distillation-with-rlvr-outperform-either-training.md')
    expect(await readFile(inquiryPath, 'utf8')).toBe(original)
    expect(await listFiles(path.join(cwd, 'notes'))).toEqual(before)
    await checkClean(cwd)
  })

  it('links notes that already exist by title instead of writing them again', async () => {
    const cwd = await workspace()
    await cp('notes', path.join(cwd, 'notes'), { recursive: true, filter: (source) => !source.includes('inquiries') })
    const notesBefore = await listFiles(path.join(cwd, 'notes'))
    const texts = await Promise.all(notesBefore.map((f) => readFile(path.join(cwd, 'notes', f), 'utf8')))
    const imported = await importInto(cwd, [seedFile])
    expect(imported.code).toBe(0)
    expect(imported.out.split('\n').filter((l) => l.startsWith('wrote '))).toEqual([
      'wrote notes/inquiries/why-does-combining-reasoning-distillation-with-rlvr-outperform-either-training.md',
    ])
    expect(imported.out).toContain(
      'linked notes/sequencing-imitation-then-exploration.md (a note titled "Does sequencing imitation then exploration training improve reasoning?" already exists)',
    )
    expect(imported.err).toContain('(9 existing notes linked; 0 errors, 0 warnings)')
    // The hand-made notes are untouched (they keep their papers), and the inquiry links them by their slugs.
    expect(await Promise.all(notesBefore.map((f) => readFile(path.join(cwd, 'notes', f), 'utf8')))).toEqual(texts)
    const inquiry = await readFile(path.join(cwd, 'notes/inquiries/why-does-combining-reasoning-distillation-with-rlvr-outperform-either-training.md'), 'utf8')
    expect(inquiry).toContain('The curriculum result [[sequencing-imitation-then-exploration]] puts it directly')
    await checkClean(cwd)
  })

  it('targets an existing inquiry with the same title (the hand-made one) and does not replace it', async () => {
    const cwd = await workspace()
    await cp('notes', path.join(cwd, 'notes'), { recursive: true })
    const imported = await importInto(cwd, [seedFile])
    expect(imported.code).toBe(0)
    expect(imported.err).toContain(
      'notes/inquiries/distillation-then-rlvr.md already exists, so this inquiry was not written. Pass --force to overwrite it. [import-file-exists]',
    )
    expect(await listFiles(path.join(cwd, 'notes'))).toEqual(await listFiles('notes'))
    await checkClean(cwd)
  })

  it('--dry-run prints the files it would write and writes nothing', async () => {
    const cwd = await workspace()
    const result = await importInto(cwd, [seedFile, secondFile], { dryRun: true })
    expect(result.code).toBe(0)
    expect(existsSync(path.join(cwd, 'notes'))).toBe(false)
    const headers = result.out.match(/^==> .* <==$/gm)!
    expect(headers).toHaveLength(14)
    expect(headers[0]).toBe('==> notes/inquiries/why-does-combining-reasoning-distillation-with-rlvr-outperform-either-training.md (new inquiry) <==')
    expect(result.out).toContain('type: inquiry\ntitle: "Why does combining reasoning distillation with RLVR outperform either training stage alone?"')
    expect(result.err).toMatch(
      /^quire: dry run: would write 2 inquiries and 12 notes from 2 files into notes\/; nothing was written \(0 errors, 0 warnings\)\n$/,
    )

    await mkdir(path.join(cwd, 'notes'))
    expect((await importInto(cwd, [seedFile], { dryRun: true })).code).toBe(0)
    expect(await listFiles(path.join(cwd, 'notes'))).toEqual([])
  })

  it('imports what it can: warnings keep their line, a file that is not an export is an error', async () => {
    const cwd = await workspace()
    const broken = edit(
      seedText,
      '• RLVR improves local coherence of reasoning traces without guaranteeing global validity (~2025).',
      '• RLVR improves local coherence of reasoning traces without guaranteeing global validity.',
    )
    await writeFile(path.join(cwd, 'undated.txt'), broken)
    await writeFile(path.join(cwd, 'other.txt'), 'Just some text.\n')
    const result = await importInto(cwd, ['undated.txt', 'other.txt'])
    expect(result.code).toBe(1)
    expect(result.err).toContain(`undated.txt:${lineOf(broken, '• RLVR improves local coherence')}:1: warning: Claim "RLVR improves local coherence`)
    expect(result.err).toContain('other.txt:1:1: error: This is not an inquiry export')
    expect(result.err).toMatch(/imported 1 inquiry and 9 notes from 2 files into notes\/ \(1 error, 1 warning\)\n$/)
    await checkClean(cwd)
  })

  it('writes nothing when an export cannot be read, and needs at least one file', async () => {
    const cwd = await workspace()
    const missing = await importInto(cwd, [seedFile, 'missing.txt'])
    expect(missing.code).toBe(2)
    expect(missing.err).toContain('cannot read "missing.txt"')
    expect(existsSync(path.join(cwd, 'notes'))).toBe(false)
    expect((await importInto(cwd, [])).code).toBe(2)
  })

  it('has help text in the style of the other commands', () => {
    expect(importHelp).toMatch(/^Usage: quire import FILE\.\.\. \[options\]\n/)
    for (const option of ['--into NOTES_DIR', '--dry-run', '--force', '--help']) expect(importHelp).toContain(option)
  })
})
