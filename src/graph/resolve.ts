/**
 * Link resolution: what a written target names, as Obsidian finds it.
 *
 * A wikilink target `[[x]]` (also a name in `next:` or a claim's `notes:`)
 * is looked up in this order:
 *
 * 1. `[[./x]]`, `[[../x]]`: a path from the linking note's folder, and
 *    nothing else (Obsidian does not fall back to a name search for them).
 *    `[[a/./x]]` is tried from the note's folder, then as `[[a/x]]`.
 * 2. A file that exists with that name (`![[figure 1.png]]`): by path from
 *    the notes folder, by path from the note's folder, then by unique file
 *    name. A target is only taken for a file when such a file exists, so
 *    `[[TLS 1.0]]` is the note `TLS 1.0.md`.
 * 3. A note by its path from the top of the notes folder (`[[Note]]` is
 *    `Note.md` at the top, `[[b/Note]]` is `b/Note.md`), in any case;
 *    then by slug (`[[my-note]]`, or a `slug:` override).
 * 4. A note whose path ends with the name (`[[Note]]`, `[[b/Note]]` finds
 *    `z/b/Note.md`): those that match in case if any, else in any case
 *    (`[[Apple]]` is `one/Apple.md`, not `two/apple.md`). When several do: the one in the linking
 *    note's own folder (`a/Note.md` from `a/x.md`), else the shortest
 *    path, else the first by path; with an `ambiguous-link` warning, as
 *    other tools may choose differently.
 * 5. A note by title or `aliases`, exactly, then in any case (several: the
 *    same order, and the same warning). So a file name always wins over a
 *    title or alias of another note.
 * 6. `[[advanced/]]`, or `[[advanced]]` naming no note: the folder, by its
 *    note (`advanced/index.md`, `advanced/README.md`, `advanced/advanced.md`)
 *    if it has one, else the folder itself.
 * 7. `[[tags/plugin]]`: the tag's page, when a document carries the tag.
 *
 * Steps 3 and 4 are Obsidian's rule for a name several notes share, as its
 * `getFirstLinkpathDest` behaves: an exact path from the vault's top
 * first, then the linking note's folder (an ancestor folder counts for
 * nothing), then the shortest path. Quartz's `shortest` setting instead
 * takes a name only when one file has it and otherwise reads it as a path
 * from the top, and it reads `./x` as a name anywhere; where the two
 * differ, quire follows Obsidian, whose vault the notes were written in.
 *
 * Published documents are searched first; what names only a draft
 * resolves to `unpublished`. A Markdown link to a note (`[x](other.md)`,
 * `[x](../other)`) resolves by its path from the linking note's folder;
 * written without `./`, `../` or `/`, it is then also a name (steps 3 and
 * 4, as Obsidian reads such links), and then a folder (step 6). A Markdown
 * link to a file (`![x](chart.png)`) likewise: its path from the note's
 * folder, then, written without `./`, `../` or `/`, as in step 2.
 */
import path from 'node:path'
import { compare } from '../diagnostics.js'
import type { AttachmentFile, Doc, LinkRef, Resolution, Slug } from '../model.js'
import { slugBasename, slugFromPath } from '../slug.js'

/** Lookup tables for one set of documents. */
interface DocumentIndex {
  readonly bySlug: ReadonlyMap<Slug, Doc>
  /** By path without `.md`, as written and in lower case. */
  readonly byPath: ReadonlyMap<string, Slug>
  readonly byLowerPath: ReadonlyMap<string, Slug>
  /** By file name without `.md`, in lower case. */
  readonly byLowerName: ReadonlyMap<string, readonly Slug[]>
  /** By the last segment of the slug its file name gives (`My Note.md` → `my-note`). */
  readonly bySlugName: ReadonlyMap<string, readonly Slug[]>
  /** By title or alias, as written and in lower case. */
  readonly byTitle: ReadonlyMap<string, readonly Slug[]>
  readonly byLowerTitle: ReadonlyMap<string, readonly Slug[]>
}

