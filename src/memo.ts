/**
 * One remembered-results helper for the pure string functions that the build calls with
 * the same arguments over and over (slugs, name words, formatted dates). The memory is
 * emptied when it reaches `limit` entries, so a long `dateline dev` session stays small.
 */

/** Default number of results kept before the memory is emptied. */
export const memoLimit = 50_000

/**
 * `fn` with its results remembered by argument.
 *
 * @param fn A pure function of one string.
 * @param limit Results kept before the memory is emptied (default `memoLimit`).
 */
export function memoize<T>(fn: (key: string) => T, limit = memoLimit): (key: string) => T {
  const results = new Map<string, T>()
  return (key) => {
    let result = results.get(key)
    if (result === undefined && !results.has(key)) {
      result = fn(key)
      if (results.size >= limit) results.clear()
      results.set(key, result)
    }
    return result as T
  }
}
