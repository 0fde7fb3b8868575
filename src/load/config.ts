/**
 * The optional site configuration, `quire.config.yaml` (or `.yml`, `.json`)
 * at the root of the notes folder. Validated like front matter: every
 * problem is reported at its line and column.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { z } from 'zod'
import { error, type Diagnostic } from '../diagnostics.js'
import { layoutOf, parseUntrustedYaml, validateYaml, yamlToJS } from '../yaml-fields.js'
import { maxStarsInPart, tooManyStars } from './ignore.js'
import { locator } from '../locate.js'

import { configFileNames } from './config-files.js'

export { configFileNames }

/** Most `ignore` patterns: each is matched against every path of the notes folder. */
const maxPatterns = 200

/** Seconds a note may take to parse when the config does not say. */
const defaultNoteTimeLimit = 5

const text = z.string({ error: 'expected text' }).trim().min(1, { error: 'must not be empty' })

/** The schema of the config file. */
const configSchema = z.object({
  /** The site's name, in the header and every page title. */
  title: text.default('Research notes'),
  /** One sentence about the site (home page and its description). */
  description: text.optional(),
  /** Who writes the notes (feeds and page metadata). */
  author: text.optional(),
  /** The path the site is served under, such as `/my-notes/` for GitHub Pages. */
  base: z
    .string({ error: 'expected a path such as /my-notes/' })
    .regex(/^\/([^\s?#\\]*\/)?$/, { error: 'expected a path that starts and ends with /, such as /my-notes/ (no spaces, ?, # or \\)' })
    .default('/'),
  /** The site's absolute address, such as `https://example.org/notes/` (feeds, sitemap, canonical links). */
  url: z.url({ protocol: /^https?$/, error: 'expected an absolute http(s) URL such as https://example.org/notes/' }).optional(),
  /** Claims older than this many months are marked for re-testing. */
  staleAfterMonths: z
    .number({ error: 'expected a whole number of months' })
    .int({ error: 'expected a whole number of months' })
    .positive({ error: 'must be at least 1' })
    .default(12),
  /**
   * Files and folders of the notes folder never read nor published, as
   * glob patterns relative to it (`private/**`, `*.excalidraw.md`). They add
   * to the defaults (see `ignore.ts`); a pattern starting with `!` publishes
   * what a default would leave out (`!templates`).
   */
  ignore: z
    .array(
      text.refine((pattern) => !tooManyStars(pattern), { error: `a part of a pattern (between two /) may have at most ${maxStarsInPart} *, such as *draft*` }),
      {
        error: 'expected a list of patterns, such as [private/**, "*.canvas"]',
      },
    )
    .max(maxPatterns, { error: `at most ${maxPatterns} patterns` })
    .default([]),
  /**
   * Date notes whose front matter gives none from the git history of the
   * notes folder (first commit, last change; see `git-dates.ts`). `false`
   * turns it off, as `--no-git-dates` does.
   */
  gitDates: z.boolean({ error: 'expected true or false' }).default(true),
  /**
   * Seconds one note may take to parse before quire stops and reports it
   * (`note-too-complex`): a note is untrusted input, and a few kilobytes of
   * some Markdown can take minutes. At most 60.
   */
  noteTimeLimit: z
    .number({ error: 'expected a number of seconds' })
    .positive({ error: 'must be more than 0' })
    .max(60, { error: 'must be at most 60 seconds' })
    .default(defaultNoteTimeLimit),
  /**
   * The tool that published the site before, whose addresses should keep
   * working: `quartz` writes `_redirects` from each page's Quartz address
   * to its quire address (see `quartz-redirects.ts`).
   */
  movedFrom: z.enum(['quartz'], { error: 'expected quartz (the only tool whose addresses quire can redirect from)' }).optional(),
  /**
   * Treat every warning as an error, as `--strict` does: `quire build`
   * and `quire dev` then write nothing and `quire check` exits 1 while a
   * note links to a note not written yet (or has any other warning).
   */
  strict: z.boolean({ error: 'expected true or false' }).default(false),
})

/** Site configuration, with defaults filled in. */
export type SiteConfig = z.output<typeof configSchema>

/** The configuration and any problems with it. */
export interface ConfigResult {
  readonly config: SiteConfig
  /** The file it came from, if any. */
  readonly file: string | undefined
  readonly diagnostics: Diagnostic[]
}

/** Defaults used when there is no config file (or it is broken). */
export const defaultConfig: SiteConfig = configSchema.parse({})

/** Read and validate the config file in `notesDir`, if there is one. */
export async function loadConfig(notesDir: string, display: (file: string) => string): Promise<ConfigResult> {
  for (const name of configFileNames) {
    const file = path.join(notesDir, name)
    const source = await readFile(file, 'utf8').catch(() => undefined)
    if (source === undefined) continue
    return parseConfig(source.replace(/^\uFEFF/, ''), display(file))
  }
  return { config: defaultConfig, file: undefined, diagnostics: [] }
}

/** Validate config text (YAML or JSON: JSON is YAML). */
export function parseConfig(source: string, file: string): ConfigResult {
  const locate = locator(source)
  const yaml = parseUntrustedYaml(source)
  if (yaml.errors.length > 0) {
    const diagnostics = yaml.errors.map((problem) =>
      error(
        file,
        locate(problem.pos[0]),
        'yaml-syntax',
        `The config file is not valid YAML or JSON: ${problem.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}.`,
      ),
    )
    return { config: defaultConfig, file, diagnostics }
  }
  const converted = yamlToJS(yaml)
  if (!converted.ok) {
    return {
      config: defaultConfig,
      file,
      diagnostics: [error(file, locate(converted.offset), 'yaml-syntax', `The config file is not valid YAML: ${converted.message}.`)],
    }
  }
  const data: unknown = converted.value ?? {}
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return {
      config: defaultConfig,
      file,
      diagnostics: [error(file, { line: 1, column: 1 }, 'front-matter-not-mapping', 'The config file must be a mapping of settings (`title: …` lines).')],
    }
  }
  const validated = validateYaml(configSchema, { data: data as Record<string, unknown>, layout: layoutOf(yaml.contents), yamlOffset: 0 }, file, locate)
  return { config: validated.value ?? defaultConfig, file, diagnostics: validated.diagnostics }
}
