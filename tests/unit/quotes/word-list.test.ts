import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { hasWord, packWords } from '../../../src/quotes/word-list.js'

const words = ['a', 'an', 'the', 'said', 'says', 'sen.', 'co-founder', 'u.s.', 'acknowledged', 'x']

describe('packWords / hasWord', () => {
  it('should find every packed word, alone or inside a longer text', () => {
    const packed = packWords(words)
    for (const word of words) {
      expect(hasWord(packed, word, 0, word.length)).toBe(true)
      expect(hasWord(packed, `(${word})`, 1, word.length + 1)).toBe(true)
    }
  })

  it('should not find words that only share a length, a first or a last letter with a packed one', () => {
    const packed = packWords(words)
    for (const other of ['b', 'ax', 'then', 'sail', 'sayz', 'Said', 'said ', 'sen', 'acknowledges', '', 'é']) expect(hasWord(packed, other, 0, other.length)).toBe(false)
  })

  it('should agree with a Set for any word', () => {
    const list = fc.stringMatching(/^[a-z][a-z.-]{0,8}$/)
    fc.assert(
      fc.property(fc.array(list, { maxLength: 40 }), fc.array(fc.oneof(list, fc.string({ maxLength: 10 })), { maxLength: 40 }), (listed, asked) => {
        const packed = packWords(listed)
        const set = new Set(listed)
        for (const word of [...listed, ...asked]) expect(hasWord(packed, word, 0, word.length)).toBe(set.has(word))
      }),
    )
  })

  it('should refuse words it cannot pack', () => {
    expect(() => packWords(['Said'])).toThrow(/Cannot pack `Said`/)
    expect(() => packWords(['naïve'])).toThrow(/Cannot pack/)
  })
})
