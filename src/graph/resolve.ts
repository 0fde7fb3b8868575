/**
 * Link resolution: what a written target names.
 *
 * `[[x]]` resolves by slug (as written, then normalised), then by a unique
 * file name, then by an exact title. A Markdown link to a `.md` file resolves
 * by the file's path in the notes folder.
 */
import type { Doc, LinkRef, Resolution, Slug } from '../model.js'
import { slugBasename, slugFromPath } from '../slug.js'

/** Lookup tables built once per graph, so each resolution is a few map reads. */
export interface LinkIndex {
  readonly bySlug: ReadonlyMap<Slug, Doc>
  readonly byFileName: ReadonlyMap<string, readonly Slug[]>
  readonly byTitle: ReadonlyMap<string, readonly Slug[]>
  readonly byPath: ReadonlyMap<string, Slug>
}

/** Index documents (already unique by slug) for resolution. */
export function indexDocuments(documents: ReadonlyMap<Slug, Doc>): LinkIndex {
  const byFileName = new Map<string, Slug[]>()
  const byTitle = new Map<string, Slug[]>()
  const byPath = new Map<string, Slug>()
  for (const [slug, doc] of documents) {
    push(byFileName, slugBasename(slugFromPath(doc.file.relativePath) ?? slug), slug)
    push(byTitle, doc.data.title, slug)
    byPath.set(doc.file.relativePath, slug)
  }
  return { bySlug: documents, byFileName, byTitle, byPath }
}

const unresolved: Resolution = { kind: 'unresolved' }

/** Resolve one link written in a document. */
export function resolveLink(index: LinkIndex, link: LinkRef): Resolution {
  if (link.syntax === 'markdown') {
    const slug = index.byPath.get(link.target)
    return slug ? { kind: 'resolved', slug } : unresolved
  }
  return resolveName(index, link.target)
}

/** Resolve a name written as `[[name]]` or in `next:`. */
export function resolveName(index: LinkIndex, name: string): Resolution {
  const written = name.trim().replace(/^\/+|\/+$/g, '').replace(/\.md$/i, '')
  if (written === '') return unresolved
  if (index.bySlug.has(written as Slug)) return { kind: 'resolved', slug: written as Slug }
  const normalised = slugFromPath(written)
  if (normalised && index.bySlug.has(normalised)) return { kind: 'resolved', slug: normalised }
  if (normalised && !normalised.includes('/')) {
    const named = fromCandidates(index.byFileName.get(normalised))
    if (named) return named
  }
  return fromCandidates(index.byTitle.get(name.trim())) ?? unresolved
}

function fromCandidates(candidates: readonly Slug[] | undefined): Resolution | undefined {
  if (!candidates || candidates.length === 0) return undefined
  if (candidates.length === 1) return { kind: 'resolved', slug: candidates[0]! }
  return { kind: 'ambiguous', candidates }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}
