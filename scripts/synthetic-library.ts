/**
 * A deterministic synthetic library of research notes for the benchmark.
 *
 * `count` notes of about 600 words each (headings, lists, emphasis, some
 * code blocks and tables, about five links each, written as `[[slug]]`,
 * `[[file-name]]`, `[[slug|label]]` and relative Markdown links), spread over
 * a few subfolders, plus one inquiry line per 50 notes that cites about nine
 * notes and carries a full research prompt. The same `count` and `seed`
 * always give byte-identical files; every link resolves, so `quire check`
 * finds no errors (and no warnings with SOURCE_DATE_EPOCH in January 2026,
 * as the benchmark sets it: claims are dated 2025, arXiv ids 2301–2512).
 *
 *   npx tsc -p . && node dist/scripts/synthetic-library.js DIR [COUNT] [SEED]
 */
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

/** What was written. */
export interface SyntheticLibrary {
  readonly folder: string
  readonly notes: number
  readonly inquiries: number
  /** Every file written, relative to `folder`, with `/` separators. */
  readonly files: readonly string[]
  readonly bytes: number
  readonly words: number
  /** A note cited by an inquiry and by other notes: the one the benchmark edits. */
  readonly editTarget: string
}

/** The folders notes are spread over (inquiries go to `inquiries/`). */
const folders = ['foundations', 'methods/rl', 'methods/distillation', 'evaluation', 'scaling', 'alignment', 'interpretability', 'data'] as const

/** Write a library of `count` notes (and `floor(count / 50)` inquiries) into `folder`. */
export async function writeSyntheticLibrary(folder: string, count: number, seed = 1): Promise<SyntheticLibrary> {
  if (!Number.isInteger(count) || count < 2) throw new Error(`the library needs at least 2 notes, not ${count}`)
  const random = prng(seed)
  const notes = Array.from({ length: count }, (_, index) => noteIdentity(index, random))
  const inquiryCount = Math.floor(count / 50)
  const inquiries = Array.from({ length: inquiryCount }, (_, index) => inquiryIdentity(index, random))

  const documents: { file: string; text: string }[] = []
  for (const [index, note] of notes.entries()) documents.push({ file: note.file, text: noteText(note, index, notes, random) })
  let editTarget = notes[Math.floor(count / 2)]!.file
  for (const [index, inquiry] of inquiries.entries()) {
    const cited = distinct(random, notes.length, 8 + random.int(3)).map((at) => notes[at]!)
    if (index === 0 && cited[0]) editTarget = cited[0].file
    documents.push({ file: inquiry.file, text: inquiryText(inquiry, inquiries[index + 1], cited, random) })
  }
  // With a `url`, the feed and the sitemap are built too, as on a published site.
  documents.push({
    file: 'quire.config.yaml',
    text: 'title: Synthetic library\ndescription: Generated notes for the quire benchmark.\nurl: https://example.org/notes/\n',
  })

  const made = new Set<string>()
  let bytes = 0
  let words = 0
  for (const document of documents) {
    const target = path.join(folder, ...document.file.split('/'))
    const parent = path.dirname(target)
    if (!made.has(parent)) {
      await mkdir(parent, { recursive: true })
      made.add(parent)
    }
    await writeFile(target, document.text)
    bytes += Buffer.byteLength(document.text)
    words += document.text.split(/\s+/).filter(Boolean).length
  }
  return { folder, notes: count, inquiries: inquiryCount, files: documents.map((d) => d.file), bytes, words, editTarget }
}

/** Replace the `summary:` line of a note's front matter. */
export function replaceSummary(text: string, summary: string): string {
  const replaced = text.replace(/^summary: .*$/m, `summary: ${JSON.stringify(summary)}`)
  if (replaced === text && !text.includes(`summary: ${JSON.stringify(summary)}`)) throw new Error('the note has no one-line summary to replace')
  return replaced
}

/** A small seeded PRNG (mulberry32): the same seed gives the same library. */
export interface Random {
  /** A float in [0, 1). */
  next(): number
  /** An integer in [0, n). */
  int(n: number): number
  pick<T>(items: readonly T[]): T
  chance(p: number): boolean
}

export function prng(seed: number): Random {
  let state = seed >>> 0
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (n: number): number => Math.floor(next() * n)
  return {
    next,
    int,
    pick: <T>(items: readonly T[]): T => items[int(items.length)]!,
    chance: (p) => next() < p,
  }
}

interface NoteIdentity {
  /** Path relative to the library, such as `methods/rl/n00042-reward-shaping.md`. */
  readonly file: string
  /** The file name without `.md`: unique in the library. */
  readonly name: string
  readonly folder: string
  readonly slug: string
  readonly title: string
  readonly topic: string
}

