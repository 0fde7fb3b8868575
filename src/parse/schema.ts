/**
 * The front-matter schemas: one per document type.
 *
 * The TypeScript types of a note's and an inquiry's data are inferred from
 * these schemas, so what is validated is exactly what the code can use.
 */
import { z } from 'zod'

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

/** An arXiv identifier: `2504.13837` (optionally `v2`) or old-style `hep-th/9901001`. */
export const arxivId = z
  .string({ error: 'expected an arXiv id such as 2504.13837' })
  .regex(/^(\d{2}(0[1-9]|1[0-2])\.\d{4,5}(v\d+)?|[a-z-]+(\.[A-Z]{2})?\/\d{2}(0[1-9]|1[0-2])\d{3}(v\d+)?)$/, {
    error: 'expected an arXiv id such as 2504.13837 or hep-th/9901001 (without the "arXiv:" prefix)',
  })

/** A slug written in front matter: the override is checked further by `slug.ts`. */
const slugText = z.string({ error: 'expected a slug such as notes/my-note' })

/** One dated claim of a research prompt. */
export const claimSchema = z.object({
  text,
  date: dateText,
  /** Slugs (or names) of the notes that support the claim. */
  notes: z.array(text, { error: 'expected a list of note slugs' }).default([]),
})

/** One anchor paper of a research prompt. */
export const anchorSchema = z.object({
  arxiv: arxivId,
  date: dateText,
  title: text,
})

/** The data a research prompt is generated from. */
export const promptSchema = z.object({
  /** Who the model should be: "a critical analyst of …". */
  role: text,
  /** The question, phrased to follow "The question: ". */
  question: text,
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

/** `tags: [a, b]`, or as Obsidian also allows, one string `tags: a, b` or `tags: a b`. */
const tagList = z.preprocess(
  (value) => (typeof value === 'string' ? value.split(/[\s,]+/).filter((tag) => tag !== '') : value),
  z.array(tagText, { error: 'expected a list of tags, such as [rl, reasoning]' }),
)

/** `aliases: [Old name]`, or one string. */
const aliasList = z.preprocess((value) => (typeof value === 'string' ? [value] : value), z.array(text, { error: 'expected a list of other names, such as [Old title]' }))

/** Fields every document may have. */
const common = {
  slug: slugText.optional(),
  date: dateText.optional(),
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
  papers: z.array(arxivId, { error: 'expected a list of arXiv ids' }).optional(),
})

/** An inquiry's front matter: its title and summary are required (its prompt and sources depend on them). */
export const inquirySchema = z.object({
  type: z.literal('inquiry'),
  title: text,
  summary: text,
  ...common,
  papers: z.array(arxivId, { error: 'expected a list of arXiv ids' }).optional(),
  next: z.array(text, { error: 'expected a list of inquiry slugs' }).default([]),
  prompt: promptSchema.optional(),
})

/** A note's front matter as written (title and summary possibly missing). */
export type NoteFrontMatter = z.output<typeof noteSchema>
/** A note's data once its title and summary are known (from front matter, or derived). */
export type NoteData = Omit<NoteFrontMatter, 'title' | 'summary'> & { readonly title: string; readonly summary: string }
export type InquiryData = z.output<typeof inquirySchema>
export type PromptData = z.output<typeof promptSchema>
export type Claim = z.output<typeof claimSchema>
export type AnchorPaper = z.output<typeof anchorSchema>

/** The object schemas by path, used to find unknown keys. */
export type ObjectSchema = z.ZodObject<z.ZodRawShape>