/** Lookup tables built once per graph, so each resolution is a few map reads. */
export interface LinkIndex {
  readonly published: DocumentIndex
  readonly unpublished: DocumentIndex
  readonly attachments: ReadonlyMap<string, AttachmentFile>
  readonly attachmentsLower: ReadonlyMap<string, readonly string[]>
  readonly attachmentsByName: ReadonlyMap<string, readonly string[]>
  /** Every folder that holds a document or a file, by its path in lower case. */
  readonly folders: ReadonlyMap<string, string>
  /** The address segment of every tag a published document carries (`rl`, `rl/reward`). */
  readonly tags: ReadonlySet<string>
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
  const folders = new Map<string, string>()
  const addFolders = (file: string): void => {
    for (let folder = path.posix.dirname(file); folder !== '.' && !folders.has(folder.toLowerCase()); folder = path.posix.dirname(folder))
      folders.set(folder.toLowerCase(), folder)
  }
  for (const file of attachments) {
    byPath.set(file.relativePath, file)
    push(lower, file.relativePath.toLowerCase(), file.relativePath)
    push(byName, path.posix.basename(file.relativePath).toLowerCase(), file.relativePath)
    addFolders(file.relativePath)
  }
  const tags = new Set<string>()
  for (const doc of documents.values()) {
    addFolders(doc.file.relativePath)
    for (const tag of doc.data.tags ?? []) {
      const parts = tag.split('/')
      for (let i = 1; i <= parts.length; i++) {
        const key = slugFromPath(parts.slice(0, i).join('/'))
        if (key) tags.add(key)
      }
    }
  }
  for (const doc of unpublished.values()) addFolders(doc.file.relativePath)
  return {
    published: indexSet(documents),
    unpublished: indexSet(unpublished),
    attachments: byPath,
    attachmentsLower: lower,
    attachmentsByName: byName,
    folders,
    tags,
  }
}

function indexSet(documents: ReadonlyMap<Slug, Doc>): DocumentIndex {
  const byPath = new Map<string, Slug>()
  const byLowerPath = new Map<string, Slug>()
  const byLowerName = new Map<string, Slug[]>()
  const bySlugName = new Map<string, Slug[]>()
  const byTitle = new Map<string, Slug[]>()
  const byLowerTitle = new Map<string, Slug[]>()
  for (const [slug, doc] of documents) {
    const file = withoutMd(doc.file.relativePath)
    byPath.set(file, slug)
    if (!byLowerPath.has(file.toLowerCase())) byLowerPath.set(file.toLowerCase(), slug)
    push(byLowerName, path.posix.basename(file).toLowerCase(), slug)
    push(bySlugName, slugBasename(slugFromPath(doc.file.relativePath) ?? slug), slug)
    const names = new Set([doc.data.title, ...(doc.data.aliases ?? [])])
    for (const name of names) push(byTitle, name, slug)
    for (const name of new Set([...names].map((name) => name.toLowerCase()))) push(byLowerTitle, name, slug)
  }
  return { bySlug: documents, byPath, byLowerPath, byLowerName, bySlugName, byTitle, byLowerTitle }
}

const unresolved: Resolution = { kind: 'unresolved' }

/** Resolve one link written in `from`. */
export function resolveLink(index: LinkIndex, link: LinkRef, from?: Doc): Resolution {
  if (link.syntax === 'markdown') {
    if (!/\.md$/i.test(link.target) && (link.embed || hasFileExtension(link.target))) {
      const beside = attachmentByPath(index, link.target)
      if (beside) return beside
      // As in Obsidian, a bare `![x](chart.png)` is then also a path from the top and a file name, found in any folder.
      const written = writtenPath(link.written)
      const named =
        written !== undefined && !/^(\.{1,2})?\//.test(written) ? findAttachment(index, written, from ? folderOf(from.file.relativePath) : '') : undefined
      return named ?? unresolved
    }
    // `[x](other)` without `.md`, as some tools write links between notes.
    const file = withoutMd(link.target.replace(/\/+$/, ''))
    const found = documentAt(index, file)
    if (found) return found
    // As in Obsidian, a bare `[x](other.md)` (no `./`, `../` or `/`) is also a name, found in any folder.
    const written = writtenPath(link.written)
    const named =
      written !== undefined && !/^(\.{1,2})?\//.test(written)
        ? resolveIn(index, withoutMd(written), from ? folderOf(from.file.relativePath) : '', false)
        : unresolved
    if (named.kind !== 'unresolved') return named
    return folderOrTag(index, file) ?? unresolved
  }
  if (link.target === '' && link.fragment !== undefined && from) return { kind: 'resolved', slug: from.slug }
  const folder = from ? folderOf(from.file.relativePath) : ''
  const target = readTarget(link.target, folder)
  if (!target) return unresolved
  if (target.relative) {
    return attachmentByPath(index, target.path) ?? documentAt(index, target.path) ?? folderOrTag(index, target.path) ?? unresolved
  }
  if (target.folder) {
    const found = folderOrTag(index, target.path)
    if (found) return found
  }
  const fromFolder = target.fromFolder !== undefined ? (attachmentByPath(index, target.fromFolder) ?? documentAt(index, target.fromFolder)) : undefined
  if (fromFolder) return fromFolder
  if (/\.[^./]+$/.test(target.path)) {
    const file = findAttachment(index, target.path, folder)
    if (file) return file
  }
  const named = resolveIn(index, target.path, folder)
  if (named.kind !== 'unresolved') return named
  return folderOrTag(index, target.path) ?? unresolved
}

