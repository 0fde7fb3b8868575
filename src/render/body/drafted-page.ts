/**
 * A document page around a drafted body: the page's props (made from the
 * graph), the text for each of the draft's slots (also from the graph), and
 * the draft. This step needs no graph, so it runs in whichever thread holds
 * the draft: the worker that parsed the file, on a large library.
 */
import { inquiryPage } from '../../../templates/inquiry.js'
import { notePage } from '../../../templates/note.js'
import type { InquiryPageProps, NotePageProps } from '../../../templates/props.js'
import { bodyNodes, fillSlots, textOf } from './body.js'
import { pageHtml } from '../serialize/page-html.js'
import type { DraftBody } from './slots.js'

/** A page's props without its body, and what fills the body's slots. */
export type DraftedPage = ({ readonly type: 'note'; readonly props: NotePageProps } | { readonly type: 'inquiry'; readonly props: InquiryPageProps }) & {
  readonly fills: readonly string[]
}

/** The HTML of `page` with the body `html` (a draft's), its slots filled. */
export function draftedPageHtml(html: Uint8Array, toc: DraftBody['toc'], page: DraftedPage): string {
  const body = { body: bodyNodes(fillSlots(textOf(html), page.fills)), toc }
  return pageHtml(page.type === 'inquiry' ? inquiryPage({ ...page.props, ...body }) : notePage({ ...page.props, ...body }))
}
