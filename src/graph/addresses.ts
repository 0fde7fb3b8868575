/**
 * Addresses: every published document gets an address of its own, and
 * every file of the site a path that no other file shares, even on a file
 * system that ignores case (macOS, Windows, many hosts' storage).
 *
 * Documents. A document keeps its slug (`slug.ts`) unless another one has
 * the same slug. Then one of them keeps it: an explicit `slug:` before a
 * slug made from a path; then a file whose name is that slug once its
 * symbols are spelled out (`Bash.md` before `Bash &.md`); then the first
 * by path. The others, in path order, take their name with its symbols
 * spelled out (`Bash &.md` → `bash-and`, `Bash ;.md` → `bash-semicolon`),
 * or when that is taken too (or the slug was written in `slug:`), the
 * first free of `<slug>-2`, `<slug>-3`, …. So an address depends only on
 * the files, never on the order they were read in, and the check reports
 * each document that moved (`duplicate-slug`, a warning).
 *
 * Attachments. Pages' paths are lower case, and so are quire's own files.
 * An attachment is published at its path unless that path meets another
 * output path but for case (or Unicode normalisation): then each folder of
 * its path takes the spelling of the folder already there (a page's
 * folder, quire's own, or an earlier attachment's, by path), and a file
 * name already taken gets `-2`, `-3`, … before its extension.
 */
import { compare } from '../diagnostics.js'
import type { Doc, MovedAttachment, PathOwner, Readdressed, Slug } from '../model.js'

export type { MovedAttachment, PathOwner, Readdressed }
import { spelledSlugFromPath } from '../slug.js'

/** Published documents with addresses of their own, and the ones that moved. */
export interface DocumentAddresses {
  /** Every document, each with a slug no other has. */
  readonly documents: readonly Doc[]
  /** The documents that moved, in path order. */
  readonly readdressed: readonly Readdressed[]
}

/** Each parsed document's copy with a new slug: the same copy while the slug stays the same (`quire dev` compares documents by identity). */
const copies = new WeakMap<Doc, Doc>()

function withSlug(doc: Doc, slug: Slug): Doc {
  const copy = copies.get(doc)
  if (copy?.slug === slug) return copy
  const made: Doc = { ...doc, slug }
  copies.set(doc, made)
  return made
}

/** Does the document's slug come from its `slug:` field? */
function hasOverride(doc: Doc): boolean {
  return typeof doc.data.slug === 'string'
}

/** Which document of several with `slug` keeps it: lower first. */
function claim(doc: Doc, slug: Slug): number {
  if (hasOverride(doc)) return 0
  return spelledSlugFromPath(doc.file.relativePath) === slug ? 1 : 2
}

/** Give every document an address no other has (see the module comment). */
export function documentAddresses(documents: readonly Doc[]): DocumentAddresses {
  const bySlug = new Map<Slug, Doc[]>()
  for (const doc of documents) push(bySlug, doc.slug, doc)
  const taken = new Set<Slug>(bySlug.keys())
  const kept: Doc[] = []
  const moving: { doc: Doc; holder: Doc }[] = []
  for (const [slug, docs] of bySlug) {
    if (docs.length === 1) {
      kept.push(docs[0]!)
      continue
    }
    const ranked = [...docs].sort((a, b) => claim(a, slug) - claim(b, slug) || compare(a.file.relativePath, b.file.relativePath))
    kept.push(ranked[0]!)
    for (const doc of ranked.slice(1)) moving.push({ doc, holder: ranked[0]! })
  }
  moving.sort((a, b) => compare(a.doc.file.relativePath, b.doc.file.relativePath))
  const readdressed: Readdressed[] = []
  for (const { doc, holder } of moving) {
    const slug = freeSlug(doc, taken)
    taken.add(slug)
    const moved = withSlug(doc, slug)
    kept.push(moved)
    readdressed.push({ doc: moved, parsed: doc, holder })
  }
  return { documents: kept, readdressed }
}