/** Resolve a name written in `next:` or in a claim's `notes:` (seen from the top of the notes folder). */
export function resolveName(index: LinkIndex, name: string): Resolution {
  const target = readTarget(name, '')
  return target ? resolveIn(index, target.path, '') : unresolved
}

/** A target read as a path: where it points, and how it was written. */
interface Target {
  /** The path without `.md` or slashes at either end (from the top, or for a relative target from the linking note's folder). */
  readonly path: string
  /** Written `./x` or `../x`: only this path counts. */
  readonly relative: boolean
  /** Written with a trailing `/`: a folder. */
  readonly folder: boolean
  /** For `a/./x` (a dot segment inside): the path from the linking note's folder, tried first. */
  readonly fromFolder?: string | undefined
}

/** Read a written target; undefined when it is empty or climbs above the notes folder. */
function readTarget(written: string, folder: string): Target | undefined {
  const trimmed = written.trim()
  const wantsFolder = /\/$/.test(trimmed)
  const bare = withoutMd(trimmed.replace(/^\/+|\/+$/g, ''))
  if (bare === '') return undefined
  const segments = bare.split('/')
  const dotted = segments.some((segment) => segment === '.' || segment === '..')
  if (!dotted) return { path: bare, relative: false, folder: wantsFolder }
  const fromFolder = inside(path.posix.join(folder, bare))
  if (!trimmed.startsWith('/') && (segments[0] === '.' || segments[0] === '..'))
    return fromFolder === undefined ? undefined : { path: fromFolder, relative: true, folder: wantsFolder }
  const fromTop = inside(bare)
  return fromTop === undefined ? undefined : { path: fromTop, relative: false, folder: wantsFolder, fromFolder }
}

/** `a/../b` → `b`; undefined when the path leaves the notes folder or is empty. */
function inside(joined: string): string | undefined {
  const normal = path.posix.normalize(joined)
  return normal === '.' || normal === '..' || normal.startsWith('../') ? undefined : normal
}

/** The folder of a file, `''` at the top. */
function folderOf(relativePath: string): string {
  const folder = path.posix.dirname(relativePath)
  return folder === '.' ? '' : folder
}

/** The document at exactly this path (without `.md`), published or not. */
function documentAt(index: LinkIndex, file: string): Resolution | undefined {
  const published = byPath(index.published, file)
  if (published) return { kind: 'resolved', slug: published }
  const draft = byPath(index.unpublished, file)
  return draft ? { kind: 'unpublished', slug: draft } : undefined
}

/** A name among the documents, published first; `titles` also by title and alias. */
function resolveIn(index: LinkIndex, name: string, folder: string, titles = true): Resolution {
  const published = findDocument(index.published, name, folder, titles)
  if (published) return published
  const draft = findDocument(index.unpublished, name, folder, titles)
  return draft ? { kind: 'unpublished', slug: draft.slug } : unresolved
}

/** The path part of a Markdown link's URL, decoded; undefined when it cannot be decoded. */
function writtenPath(url: string): string | undefined {
  const hash = url.indexOf('#')
  try {
    return decodeURIComponent(hash === -1 ? url : url.slice(0, hash))
  } catch {
    return undefined
  }
}

/** Steps 3 to 5 of the module comment in one set of documents (step 5 only with `titles`). */
function findDocument(index: DocumentIndex, name: string, folder: string, titles: boolean): Extract<Resolution, { kind: 'resolved' }> | undefined {
  const exact = byPath(index, name)
  if (exact) return { kind: 'resolved', slug: exact }
  if (index.bySlug.has(name as Slug)) return { kind: 'resolved', slug: name as Slug }
  const normalised = slugFromPath(name)
  if (normalised && index.bySlug.has(normalised)) return { kind: 'resolved', slug: normalised }
  const lower = name.toLowerCase()
  const endsWith = (file: string): boolean => file === lower || file.endsWith(`/${lower}`)
  const inAnyCase = (index.byLowerName.get(path.posix.basename(lower)) ?? []).filter((slug) =>
    endsWith(withoutMd(index.bySlug.get(slug)!.file.relativePath).toLowerCase()),
  )
  // Files whose names match in case come first: `[[Apple]]` is `one/Apple.md`, `[[apple]]` is `two/apple.md`.
  const inCase = inAnyCase.filter((slug) => {
    const own = withoutMd(index.bySlug.get(slug)!.file.relativePath)
    return own === name || own.endsWith(`/${name}`)
  })
  const byName = inCase.length > 0 ? inCase : inAnyCase
  const bySlugName =
    byName.length > 0 || !normalised
      ? []
      : (index.bySlugName.get(slugBasename(normalised)) ?? []).filter((slug) => {
          const own = slugFromPath(index.bySlug.get(slug)!.file.relativePath) ?? slug
          return own === normalised || own.endsWith(`/${normalised}`)
        })
  const trimmed = name.trim()
  const file = (slug: Slug): string => index.bySlug.get(slug)!.file.relativePath
  const beside = `${folder}/${lower}`
  const besideFile = (slug: Slug): boolean => withoutMd(file(slug)).toLowerCase() === beside
  const besideTitle = (slug: Slug): boolean => folderOf(file(slug)) === folder
  const byFile = pick(index, byName.length > 0 ? byName : bySlugName, besideFile)
  if (byFile || !titles) return byFile
  return pick(index, index.byTitle.get(trimmed), besideTitle) ?? pick(index, index.byLowerTitle.get(trimmed.toLowerCase()), besideTitle)
}

