/**
 * Dates with an explicit offset, for machines that require one (schema.org's
 * `datePublished`, Google News). A bare date or a floating date-time is a wall-clock time in
 * the site's zone, so it gets that zone's offset on that day: `2026-03-04` in
 * `America/New_York` → `2026-03-04T00:00:00-05:00`.
 */

import { memoize } from '../memo.js'

const floatingPattern = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2}))?)?$/

const offsetFormatters = new Map<string, Intl.DateTimeFormat>()

/**
 * Results by time zone, then value: one story's dates are asked for by its page, the
 * feeds and the sitemaps, and each answer costs two `formatToParts`.
 */
const withOffsetsIn = memoize((timeZone) => memoize((value) => withOffsetUncached(value, timeZone)))

/**
 * Gives `value` an offset when it has none.
 *
 * @param value ISO date or date-time, as validated by the content stage.
 * @param timeZone IANA time zone the site's wall-clock dates are in.
 * @returns `value` unchanged when it already has `Z` or `±hh:mm`, else the date-time with
 *   the zone's offset.
 */
export function isoWithOffset(value: string, timeZone: string): string {
  return withOffsetsIn(timeZone)(value)
}

function withOffsetUncached(value: string, timeZone: string): string {
  const match = floatingPattern.exec(value.trim())
  if (!match) return value
  const [, y, mo, d, h = '00', mi = '00', s = '00'] = match
  const wallAsUtc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s))
  // The offset at the wall time read as UTC is right except within hours of a DST change;
  // asking again at the corrected instant settles it.
  let offset = offsetMinutes(wallAsUtc, timeZone)
  offset = offsetMinutes(wallAsUtc - offset * 60_000, timeZone)
  const sign = offset < 0 ? '-' : '+'
  const absolute = Math.abs(offset)
  const hh = String(Math.floor(absolute / 60)).padStart(2, '0')
  const mm = String(absolute % 60).padStart(2, '0')
  return `${y}-${mo}-${d}T${h}:${mi}:${s}${sign}${hh}:${mm}`
}

function offsetMinutes(epoch: number, timeZone: string): number {
  let formatter = offsetFormatters.get(timeZone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    offsetFormatters.set(timeZone, formatter)
  }
  const name = formatter.formatToParts(new Date(epoch)).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT'
  const match = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name)
  if (!match) return 0
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0)
  return match[1] === '-' ? -minutes : minutes
}
