import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isSlug, maxSlugLength, slugify } from '../../../src/parse/slug.js'

describe('slugify', () => {
  it.each([
    ['N. Korea Wants Direct Talks with U.S. Only', 'n-korea-wants-direct-talks-with-u-s-only'],
    ['Déjà vu in Zürich', 'deja-vu-in-zuerich'],
    ['../../etc/passwd', 'etc-passwd'],
    ['..', undefined],
  ])('should slugify %j', (input, expected) => {
    const slug = slugify(input)
    if (expected) expect(slug).toBe(expected)
    expect(isSlug(slug)).toBe(true)
  })

  it('should give text with nothing to transliterate a stable non-empty slug', () => {
    expect(slugify('東京')).toMatch(/^x-[a-z0-9]+$/)
    expect(slugify('東京')).toBe(slugify('東京'))
    expect(slugify('東京')).not.toBe(slugify('大阪'))
  })

  it('should give NFC and NFD spellings the same slug', () => {
    expect(slugify('Cafe\u0301')).toBe(slugify('Caf\u00e9'))
  })

  it('should cap long titles', () => {
    expect(slugify('word '.repeat(100)).length).toBeLessThanOrEqual(maxSlugLength)
  })

  it('should always produce a clean URL segment that cannot leave its folder (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (text) => {
        const slug = slugify(text)
        expect(isSlug(slug)).toBe(true)
        expect(slug).not.toContain('/')
        expect(slug).not.toContain('..')
      }),
      { seed: 20261128, numRuns: 1000 },
    )
  })
})
