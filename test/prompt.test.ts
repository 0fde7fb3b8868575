import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { promptText, type PromptView } from '../templates/prompt.js'
import { analyse } from '../src/build/analyse.js'
import { inquiryPromptText } from '../src/render/pages.js'

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
})
