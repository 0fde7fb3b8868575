/**
 * Check: the documents and attachments published at another address than
 * their own, because another file had it (see `graph/addresses.ts`). Each
 * is a warning naming both files: the site builds, and the message says
 * how to choose the address instead.
 */
import { warning, type Diagnostic, type Position } from '../diagnostics.js'
import type { MovedAttachment, PathOwner } from '../graph/addresses.js'
import type { Doc, Graph } from '../model.js'

/** One warning per document that moved, and per attachment folder or file that moved. */
export function checkAddresses(graph: Graph): Diagnostic[] {
  const diagnostics: Diagnostic[] = []
  for (const { doc, parsed, holder } of graph.readdressed) {
    const sameCase = holder.file.relativePath.toLowerCase() === doc.file.relativePath.toLowerCase()
    const why = sameCase ? ' (the names differ only in case, which collide on many file systems)' : ''
    const choose = typeof doc.data.slug === 'string' ? 'Set a different `slug:`' : 'Rename one file or set `slug:`'
    diagnostics.push(
      warning(
        doc.file.displayPath,
        doc.positions.get('slug') ?? { line: 1, column: 1 },
        'duplicate-slug',
        `The address \`${parsed.slug}/\` is already ${holder.file.displayPath}'s${why}, so this page is published at \`${doc.slug}/\`. ${choose} to choose its address.`,
      ),
    )
  }
  const linked = firstLinks(graph)
  // One warning per folder that took another's spelling, and per file that took a number.
  const reported = new Set<string>()
  for (const [relativePath, moved] of graph.movedAttachments) {
    const from = linked.get(relativePath)
    if (!from || !authorsClash(relativePath, moved)) continue
    const folder = relativePath.slice(0, relativePath.lastIndexOf('/') + 1)
    const key = moved.clash === 'folder' ? `folder\u0000${folder}` : `file\u0000${relativePath}`
    if (reported.has(key)) continue
    reported.add(key)
    const notes = from.doc.file.displayPath.slice(0, from.doc.file.displayPath.length - from.doc.file.relativePath.length)
    const owner = ownerText(moved.owner, notes)
    const message =
      moved.clash === 'folder'
        ? `${notes}${relativePath} is published as ${moved.path}: its folder ${folder} differs only in case from ${moved.path.slice(0, moved.path.lastIndexOf('/') + 1)}, which ${owner} is in, and folders that differ only in case are one folder on macOS, Windows and many hosts. Rename the folder to match.`
        : `${notes}${relativePath} is published as ${moved.path}: ${owner} has its path but for case, and the two would be one file on macOS, Windows and many hosts. Rename one of them.`
    diagnostics.push(warning(from.doc.file.displayPath, from.position, 'address-case-clash', message))
  }
  return diagnostics
}

/**
 * Did the author spell one folder two ways? An attachment that only took
 * the lower case of its own folder's pages (`Tools/aws/chart.png` beside
 * `Tools/aws/AWS.md`, whose page is `tools/aws/aws/`) moved because page
 * addresses are lower case, not because of anything to rename: it is only
 * reported when the page's own file is in a folder spelled otherwise
 * (`Linux/diagram.png` beside `linux/shell.md`), or another attachment's
 * or quire's own path has the spelling.
 */
function authorsClash(relativePath: string, moved: MovedAttachment): boolean {
  if (moved.clash !== 'folder' || moved.owner.kind !== 'document') return true
  const own = relativePath.split('/').slice(0, -1)
  const published = moved.path.split('/').slice(0, -1)
  const depth = own.findIndex((segment, i) => segment !== published[i]) + 1
  const pageFolders = moved.owner.doc.file.relativePath.split('/').slice(0, -1)
  if (depth === 0 || pageFolders.length < depth) return false
  return pageFolders.slice(0, depth).join('/') !== own.slice(0, depth).join('/')
}

/** What has a path, in words. */
function ownerText(owner: PathOwner, notes: string): string {
  if (owner.kind === 'document') return `the page of ${owner.doc.file.displayPath}`
  if (owner.kind === 'attachment') return `${notes}${owner.path}`
  return `quire's own ${owner.path}`
}

/** For each moved attachment, the first link to it (by document, then link order). */
function firstLinks(graph: Graph): Map<string, { doc: Doc; position: Position }> {
  const first = new Map<string, { doc: Doc; position: Position }>()
  if (graph.movedAttachments.size === 0) return first
  for (const [slug, doc] of graph.documents) {
    ;(graph.resolved.get(slug) ?? []).forEach((result, i) => {
      if (result.kind === 'attachment' && graph.movedAttachments.has(result.path) && !first.has(result.path))
        first.set(result.path, { doc, position: doc.links[i]!.position })
    })
  }
  return first
}
