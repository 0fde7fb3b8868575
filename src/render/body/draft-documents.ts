/**
 * Drafting right after parsing: each published document's body is
 * rendered from the tree the parse just made (see `draftBody`), so a build
 * parses every body once, in whichever thread parsed it.
 */
import type { Root } from 'mdast'
import type { Doc } from '../../model.js'
import type { ParseResult } from '../../parse/parse-document.js'
import { draftBody } from './body.js'
import type { DraftBody } from './slots.js'
import { wordCount } from '../props/reading-time.js'

/**
 * A parse, and beside its document (not in it: the model knows nothing of
 * rendering) the body's draft, when it could be drafted.
 */
export interface DraftedParse extends ParseResult {
  readonly draft?: DraftBody | undefined
}

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
 * The parse with its document's draft beside it. Parse with `keepTree`; a
 * body that cannot be drafted keeps its tree for rendering only when
 * `keepTree` says so (large libraries let trees go and parse again when
 * rendering).
 */
export function drafted(result: ParseResult, keepTree: boolean): DraftedParse {
  const doc = result.document
  if (!doc?.published) return result
  const tree = doc.body()
  const draft = draftBody(doc, tree)
  // A note's words are counted here too: the thread that parses a large library has more time to spare than the one that makes props.
  if (draft) return { ...result, draft: doc.type === 'note' ? { ...draft, words: wordCount(doc.file.text.slice(doc.bodyOffset)) } : draft }
  const document: Doc = keepTree ? { ...doc, body: handingOut(tree, doc.body) } : doc
  return { ...result, document }
}