interface InquiryIdentity {
  readonly file: string
  readonly slug: string
  readonly title: string
  readonly question: string
}

function noteIdentity(index: number, random: Random): NoteIdentity {
  const folder = folders[index % folders.length]!
  const topic = random.pick(topics)
  const name = `n${String(index).padStart(5, '0')}-${topic.replace(/ /g, '-')}-${random.pick(nouns)}`
  const title = `Does ${topic} ${random.pick(verbs)} ${random.pick(objects)} ${random.pick(contexts)}?`
  return { file: `${folder}/${name}.md`, name, folder, slug: `${folder}/${name}`, title, topic }
}

function inquiryIdentity(index: number, random: Random): InquiryIdentity {
  const name = `q${String(index).padStart(4, '0')}-${random.pick(topics).replace(/ /g, '-')}`
  const question = `why does ${random.pick(topics)} ${random.pick(verbs)} ${random.pick(objects)} ${random.pick(contexts)}`
  return { file: `inquiries/${name}.md`, slug: `inquiries/${name}`, title: `${capitalise(question)}?`, question }
}

function noteText(note: NoteIdentity, index: number, notes: readonly NoteIdentity[], random: Random): string {
  const links = linkWriter(note, notes, index, random)
  const front = [
    '---',
    `title: ${JSON.stringify(note.title)}`,
    `summary: ${JSON.stringify(sentences(random, 1 + random.int(3), 12, 22))}`,
    `date: ${random.chance(0.2) ? `~${2023 + random.int(3)}` : month(random)}`,
    `tags: [${distinct(random, tags.length, 1 + random.int(3))
      .map((at) => tags[at])
      .join(', ')}]`,
  ]
  if (random.chance(0.6)) {
    front.push(`papers: [${Array.from({ length: 1 + random.int(2) }, () => JSON.stringify(arxiv(random).id)).join(', ')}]`)
  }
  front.push('---', '')

  const body: string[] = []
  body.push(paragraph(random, 5, links, 1))
  body.push(`## ${capitalise(random.pick(headings))}`, '')
  body.push(paragraph(random, 5, links, 1))
  body.push(list(random, 4 + random.int(3), links, 1, false))
  if (index % 4 === 1) body.push(codeBlock(random))
  body.push(`## ${capitalise(random.pick(headings))}`, '')
  body.push(paragraph(random, 6, links, 1))
  if (index % 5 === 2) body.push(table(random))
  body.push(paragraph(random, 5, links, 1))
  body.push(`### ${capitalise(random.pick(headings))}`, '')
  body.push(list(random, 3 + random.int(3), links, random.chance(0.3) ? 1 : 0, true))
  body.push(paragraph(random, 4, links, 0))
  return front.join('\n') + body.join('\n')
}

function inquiryText(inquiry: InquiryIdentity, next: InquiryIdentity | undefined, cited: readonly NoteIdentity[], random: Random): string {
  const anchors = Array.from({ length: 3 + random.int(2) }, () => arxiv(random))
  const lines = [
    '---',
    'type: inquiry',
    `title: ${JSON.stringify(inquiry.title)}`,
    `summary: ${JSON.stringify(sentences(random, 2, 14, 24))}`,
    `date: ${month(random)}`,
    `next: [${next ? next.slug : ''}]`,
    'prompt:',
    `  role: ${JSON.stringify(`a critical analyst of ${random.pick(topics)}`)}`,
    `  question: ${JSON.stringify(`${inquiry.question}?`)}`,
    '  library: "2023–2026"',
    '  claims:',
  ]
  for (let i = 0, n = 4 + random.int(3); i < n; i++) {
    // Dated within a year of the benchmark's build date (SOURCE_DATE_EPOCH, January 2026), so no claim is stale.
    const date = random.chance(0.5) ? '~2025' : `2025-${String(3 + random.int(10)).padStart(2, '0')}`
    lines.push(`    - text: ${JSON.stringify(sentence(random, 10, 20).replace(/\.$/, ''))}`, `      date: ${JSON.stringify(date)}`)
    if (random.chance(0.5))
      lines.push(
        `      notes: [${distinct(random, cited.length, 1 + random.int(2))
          .map((at) => cited[at]!.slug)
          .join(', ')}]`,
      )
  }
  lines.push('  anchors:')
  for (const anchor of anchors) {
    lines.push(
      `    - arxiv: ${JSON.stringify(anchor.id)}`,
      `      date: ${JSON.stringify(anchor.date)}`,
      `      title: ${JSON.stringify(capitalise(words(random, 5 + random.int(5))))}`,
    )
  }
  lines.push('  tasks:')
  for (const verb of ['RE-TEST', 'Surface', 'Propose']) lines.push(`    - ${JSON.stringify(`${verb} ${sentence(random, 18, 30)}`)}`)
  lines.push('---', '')

  // About nine citations spread over five paragraphs, first appearance in order.
  const queue = [...cited]
  const cite = (): string => {
    const note = queue.shift()
    if (!note) return ''
    return random.chance(0.7) ? ` [[${note.slug}]]` : ` [${words(random, 2)}](../${note.file})`
  }
  const body: string[] = []
  for (let p = 0; p < 5; p++) {
    const parts: string[] = []
    for (let s = 0, n = 3 + random.int(3); s < n; s++) {
      const text = sentence(random, 12, 24)
      parts.push(queue.length > 0 && random.chance(0.6) ? text.replace(/\.$/, `${cite()}.`) : text)
    }
    if (p === 4) while (queue.length > 0) parts.push(`See also${cite()}.`)
    body.push(parts.join(' '), '')
  }
  return lines.join('\n') + body.join('\n')
}

