/**
 * Tokens and sentences for the attribution pass.
 *
 * Each quoted span becomes ONE opaque `quote` token, so a period inside a quote never ends
 * the sentence around it (`"…forever." Falk said` stays one sentence when it should) and the
 * rules only ever look at the words outside the marks. Paragraph breaks end sentences,
 * except inside a multi-paragraph quote, which is a single token.
 */
import type { MarkedSpan } from './quote-marks.js'

/** What a token is. `poss` is the possessive `'s` / `’s` (or a bare `’` after `-s`). */
export type TokenKind = 'word' | 'punct' | 'quote' | 'poss'

/** One token of the article body, with its offsets in the text. */
export interface Token {
  readonly kind: TokenKind
  readonly text: string
  /** Lower-cased `text`, for word-list look-ups. */
  readonly lower: string
  readonly start: number
  readonly end: number
  readonly paragraphIndex: number
  /** For `quote` tokens: index into the span list. */
  readonly quoteIndex: number
  /** First character is an upper-case letter. */
  readonly isCapitalized: boolean
  /** Two or more letters, all upper-case (`CBS`, `U.S.`): an acronym, not a name. */
  readonly isAcronym: boolean
}

/** A sentence as a `[start, end)` range of token indices. */
export interface Sentence {
  readonly start: number
  readonly end: number
}

/** Abbreviations whose period does not end a sentence. */
const ABBREVIATIONS: ReadonlySet<string> = new Set([
  'mr', 'mrs', 'ms', 'dr', 'sen', 'rep', 'reps', 'gov', 'gen', 'lt', 'col', 'sgt', 'capt', 'cmdr', 'adm', 'maj', 'prof', 'rev', 'st', 'sr', 'jr', 'mt', 'ft',
  'inc', 'corp', 'co', 'ltd', 'bros', 'no', 'nos', 'vs', 'etc', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'ave', 'blvd', 'calif', 'fla', 'tex', 'ariz', 'mass', 'penn', 'wash', 'ore', 'nev', 'ill', 'mich', 'minn', 'wis', 'conn', 'del', 'ind', 'kan', 'ky', 'la', 'md', 'mo', 'okla', 'tenn', 'va', 'vt', 'pa', 'ga', 'ala', 'colo', 'neb',
])

const UPPER = /\p{Lu}/u
const LOWER = /\p{Ll}/u

function isUpperCode(code: number): boolean {
  if (code < 0x80) return code >= 0x41 && code <= 0x5a
  return !Number.isNaN(code) && UPPER.test(String.fromCharCode(code))
}

function isLowerCode(code: number): boolean {
  if (code < 0x80) return code >= 0x61 && code <= 0x7a
  return !Number.isNaN(code) && LOWER.test(String.fromCharCode(code))
}

/**
 * A word (letters and digits, with `.`, `'`, `’`, `-`, `&`, `/` inside when a letter or
 * digit follows: `U.S`, `don't`, `e-mail`, `AT&T`) or any other single non-space character.
 * Linear: no nested quantifier can match the same character two ways.
 *
 * Note: letters are listed by script block rather than as `\p{L}`: the `u` flag makes
 * this regex about three times slower on Node 20, and it runs over every character.
 */
const LETTERS = 'A-Za-z0-9\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u024F\\u0370-\\u03FF\\u0400-\\u052F\\u0590-\\u05FF\\u0600-\\u06FF\\u0900-\\u0DFF\\u0E00-\\u0EFF\\u1E00-\\u1FFF\\u3040-\\u30FF\\u3400-\\u9FFF\\uAC00-\\uD7AF'
const TOKEN_PATTERN = new RegExp(`([${LETTERS}]+(?:[.'\u2019&/-][${LETTERS}]+)*)|\\S`)

function makeToken(kind: TokenKind, text: string, start: number, paragraphIndex: number, quoteIndex = -1): Token {
  const isCapitalized = kind === 'word' && isUpperCode(text.charCodeAt(0))
  let letters = 0
  let hasLower = false
  if (isCapitalized) {
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i)
      if (isLowerCode(code)) {
        hasLower = true
        break
      }
      if (isUpperCode(code)) letters++
    }
  }
  return {
    kind,
    text,
    lower: kind === 'word' ? text.toLowerCase() : text,
    start,
    end: start + text.length,
    paragraphIndex,
    quoteIndex,
    isCapitalized,
    isAcronym: isCapitalized && !hasLower && letters >= 2,
  }
}

