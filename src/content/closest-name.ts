/**
 * "Did you mean …?" for names an editor types: front matter fields and configuration keys.
 */
import leven from 'leven'

/**
 * The known name `name` most likely misspells: the same letters in another case
 * (`pagesize` → `pageSize`), else the nearest by edit distance when it is close for the
 * name's length (two edits for names of six letters or more, one for shorter ones).
 *
 * @returns The name, or `undefined` when none is close.
 */
export function closestName(name: string, known: Iterable<string>): string | undefined {
  const folded = name.toLowerCase()
  const limit = folded.length >= 6 ? 2 : 1
  let best: string | undefined
  let bestDistance = limit + 1
  for (const candidate of known) {
    const distance = leven(folded, candidate.toLowerCase(), { maxDistance: limit + 1 })
    if (distance < bestDistance) {
      best = candidate
      bestDistance = distance
    }
  }
  return best
}
