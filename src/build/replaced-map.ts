/**
 * A map that is another map with some values replaced, made without
 * copying it. Copying a map costs time in proportion to the library, and
 * `quire dev` makes new maps of every file and every document after each
 * save that changed one of them.
 */

/** Past this many replaced entries, the map is copied once rather than looked through in two. */
const copyAfter = 256

class ReplacedMap<K, V> implements ReadonlyMap<K, V> {
  constructor(
    readonly base: ReadonlyMap<K, V>,
    readonly replaced: ReadonlyMap<K, V>,
  ) {}

  get size(): number {
    return this.base.size
  }

  get(key: K): V | undefined {
    return this.replaced.has(key) ? this.replaced.get(key) : this.base.get(key)
  }

  has(key: K): boolean {
    return this.base.has(key)
  }

  *entries(): MapIterator<[K, V]> {
    for (const [key, value] of this.base) yield [key, this.replaced.has(key) ? this.replaced.get(key)! : value]
  }

  *keys(): MapIterator<K> {
    yield* this.base.keys()
  }

  *values(): MapIterator<V> {
    for (const [, value] of this.entries()) yield value
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries()
  }

  forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this)
  }
}

/**
 * `base` with the values of `replaced` in place of its own, in `base`'s
 * order. Every key of `replaced` must be a key of `base` (a key that is
 * not is an error: the map would lose track of its order).
 */
export function withReplaced<K, V>(base: ReadonlyMap<K, V>, replaced: ReadonlyMap<K, V>): ReadonlyMap<K, V> {
  if (replaced.size === 0) return base
  for (const key of replaced.keys()) if (!base.has(key)) throw new Error('withReplaced: a replaced key is not in the map')
  // Replacements of replacements are kept in one layer over the first map.
  const [under, layer] =
    base instanceof ReplacedMap ? [base.base as ReadonlyMap<K, V>, new Map([...(base.replaced as ReadonlyMap<K, V>), ...replaced])] : [base, replaced]
  return layer.size > copyAfter ? new Map(new ReplacedMap(under, layer)) : new ReplacedMap(under, layer)
}

/**
 * The keys whose values may differ between `a` and `b`, when one was made
 * from the other, or both from one map, by {@link withReplaced}: then only
 * the replaced keys need comparing. Undefined when that is not known.
 */
export function replacedKeys<K, V>(a: ReadonlyMap<K, V>, b: ReadonlyMap<K, V>): K[] | undefined {
  const [baseA, layerA] = a instanceof ReplacedMap ? [a.base, a.replaced as ReadonlyMap<K, V>] : [a, undefined]
  const [baseB, layerB] = b instanceof ReplacedMap ? [b.base, b.replaced as ReadonlyMap<K, V>] : [b, undefined]
  if (baseA !== baseB) return undefined
  return [...new Set([...(layerA?.keys() ?? []), ...(layerB?.keys() ?? [])])]
}
