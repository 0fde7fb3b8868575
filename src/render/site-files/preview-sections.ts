/**
 * The first text of each section of a document, by heading id, for the
 * preview of a link to `[[note#Heading]]`. Read from the Markdown lines
 * (parsing the body again would cost as much as rendering it): each ATX or
 * setext heading outside fenced code, then the first block of text under
 * it, with its Markdown marks left out. The ids are the parse's own
 * (`doc.anchors`), matched to the headings in order.
 */
import { withoutComments } from '../../parse/comments.js'
import { isBlockId } from '../../anchors.js'
import type { Doc } from '../../model.js'

/** How much of a section's text a preview shows, in characters. */
export const sectionTextLength = 280

/** A heading found in the lines, and the text under it. */
interface Section {
  readonly depth: number
  readonly heading: string
  readonly text: string
}

const fence = /^ {0,3}(`{3,}|~{3,})/
const atx = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/
const setext = /^ {0,3}(=+|-+)[ \t]*$/

/** A line of Markdown as plain text: links as their labels, marks and tags left out. */
export function plainLine(line: string): string {
  return line
    .replace(/^ {0,3}(?:>[ \t]?)+/, '')
    .replace(/^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?/, '')
    .replace(
      /!?\[\[([^[\]|\n]*)(?:\|([^[\]\n]*))?\]\]/g,
      (_, target: string, label: string | undefined) => label ?? target.replace(/#\^?/g, ' › ').replace(/^ › /, ''),
    )
    .replace(/!?\[([^[\]\n]*)\]\([^)\n]*\)/g, '$1')
    .replace(/<\/?[A-Za-z][^<>]*>/g, '')
    .replace(/\s\^[A-Za-z0-9-]+$/, '')
    .replace(/(\*\*|__|\*|_|~~|==|`)(?=\S)([^\n]*?\S)\1/g, '$2')
    .trim()
}

/** Shorten `text` to at most `length` characters, at a word boundary, with an ellipsis. */
function shortened(text: string, length: number): string {
  if (text.length <= length) return text
  const cut = text.slice(0, length - 1)
  const space = cut.lastIndexOf(' ')
  return `${(space > length / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`
}

/** The headings of a Markdown body in order, each with the first block of text under it. */
export function bodySections(body: string): Section[] {
  const lines = withoutComments(body).split(/\r?\n/)
  const sections: { depth: number; heading: string; text: string[]; done: boolean }[] = []
  let inFence: string | undefined
  let previous = ''
  const current = () => sections[sections.length - 1]
  for (const line of lines) {
    const open = fence.exec(line)
    if (inFence !== undefined) {
      if (open && open[1]!.startsWith(inFence)) inFence = undefined
      previous = ''
      continue
    }
    if (open) {
      inFence = open[1]!
      const section = current()
      if (section && section.text.length > 0) section.done = true
      previous = ''
      continue
    }
    const heading = atx.exec(line)
    if (heading) {
      sections.push({ depth: heading[1]!.length, heading: heading[2] ?? '', text: [], done: false })
      previous = ''
      continue
    }
    const underline = setext.exec(line)
    if (underline && previous.trim() !== '') {
      // The line above was a heading's text, not the previous section's.
      const section = current()
      if (section && !section.done && section.text[section.text.length - 1] === previous) section.text.pop()
      sections.push({ depth: underline[1]!.startsWith('=') ? 1 : 2, heading: previous, text: [], done: false })
      previous = ''
      continue
    }
    const section = current()
    if (section && !section.done) {
      if (line.trim() === '') {
        if (section.text.length > 0) section.done = true
      } else if (!/^ {0,3}(?:\||\$\$|!\[|\[\^|<!--)/.test(line)) {
        section.text.push(line)
      }
    }
    previous = line
  }
  return sections.map(({ depth, heading, text }) => ({ depth, heading: plainLine(heading), text: text.map(plainLine).filter(Boolean).join(' ') }))
}

/** A section as a preview shows it: its heading and its first text. */
export type SectionPreview = readonly [heading: string, text: string]

/** The ids of `doc`'s headings: none, and its preview reads nothing of its text (the ids are its data). */
export function sectionIds(doc: Doc): string[] {
  return doc.anchors.filter((id) => !isBlockId(id))
}

/**
 * The heading and first text of each of `doc`'s sections, by the heading's id. When the
 * headings found in the lines are not the ones the parse found (HTML
 * headings, say), there are none: a preview then shows the summary.
 */
export function sectionTexts(doc: Doc): Record<string, SectionPreview> {
  const ids = sectionIds(doc)
  if (ids.length === 0) return {}
  let sections = bodySections(doc.file.text.slice(doc.bodyOffset))
  // A title taken from the first `#` heading is the page's title, not a section.
  if (doc.derived.title === 'heading') {
    const title = sections.findIndex((section) => section.depth === 1)
    if (title !== -1) sections = sections.filter((_, i) => i !== title)
  }
  if (sections.length !== ids.length) return {}
  const texts: Record<string, SectionPreview> = {}
  sections.forEach((section, i) => {
    if (section.text !== '') texts[ids[i]!] = [shortened(section.heading, 120), shortened(section.text, sectionTextLength)]
  })
  return texts
}
