/**
 * The catalogue of diagnostic codes: every kind of problem quire reports,
 * with the severities it is reported with, an example and what to do.
 *
 * A diagnostic's `code` is a key of this catalogue, and `error()`,
 * `warning()` and `hint()` accept only the codes listed with that severity,
 * so a misspelt code or a warning reported as an error does not compile.
 * `npm run docs` writes docs/diagnostics.md from it, and a test checks that
 * every code here is reported somewhere and that the page is up to date.
 */

/**
 * How bad a problem is: errors stop a build, warnings do not, and hints
 * only say where quire filled a gap (a title taken from the body, a field
 * it ignores). `quire check` lists hints; `quire build` only counts them.
 */
export type Severity = 'error' | 'warning' | 'hint'

/** Where a problem comes from, to group the codes in the documentation. */
export type CodeTopic = 'Front matter' | 'Files' | 'Links and embeds' | 'Addresses' | 'Research' | 'Site' | 'Import'

/** What the catalogue says about one code. */
export interface CodeEntry {
  readonly topic: CodeTopic
  /** The severities the code is reported with, the usual one first. */
  readonly severities: readonly [Severity, ...Severity[]]
  /** When there are several severities: which applies where, in words. */
  readonly severityWhen?: string
  /** An input that is reported with this code. */
  readonly example: string
  /** What to do about it, and what quire does meanwhile. */
  readonly action: string
}

