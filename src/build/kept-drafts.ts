/**
 * The drafts a build keeps beside its documents, by the path of the file
 * each was parsed from: what render reads (`Drafts`), and what the build
 * lets go once the pages that use a draft are made.
 */
import type { Drafts } from '../render/drafts.js'
import type { HeldDrafts } from '../render/held-drafts.js'
import type { DraftBody } from '../render/body/slots.js'

export class KeptDrafts implements Drafts {
  readonly #byPath: Map<string, DraftBody>

  /** `byPath` is taken over, not copied. */
  constructor(
    byPath: Map<string, DraftBody>,
    readonly held: HeldDrafts | undefined,
  ) {
    this.#byPath = byPath
  }

  get(path: string): DraftBody | undefined {
    return this.#byPath.get(path)
  }

  /** How many drafts are kept. */
  get size(): number {
    return this.#byPath.size
  }

  /** Let the draft of the file at `path` go: the pages that use it are made. */
  letGo(path: string): void {
    this.#byPath.delete(path)
  }

  /**
   * These drafts with the files in `changed` drafted again (undefined: the
   * file has no draft now), kept by no worker thread.
   */
  withChanged(changed: ReadonlyMap<string, DraftBody | undefined>): KeptDrafts {
    if (changed.size === 0 && this.held === undefined) return this
    const byPath = new Map(this.#byPath)
    for (const [path, draft] of changed) {
      if (draft) byPath.set(path, draft)
      else byPath.delete(path)
    }
    return new KeptDrafts(byPath, undefined)
  }
}
