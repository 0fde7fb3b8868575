/**
 * A small library for the reading aids (search, previews, tags, contents):
 * notes with tags and headings, a long note with a table of contents, a
 * Chinese note and a Japanese sentence, links between them, and headings
 * named after the page's own sections.
 */
import { note } from './notes.js'

/** The library's files, relative to its notes folder. */
export const readingLibrary: Record<string, string> = {
  'quire.config.yaml': 'title: Reading aids\n',
  'rl-format.md': note(
    'Does RL training collapse format diversity?',
    'Controlled experiments show RL amplifies one output format and suppresses the rest.',
    [
      'A long note. It cites [[distillation]] and [[reasoning-zh]].',
      '',
      '## Background',
      '',
      'Pretrained models write answers in many formats before reinforcement learning.',
      '',
      '## Method',
      '',
      'We compare checkpoints before and after RL fine-tuning.',
      '',
      '### Data',
      '',
      'Math word problems with verifiable answers.',
      '',
      '## Results',
      '',
      'Format diversity collapses within a few hundred steps.',
      '',
      '## Sources',
      '',
      'A heading named like the page section: its id must not clash.',
      '',
    ].join('\n'),
    'tags: [rl, Reasoning]\n',
  ),
  'distillation.md': note(
    'Does distillation before RL help small models?',
    'Distilling reasoning traces first gives RL a better starting point for small models.',
    'Distillation then RL beats either alone. Compare [[rl-format]]: the collapse of diversity is slower after distillation.\n',
    'tags: [distillation, RL]\n',
  ),
  'reasoning-zh.md': note(
    '强化学习能否提升推理能力？',
    '研究表明强化学习主要激活预训练模型中已有的推理能力。',
    '强化学习的效果取决于预训练。日本語でも：強化学習は推論能力を引き出す。\n',
    'tags: [强化学习, rl]\n',
  ),
  'untagged.md': note(
    'Is a short note without tags fine?',
    'Yes: it has no table of contents and no tags.',
    'Nothing else to say about curling, except that [[rl-format#Results]] has the numbers.\n',
  ),
  'inquiries/why-rl.md': [
    '---',
    'type: inquiry',
    'title: "Why does RL narrow what models do?"',
    'summary: "This line follows the evidence that RL trades breadth for reliability."',
    'tags: [rl]',
    'next: []',
    '---',
    'RL amplifies one format, as [[rl-format]] shows, and [[distillation]] softens it.',
    '',
  ].join('\n'),
}