/** Every diagnostic code, in the order the documentation lists them. */
export const diagnosticCodes = {
  'front-matter-language': {
    topic: 'Front matter',
    severities: ['error'],
    example: '`---js` as the first line',
    action: 'Front matter is YAML only; nothing after `---` on the first line is read or run. Start the file with a line of just `---`.',
  },
  'yaml-syntax': {
    topic: 'Front matter',
    severities: ['error'],
    example: '`title: Broken: colon`',
    action: 'Quote values that contain `: `, and check the indentation. In the config file the same code means the file is not valid YAML or JSON.',
  },
  'front-matter-not-mapping': {
    topic: 'Front matter',
    severities: ['error'],
    example: 'front matter (or a config file) that is a list or a single value',
    action: 'Write `field: value` lines.',
  },
  'missing-field': {
    topic: 'Front matter',
    severities: ['error'],
    example: 'an inquiry without `summary:`',
    action: 'Add the field. Inquiries need `title` and `summary`.',
  },
  'invalid-field': {
    topic: 'Front matter',
    severities: ['error'],
    example: "`title: 42`, `tags: 42`, `papers: [arXiv:2504.1]`, `type: essay`, an inquiry's `date: next week`",
    action: 'Follow the type given in the message.',
  },
  'unreadable-date': {
    topic: 'Front matter',
    severities: ['warning'],
    example: "a note's `created: 14-01-2026` or `date: next week`",
    action:
      'Write the date as year-month-day (the message gives `2026-01-14` when only one day fits). The note is published without that date; git may still date it. In an inquiry such a date is an `invalid-field` error.',
  },
  'unknown-field': {
    topic: 'Front matter',
    severities: ['warning', 'hint'],
    severityWhen: 'warning for a near miss of a known field; hint for a field from another tool',
    example: '`sumary:` (warning); `cssclasses:` (hint)',
    action: 'Fix the typo: the message suggests the closest known field. Fields from other tools are ignored.',
  },
  'fallback-title': {
    topic: 'Front matter',
    severities: ['hint'],
    example: 'a note with no `title:` (it takes the first `#` heading, else the file name), with or without a `summary:`',
    action: 'Nothing, or add `title:` (and `summary:`) to choose them yourself.',
  },
  'fallback-summary': {
    topic: 'Front matter',
    severities: ['hint'],
    example: 'a note with a `title:` but no `summary:` (it takes `description:`, else the first paragraph)',
    action: 'Nothing, or add `summary:` to choose it yourself.',
  },
  'empty-note': {
    topic: 'Files',
    severities: ['hint'],
    example: 'an empty file',
    action: 'Write the note or delete the file. It is not published.',
  },
  'unreadable-file': {
    topic: 'Files',
    severities: ['warning'],
    example: 'a `.md` file that is not UTF-8',
    action: 'Save it as UTF-8 to publish it, or move it out of the notes folder. It is left out of the site.',
  },
  'not-a-note': {
    topic: 'Files',
    severities: ['hint'],
    example: 'a canvas, an Excalidraw drawing, a binary file named `.md`',
    action: 'Nothing: it is left out of the site. Export a drawing as SVG or PNG to show it; list files under `ignore` to silence the hint.',
  },
  'note-too-complex': {
    topic: 'Files',
    severities: ['error'],
    example: '40 KB of `*_*_…`; quotes 300 levels deep',
    action: 'Break up the runs of delimiters, flatten the nesting, or split the note. `noteTimeLimit` in the config sets the time allowed.',
  },
  'unresolved-link': {
    topic: 'Links and embeds',
    severities: ['warning', 'error'],
    severityWhen: 'warning in a note; error in an inquiry or a claim',
    example: '`[[missing-note]]`',
    action:
      'Write the note or fix the name. In a note the link is shown as "not written yet" and listed on `not-written-yet/`; an inquiry\'s links and claims must name notes that exist. `--strict` or `strict: true` makes the warning fail the build.',
  },
  'ambiguous-link': {
    topic: 'Links and embeds',
    severities: ['warning'],
    example: '`[[topic]]` when `x/topic` and `y/topic` both exist',
    action: "The link goes where Obsidian sends it (the linking note's folder, else the shortest path); write the path (`[[y/topic]]`) to choose.",
  },
  'folder-link': {
    topic: 'Links and embeds',
    severities: ['hint'],
    example: '`[[guides/]]` when `guides/` has no `index.md`, `README.md` or `guides.md`',
    action: 'Add such a note to give the folder a page, or link to a note in it. Shown as plain text.',
  },
  'self-link': {
    topic: 'Links and embeds',
    severities: ['warning'],
    example: 'a page linking to itself (`[[This note]]`; `[[This note#Part]]` and `[[#Part]]` lead to a part of it and are fine)',
    action: 'Remove the link.',
  },
  'unknown-anchor': {
    topic: 'Links and embeds',
    severities: ['warning'],
    example: '`[[note#Nope]]`, `[[note#^gone]]`',
    action: 'Use a heading or block id the target has; the message lists them. The link leads to the top of the page.',
  },
  'unpublished-link': {
    topic: 'Links and embeds',
    severities: ['warning'],
    example: '`[[draft idea]]` where that note is `draft: true`',
    action: 'Publish the note or remove the link. It is shown as plain text.',
  },
  'dead-link': {
    topic: 'Links and embeds',
    severities: ['warning'],
    example: '`[setup](../setup)` when there is no `setup.md` and no such file',
    action: 'Fix the path (quire tries `setup.md`), or write a full URL. It is shown as plain text.',
  },
  'missing-attachment': {
    topic: 'Links and embeds',
    severities: ['warning'],
    example: '`![[figure.png]]` with no such file',
    action:
      'Fix the name or add the file (files in ignored folders, canvases and drawings are not found). The page shows "Missing image: figure.png" in its place. `![[name]]` without an extension embeds a note: when there is none, that is `unresolved-link`.',
  },
  'unsafe-attachment': {
    topic: 'Links and embeds',
    severities: ['warning'],
    example: '`![[page.html]]`, an SVG with `onload=`',
    action: 'The file is not published and the embed shows as missing. Link to it elsewhere, or export it again without script (or as PNG).',
  },
  'embed-cycle': {
    topic: 'Links and embeds',
    severities: ['error'],
    example: '`![[a]]` in b and `![[b]]` in a',
    action: 'Remove one embed, or link instead.',
  },
  'invalid-slug': {
    topic: 'Addresses',
    severities: ['error'],
    example: '`slug: ../x`; a note at `papers.md`, `tags.md`, `graph.md`, `all-notes.md`, `not-written-yet.md` or under `assets/`',
    action:
      "Use a relative path inside the site, and not one of the addresses of quire's own pages: rename the file or set `slug:`. (A name with no letters or digits, such as `$?.md`, is not an error: it is spelled out, `dollar-question/`.)",
  },
  'duplicate-slug': {
    topic: 'Addresses',
    severities: ['warning'],
    example: '`Topic.md` and `topic.md`; `Bash.md` and `Bash &.md`',
    action:
      'Both are published: the file that moved is at `topic-2/` or `bash-and/` (see [Slugs and URLs](content-model.md#slugs-and-urls)). Rename one file or set `slug:` to choose the address.',
  },
  'address-case-clash': {
    topic: 'Addresses',
    severities: ['warning'],
    example: 'an attachment `Linux/diagram.png` beside the pages of `linux/`; `img/Chart.png` and `img/chart.png`',
    action:
      'The attachment is published at `linux/diagram.png` or `img/chart-2.png`, and pages link there. Rename the folder or file so the paths match or differ by more than case. An attachment in a capitalised folder of notes (`Recipes/loaves/loaf.png` beside `Recipes/Bread.md`) simply follows its pages to `recipes/` with no warning.',
  },
  'alias-conflict': {
    topic: 'Addresses',
    severities: ['warning'],
    example: '`aliases: [B]` when `b.md` exists',
    action: 'Remove or change the alias; `[[B]]` still resolves. The alias gets no redirect page.',
  },
  'next-missing': {
    topic: 'Research',
    severities: ['error'],
    example: '`next: [gone]`',
    action: 'Fix the slug or remove the entry.',
  },
  'next-not-inquiry': {
    topic: 'Research',
    severities: ['error'],
    example: '`next:` naming a note',
    action: 'Next lines must be inquiries. Link notes from the body.',
  },
  'stale-claim': {
    topic: 'Research',
    severities: ['warning'],
    example: 'a claim dated `2024-06` on a 2026-11 build (with the default `staleAfterMonths: 12`)',
    action: 'Re-test the claim against newer work, then update its date.',
  },
  'arxiv-future': {
    topic: 'Research',
    severities: ['error'],
    example: '`2701.00001` on a 2026 build',
    action: 'Fix the id. It names a month that has not happened yet.',
  },
  'arxiv-date-mismatch': {
    topic: 'Research',
    severities: ['warning'],
    example: 'an anchor with `arxiv: 2504.13837` and `date: 2025-06`',
    action: "Check which one is wrong. The id's YYMM is the submission month.",
  },
  'missing-site-url': {
    topic: 'Site',
    severities: ['warning'],
    example: 'a `quire.config.yaml` with no `url:`',
    action:
      "Add the site's address (`url: https://…/`) to get the sitemap, canonical links and a feed with absolute links. Reported at the config file's line 1; a notes folder with no config file gets no such warning.",
  },
  'import-not-export': {
    topic: 'Import',
    severities: ['error'],
    example: 'a file that does not start with "INQUIRING LINE", is not UTF-8, or has no question or no summary',
    action: 'Nothing was imported from it. Export the inquiry page as text again.',
  },
  'import-unrecognised-section': {
    topic: 'Import',
    severities: ['warning'],
    example: 'a section heading the export format does not have, or a second "Sources"',
    action: 'Its lines up to the next known section are not imported: move them into the notes by hand.',
  },
  'import-unplaced-line': {
    topic: 'Import',
    severities: ['warning'],
    example: 'a line of the research prompt that is neither a claim, an anchor paper nor a task; an empty task',
    action: 'The line is not imported: add it to `prompt` by hand if it matters.',
  },
  'import-missing-summary': {
    topic: 'Import',
    severities: ['warning'],
    example: 'a source title with no summary paragraph after it',
    action: 'The source is not imported: write the note by hand, with a summary.',
  },
  'import-source-count': {
    topic: 'Import',
    severities: ['warning'],
    example: '"Sources 5 notes" above four titles with summaries; a source listed twice',
    action: 'Check that each title is followed by its summary, separated by blank lines. A source listed twice is imported once.',
  },
  'import-source-order': {
    topic: 'Import',
    severities: ['warning'],
    example: 'a Sources list in another order than the prose first mentions them',
    action: 'Nothing: the imported inquiry lists its sources in order of first mention, as every inquiry page does.',
  },
  'import-source-unlinked': {
    topic: 'Import',
    severities: ['warning'],
    example: 'a source whose title the prose never mentions',
    action: 'The note is imported but the inquiry will not list it among its sources: link it from the prose with its title or `[[slug]]`.',
  },
  'import-unlinked-title': {
    topic: 'Import',
    severities: ['warning'],
    example: "text in the prose that reads like a note's title but matches no source",
    action: 'It stays plain text. If it names a source, make it match the title under Sources exactly (the message suggests the closest).',
  },
  'import-undated-claim': {
    topic: 'Import',
    severities: ['warning'],
    example: 'a claim without a date such as `(2025-04)` at its end, or with one quire cannot read',
    action: 'The claim is not imported: add it to `prompt.claims` with a date.',
  },
  'import-invalid-anchor': {
    topic: 'Import',
    severities: ['warning'],
    example: 'an anchor paper that does not read `arXiv:ID (YYYY-MM) — title`',
    action: 'The anchor is not imported: add it to `prompt.anchors` by hand.',
  },
  'import-prompt-mismatch': {
    topic: 'Import',
    severities: ['warning'],
    example: 'a research prompt that does not start "You are …. The question: …", or whose wording or task numbers differ from quire\'s template',
    action:
      "Check the imported `prompt` data against the export; the published prompt uses the template's words. When the role and question cannot be read, the prompt is not imported.",
  },
  'import-next-unresolved': {
    topic: 'Import',
    severities: ['warning'],
    example: 'a next inquiring line that is not an inquiry in the notes folder or in this import (or is a note, or the inquiry itself)',
    action: 'The entry is left out of `next`: import its export too, then this one again with `--force`, or add it to `next` by hand.',
  },
  'import-file-exists': {
    topic: 'Import',
    severities: ['warning'],
    example: 'a note or inquiry file that already exists; the same inquiry in two exports',
    action: 'Nothing is overwritten: pass `--force` to replace the file.',
  },
} as const satisfies Readonly<Record<string, CodeEntry>>

/** Stable identifier of a kind of problem: a key of {@link diagnosticCodes}. */
export type DiagnosticCode = keyof typeof diagnosticCodes

/** The codes the catalogue lists with severity `S`. */
export type CodeWithSeverity<S extends Severity> = {
  [C in DiagnosticCode]: S extends (typeof diagnosticCodes)[C]['severities'][number] ? C : never
}[DiagnosticCode]
