/**
 * A page tree → its HTML text.
 */
import type { Root } from 'hast'
import rehypeStringify from 'rehype-stringify'
import { unified } from 'unified'

// Pages are trees of quire's templates, which escape everything they are given; the one `raw`
// node a page holds is a finished body (`bodyNodes`), HTML that went through the sanitizer.
const serializer = unified().use(rehypeStringify, { allowDangerousHtml: true }).freeze()

/** Serialise a page tree to HTML text. */
export function pageHtml(tree: Root): string {
  return serializer.stringify(tree) + '\n'
}
