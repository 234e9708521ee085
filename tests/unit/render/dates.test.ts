import { describe, expect, it } from 'vitest'
import { formatApDate, formatDate } from '../../../src/render/dates.js'

describe('formatDate', () => {
  it.each([
    ['2026-01-05', 'Jan. 5, 2026'],
    ['2026-02-05', 'Feb. 5, 2026'],
    ['2026-03-04', 'March 4, 2026'],
    ['2026-04-05', 'April 5, 2026'],
    ['2026-05-05', 'May 5, 2026'],
    ['2026-06-05', 'June 5, 2026'],
    ['2026-07-05', 'July 5, 2026'],
    ['2026-08-05', 'Aug. 5, 2026'],
    ['2026-09-21', 'Sept. 21, 2026'],
    ['2026-10-05', 'Oct. 5, 2026'],
    ['2026-11-05', 'Nov. 5, 2026'],
    ['2026-12-05', 'Dec. 5, 2026']
  ])('should write %s in AP style as %s', (value, expected) => {
    expect(formatApDate(value, 'UTC')).toBe(expected)
  })

  it('should never shift a bare calendar date, whatever the site zone', () => {
    expect(formatDate('2009-07-25', 'Pacific/Kiritimati')).toEqual({ datetime: '2009-07-25', date: 'July 25, 2009' })
    expect(formatDate('2009-07-25', 'Pacific/Pago_Pago')).toEqual({ datetime: '2009-07-25', date: 'July 25, 2009' })
  })

  it('should show an instant on the calendar day of the site zone', () => {
    // 02:30 UTC on Sept. 22 is still Sept. 21 in New York.
    expect(formatDate('2026-09-22T02:30:00Z', 'America/New_York')).toEqual({
      datetime: '2026-09-22T02:30:00Z',
      date: 'Sept. 21, 2026',
      time: '10:30 p.m. EDT'
    })
  })

  it('should read the offset given with a date-time', () => {
    expect(formatDate('2026-03-04T09:00:00+09:00', 'UTC')).toEqual({
      datetime: '2026-03-04T09:00:00+09:00',
      date: 'March 4, 2026',
      time: 'midnight UTC'
    })
  })

  it('should write noon, whole hours and minutes in AP style', () => {
    expect(formatDate('2026-03-04T12:00:00Z', 'UTC').time).toBe('noon UTC')
    expect(formatDate('2026-03-04T15:00:00Z', 'UTC').time).toBe('3 p.m. UTC')
    expect(formatDate('2026-03-04T09:05:00Z', 'UTC').time).toBe('9:05 a.m. UTC')
  })

  it('should normalise the machine value to a T separator and a colon in the offset', () => {
    expect(formatDate('2026-03-04 09:00+0100', 'UTC').datetime).toBe('2026-03-04T09:00+01:00')
  })

  it('should show a date-time without offset as written, in no zone', () => {
    expect(formatDate('2026-03-04T23:30', 'Asia/Tokyo')).toEqual({
      datetime: '2026-03-04T23:30',
      date: 'March 4, 2026',
      time: '11:30 p.m.'
    })
  })

  it('should throw on a value that is not an ISO date', () => {
    expect(() => formatDate('Sept. 21, 2026', 'UTC')).toThrow('Cannot format `Sept. 21, 2026` as a date')
  })

  it('should throw on an impossible calendar date', () => {
    expect(() => formatDate('2026-02-30', 'UTC')).toThrow('Cannot format `2026-02-30` as a date')
  })

  it('should throw on an unknown time zone', () => {
    expect(() => formatDate('2026-02-03T10:00:00Z', 'Mars/Olympus')).toThrow('Cannot format dates in `Mars/Olympus`')
  })
})
