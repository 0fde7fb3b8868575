/**
 * Link resolution: what a written target names.
 *
 * `[[x]]` resolves by slug (as written, then normalised), then by file name
 * (exact case first, then any case), then by title and `aliases` (exact,
 * then any case); `[[#Heading]]` names its own page. A Markdown link to a
 * `.md` file resolves by the file's path in the notes folder. A target with
 * a file extension (`![[figure 1.png]]`, `![alt](img/x.png)`, `[pdf](a.pdf)`)
 * names an attachment: by path from the notes folder, by path from the
 * linking note's folder, then by unique file name, as Obsidian finds them.
 * What names no published document but names a draft resolves to
 * `unpublished`.
 */
import path from 'node:path'
import type { AttachmentFile, Doc, LinkRef, Resolution, Slug } from '../model.js'
import { slugBasename, slugFromPath } from '../slug.js'

/** Lookup tables for one set of documents. */
interface DocumentIndex {
  readonly bySlug: ReadonlyMap<Slug, Doc>
  readonly byFileName: ReadonlyMap<string, readonly Slug[]>
  readonly byExactName: ReadonlyMap<string, readonly Slug[]>
  readonly byName: ReadonlyMap<string, readonly Slug[]>
  readonly byLowerName: ReadonlyMap<string, readonly Slug[]>
  readonly byPath: ReadonlyMap<string, Slug>
  readonly byLowerPath: ReadonlyMap<string, Slug>
}

/** Lookup tables built once per graph, so each resolution is a few map reads. */
export interface LinkIndex {
  readonly published: DocumentIndex
  readonly unpublished: DocumentIndex
  readonly attachments: ReadonlyMap<string, AttachmentFile>
  readonly attachmentsLower: ReadonlyMap<string, readonly string[]>
  readonly attachmentsByName: ReadonlyMap<string, readonly string[]>
}

/** Index documents (each set already unique by slug) and attachments for resolution. */
export function indexDocuments(
  documents: ReadonlyMap<Slug, Doc>,
  unpublished: ReadonlyMap<Slug, Doc> = new Map(),
  attachments: readonly AttachmentFile[] = [],
): LinkIndex {
  const byPath = new Map<string, AttachmentFile>()
  const lower = new Map<string, string[]>()
  const byName = new Map<string, string[]>()
  for (const file of attachments) {
    byPath.set(file.relativePath, file)
    push(lower, file.relativePath.toLowerCase(), file.relativePath)
    push(byName, path.posix.basename(file.relativePath).toLowerCase(), file.relativePath)
  }
  return { published: indexSet(documents), unpublished: indexSet(unpublished), attachments: byPath, attachmentsLower: lower, attachmentsByName: byName }
}

function indexSet(documents: ReadonlyMap<Slug, Doc>): DocumentIndex {
  const byFileName = new Map<string, Slug[]>()
  const byExactName = new Map<string, Slug[]>()
  const byName = new Map<string, Slug[]>()
  const byLowerName = new Map<string, Slug[]>()
  const byPath = new Map<string, Slug>()
  const byLowerPath = new Map<string, Slug>()
  for (const [slug, doc] of documents) {
    push(byFileName, slugBasename(slugFromPath(doc.file.relativePath) ?? slug), slug)
    push(byExactName, path.posix.basename(doc.file.relativePath).replace(/\.md$/i, ''), slug)
    const names = new Set([doc.data.title, ...(doc.data.aliases ?? [])])
    for (const name of names) push(byName, name, slug)
    for (const name of new Set([...names].map((name) => name.toLowerCase()))) push(byLowerName, name, slug)
    byPath.set(doc.file.relativePath, slug)
    byLowerPath.set(doc.file.relativePath.toLowerCase(), slug)
  }
  return { bySlug: documents, byFileName, byExactName, byName, byLowerName, byPath, byLowerPath }
}

const unresolved: Resolution = { kind: 'unresolved' }

