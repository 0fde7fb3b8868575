import { describe, expect, it } from 'vitest'
import { replacedKeys, withReplaced } from '../src/build/replaced-map.js'

describe('a map with values replaced', () => {
  const base = new Map([
    ['a', 1],
    ['b', 2],
    ['c', 3],
  ])

  it('reads and iterates like a copy with the values set, in the first map’s order', () => {
    const map = withReplaced(base, new Map([['b', 20]]))
    const copy = new Map(base).set('b', 20)
    expect([...map]).toEqual([...copy])
    expect([...map.values()]).toEqual([...copy.values()])
    expect([...map.keys()]).toEqual([...copy.keys()])
    expect(map.get('b')).toBe(20)
    expect(map.get('z')).toBeUndefined()
    expect(map.has('a') && !map.has('z')).toBe(true)
    expect(map.size).toBe(3)
    // The map it was made from is untouched.
    expect(base.get('b')).toBe(2)
  })

  it('keeps replacements of replacements over the first map, and says which keys may differ', () => {
    const once = withReplaced(base, new Map([['b', 20]]))
    const twice = withReplaced(once, new Map([['c', 30]]))
    expect([...twice]).toEqual([
      ['a', 1],
      ['b', 20],
      ['c', 30],
    ])
    expect(replacedKeys(once, twice)?.sort()).toEqual(['b', 'c'])
    expect(replacedKeys(base, once)).toEqual(['b'])
    expect(replacedKeys(new Map(base), once)).toBeUndefined()
  })

  it('refuses a key the map does not have, and becomes a plain copy after many replacements', () => {
    expect(() => withReplaced(base, new Map([['z', 0]]))).toThrow(/not in the map/)
    const large = new Map(Array.from({ length: 1000 }, (_, i) => [`k${i}`, i] as const))
    let map: ReadonlyMap<string, number> = large
    for (let i = 0; i <= 256; i++) map = withReplaced(map, new Map([[`k${i}`, -i]]))
    expect(map).toBeInstanceOf(Map)
    expect(map.get('k256')).toBe(-256)
    expect(map.get('k257')).toBe(257)
    expect([...map.keys()]).toEqual([...large.keys()])
  })
})
