/**
 * The content model: what quire knows about a library of notes.
 *
 * Every stage speaks these types. A document is either a `note` (a
 * question-titled claim with a short summary) or an `inquiry` (a research
 * question answered in prose that links to notes, with a research prompt).
 */
import type { Root } from 'mdast'
import type { CalendarDay } from './dates.js'
import type { Position } from './diagnostics.js'

/** A document's address inside the site: `path/to/note`, no leading or trailing slash. */
export type Slug = string & { readonly __brand: 'Slug' }

/** The two kinds of document. */
export type DocumentType = 'note' | 'inquiry'

/** One Markdown file read from the notes folder. */
export interface SourceFile {
  /** Absolute path on disk. */
  readonly path: string
  /** Path relative to the notes folder, with `/` separators (`inquiries/x.md`). */
  readonly relativePath: string
  /** The path to show in diagnostics (relative to the working directory). */
  readonly displayPath: string
  /** Text with a leading byte-order mark removed. */
  readonly text: string
}

/**
 * A file of the notes folder that is not Markdown (an image, a PDF…). Only
 * the attachments a published document references are copied into the site.
 */
export interface AttachmentFile {
  /** Absolute path on disk. */
  readonly path: string
  /** Path relative to the notes folder, with `/` separators (`img/figure 1.png`). */
  readonly relativePath: string
  /** Why the file must not be published (it could run script on the site), if so. */
  readonly unsafe?: string | undefined
}

/** How a link was written in a body. */
export type LinkSyntax = 'wikilink' | 'markdown'

/** A link found in a document's body, before it is resolved. */
export interface LinkRef {
  /** The target to resolve: `slug`, a title, or for Markdown links the `.md` path relative to the notes folder. */
  readonly target: string
  /** The target exactly as written in the file (for messages). */
  readonly written: string
  /** `[[target|label]]` label, when given. */
  readonly label: string | undefined
  /** `#fragment` after the target, without the `#`. */
  readonly fragment: string | undefined
  readonly syntax: LinkSyntax
  /**
   * Is it an embed (`![[x]]`, `![alt](x.png)`) rather than a link? An embed
   * of a note transcludes its body; an embed of a file shows it.
   */
  readonly embed: boolean
  /** Where the link starts in the file (1-based line and column). */
  readonly position: Position
}

interface DocumentBase {
  readonly slug: Slug
  readonly file: SourceFile
  /** Where the Markdown body starts in the file's text. */
  readonly bodyOffset: number
  /**
   * The body as mdast, positions relative to the whole file. The tree from
   * parsing is handed out once and then let go (a library's trees would not
   * fit in memory together); later calls parse the body again.
   */
  readonly body: () => Root
  /** Links in body order. `body` nodes point back here by index (`data.quireLink`). */
  readonly links: readonly LinkRef[]
  /** Does the body contain raw HTML (so it needs parsing before sanitizing)? */
  readonly hasHtml: boolean
  /** Where each front-matter value is written, by dotted path (`next.0`, `prompt.claims.1.date`). */
  readonly positions: ReadonlyMap<string, Position>
  /** Ids a link can point at inside the page: heading ids (`methods`) and block ids (`^claim-1`). */
  readonly anchors: readonly string[]
  /** Which of the title and summary quire took from the body or file name because front matter lacked them. */
  readonly derived: Derived
  /** False for `draft: true`, `publish: false` and empty files: parsed so links to them can be told apart, never published. */
  readonly published: boolean
}

/**
 * Where a title or summary came from when front matter did not give it:
 * the first `#` heading or the file name; the `description` field or the
 * first paragraph (or nothing at all).
 */
export interface Derived {
  readonly title?: 'heading' | 'file-name'
  readonly summary?: 'description' | 'paragraph' | 'none'
}

/** Where a front-matter value of `doc` is written (the file's first line if unknown). */
export function positionOf(doc: Doc, path: string): Position {
  return doc.positions.get(path) ?? { line: 1, column: 1 }
}

/** A note: a question-titled claim with a 1–3 sentence summary. */
export interface Note extends DocumentBase {
  readonly type: 'note'
  readonly data: NoteData
}

/** An inquiry line: one research question answered in linked prose. */
export interface Inquiry extends DocumentBase {
  readonly type: 'inquiry'
  readonly data: InquiryData
}

