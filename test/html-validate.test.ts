/**
 * Every page quire writes passes html-validate's recommended rules: the
 * demo library (notes/) and a small library with tags, an alias and a note not
 * written yet, so every page type is checked. Later pages of long listings
 * (500 entries each) are left out: validating one takes seconds, and they
 * are made by the same template as the first page.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { HtmlValidate } from 'html-validate'
import { beforeAll, describe, expect, it } from 'vitest'
import { run } from '../src/cli.js'
import { note, notesFolder, recordingIO } from './support/notes.js'
import { listFiles } from './support/site.js'

const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: {
    // A note's title is its question, and the page's title is that question: cutting it to 70 characters would change the claim.
    'long-title': 'off',
    // HTML allows any id without spaces. quire gives its own parts ids with a dot (`source.1`,
    // `claim.2`, `arxiv-2504.13837`) because no heading or block id can make one, so they never
    // collide with a note's anchors; the strict form of this rule only suits CSS selectors.
    'valid-id': ['error', { relaxed: true }],
  },
})

/**
 * Findings another change removes, by rule: each must still be found (so
 * the entry is removed once it is fixed), and nothing else may be.
 * (None today: add a rule here, with the reason, only while another change is under way.)
 */
const knownFindings = new Set<string>([])

const small: Record<string, string> = {
  'quire.config.yaml': 'title: Small library\n',
  'tagged.md': note(
    'Is this note tagged?',
    'It carries two tags.',
    'It links to [[someday]], not written yet, and to [[plain]].\n',
    'tags: [method, result]\naliases: [old-name]\n',
  ),
  'plain.md': note('Is this note plain?', 'No tags here.', 'Nothing more.\n'),
}

async function buildInto(root: string, notes = 'notes'): Promise<string> {
  const io = recordingIO(root)
  const code = await run(['build', notes, '--out', path.join(root, 'site'), '--build-date', '2026-12-01', '--no-cache'], io)
  expect(code, io.err()).toBe(0)
  return path.join(root, 'site')
}

/** The sites to check, and which of their pages. */
let sites: { folder: string; pick: (file: string) => boolean }[]
const every = () => true

beforeAll(async () => {
  const demo = await notesFolder({})
  const demoSite = await (async () => {
    const io = recordingIO(demo)
    const code = await run(['build', path.resolve('notes'), '--out', path.join(demo, 'site'), '--build-date', '2026-12-01', '--no-cache'], io)
    expect(code, io.err()).toBe(0)
    return path.join(demo, 'site')
  })()
  sites = [
    { folder: demoSite, pick: every },
    { folder: await buildInto(await notesFolder(small)), pick: every },
  ]
}, 300_000)

describe('html-validate', () => {
  it("finds nothing wrong on any page (but the findings listed as another change's)", async () => {
    const found: string[] = []
    const rules = new Set<string>()
    const kinds = new Set<string>()
    for (const { folder: site, pick } of sites) {
      for (const file of (await listFiles(site)).filter((name) => name.endsWith('.html') && pick(name))) {
        kinds.add(file)
        const report = await validator.validateString(await readFile(path.join(site, file), 'utf8'), file)
        for (const result of report.results) {
          for (const message of result.messages) {
            rules.add(message.ruleId)
            if (!knownFindings.has(message.ruleId))
              found.push(`${path.basename(path.dirname(site))}/${file}:${message.line}:${message.column}: ${message.ruleId}: ${message.message}`)
          }
        }
      }
    }
    expect(found.slice(0, 20), found.slice(0, 20).join('\n')).toEqual([])
    for (const rule of knownFindings) expect(rules, `${rule} is no longer found: remove it from knownFindings`).toContain(rule)
    // Every page type was checked: listing pages after the first too.
    for (const kind of [
      'index.html',
      '404.html',
      'papers/index.html',
      'graph/index.html',
      'tags/index.html',
      'tags/method/index.html',
      'not-written-yet/index.html',
      'all-notes/index.html',
      'inquiries/index.html',
      'old-name/index.html',
    ])
      expect([...kinds]).toContain(kind)
  }, 240_000)
})
