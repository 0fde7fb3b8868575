/**
 * Work in flight: promises started and not yet settled, so that whoever
 * starts them can wait for room under a bound (files being written, pages
 * being made by worker threads).
 *
 * Waiting for room costs one reaction per waiter, however much is in
 * flight. (`Promise.race` over the pending set adds a reaction to every
 * pending promise at each call, and they stay until it settles: on a large
 * site, with hundreds of writes pending, that was millions of reactions.)
 */
export class InFlight {
  private readonly pending = new Set<Promise<unknown>>()
  /** Resolved when the next piece of work settles; made when someone waits. */
  private next: { readonly settled: Promise<void>; readonly resolve: () => void } | undefined

  /** How many pieces of work have not settled. */
  get size(): number {
    return this.pending.size
  }

  /** Track `work` until it settles (its outcome is the caller's to handle). */
  add(work: Promise<unknown>): void {
    this.pending.add(work)
    const done = (): void => {
      this.pending.delete(work)
      const next = this.next
      this.next = undefined
      next?.resolve()
    }
    work.then(done, done)
  }

  /** Resolves once fewer than `limit` pieces of work are in flight. */
  async room(limit: number): Promise<void> {
    while (this.pending.size >= limit) await this.settlement()
  }

  /** Resolves once everything tracked, including work added meanwhile, has settled. */
  async drained(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending])
  }

  /** A promise resolved when the next piece of work settles, shared by every waiter. */
  private settlement(): Promise<void> {
    if (!this.next) {
      let resolve!: () => void
      const settled = new Promise<void>((done) => (resolve = done))
      this.next = { settled, resolve }
    }
    return this.next.settled
  }
}
