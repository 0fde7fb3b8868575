/**
 * Import, step 2: parsed exports + the library already on disk → the files
 * to write.
 *
 * Pure: no file is read or written here. The plan says, for every file, its
 * path, its text, and whether a file is already at that path; the command
 * decides (with `--force` and `--dry-run`) what to do about it.
 *
 * Rules:
 * - A source whose exact title is already a note's title in the library is
 *   linked to that note, never written again. Sources shared by several
 *   exports in one import are written once.
 * - A new document's slug is made from its title (`importSlug`), and made
 *   unique (`-2`, `-3`, …) so it never takes the address of another document
 *   or file: a new note never replaces anything.
 * - An inquiry whose exact title is already an inquiry's title goes to that
 *   inquiry's file, so importing the same export again targets the same file
 *   (which the command skips unless `--force`).
 * - "Next inquiring lines" entries become `next` slugs only when they name an
 *   inquiry (by exact title) in the library or in this import; the rest are
 *   warned about and left out. Writing a slug that names nothing would make
 *   `quire check` fail with `next-missing`, and an imported library should
 *   check clean. Import the other export too (in the same or a later run with
 *   `--force`) to keep the entry.
 */
import YAML from 'yaml'
import { warning, type Diagnostic } from '../diagnostics.js'
import type { Doc, DocumentType, SourceFile } from '../model.js'
import { slugFromPath, slugFromTitle, slugifySegment } from '../slug.js'
import { titlePattern, type ExportedInquiry, type ExportedSource } from './parse-export.js'

/** A document already in the notes folder, as far as importing cares. */
interface ExistingDocument {
  readonly slug: string
  readonly type: DocumentType
  readonly title: string
  /** Relative to the notes folder, with `/` separators. */
  readonly relativePath: string
}

/** The notes folder before the import. */
export interface Library {
  readonly documents: readonly ExistingDocument[]
  /** Relative paths of every Markdown file, including ones that did not parse. */
  readonly files: readonly string[]
}

/** One file the import would write. */
interface PlannedFile {
  readonly type: DocumentType
  readonly title: string
  readonly slug: string
  /** Relative to the notes folder, with `/` separators. */
  readonly relativePath: string
  readonly text: string
  /** The export it comes from (display path) and the line of its title there. */
  readonly from: string
  readonly line: number
  /** The existing file at this path (compared ignoring case), which writing would replace. */
  readonly replaces: string | undefined
}

/** A source that was linked to a note already in the library instead of being written. */
interface LinkedNote {
  readonly title: string
  readonly slug: string
  readonly relativePath: string
  readonly from: string
  readonly line: number
}

export interface ImportPlan {
  /** In a stable order: for each export, its inquiry, then its new notes in Sources order. */
  readonly files: readonly PlannedFile[]
  readonly linked: readonly LinkedNote[]
  readonly diagnostics: Diagnostic[]
}

/** The longest slug made from a title, as in `slugFromTitle`. */
const maxSlugLength = 80

/**
 * The slug a new document gets from its title: `slugFromTitle`, but cut at a
 * word boundary when the title is too long, so the name does not end mid-word.
 */
export function importSlug(title: string, fallback: string): string {
  const full = slugifySegment(title)
  const cut = slugFromTitle(title)
  if (!cut) return fallback
  if (full.length <= maxSlugLength || full[cut.length] === '-') return cut
  const boundary = cut.lastIndexOf('-')
  return boundary > maxSlugLength / 2 ? cut.slice(0, boundary) : cut
}

/** The library as the import sees it, from the files the loader read and what they parsed to. */
export function libraryOf(files: readonly SourceFile[], documents: readonly Doc[]): Library {
  return {
    files: files.map((file) => file.relativePath),
    documents: documents.map((doc) => ({ slug: doc.slug, type: doc.type, title: doc.data.title.trim(), relativePath: doc.file.relativePath })),
  }
}

