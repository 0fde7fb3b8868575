/**
 * Pages for language models: each page's Markdown beside it
 * (`index.html.md`) and `llms.txt` at the site root. They publish what the
 * pages publish and nothing more (no comments, drafts or ignored files),
 * their links lead to real pages, and at 10,000 notes llms.txt lists
 * folders instead of every note.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { run } from '../src/cli.js'
import { largeLibrary, largeLibraryNoteCount } from './support/large-library.js'
import { note, notesFolder, recordingIO } from './support/notes.js'
import { listFiles } from './support/site.js'

const library: Record<string, string> = {
  'quire.config.yaml': 'title: Lab notes\ndescription: Notes on learning.\nignore: [private]\n',
  'alpha.md': note(
    'Does alpha hold?',
    'Alpha holds under load.',
    [
      'Alpha links to [[beta]] and [[beta|the second note]], to [[Beta#Method]] and a [plain link](beta.md).',
      '',
      'Secret: %%keep this private%% and public again.',
      '',
      '- %%a whole private item%%',
      '- a public item',
      '',
      'A draft: [[wip]]. Not yet: [[nowhere]]. Ignored: [[hidden]].',
      '',
      '![[beta]]',
      '',
      '![chart](img/chart.png)',
      '',
      '```',
      'code keeps [[beta]] as written',
      '```',
    ].join('\n'),
  ),
  'beta.md': note('Is beta second?', 'Beta comes second.', '## Method\n\nBeta text.\n'),
  'wip.md': note('Work in progress?', 'Not ready.', 'Draft words.\n', 'draft: true\n'),
  'private/hidden.md': note('Hidden?', 'Never published.', 'Hidden words.\n'),
  'img/chart.png': 'not really a png',
  'topics/gamma.md': note('Is gamma in a folder?', 'Gamma sits in topics.', 'Back to [[alpha]].\n'),
  'inquiries/why.md': [
    '---',
    'type: inquiry',
    'title: "Why do alpha and beta agree?"',
    'summary: "Because they share a cause."',
    'prompt:',
    '  role: "a reviewer"',
    '  claims:',
    '    - text: "Alpha holds."',
    '      date: "2025-01"',
    '      notes: [alpha]',
    '---',
    'See [[alpha]] and [[beta]].',
    '',
  ].join('\n'),
}

let root: string
let site: string
const read = (file: string) => readFile(path.join(site, file), 'utf8')

async function build(files: Record<string, string>, extra: string[] = []): Promise<string> {
  const folder = await notesFolder(files)
  const io = recordingIO(folder)
  const code = await run(['build', 'notes', '--out', 'site', '--build-date', '2026-01-15', ...extra], io)
  expect(code, io.err()).toBe(0)
  return folder
}

beforeAll(async () => {
  root = await build(library)
  site = path.join(root, 'site')
})

describe("a page's Markdown", () => {
  it('is published beside every document page and every folder page', async () => {
    const files = await listFiles(site)
    expect(files).toEqual(
      expect.arrayContaining([
        'alpha/index.html.md',
        'beta/index.html.md',
        'topics/gamma/index.html.md',
        'inquiries/why/index.html.md',
        'topics/index.html.md',
      ]),
    )
    expect(files.filter((file) => file.endsWith('.md'))).not.toContain('wip/index.html.md')
    expect(files.some((file) => file.includes('hidden'))).toBe(false)
  })

  it('starts with the title and summary the page shows and keeps the body as written', async () => {
    const md = await read('alpha/index.html.md')
    expect(md.startsWith('# Does alpha hold?\n\n> Alpha holds under load.\n\nAlpha links to')).toBe(true)
    expect(md).not.toMatch(/^---/)
    expect(md).toContain('```\ncode keeps [[beta]] as written\n```')
  })

  it('leaves out comments, and the list item that held only one', async () => {
    const md = await read('alpha/index.html.md')
    expect(md).not.toContain('private')
    expect(md).not.toContain('%%')
    expect(md).toContain('Secret:  and public again.')
    expect(md).toContain('\n- a public item')
    expect(md).not.toMatch(/^- *$/m)
  })

  it('links to the pages links lead to, and shows links to drafts, unwritten and ignored notes as text', async () => {
    const md = await read('alpha/index.html.md')
    expect(md).toContain(
      'Alpha links to [Is beta second?](../beta/) and [the second note](../beta/), to [Is beta second?](../beta/#method) and a [plain link](../beta/).',
    )
    expect(md).toContain('A draft: wip. Not yet: nowhere. Ignored: hidden.')
    expect(md).not.toContain('Work in progress')
    // An embedded note is a link to it; an image points at the published file.
    expect(md).toContain('\n[Is beta second?](../beta/)\n')
    expect(md).toContain('![chart](../img/chart.png)')
    for (const link of md.matchAll(/\]\((\.\.\/[^)#]*)/g)) {
      const target = path.posix.join('alpha', link[1]!)
      const file = target.endsWith('/') ? `${target}index.html` : target
      expect(
        await read(file).then(
          () => true,
          () => false,
        ),
        file,
      ).toBe(true)
    }
  })

  it("of an inquiry names its research prompt, and of a folder lists the folder's notes", async () => {
    const md = await read('inquiries/why/index.html.md')
    expect(md).toContain('See [Does alpha hold?](../../alpha/) and [Is beta second?](../../beta/).')
    expect(md.trimEnd().endsWith('Research prompt: [prompt.md](prompt.md)')).toBe(true)
    expect(await read('topics/index.html.md')).toContain('- [Is gamma in a folder?](../topics/gamma/index.html.md): Gamma sits in topics.')
  })

  it('uses absolute addresses when the site has a url, and the same notes give the same bytes', async () => {
    const other = await build({ ...library, 'quire.config.yaml': library['quire.config.yaml'] + 'url: https://example.org/lab/\n' })
    const md = await readFile(path.join(other, 'site/alpha/index.html.md'), 'utf8')
    expect(md).toContain('[the second note](https://example.org/lab/beta/)')
    expect(md).toContain('![chart](https://example.org/lab/img/chart.png)')
    const llms = await readFile(path.join(other, 'site/llms.txt'), 'utf8')
    expect(llms).toContain('- [Does alpha hold?](https://example.org/lab/alpha/index.html.md): Alpha holds under load.')
    const again = await build(library)
    for (const file of ['alpha/index.html.md', 'llms.txt', 'topics/index.html.md'])
      expect(await readFile(path.join(again, 'site', file), 'utf8')).toBe(await read(file))
  })
})

describe('llms.txt', () => {
  it('gives the site, then its inquiries and notes with their summaries, and nothing unpublished', async () => {
    const llms = await read('llms.txt')
    expect(llms.startsWith('# Lab notes\n\n> Notes on learning.\n\n')).toBe(true)
    const inquiries = llms.indexOf('## Inquiries')
    const notes = llms.indexOf('## Notes')
    expect(inquiries).toBeGreaterThan(0)
    expect(notes).toBeGreaterThan(inquiries)
    expect(llms).toContain('- [Why do alpha and beta agree?](inquiries/why/index.html.md): Because they share a cause.')
    expect(llms).toContain('- [Is gamma in a folder?](topics/gamma/index.html.md): Gamma sits in topics.')
    expect(llms).not.toMatch(/Work in progress|Hidden|wip|private/)
    for (const link of llms.matchAll(/\]\(([^)]+)\)/g))
      expect(
        await read(link[1]!).then(
          () => true,
          () => false,
        ),
        link[1],
      ).toBe(true)
  })

  it('lists folders, not every note, at 10,000 notes, and each folder lists its notes', async () => {
    const large = path.join(await largeLibrary(), 'site')
    const llms = await readFile(path.join(large, 'llms.txt'), 'utf8')
    expect(Buffer.byteLength(llms)).toBeLessThan(16_000)
    const listed = Number(/^(\d+) notes, by folder/m.exec(llms)?.[1])
    expect(listed + countInquiries(llms)).toBeGreaterThan(largeLibraryNoteCount - 100)
    const folders = [...llms.matchAll(/^- \[([^\]]+)\/\]\(([^)]+)\): (\d+) notes$/gm)]
    expect(folders.length).toBeGreaterThan(0)
    const [, , address, count] = folders[0]!
    const listing = await readFile(path.join(large, address!), 'utf8')
    expect(listing.match(/^- \[/gm)!.length).toBeGreaterThanOrEqual(Number(count) > 0 ? 1 : 0)
  }, 300_000)
})

/** How many inquiries llms.txt lists. */
function countInquiries(llms: string): number {
  const start = llms.indexOf('## Inquiries')
  if (start === -1) return 0
  const end = llms.indexOf('## Notes')
  return llms.slice(start, end).match(/^- \[/gm)?.length ?? 0
}
