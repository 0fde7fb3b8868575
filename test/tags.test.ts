/**
 * Tags: their addresses, how spellings merge, and the links on a document.
 */
import { describe, expect, it } from 'vitest'
import type { SiteOptions } from '../src/model.js'
import { tagLinks, tagSlug } from '../src/render/props/tag-links.js'
import { collectTags, hasTags } from '../src/render/props/tags.js'
import { rootFromPage } from '../src/render/url.js'
import type { Slug } from '../src/model.js'
import { graphOf } from './support/graph.js'

const library = graphOf

const note = (title: string, tags: string) => `---\ntitle: ${JSON.stringify(title)}\nsummary: About it.\ntags: ${tags}\n---\n`
const site: SiteOptions = { base: '/', title: 'Lab', description: undefined, url: undefined, buildDate: { year: 2026, month: 1, day: 1 }, staleAfterMonths: 12 }

describe('tag addresses', () => {
  it('are the tag’s slug, or its code points when it has no letters or digits', () => {
    expect(tagSlug('Reinforcement Learning')).toBe('reinforcement-learning')
    expect(tagSlug('RL/IL')).toBe('rl/il')
    expect(tagSlug('a / b')).toBe('a-b')
    expect(tagSlug('强化学习')).toBe('强化学习')
    expect(tagSlug('C++')).toBe('c')
    expect(tagSlug('++')).toBe('tag-2b-2b')
  })
})

describe('collecting tags', () => {
  const graph = library({
    'b.md': note('Is B?', '[rl, Zeta]'),
    'a.md': note('Is A?', '[RL, alpha, alpha]'),
    'c.md': note('Is C?', '[rl, "++"]'),
    'd.md': note('Is D?', '[]'),
  })

  it('merges spellings with one address under the most used one, sorted by label', () => {
    expect(collectTags(graph)).toEqual([
      { slug: 'tag-2b-2b', label: '++', documents: ['c'] },
      { slug: 'alpha', label: 'alpha', documents: ['a'] },
      { slug: 'rl', label: 'rl', documents: ['a', 'b', 'c'] },
      { slug: 'zeta', label: 'Zeta', documents: ['b'] },
    ])
    expect(hasTags(graph)).toBe(true)
    expect(hasTags(library({ 'd.md': note('Is D?', '[]') }))).toBe(false)
  })

  it('links a document’s tags once each, in its own spelling, relative to its page', () => {
    const context = { graph, site, root: rootFromPage('notes/a' as Slug), hasPapers: false, hasTags: true }
    expect(tagLinks(context, ['RL', 'alpha', 'alpha', 'rl'])).toEqual([
      { label: 'RL', href: '../../tags/rl/' },
      { label: 'alpha', href: '../../tags/alpha/' },
    ])
  })
})
