/**
 * Tokens and sentences for the attribution pass.
 *
 * Each quoted span becomes ONE opaque `quote` token, so a period inside a quote never ends
 * the sentence around it (`"…forever." Falk said` stays one sentence when it should) and the
 * rules only ever look at the words outside the marks. Paragraph breaks end sentences,
 * except inside a multi-paragraph quote, which is a single token.
 */
import { isSubjectNegator, isVerbNegator } from './attribution-words.js'
import type { MarkedSpan } from './quote-marks.js'
import { hasWord, packWords, type PackedWords } from './word-list.js'
import { WordClass, wordClassAt } from './word-classes.js'

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
  /** A word whose lower-cased form is a verb of saying in any form (whether it acts as one here is `isCueAt`'s call). */
  readonly isCueWord: boolean
  /** `WordClass` bits: the word lists `lower` is in (word-classes.ts); 0 for anything but a word. */
  readonly wordClass: number
}

/** The index of the first token starting at or after character `offset` (`tokens.length` when none does): a binary search over token starts. */
export function tokenAtOrAfter(tokens: readonly Token[], offset: number): number {
  let lo = 0
  let hi = tokens.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((tokens[mid] as Token).start < offset) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** The index of each span's `quote` token (its first, for a span over paragraphs), or -1: one pass over the tokens. */
export function quoteTokenIndexes(tokens: readonly Token[], spanCount: number): Int32Array {
  const of = new Int32Array(spanCount).fill(-1)
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token
    if (token.kind === 'quote' && of[token.quoteIndex] === -1) of[token.quoteIndex] = i
  }
  return of
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

const ABBREVIATION_WORDS: PackedWords = packWords(ABBREVIATIONS)

/** Whether `text[from, to)` lower-cased is in `ABBREVIATIONS` (`needsLower`: it is not lower-case already). */
function isAbbreviation(text: string, from: number, to: number, needsLower: boolean): boolean {
  if (!needsLower) return hasWord(ABBREVIATION_WORDS, text, from, to)
  const lower = text.slice(from, to).toLowerCase()
  return hasWord(ABBREVIATION_WORDS, lower, 0, lower.length)
}

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
 * Character classes by UTF-16 code unit: bit 1 = letter or digit of a word, bit 2 = white
 * space as JavaScript's `\s` has it. A word is letters and digits, with `.`, `'`, `’`, `-`,
 * `&`, `/` inside when a letter or digit follows (`U.S`, `don't`, `e-mail`, `AT&T`); any
 * other non-space character is a token of its own. One table look-up per character keeps
 * the scan linear and allocation-free (a regex `exec` per token allocates a match array,
 * and `\p{L}` with the `u` flag is about three times slower on Node 20).
 */
const LETTER = 1
const SPACE = 2
const CHAR_CLASS: Uint8Array = buildCharClasses()

function buildCharClasses(): Uint8Array {
  const table = new Uint8Array(0x10000)
  const letters: readonly (readonly [number, number])[] = [
    [0x30, 0x39], [0x41, 0x5a], [0x61, 0x7a], [0xc0, 0xd6], [0xd8, 0xf6], [0xf8, 0x24f], [0x370, 0x3ff], [0x400, 0x52f], [0x590, 0x5ff],
    [0x600, 0x6ff], [0x900, 0xdff], [0xe00, 0xeff], [0x1e00, 0x1fff], [0x3040, 0x30ff], [0x3400, 0x9fff], [0xac00, 0xd7af],
  ]
  for (const [from, to] of letters) table.fill(LETTER, from, to + 1)
  const spaces: readonly (readonly [number, number])[] = [
    [0x09, 0x0d], [0x20, 0x20], [0xa0, 0xa0], [0x1680, 0x1680], [0x2000, 0x200a], [0x2028, 0x2029], [0x202f, 0x202f], [0x205f, 0x205f], [0x3000, 0x3000], [0xfeff, 0xfeff],
  ]
  for (const [from, to] of spaces) table.fill(SPACE, from, to + 1)
  return table
}

/** Whether the UTF-16 code unit `code` is white space as JavaScript's `\s` has it. */
export function isSpaceCode(code: number): boolean {
  return code >= 0 && code < 0x10000 && (CHAR_CLASS[code] as number) === SPACE
}

function isLetterCode(code: number): boolean {
  return code >= 0 && code < 0x10000 && (CHAR_CLASS[code] as number) === LETTER
}

/** `0`–`9`, as `\d` has it. */
function isDigitCode(code: number): boolean {
  return code >= 0x30 && code <= 0x39
}

/** `.` `'` `’` `&` `/` `-`: joins two runs of letters into one word. */
function isJoiner(code: number): boolean {
  return code === 0x2e || code === 0x27 || code === 0x2019 || code === 0x26 || code === 0x2f || code === 0x2d
}

const IS_CAPITALIZED = 1
const IS_ACRONYM = 2

/** `IS_*` flags of a word from its spelling alone. */
function readWordFlags(text: string): number {
  const isCapitalized = isUpperCode(text.charCodeAt(0))
  let letters = 0
  let hasLower = false
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code >= 0x80) {
      if (isLowerCode(code)) hasLower = true
      else if (isUpperCode(code)) letters++
    } else if (code >= 0x61 && code <= 0x7a) hasLower = true
    else if (code >= 0x41 && code <= 0x5a) letters++
  }
  return (isCapitalized ? IS_CAPITALIZED : 0) | (isCapitalized && !hasLower && letters >= 2 ? IS_ACRONYM : 0)
}

