/**
 * Turn character offsets in a text into 1-based line and column positions
 * (for diagnostics): shared by load (the config file) and parse (notes).
 */
import type { Position } from './diagnostics.js'

/** A function from an offset in `text` to its line and column. */
export type Locate = (offset: number) => Position

/** Index the line starts of `text` once; each lookup is a binary search. */
export function locator(text: string): Locate {
  const starts = [0]
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1)
  return (offset) => {
    let lo = 0
    let hi = starts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (starts[mid]! <= offset) lo = mid
      else hi = mid - 1
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 }
  }
}
