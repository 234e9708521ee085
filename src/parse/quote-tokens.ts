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

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u
const UPPER = /\p{Lu}/u

function isAlnum(ch: string | undefined): boolean {
  return ch !== undefined && ch !== '' && LETTER_OR_DIGIT.test(ch)
}

/** Characters allowed inside a word when a letter or digit follows: `U.S`, `don't`, `e-mail`, `AT&T`. */
function isJoiner(ch: string | undefined): boolean {
  return ch === '.' || ch === "'" || ch === '’' || ch === '-' || ch === '&' || ch === '/'
}

const EMPTY = ''

function makeToken(kind: TokenKind, text: string, start: number, paragraphIndex: number, quoteIndex = -1): Token {
  const first = text.charAt(0)
  return {
    kind,
    text,
    lower: text.toLowerCase(),
    start,
    end: start + text.length,
    paragraphIndex,
    quoteIndex,
    isCapitalized: first !== EMPTY && UPPER.test(first),
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
  for (let p = 0; p < paragraphs.length; p++) {
    const range = paragraphs[p]
    if (range === undefined) continue
    const to = range[1]
    let i = Math.max(range[0], resumeAt)
    while (i < to) {
      const span = spans[nextSpan]
      if (span !== undefined && span.open === i) {
        tokens.push({ ...makeToken('quote', text.slice(span.open, span.close), span.open, p, nextSpan), isCapitalized: false })
        nextSpan++
        i = span.close
        resumeAt = span.close
        continue
      }
      const ch = text.charAt(i)
      if (isAlnum(ch)) {
        let j = i + 1
        while (j < to && (isAlnum(text.charAt(j)) || (isJoiner(text.charAt(j)) && isAlnum(text.charAt(j + 1))))) j++
        let word = text.slice(i, j)
        // Possessive: split `Clinton's` into `Clinton` + `'s`.
        const tail = word.slice(-2)
        if (word.length > 2 && (tail === "'s" || tail === '’s')) {
          tokens.push(makeToken('word', word.slice(0, -2), i, p))
          tokens.push(makeToken('poss', tail, j - 2, p))
          i = j
          continue
        }
        // Keep the period of an abbreviation or initial with its word (`Mr.`, `U.S.`, `M.`).
        if (text.charAt(j) === '.' && (ABBREVIATIONS.has(word.toLowerCase()) || word.includes('.') || (word.length === 1 && UPPER.test(word)))) {
          j++
          word = text.slice(i, j)
        }
        tokens.push(makeToken('word', word, i, p))
        i = j
        continue
      }
      if (ch === ' ' || ch === '\n' || ch === '\t' || ch === '\r' || ch === '\u00a0') {
        i++
        continue
      }
      if (ch === '-' && text.charAt(i + 1) === '-') {
        tokens.push(makeToken('punct', '—', i, p))
        i += 2
        continue
      }
      if ((ch === '’' || ch === "'") && tokens.length > 0) {
        const previous = tokens[tokens.length - 1]
        if (previous !== undefined && previous.kind === 'word' && previous.end === i && previous.lower.endsWith('s')) {
          tokens.push(makeToken('poss', ch, i, p))
          i++
          continue
        }
      }
      tokens.push(makeToken('punct', ch === '–' ? '—' : ch, i, p))
      i++
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
