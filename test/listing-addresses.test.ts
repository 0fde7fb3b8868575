/**
 * The later pages of a long listing (`folder/page-2.html`) cannot meet a
 * file of the notes: a slug never holds a dot, so no note is published at
 * `page-2.html`; an HTML attachment is never published (it could run
 * script); and a note or folder named `page-2` is published at `page-2/`,
 * another path on every file system.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { expect, it } from 'vitest'
import { run } from '../src/cli.js'
import { note, notesFolder, recordingIO } from './support/notes.js'
import { listFiles } from './support/site.js'

it('a note, a folder and an HTML file named like a later listing page leave that page to the listing', async () => {
  const files: Record<string, string> = {}
  for (let n = 0; n < 510; n++) files[`big/note-${String(n).padStart(3, '0')}.md`] = note(`Is note ${n} here?`, `Note ${n}.`, 'Text.\n')
  files['big/page-2.md'] = note('Is this note called page 2?', 'A note named like a listing page.', 'It shows ![[page-2.html]] and ![[page-3/figure.png]].\n')
  files['big/page-2.html'] = '<script>alert(1)</script>'
  files['big/page-3/figure.png'] = 'png bytes'
  const root = await notesFolder(files)
  const io = recordingIO(root)
  expect(await run(['build', 'notes', '--out', 'site', '--no-cache'], io), io.err()).toBe(0)
  const site = path.join(root, 'site')
  const listing = await readFile(path.join(site, 'big/page-2.html'), 'utf8')
  expect(listing).toContain('(page 2 of 2)')
  expect(listing).not.toContain('alert(1)')
  expect(await readFile(path.join(site, 'big/page-2/index.html'), 'utf8')).toContain('Is this note called page 2?')
  const written = await listFiles(site)
  expect(written).toContain('big/page-3/figure.png')
  expect(written.filter((file) => /^big\/page-\d/.test(file))).toEqual([
    'big/page-2.html',
    'big/page-2/index.html',
    'big/page-2/index.html.md',
    'big/page-3/figure.png',
  ])
}, 60_000)