/**
 * Tokenize the body paragraphs, with each span in `spans` as a single `quote` token.
 *
 * @param spans sorted, non-overlapping quoted spans
 */
export function tokenizeBody(text: string, paragraphs: readonly (readonly [number, number])[], spans: readonly MarkedSpan[]): Token[] {
  const tokens: Token[] = []
  let nextSpan = 0
  let resumeAt = 0
  // One native regex step per token instead of a JavaScript step per character.
  const pattern = new RegExp(TOKEN_PATTERN.source, 'g')
  for (let p = 0; p < paragraphs.length; p++) {
    const range = paragraphs[p]
    if (range === undefined) continue
    const to = range[1]
    pattern.lastIndex = Math.max(range[0], resumeAt)
    for (;;) {
      const match = pattern.exec(text)
      if (match === null || match.index >= to) break
      const i = match.index
      const span = spans[nextSpan]
      if (span !== undefined && span.open <= i) {
        tokens.push(makeToken('quote', text.slice(span.open, span.close), span.open, p, nextSpan))
        nextSpan++
        resumeAt = span.close
        pattern.lastIndex = span.close
        continue
      }
      let word = match[1]
      if (word !== undefined) {
        let j = i + word.length
        if (j > to) {
          j = to
          word = text.slice(i, j)
        }
        // Possessive: split `Clinton's` into `Clinton` + `'s`.
        const tail = word.slice(-2)
        if (word.length > 2 && (tail === "'s" || tail === '’s')) {
          tokens.push(makeToken('word', word.slice(0, -2), i, p))
          tokens.push(makeToken('poss', tail, j - 2, p))
          continue
        }
        // Keep the period of an abbreviation or initial with its word (`Mr.`, `U.S.`, `M.`).
        if (text.charCodeAt(j) === 0x2e && j < to && (word.includes('.') || (word.length === 1 && isUpperCode(text.charCodeAt(i))) || ABBREVIATIONS.has(word.toLowerCase()))) {
          word = text.slice(i, j + 1)
          pattern.lastIndex = j + 1
        }
        tokens.push(makeToken('word', word, i, p))
        continue
      }
      const ch = match[0]
      if (ch === '-' && text.charCodeAt(i + 1) === 0x2d) {
        tokens.push(makeToken('punct', '—', i, p))
        pattern.lastIndex = i + 2
        continue
      }
      if (ch === '’' || ch === "'") {
        const previous = tokens[tokens.length - 1]
        if (previous !== undefined && previous.kind === 'word' && previous.end === i && previous.lower.endsWith('s')) {
          tokens.push(makeToken('poss', ch, i, p))
          continue
        }
      }
      tokens.push(makeToken('punct', ch === '–' ? '—' : ch, i, p))
    }
  }
  return tokens
}

const TERMINAL = /[.?!]['"”’)\]\s]*$/

/**
 * Split tokens into sentences: at `.`, `?`, `!` before a capital, a quote or the paragraph
 * end, after a quote whose words end a sentence (`…left."` then a capital), and at every
 * paragraph break.
 *
 * @param isCue whether a lower-cased word is an attribution verb: `"Why?" Trump asked.`
 *   must not be cut after the question mark
 */
export function splitSentences(tokens: readonly Token[], isCue: (lower: string) => boolean): Sentence[] {
  const sentences: Sentence[] = []
  let start = 0
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]
    const next = tokens[i + 1]
    if (token === undefined) continue
    let boundary = next === undefined || next.paragraphIndex !== token.paragraphIndex
    if (!boundary && next !== undefined) {
      if (token.kind === 'punct' && (token.text === '.' || token.text === '?' || token.text === '!')) {
        boundary = next.isCapitalized || next.kind === 'quote' || next.text === '(' || /^\d/.test(next.text)
      } else if (token.kind === 'quote' && TERMINAL.test(token.text.slice(0, -1))) {
        boundary = (next.isCapitalized && !startsAttribution(tokens, i + 1, isCue)) || next.kind === 'quote'
      }
    }
    if (boundary) {
      sentences.push({ start, end: i + 1 })
      start = i + 1
    }
  }
  return sentences
}

/** Whether the words from `from` read `Name said`/`Name told` before any punctuation. */
function startsAttribution(tokens: readonly Token[], from: number, isCue: (lower: string) => boolean): boolean {
  for (let i = from; i < tokens.length && i < from + 7; i++) {
    const token = tokens[i]
    if (token === undefined || token.kind !== 'word') return false
    if (isCue(token.lower)) return i > from
  }
  return false
}