/** Lower-cased `text`; most words already are, and keep their string. */
function lowerCase(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code >= 0x80 || (code >= 0x41 && code <= 0x5a)) return text.toLowerCase()
  }
  return text
}

/** The `word` token for `text[from, to)`. */
function wordToken(text: string, from: number, to: number, paragraphIndex: number): Token {
  const word = text.slice(from, to)
  const lower = lowerCase(word)
  return makeWordToken(word, lower, readWordFlags(word), wordClassAt(lower, 0, lower.length), from, paragraphIndex)
}

function makeWordToken(text: string, lower: string, flags: number, wordClass: number, start: number, paragraphIndex: number): Token {
  return {
    kind: 'word',
    text,
    lower,
    start,
    end: start + text.length,
    paragraphIndex,
    quoteIndex: -1,
    isCapitalized: (flags & IS_CAPITALIZED) !== 0,
    isAcronym: (flags & IS_ACRONYM) !== 0,
    isCueWord: (wordClass & WordClass.cueVerb) !== 0,
    wordClass,
  }
}

/** A `punct`, `poss` or `quote` token. */
function makeToken(kind: Exclude<TokenKind, 'word'>, text: string, start: number, paragraphIndex: number, quoteIndex = -1): Token {
  return { kind, text, lower: text, start, end: start + text.length, paragraphIndex, quoteIndex, isCapitalized: false, isAcronym: false, isCueWord: false, wordClass: 0 }
}

