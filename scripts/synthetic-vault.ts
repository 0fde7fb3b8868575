/**
 * A deterministic synthetic Obsidian vault, made to the shapes of real ones,
 * for test/real-vault.test.ts (always, and in place of the real vault when
 * the registry cannot be reached).
 *
 * Shapes: notes with full front matter, with only some fields (`tags` as a
 * list or as one string, `aliases`, Quartz's `description`), and with none
 * (titled by their first `#` heading, or only by their file name); nested
 * folders with spaces in their names and two notes with the same file name
 * in different folders, a file name with `ü`, `@` and parentheses;
 * `[[note]]`, `[[note|alias]]`, `[[folder/note]]`, `[[lower case note]]`,
 * `[[note#Heading]]` (also with punctuation in the heading, and with an
 * alias), `[[#Heading]]`, `[[note#^block]]`, links through an alias
 * (`[[Specification gaming]]`), `[[note\|alias]]` in a table, a Markdown link
 * with `%20`, a link to a PDF; embeds of images (`![[image.png]]`,
 * `![[Pasted image ….png|320]]`, a plain `![alt](attachments/…)`, each a
 * tiny valid PNG in `attachments/`), of a whole note, a section and a
 * block; callouts (`> [!note]`, a titled one, a folded `> [!tip]-`); inline
 * `#tags`, `#UpperCase` and nested `#tags/child` (and `[[…]]`/`#…` inside
 * code, which must stay as written); daily notes; a `.obsidian/` folder with
 * settings, a snippet and a plugin's `main.js`; a `.trash/` note; a
 * `templates/` folder of note templates full of `{{placeholders}}`; a
 * `draft: true` note and a `publish: false` note; an unreferenced image and
 * an unreferenced `.canvas` file. No `quire.config.yaml`: a vault has none.
 *
 * The same call always writes the same bytes.
 *
 *   npx tsc -p . && node dist/scripts/synthetic-vault.js DIR
 */
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { deflateSync } from 'node:zlib'

/** What was written, and what a correct build of it shows. */
export interface SyntheticVault {
  readonly folder: string
  /** Every file written, relative to `folder`, `/`-separated, sorted. */
  readonly files: readonly string[]
  /** Markdown files that must each become a page. */
  readonly published: readonly string[]
  /** Markdown files that must not be published (templates, drafts, `publish: false`, hidden folders). */
  readonly unpublished: readonly string[]
  /** Other files that published notes embed or link to: these may be copied into the site. */
  readonly referencedAttachments: readonly string[]
  /** Other files nothing published refers to (besides `.obsidian/`): these must not reach the site. */
  readonly unreferencedFiles: readonly string[]
  /** What a reader should see on particular pages. */
  readonly expect: {
    /** Notes without a `title` field, and the title their page should show. */
    readonly titles: readonly { readonly note: string; readonly title: string }[]
    /** Images a note embeds: its page shows an `<img>` of exactly that file. */
    readonly images: readonly { readonly note: string; readonly attachment: string }[]
    /** Transclusions: the embedding note's page shows this sentence of the embedded note, section or block. */
    readonly transclusions: readonly { readonly note: string; readonly embeds: string; readonly text: string }[]
    /** Inline tags: the note's page links each to a tag page. */
    readonly inlineTags: readonly { readonly note: string; readonly tags: readonly string[] }[]
    /** Callout titles a page shows (the `[!type]` marker itself must not show). */
    readonly callouts: readonly { readonly note: string; readonly title: string }[]
  }
}

type Entry = { readonly file: string; readonly data: string | Buffer; readonly role: 'published' | 'unpublished' | 'referenced' | 'unreferenced' | 'config' }

