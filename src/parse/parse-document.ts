/**
 * Parse: one source file → one typed document (or diagnostics saying why not).
 */
import type { Root } from 'mdast'
import { error, type Diagnostic } from '../diagnostics.js'
import type { Doc, Slug, SourceFile } from '../model.js'
import { slugFromOverride, slugFromPath } from '../slug.js'
import { fieldPosition, fieldPositions, readFrontMatter, validateFrontMatter, type Validated } from './front-matter.js'
import { locator } from './lines.js'
import { parseBody } from './markdown.js'
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

  const type = data.type ?? 'note'
  if (type !== 'note' && type !== 'inquiry') {
    diagnostics.push(
      error(display, fieldPosition(front, ['type'], locate), 'invalid-field', `\`type\`: unknown document type ${JSON.stringify(type)}; use \`note\` (the default) or \`inquiry\`.`),
    )
    return { document: undefined, diagnostics }
  }

  const validated =
    type === 'inquiry'
      ? tag('inquiry', validateFrontMatter(inquirySchema, { ...front, data }, display, locate))
      : tag('note', validateFrontMatter(noteSchema, { ...front, data }, display, locate))
  diagnostics.push(...validated.diagnostics)

  let slug: Slug | undefined
  if (typeof data.slug === 'string') {
    const override = slugFromOverride(data.slug)
    if (override.ok) slug = override.slug
    else diagnostics.push(error(display, fieldPosition(front, ['slug'], locate), 'invalid-slug', `\`slug\` ${override.reason}.`))
  } else {
    slug = slugFromPath(file.relativePath)
    if (!slug) {
      diagnostics.push(
        error(display, { line: 1, column: 1 }, 'invalid-slug', 'The file name has no letters or digits to make a page address from. Rename the file or set `slug:`.'),
      )
    }
  }
  if (validated.value === undefined || !slug) return { document: undefined, diagnostics }

  const bodyStart = locate(front.bodyOffset)
  const body = parseBody(file.text.slice(front.bodyOffset), bodyStart.line, front.bodyOffset, file.relativePath)
  const base = {
    slug,
    file,
    bodyOffset: front.bodyOffset,
    body: bodyTree(file, front.bodyOffset, bodyStart.line, keepTree ? body.tree : undefined),
    links: body.links,
    hasHtml: body.hasHtml,
    positions: fieldPositions(front, locate),
  }
  const document: Doc =
    validated.type === 'inquiry'
      ? { ...base, type: 'inquiry', data: validated.value }
      : { ...base, type: 'note', data: validated.value }
  return { document, diagnostics }
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