/** Any document. */
export type Doc = Note | Inquiry

/**
 * Front-matter fields every document may have, as validated (see
 * `parse/schema.ts`, whose schemas are checked against these types when
 * quire compiles). Dates are quire's form, `2024-01-02`.
 */
interface DocumentData {
  /** The address asked for (`notes/my-note`), instead of the one made from the file's path. */
  readonly slug?: string | undefined
  /** When the document was written (first published); `created` is the same, for vaults that use that name. */
  readonly date?: string | undefined
  readonly created?: string | undefined
  /** When it last changed; `modified` is the same. */
  readonly updated?: string | undefined
  readonly modified?: string | undefined
  /** Its tags without `#`, front matter's first, then the body's. */
  readonly tags?: readonly string[] | undefined
  /** Other names the document is found by (`[[Old name]]`); each also gets a page that redirects here. */
  readonly aliases?: readonly string[] | undefined
  /** Quartz's and many vaults' name for a summary; used when `summary` is absent. */
  readonly description?: string | undefined
  /** `draft: true` keeps a document out of the site. */
  readonly draft?: boolean | undefined
  /** `publish: false` keeps a document out of the site (Obsidian Publish's field). */
  readonly publish?: boolean | undefined
  /** The arXiv ids of the papers it cites (`2504.13837`, `hep-th/9901001`). */
  readonly papers?: readonly string[] | undefined
  /** The title: written, or for a note, taken from its first heading or file name. */
  readonly title: string
  /** One to three sentences: written, or for a note, taken from `description` or its first paragraph (or empty). */
  readonly summary: string
}

/** A note's data once its title and summary are known (from front matter, or derived). */
export interface NoteData extends DocumentData {
  readonly type?: 'note' | undefined
}

/** An inquiry's data, its prompt's question filled in. */
export interface InquiryData extends DocumentData {
  readonly type: 'inquiry'
  /** The inquiries to read next, by slug or name. */
  readonly next: readonly string[]
  readonly prompt?: PromptData | undefined
}

/** The data an inquiry's research prompt is made from. */
export interface PromptData {
  /** Who the model should be: "a critical analyst of …". */
  readonly role: string
  /** The question, phrased to follow "The question: " (the inquiry's title when not written). */
  readonly question: string
  /** The span of the library, such as "2024–2026". */
  readonly library?: string | undefined
  readonly claims: readonly ClaimData[]
  readonly anchors: readonly AnchorPaperData[]
  readonly tasks: readonly string[]
  /** The last line of the prompt. */
  readonly closing?: string | undefined
}

/** One dated claim of a research prompt. */
export interface ClaimData {
  readonly text: string
  /** `2025`, `2025-04`, `2025-04-12`, or approximate `~2025`. */
  readonly date: string
  /** Slugs (or names) of the notes that support the claim. */
  readonly notes: readonly string[]
}

/** One anchor paper of a research prompt. */
export interface AnchorPaperData {
  readonly arxiv: string
  /** As a claim's date. */
  readonly date: string
  readonly title: string
}

/** What a written link target turned out to name. */
export type Resolution =
  /**
   * A published document. `candidates` is set when the name fits several
   * documents: all of them, the chosen `slug` first (see `resolve.ts`).
   */
  | { readonly kind: 'resolved'; readonly slug: Slug; readonly candidates?: readonly Slug[] }
  | { readonly kind: 'unresolved' }
  /** A folder of the notes folder with no note to stand for it (`[[advanced/]]`), by its relative path. */
  | { readonly kind: 'folder'; readonly path: string }
  /** The page of a tag (`[[tags/plugin]]` when no note describes the tag), by the tag's address segment. */
  | { readonly kind: 'tag'; readonly tag: string }
  /** A document that exists but is not published (draft, `publish: false`, empty). */
  | { readonly kind: 'unpublished'; readonly slug: Slug }
  /** A file of the notes folder, by its relative path. */
  | { readonly kind: 'attachment'; readonly path: string }

/** Why one document points at another. */
export type EdgeKind = 'link' | 'next'

/** A directed, resolved connection between two documents. */
export interface Edge {
  readonly from: Slug
  readonly to: Slug
  readonly kind: EdgeKind
}

