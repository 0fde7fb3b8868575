import { describe, expect, it } from 'vitest'
import { readingMinutes, wordCount, wordsPerMinute } from '../src/render/props/reading-time.js'

describe('reading time of a note', () => {
  it.each([
    ['plain words', 'Does RL create reasoning, or deploy it?', 7],
    ['a wikilink counts its label', 'See [[rlvr-narrows-problem-solving-ability|this note]] first.', 4],
    ['a wikilink without a label counts its name', 'See [[Some Note#Part]] first.', 4],
    ['a Markdown link counts its text', 'Read [the paper](https://arxiv.org/abs/2504.13837) now.', 4],
    ['code blocks and comments are not read', 'One two\n\n```js\nconst a = b + c\n```\n\n%% hidden words %% <!-- more hidden --> three', 3],
    ['HTML tags are not words', '<em>only</em> <span class="x">these</span>', 2],
    ['other scripts count too', 'Modèle de récompense — 推理', 4],
  ])('%s', (_, text, words) => {
    expect(wordCount(text)).toBe(words)
  })

  it('takes time linear in the note, whatever it holds', () => {
    for (const unit of ['<!--', '%%', '[[', '[x](', '<a ', '```\n']) {
      const small = unit.repeat(2_000)
      const large = unit.repeat(20_000)
      const time = (text: string) => {
        const start = performance.now()
        wordCount(text)
        return performance.now() - start
      }
      time(small)
      // Ten times the text may take ten times as long, not a hundred (a loose bound: the machine may be busy).
      expect(time(large), unit).toBeLessThan(Math.max(200, time(small) * 40))
    }
  })

  it('rounds up to whole minutes, at least one', () => {
    expect(readingMinutes(0)).toBe(1)
    expect(readingMinutes(wordsPerMinute)).toBe(1)
    expect(readingMinutes(wordsPerMinute + 1)).toBe(2)
    expect(readingMinutes(wordsPerMinute * 7)).toBe(7)
  })
})
