/**
 * A parse as the cache file and the worker threads keep it (links and
 * positions as flat lists) must come back as it was parsed: every link with
 * its target, label, fragment, syntax, embed flag and position, and every
 * front-matter position.
 */
import { describe, expect, it } from 'vitest'
import type { SourceFile } from '../src/model.js'
import { parseDocument } from '../src/parse/parse-document.js'
import { restoreParse, SharedStrings, storeParse, type StoredParseResult } from '../src/build/stored-parse.js'

function file(relativePath: string, text: string): SourceFile {
  return { path: `/notes/${relativePath}`, relativePath, displayPath: `notes/${relativePath}`, text }
}

const text = [
  '---',
  'title: Does X help?',
  'summary: It does.',
  'tags: [rl, eval]',
  'aliases:',
  '  - Old name',
  '---',
  '# Does X help?',
  '',
  'See [[other]], [[other|the other one]], [[other#methods]] and [[other#^claim-1|a claim]].',
  '',
  '![[figure.png]] and ![[other]] and [a page](folder/page.md#part) and [same](page.md).',
  '',
  '## Methods',
  '',
  'Text [[#methods]] ^claim-1',
  '',
].join('\n')

/** Through the cache file: JSON, where undefined fields are dropped. */
function throughJson(stored: StoredParseResult): StoredParseResult {
  return JSON.parse(JSON.stringify(stored)) as StoredParseResult
}

describe('a stored parse', () => {
  it('gives back every link and position as parsed, through a worker message or the cache file', () => {
    const source = file('dir/note.md', text)
    const parsed = parseDocument(source, { keepTree: false })
    const doc = parsed.document!
    expect(doc.links.length).toBeGreaterThan(6)
    expect(doc.positions.size).toBeGreaterThan(4)
    for (const stored of [structuredClone(storeParse(parsed)), throughJson(storeParse(parsed))]) {
      const restored = restoreParse(source, stored).document!
      expect(restored.links).toEqual(doc.links)
      // Field by field, undefined ones included (toEqual would take a missing label for an undefined one).
      for (const [i, link] of restored.links.entries()) expect(Object.entries(link)).toEqual(Object.entries(doc.links[i]!))
      expect([...restored.positions]).toEqual([...doc.positions])
      for (const [path, position] of doc.positions) expect(restored.positions.get(path)).toEqual(position)
      expect(restored.positions.get('no.such.path')).toBeUndefined()
      expect(restored.positions.has('title')).toBe(true)
      expect([...restored.positions.keys()]).toEqual([...doc.positions.keys()])
      expect([...restored.positions.values()]).toEqual([...doc.positions.values()])
      expect(restored.anchors).toEqual(doc.anchors)
      expect(restored.data).toEqual(doc.data)
      expect(restored.bodyOffset).toBe(doc.bodyOffset)
      expect(restored.body()).toEqual(parseDocument(source).document!.body())
    }
  })

  it('shares equal strings and equal lists of front-matter paths among the documents restored together', () => {
    const strings = new SharedStrings()
    const a = file('a.md', '---\ntitle: A\nsummary: One.\ntags: [x]\n---\nSee [[target]].\n')
    const b = file('b.md', '---\ntitle: B\nsummary: Two.\ntags: [y]\n---\nAlso [[target]].\n')
    const [first, second] = [a, b].map((source) => restoreParse(source, throughJson(storeParse(parseDocument(source, { keepTree: false }))), strings).document!)
    expect(first!.links[0]!.target).toBe('target')
    expect(second!.links[0]!.target).toBe('target')
    expect([...first!.positions.keys()]).toEqual([...second!.positions.keys()])
    expect(second!.positions.get('tags.0')).toEqual({ line: 4, column: 8 })
  })
})