/**
 * One of several documents a name fits, as Obsidian picks: the one in the
 * linking note's folder (`beside`), else the shortest path, else the first
 * by path. All stay in `candidates`, for the `ambiguous-link` warning.
 */
function pick(
  index: DocumentIndex,
  slugs: readonly Slug[] | undefined,
  beside: (slug: Slug) => boolean,
): Extract<Resolution, { kind: 'resolved' }> | undefined {
  if (!slugs || slugs.length === 0) return undefined
  if (slugs.length === 1) return { kind: 'resolved', slug: slugs[0]! }
  const file = (slug: Slug): string => index.bySlug.get(slug)!.file.relativePath
  const ranked = [...slugs].sort((a, b) => Number(beside(b)) - Number(beside(a)) || file(a).length - file(b).length || compare(file(a), file(b)))
  return { kind: 'resolved', slug: ranked[0]!, candidates: ranked }
}

/**
 * A folder (step 6) or a tag's page (step 7) at `target`, a path from the
 * top of the notes folder.
 */
function folderOrTag(index: LinkIndex, target: string): Resolution | undefined {
  const folder = index.folders.get(target.toLowerCase())
  if (folder !== undefined) {
    for (const name of ['index', 'README', path.posix.basename(folder)]) {
      const found = documentAt(index, `${folder}/${name}`)
      if (found) return found
    }
    return { kind: 'folder', path: folder }
  }
  const tag = /^tags\/(.+)$/i.exec(target)?.[1]
  const key = tag === undefined ? undefined : slugFromPath(tag)
  return key !== undefined && index.tags.has(key) ? { kind: 'tag', tag: key } : undefined
}

function byPath(index: DocumentIndex, file: string): Slug | undefined {
  return index.byPath.get(file) ?? index.byLowerPath.get(file.toLowerCase())
}

function withoutMd(file: string): string {
  return file.replace(/\.md$/i, '')
}

/** Extensions of the files a note embeds or links to (as Obsidian accepts them), besides `.md`. */
const attachmentExtensions = new Set(
  (
    'png jpg jpeg gif webp avif bmp svg ico tif tiff heic ' +
    'mp3 wav m4a ogg oga flac opus 3gp mp4 webm ogv mov mkv ' +
    'pdf canvas base excalidraw html htm txt csv tsv json xml yaml yml zip gz tar epub ' +
    'doc docx xls xlsx ppt pptx odt ods odp tex bib ipynb'
  ).split(' '),
)

/**
 * Does a target end in the extension of a file a note can embed or link to
 * (`figure.png`, `paper.pdf`)? A name with another dot (`TLS 1.0`,
 * `v2.final`) is a note's name; it names a file only when that file exists.
 */
export function hasFileExtension(target: string): boolean {
  const extension = /\.([A-Za-z0-9]{1,11})$/.exec(path.posix.basename(target.trim()))?.[1]
  return extension !== undefined && attachmentExtensions.has(extension.toLowerCase())
}

function attachmentByPath(index: LinkIndex, relativePath: string): Resolution | undefined {
  const exact = index.attachments.get(relativePath)
  if (exact) return { kind: 'attachment', path: exact.relativePath }
  const lower = index.attachmentsLower.get(relativePath.toLowerCase())
  return lower?.length === 1 ? { kind: 'attachment', path: lower[0]! } : undefined
}

function findAttachment(index: LinkIndex, written: string, folder: string): Resolution | undefined {
  const found = attachmentByPath(index, written) ?? (folder === '' ? undefined : attachmentByPath(index, `${folder}/${written}`))
  if (found) return found
  const named = index.attachmentsByName.get(path.posix.basename(written).toLowerCase())
  if (!named || named.length === 0) return undefined
  const exact = named.filter((candidate) => path.posix.basename(candidate) === path.posix.basename(written))
  const pick = exact.length === 1 ? exact : named
  // Several files of that name: the one nearest the linking note, as Obsidian does; else the first by path.
  if (pick.length === 1) return { kind: 'attachment', path: pick[0]! }
  const near = pick.find((candidate) => folderOf(candidate) === folder)
  return { kind: 'attachment', path: near ?? [...pick].sort()[0]! }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}
