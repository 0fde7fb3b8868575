/**
 * A deterministic library of many small notes in nested folders, for the
 * navigation tests and for looking at folder pages at scale: 30 folders
 * (10 topics of 2 parts each), one folder far larger than the rest so its
 * listing runs over several pages, a note beside a folder of its name, a
 * folder with an `index.md`, and a date on every note so the home page has
 * recent notes to show. The same count always gives the same bytes.
 *
 *   npx tsc -p . && node dist/scripts/folder-library.js DIR [COUNT]
 */
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

const words = [
  'signal',
  'gradient',
  'policy',
  'reward',
  'token',
  'sample',
  'memory',
  'prior',
  'margin',
  'kernel',
  'latent',
  'entropy',
  'horizon',
  'budget',
  'corpus',
  'metric',
]

/** A deterministic stream of numbers (a linear congruential generator). */
function numbers(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state >>> 8
  }
}

/** A note's Markdown: front matter, then the body. */
function noteText(title: string, summary: string, body: string, extra = ''): string {
  return `---\ntitle: ${JSON.stringify(title)}\nsummary: ${JSON.stringify(summary)}\n${extra}---\n${body}`
}

/** The library's folders, parents first: `Topic 01`, `Topic 01/Part A`, `Topic 01/Part B`, `Topic 02`, …. */
export function folderLibraryFolders(): string[] {
  const folders: string[] = []
  for (let t = 1; t <= 10; t++) {
    const topic = `Topic ${String(t).padStart(2, '0')}`
    folders.push(topic, `${topic}/Part A`, `${topic}/Part B`)
  }
  return folders
}

/** The file of note `n` (from 1) of a library of `count` notes, relative to the notes folder. */
export function folderLibraryNote(n: number, count: number): string {
  const folders = folderLibraryFolders()
  const big = Math.floor(count / 10)
  const folder = n <= big ? folders[0]! : folders[1 + ((n - 1 - big) % (folders.length - 1))]!
  return `${folder}/Note ${String(n).padStart(5, '0')}.md`
}

/** The library's files (relative path → text): `count` notes, plus the home page's `index.md` and the folder notes. */
export function folderLibrary(count: number): Record<string, string> {
  const next = numbers(count)
  const files: Record<string, string> = {
    'quire.config.yaml': 'title: A library in folders\n',
    'index.md': noteText('A library in folders', 'Thousands of small notes in thirty folders.', 'Start with the folders below, or the list of every note.\n'),
    // A note beside the folder of its name is that folder's page; a folder's index.md heads its page.
    'Topic 02.md': noteText('The second topic', 'What the second topic covers.', 'The second topic gathers the notes on margins.\n'),
    'Topic 03/index.md': noteText(
      'About the third topic',
      'An introduction to the third topic.',
      'This text heads the folder page of the third topic, with a formula: $e^{i\\pi} = -1$.\n',
    ),
  }
  for (let n = 1; n <= count; n++) {
    const a = words[next() % words.length]!
    const b = words[next() % words.length]!
    const month = String(1 + (Math.floor(n / 28) % 12)).padStart(2, '0')
    const day = String(1 + (n % 28)).padStart(2, '0')
    const other = path.posix.basename(folderLibraryNote(1 + (next() % count), count), '.md')
    files[folderLibraryNote(n, count)] = noteText(
      `Does ${a} shape ${b}? (note ${n})`,
      `How ${a} relates to ${b}, in one line.`,
      `The ${a} of a ${b}. See [[${other}]].\n`,
      `date: 2025-${month}-${day}\n`,
    )
  }
  return files
}

/** Write the library of `count` notes into `folder`. */
export async function writeFolderLibrary(folder: string, count: number): Promise<void> {
  for (const [name, text] of Object.entries(folderLibrary(count))) {
    const file = path.join(folder, name)
    await mkdir(path.dirname(file), { recursive: true })
    await writeFile(file, text)
  }
}

async function main(): Promise<void> {
  const [folder, count] = process.argv.slice(2)
  if (!folder) {
    process.stderr.write('usage: node dist/scripts/folder-library.js DIR [COUNT]\n')
    process.exitCode = 2
    return
  }
  await writeFolderLibrary(folder, count === undefined ? 13000 : Number(count))
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main()
