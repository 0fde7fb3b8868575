/**
 * Graph: documents → every resolved connection, backlinks and source lists.
 *
 * Linear in the number of links: each link is resolved once through maps,
 * and backlinks are collected from the edges, not by scanning documents.
 */
import { compare } from '../diagnostics.js'
import type { AttachmentFile, ClaimRef, Doc, Edge, Graph, Resolution, Slug } from '../model.js'
import { attachmentAddresses, documentAddresses } from './addresses.js'
import { aliasRedirects } from './aliases.js'
import { indexDocuments, resolveLink, resolveName } from './resolve.js'

/** Options for {@link buildGraph}. */
export interface GraphOptions {
  /** quire's own files in every site (`graph.json`, `assets/quire.css`…): attachments keep clear of their paths. */
  readonly siteFiles?: readonly string[]
}

const emptyOptions: GraphOptions = {}

/**
 * Build the graph. Published documents sharing a slug each get an address
 * of their own (see `addresses.ts`); the ones that moved are in
 * `readdressed`. Unpublished documents (drafts) only take part in
 * resolution. `attachments` are the notes folder's other files.
 */
export function buildGraph(parsed: readonly Doc[], attachments: readonly AttachmentFile[] = [], options?: Readonly<GraphOptions> | null): Graph {
  const { documents: addressed, readdressed } = documentAddresses(parsed.filter((doc) => doc.published))
  const drafts = parsed.filter((doc) => !doc.published)
  const ordered = [...addressed, ...drafts].sort((a, b) => compare(a.slug, b.slug) || compare(a.file.relativePath, b.file.relativePath))
  const documents = new Map<Slug, Doc>()
  const unpublished = new Map<Slug, Doc>()
  for (const doc of ordered) {
    if (!doc.published) {
      if (!unpublished.has(doc.slug)) unpublished.set(doc.slug, doc)
    } else documents.set(doc.slug, doc)
  }
  // A draft that shares its slug with a published document is shadowed by it.
  for (const slug of documents.keys()) unpublished.delete(slug)

  const index = indexDocuments(documents, unpublished, attachments)
  const usedAttachments = new Map<string, AttachmentFile>()
  const resolved = new Map<Slug, Resolution[]>()
  const next = new Map<Slug, Resolution[]>()
  const edgeKeys = new Set<string>()
  const edges: Edge[] = []
  const addEdge = (edge: Edge): void => {
    const key = `${edge.from}\u0000${edge.kind}\u0000${edge.to}`
    if (edgeKeys.has(key)) return
    edgeKeys.add(key)
    edges.push(edge)
  }

  const sources = new Map<Slug, Slug[]>()
  // Links that resolve to the same document share one resolution: a large library has several links to each document.
  const resolutions = new Map<Slug, Resolution>()
  const shared = (result: Resolution): Resolution => {
    if (result.kind !== 'resolved' || result.candidates) return result
    const known = resolutions.get(result.slug)
    if (known) return known
    resolutions.set(result.slug, result)
    return result
  }
  for (const [slug, doc] of documents) {
    const results = doc.links.map((link) => shared(resolveLink(index, link, doc)))
    resolved.set(slug, results)
    for (const result of results) if (result.kind === 'attachment') usedAttachments.set(result.path, index.attachments.get(result.path)!)
    const cited: Slug[] = []
    const seen = new Set<Slug>()
    for (const result of results) {
      if (result.kind !== 'resolved' || result.slug === slug) continue
      addEdge({ from: slug, to: result.slug, kind: 'link' })
      if (!seen.has(result.slug) && documents.get(result.slug)?.type === 'note') {
        seen.add(result.slug)
        cited.push(result.slug)
      }
    }
    if (doc.type === 'inquiry') {
      sources.set(slug, cited)
      const nextResults = doc.data.next.map((name) => resolveName(index, name))
      next.set(slug, nextResults)
      for (const result of nextResults) {
        if (result.kind === 'resolved' && documents.get(result.slug)?.type === 'inquiry' && result.slug !== slug) {
          addEdge({ from: slug, to: result.slug, kind: 'next' })
        }
      }
    }
  }

  const claimSupport = new Map<Slug, Resolution[][]>()
  const backs = new Map<Slug, ClaimRef[]>()
  for (const [slug, doc] of documents) {
    if (doc.type !== 'inquiry') continue
    const perClaim = (doc.data.prompt?.claims ?? []).map((claim, claimIndex) => {
      const results = claim.notes.map((name) => resolveName(index, name))
      const seen = new Set<Slug>()
      for (const result of results) {
        if (result.kind !== 'resolved' || seen.has(result.slug)) continue
        seen.add(result.slug)
        const list = backs.get(result.slug)
        if (list) list.push({ inquiry: slug, claim: claimIndex })
        else backs.set(result.slug, [{ inquiry: slug, claim: claimIndex }])
      }
      return results
    })
    claimSupport.set(slug, perClaim)
  }

  edges.sort((a, b) => compare(a.from, b.from) || compare(a.kind, b.kind) || compare(a.to, b.to))
  const citedBy = new Map<Slug, Slug[]>()
  for (const edge of edges) {
    if (edge.kind !== 'link') continue
    const list = citedBy.get(edge.to)
    if (list) list.push(edge.from)
    else citedBy.set(edge.to, [edge.from])
  }
  const sortedAttachments = new Map([...usedAttachments].sort((a, b) => compare(a[0], b[0])))
  const redirects = aliasRedirects(documents).redirects
  const siteFiles = (options || emptyOptions).siteFiles ?? []
  return {
    documents,
    resolved,
    next,
    readdressed,
    edges,
    citedBy,
    sources,
    claimSupport,
    backs,
    suggestions: suggestRelated(documents, sources),
    unpublished,
    attachments: sortedAttachments,
    movedAttachments: attachmentAddresses([...sortedAttachments.keys()], { documents, redirects, siteFiles }),
    redirects,
  }
}

/** How many related inquiries to suggest. */
const suggestionCount = 3

/**
 * For each inquiry without `next`, the inquiries that share the most
 * sources with it (ties by slug). Uses an index from note to citing
 * inquiries, so the cost follows the number of shared sources, not the
 * square of the number of inquiries.
 */
function suggestRelated(documents: ReadonlyMap<Slug, Doc>, sources: ReadonlyMap<Slug, readonly Slug[]>): Map<Slug, Slug[]> {
  const citing = new Map<Slug, Slug[]>()
  for (const [inquiry, list] of sources) {
    for (const note of list) {
      const entry = citing.get(note)
      if (entry) entry.push(inquiry)
      else citing.set(note, [inquiry])
    }
  }
  const suggestions = new Map<Slug, Slug[]>()
  for (const [slug, doc] of documents) {
    if (doc.type !== 'inquiry' || doc.data.next.length > 0) continue
    const shared = new Map<Slug, number>()
    for (const note of sources.get(slug) ?? []) {
      for (const other of citing.get(note) ?? []) if (other !== slug) shared.set(other, (shared.get(other) ?? 0) + 1)
    }
    const ranked = [...shared]
      .sort((a, b) => b[1] - a[1] || compare(a[0], b[0]))
      .slice(0, suggestionCount)
      .map(([other]) => other)
    suggestions.set(slug, ranked)
  }
  return suggestions
}
