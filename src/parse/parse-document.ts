/**
 * Parse: one source file → one typed document (or diagnostics saying why not).
 */
import type { Root } from 'mdast'
import { error, hint, type Diagnostic } from '../diagnostics.js'
import type { Derived, Doc, NoteData, Slug, SourceFile } from '../model.js'
import { slugFromOverride, slugFromPath } from '../slug.js'
import { fieldPosition, fieldPositions, readFrontMatter, validateFrontMatter, type Validated } from './front-matter.js'
import { locator } from '../locate.js'
import { plainText, summaryFromBody, titleFromFileName, titleHeading } from './derive.js'
import { nestingLimit } from './complexity.js'
import { headingIds, parseBody } from './markdown.js'
import { inquirySchema, noteSchema } from './schema.js'

/** The document parsed from a file, if it could be, and the problems found. */
export interface ParseResult {
  readonly document: Doc | undefined
  readonly diagnostics: Diagnostic[]
}

/** Options for {@link parseDocument}. */
export interface ParseOptions {
  /**
   * Keep the body's tree until it is rendered (default true). Large
   * libraries pass false: their trees would not fit in memory together, and
   * parsing a body again at render time costs less than holding them all.
   */
  readonly keepTree?: boolean
}

const emptyOptions: ParseOptions = {}

/** Parse one file. `display` is the file name to show in diagnostics. */
export function parseDocument(file: SourceFile, options?: Readonly<ParseOptions> | null): ParseResult {
  const keepTree = (options || emptyOptions).keepTree !== false
  const display = file.displayPath
  const locate = locator(file.text)
  const front = readFrontMatter(file.text, display, locate)
  const diagnostics = [...front.diagnostics]
  if (!front.data) return { document: undefined, diagnostics }
  const data = front.data
  const empty = file.text.trim() === ''
  // Drafts, `publish: false` and empty files are read (so links to them can be told from broken ones) but never published.
  const published = !empty && data.draft !== true && data.publish !== false
  const report = (list: readonly Diagnostic[]): void => {
    if (published) diagnostics.push(...list)
  }

  const type = data.type ?? 'note'
  if (type !== 'note' && type !== 'inquiry') {
    report([
      error(
        display,
        fieldPosition(front, ['type'], locate),
        'invalid-field',
        `\`type\`: unknown document type ${JSON.stringify(type)}; use \`note\` (the default) or \`inquiry\`.`,
      ),
    ])
    if (published) return { document: undefined, diagnostics }
  }

  const validated =
    type === 'inquiry'
      ? tag('inquiry', validateFrontMatter(inquirySchema, { ...front, data }, display, locate))
      : tag('note', validateFrontMatter(noteSchema, { ...front, data }, display, locate, { unknownFields: 'hint', unreadableDates: 'warning' }))
  report(validated.diagnostics)

  let slug: Slug | undefined
  if (typeof data.slug === 'string') {
    const override = slugFromOverride(data.slug)
    if (override.ok) slug = override.slug
    else report([error(display, fieldPosition(front, ['slug'], locate), 'invalid-slug', `\`slug\` ${override.reason}.`)])
  }
  slug ??= slugFromPath(file.relativePath)
  if (!slug) {
    report([
      error(
        display,
        { line: 1, column: 1 },
        'invalid-slug',
        'The file name has no letters or digits to make a page address from. Rename the file or set `slug:`.',
      ),
    ])
    return { document: undefined, diagnostics }
  }
  if (published && validated.value === undefined) return { document: undefined, diagnostics }

  const bodyStart = locate(front.bodyOffset)
  const body = parseBody(file.text.slice(front.bodyOffset), bodyStart.line, front.bodyOffset, file.relativePath)
  if (body.tooDeep) {
    const at = body.tooDeep.position ?? bodyStart
    diagnostics.push(
      error(
        display,
        at,
        'note-too-complex',
        `This note nests ${body.tooDeep.depth} levels deep here (lists, quotes, emphasis or HTML inside each other); quire renders at most ${nestingLimit}. Flatten the nesting.`,
      ),
    )
    return { document: undefined, diagnostics }
  }
  const heading = titleHeading(body.tree)
  const base = {
    slug,
    file,
    bodyOffset: front.bodyOffset,
    body: bodyTree(file, front.bodyOffset, bodyStart.line, keepTree ? body.tree : undefined),
    links: body.links,
    hasHtml: body.hasHtml,
    positions: fieldPositions(front, locate),
    published,
  }
  if (empty)
    diagnostics.push(hint(display, { line: 1, column: 1 }, 'empty-note', 'This file is empty, so it is not published. Write the note, or delete the file.'))

  if (validated.type === 'inquiry' && validated.value) {
    const { prompt, ...written } = validated.value
    // A prompt without a `question` asks the inquiry's title.
    const data = {
      ...written,
      ...(prompt ? { prompt: { ...prompt, question: prompt.question ?? written.title } } : {}),
      tags: mergeTags(written.tags, body.tags),
    }
    return { document: { ...base, type: 'inquiry', data, derived: {}, anchors: [...headingIds(body.tree), ...body.blockIds] }, diagnostics }
  }

  // A note: take what front matter left out from the body (and say so).
  const written = validated.type === 'note' ? validated.value : undefined
  const derived: { title?: Derived['title']; summary?: Derived['summary'] } = {}
  let title = written?.title ?? (typeof data.title === 'string' && data.title.trim() !== '' ? data.title.trim() : undefined)
  if (title === undefined) {
    title = heading ? plainText(heading).trim() : titleFromFileName(file.relativePath)
    derived.title = heading ? 'heading' : 'file-name'
  }
  let summary = written?.summary ?? (typeof data.summary === 'string' && data.summary.trim() !== '' ? data.summary.trim() : undefined)
  if (summary === undefined) {
    const description = written?.description
    const paragraph = description === undefined ? summaryFromBody(body.tree) : undefined
    summary = description ?? paragraph ?? ''
    derived.summary = description !== undefined ? 'description' : paragraph !== undefined ? 'paragraph' : 'none'
  }
  if (published && (derived.title || (derived.summary && derived.summary !== 'description'))) {
    diagnostics.push(derivedHint(display, derived, title))
  }
  const noteData: NoteData = { ...(written ?? {}), title, summary, tags: mergeTags(written?.tags, body.tags) }
  const skip = derived.title === 'heading' ? heading : undefined
  return { document: { ...base, type: 'note', data: noteData, derived, anchors: [...headingIds(body.tree, skip), ...body.blockIds] }, diagnostics }
}