const yamlOptions = { defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN', lineWidth: 0 } as const

/** Plan the import of `exports` into `library`. */
export function planImport(exports: readonly ExportedInquiry[], library: Library): ImportPlan {
  const diagnostics: Diagnostic[] = []
  const linked: LinkedNote[] = []
  const files: PlannedFile[] = []

  // Every address already taken: document slugs and the slugs of every file's path.
  const taken = new Set<string>()
  for (const doc of library.documents) taken.add(doc.slug.toLowerCase())
  for (const file of library.files) {
    const slug = slugFromPath(file)
    if (slug) taken.add(slug)
  }
  const existingFiles = new Map(library.files.map((file) => [file.toLowerCase(), file]))
  const claim = (base: string): string => {
    let slug = base
    for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`
    taken.add(slug)
    return slug
  }
  const firstByTitle = (type: DocumentType): Map<string, ExistingDocument> => {
    const map = new Map<string, ExistingDocument>()
    for (const doc of [...library.documents].sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0))) {
      if (doc.type === type && !map.has(doc.title)) map.set(doc.title, doc)
    }
    return map
  }
  const existingNotes = firstByTitle('note')
  const existingInquiries = firstByTitle('inquiry')

  // Pass 1: give every inquiry and every source its slug.
  interface InquiryTarget {
    readonly exported: ExportedInquiry
    readonly slug: string
    readonly relativePath: string
  }
  const inquiries: InquiryTarget[] = []
  const batchInquiries = new Map<string, InquiryTarget>()
  const noteSlugs = new Map<string, string>()
  const newNotes: { source: ExportedSource; owner: ExportedInquiry; slug: string }[] = []
  for (const exported of exports) {
    const title = exported.question.trim()
    const earlier = batchInquiries.get(title)
    if (earlier) {
      diagnostics.push(
        warning(
          exported.file,
          { line: exported.questionLine, column: 1 },
          'import-file-exists',
          `This inquiry is also imported from ${earlier.exported.file}; only that one is written.`,
        ),
      )
      continue
    }
    const existing = existingInquiries.get(title)
    const slug = existing ? existing.slug : claim(`inquiries/${importSlug(title, 'inquiry')}`)
    const target = { exported, slug, relativePath: existing ? existing.relativePath : `${slug}.md` }
    inquiries.push(target)
    batchInquiries.set(title, target)

    for (const source of exported.sources) {
      if (noteSlugs.has(source.title)) continue
      const note = existingNotes.get(source.title)
      if (note) {
        noteSlugs.set(source.title, note.slug)
        linked.push({ title: source.title, slug: note.slug, relativePath: note.relativePath, from: exported.file, line: source.line })
      } else if (source.summary !== undefined) {
        const slug = claim(importSlug(source.title, 'note'))
        noteSlugs.set(source.title, slug)
        newNotes.push({ source, owner: exported, slug })
      }
    }
  }

  // Pass 2: write the text of each file.
  for (const target of inquiries) {
    const { exported } = target
    const next: string[] = []
    for (const entry of exported.next) {
      const slug = batchInquiries.get(entry.title)?.slug ?? existingInquiries.get(entry.title)?.slug
      if (slug === undefined) {
        const isNote = existingNotes.has(entry.title) || noteSlugs.has(entry.title)
        diagnostics.push(
          warning(
            exported.file,
            { line: entry.line, column: 1 },
            'import-next-unresolved',
            isNote
              ? `Next inquiring line "${entry.title}" is a note, not an inquiry, so it was left out of \`next\`.`
              : `Next inquiring line "${entry.title}" is not an inquiry in the notes folder or in this import, so it was left out of \`next\` (it would fail \`quire check\`). Import its export too, then import this one again with --force, or add it to \`next\` by hand.`,
          ),
        )
      } else if (slug === target.slug) {
        diagnostics.push(
          warning(
            exported.file,
            { line: entry.line, column: 1 },
            'import-next-unresolved',
            'This inquiry lists itself as a next inquiring line; the entry was left out.',
          ),
        )
      } else if (!next.includes(slug)) {
        next.push(slug)
      }
    }
    files.push({
      type: 'inquiry',
      title: exported.question.trim(),
      slug: target.slug,
      relativePath: target.relativePath,
      text: inquiryText(exported, next, noteSlugs),
      from: exported.file,
      line: exported.questionLine,
      replaces: existingFiles.get(target.relativePath.toLowerCase()),
    })
    for (const note of newNotes.filter((n) => n.owner === exported)) {
      const relativePath = `${note.slug}.md`
      files.push({
        type: 'note',
        title: note.source.title,
        slug: note.slug,
        relativePath,
        text: frontMatter({ title: note.source.title, summary: note.source.summary }, ''),
        from: exported.file,
        line: note.source.line,
        replaces: existingFiles.get(relativePath.toLowerCase()),
      })
    }
  }
  return { files, linked, diagnostics }
}

/** The inquiry's Markdown: front matter from the parts, the prose with source titles as `[[slug]]` links. */
function inquiryText(exported: ExportedInquiry, next: readonly string[], noteSlugs: ReadonlyMap<string, string>): string {
  const linkable = exported.sources.map((s) => s.title).filter((title) => noteSlugs.has(title))
  const pattern = titlePattern(linkable)
  const body = exported.prose.map((p) => (pattern ? p.text.replace(pattern, (title) => `[[${noteSlugs.get(title)}]]`) : p.text)).join('\n\n')
  const data: Record<string, unknown> = { title: exported.question.trim(), summary: exported.summary.trim() }
  if (next.length > 0) data.next = [...next]
  const prompt = exported.prompt
  if (prompt) {
    const promptData: Record<string, unknown> = { role: prompt.role, question: prompt.question }
    if (prompt.library !== undefined) promptData.library = prompt.library
    if (prompt.claims.length > 0) promptData.claims = prompt.claims.map((c) => ({ text: c.text, date: c.date }))
    if (prompt.anchors.length > 0) promptData.anchors = prompt.anchors.map((a) => ({ arxiv: a.arxiv, date: a.date, title: a.title }))
    if (prompt.tasks.length > 0) promptData.tasks = prompt.tasks.map((t) => t.text)
    if (prompt.closing !== undefined) promptData.closing = prompt.closing
    data.prompt = promptData
  }
  return frontMatter(data, body, 'type: inquiry\n')
}

/** `---`, YAML (every string double-quoted, so no value can be misread), `---`, then the body. */
function frontMatter(data: Record<string, unknown>, body: string, first = ''): string {
  const yaml = first + YAML.stringify(data, yamlOptions)
  return `---\n${yaml}---\n${body === '' ? '' : `\n${body}\n`}`
}
