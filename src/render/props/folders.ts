/**
 * Folders: the library seen as the folders of its addresses, for the
 * folder pages, the breadcrumbs and the explorer.
 *
 * A folder is a folder of document addresses: `methods/rl/ppo` is in the
 * folder `methods/rl`, itself in `methods`. For a library without `slug:`
 * overrides these are the folders of the notes folder. Each folder that
 * holds a published document, at any depth, has a page at its address
 * (`methods/rl/`), listing its sub-folders then its documents by title,
 * at most {@link entriesPerPage} entries a page; further pages are
 * `methods/rl/page-2.html`, … (a slug never holds a `.`, so no document
 * can take that address).
 *
 * A note whose address is the folder's (`methods.md` beside `methods/`,
 * as Obsidian's folder notes have it) is the folder's page: the listing
 * follows its text. Otherwise the folder's `index.md`, when it has one,
 * heads the folder's page (as the library's `index.md` heads the home
 * page) and keeps its own page too. A folder whose address is one of
 * quire's own pages (`papers/`, `tags/`…) or an alias's has no page.
 *
 * Everything here is worked out once per graph structure, in time linear
 * in the library (plus sorting each folder's documents by title).
 */
import { compare } from '../../diagnostics.js'
import { byStructure } from '../../graph/structure.js'
import { folderKey, folderListingKey, noteRead, RecordingMap, structureKey } from '../../graph/recorded-reads.js'
import { unwrittenPageSlug } from '../../graph/unwritten-notes.js'
import type { Graph, Slug } from '../../model.js'
import { slugFromPath } from '../../slug.js'
import { graphPageSlug } from './graph-layout.js'
import { tagsPageSlug } from './tag-links.js'
import { homeSlug } from '../url.js'

/** A listing page shows at most this many entries (sub-folders and documents). */
export const entriesPerPage = 500

/** The full list of documents, by title: `all-notes/`, then `all-notes/page-2.html`, …. */
export const allNotesSlug = 'all-notes' as Slug

/** One folder of the library. */
export interface Folder {
  readonly slug: Slug
  /** Its name as the notes folder spells it (else its address segment). */
  readonly name: string
  /** The folder holding it; undefined at the top. */
  readonly parent: Slug | undefined
  /** Its sub-folders, by name. */
  readonly folders: Slug[]
  /** The documents directly in it, by title (not its own note nor its `index.md`). */
  readonly documents: Slug[]
  /** How many documents it holds at any depth (listed ones). */
  total: number
  /** Its `index.md`, when it has one. */
  readonly index: Slug | undefined
  /** The document whose address is the folder's, when there is one: its page is the folder's page. */
  readonly note: Slug | undefined
  /** Does the folder have a page at its address (see the module comment)? */
  readonly hasPage: boolean
}

/** Every folder of a library, and what sits at its top. */
export interface FolderTree {
  readonly folders: ReadonlyMap<Slug, Folder>
  /** Top-level folders, by name. */
  readonly top: readonly Slug[]
  /** Documents at the top of the library (not the home page's `index.md`), by title. */
  readonly documents: readonly Slug[]
}

/** quire's own pages at the top of the site: a folder there has no page. */
const sitePages = new Set<string>(['papers', graphPageSlug, tagsPageSlug, unwrittenPageSlug, allNotesSlug, 'assets', '__quire'])

/** The folder of a slug (`a/b/c` → `a/b`); undefined at the top. */
export function parentOf(slug: Slug): Slug | undefined {
  const cut = slug.lastIndexOf('/')
  return cut < 0 ? undefined : (slug.slice(0, cut) as Slug)
}

/** Is the document at `slug` listed in folders and the list of every note (not the home page's `index.md`, not a tag's description)? */
export function isListed(slug: Slug): boolean {
  return slug !== homeSlug && slug !== tagsPageSlug && !slug.startsWith(`${tagsPageSlug}/`)
}

/** The library's folders (see the module comment). */
/**
 * The tree seen by a page whose reads are recorded: a folder's name and
 * page are read under its key, its listing (sub-folders, documents, count)
 * under its listing's key, so that breadcrumbs do not depend on the order
 * of the documents in their folders. The top level is the structure's.
 */
function recordedTree(tree: FolderTree): FolderTree {
  const folders = new RecordingMap(tree.folders, folderKey(''), structureKey, recordedFolder)
  return {
    folders,
    get top() {
      noteRead(structureKey)
      return tree.top
    },
    get documents() {
      noteRead(structureKey)
      return tree.documents
    },
  }
}

