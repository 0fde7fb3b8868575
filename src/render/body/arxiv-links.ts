/**
 * Link `arXiv:ID` mentions in text to their abstract pages.
 */
import type { Element, ElementContent, Root, Text } from 'hast'
import type { TextRun } from '../../../templates/props.js'
import { unwrittenClass } from './unwritten-mark.js'
import { arxivUrl } from '../url.js'

/** `arXiv:2504.13837`, `arXiv: 2504.13837v2`, `arXiv:hep-th/9901001`; group 1 is the id. */
const mention = /arXiv:\s?(\d{4}\.\d{4,5}(?:v\d+)?|[a-z-]+(?:\.[A-Z]{2})?\/\d{7}(?:v\d+)?)/g

/** Split text into runs, with each arXiv mention a link. Joined, the runs are the text. */
export function arxivRuns(text: string): TextRun[] {
  const runs: TextRun[] = []
  let last = 0
  for (const match of text.matchAll(mention)) {
    const start = match.index
    if (start > last) runs.push({ text: text.slice(last, start) })
    runs.push({ text: match[0], href: arxivUrl(match[1]!) })
    last = start + match[0].length
  }
  if (last < text.length) runs.push({ text: text.slice(last) })
  return runs
}

/**
 * Rewrite text nodes in a body so arXiv mentions become links: not inside
 * links or code, nor inside a link to a note that could not be made (a
 * broken or unpublished one, or one not written yet): its text stays as
 * written, as it would if the link worked.
 */
export function linkArxivMentions(tree: Root): void {
  rewrite(tree)
}

/** A link quire could not make, shown as a `<span>` (see `linkShell` in body.ts). */
function isDeadLink(element: Element): boolean {
  const classes = element.properties['className']
  return (
    element.tagName === 'span' &&
    Array.isArray(classes) &&
    (classes.includes('broken-link') || classes.includes('unpublished-link') || classes.includes(unwrittenClass))
  )
}

function rewrite(parent: Root | Element): void {
  const children: ElementContent[] = []
  let changed = false
  for (const child of parent.children) {
    if (child.type === 'element') {
      if (child.tagName !== 'a' && child.tagName !== 'code' && child.tagName !== 'pre' && !isDeadLink(child)) rewrite(child)
      children.push(child)
    } else if (child.type === 'text' && child.value.includes('arXiv:')) {
      const runs = arxivRuns(child.value)
      changed = true
      for (const run of runs) {
        const text: Text = { type: 'text', value: run.text }
        children.push(run.href ? { type: 'element', tagName: 'a', properties: { href: run.href }, children: [text] } : text)
      }
    } else if (child.type !== 'doctype') {
      children.push(child as ElementContent)
    }
  }
  if (changed) parent.children = children
}
