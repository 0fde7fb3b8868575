/**
 * An inquiry line: the question, its answer in prose, its sources, the
 * next lines to follow, and the research prompt.
 */
import type { ElementContent, Root } from 'hast'
import { h } from 'hastscript'
import { layout } from './layout.js'
import { localGraphSection } from './local-graph.js'
import { folderListing } from './navigation.js'
import { cardList, count, section } from './parts.js'
import type { InquiryPageProps, PromptProps } from './props.js'
import { tableOfContents } from './toc.js'

/** Render an inquiry page. */
export function inquiryPage(props: InquiryPageProps): Root {
  const main: ElementContent[] = [
    h('article', { className: ['document', 'inquiry'] }, [
      h('p', { className: ['kind'] }, 'Inquiring line'),
      h('h1', props.title),
      h('p', { className: ['summary'] }, props.summary),
      props.date || props.updated
        ? h('p', { className: ['meta'] }, [
            props.date ? h('time', { dateTime: props.date.replace(/^~/, '') }, props.date) : undefined,
            props.updated ? h('span', { className: ['updated'] }, ['Updated ', h('time', { dateTime: props.updated.replace(/^~/, '') }, props.updated)]) : undefined,
          ])
        : undefined,
      props.toc.length > 0 ? tableOfContents(props.toc) : undefined,
      h('div', { className: ['prose'] }, [...props.body]),
      props.folder ? h('div', { className: ['folder-page'] }, folderListing(props.folder)) : undefined,
      section('sources', ['Sources ', h('span', { className: ['count'] }, count(props.sources.length, 'note', 'notes'))], [cardList(props.sources, true)], 'sources'),
      props.prompt ? promptSection(props.prompt) : undefined,
      props.claims.length > 0 || props.papers.length > 0 ? claimsSection(props) : undefined,
      section('next', ['Next inquiring lines'], nextContent(props), 'next'),
      props.citedBy.length > 0 ? section('cited-by', ['Cited by'], [cardList(props.citedBy, false)], 'cited-by') : undefined,
      props.localGraph ? localGraphSection(props.localGraph) : undefined,
    ].filter(isPresent)),
  ]
  return layout(props.layout, main)
}

/** The next lines, or suggestions (clearly labelled) when there are none. */
function nextContent(props: InquiryPageProps): ElementContent[] {
  if (props.next.length > 0) return [cardList(props.next, false)]
  if (props.suggestions.length === 0) return [h('p', { className: ['empty'] }, 'None yet.')]
  return [
    h('p', { className: ['empty'] }, 'None yet. Suggested instead: inquiring lines that share sources with this one.'),
    h('div', { className: ['suggestions'] }, [cardList(props.suggestions, false)]),
  ]
}

/** The prompt's data for readers: each dated claim with its support and age, then the anchor papers. */
function claimsSection(props: InquiryPageProps): ElementContent {
  const claims = props.claims.map((claim) =>
    h('li', { className: claim.staleMonths === undefined ? ['claim'] : ['claim', 'stale'] }, [
      h('p', { className: ['claim-text'] }, [...claim.text, ' ', h('time', { dateTime: claim.date.dateTime }, `(${claim.date.text})`)]),
      claim.staleMonths === undefined
        ? undefined
        : h('p', { className: ['stale-marker'] }, [h('strong', 'Re-test:'), ` ${claim.staleMonths} months old, past the ${props.staleAfterMonths}-month threshold.`]),
      claim.support.length > 0
        ? h('p', { className: ['claim-support'] }, ['Supported by ', ...claim.support.flatMap((note, i) => [i > 0 ? '; ' : '', h('a', { href: note.href }, note.title)])])
        : undefined,
    ].filter(isPresent)),
  )
  const parts: ElementContent[] = []
  if (claims.length > 0) parts.push(h('ul', { className: ['claims'] }, claims))
  if (props.papers.length > 0) {
    parts.push(
      h('h3', 'Anchor papers'),
      h(
        'ul',
        { className: ['papers'] },
        props.papers.map((paper) =>
          h('li', [h('a', { href: paper.href }, `arXiv:${paper.id}`), paper.date ? ` (${paper.date})` : '', paper.title ? ` — ${paper.title}` : '']),
        ),
      ),
    )
  }
  return section('claims', ['What the library found, and when'], parts, 'claims-section')
}

/** The research prompt: collapsed, selectable without script, copyable with it. */
function promptSection(prompt: PromptProps): ElementContent {
  const text = prompt.runs.map((run) => (run.href ? h('a', { href: run.href }, run.text) : { type: 'text' as const, value: run.text }))
  return section(
    'prompt-heading',
    ['Research prompt for your LLM'],
    [
      h('p', { className: ['prompt-intro'] }, 'Copy into ChatGPT or Claude to take this line of inquiry further: it asks the model to find newer work and re-test which earlier constraints still hold.'),
      h('div', { className: ['prompt-actions'] }, [
        h('button', { type: 'button', className: ['copy'], hidden: true, dataCopyTarget: 'prompt-text', dataCopyStatus: 'prompt-status' }, 'Copy into ChatGPT or Claude'),
        h('span', { id: 'prompt-status', className: ['copy-status'], role: 'status', ariaLive: 'polite' }),
      ]),
      h('details', { className: ['prompt'] }, [h('summary', [h('span', { className: ['when-closed'] }, 'Expand the prompt'), h('span', { className: ['when-open'] }, 'Collapse the prompt')]), h('pre', { id: 'prompt-text', className: ['prompt-text'], tabIndex: 0 }, text)]),
      h('p', { className: ['prompt-download'] }, [h('a', { href: prompt.downloadHref, download: 'prompt.md' }, 'Download the prompt as prompt.md')]),
    ],
    'prompt-section',
  )
}

function isPresent<T>(value: T | undefined): value is T {
  return value !== undefined
}
