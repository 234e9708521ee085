/**
 * ISO dates as front matter carries them. A bare date is a calendar day; a date-time must
 * carry its UTC offset, or it would mean a different instant on every build machine.
 */

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/
const dateTimePattern = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?$/

export type DateCheck =
  | { readonly ok: true; readonly value: string }
  | { readonly ok: false; readonly reason: string }

function isRealDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate()
  return day <= days
}

/**
 * Check that `value` is an ISO date (`2026-09-21`) or an ISO date-time with offset
 * (`2026-09-21T14:30:00-04:00`, `…Z`), naming a real day and time.
 * Returns the value normalised (`T` separator) or the reason it is refused.
 */
export function checkIsoDate(value: string): DateCheck {
  const date = datePattern.exec(value)
  if (date) {
    return isRealDay(Number(date[1]), Number(date[2]), Number(date[3]))
      ? { ok: true, value }
      : { ok: false, reason: `\`${value}\` is not a real calendar date` }
  }
  const dateTime = dateTimePattern.exec(value)
  if (!dateTime) {
    return { ok: false, reason: `\`${value}\` is not an ISO date (\`2026-09-21\`) or date-time with offset (\`2026-09-21T14:30:00-04:00\`)` }
  }
  const [, year, month, day, hour, minute, second, , offset] = dateTime
  if (!isRealDay(Number(year), Number(month), Number(day)) || Number(hour) > 23 || Number(minute) > 59 || Number(second ?? 0) > 59) {
    return { ok: false, reason: `\`${value}\` is not a real date and time` }
  }
  if (offset === undefined) {
    return { ok: false, reason: `\`${value}\` has no UTC offset, expected one such as \`Z\` or \`-04:00\`` }
  }
  const hours = offset === 'Z' ? 0 : Math.abs(Number(offset.slice(1, 3)))
  if (hours > 14 || (offset !== 'Z' && Number(offset.slice(4, 6)) > 59)) {
    return { ok: false, reason: `\`${value}\` has an impossible UTC offset \`${offset}\`` }
  }
  return { ok: true, value: value.replace(' ', 'T') }
}

/** Milliseconds since the epoch of an ISO date (midnight UTC) or date-time, for sorting. */
export function isoToEpoch(value: string): number {
  return datePattern.test(value) ? Date.parse(`${value}T00:00:00Z`) : Date.parse(value)
}