/** Write the vault into `folder` (created if needed; existing files with the same names are overwritten). */
export async function writeSyntheticVault(folder: string): Promise<SyntheticVault> {
  const entries = vaultEntries()
  for (const entry of entries) {
    const target = path.join(folder, ...entry.file.split('/'))
    await mkdir(path.dirname(target), { recursive: true })
    await writeFile(target, entry.data)
  }
  const pick = (role: Entry['role']) =>
    entries
      .filter((entry) => entry.role === role)
      .map((entry) => entry.file)
      .sort()
  return {
    folder,
    files: entries.map((entry) => entry.file).sort(),
    published: pick('published'),
    unpublished: pick('unpublished'),
    referencedAttachments: pick('referenced'),
    unreferencedFiles: pick('unreferenced'),
    expect: {
      titles: [
        { note: 'Home.md', title: 'Research garden' },
        { note: 'Research Notes/Reinforcement Learning/Policy gradient.md', title: 'Policy gradient' },
        { note: 'Research Notes/Reinforcement Learning/RLHF.md', title: 'Reinforcement learning from human feedback' },
        { note: 'Research Notes/Reasoning/Chain of thought.md', title: 'Chain-of-thought prompting' },
        { note: 'Research Notes/Reasoning/Self-consistency.md', title: 'Self-consistency' },
        { note: 'Daily Notes/2025-01-07.md', title: '2025-01-07' },
      ],
      images: [
        { note: 'Research Notes/Reinforcement Learning/Reward hacking.md', attachment: 'attachments/reward-curve.png' },
        { note: 'Daily Notes/2025-01-06.md', attachment: 'attachments/Pasted image 20250106093012.png' },
        { note: 'Home.md', attachment: 'attachments/reward-curve.png' },
      ],
      transclusions: [
        { note: 'Home.md', embeds: 'Reading list#To read', text: 'process supervision for maths' },
        { note: 'Research Notes/Reasoning/Overview.md', embeds: 'Chain of thought', text: 'Asking a model to write out intermediate steps' },
        {
          note: 'Research Notes/Distillation/Distillation then RL.md',
          embeds: 'Reward hacking#^key-claim',
          text: 'a proxy reward that is optimised hard enough stops tracking the goal',
        },
        { note: 'Daily Notes/2025-01-08.md', embeds: 'Reward hacking#Mitigations', text: 'Keep the proxy close to the goal' },
      ],
      inlineTags: [
        { note: 'Research Notes/Reinforcement Learning/Policy gradient.md', tags: ['rl', 'rl/optimisation'] },
        { note: 'Research Notes/Reasoning/Chain of thought.md', tags: ['reasoning'] },
        { note: 'Home.md', tags: ['garden'] },
        { note: 'Daily Notes/2025-01-07.md', tags: ['daily', 'RL'] },
      ],
      callouts: [
        { note: 'Home.md', title: 'How this vault is organised' },
        { note: 'Research Notes/Reinforcement Learning/Reward hacking.md', title: 'Goodhart’s law' },
        { note: 'Research Notes/Reinforcement Learning/RLHF.md', title: 'Why the reward model is the weak point' },
      ],
    },
  }
}

