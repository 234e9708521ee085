/**
 * Names in a byline as printed: `By Jane Doe and John Roe, Staff Writers` → `Jane Doe`,
 * `John Roe`. The affiliation after the last comma is not a name.
 */
export function bylineNames(asPrinted: string): string[] {
  const withoutBy = asPrinted.replace(/^\s*by\s+/i, '')
  const names = withoutBy
    .split(/\s*(?:,|\band\b|&|;)\s*/i)
    .map((part) => part.trim())
    .filter((part) => part !== '')
  // "Jane Doe, Staff Writer": keep parts that look like names (two or more capitalised words, no role words).
  const roleWords =
    /\b(?:writer|writers|reporter|reporters|correspondent|correspondents|editor|editors|staff|press|news|service|bureau|contributor|contributors|associated|reuters|agency|wire|times|post|tribune|herald|journal|gazette|daily|magazine|media|network|radio|television|newspaper|inc|llc|ltd)\b/i
  const kept = names.filter((part) => !roleWords.test(part) && /^\p{Lu}/u.test(part))
  return kept.length > 0 ? kept : names.slice(0, 1)
}
