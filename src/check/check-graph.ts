/**
 * Check: the graph → diagnostics about links between documents.
 *
 * Front-matter problems are found while parsing; this finds what needs the
 * whole library: links that name nothing or several things, duplicate
 * slugs, and `next` entries that do not name an inquiry.
 */
import { anchorId, isBlockId } from '../anchors.js'
import { error, hint, warning, type Diagnostic } from '../diagnostics.js'
import { aliasRedirects } from '../graph/aliases.js'
import { hasFileExtension } from '../graph/resolve.js'
import { isUnwrittenNoteLink, unwrittenPageSlug } from '../graph/unwritten-notes.js'
import { positionOf, type Doc, type Graph, type LinkRef } from '../model.js'
import { checkAddresses } from './check-addresses.js'
import { embedCycles } from './embed-cycles.js'

/**
 * Every problem in how documents connect; with `only`, just the problems
 * reported in those documents' files, for when the rest cannot have
 * changed (see `analyse-edit.ts`). Then the work is in proportion to them,
 * not to the library.
 */
export function checkGraph(graph: Graph, only?: readonly Doc[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = []
  const files = only && new Set(only.map((doc) => doc.file.displayPath))
  const wanted = (doc: Doc): boolean => !files || files.has(doc.file.displayPath)

  diagnostics.push(...checkAddresses(graph).filter((d) => !files || files.has(d.file)))

  for (const doc of only ? only.filter((doc) => graph.documents.get(doc.slug) === doc) : graph.documents.values()) {
    const slug = doc.slug
    const reserved = reservedSlug(slug)
    if (reserved)
      diagnostics.push(
        error(
          doc.file.displayPath,
          positionOf(doc, 'slug'),
          'invalid-slug',
          `The slug \`${slug}\` is reserved for ${reserved}. Rename the file or set another \`slug:\`.`,
        ),
      )
    const results = graph.resolved.get(slug) ?? []
    doc.links.forEach((link, i) => {
      const result = results[i]
      const file = doc.file.displayPath
      if (!result) return
      if (result.kind === 'unresolved') {
        if (link.syntax === 'markdown' && !link.embed && !/\.md$/i.test(link.target) && !hasFileExtension(link.target)) {
          diagnostics.push(
            warning(
              file,
              link.position,
              'dead-link',
              `${describe(link)} is a relative link to ${link.target}, which is neither a note (${link.target}.md) nor a file in the notes folder; it is shown as plain text. Fix the path, or write a full URL.`,
            ),
          )
          return
        }
        if (!isUnwrittenNoteLink(link, result) && (link.embed || hasFileExtension(link.target))) {
          diagnostics.push(
            warning(
              file,
              link.position,
              'missing-attachment',
              `${describe(link)} names a file that is not in the notes folder, or is one quire does not publish (in an ignored folder, a canvas, a drawing); the page marks it as missing. Fix the name or path, or add the file.`,
            ),
          )
          return
        }
        diagnostics.push(unresolvedLink(doc, link, isUnwrittenNoteLink(link, result)))
      } else if (result.kind === 'folder') {
        diagnostics.push(
          hint(
            file,
            link.position,
            'folder-link',
            `${describe(link)} names the folder ${result.path}/, which has no note of its own (index.md, README.md or a note named like the folder) and no page yet; it is shown as plain text. Add such a note to give the folder a page, or link to a note in it.`,
          ),
        )
      } else if (result.kind === 'unpublished') {
        const draft = graph.unpublished.get(result.slug)!
        diagnostics.push(
          warning(
            file,
            link.position,
            'unpublished-link',
            `${describe(link)} points to ${draft.file.displayPath}, which is not published (draft, \`publish: false\` or empty); it is shown as plain text. Publish that note or remove the link.`,
          ),
        )
      } else if (result.kind === 'attachment') {
        const attachment = graph.attachments.get(result.path)
        // Not an error: the file is left out and the page marks it as missing, so nothing unsafe and nothing wrong is published.
        if (attachment?.unsafe)
          diagnostics.push(
            warning(
              file,
              link.position,
              'unsafe-attachment',
              `${describe(link)} names ${result.path}, which quire does not publish (the page shows it as missing): ${attachment.unsafe}`,
            ),
          )
      } else {
        if (result.kind === 'tag') return
        if (result.candidates) diagnostics.push(warning(file, link.position, 'ambiguous-link', ambiguity(describe(link), result.slug, result.candidates)))
        // `[[#Part]]` and `[[This note#Part]]` lead to a part of the page, as Obsidian writes them: only a link to the whole page is a self-link.
        if (result.slug === slug && (link.fragment === undefined || link.embed)) {
          diagnostics.push(warning(file, link.position, 'self-link', `${describe(link)} links this page to itself.`))
        }
        // The link still leads to the page, at its top.
        const missing = missingAnchor(graph.documents.get(result.slug)!, link)
        if (missing) diagnostics.push(warning(file, link.position, 'unknown-anchor', missing))
      }
    })

    if (doc.type === 'inquiry') {
      const nextResults = graph.next.get(slug) ?? []
      doc.data.next.forEach((name, i) => {
        const result = nextResults[i]
        const at = positionOf(doc, `next.${i}`)
        if (!result) return
        if (result.kind === 'unresolved') {
          diagnostics.push(
            error(
              doc.file.displayPath,
              at,
              'next-missing',
              `\`next\` names "${name}", which is not an inquiry in this library. Fix the slug or remove the entry.`,
            ),
          )
        } else if (result.kind === 'unpublished') {
          diagnostics.push(
            warning(
              doc.file.displayPath,
              at,
              'unpublished-link',
              `\`next\` names "${name}", which is not published (draft or \`publish: false\`), so it is left out. Publish it or remove the entry.`,
            ),
          )
        } else if (result.kind === 'resolved') {
          if (result.candidates)
            diagnostics.push(warning(doc.file.displayPath, at, 'ambiguous-link', ambiguity(`\`next\` entry "${name}"`, result.slug, result.candidates)))
          const target = graph.documents.get(result.slug)!
          if (target.type !== 'inquiry') {
            diagnostics.push(
              error(
                doc.file.displayPath,
                at,
                'next-not-inquiry',
                `\`next\` names "${name}", which is a note, not an inquiry. Next inquiring lines must be inquiries (\`type: inquiry\`); link notes from the body instead.`,
              ),
            )
          }
        }
      })
    }
  }
  // A conflict is reported at the document whose alias loses.
  const aliases = !only || only.some((doc) => (doc.data.aliases ?? []).length > 0)
  for (const conflict of aliases ? aliasRedirects(graph.documents).conflicts : []) {
    if (!wanted(conflict.doc)) continue
    const alias = conflict.doc.data.aliases?.[conflict.index] ?? ''
    diagnostics.push(
      warning(
        conflict.doc.file.displayPath,
        conflict.doc.positions.get(`aliases.${conflict.index}`) ?? positionOf(conflict.doc, 'aliases'),
        'alias-conflict',
        `Alias "${alias}" would redirect from ${conflict.slug}/, which ${conflict.takenBy} already uses, so it gets no redirect page (links written [[${alias}]] still resolve). Remove the alias or rename one of them.`,
      ),
    )
  }
  // A file with no embeds is on no cycle.
  const embeds = !only || only.some((doc) => doc.links.some((link) => link.embed))
  if (embeds) diagnostics.push(...embedCycles(graph).filter((d) => !files || files.has(d.file)))
  return diagnostics
}

/** Why `link`'s `#fragment` names nothing on `target`'s page, or undefined when it is there. */
function missingAnchor(target: Doc, link: LinkRef): string | undefined {
  if (link.fragment === undefined) return undefined
  const id = anchorId(link.fragment)
  if (target.anchors.includes(id) || target.anchors.includes(link.fragment)) return undefined
  const what = isBlockId(link.fragment) ? `block \`${link.fragment}\`` : `heading "${link.fragment}"`
  const known = target.anchors.filter((anchor) => isBlockId(anchor) === isBlockId(link.fragment!)).slice(0, 8)
  const list =
    known.length > 0
      ? ` It has: ${known.join(', ')}.`
      : isBlockId(link.fragment)
        ? ' It has no block ids: end a paragraph with ` ^id` to make one.'
        : ' It has no headings.'
  return `${describe(link)} points to ${what}, which ${target.file.displayPath} does not have, so it leads to the top of that page.${list}`
}

/**
 * What to say about a name several documents fit: which one it leads to
 * (Obsidian's choice, see `resolve.ts`) and how to name another.
 */
export function ambiguity(what: string, chosen: string, candidates: readonly string[]): string {
  const others = candidates.filter((candidate) => candidate !== chosen)
  return `${what} fits ${candidates.length} documents (${candidates.join(', ')}); it leads to ${chosen}, as in Obsidian (the linking note's folder first, then the shortest path). To mean another, write its path, such as [[${others[0] ?? chosen}]].`
}

/** Slugs quire uses for its own pages and files. */
function reservedSlug(slug: string): string | undefined {
  if (slug === 'papers') return 'the papers page'
  if (slug === 'graph') return 'the graph page'
  if (slug === unwrittenPageSlug) return 'the page of notes not written yet'
  // A note below `tags/` describes that tag: its text heads the tag's page.
  if (slug === 'tags') return 'the index of tags'
  if (slug === 'assets' || slug.startsWith('assets/')) return "the site's stylesheet and script"
  if (slug === '__quire' || slug.startsWith('__quire/')) return "quire dev's own endpoints"
  if (slug === 'all-notes' || slug.startsWith('all-notes/')) return 'the list of every note'
  return undefined
}

/**
 * A link that names no document. In a note it names a note not written
 * yet: normal in a library that grows by linking first, so a warning, and
 * the page shows the mark (see `unwritten-mark.ts`). In an inquiry it
 * stays an error: an inquiry's links are its sources, and its page would
 * cite a note that is not there. So does a link that names nothing at all.
 */
function unresolvedLink(doc: Doc, link: LinkRef, unwritten: boolean): Diagnostic {
  const file = doc.file.displayPath
  const what =
    link.syntax === 'wikilink'
      ? `${describe(link)} does not match any note or inquiry (by slug, file name, title or alias)`
      : `${describe(link)} points to ${link.target} in the notes folder, which is not a note or inquiry`
  if (!unwritten) return error(file, link.position, 'unresolved-link', `${what}. Fix the name or create the note.`)
  if (doc.type === 'inquiry') {
    return error(
      file,
      link.position,
      'unresolved-link',
      `${what}. An inquiry's links are its sources, so each must be a published note: write the note, fix the name, or remove the link.`,
    )
  }
  return warning(file, link.position, 'unresolved-link', `${what}; it is shown as a note not written yet. Write the note or fix the name.`)
}

function describe(link: LinkRef): string {
  if (link.syntax === 'wikilink') return link.embed ? `Embed ![[${link.written}]]` : `Link [[${link.written}]]`
  return link.embed ? `Image ${link.written}` : `Link to ${link.written}`
}