/** A folder whose listing is read under {@link folderListingKey}. */
function recordedFolder(folder: Folder): Folder {
  const listing = folderListingKey(folder.slug)
  return {
    slug: folder.slug,
    name: folder.name,
    parent: folder.parent,
    index: folder.index,
    note: folder.note,
    hasPage: folder.hasPage,
    get folders() {
      noteRead(listing)
      return folder.folders
    },
    get documents() {
      noteRead(listing)
      return folder.documents
    },
    get total() {
      noteRead(listing)
      return folder.total
    },
  }
}

export const folderTree = byStructure((graph: Graph): FolderTree => {
  const folders = new Map<Slug, Folder>()
  const names = new Map<Slug, string>()
  const top: Slug[] = []
  const atTop: Slug[] = []
  const ensure = (slug: Slug): Folder => {
    let folder = folders.get(slug)
    if (folder) return folder
    const parent = parentOf(slug)
    folder = {
      slug,
      name: slug.slice(slug.lastIndexOf('/') + 1),
      parent,
      folders: [],
      documents: [],
      total: 0,
      index: graph.documents.has(`${slug}/index` as Slug) ? (`${slug}/index` as Slug) : undefined,
      note: graph.documents.has(slug) ? slug : undefined,
      hasPage: !graph.redirects.has(slug) && (parent !== undefined || !sitePages.has(slug)),
    }
    folders.set(slug, folder)
    if (parent === undefined) top.push(slug)
    else ensure(parent).folders.push(slug)
    return folder
  }
  // Documents in path order, so a folder's name is spelled as its first file spells it.
  const documents = [...graph.documents.values()].sort((a, b) => compare(a.file.relativePath, b.file.relativePath))
  for (const doc of documents) {
    const slug = doc.slug
    if (!isListed(slug)) continue
    const parent = parentOf(slug)
    if (parent !== undefined) ensure(parent)
    spellFolders(names, doc.file.relativePath, slug)
  }
  for (const doc of documents) {
    const slug = doc.slug
    if (!isListed(slug)) continue
    // A folder's own note is its page, not an entry of the folder above.
    if (folders.has(slug)) continue
    const parent = parentOf(slug)
    if (parent === undefined) {
      atTop.push(slug)
      continue
    }
    const folder = folders.get(parent)!
    if (folder.index === slug && folder.note === undefined) continue
    folder.documents.push(slug)
    for (let up: Folder | undefined = folder; up; up = up.parent === undefined ? undefined : folders.get(up.parent)) up.total++
  }
  for (const folder of folders.values()) {
    const named = names.get(folder.slug)
    if (named !== undefined) (folder as { name: string }).name = named
  }
  const byName = (a: Slug, b: Slug): number => compare(folders.get(a)!.name.toLowerCase(), folders.get(b)!.name.toLowerCase()) || compare(a, b)
  for (const folder of folders.values()) {
    folder.folders.sort(byName)
    sortByTitle(graph, folder.documents)
  }
  return { folders, top: top.sort(byName), documents: sortByTitle(graph, atTop) }
}, recordedTree)

/** Record the spelling of each folder of `slug` that its path gives (only where the path gives that address). */
function spellFolders(names: Map<Slug, string>, relativePath: string, slug: Slug): void {
  const dirs = relativePath.split('/').slice(0, -1)
  const parts = slug.split('/').slice(0, -1)
  if (dirs.length !== parts.length) return
  for (let i = 0; i < dirs.length; i++) {
    const address = parts.slice(0, i + 1).join('/') as Slug
    if (slugFromPath(dirs.slice(0, i + 1).join('/')) !== address) return
    if (!names.has(address)) names.set(address, dirs[i]!)
  }
}

/** Sort slugs in place by their documents' titles (case-insensitively), then slug. */
export function sortByTitle(graph: Graph, slugs: Slug[]): Slug[] {
  const titles = new Map<Slug, string>()
  for (const slug of slugs) titles.set(slug, graph.documents.get(slug)!.data.title.toLowerCase())
  return slugs.sort((a, b) => compare(titles.get(a)!, titles.get(b)!) || compare(a, b))
}

/** How many pages a listing of `entries` entries takes (at least one). */
export function pageCount(entries: number): number {
  return Math.max(1, Math.ceil(entries / entriesPerPage))
}

/** The file of page `page` (from 1) of the listing at `slug`. */
export function listingFile(slug: Slug, page: number): string {
  return page === 1 ? `${slug}/index.html` : `${slug}/page-${page}.html`
}

/** The folders from the top down to `slug`'s folder (the folder itself too when `self`). */
export function foldersAbove(tree: FolderTree, slug: Slug, self: boolean): Folder[] {
  const trail: Folder[] = []
  let at = self ? slug : parentOf(slug)
  while (at !== undefined) {
    const folder = tree.folders.get(at)
    if (folder) trail.unshift(folder)
    at = parentOf(at)
  }
  return trail
}
