// The hub writer's cache of committed rows: least recently used rows go first, and what it hands
// out is frozen all the way down.
import { describe, expect, it } from 'vitest'
import { deepFreeze, EntityCache } from '../../src-hub/entity-cache'

describe('EntityCache', () => {
  it('drops the least recently used row beyond its capacity', () => {
    const cache = new EntityCache(2)
    cache.set('a', { version: 1, data: null })
    cache.set('b', { version: 1, data: null })
    expect(cache.get('a')?.version).toBe(1) // a is now the most recent
    cache.set('c', { version: 1, data: null })
    expect(cache.get('b')).toBeUndefined()
    expect(cache.get('a')).toBeDefined()
    expect(cache.get('c')).toBeDefined()
    expect(cache.size).toBe(2)
  })

  it('freezes nested objects and arrays', () => {
    const value = deepFreeze({ a: { b: [1, { c: 2 }] } })
    expect(Object.isFrozen(value.a.b)).toBe(true)
    expect(Object.isFrozen(value.a.b[1])).toBe(true)
    expect(() => (value.a.b as number[]).push(3)).toThrow(TypeError)
  })
})
