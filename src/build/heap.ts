/**
 * How far V8 lets its heap grow past what is live. By default it grows the
 * heap to two to four times the live size before collecting, which is fine
 * for small libraries and costs hundreds of megabytes on large ones:
 * rendering a large library allocates many short-lived trees, and the heap
 * settled near three times what stays live. For large libraries quire asks
 * V8 to collect once the heap has grown by half instead
 * (`--heap-growing-percent`, a V8 flag read each time V8 sets its next
 * limit): a much lower peak, for about the same CPU time (`npm run bench`
 * measures both).
 */
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

/** Libraries with more files than this get the tighter heap. */
const tightHeapFrom = 1500

let tight = false

/** Make V8 collect when its heap has grown by half, once the library is known to be large. */
export function fitHeapTo(fileCount: number): void {
  if (tight || fileCount <= tightHeapFrom) return
  tight = true
  setFlagsFromString('--heap-growing-percent=50')
}

/** Collect this thread's garbage now, whole. */
export function collectNow(): void {
  setFlagsFromString('--expose-gc')
  ;(runInNewContext('gc') as () => void)()
}

/**
 * On a large library (see {@link fitHeapTo}), collect the garbage now,
 * once the pages are made and before the files made from the whole
 * library: V8 sets the heap's next limit from what is live when it
 * collects, and the pages' drafts, gone by then, would otherwise count
 * for the rest of the build.
 */
export function collectIfLarge(): void {
  if (tight) collectNow()
}