/** Resolve one link written in `from`. */
export function resolveLink(index: LinkIndex, link: LinkRef, from?: Doc): Resolution {
  if (link.syntax === 'markdown') {
    if (!/\.md$/i.test(link.target) && (link.embed || hasFileExtension(link.target))) return attachmentByPath(index, link.target) ?? unresolved
    // `[x](other)` without `.md`, as some tools write links between notes.
    const file = /\.md$/i.test(link.target) ? link.target : `${link.target}.md`
    const published = byPath(index.published, file)
    if (published) return { kind: 'resolved', slug: published }
    const draft = byPath(index.unpublished, file)
    return draft ? { kind: 'unpublished', slug: draft } : unresolved
  }
  if (link.target === '' && link.fragment !== undefined && from) return { kind: 'resolved', slug: from.slug }
  if (hasFileExtension(link.target)) {
    const file = findAttachment(index, link.target, from)
    if (file) return file
  }
  return resolveName(index, link.target)
}

/** Resolve a name written as `[[name]]`, in `next:` or in a claim's `notes:`. */
export function resolveName(index: LinkIndex, name: string): Resolution {
  const published = resolveIn(index.published, name)
  if (published.kind !== 'unresolved') return published
  const draft = resolveIn(index.unpublished, name)
  return draft.kind === 'resolved' ? { kind: 'unpublished', slug: draft.slug } : published
}

function resolveIn(index: DocumentIndex, name: string): Resolution {
  const written = name.trim().replace(/^\/+|\/+$/g, '').replace(/\.md$/i, '')
  if (written === '') return unresolved
  if (index.bySlug.has(written as Slug)) return { kind: 'resolved', slug: written as Slug }
  const normalised = slugFromPath(written)
  if (normalised && index.bySlug.has(normalised)) return { kind: 'resolved', slug: normalised }
  if (normalised && !normalised.includes('/')) {
    // `[[Apple]]` prefers `Apple.md` to `fruit/apple.md`; then any case.
    const exact = index.byExactName.get(written)
    if (exact?.length === 1) return { kind: 'resolved', slug: exact[0]! }
    const named = fromCandidates(index.byFileName.get(normalised))
    if (named) return named
  }
  const trimmed = name.trim()
  return fromCandidates(index.byName.get(trimmed)) ?? fromCandidates(index.byLowerName.get(trimmed.toLowerCase())) ?? unresolved
}

function byPath(index: DocumentIndex, relativePath: string): Slug | undefined {
  return index.byPath.get(relativePath) ?? index.byLowerPath.get(relativePath.toLowerCase())
}

/** Does a wikilink target end in a file extension other than `.md` (`figure.png`)? */
export function hasFileExtension(target: string): boolean {
  return /\.[A-Za-z0-9]{1,8}$/.test(path.posix.basename(target)) && !/\.md$/i.test(target)
}

function attachmentByPath(index: LinkIndex, relativePath: string): Resolution | undefined {
  const exact = index.attachments.get(relativePath)
  if (exact) return { kind: 'attachment', path: exact.relativePath }
  const lower = index.attachmentsLower.get(relativePath.toLowerCase())
  return lower?.length === 1 ? { kind: 'attachment', path: lower[0]! } : undefined
}

function findAttachment(index: LinkIndex, target: string, from: Doc | undefined): Resolution | undefined {
  const written = target.replace(/^\/+/, '')
  const inFolder = from ? path.posix.normalize(path.posix.join(path.posix.dirname(from.file.relativePath), written)) : undefined
  const found = attachmentByPath(index, written) ?? (inFolder ? attachmentByPath(index, inFolder) : undefined)
  if (found) return found
  const named = index.attachmentsByName.get(path.posix.basename(written).toLowerCase())
  if (!named || named.length === 0) return undefined
  const exact = named.filter((candidate) => path.posix.basename(candidate) === path.posix.basename(written))
  const pick = exact.length === 1 ? exact : named
  // Several files of that name: the one nearest the linking note, as Obsidian does; else the first by path.
  if (pick.length === 1) return { kind: 'attachment', path: pick[0]! }
  const folder = from ? path.posix.dirname(from.file.relativePath) : ''
  const near = pick.find((candidate) => path.posix.dirname(candidate) === folder)
  return { kind: 'attachment', path: near ?? [...pick].sort()[0]! }
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
