/**
 * Whether a span is a quotation rather than a title, a nickname or a scare quote (SCHEMA.md
 * §2): `so-called "tax extenders"`, `ABC's "This Week"`, `the film "Oppenheimer"`, `Dwayne
 * "The Rock" Johnson` are not quotes.
 */
import type { MarkedSpan } from './quote-marks.js'
import type { Token } from './quote-tokens.js'

/** Per span: whether it is a quotation (`isQuotation`), given each span's `quote` token (`quoteTokenIndexes`). */
export function quotationMask(text: string, tokens: readonly Token[], spans: readonly MarkedSpan[], tokenOfSpan: Int32Array): Uint8Array {
  const keep = new Uint8Array(spans.length)
  for (let index = 0; index < spans.length; index++) keep[index] = isQuotation(text, tokens, spans[index] as MarkedSpan, tokenOfSpan[index] ?? -1) ? 1 : 0
  return keep
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu

/**
 * Whether a span is a quotation rather than a title, a nickname or a scare quote: a
 * quoted span that nobody is said to have said is not a quote (SCHEMA.md §2).
 *
 * @param index index of the span's `quote` token in `tokens`, or -1
 */
function isQuotation(text: string, tokens: readonly Token[], span: MarkedSpan, index: number): boolean {
  const before = tokens[index - 1]
  const after = tokens[index + 1]
  // `so-called "tax extenders"`.
  if (before?.lower === 'so-called') return false
  const isPossessed = before?.kind === 'poss'
  const isInsideName = before?.kind === 'word' && before.isCapitalized && after?.kind === 'word' && after.isCapitalized && before.end < span.open
  const isAfterWork = isWorkNoun(before) || (before?.text === ',' && isWorkNoun(tokens[index - 2]))
  // Most quotes are none of these: only then are the quoted words read (a \p{…} regex per quote is not free).
  if (!isPossessed && !isInsideName && !isAfterWork) return true
  const words = text.slice(span.start, span.end).match(WORD) ?? []
  const isTitleCase = words.length > 0 && words.every((w) => /^[\p{Lu}\p{N}]/u.test(w) || SMALL_TITLE_WORDS.has(w))
  // `ABC's "This Week"`: a title after a possessive.
  if (isTitleCase && isPossessed && words.length >= 2) return false
  // `the film "Oppenheimer"`, `his book, "Fire and Fury,"`: a title after the kind of work it names.
  if (isTitleCase && isAfterWork) return false
  // `Dwayne "The Rock" Johnson`: a nickname inside a name.
  if (words.length <= 3 && isInsideName) return false
  return true
}

/** Kinds of work whose title follows them in quotation marks: `the film "Oppenheimer"`. */
const WORK_NOUNS: ReadonlySet<string> = new Set([
  'film', 'movie', 'book', 'novel', 'memoir', 'song', 'album', 'single', 'show', 'series', 'sitcom', 'episode', 'play', 'musical', 'opera',
  'documentary', 'podcast', 'poem', 'essay', 'column', 'op-ed', 'headline', 'painting', 'exhibition', 'exhibit', 'magazine', 'newsletter', 'program', 'programme',
])

function isWorkNoun(token: Token | undefined): boolean {
  return token !== undefined && token.kind === 'word' && WORK_NOUNS.has(token.lower)
}

const SMALL_TITLE_WORDS: ReadonlySet<string> = new Set(['a', 'an', 'the', 'of', 'and', 'or', 'in', 'on', 'at', 'to', 'for', 'with', 'by', 'from'])
