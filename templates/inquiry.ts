/**
 * An inquiry line: what it asks, a bar of links to its parts (and the copy
 * button), the answer in prose, its sources (each note once, numbered),
 * the research prompt (formatted, holding the dated claims and anchor
 * papers once), then the next lines to follow.
 */
import type { Element, ElementContent, Root } from 'hast'
import { h } from './elements.js'
import { layout } from './layout.js'
import { localGraphSection, type ListedAbove } from './local-graph.js'
import { folderListing } from './navigation.js'
import { cardList, count, section } from './parts.js'
import type { ClaimProps, InquiryPageProps, NumberedLink, PaperLink, PromptBlockProps, PromptProps, SourceCardProps } from './props.js'
import { tableOfContents } from './toc.js'

/** The ids of the page's parts, which the jump bar links to. */
export const inquirySectionIds = { answer: 'answer', sources: 'sources', prompt: 'prompt-heading', claims: 'claims', papers: 'papers' } as const

/** Render an inquiry page. */
export function inquiryPage(props: InquiryPageProps): Root {
  const main: ElementContent[] = [
    h(
      'article',
      { className: ['document', 'inquiry'] },
      [
        h('p', { className: ['kind'] }, 'Inquiring line'),
        h('h1', props.title),
        h('p', { className: ['summary'] }, props.summary),
        props.date || props.updated
          ? h('p', { className: ['meta'] }, [
              props.date ? h('time', { dateTime: props.date.replace(/^~/, '') }, props.date) : undefined,
              props.updated
                ? h('span', { className: ['updated'] }, ['Updated ', h('time', { dateTime: props.updated.replace(/^~/, '') }, props.updated)])
                : undefined,
            ])
          : undefined,
        h('p', { className: ['purpose'] }, purpose(props)),
        jumpBar(props),
        section(
          inquirySectionIds.answer,
          ['Answer'],
          [...(props.toc.length > 0 ? [tableOfContents(props.toc)] : []), h('div', { className: ['prose'] }, [...props.body])],
          'answer',
        ),
        props.folder ? h('div', { className: ['folder-page'] }, folderListing(props.folder)) : undefined,
        section(
          inquirySectionIds.sources,
          ['Sources ', h('span', { className: ['count'] }, count(props.sources.length, 'note', 'notes'))],
          [sourceList(props.sources)],
          'sources',
        ),
        props.prompt ? promptSection(props.prompt, props) : undefined,
        props.papers.length > 0 ? papersSection(props.papers) : undefined,
        section('next', ['Next inquiring lines'], nextContent(props), 'next'),
        props.citedBy.length > 0 ? section('cited-by', ['Cited by'], [cardList(props.citedBy, false)], 'cited-by') : undefined,
        props.localGraph ? localGraphSection(props.localGraph, sourcesDrawn(props)) : undefined,
      ].filter(isPresent),
    ),
  ]
  return layout(props.layout, main)
}

/**
 * When the graph numbers the sources as the Sources list does (source n is
 * node n), its list points to the Sources instead of repeating them.
 */
function sourcesDrawn(props: InquiryPageProps): ListedAbove | undefined {
  const graph = props.localGraph
  if (!graph || props.sources.length === 0) return undefined
  const near = graph.drawing.nodes.slice(0, graph.relations.length)
  const same = props.sources.every((source) => near.some((node) => node.number === source.number && node.href === source.href))
  return same ? { count: props.sources.length, href: `#${inquirySectionIds.sources}`, label: 'the sources listed above' } : undefined
}

/** What the page is for, in one line: an answer drawn from the library, and a prompt to take it further. */
function purpose(props: InquiryPageProps): string {
  const from =
    props.sources.length > 0 ? `An answer drawn from ${count(props.sources.length, 'note', 'notes')} in this library` : 'An answer drawn from this library'
  return props.prompt ? `${from}, and a research prompt to take the question further with your LLM.` : `${from}.`
}

/** Links to the page's parts, and the copy button, right under the summary. */
function jumpBar(props: InquiryPageProps): Element {
  const links: Array<[string, string]> = [
    [inquirySectionIds.answer, 'Answer'],
    [inquirySectionIds.sources, `Sources (${props.sources.length})`],
  ]
  if (props.prompt) links.push([inquirySectionIds.prompt, 'Prompt'])
  if (props.prompt && props.claims.length > 0) links.push([inquirySectionIds.claims, `Claims (${props.claims.length})`])
  return h(
    'div',
    { className: ['jump-bar'] },
    [
      h('nav', { className: ['jump-links'], ariaLabel: 'On this page' }, [
        h(
          'ul',
          links.map(([id, label]) => h('li', [h('a', { href: `#${id}` }, label)])),
        ),
      ]),
      props.prompt ? copyControls('prompt-status') : undefined,
    ].filter(isPresent),
  )
}

/** The copy button (hidden until the script shows it) and where it says what happened. */
function copyControls(statusId: string): Element {
  return h('div', { className: ['prompt-actions'] }, [
    h('button', { type: 'button', className: ['copy'], hidden: true, dataCopyTarget: 'prompt-text', dataCopyStatus: statusId }, 'Copy the research prompt'),
    h('span', { id: statusId, className: ['copy-status'], role: 'status', ariaLive: 'polite' }),
  ])
}

