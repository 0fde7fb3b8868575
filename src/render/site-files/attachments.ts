/**
 * Attachments: the notes folder's other files (images, PDFs, audio…) that
 * published notes embed or link to. Each is published at its path in the
 * notes folder (`img/figure 1.png` → `<site>/img/figure%201.png`), so only
 * files a published note references ever reach the site; unless that path
 * differs only in case from another of the site's (see
 * `graph/addresses.ts`).
 */
import type { Element } from 'hast'
import type { Graph } from '../../model.js'
import type { CopiedFile } from '../output-files.js'
import type { RootPrefix } from '../url.js'

/** The URL of an attachment from a page (each path segment percent-encoded). */
export function attachmentUrl(root: RootPrefix, relativePath: string): string {
  return root + relativePath.split('/').map(encodeURIComponent).join('/')
}

/** Where the attachment at `relativePath` in the notes folder is published in the site. */
export function attachmentPath(graph: Graph, relativePath: string): string {
  return graph.movedAttachments.get(relativePath)?.path ?? relativePath
}

/** The attachments to copy into the site, in path order: never one quire refused as unsafe (its embeds show it as missing). */
export function attachmentFiles(graph: Graph): CopiedFile[] {
  return [...graph.attachments.values()].filter((file) => !file.unsafe).map((file) => ({ path: attachmentPath(graph, file.relativePath), copyFrom: file.path }))
}

const image = /\.(png|jpe?g|gif|webp|avif|bmp|svg|ico)$/i
const audio = /\.(mp3|wav|ogg|oga|m4a|flac|opus)$/i
const video = /\.(mp4|webm|ogv|mov|m4v)$/i

/**
 * `![[file]]` shown in the page: an image (`|300` or `|300x200` sets its
 * size, other text is its alt text), an audio or video player, or for
 * other files (PDFs…) a link.
 */
export function embeddedFile(href: string, name: string, label: string | undefined): Element {
  const size = label === undefined ? null : /^(\d{1,5})(?:x(\d{1,5}))?$/.exec(label.trim())
  if (image.test(name)) {
    const properties: Element['properties'] = { src: href, alt: size || label === undefined ? name.replace(/\.[^.]+$/, '') : label, loading: 'lazy' }
    if (size) {
      properties['width'] = size[1]!
      if (size[2]) properties['height'] = size[2]
    }
    return { type: 'element', tagName: 'img', properties, children: [] }
  }
  if (audio.test(name) || video.test(name)) {
    return {
      type: 'element',
      tagName: audio.test(name) ? 'audio' : 'video',
      properties: { src: href, controls: true, preload: 'metadata' },
      children: [{ type: 'element', tagName: 'a', properties: { href }, children: [{ type: 'text', value: label && !size ? label : name }] }],
    }
  }
  return { type: 'element', tagName: 'a', properties: { href }, children: [{ type: 'text', value: label && !size ? label : name }] }
}
