/**
 * A fixed list of short lower-case ASCII words packed into three typed arrays, for an exact
 * "is this word in the list" that reads a few kilobytes laid out side by side.
 *
 * The quote engine asks such questions for nearly every word of an article, right after the
 * article's Markdown parse has evicted the caches. A `Set` then costs several cache misses
 * per question (its hash table, the entry, the key string it compares with, all far apart in
 * the heap); these arrays stay a handful of cache lines, and words are compared where they
 * are, without hashing a new string.
 */

/** Words up to this length can be listed. */
const MAX_LENGTH = 31

export interface PackedWords {
  /** Words of length `l` starting with letter `f` (0–25) are `order[firsts[l * 26 + f]]` to `order[firsts[l * 26 + f + 1] - 1]`. */
  readonly firsts: Uint16Array
  /** Where each word's characters start in `chars`, in bucket order. */
  readonly order: Uint16Array
  readonly chars: Uint16Array
}

function bucketOf(length: number, first: number): number {
  return length * 26 + (first - 0x61)
}

/** Pack `words` (lower-case, ASCII, starting with a letter, at most 31 characters each). */
export function packWords(words: Iterable<string>): PackedWords {
  const unique = [...new Set(words)]
  for (const word of unique) {
    if (!/^[a-z][\x21-\x7e]*$/.test(word) || word.length > MAX_LENGTH) throw new Error(`Cannot pack \`${word}\`: expected lower-case ASCII starting with a letter, at most ${MAX_LENGTH} characters`)
  }
  if (unique.reduce((sum, word) => sum + word.length, 0) > 0xffff) throw new Error('Cannot pack more than 65,535 characters of words')
  const sorted = unique.sort((a, b) => bucketOf(a.length, a.charCodeAt(0)) - bucketOf(b.length, b.charCodeAt(0)))
  const firsts = new Uint16Array((MAX_LENGTH + 1) * 26 + 1)
  const order = new Uint16Array(sorted.length)
  const chars = new Uint16Array(sorted.reduce((sum, word) => sum + word.length, 0))
  let at = 0
  for (const [index, word] of sorted.entries()) {
    order[index] = at
    for (let k = 0; k < word.length; k++) chars[at + k] = word.charCodeAt(k)
    at += word.length
    firsts[bucketOf(word.length, word.charCodeAt(0)) + 1] = index + 1
  }
  // Empty buckets start where the previous one ended.
  for (let b = 1; b < firsts.length; b++) if ((firsts[b] as number) < (firsts[b - 1] as number)) firsts[b] = firsts[b - 1] as number
  return { firsts, order, chars }
}

/** Whether `text[from, to)` is one of `packed`'s words. */
export function hasWord(packed: PackedWords, text: string, from: number, to: number): boolean {
  const length = to - from
  const first = text.charCodeAt(from)
  if (length < 1 || length > MAX_LENGTH || first < 0x61 || first > 0x7a) return false
  const bucket = bucketOf(length, first)
  const end = packed.firsts[bucket + 1] as number
  const last = text.charCodeAt(to - 1)
  for (let w = packed.firsts[bucket] as number; w < end; w++) {
    const at = packed.order[w] as number
    if ((packed.chars[at + length - 1] as number) !== last) continue
    let k = 1
    while (k < length - 1 && (packed.chars[at + k] as number) === text.charCodeAt(from + k)) k++
    if (k >= length - 1) return true
  }
  return false
}
