import { describe, expect, it } from 'vitest'
import { memoize } from '../../src/memo.js'

describe('memoize', () => {
  it('should call the function once per argument, and again after the memory is emptied at its limit', () => {
    const calls: string[] = []
    const upper = memoize((key) => (calls.push(key), key.toUpperCase()), 2)
    expect([upper('a'), upper('a'), upper('b'), upper('a')]).toEqual(['A', 'A', 'B', 'A'])
    expect(calls).toEqual(['a', 'b'])
    upper('c')
    expect(upper('a')).toBe('A')
    expect(calls).toEqual(['a', 'b', 'c', 'a'])
  })

  it('should remember an undefined result too', () => {
    let calls = 0
    const nothing = memoize(() => void calls++)
    nothing('x')
    nothing('x')
    expect(calls).toBe(1)
  })
})