/** Writes links to other notes: about `share` per call, about five per note. */
function linkWriter(from: NoteIdentity, notes: readonly NoteIdentity[], index: number, random: Random): () => string {
  return () => {
    // Mostly near neighbours (topic clusters), sometimes anywhere.
    let at = random.chance(0.6) ? index + 1 + random.int(40) : random.int(notes.length)
    at %= notes.length
    if (at === index) at = (at + 1) % notes.length
    const to = notes[at]!
    if (to === from) return ''
    switch (random.int(4)) {
      case 0:
        return `[[${to.slug}]]`
      case 1:
        return `[[${to.name}]]`
      case 2:
        return `[[${to.slug}|${words(random, 2)}]]`
      default:
        return `[${words(random, 2 + random.int(2))}](${relative(from.folder, to.file)})`
    }
  }
}

function relative(fromFolder: string, toFile: string): string {
  return path.posix.relative(fromFolder, toFile)
}

/** A paragraph of `count` sentences with `linkCount` links, emphasis and code spans. */
function paragraph(random: Random, count: number, link: () => string, linkCount: number): string {
  const parts: string[] = []
  const linkAt = new Set(distinct(random, count, Math.min(linkCount, count)))
  for (let i = 0; i < count; i++) {
    let text = sentence(random, 10, 24)
    if (linkAt.has(i)) text = text.replace(/\.$/, ` (see ${link()}).`)
    parts.push(text)
  }
  return parts.join(' ') + '\n'
}

function list(random: Random, count: number, link: () => string, linkCount: number, ordered: boolean): string {
  const items: string[] = []
  const linkAt = new Set(distinct(random, count, Math.min(linkCount, count)))
  for (let i = 0; i < count; i++) {
    let text = sentence(random, 6, 14)
    if (linkAt.has(i)) text = `${text} Compare ${link()}.`
    items.push(`${ordered ? `${i + 1}.` : '-'} ${text}`)
  }
  return items.join('\n') + '\n'
}

function codeBlock(random: Random): string {
  const name = random.pick(nouns).replace(/ /g, '_')
  const lines = [
    '```python',
    `def ${name}_score(samples, k=${2 + random.int(14)}):`,
    `    """${capitalise(words(random, 6))}."""`,
    `    scores = [reward(s) for s in samples[:k]]`,
    `    return sum(scores) / max(len(scores), 1)  # ${words(random, 4)}`,
    '```',
  ]
  return lines.join('\n') + '\n'
}

function table(random: Random): string {
  const rows = [`| ${capitalise(random.pick(nouns))} | pass@1 | pass@${2 + random.int(30)} |`, '|---|---:|---:|']
  for (let i = 0, n = 3 + random.int(3); i < n; i++) {
    rows.push(`| ${words(random, 2)} | ${(random.next() * 80 + 10).toFixed(1)} | ${(random.next() * 80 + 15).toFixed(1)} |`)
  }
  return rows.join('\n') + '\n'
}

function sentences(random: Random, count: number, min: number, max: number): string {
  return Array.from({ length: count }, () => sentence(random, min, max)).join(' ')
}

/** A sentence of `min`–`max` words; some words emphasised, strong or code. */
function sentence(random: Random, min: number, max: number): string {
  const length = min + random.int(max - min + 1)
  const out: string[] = []
  for (let i = 0; i < length; i++) {
    let word = random.pick(vocabulary)
    const roll = random.next()
    if (roll < 0.03) word = `*${word}*`
    else if (roll < 0.045) word = `**${word}**`
    else if (roll < 0.055) word = `\`${word}\``
    out.push(word)
  }
  return capitalise(out.join(' ')) + '.'
}

function words(random: Random, count: number): string {
  return Array.from({ length: count }, () => random.pick(vocabulary)).join(' ')
}

