import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import type { Element, Root } from 'hast'
import { select, selectAll } from 'hast-util-select'
import { toString } from 'hast-util-to-string'
import { promptBlocks, promptMarkdown, promptText, type PromptView } from '../templates/prompt.js'
import { promptBlockProps } from '../src/render/props/prompt-view.js'
import { analyse } from '../src/build/analyse.js'
import { inquiryPromptText } from '../src/render/props/pages.js'

const view: PromptView = {
  role: 'a careful reviewer',
  question: 'does X help?',
  library: '2023–2024',
  claims: [{ text: 'X helps small models.', date: '~2024' }],
  anchors: [{ arxiv: '2401.00001', date: '2024-01', title: 'On X' }],
  tasks: ['Re-test the claim.'],
  closing: undefined,
}

describe('research prompt', () => {
  it('reproduces the seed inquiry’s prompt byte for byte from its data', async () => {
    const analysis = await analyse('notes')
    const inquiry = analysis.graph.documents.get('inquiries/distillation-then-rlvr' as never)
    expect(inquiry?.type).toBe('inquiry')
    const expected = await readFile('test/fixtures/seed-prompt.txt', 'utf8')
    expect(inquiryPromptText(analysis.graph, inquiry as Extract<typeof inquiry, { type: 'inquiry' }>)).toBe(expected)
  })

  it('writes each claim with its date and each anchor paper with id, date and title', () => {
    const text = promptText(view)
    expect(text).toContain('You are a careful reviewer. The question: does X help? A curated library (spanning 2023–2024) found')
    expect(text).toContain('• X helps small models (~2024).')
    expect(text).toContain('• arXiv:2401.00001 (2024-01) — On X.')
    expect(text).toContain('(1) Re-test the claim.')
    expect(text.endsWith('Cite arXiv IDs; flag anything you cannot ground in a real paper.\n')).toBe(true)
  })

  it('changes when a claim or a paper changes, and leaves out empty parts', () => {
    const edited = promptText({ ...view, claims: [{ text: 'X hurts', date: '2025-02' }], anchors: [] })
    expect(edited).toContain('• X hurts (2025-02).')
    expect(edited).not.toContain('X helps')
    expect(edited).not.toContain('Anchor papers')
    expect(promptText({ ...view, library: undefined })).toContain('A curated library found these dated claims')
  })

  it('is a list of blocks: one list item per claim, paper and task, joined into exactly the Markdown copied', () => {
    const blocks = promptBlocks({ ...view, claims: [...view.claims, { text: 'Y *fails* at scale', date: '2025' }] })
    expect(blocks.map((block) => (block.kind === 'list' ? `${block.part}:${block.items.length}` : 'paragraph'))).toEqual([
      'paragraph',
      'claims:2',
      'anchors:1',
      'tasks:1',
      'paragraph',
    ])
    expect(promptMarkdown(blocks)).toBe(promptText({ ...view, claims: [...view.claims, { text: 'Y *fails* at scale', date: '2025' }] }))
  })
})

describe('the prompt as the page shows it', () => {
  const shown = (v: PromptView): Root => ({
    type: 'root',
    children: promptBlockProps(promptBlocks(v)).flatMap((block) =>
      block.kind === 'paragraph' ? [...block.content] : block.items.flatMap((item) => [...item]),
    ),
  })

  it('renders inline Markdown (emphasis, code) and links arXiv ids, with no Markdown markers left', () => {
    const tree = shown({ ...view, claims: [{ text: 'X *helps* `small` models', date: '~2024' }] })
    expect(toString(select('em', tree)!)).toBe('helps')
    expect(toString(select('code', tree)!)).toBe('small')
    expect(selectAll('a', tree).map((a) => a.properties.href)).toEqual(['https://arxiv.org/abs/2401.00001'])
    expect(toString(tree)).not.toMatch(/[*`•]/)
  })

  it('keeps script and unsafe links out, whatever the claims say', () => {
    const tree = shown({
      ...view,
      claims: [
        { text: 'X <script>alert(1)</script> <img src=x onerror=alert(1)>', date: '2024' },
        { text: '[click](javascript:alert(1)) and <a href="javascript:alert(2)">here</a>', date: '2024' },
      ],
      tasks: ['<iframe src="https://example.org"></iframe> Re-test.'],
    })
    expect(selectAll('script, img, iframe', tree)).toEqual([])
    for (const a of selectAll('a', tree) as Element[]) expect(String(a.properties.href ?? '')).not.toMatch(/^javascript:/i)
  })

  it('labels each list without its colon and keeps the order of the data', () => {
    const blocks = promptBlockProps(promptBlocks(view))
    expect(blocks.map((block) => (block.kind === 'list' ? block.label : 'paragraph'))).toEqual([
      'paragraph',
      'What a curated library found — and when',
      'Anchor papers (verify; mind their dates)',
      'Your task',
      'paragraph',
    ])
  })
})
