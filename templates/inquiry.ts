/**
 * An inquiry line: the question, its answer in prose, its sources, the
 * next lines to follow, and the research prompt.
 */
import type { ElementContent, Root } from 'hast'
import { h } from 'hastscript'
import { layout } from './layout.js'
import { cardList, count, section } from './parts.js'
import type { InquiryPageProps, PromptProps } from './props.js'

/** Render an inquiry page. */
export function inquiryPage(props: InquiryPageProps): Root {
  const main: ElementContent[] = [
    h('article', { className: ['document', 'inquiry'] }, [
      h('p', { className: ['kind'] }, 'Inquiring line'),
      h('h1', props.title),
      h('p', { className: ['summary'] }, props.summary),
      props.date ? h('p', { className: ['meta'] }, [h('time', { dateTime: props.date.replace(/^~/, '') }, props.date)]) : undefined,
      h('div', { className: ['prose'] }, [...props.body]),
      section('sources', ['Sources ', h('span', { className: ['count'] }, count(props.sources.length, 'note', 'notes'))], [cardList(props.sources, true)], 'sources'),
      props.prompt ? promptSection(props.prompt) : undefined,
      section(
        'next',
        ['Next inquiring lines'],
        props.next.length > 0 ? [cardList(props.next, false)] : [h('p', { className: ['empty'] }, 'None yet.')],
        'next',
      ),
      props.citedBy.length > 0 ? section('cited-by', ['Cited by'], [cardList(props.citedBy, false)], 'cited-by') : undefined,
    ].filter(isPresent)),
  ]
  return layout(props.layout, main)
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
      h('details', { className: ['prompt'] }, [h('summary', 'Expand the prompt'), h('pre', { id: 'prompt-text', className: ['prompt-text'], tabIndex: 0 }, text)]),
    ],
    'prompt-section',
  )
}

function isPresent<T>(value: T | undefined): value is T {
  return value !== undefined
}
