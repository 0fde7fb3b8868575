/**
 * A small library set up for publishing: a site `url`, two inquiries (one
 * the other's next line), notes with math, code and links, one undated
 * note and one note with markup in its title. The build and browser tests
 * of graphs, feeds and math use it.
 */

/** The configured site address. */
export const publishUrl = 'https://notes.example.org/lab/'

const doc = (fields: Record<string, string>, body: string): string =>
  `---\n${Object.entries(fields)
    .map(([key, value]) => `${key}: ${value.startsWith('[') || value.startsWith('\n') ? value : JSON.stringify(value)}`)
    .join('\n')}\n---\n${body}\n`

/** The library's files, by path relative to the notes folder. */
export const publishLibrary: Record<string, string> = {
  'quire.config.yaml': `title: Lab notebook\ndescription: Inquiry lines on sampling and search.\nauthor: A. Researcher\nurl: ${publishUrl}\n`,
  'inquiries/why-sampling.md': doc(
    {
      type: 'inquiry',
      title: 'Why does temperature sampling beat greedy search on hard problems?',
      summary: 'Sampling explores answers greedy decoding never reaches; the notes weigh how much of the gain is search and how much is luck.',
      date: '2025-06',
      next: '[inquiries/how-much-search]',
      prompt:
        '\n  role: "a careful analyst of decoding strategies"\n  question: "why does sampling beat greedy search on hard problems?"\n  claims:\n    - text: "Sampling at temperature 0.7 finds more correct proofs than greedy decoding"\n      date: "2025-03"\n  anchors:\n    - arxiv: "2501.00001"\n      date: "2025-01"\n      title: "A paper on sampling"\n  tasks:\n    - "RE-TEST the claim above against newer work."',
    },
    'Greedy search commits early: see [[math-of-sampling]]. Diversity matters ([[diversity]]), and so does the verifier ([[verifiers]]).',
  ),
  'inquiries/how-much-search.md': doc(
    { type: 'inquiry', title: 'How much search does a reasoning model need?', summary: 'Counting samples against accuracy, across budgets.', date: '~2025' },
    'Start from [[budgets]] and [[math-of-sampling]].',
  ),
  'math-of-sampling.md': doc(
    {
      title: 'Does the softmax temperature change which answer wins?',
      summary: 'Temperature rescales logits before the softmax, so the ranking holds but the margins shrink.',
      date: '2025-03-14',
      tags: '[sampling, math]',
    },
    [
      'With logits $z_i$ and temperature $T$, the probability of token $i$ is',
      '',
      '$$',
      'p_i = \\frac{\\exp(z_i / T)}{\\sum_j \\exp(z_j / T)}',
      '$$',
      '',
      'A run costs $5 and $10 on two budgets; neither is math.',
      '',
      '```python',
      'import numpy as np',
      '',
      'def softmax(z, t=1.0):',
      '    e = np.exp((z - z.max()) / t)  # stable',
      '    return e / e.sum()',
      '```',
      '',
      '```ts',
      'const greedy = (p: number[]): number => p.indexOf(Math.max(...p))',
      '```',
      '',
      'Related: [[diversity]].',
    ].join('\n'),
  ),
  'diversity.md': doc(
    { title: 'Does sampling diversity collapse after RL?', summary: 'Entropy drops during RL fine-tuning, narrowing the samples.', date: '2024-11' },
    'See [[verifiers]].',
  ),
  'verifiers.md': doc(
    {
      title: 'Are <verifiers> & "judges" the bottleneck?',
      summary: 'A weak verifier caps what search can find: markup <b>in</b> a title stays text.',
      date: '2025-02',
    },
    '',
  ),
  'budgets.md': doc({ title: 'What does a sample budget buy?', summary: 'Accuracy grows with the log of the number of samples, then flattens.' }, ''),
}