/** The address a document that lost its slug takes. */
function freeSlug(doc: Doc, taken: ReadonlySet<Slug>): Slug {
  const base = hasOverride(doc) ? doc.slug : (spelledSlugFromPath(doc.file.relativePath) ?? doc.slug)
  if (!taken.has(base)) return base
  for (let n = 2; ; n++) {
    const numbered = `${base}-${n}` as Slug
    if (!taken.has(numbered)) return numbered
  }
}

/** What the attachments' paths must keep clear of. */
export interface SitePaths {
  /** Published documents by slug. */
  readonly documents: ReadonlyMap<Slug, Doc>
  /** Alias redirect pages (address → document). */
  readonly redirects: ReadonlyMap<Slug, Slug>
  /** quire's own files, whatever the notes (`graph.json`, `assets/quire.css`…), all lower case. */
  readonly siteFiles: readonly string[]
}

/** A path as a case-insensitive, normalisation-insensitive file system sees it. */
function folded(file: string): string {
  return file.normalize('NFC').toLowerCase()
}

/** The slug of the home page's document, published at the site root rather than in a folder. */
const homeSlug = 'index'

/**
 * Where each attachment (relative paths, in path order) is published when
 * not at its own path (see the module comment).
 */
export function attachmentAddresses(attachments: readonly string[], site: SitePaths): Map<string, MovedAttachment> {
  // Folders by folded path: their spelling in the site, what put them there, and whether quire owns all below.
  const folders = new Map<string, { spelling: string; owner: PathOwner; owned: boolean }>()
  const files = new Map<string, PathOwner>()
  const addFolders = (file: string, owner: PathOwner, owned: boolean): void => {
    const segments = file.split('/').slice(0, -1)
    segments.forEach((_, i) => {
      const folder = segments.slice(0, i + 1).join('/')
      if (!folders.has(folded(folder))) folders.set(folded(folder), { spelling: folder, owner, owned })
    })
  }
  for (const file of site.siteFiles) {
    files.set(folded(file), { kind: 'site', path: file })
    addFolders(file, { kind: 'site', path: file }, true)
  }
  for (const [slug, doc] of site.documents) if (slug !== homeSlug) addFolders(`${slug}/index.html`, { kind: 'document', doc }, false)
  for (const [from, to] of site.redirects) {
    const doc = site.documents.get(to)
    if (doc) addFolders(`${from}/index.html`, { kind: 'document', doc }, false)
  }

  const moved = new Map<string, MovedAttachment>()
  for (const relativePath of attachments) {
    const segments = relativePath.split('/')
    const name = segments.pop()!
    let folder = ''
    let owned = false
    let folderClash: PathOwner | undefined
    for (const segment of segments) {
      const wanted = folder + segment
      const known = folders.get(folded(wanted))
      let spelling = segment
      if (owned) spelling = segment.toLowerCase()
      else if (known) spelling = known.spelling.slice(known.spelling.lastIndexOf('/') + 1)
      if (spelling !== segment) folderClash ??= known?.owner ?? { kind: 'site', path: folder }
      owned ||= known?.owned === true
      folder += `${spelling}/`
      if (!known) folders.set(folded(wanted), { spelling: folder.slice(0, -1), owner: { kind: 'attachment', path: relativePath }, owned: false })
    }
    let published = folder + name
    const fileClash = files.get(folded(published)) ?? folders.get(folded(published))?.owner
    if (fileClash) {
      const dot = name.lastIndexOf('.')
      const [stem, extension] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, '']
      for (let n = 2; files.has(folded(published)) || folders.has(folded(published)); n++) published = `${folder}${stem}-${n}${extension}`
    }
    files.set(folded(published), { kind: 'attachment', path: relativePath })
    if (published !== relativePath) moved.set(relativePath, { path: published, clash: fileClash ? 'file' : 'folder', owner: fileClash ?? folderClash! })
  }
  return moved
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}
