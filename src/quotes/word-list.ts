/**
 * A fixed list of short lower-case ASCII words packed into typed arrays, for an exact "is
 * this word in the list" (or "in which of these lists") that reads a few kilobytes laid out
 * side by side.
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
  /** Each word's last character, in bucket order: one bucket's are side by side, so most words are ruled out without reading `chars`. */
  readonly lasts: Uint16Array
  /** Each word's bits (`packWordClasses`), in bucket order; 1 for `packWords`. */
  readonly bits: Uint32Array
}

function bucketOf(length: number, first: number): number {
  return length * 26 + (first - 0x61)
}

/** Pack `words` (lower-case, ASCII, starting with a letter, at most 31 characters each). */
export function packWords(words: Iterable<string>): PackedWords {
  return packWordClasses([[words, 1]])
}

/**
 * Pack several lists of words (as for `packWords`), each with its own bit: `wordBits` then
 * tells every list a word is in with one look-up.
 */
export function packWordClasses(lists: readonly (readonly [Iterable<string>, number])[]): PackedWords {
  const classes = new Map<string, number>()
  for (const [words, bit] of lists) {
    if (bit === 0) throw new Error('Cannot pack a list with no bit')
    for (const word of words) classes.set(word, (classes.get(word) ?? 0) | bit)
  }
  for (const word of classes.keys()) {
    if (!/^[a-z][\x21-\x7e]*$/.test(word) || word.length > MAX_LENGTH) throw new Error(`Cannot pack \`${word}\`: expected lower-case ASCII starting with a letter, at most ${MAX_LENGTH} characters`)
  }
  const unique = [...classes.keys()]
  if (unique.reduce((sum, word) => sum + word.length, 0) > 0xffff) throw new Error('Cannot pack more than 65,535 characters of words')
  const sorted = unique.sort((a, b) => bucketOf(a.length, a.charCodeAt(0)) - bucketOf(b.length, b.charCodeAt(0)))
  const firsts = new Uint16Array((MAX_LENGTH + 1) * 26 + 1)
  const order = new Uint16Array(sorted.length)
  const chars = new Uint16Array(sorted.reduce((sum, word) => sum + word.length, 0))
  const bits = new Uint32Array(sorted.length)
  const lasts = new Uint16Array(sorted.length)
  let at = 0
  for (const [index, word] of sorted.entries()) {
    order[index] = at
    lasts[index] = word.charCodeAt(word.length - 1)
    bits[index] = classes.get(word) ?? 0
    for (let k = 0; k < word.length; k++) chars[at + k] = word.charCodeAt(k)
    at += word.length
    firsts[bucketOf(word.length, word.charCodeAt(0)) + 1] = index + 1
  }
  // Empty buckets start where the previous one ended.
  for (let b = 1; b < firsts.length; b++) if ((firsts[b] as number) < (firsts[b - 1] as number)) firsts[b] = firsts[b - 1] as number
  return { firsts, order, chars, lasts, bits }
}

/** Whether `text[from, to)` is one of `packed`'s words. */
export function hasWord(packed: PackedWords, text: string, from: number, to: number): boolean {
  return wordBits(packed, text, from, to) !== 0
}

/** The bits of `text[from, to)` in `packed`: 0 when it is none of its words. */
export function wordBits(packed: PackedWords, text: string, from: number, to: number): number {
  const length = to - from
  const first = text.charCodeAt(from)
  if (length < 1 || length > MAX_LENGTH || first < 0x61 || first > 0x7a) return 0
  const bucket = bucketOf(length, first)
  const end = packed.firsts[bucket + 1] as number
  const last = text.charCodeAt(to - 1)
  for (let w = packed.firsts[bucket] as number; w < end; w++) {
    if ((packed.lasts[w] as number) !== last) continue
    const at = packed.order[w] as number
    let k = 1
    while (k < length - 1 && (packed.chars[at + k] as number) === text.charCodeAt(from + k)) k++
    if (k >= length - 1) return packed.bits[w] as number
  }
  return 0
}
