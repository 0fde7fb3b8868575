/**
 * The catalogue of diagnostic codes, the checks that report them and the
 * page that documents them say the same thing: every code the checks can
 * report is listed with the severities they report it with, every listed
 * code is reported somewhere, and docs/diagnostics.md is what
 * `npm run docs` writes from the catalogue.
 */
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { diagnosticsPage, diagnosticsPagePath } from '../scripts/diagnostics-doc.js'
import { diagnosticCodes, type DiagnosticCode } from '../src/diagnostic-codes.js'
import { error, warning, type Severity } from '../src/diagnostics.js'

const root = path.join(import.meta.dirname, '..')

/** Functions that make a diagnostic of a known severity from a code (`warn` is the import's own). */
const makers: Readonly<Record<string, Severity>> = { error: 'error', warning: 'warning', hint: 'hint', warn: 'warning' }

/** A code as it is spelled: lower-case words joined by single dashes. */
const codeShape = /^[a-z]+(-[a-z]+)+$/

interface Site {
  readonly code: string
  /** The severity it is reported with, when the call says so. */
  readonly severity: Severity | undefined
  readonly where: string
}

async function sourceFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true })
  return entries.filter((e) => e.isFile() && e.name.endsWith('.ts')).map((e) => path.join(e.parentPath, e.name))
}

/** String literals in `node`, looking through `a ? 'x' : 'y'`. */
function literals(node: ts.Node): ts.StringLiteralLike[] {
  if (ts.isStringLiteralLike(node)) return [node]
  if (ts.isConditionalExpression(node)) return [...literals(node.whenTrue), ...literals(node.whenFalse)]
  if (ts.isParenthesizedExpression(node)) return literals(node.expression)
  return []
}

/**
 * Every place in src/ that reports a code: a code-shaped string passed to
 * a function that makes a diagnostic, or held in a variable named `code`.
 * Syntax only, so it reads the whole tree in well under a second.
 */
async function reportingSites(): Promise<Site[]> {
  const sites: Site[] = []
  for (const file of await sourceFiles(path.join(root, 'src'))) {
    if (file.endsWith('diagnostic-codes.ts')) continue
    const text = await readFile(file, 'utf8')
    if (!text.includes('diagnostics.js')) continue
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true)
    const visit = (node: ts.Node): void => {
      let found: { nodes: readonly ts.Node[]; severity: Severity | undefined } | undefined
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
        found = { nodes: node.arguments, severity: makers[node.expression.text] }
      } else if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === 'code' && node.initializer) {
        found = { nodes: [node.initializer], severity: undefined }
      }
      for (const literal of (found?.nodes ?? []).flatMap(literals)) {
        if (!codeShape.test(literal.text)) continue
        const { line } = source.getLineAndCharacterOfPosition(literal.getStart())
        sites.push({ code: literal.text, severity: found!.severity, where: `${path.relative(root, file)}:${line + 1}` })
      }
      ts.forEachChild(node, visit)
    }
    visit(source)
  }
  return sites
}

describe('the catalogue of diagnostic codes', () => {
  it('lists every code the checks report, with the severity they report it with', async () => {
    const sites = await reportingSites()
    expect(sites.length).toBeGreaterThan(50)
    const unlisted = sites.filter((site) => !(site.code in diagnosticCodes)).map((site) => `${site.where} ${site.code}`)
    expect(unlisted).toEqual([])
    const wrongSeverity = sites
      .filter((site) => site.severity && !(diagnosticCodes[site.code as DiagnosticCode].severities as readonly Severity[]).includes(site.severity))
      .map((site) => `${site.where} ${site.code} as ${site.severity}`)
    expect(wrongSeverity).toEqual([])
  })

  it('lists no code that nothing reports, and no severity a code is never reported with', async () => {
    const sites = await reportingSites()
    const unused = Object.keys(diagnosticCodes).filter((code) => !sites.some((site) => site.code === code))
    expect(unused).toEqual([])
    const unseen: string[] = []
    for (const [code, entry] of Object.entries(diagnosticCodes)) {
      const of = sites.filter((site) => site.code === code)
      if (of.some((site) => site.severity === undefined)) continue
      for (const severity of entry.severities) if (!of.some((site) => site.severity === severity)) unseen.push(`${code} as ${severity}`)
    }
    expect(unseen).toEqual([])
  })

  it('says when each severity applies wherever a code has more than one', () => {
    for (const [code, entry] of Object.entries(diagnosticCodes)) {
      expect({ code, explained: entry.severities.length === 1 || 'severityWhen' in entry }).toEqual({ code, explained: true })
    }
  })

  it('turns a wrong code or severity into a type error', () => {
    // `tsc -p test` fails if either line below compiles without an error.
    // @ts-expect-error: stale-claim is a warning, never an error
    const asError = error('a.md', { line: 1, column: 1 }, 'stale-claim', 'Claim 1 is old.')
    // @ts-expect-error: no such code
    const unknown = warning('a.md', { line: 1, column: 1 }, 'no-such-code', 'Something.')
    expect([asError.code, unknown.code]).toEqual(['stale-claim', 'no-such-code'])
  })
})

describe('docs/diagnostics.md', () => {
  it('is what `npm run docs` writes from the catalogue', async () => {
    const committed = await readFile(path.join(root, diagnosticsPagePath), 'utf8')
    // If this fails, run `npm run docs` and commit docs/diagnostics.md.
    expect(committed).toBe(diagnosticsPage())
  })

  it('has a row for every code', async () => {
    const page = diagnosticsPage()
    for (const code of Object.keys(diagnosticCodes)) expect(page).toContain(`| \`${code}\` |`)
  })
})
