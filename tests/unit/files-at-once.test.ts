import { describe, expect, it } from 'vitest'
import { inTurn } from '../../src/files-at-once.js'

describe('inTurn', () => {
  it('should work through every item in order and give the results in order', async () => {
    const seen: number[] = []
    const out = await inTurn([3, 1, 2], (item, index) => {
      seen.push(index)
      return item * 10
    })
    expect(out).toEqual([30, 10, 20])
    expect(seen).toEqual([0, 1, 2])
  })

  it('should let the event loop run between turns of a long list', async () => {
    let ranAt: number | undefined
    let done = 0
    setImmediate(() => {
      ranAt = done
    })
    await inTurn(Array.from({ length: 1000 }, (_, index) => index), () => done++)
    // Run before the first turn of items: every call lets other I/O in at least once.
    expect(ranAt).toBe(0)
  })

  it('should let the event loop run even for a short list', async () => {
    let ran = false
    setImmediate(() => {
      ran = true
    })
    await inTurn([1], (item) => item)
    expect(ran).toBe(true)
  })
})
