/**
 * Small pieces shared by page templates.
 */
import type { Element, ElementContent } from 'hast'
import { h } from './elements.js'
import type { DocumentCard } from './props.js'

/** A list of documents with their summaries (sources, backlinks, home). */
export function cardList(cards: readonly DocumentCard[], ordered: boolean): Element {
  return h(
    ordered ? 'ol' : 'ul',
    { className: ['cards'] },
    cards.map((card) =>
      h('li', { className: ['card'] }, [
        h('a', { className: ['card-title'], href: card.href }, card.title),
        card.summary === '' ? undefined : h('p', { className: ['card-summary'] }, card.summary),
      ]),
    ),
  )
}

/** A titled section, labelled by its heading for assistive technology. */
export function section(id: string, heading: Array<ElementContent | string>, content: ElementContent[], className?: string): Element {
  return h('section', { className: className ? [className] : undefined, ariaLabelledBy: id }, [h('h2', { id }, heading), ...content])
}

/** "1 note", "9 notes"; with a format, "10,203 notes". */
export function count(n: number, one: string, many: string, format?: Intl.NumberFormat): string {
  return `${format ? format.format(n) : n} ${n === 1 ? one : many}`
}