/** One hint saying what quire took from the body, and how to set it instead. */
function derivedHint(display: string, derived: Derived, title: string): Diagnostic {
  const parts: string[] = []
  if (derived.title === 'heading') parts.push(`the title from the first \`#\` heading ("${title}")`)
  else if (derived.title === 'file-name') parts.push(`the title from the file name ("${title}")`)
  if (derived.summary === 'paragraph') parts.push('the summary from the first paragraph')
  else if (derived.summary === 'none') parts.push('no summary (the body has no paragraph to take one from)')
  const code = derived.title ? 'fallback-title' : 'fallback-summary'
  const fields = [derived.title ? '`title:`' : '', derived.summary && derived.summary !== 'description' ? '`summary:`' : ''].filter(Boolean).join(' and ')
  return hint(
    display,
    { line: 1, column: 1 },
    code,
    `This note has ${parts.join(' and ')}. Add ${fields} to the front matter to choose ${derived.title && derived.summary ? 'them' : 'it'}.`,
  )
}

/** Front-matter tags, then inline tags not already given, without repeats. */
function mergeTags(written: readonly string[] | undefined, inline: readonly string[]): string[] | undefined {
  if (inline.length === 0) return written ? [...written] : undefined
  const all = [...(written ?? [])]
  const seen = new Set(all)
  for (const tag of inline) {
    if (seen.has(tag)) continue
    seen.add(tag)
    all.push(tag)
  }
  return all
}

/** Keep the document type next to its validated data, so TypeScript can tell them apart. */
function tag<T extends Doc['type'], V>(type: T, result: Validated<V>): { type: T; value: V | undefined; diagnostics: Diagnostic[] } {
  return { type, value: result.value, diagnostics: result.diagnostics }
}

/**
 * The body's tree: the one already parsed is handed out once, then the body
 * is parsed again on demand (a cached document starts with none).
 */
export function bodyTree(file: SourceFile, bodyOffset: number, bodyLine: number, parsed?: Root): () => Root {
  let held = parsed
  return () => {
    const tree = held ?? parseBody(file.text.slice(bodyOffset), bodyLine, bodyOffset, file.relativePath).tree
    held = undefined
    return tree
  }
}
