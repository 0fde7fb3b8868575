/**
 * Writes docs/diagnostics.md from the catalogue of diagnostic codes
 * (src/diagnostic-codes.ts), so the page and the checks cannot disagree.
 *
 *   npm run docs                   # rewrite docs/diagnostics.md
 *
 * A test compares the committed page with {@link diagnosticsPage}.
 */
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { diagnosticCodes, type CodeEntry, type CodeTopic, type DiagnosticCode } from '../src/diagnostic-codes.js'

/** Where the page lives, from the repository's root. */
export const diagnosticsPagePath = 'docs/diagnostics.md'

const introduction = `# Every diagnostic

<!-- Written by \`npm run docs\` from src/diagnostic-codes.ts: edit the catalogue there, not this page. -->

quire reports every problem it finds in one run, each on one line in the
form editors and CI annotations understand, with a stable code in brackets
at the end:

\`\`\`
notes/a.md:5:15: warning: Link [[missing-note]] does not match any note or inquiry (by slug, file name, title or alias); it is shown as a note not written yet. Write the note or fix the name. [unresolved-link]
\`\`\`

An **error** stops \`quire build\` (nothing is written) and makes every
command exit with status 1. A **warning** does not, unless \`--strict\` or
\`strict: true\` in the config is set. A **hint** says where quire filled a
gap; \`quire check\` lists hints, \`quire build\` only counts them. See
[What is an error and what is a warning](commands.md#what-is-an-error-and-what-is-a-warning).
`

const importNote = `\`quire import\` reports these at their line in the text export. The
import still writes everything it could place.
`

/** A table cell: pipes escaped, so a code such as `[[a|b]]` does not split the row. */
function cell(text: string): string {
  return text.replaceAll('|', '\\|')
}

function severityCell(entry: CodeEntry): string {
  return entry.severityWhen ?? entry.severities.join(' / ')
}

function table(codes: readonly DiagnosticCode[]): string {
  const rows = codes.map((code) => {
    const entry: CodeEntry = diagnosticCodes[code]
    return `| \`${code}\` | ${cell(severityCell(entry))} | ${cell(entry.example)} | ${cell(entry.action)} |`
  })
  return ['| code | severity | example | what to do |', '|---|---|---|---|', ...rows].join('\n') + '\n'
}

/** The whole page, one section per topic in the catalogue's order. */
export function diagnosticsPage(): string {
  const topics = new Map<CodeTopic, DiagnosticCode[]>()
  for (const code of Object.keys(diagnosticCodes) as DiagnosticCode[]) {
    const topic = diagnosticCodes[code].topic
    topics.set(topic, [...(topics.get(topic) ?? []), code])
  }
  const sections = [...topics].map(([topic, codes]) => `## ${topic}\n\n${topic === 'Import' ? `${importNote}\n` : ''}${table(codes)}`)
  return [introduction, ...sections].join('\n')
}

async function main(): Promise<void> {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
  const file = path.join(root, diagnosticsPagePath)
  await writeFile(file, diagnosticsPage())
  console.log(`wrote ${diagnosticsPagePath}`)
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main()