/** Each source once: number, title, summary, date and the claims it supports. */
function sourceList(sources: readonly SourceCardProps[]): Element {
  return h(
    'ol',
    { className: ['cards', 'source-cards'] },
    sources.map((source) => {
      const meta: Array<ElementContent | string> = []
      if (source.date) meta.push(h('time', { dateTime: source.date.dateTime }, source.date.text))
      if (source.claims.length > 0) {
        if (meta.length > 0) meta.push(' · ')
        meta.push(source.claims.length === 1 ? 'Supports claim ' : 'Supports claims ', ...numberedLinks(source.claims))
      }
      return h(
        'li',
        { className: ['card'], id: source.id },
        [
          h('a', { className: ['card-title'], href: source.href }, source.title),
          source.summary === '' ? undefined : h('p', { className: ['card-summary'] }, source.summary),
          meta.length > 0 ? h('p', { className: ['card-meta'] }, meta) : undefined,
        ].filter(isPresent),
      )
    }),
  )
}

/** "1, 3 and 4" as links (a note that is not a source by its title). */
function numberedLinks(links: readonly NumberedLink[]): Array<ElementContent | string> {
  return links.flatMap((link, i) => [
    i === 0 ? '' : i === links.length - 1 ? ' and ' : ', ',
    h('a', { href: link.href, title: link.number === undefined ? undefined : link.title }, link.number === undefined ? link.title : String(link.number)),
  ])
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

/**
 * The research prompt, formatted: its labels as headings, its claims,
 * papers and tasks as lists. Claims carry their ids, re-test markers and
 * supporting sources. The copy button copies the Markdown kept in
 * `data-markdown`, byte for byte what `prompt.md` holds.
 */
function promptSection(prompt: PromptProps, props: InquiryPageProps): ElementContent {
  return section(
    inquirySectionIds.prompt,
    ['Research prompt for your LLM'],
    [
      h('p', { className: ['prompt-intro'] }, [
        'Copy it into ChatGPT or Claude to take this line of inquiry further: it asks the model to find newer work and re-test which earlier constraints still hold. Or ',
        h('a', { href: prompt.downloadHref, download: 'prompt.md' }, 'download it as prompt.md'),
        '.',
      ]),
      copyControls('prompt-copied'),
      h('details', { className: ['prompt'] }, [
        h('summary', [
          h('span', { className: ['when-closed'] }, 'Show the prompt'),
          h('span', { className: ['when-open'] }, 'Hide the prompt'),
          h('span', { className: ['prompt-contents'] }, promptContents(props)),
        ]),
        h(
          'div',
          { id: 'prompt-text', className: ['prompt-text'], dataMarkdown: prompt.markdown },
          prompt.blocks.map((block) => promptBlock(block, props)),
        ),
      ]),
    ],
    'prompt-section',
  )
}

/** What the closed prompt holds: "6 dated claims (1 to re-test), 4 anchor papers, 3 tasks". */
function promptContents(props: InquiryPageProps): string {
  const parts: string[] = []
  const blocks = props.prompt?.blocks ?? []
  const stale = props.claims.filter((claim) => claim.staleMonths !== undefined).length
  for (const block of blocks) {
    if (block.kind !== 'list') continue
    if (block.part === 'claims') parts.push(count(block.items.length, 'dated claim', 'dated claims') + (stale > 0 ? ` (${stale} to re-test)` : ''))
    if (block.part === 'anchors') parts.push(count(block.items.length, 'anchor paper', 'anchor papers'))
    if (block.part === 'tasks') parts.push(count(block.items.length, 'task', 'tasks'))
  }
  return parts.length > 0 ? `: ${parts.join(', ')}` : ''
}

function promptBlock(block: PromptBlockProps, props: InquiryPageProps): ElementContent {
  if (block.kind === 'paragraph') return h('p', [...block.content])
  const id = block.part === 'claims' ? inquirySectionIds.claims : block.part === 'anchors' ? inquirySectionIds.papers : undefined
  const items = block.items.map((item, i) => (block.part === 'claims' ? claimItem(item, props.claims[i], props.staleAfterMonths) : h('li', [...item])))
  return h('div', { className: ['prompt-part', `prompt-${block.part}`] }, [h('h3', { id }, block.label), h(block.ordered ? 'ol' : 'ul', items)])
}

/** A claim as the prompt words it, then what the page knows about it: its age when stale, and its support. */
function claimItem(item: readonly ElementContent[], claim: ClaimProps | undefined, staleAfterMonths: number): Element {
  if (!claim) return h('li', [...item])
  const notes: Array<ElementContent | string> = []
  if (claim.staleMonths !== undefined)
    notes.push(
      h('span', { className: ['stale-marker'] }, [h('strong', 'Re-test:'), ` ${claim.staleMonths} months old, past the ${staleAfterMonths}-month threshold.`]),
    )
  if (claim.support.length > 0) {
    if (notes.length > 0) notes.push(' ')
    const numbered = claim.support.every((link) => link.number !== undefined)
    notes.push(
      h('span', { className: ['claim-support'] }, [
        numbered ? (claim.support.length === 1 ? 'Source ' : 'Sources ') : 'Supported by ',
        ...numberedLinks(claim.support),
      ]),
    )
  }
  return h(
    'li',
    { id: claim.id, className: claim.staleMonths === undefined ? ['claim'] : ['claim', 'stale'] },
    [h('span', { className: ['claim-text'] }, [...item]), notes.length > 0 ? h('span', { className: ['claim-notes'] }, notes) : undefined].filter(isPresent),
  )
}

/** Papers the inquiry cites beyond the prompt's anchors. */
function papersSection(papers: readonly PaperLink[]): ElementContent {
  return section(
    'papers-cited',
    ['Other papers cited'],
    [
      h(
        'ul',
        { className: ['papers'] },
        papers.map((paper) =>
          h('li', [h('a', { href: paper.href }, `arXiv:${paper.id}`), paper.date ? ` (${paper.date})` : '', paper.title ? ` — ${paper.title}` : '']),
        ),
      ),
    ],
    'papers-section',
  )
}

function isPresent<T>(value: T | undefined): value is T {
  return value !== undefined
}