/** The library as a graph: every document, every resolved connection. */
export interface Graph {
  /** Documents by slug, in slug order. */
  readonly documents: ReadonlyMap<Slug, Doc>
  /** For each document, what each of its `links` resolved to (same order). */
  readonly resolved: ReadonlyMap<Slug, readonly Resolution[]>
  /** For each inquiry, what each entry of its `next` resolved to (same order). */
  readonly next: ReadonlyMap<Slug, readonly Resolution[]>
  /** Documents published at another address than their slug, because another document has it (see `graph/addresses.ts`). */
  readonly readdressed: readonly Readdressed[]
  /** Unique edges, sorted by from, kind, to. */
  readonly edges: readonly Edge[]
  /** For each document, the documents that link to it (sorted by slug). */
  readonly citedBy: ReadonlyMap<Slug, readonly Slug[]>
  /** For each inquiry, the notes its body links to, in order of first appearance. */
  readonly sources: ReadonlyMap<Slug, readonly Slug[]>
  /** For each inquiry, what each claim's `notes` resolved to (claim by claim). */
  readonly claimSupport: ReadonlyMap<Slug, readonly (readonly Resolution[])[]>
  /** For each note, the claims it supports, in inquiry then claim order. */
  readonly backs: ReadonlyMap<Slug, readonly ClaimRef[]>
  /** For each inquiry with no `next`, related inquiries ranked by how many sources they share. */
  readonly suggestions: ReadonlyMap<Slug, readonly Slug[]>
  /** Documents that are not published, by slug (links to them render as plain text). */
  readonly unpublished: ReadonlyMap<Slug, Doc>
  /** Attachments that published documents reference, by relative path (only these are copied). */
  readonly attachments: ReadonlyMap<string, AttachmentFile>
  /** Attachments published at another path than their own, by relative path (see `graph/addresses.ts`). */
  readonly movedAttachments: ReadonlyMap<string, MovedAttachment>
  /** Pages that redirect to a document, made from its `aliases` (old address → document), in slug order. */
  readonly redirects: ReadonlyMap<Slug, Slug>
  /**
   * When each file of the notes folder was first committed and last
   * changed, by relative path, from the git history of the folder (see
   * `load/git-dates.ts`); absent when it has none or it is turned off.
   */
  readonly history?: ReadonlyMap<string, FileDates> | undefined
}

/** A file's days (`2024-01-02`) from history: its first commit and its last change. */
export interface FileDates {
  readonly created: string
  readonly updated: string
}

/** One claim of one inquiry's prompt. */
export interface ClaimRef {
  readonly inquiry: Slug
  /** Index in `prompt.claims`. */
  readonly claim: number
}

/** Site-wide settings that affect the output. */
export interface SiteOptions {
  /** The path the site is served under, always starting and ending with `/`. */
  readonly base: string
  /** The site's name, shown in the header and page titles. */
  readonly title: string
  /** One sentence about the site, for the home page and its description. */
  readonly description: string | undefined
  /** The site's absolute address, when configured (for absolute URLs). */
  readonly url: string | undefined
  /** Who writes the notes, for the Atom feed (the site's title when not configured). */
  readonly author?: string | undefined
  /** The day the site is built for: claims' ages are measured to it. */
  readonly buildDate: CalendarDay
  /** Claims older than this many months are marked for re-testing. */
  readonly staleAfterMonths: number
  /** The tool that published the site before: `quartz` writes `_redirects` from its addresses. */
  readonly movedFrom?: 'quartz' | undefined
}

/** A document published at another address than its slug, because another document has that slug. */
export interface Readdressed {
  /** The document as the graph holds it, with its new slug. */
  readonly doc: Doc
  /** The document as parsed, with the slug it asked for. */
  readonly parsed: Doc
  /** The document that has the slug. */
  readonly holder: Doc
}

/** What already has a path of the site. */
export type PathOwner =
  | { readonly kind: 'document'; readonly doc: Doc }
  | { readonly kind: 'attachment'; readonly path: string }
  /** quire's own pages and files (`assets/`, `tags/`, `graph.json`…). */
  | { readonly kind: 'site'; readonly path: string }

/** An attachment published at another path than its own. */
export interface MovedAttachment {
  /** Where it is published. */
  readonly path: string
  /** What moved: a folder took another's spelling, or the file name took a number. */
  readonly clash: 'folder' | 'file'
  /** What has the folder or file its own path met. */
  readonly owner: PathOwner
}
