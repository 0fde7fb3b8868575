/**
 * The text of new documents made by `quire new`: front matter with every
 * required field, and a line of guidance in the body.
 */
import YAML from 'yaml'

const yamlOptions = { lineWidth: 0 } as const

/** A new note titled `title`. */
export function newNote(title: string): string {
  const front = YAML.stringify({ title, summary: 'One to three sentences: what the evidence says, and how sure it is.', tags: [], papers: [] }, yamlOptions)
  return `---\n${front}---\nWrite the note here. Link other notes with \`[[their-slug]]\`.\n`
}

/** A new inquiry line titled `title`. */
export function newInquiry(title: string): string {
  const question = title.charAt(0).toLowerCase() + title.slice(1)
  const front = YAML.stringify(
    {
      type: 'inquiry',
      title,
      summary: 'One paragraph: what this line of inquiry explores.',
      next: [],
      prompt: {
        role: 'a critical analyst of this research area',
        question,
        claims: [{ text: 'A claim from the notes, in one sentence', date: '~2025' }],
        anchors: [],
        tasks: ['RE-TEST the claims above against newer work; ground every update in a real paper.'],
      },
    },
    yamlOptions,
  )
  return `---\n${front}---\nAnswer the question in prose, linking the notes it rests on with \`[[their-slug]]\`: each linked note becomes one of this line's sources.\n`
}
