/**
 * Drafting right after parsing: each published document's body is
 * rendered from the tree the parse just made (see `draftBody`), so a build
 * parses every body once, in whichever thread parsed it.
 */
import type { Root } from 'mdast'
import type { Doc } from '../../model.js'
import type { ParseResult } from '../../parse/parse-document.js'
import { draftBody } from './body.js'

/** `body`, but handing out `tree` first (once), as a freshly parsed document does. */
function handingOut(tree: Root, body: () => Root): () => Root {
  let held: Root | undefined = tree
  return () => {
    const handed = held ?? body()
    held = undefined
    return handed
  }
}

/**
 * The parse with its document drafted. Parse with `keepTree`; a body that
 * cannot be drafted keeps its tree for rendering only when `keepTree` says
 * so (large libraries let trees go and parse again when rendering).
 */
export function drafted(result: ParseResult, keepTree: boolean): ParseResult {
  const doc = result.document
  if (!doc?.published) return result
  const tree = doc.body()
  const draft = draftBody(doc, tree)
  const document: Doc = draft ? { ...doc, draft } : keepTree ? { ...doc, body: handingOut(tree, doc.body) } : doc
  return { ...result, document }
}
