/**
 * The optional parts of rendering bodies, math and code highlighting, are
 * loaded only when some document may need them: a library without math or
 * code blocks builds without loading KaTeX or highlight.js.
 */
import type { Doc } from '../../model.js'
import { loadHighlighter, mayHaveCode } from './highlight.js'
import { loadMath, mayHaveMath } from './math.js'

/** Load what rendering these documents' bodies needs. Call before rendering them. */
export async function loadBodyExtensions(docs: Iterable<Doc>): Promise<void> {
  const texts = function* () {
    for (const doc of docs) yield doc.file.text
  }
  await loadBodyExtensionsFor(texts())
}

/** Load what rendering bodies with these texts needs. */
export async function loadBodyExtensionsFor(texts: Iterable<string>): Promise<void> {
  let math = false
  let code = false
  for (const text of texts) {
    math ||= mayHaveMath(text)
    code ||= mayHaveCode(text)
    if (math && code) break
  }
  await Promise.all([math ? loadMath() : undefined, code ? loadHighlighter() : undefined])
}
