/**
 * Drafts' HTML packed (deflated) while it waits for its page.
 *
 * On a large library the drafts wait from the parse until their pages are
 * made, in the worker thread that keeps them or in the main thread, and
 * together they grow with the library. HTML packs to a fraction of its
 * size at the fastest level, and unpacking one draft when its page is made
 * costs little. The worker thread that drafts a body packs it there, in
 * parallel with the other threads.
 */
import { deflateRawSync, inflateRawSync, constants } from 'node:zlib'
import type { DraftBody } from '../render/body/slots.js'

/**
 * The fastest level, and a small window and state: each draft is packed
 * on its own, and setting up zlib's default state for every one cost more
 * than packing it (the result is as small, for drafts of a few pages).
 */
const packing = { level: constants.Z_BEST_SPEED, windowBits: 12, memLevel: 4 }

/** A draft's HTML, packed. */
export type PackedHtml = Uint8Array & { readonly packed: unique symbol }

/** Pack a draft's HTML (into its own buffer, so that a copy sent to another thread copies no more than these bytes). */
export function packHtml(html: Uint8Array): PackedHtml {
  const packed = deflateRawSync(html, packing)
  return (packed.byteLength === packed.buffer.byteLength ? packed : new Uint8Array(packed)) as unknown as PackedHtml
}

/** The HTML `packHtml` packed. */
export function unpackHtml(packed: PackedHtml): Uint8Array {
  return inflateRawSync(packed, { windowBits: packing.windowBits })
}

/** The draft last unpacked by {@link packedDraft}: its HTML is read a few times in a row while its page is made. */
let last: { packed: PackedHtml; html: Uint8Array } | undefined

/**
 * A draft whose HTML is kept packed and unpacked each time it is read
 * (the last one read is kept unpacked, as its page usually reads it again
 * at once).
 */
export function packedDraft(draft: Omit<DraftBody, 'html'>, packed: PackedHtml): DraftBody {
  return {
    slots: draft.slots,
    toc: draft.toc,
    get html(): Uint8Array {
      if (last?.packed !== packed) last = { packed, html: unpackHtml(packed) }
      return last.html
    },
  }
}