/** `count` distinct integers in [0, n), in the order drawn. */
function distinct(random: Random, n: number, count: number): number[] {
  const seen = new Set<number>()
  while (seen.size < Math.min(count, n)) seen.add(random.int(n))
  return [...seen]
}

function month(random: Random): string {
  return `${2023 + random.int(3)}-${String(1 + random.int(12)).padStart(2, '0')}`
}

/** An arXiv id such as `2504.13837` and its matching date `2025-04`. */
function arxiv(random: Random): { id: string; date: string } {
  const year = 23 + random.int(3)
  const mm = String(1 + random.int(12)).padStart(2, '0')
  return { id: `${year}${mm}.${String(random.int(100000)).padStart(5, '0')}`, date: `20${year}-${mm}` }
}

function capitalise(text: string): string {
  const at = text.search(/[a-z]/i)
  return at === -1 ? text : text.slice(0, at) + text.charAt(at).toUpperCase() + text.slice(at + 1)
}

const topics = [
  'reward shaping',
  'distillation',
  'rlvr',
  'curriculum learning',
  'self play',
  'chain of thought',
  'process supervision',
  'preference tuning',
  'best of n sampling',
  'test time compute',
  'tool use',
  'synthetic data',
  'data filtering',
  'scaling',
  'pretraining',
  'instruction tuning',
  'model merging',
  'sparse attention',
  'long context',
  'retrieval',
  'verifier training',
  'search',
  'mixture of experts',
  'quantisation',
]
const verbs = ['improve', 'narrow', 'stabilise', 'amplify', 'suppress', 'explain', 'predict', 'transfer to', 'degrade', 'unlock']
const objects = [
  'reasoning depth',
  'format diversity',
  'sample efficiency',
  'calibration',
  'out-of-distribution accuracy',
  'proof validity',
  'exploration',
  'latent capabilities',
  'benchmark scores',
  'long-horizon planning',
  'faithfulness',
  'robustness',
]
const contexts = [
  'in small models',
  'at scale',
  'on math benchmarks',
  'for code generation',
  'under distribution shift',
  'after pretraining',
  'with sparse rewards',
  'in multi-turn agents',
]
const nouns = ['baseline', 'ablation', 'verifier', 'policy', 'rollout', 'reward', 'curriculum', 'checkpoint', 'dataset', 'benchmark', 'trace', 'gradient']
const headings = [
  'evidence',
  'method',
  'what the experiments show',
  'caveats',
  'related results',
  'open questions',
  'discussion',
  'why it matters',
  'setup',
  'limitations',
]
const tags = ['rl', 'reasoning', 'distillation', 'evaluation', 'scaling', 'data', 'alignment', 'interpretability', 'agents', 'math', 'code', 'efficiency']
const vocabulary = (
  'the a of and to in that model models training reward rewards policy reasoning trace traces sample samples distribution ' +
  'accuracy benchmark benchmarks evaluation result results show shows suggest suggests evidence experiment experiments ' +
  'pretraining fine-tuning distillation verifier verifiable outcome process step steps token tokens length longer shorter ' +
  'scale scaling compute budget inference search exploration exploitation entropy collapse diversity format formats latent ' +
  'capability capabilities boundary narrow narrows wider broad gains gain loss losses gradient update updates stable unstable ' +
  'baseline ablation controlled controlled setting setting settings task tasks math code proof proofs problem problems hard ' +
  'easy difficulty curriculum data dataset synthetic filtered quality noisy clean labels label human preference preferences ' +
  'signal sparse dense credit assignment horizon long short rollouts rollout pass@k pass@1 variance bias estimate estimates ' +
  'however because although while whereas therefore instead rather only mostly often rarely consistently measurably largely ' +
  'strongly weakly across within between before after during against under over without with from into onto by for on is are ' +
  'was were be been can could may might does not no more less most least than also both either neither each every this these ' +
  'those it its their which what when where how why who paper papers authors claim claims finding findings replication'
).split(' ')

/** `node dist/scripts/synthetic-library.js DIR [COUNT] [SEED]` */
async function main(): Promise<void> {
  const [folder, count = '1000', seed = '1'] = process.argv.slice(2)
  if (!folder) {
    process.stderr.write('usage: node dist/scripts/synthetic-library.js DIR [COUNT] [SEED]\n')
    process.exitCode = 2
    return
  }
  const library = await writeSyntheticLibrary(path.resolve(folder), Number(count), Number(seed))
  process.stdout.write(
    `wrote ${library.notes} notes and ${library.inquiries} inquiries (${library.files.length} files, ${(library.bytes / 1048576).toFixed(1)} MiB, ~${Math.round(library.words / library.files.length)} words each) into ${folder}\n`,
  )
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main()