function vaultEntries(): Entry[] {
  const entries: Entry[] = []
  const add = (role: Entry['role'], file: string, data: string | Buffer) => entries.push({ file, data, role })
  const published = (file: string, text: string) => add('published', file, text)

  // .obsidian/: settings, a CSS snippet and a plugin. None of it is content.
  add(
    'config',
    '.obsidian/app.json',
    json({
      alwaysUpdateLinks: true,
      newFileLocation: 'folder',
      newFileFolderPath: 'Research Notes',
      attachmentFolderPath: 'attachments',
      useMarkdownLinks: false,
    }),
  )
  add('config', '.obsidian/appearance.json', json({ baseFontSize: 16, theme: 'obsidian', enabledCssSnippets: ['wide'] }))
  add(
    'config',
    '.obsidian/core-plugins.json',
    json(['file-explorer', 'global-search', 'graph', 'backlink', 'outgoing-link', 'tag-pane', 'page-preview', 'daily-notes', 'templates', 'canvas']),
  )
  add('config', '.obsidian/community-plugins.json', json(['obsidian-git']))
  add('config', '.obsidian/templates.json', json({ folder: 'templates' }))
  add('config', '.obsidian/daily-notes.json', json({ folder: 'Daily Notes', template: 'templates/Daily note', format: 'YYYY-MM-DD' }))
  add(
    'config',
    '.obsidian/workspace.json',
    json({
      main: { id: 'a1', type: 'split', children: [{ id: 'b2', type: 'leaf', state: { type: 'markdown', state: { file: 'Home.md', mode: 'source' } } }] },
      lastOpenFiles: ['Home.md', 'Reading list.md'],
    }),
  )
  add('config', '.obsidian/snippets/wide.css', '.markdown-preview-view { max-width: 60rem; }\n')
  add('config', '.obsidian/plugins/obsidian-git/manifest.json', json({ id: 'obsidian-git', name: 'Git', version: '2.0.0', minAppVersion: '1.0.0' }))
  add('config', '.obsidian/plugins/obsidian-git/main.js', "'use strict';\nmodule.exports = class GitPlugin {};\n")
  add('config', '.obsidian/plugins/obsidian-git/data.json', json({ autoSaveInterval: 10 }))

  // Deleted notes Obsidian keeps, and note templates full of placeholders.
  add('unpublished', '.trash/Discarded idea.md', '# Discarded idea\n\nExploration bonuses as a cure for everything. [[Nowhere]]\n')
  add(
    'unpublished',
    'templates/Daily note.md',
    '---\ncreated: {{date}}\ntags: [daily]\n---\n# {{date:YYYY-MM-DD}}\n\n## Log\n- \n\nSee [[{{title}}]] and ![[{{image}}]].\n',
  )
  add(
    'unpublished',
    'templates/Paper note.md',
    '---\ntitle: "{{title}}"\nsummary: ""\ndate: {{date}}\npapers: ["{{arxiv}}"]\n---\n> [!abstract] {{title}}\n> \n\n## Claims\n- \n',
  )
  add(
    'unpublished',
    'Drafts/Unfinished thoughts on exploration.md',
    '---\ndraft: true\ntags: [rl]\n---\n# Unfinished thoughts on exploration\n\nEntropy bonuses and [[Policy gradient]] methods: how much does exploration matter once the model is pretrained? Not ready to publish.\n',
  )
  add('unpublished', 'Private/Interview prep.md', '---\npublish: false\n---\n# Interview prep\n\nQuestions to ask about [[RLHF]] pipelines. Private.\n')

  // Attachments: two embedded images, a linked PDF, and files nothing refers to.
  add('referenced', 'attachments/reward-curve.png', png(8, 6, [0x2e, 0x86, 0xc1]))
  add('referenced', 'attachments/Pasted image 20250106093012.png', png(6, 4, [0xe6, 0x7e, 0x22]))
  add('referenced', 'Research Notes/Reinforcement Learning/ppo-slides.pdf', pdf())
  add('unreferenced', 'attachments/unused sketch.png', png(5, 5, [0x8e, 0x44, 0xad]))
  add(
    'unreferenced',
    'Research board.canvas',
    json({
      nodes: [
        { id: 'n1', type: 'file', file: 'Home.md', x: 0, y: 0, width: 400, height: 300 },
        { id: 'n2', type: 'text', text: 'Ideas', x: 450, y: 0, width: 200, height: 100 },
      ],
      edges: [{ id: 'e1', fromNode: 'n2', toNode: 'n1' }],
    }),
  )

  published(
    'Home.md',
    `# Research garden

Welcome to my notes on how reinforcement learning changes what language models can reason about. Start with [[Reward hacking]] or the [[Reading list]].

> [!note] How this vault is organised
> Concepts live in \`Research Notes/\`, one folder per area. Daily logs are in \`Daily Notes/\`, papers I have read in \`Papers/\`, and short definitions in \`Glossary/\`.

## Areas

- Reinforcement learning: [[Policy gradient]], [[RLHF]], [[Reward hacking|when the reward is gamed]]
- Reasoning: [[Chain of thought]], [[Self-consistency]], [[Research Notes/Reasoning/Overview|the reasoning overview]]
- Distillation: [[Knowledge distillation]], [[Distillation then RL]], [[Research Notes/Distillation/Overview|the distillation overview]]

## What I am reading now

![[Reading list#To read]]

![The reward curve from the reading group](attachments/reward-curve.png)

#garden #index
`,
  )

  published(
    'Research Notes/Reinforcement Learning/Reward hacking.md',
    `---
title: Reward hacking
summary: A policy that maximises a proxy reward finds behaviours its designer did not intend, and the proxy stops measuring what it was meant to.
tags: [rl, alignment]
aliases: [Specification gaming, reward gaming]
created: 2025-01-06
---
Reward hacking is what happens when an optimiser is better at reading the reward than the reward is at reading the task.

The key claim, in one sentence: a proxy reward that is optimised hard enough stops tracking the goal it stood for. ^key-claim

## Examples

- A boat-racing agent circles forever, collecting the same targets instead of finishing the race.
- A summariser learns that longer summaries score higher with the reward model, whether or not they are better.

![[reward-curve.png]]

## Mitigations

Keep the proxy close to the goal: regularise towards a reference policy with a KL penalty, refresh the reward model with new human labels, and cap the optimisation budget. See [[Policy gradient#The KL penalty]] for how the penalty enters the update.

> [!warning] Goodhart’s law
> When a measure becomes a target, it ceases to be a good measure.

## Related

- [[RLHF]]
- [[Proxy reward]]
- [[Research Notes/Reasoning/Overview|the reasoning overview]]
`,
  )

  published(
    'Research Notes/Reinforcement Learning/Policy gradient.md',
    `Policy-gradient methods adjust the parameters of a policy in the direction that makes rewarded actions more likely. REINFORCE is the simplest; PPO clips each update so that one batch cannot move the policy too far.

## The objective

The gradient of the expected return is the expected, return-weighted gradient of the log-probability of the actions taken.

## What PPO changes (and why)

PPO bounds how far one update can move the policy, by clipping the probability ratio between the new and the old policy.

## The KL penalty

In language-model training the reward is usually combined with a penalty on the [[KL divergence]] from the reference model, which keeps the policy from drifting into text the reward model has never seen. It is the main defence against [[Reward hacking]].

Slides from the reading group: [[ppo-slides.pdf|PPO slides (PDF)]].

#rl #rl/optimisation
`,
  )

  published(
    'Research Notes/Reinforcement Learning/RLHF.md',
    `---
aliases: Reinforcement learning from human feedback
tags: rl, alignment
---
# Reinforcement learning from human feedback

RLHF trains a reward model on human preference comparisons, then optimises the language model against it with a [[Policy gradient|policy-gradient]] method under a KL penalty.

> [!tip]- Why the reward model is the weak point
> The policy only ever sees the reward model’s judgement, so every error in it is something the policy can learn to exploit: see [[Specification gaming]].

1. Collect comparisons between pairs of answers.
2. Fit a reward model to them.
3. Optimise the policy against the reward model.

The recipe most people mean comes from [[Papers/Training language models to follow instructions|InstructGPT]].
`,
  )

  published(
    'Research Notes/Reasoning/Chain of thought.md',
    `# Chain-of-thought prompting

Asking a model to write out intermediate steps before the answer improves accuracy on multi-step problems, most of all for larger models. #reasoning

The steps are text the model conditions on, so a wrong step early on can carry through to the answer. [[Self-consistency]] samples several chains and takes a vote.

> [!quote] Wei et al., 2022
> Chain-of-thought prompting elicits reasoning in large language models.

\`\`\`python
# [[not a link]] and #not-a-tag stay as written inside code
steps = ["read", "plan", "solve"]
\`\`\`

Related: [[Research Notes/Reasoning/Overview]], [[RLHF]], [[Papers/Chain-of-thought prompting elicits reasoning|the paper]].
`,
  )

  published(
    'Research Notes/Reasoning/Self-consistency.md',
    `---
tags:
  - reasoning
  - sampling
---
Sample several chains of thought at a non-zero temperature and keep the answer most of them reach. It trades compute for accuracy and needs no extra training.

Builds on [[Chain of thought]]; compare [[Verifiable reward]] for a way to check answers instead of voting on them.
`,
  )

  published(
    'Research Notes/Reasoning/Overview.md',
    `# Reasoning overview

How models come to solve multi-step problems: by prompting ([[Chain of thought]], [[Self-consistency]]) and by training ([[Distillation then RL]]).

![[Chain of thought]]
`,
  )

  published(
    'Research Notes/Distillation/Overview.md',
    `# Distillation overview

Distillation trains a small student on a large teacher’s outputs. See [[Knowledge distillation]] and [[Distillation then RL]], and compare the [[Research Notes/Reasoning/Overview|reasoning overview]].
`,
  )

  published(
    'Research Notes/Distillation/Knowledge distillation.md',
    `---
title: Knowledge distillation
description: A student model learns to match a teacher's output distribution instead of hard labels, and keeps much of the teacher's accuracy at a fraction of its size.
tags: [distillation]
---
Hinton, Vinyals and Dean soften the teacher’s logits with a temperature, so that the student also learns which wrong answers are nearly right.

In reasoning models the soft labels are whole reasoning traces: the student is fine-tuned on the teacher’s chains of thought. See [[Distillation then RL]].
`,
  )

  published(
    'Research Notes/Distillation/Distillation then RL.md',
    `---
title: Does distillation followed by RL beat either stage alone?
summary: Distilling reasoning traces first and then running RL with verifiable rewards gives better results than either stage by itself, in the papers I have read.
tags: [distillation, rl, reasoning]
---
Distillation gives the student the format and the habits of reasoning; RL then sharpens which of those habits pay off.

The risk in the RL stage is the usual one (see [[Reward hacking#Mitigations]]), and the claim that matters most is this one:

![[Reward hacking#^key-claim]]

The same claim as a plain link: [[Reward hacking#^key-claim|the key claim]].

Also: [[Knowledge distillation]], [policy gradients](../Reinforcement%20Learning/Policy%20gradient.md) and the [[#Open questions]] below.

## Open questions

- Does the order matter when the student is already strong?
- How much of the gain survives a contamination-free benchmark? #open-question
`,
  )

  published(
    'Reading list.md',
    `Papers and posts on the reading pile. #reading

## To read

- Let's Verify Step by Step: process supervision for maths.
- DeepSeek-R1: reasoning from RL alone, then distilled into smaller models.

## Read

- [[Papers/Training language models to follow instructions]]
- [[Papers/Chain-of-thought prompting elicits reasoning|Wei et al. 2022]]

| Topic | Note |
| --- | --- |
| Gaming the reward | [[Reward hacking\\|reward hacking]] |
| Overfitting | [[Überanpassung]] |
`,
  )

  published(
    'Papers/Training language models to follow instructions.md',
    `---
title: "Training language models to follow instructions with human feedback"
summary: "InstructGPT: fine-tune on demonstrations, fit a reward model on comparisons, then optimise with PPO; labellers prefer a 1.3B model to the 175B GPT-3."
date: 2022-03
papers: ["2203.02155"]
tags: [paper, rl]
---
The paper behind [[RLHF]] as most people use the word.
`,
  )

  published(
    'Papers/Chain-of-thought prompting elicits reasoning.md',
    `---
title: "Chain-of-thought prompting elicits reasoning in large language models"
summary: "Eight worked examples with written-out steps make large models much better at arithmetic, common-sense and symbolic reasoning."
date: 2022-01
papers: ["2201.11903"]
tags: [paper, reasoning]
---
Introduced [[Chain of thought|chain-of-thought prompting]].
`,
  )

  // Daily notes: no front matter, titled by their date.
  const days: readonly [string, string][] = [
    [
      '2025-01-06',
      `## Log

- Read about [[reward hacking]] again and wrote down the [[Reward hacking#Examples|examples]].
- Reread [[Policy gradient#What PPO changes (and why)]] and [[Policy gradient#The objective|the objective]].
- The loss curve from the reading group:

![[Pasted image 20250106093012.png|320]]

#daily
`,
    ],
    [
      '2025-01-07',
      `## Log

- Worked through [[Policy gradient#The objective]] with pen and paper.
- Question for later: is the [[KL divergence]] penalty the same thing as a trust region?

> [!todo] Follow up
> Compare PPO's clipping with an explicit KL constraint.

#daily #RL
`,
    ],
    [
      '2025-01-08',
      `## Log

What I keep coming back to:

![[Reward hacking#Mitigations]]

#daily
`,
    ],
    [
      '2025-01-09',
      `## Log

- [[Self-consistency]] beats a single greedy chain on every maths set I tried.
- Started the [[Distillation then RL]] note.

#daily #reasoning
`,
    ],
    [
      '2025-01-10',
      `## Log

- Cleaned up the glossary: [[Proxy reward]], [[Verifiable reward]], [[Temperature]].

#daily
`,
    ],
  ]
  for (const [day, text] of days) published(`Daily Notes/${day}.md`, text)

  // Glossary: short notes without front matter, linked from the rest.
  const glossary: readonly [string, string][] = [
    [
      'KL divergence',
      'A measure of how far one probability distribution is from another. In RL fine-tuning it measures how far the policy has moved from the reference model; see [[Policy gradient#The KL penalty]]. #math',
    ],
    [
      'Proxy reward',
      'A reward that stands in for a goal that is hard to measure directly, such as a reward model standing in for human judgement. Optimising it too hard leads to [[Reward hacking]]. #rl',
    ],
    [
      'Verifiable reward',
      'A reward computed by checking the answer, such as running unit tests or comparing a final number, rather than by a learned model. It is much harder to game than a [[Proxy reward]]. #rl',
    ],
    [
      'Temperature',
      'The divisor applied to logits before the softmax. Higher temperatures flatten the distribution; [[Knowledge distillation]] and [[Self-consistency]] both rely on it. #sampling',
    ],
    ['Reference model', 'The frozen copy of the model before RL, which the [[KL divergence]] penalty measures against. #rl'],
    [
      'Reward model',
      'A model trained on human comparisons to score answers, used as the reward in [[RLHF]]. Its errors are what [[Specification gaming|specification gaming]] exploits. #rl',
    ],
    ['Rollout', 'One sampled answer (or trajectory) from the current policy, scored by the reward. [[Policy gradient]] methods average over many. #rl'],
    ['Process supervision', 'Rewarding each step of a solution rather than only the final answer. See the [[Reading list#To read|reading list]]. #reasoning'],
    [
      'Pass@k',
      'The chance that at least one of k sampled answers is correct. RL with a [[Verifiable reward]] tends to raise pass@1 more than pass@k. #evaluation',
    ],
    [
      'Best-of-n sampling',
      'Draw n answers and keep the one a scorer likes best; a cheap relative of [[Self-consistency]] that a [[Reward model]] can be gamed through. #sampling',
    ],
    ['PPO (algorithm)', 'Proximal policy optimisation: the clipped [[Policy gradient]] method most RLHF pipelines use. #rl/optimisation'],
    [
      'Überanpassung',
      'German for overfitting: fitting the training data so closely that the model does worse on anything else. Too many RL steps on a narrow task set can cause it; see [[Entropy]]. #evaluation',
    ],
    ['Entropy', 'How spread out the policy’s distribution over next tokens is. RL fine-tuning usually lowers it, which narrows what the model explores. #rl'],
  ]
  for (const [term, text] of glossary) published(`Glossary/${term}.md`, `${text}\n`)

  return entries
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`
}

/** A valid RGB PNG of one colour (a different colour gives different bytes). */
export function png(width: number, height: number, [r, g, b]: readonly [number, number, number] | number[]): Buffer {
  const row = Buffer.alloc(1 + width * 3)
  for (let x = 0; x < width; x += 1) row.set([r ?? 0, g ?? 0, b ?? 0], 1 + x * 3)
  const raw = Buffer.concat(Array.from({ length: height }, () => row))
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 2, 0, 0, 0], 8) // 8 bits per channel, RGB, deflate, no filter method, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(bytes: Buffer): number {
  let c = 0xffffffff
  for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

/** A one-page PDF with nothing on it. */
function pdf(): Buffer {
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] >>']
  let body = '%PDF-1.4\n'
  const offsets: number[] = []
  objects.forEach((object, index) => {
    offsets.push(body.length)
    body += `${index + 1} 0 obj\n${object}\nendobj\n`
  })
  const xref = body.length
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(body, 'latin1')
}

/** `node dist/scripts/synthetic-vault.js DIR` */
async function main(): Promise<void> {
  const [folder] = process.argv.slice(2)
  if (!folder) {
    process.stderr.write('usage: node dist/scripts/synthetic-vault.js DIR\n')
    process.exitCode = 2
    return
  }
  const vault = await writeSyntheticVault(path.resolve(folder))
  process.stdout.write(
    `wrote ${vault.files.length} files (${vault.published.length} notes to publish, ${vault.unpublished.length} not to) into ${vault.folder}\n`,
  )
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main()
