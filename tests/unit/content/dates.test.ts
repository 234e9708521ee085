import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { checkIsoDate } from '../../../src/content/dates.js'

describe('checkIsoDate', () => {
  it.each(['2026-09-21', '2026-09-21T14:30:00-04:00', '2026-09-21T14:30Z', '2024-02-29', '2026-09-21T14:30:00.123+05:30'])('should accept %s', (value) => {
    expect(checkIsoDate(value).ok).toBe(true)
  })
  it.each(['2026-02-29', '2026-13-01', '2026-09-21T25:00:00Z', '2026-09-21T10:00:00', 'yesterday', '21/09/2026', '2026-09-21T10:00+15:00'])('should refuse %s', (value) => {
    expect(checkIsoDate(value).ok).toBe(false)
  })
  it('should accept every real calendar day (property)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2999-12-31T00:00:00Z'), noInvalidDate: true }), (date) => {
        expect(checkIsoDate(date.toISOString().slice(0, 10)).ok).toBe(true)
        expect(checkIsoDate(date.toISOString()).ok).toBe(true)
      }),
      { seed: 20261128, numRuns: 300 },
    )
  })
})