/** Whether `text[from, to)` holds a `.`. */
function hasPeriod(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (text.charCodeAt(k) === 0x2e) return true
  return false
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
  const length = text.length
  for (let p = 0; p < paragraphs.length; p++) {
    const range = paragraphs[p]
    if (range === undefined) continue
    const to = range[1]
    let i = Math.max(range[0], resumeAt)
    for (;;) {
      while (i < length && (CHAR_CLASS[text.charCodeAt(i)] as number) === SPACE) i++
      if (i >= length || i >= to) break
      const span = spans[nextSpan]
      if (span !== undefined && span.open <= i) {
        tokens.push(makeToken('quote', text.slice(span.open, span.close), span.open, p, nextSpan))
        nextSpan++
        resumeAt = span.close
        i = span.close
        continue
      }
      const code = text.charCodeAt(i)
      if (isLetterCode(code)) {
        // Where the word ends (letters, and a joiner when a letter follows it) and, in the
        // same pass, what `readWordFlags` and `lowerCase` would find in it: a second and a
        // third pass over every word were a good part of the tokenizer's time.
        let j = i + 1
        let hasLower = false
        let needsLower = false
        let letters = 0
        for (let k = i; ; ) {
          // `k` is the next character to classify, `j` the end found so far.
          for (; k < j; k++) {
            const c = text.charCodeAt(k)
            if (c >= 0x80) {
              needsLower = true
              if (isLowerCode(c)) hasLower = true
              else if (isUpperCode(c)) letters++
            } else if (c >= 0x61 && c <= 0x7a) hasLower = true
            else if (c >= 0x41 && c <= 0x5a) {
              needsLower = true
              letters++
            }
          }
          if (j < length && isLetterCode(text.charCodeAt(j))) j++
          else if (j + 1 < length && isJoiner(text.charCodeAt(j)) && isLetterCode(text.charCodeAt(j + 1))) j += 2
          else break
        }
        // Possessive: split `Clinton's` into `Clinton` + `'s`.
        const isClipped = j > to
        if (isClipped) j = to
        // `j - 2` is read only when the word has three characters or more: at the text's start it would be -1.
        const apostrophe = j - i > 2 ? text.charCodeAt(j - 2) : 0
        if (apostrophe !== 0 && text.charCodeAt(j - 1) === 0x73 && (apostrophe === 0x27 || apostrophe === 0x2019)) {
          tokens.push(wordToken(text, i, j - 2, p))
          tokens.push(makeToken('poss', apostrophe === 0x27 ? "'s" : '’s', j - 2, p))
          i = j
          continue
        }
        // Keep the period of an abbreviation or initial with its word (`Mr.`, `U.S.`, `M.`): a `.` changes no flag.
        if (text.charCodeAt(j) === 0x2e && j < to && (hasPeriod(text, i, j) || (j - i === 1 && isUpperCode(code)) || isAbbreviation(text, i, j, needsLower))) j++
        if (isClipped) {
          tokens.push(wordToken(text, i, j, p))
        } else {
          const word = text.slice(i, j)
          const lower = needsLower ? word.toLowerCase() : word
          const isCapitalized = isUpperCode(code)
          // An unchanged word is its own lower case: look it up where it is.
          const wordClass = needsLower ? wordClassAt(lower, 0, lower.length) : wordClassAt(text, i, j)
          const flags = (isCapitalized ? IS_CAPITALIZED : 0) | (isCapitalized && !hasLower && letters >= 2 ? IS_ACRONYM : 0)
          tokens.push(makeWordToken(word, lower, flags, wordClass, i, p))
        }
        i = j
        continue
      }
      const ch = text.charAt(i)
      if (code === 0x2d && text.charCodeAt(i + 1) === 0x2d) {
        tokens.push(makeToken('punct', '—', i, p))
        i += 2
        continue
      }
      if (code === 0x2019 || code === 0x27) {
        const previous = tokens[tokens.length - 1]
        if (previous !== undefined && previous.kind === 'word' && previous.end === i && previous.lower.endsWith('s')) {
          tokens.push(makeToken('poss', ch, i, p))
          i++
          continue
        }
      }
      // An en dash and a horizontal bar (U+2015, the quotation dash: `” ― Name`) read as a dash.
      tokens.push(makeToken('punct', code === 0x2013 || code === 0x2015 ? '—' : ch, i, p))
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
 * A quote followed by `Name said` is not cut: `"Why?" Trump asked.` is one sentence.
 */
export function splitSentences(tokens: readonly Token[]): Sentence[] {
  const sentences: Sentence[] = []
  let start = 0
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]
    const next = tokens[i + 1]
    if (token === undefined) continue
    let boundary = next === undefined || next.paragraphIndex !== token.paragraphIndex
    if (!boundary && next !== undefined) {
      if (token.kind === 'punct' && (token.text === '.' || token.text === '?' || token.text === '!')) {
        boundary = next.isCapitalized || next.kind === 'quote' || next.text === '(' || isDigitCode(next.text.charCodeAt(0))
      } else if (token.kind === 'quote' && TERMINAL.test(token.text.slice(0, -1))) {
        boundary = (next.isCapitalized && !startsAttribution(tokens, i + 1)) || next.kind === 'quote'
      }
    }
    if (boundary) {
      sentences.push({ start, end: i + 1 })
      start = i + 1
    }
  }
  return sentences
}

/**
 * Whether the words from `from` start an attribution: `Name said`/`Name told` before any
 * punctuation, or `Name, apposition, asked` (a capitalised name, one comma-delimited aside
 * such as `the mayor`, `54` or `a senior analyst at the trust`, and a cue right after its
 * closing comma). A denial (`Neither side would say`, `would not say`) is not one.
 */
function startsAttribution(tokens: readonly Token[], from: number): boolean {
  let i = from
  for (; i < tokens.length && i < from + 7; i++) {
    const token = tokens[i]
    if (token === undefined || token.kind === 'quote' || token.kind === 'punct') break
    // `"Q." Neither side would say …` starts a sentence of its own.
    if (token.kind === 'word' && (isVerbNegator(token.lower) || (i === from && isSubjectNegator(token.lower)))) return false
    if (token.kind === 'word' && token.isCueWord) return i > from
  }
  if (i === from || tokens[i]?.text !== ',' || tokens[from]?.isCapitalized !== true) return false
  const close = appositionClose(tokens, i, Math.min(tokens.length, i + maxApposition + 1))
  const next = tokens[close + 1]
  return close > i + 1 && next !== undefined && next.kind === 'word' && next.isCueWord
}

/**
 * Where an apposition that opens after the comma at `comma` closes: the index of the first
 * punctuation after it, before `limit`, if that is a comma; -1 when it is other punctuation,
 * a quote comes first, or there is none (`Doe, a senior analyst at the trust, said`).
 */
export function appositionClose(tokens: readonly Token[], comma: number, limit: number): number {
  for (let j = comma + 1; j < limit; j++) {
    const token = tokens[j]
    if (token === undefined || token.kind === 'quote') return -1
    if (token.kind === 'punct') return token.text === ',' ? j : -1
  }
  return -1
}

/** Words an apposition between a name and its cue may have (`a senior analyst at the Bluewater Wildlife Trust`). */
export const maxApposition = 16
