import { createHash } from 'node:crypto'

/** The hash that says whether a file's text changed. */
export function textHash(text: string): string {
  return createHash('sha1').update(text).digest('base64url')
}
