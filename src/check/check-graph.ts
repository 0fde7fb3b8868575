/**
 * Check: the graph → diagnostics about links between documents.
 *
 * Front-matter problems are found while parsing; this finds what needs the
 * whole library: links that name nothing or several things, duplicate
 * slugs, and `next` entries that do not name an inquiry.
 */
import { error, warning, type Diagnostic } from '../diagnostics.js'
import { positionOf, type Graph, type LinkRef } from '../model.js'

/** Every problem in how documents connect. */
export function checkGraph(graph: Graph): Diagnostic[] {
  const diagnostics: Diagnostic[] = []

  for (const duplicate of graph.duplicates) {
    const kept = graph.documents.get(duplicate.slug)!
    const sameCase = kept.file.relativePath.toLowerCase() === duplicate.file.relativePath.toLowerCase() && kept.file.relativePath !== duplicate.file.relativePath
    diagnostics.push(
      error(
        duplicate.file.displayPath,
        { line: 1, column: 1 },
        'duplicate-slug',
        `Slug \`${duplicate.slug}\` is already used by ${kept.file.displayPath}${sameCase ? ' (the names differ only in case, which collide on many file systems)' : ''}. Rename one file or set a different \`slug:\`.`,
      ),
    )
  }

  for (const [slug, doc] of graph.documents) {
    const reserved = reservedSlug(slug)
    if (reserved) diagnostics.push(error(doc.file.displayPath, positionOf(doc, 'slug'), 'invalid-slug', `The slug \`${slug}\` is reserved for ${reserved}. Rename the file or set another \`slug:\`.`))
    const results = graph.resolved.get(slug) ?? []
    doc.links.forEach((link, i) => {
      const result = results[i]
      const file = doc.file.displayPath
      if (!result) return
      if (result.kind === 'unresolved') {
        const why =
          link.syntax === 'wikilink'
            ? 'does not match any note or inquiry (by slug, file name or title). Fix the name or create the note.'
            : `points to ${link.target} in the notes folder, which is not a note or inquiry. Fix the path or create the file.`
        diagnostics.push(error(file, link.position, 'unresolved-link', `${describe(link)} ${why}`))
      } else if (result.kind === 'ambiguous') {
        diagnostics.push(
          error(file, link.position, 'ambiguous-link', `${describe(link)} matches ${result.candidates.length} documents: ${result.candidates.join(', ')}. Write the full slug, such as [[${result.candidates[0]}]].`),
        )
      } else if (result.slug === slug) {
        diagnostics.push(warning(file, link.position, 'self-link', `${describe(link)} links this page to itself.`))
      }
    })

    if (doc.type === 'inquiry') {
      const nextResults = graph.next.get(slug) ?? []
      doc.data.next.forEach((name, i) => {
        const result = nextResults[i]
        const at = positionOf(doc, `next.${i}`)
        if (!result) return
        if (result.kind === 'unresolved') {
          diagnostics.push(error(doc.file.displayPath, at, 'next-missing', `\`next\` names "${name}", which is not an inquiry in this library. Fix the slug or remove the entry.`))
        } else if (result.kind === 'ambiguous') {
          diagnostics.push(error(doc.file.displayPath, at, 'ambiguous-link', `\`next\` entry "${name}" matches ${result.candidates.join(', ')}. Write the full slug.`))
        } else {
          const target = graph.documents.get(result.slug)!
          if (target.type !== 'inquiry') {
            diagnostics.push(
              error(doc.file.displayPath, at, 'next-not-inquiry', `\`next\` names "${name}", which is a note, not an inquiry. Next inquiring lines must be inquiries (\`type: inquiry\`); link notes from the body instead.`),
            )
          }
        }
      })
    }
  }
  return diagnostics
}

/** Slugs quire uses for its own pages and files. */
function reservedSlug(slug: string): string | undefined {
  if (slug === 'papers') return 'the papers page'
  if (slug === 'graph') return 'the graph page'
  if (slug === 'tags' || slug.startsWith('tags/')) return 'the tag pages'
  if (slug === 'assets' || slug.startsWith('assets/')) return "the site's stylesheet and script"
  if (slug === '__quire' || slug.startsWith('__quire/')) return "quire dev's own endpoints"
  return undefined
}

function describe(link: LinkRef): string {
  return link.syntax === 'wikilink' ? `Link [[${link.written}]]` : `Link to ${link.written}`
}
