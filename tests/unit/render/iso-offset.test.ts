import { describe, expect, it } from 'vitest'
import { isoWithOffset } from '../../../src/render/iso-offset.js'

describe('isoWithOffset', () => {
  it('should keep a date-time that already has an offset or Z', () => {
    expect(isoWithOffset('2026-09-21T14:30:00-04:00', 'Asia/Tokyo')).toBe('2026-09-21T14:30:00-04:00')
    expect(isoWithOffset('2026-09-21T14:30:00Z', 'Asia/Tokyo')).toBe('2026-09-21T14:30:00Z')
  })

  it('should give a bare date midnight with the zone’s offset on that day, summer or winter', () => {
    expect(isoWithOffset('2026-01-15', 'America/New_York')).toBe('2026-01-15T00:00:00-05:00')
    expect(isoWithOffset('2026-07-15', 'America/New_York')).toBe('2026-07-15T00:00:00-04:00')
    expect(isoWithOffset('2026-07-15', 'Asia/Kolkata')).toBe('2026-07-15T00:00:00+05:30')
  })

  it('should give a floating date-time the offset in force at that wall time', () => {
    // The first hours of the DST day in New York: 01:30 is still EST, 03:30 is EDT.
    expect(isoWithOffset('2026-03-08T01:30', 'America/New_York')).toBe('2026-03-08T01:30:00-05:00')
    expect(isoWithOffset('2026-03-08T03:30', 'America/New_York')).toBe('2026-03-08T03:30:00-04:00')
  })
})
