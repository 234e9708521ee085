/**
 * Dates as a reader sees them (AP style) and as machines read them (`<time datetime>`).
 *
 * Every date is shown in the site's time zone, never the build machine's, so the same
 * content builds to the same pages anywhere. A bare ISO date (`2009-07-25`) is a
 * calendar date: it has no time zone and is shown as written.
 */

import { memoize } from '../memo.js'

/** A date ready for a template. */
export interface FormattedDate {
  /** Value for `<time datetime>`: the ISO date, or the date-time with its offset. */
  readonly datetime: string
  /** AP-style date: `Sept. 21, 2026`. */
  readonly date: string
  /** AP-style time with zone: `3:15 p.m. EDT`; absent for a bare date. */
  readonly time?: string
}

// AP Stylebook, "months": spell out March through July, abbreviate the rest when used
// with a specific date.
const apMonths = [
  'Jan.', 'Feb.', 'March', 'April', 'May', 'June', 'July', 'Aug.', 'Sept.', 'Oct.', 'Nov.', 'Dec.'
] as const

/**
 * `2026-09-21`, optionally followed by a time and an offset. A date-time without an
 * offset is a wall-clock time in the site's zone ("floating"), shown as written.
 */
const isoPattern =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))?)?$/

interface ParsedIso {
  readonly year: number
  readonly month: number
  readonly day: number
  readonly time: { readonly hour: number; readonly minute: number } | undefined
  /** The instant, when the value has an offset; `undefined` for dates and floating times. */
  readonly instant: Date | undefined
  /** The value normalised for `datetime`: `T` separator, `Z` or `±hh:mm`. */
  readonly datetime: string
}

const formatters = new Map<string, Intl.DateTimeFormat>()

/**
 * Formatted dates by time zone, then value. A story's date is printed on its own page and
 * on every listing, feed and speaker page that shows it, and `formatToParts` is the
 * costly step, so each value is formatted once. The results are frozen and shared.
 */
const formattedIn = memoize((timeZone) => memoize((value) => Object.freeze(formatUncached(value, timeZone))))

/**
 * Formats an ISO date or date-time for display and for `<time datetime>`.
 *
 * @param value ISO date (`2009-07-25`) or date-time (`2026-09-21T14:30:00-04:00`).
 * @param timeZone IANA time zone the site shows dates in (`America/New_York`).
 * @throws {Error} When `value` is not an ISO date or `timeZone` is unknown: both were
 *   validated upstream, so either is a bug.
 */
export function formatDate(value: string, timeZone: string): FormattedDate {
  return formattedIn(timeZone)(value)
}

function formatUncached(value: string, timeZone: string): FormattedDate {
  const parsed = parseIso(value)
  if (parsed.instant === undefined) {
    const date = apDate(parsed.year, parsed.month, parsed.day)
    return parsed.time === undefined
      ? { datetime: parsed.datetime, date }
      : { datetime: parsed.datetime, date, time: apTime(parsed.time.hour, parsed.time.minute) }
  }
  const parts = formatterFor(timeZone).formatToParts(parsed.instant)
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? ''
  const zone = part('timeZoneName')
  // `hourCycle: 'h23'` still gives `24` for midnight in some ICU versions.
  const hour = Number(part('hour')) % 24
  return {
    datetime: parsed.datetime,
    date: apDate(Number(part('year')), Number(part('month')), Number(part('day'))),
    time: zone ? `${apTime(hour, Number(part('minute')))} ${zone}` : apTime(hour, Number(part('minute')))
  }
}

/**
 * Formats the date part alone in AP style: `Sept. 21, 2026`, `March 4, 2026`.
 *
 * @param value ISO date or date-time (see {@link formatDate}).
 * @param timeZone IANA time zone the site shows dates in.
 */
export function formatApDate(value: string, timeZone: string): string {
  return formatDate(value, timeZone).date
}

function parseIso(value: string): ParsedIso {
  const match = isoPattern.exec(value.trim())
  const [, y, mo, d, h, mi, s, zulu, sign, oh, om] = match ?? []
  if (!match || y === undefined || mo === undefined || d === undefined) throw invalidDate(value)
  const year = Number(y)
  const month = Number(mo)
  const day = Number(d)
  const probe = new Date(Date.UTC(year, month - 1, day))
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) throw invalidDate(value)
  const date = `${y}-${mo}-${d}`
  if (h === undefined || mi === undefined) return { year, month, day, time: undefined, instant: undefined, datetime: date }
  const hour = Number(h)
  const minute = Number(mi)
  if (hour > 23 || minute > 59 || Number(s ?? 0) > 59) throw invalidDate(value)
  const clock = `${h}:${mi}${s === undefined ? '' : `:${s}`}`
  const time = { hour, minute }
  if (zulu !== undefined) {
    return { year, month, day, time, instant: new Date(`${date}T${clock}Z`), datetime: `${date}T${clock}Z` }
  }
  if (sign === undefined || oh === undefined || om === undefined) {
    return { year, month, day, time, instant: undefined, datetime: `${date}T${clock}` }
  }
  const datetime = `${date}T${clock}${sign}${oh}:${om}`
  return { year, month, day, time, instant: new Date(datetime), datetime }
}

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone)
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        hourCycle: 'h23',
        timeZoneName: 'short'
      })
    } catch (cause) {
      throw new Error(`Cannot format dates in \`${timeZone}\`: expected an IANA time zone such as \`America/New_York\``, { cause })
    }
    formatters.set(timeZone, formatter)
  }
  return formatter
}

function apDate(year: number, month: number, day: number): string {
  return `${apMonths[month - 1] ?? ''} ${day}, ${year}`
}

/** AP style: `3 p.m.`, `3:15 p.m.`, and `noon`/`midnight` rather than 12 p.m./12 a.m. */
function apTime(hour: number, minute: number): string {
  if (minute === 0 && hour === 0) return 'midnight'
  if (minute === 0 && hour === 12) return 'noon'
  const clock = hour % 12 === 0 ? 12 : hour % 12
  const suffix = hour < 12 ? 'a.m.' : 'p.m.'
  return minute === 0 ? `${clock} ${suffix}` : `${clock}:${String(minute).padStart(2, '0')} ${suffix}`
}

function invalidDate(value: string): Error {
  return new Error(`Cannot format \`${value}\` as a date: expected an ISO date (\`2026-09-21\`) or date-time with offset (\`2026-09-21T14:30:00-04:00\`)`)
}
