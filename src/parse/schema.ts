/**
 * The front-matter schemas: one per document type.
 *
 * The content model declares what a note's and an inquiry's data are
 * (`NoteData`, `InquiryData`); these schemas validate front matter into
 * them, and are checked against them when quire compiles (see the end of
 * this file), so what is validated is exactly what the code can use.
 */
import { z } from 'zod'
import { readDocumentDate } from '../dates.js'
import type { InquiryData, NoteData } from '../model.js'

/** A non-empty line of text (surrounding white space is trimmed). */
const text = z.string({ error: 'expected text' }).trim().min(1, { error: 'must not be empty' })

/** `2025`, `2025-04`, `2025-04-12`, or approximate `~2025`. Unquoted years are read as numbers, so accept those too. */
export const dateText = z.preprocess(
  (value) => (typeof value === 'number' && Number.isInteger(value) ? String(value) : value),
  z
    .string({ error: 'expected a date such as 2025-04 or ~2025' })
    .regex(/^~?\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, {
      error: 'expected a date such as 2025, 2025-04, 2025-04-12 or ~2025',
    })
    .refine(isRealDay, { error: 'is not a real day of that month' }),
)

/** `2025-02-30` is well-formed but does not exist. */
function isRealDay(text: string): boolean {
  const match = /^~?(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  if (!match) return true
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

/** What a value was, for a message: `"arXiv:2504.1"`, `the number 2504`, `a list`. */
function seen(input: unknown): string {
  if (typeof input === 'string') return JSON.stringify(input.length > 60 ? `${input.slice(0, 60)}…` : input)
  if (typeof input === 'number' || typeof input === 'boolean') return `${typeof input === 'number' ? 'the number' : ''} ${String(input)}`.trim()
  if (input === null || input === undefined) return 'nothing'
  return Array.isArray(input) ? 'a list' : 'a mapping'
}

/**
 * A document's date (`date`, `created`, `updated`, `modified`), in any form
 * {@link readDocumentDate} reads; the output is quire's form (`2024-01-02`).
 * Unquoted years are read as numbers, so accept those too.
 */
const documentDate = z.preprocess(
  (value) => (typeof value === 'number' && Number.isInteger(value) ? String(value) : value),
  z.string({ error: (issue) => `expected a date such as 2025-04-12 or 2025-04-12 13:45, not ${seen(issue.input)}` }).transform((text, context) => {
    const read = readDocumentDate(text)
    if (read.ok) return read.text
    context.addIssue({
      code: 'custom',
      message:
        read.problem === 'day'
          ? `${seen(text)} is not a real day of that month`
          : `expected a date such as 2025, 2025-04-12, 2025-04-12 13:45 or April 12, 2025, not ${seen(text)}`,
    })
    return z.NEVER
  }),
)

/**
 * An arXiv identifier: `2504.13837` (optionally `v2`) or old-style
 * `hep-th/9901001`. Unquoted ids are read as written (see
 * `front-matter.ts`: `2504.10370` keeps its last zero).
 */
export const arxivId = z
  .string({ error: (issue) => `expected an arXiv id such as 2504.13837, not ${seen(issue.input)}` })
  .regex(/^(\d{2}(0[1-9]|1[0-2])\.\d{4,5}(v\d+)?|[a-z-]+(\.[A-Z]{2})?\/\d{2}(0[1-9]|1[0-2])\d{3}(v\d+)?)$/, {
    error: (issue) => `expected an arXiv id such as 2504.13837 or hep-th/9901001 (without the "arXiv:" prefix), not ${seen(issue.input)}`,
  })

/** `papers: [2504.13837]`, or one id on its own. */
const arxivList = z.preprocess(
  (value) => (typeof value === 'string' ? [value] : value === null ? [] : value),
  z.array(arxivId, { error: 'expected a list of arXiv ids, such as [2504.13837]' }),
)

/** A slug written in front matter: the override is checked further by `slug.ts`. */
const slugText = z.string({ error: 'expected a slug such as notes/my-note' })

/** One dated claim of a research prompt. */
const claimSchema = z.object({
  text,
  date: dateText,
  /** Slugs (or names) of the notes that support the claim. */
  notes: z.array(text, { error: 'expected a list of note slugs' }).default([]),
})

/** One anchor paper of a research prompt. */
const anchorSchema = z.object({
  arxiv: arxivId,
  date: dateText,
  title: text,
})

/** The data a research prompt is generated from. */
const promptSchema = z.object({
  /** Who the model should be: "a critical analyst of …". */
  role: text,
  /** The question, phrased to follow "The question: "; the inquiry's title when left out. */
  question: text.optional(),
  /** The span of the library, such as "2024–2026". */
  library: text.optional(),
  claims: z.array(claimSchema, { error: 'expected a list of claims' }).default([]),
  anchors: z.array(anchorSchema, { error: 'expected a list of anchor papers' }).default([]),
  tasks: z.array(text, { error: 'expected a list of tasks' }).default([]),
  /** The last line of the prompt. */
  closing: text.optional(),
})

/** A tag as written: `#` in front is allowed (`#rl` and `rl` are the same tag). */
const tagText = z
  .string({ error: 'expected a tag' })
  .trim()
  .transform((tag) => tag.replace(/^#/, ''))
  .pipe(z.string().min(1, { error: 'must not be empty' }))

/**
 * `tags: [a, b]`, or as Obsidian also allows, one string `tags: a, b` or
 * `tags: a b`. A tag has no spaces (Obsidian's rule too), so a string is
 * split at commas and white space: `tags: "machine learning"` is two
 * tags, `machine` and `learning`; write `machine-learning` for one. An
 * empty `tags:` is no tags, and empty items of a list are skipped.
 */
const tagList = z.preprocess(
  (value) => (typeof value === 'string' ? value.split(/[\s,]+/).filter((tag) => tag !== '') : emptyList(value)),
  z.array(tagText, { error: 'expected a list of tags, such as [rl, reasoning]' }),
)

/** `aliases: [Old name]`, or one string; an empty `aliases:` is none. */
const aliasList = z.preprocess(
  (value) => (typeof value === 'string' ? (value.trim() === '' ? [] : [value]) : emptyList(value)),
  z.array(text, { error: 'expected a list of other names, such as [Old title]' }),
)

/** `field:` with nothing after it (YAML's null) is an empty list; so is a list's empty item (`- ` alone). */
function emptyList(value: unknown): unknown {
  if (value === null) return []
  return Array.isArray(value) && value.includes(null) ? value.filter((item) => item !== null) : value
}

/** Fields every document may have. */
const common = {
  slug: slugText.optional(),
  /** When the document was written (first published); `created` is the same, for vaults that use that name. */
  date: documentDate.optional(),
  created: documentDate.optional(),
  /** When it last changed; `modified` is the same. */
  updated: documentDate.optional(),
  modified: documentDate.optional(),
  tags: tagList.optional(),
  /** Other names the document is found by (`[[Old name]]`); each also gets a page that redirects here. */
  aliases: aliasList.optional(),
  /** Quartz's and many vaults' name for a summary; used when `summary` is absent. */
  description: text.optional(),
  /** `draft: true` keeps a document out of the site. */
  draft: z.boolean({ error: 'expected true or false' }).optional(),
  /** `publish: false` keeps a document out of the site (Obsidian Publish's field). */
  publish: z.boolean({ error: 'expected true or false' }).optional(),
}

/**
 * A note's front matter. Title and summary may be left out, as in notes
 * written in other tools: quire then takes them from the body (and says so
 * in a hint), see `derive.ts`.
 */
export const noteSchema = z.object({
  type: z.literal('note').optional(),
  title: text.optional(),
  summary: text.optional(),
  ...common,
  papers: arxivList.optional(),
})

/** An inquiry's front matter: its title and summary are required (its prompt and sources depend on them). */
export const inquirySchema = z.object({
  type: z.literal('inquiry'),
  title: text,
  summary: text,
  ...common,
  papers: arxivList.optional(),
  next: z.array(text, { error: 'expected a list of inquiry slugs' }).default([]),
  prompt: promptSchema.optional(),
})

/**
 * The schemas are checked against the model's types (`NoteData`,
 * `InquiryData` in model.ts) when quire compiles: a field added to one and
 * not the other, or given another type, fails to compile. The schemas
 * leave a note's title and summary and a prompt's question optional, where
 * the model has them filled in (see `parse-document.ts`).
 */
type NoteFrontMatter = z.output<typeof noteSchema>
type InquiryFrontMatter = z.output<typeof inquirySchema>
type PromptFrontMatter = z.output<typeof promptSchema>
type _NoteDataMatches = Assert<Same<Omit<NoteFrontMatter, 'title' | 'summary'> & { title: string; summary: string }, NoteData>>
type _InquiryDataMatches = Assert<
  Same<Omit<InquiryFrontMatter, 'prompt'> & { prompt?: Omit<PromptFrontMatter, 'question'> & { question: string } }, InquiryData>
>

/** Compiles only for `true`. */
type Assert<T extends true> = T

/** Are `A` and `B` the same type once every `readonly` is taken off (fields of the same names, optional alike, of the same types)? */
type Same<A, B> = (<T>() => T extends Plain<A> ? 1 : 2) extends <T>() => T extends Plain<B> ? 1 : 2 ? true : false

/** `T` with `readonly` taken off its fields and lists, all the way down. */
type Plain<T> = T extends readonly (infer E)[] ? Plain<E>[] : T extends object ? { -readonly [K in keyof T]: Plain<T[K]> } : T
