/**
 * Finding quoted spans: the first, purely typographic pass of the quote engine.
 *
 * It knows quotation marks and paragraphs, nothing about speakers or sentences. One
 * left-to-right scan per paragraph, a handful of states, no backtracking: linear in the
 * length of the text whatever the marks (see the fast-check property in the tests).
 *
 * Mark families (SCHEMA.md §1):
 * - double: `"` (ambiguous, toggles), `“` `”`, `''` (NYT style, toggles), ``` `` ```, `«` `»`, `„`;
 *   any double closer closes any double opener, because copy mixes them.
 * - curly single `‘…’`, only outside doubles and only when the closer is found in the same
 *   paragraph (a lone `‘` is usually an elision such as `‘90s`, not a mistake worth a warning).
 * Markup residue (`<tweet tweet-id="…">`) is skipped: marks inside a tag are attribute quotes.
 */

/** A run of quoted words, before anyone has asked who said them. */
export interface MarkedSpan {
  /** Offset of the opening mark. */
  readonly open: number
  /** Offset just after the opening mark: where the quoted words start. */
  readonly start: number
  /** Offset of the closing mark (or the end of the paragraph when unclosed): where the words end. */
  readonly end: number
  /** Offset just after the closing mark (`=== end` when unclosed). */
  readonly close: number
  /** Paragraph where the span opens. */
  readonly paragraphIndex: number
  /** Paragraph where the span closes (differs for multi-paragraph quotes). */
  readonly lastParagraphIndex: number
  /** `false` when the closing mark is missing. */
  readonly closed: boolean
}

/** A mark that could not be paired, reported at its position. */
export interface MarkProblem {
  readonly kind: 'unclosed' | 'unopened'
  readonly start: number
  readonly end: number
  readonly mark: string
}

/** What the scan found. */
export interface MarkScan {
  readonly spans: readonly MarkedSpan[]
  readonly problems: readonly MarkProblem[]
}

const QUOTE = 0x22 // "
const APOSTROPHE = 0x27 // '
const BACKTICK = 0x60 // `
const LEFT_DOUBLE = 0x201c // “
const RIGHT_DOUBLE = 0x201d // ”
const LOW_DOUBLE = 0x201e // „
const LEFT_GUILLEMET = 0xab // «
const RIGHT_GUILLEMET = 0xbb // »
const LEFT_SINGLE = 0x2018 // ‘
const RIGHT_SINGLE = 0x2019 // ’
const LESS_THAN = 0x3c
const GREATER_THAN = 0x3e

/** Letters and digits in any script, for "is this mark glued to a word?". */
const WORD_CHAR = /[\p{L}\p{N}]/u

function isWordChar(code: number): boolean {
  return code > 0 && WORD_CHAR.test(String.fromCharCode(code))
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d || code === 0xa0 || code === -1
}

/** How a double mark may act, from its glyph alone. */
type DoubleRole = 'open' | 'close' | 'toggle'

/** Length and role of a double mark starting at `i`, or `undefined` when there is none. */
function doubleMarkAt(text: string, i: number): { readonly length: number; readonly role: DoubleRole } | undefined {
  const code = text.charCodeAt(i)
  switch (code) {
    case QUOTE:
      return { length: 1, role: 'toggle' }
    case LEFT_DOUBLE:
    case LOW_DOUBLE:
    case LEFT_GUILLEMET:
      return { length: 1, role: 'open' }
    case RIGHT_DOUBLE:
    case RIGHT_GUILLEMET:
      return { length: 1, role: 'close' }
    case APOSTROPHE:
      return text.charCodeAt(i + 1) === APOSTROPHE ? { length: 2, role: 'toggle' } : undefined
    case BACKTICK:
      return text.charCodeAt(i + 1) === BACKTICK ? { length: 2, role: 'open' } : undefined
    default:
      return undefined
  }
}

/** A mark in "closing position": glued to the word before it, not to the word after. */
function isClosingPosition(text: string, i: number, length: number): boolean {
  const before = i > 0 ? text.charCodeAt(i - 1) : -1
  const after = i + length < text.length ? text.charCodeAt(i + length) : -1
  return !isSpace(before) && !isWordChar(after)
}

/** A mark in "opening position": after a space or punctuation, before a word or punctuation. */
function isOpeningPosition(text: string, i: number, length: number): boolean {
  const before = i > 0 ? text.charCodeAt(i - 1) : -1
  const after = i + length < text.length ? text.charCodeAt(i + length) : -1
  return !isWordChar(before) && !isSpace(after)
}

/** Index of the first non-space character in `[from, to)`, or `to`. */
function skipSpace(text: string, from: number, to: number): number {
  let i = from
  while (i < to && isSpace(text.charCodeAt(i))) i++
  return i
}

/** Index just after the last non-space character in `[from, to)`. */
function trimEnd(text: string, from: number, to: number): number {
  let i = to
  while (i > from && isSpace(text.charCodeAt(i - 1))) i--
  return i
}

/** State of an open double quote while the scan crosses paragraphs. */
interface OpenDouble {
  readonly open: number
  readonly start: number
  readonly length: number
  readonly paragraphIndex: number
}

/**
 * Find every quoted span in the given paragraphs of `text`.
 *
 * A double quote left open at the end of a paragraph continues when the next paragraph
 * opens with a quotation mark (news convention for multi-paragraph quotes); otherwise it
 * ends with its paragraph and is reported as `unclosed`, so one bad mark never swallows
 * the rest of the article.
 *
 * @param text the article text the offsets refer to
 * @param paragraphs `[start, end)` of each paragraph, in reading order
 */
export function findQuoteSpans(text: string, paragraphs: readonly (readonly [number, number])[]): MarkScan {
  const spans: MarkedSpan[] = []
  const problems: MarkProblem[] = []
  let pending: OpenDouble | undefined
  // Cached index of the next `>` so skipping tags stays linear on `<<<<…` input.
  let nextGreaterThan = -2

  for (let p = 0; p < paragraphs.length; p++) {
    const range = paragraphs[p]
    if (range === undefined) continue
    const [from, to] = range
    let open: OpenDouble | undefined
    let i = from
    let singleFailUntil = from

    if (pending !== undefined) {
      // The previous paragraph was left open: continue only if this one reopens.
      const first = skipSpace(text, from, to)
      const mark = first < to ? doubleMarkAt(text, first) : undefined
      if (mark !== undefined && mark.role !== 'close') {
        open = pending
        i = first + mark.length
      } else {
        closeUnclosed(pending, paragraphs, p - 1)
      }
      pending = undefined
    }

    while (i < to) {
      const code = text.charCodeAt(i)

      if (code === LESS_THAN && open === undefined && isTagStart(text.charCodeAt(i + 1))) {
        if (nextGreaterThan < i && nextGreaterThan !== -1) nextGreaterThan = text.indexOf('>', i)
        if (nextGreaterThan !== -1 && nextGreaterThan < to && nextGreaterThan - i < 1000) {
          i = nextGreaterThan + 1
          continue
        }
      }

      const mark = doubleMarkAt(text, i)
      if (mark !== undefined) {
        if (open === undefined) {
          if (mark.role === 'close' && !isOpeningPosition(text, i, mark.length)) {
            problems.push({ kind: 'unopened', start: i, end: i + mark.length, mark: text.slice(i, i + mark.length) })
          } else if (!(code === QUOTE && isInchMark(text, i))) {
            open = { open: i, start: i + mark.length, length: mark.length, paragraphIndex: p }
          }
        } else if (mark.role === 'open' && !isClosingPosition(text, i, mark.length)) {
          // An opener while open: the earlier quote lost its closing mark.
          problems.push({ kind: 'unclosed', start: open.open, end: open.open + open.length, mark: text.slice(open.open, open.open + open.length) })
          pushSpan(open, trimEnd(text, open.start, i), i, p, false)
          open = { open: i, start: i + mark.length, length: mark.length, paragraphIndex: p }
        } else {
          pushSpan(open, i, i + mark.length, p, true)
          open = undefined
        }
        i += mark.length
        continue
      }

      if (code === LEFT_SINGLE && open === undefined && i >= singleFailUntil && isOpeningPosition(text, i, 1)) {
        const closer = findSingleCloser(text, i + 1, to)
        if (closer < 0) {
          // Remember how far there is no closer, so a run of `‘` stays linear.
          singleFailUntil = -closer - 1
        } else {
          spans.push({ open: i, start: i + 1, end: closer, close: closer + 1, paragraphIndex: p, lastParagraphIndex: p, closed: true })
          i = closer + 1
          continue
        }
      }
      i++
    }

    if (open !== undefined) pending = open
  }

  if (pending !== undefined) closeUnclosed(pending, paragraphs, paragraphs.length - 1)

  spans.sort((a, b) => a.start - b.start)
  return { spans: spans.filter((span) => span.end > span.start && text.slice(span.start, span.end).trim() !== ''), problems }

  function pushSpan(state: OpenDouble, end: number, close: number, paragraph: number, closed: boolean): void {
    spans.push({ open: state.open, start: state.start, end, close, paragraphIndex: state.paragraphIndex, lastParagraphIndex: paragraph, closed })
  }

  function closeUnclosed(state: OpenDouble, ranges: readonly (readonly [number, number])[], paragraph: number): void {
    const last = ranges[paragraph]
    const end = trimEnd(text, state.start, last === undefined ? state.start : last[1])
    problems.push({ kind: 'unclosed', start: state.open, end: state.open + state.length, mark: text.slice(state.open, state.open + state.length) })
    pushSpan(state, end, end, paragraph, false)
  }
}

function isTagStart(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code === 0x2f || code === 0x21
}

/** `6'2"` or `a 12" pipe`: a straight double mark right after a digit is an inch sign. */
function isInchMark(text: string, i: number): boolean {
  let j = i - 1
  if (text.charCodeAt(j) === APOSTROPHE) j--
  const before = text.charCodeAt(j)
  return before >= 0x30 && before <= 0x39 && !isWordChar(text.charCodeAt(i + 1))
}

/**
 * The `’` that closes a `‘` opened before `from`: not glued to a following letter (`don’t`).
 * Returns its index, or `-(stop + 1)` where `stop` is how far the search proved there is none.
 */
function findSingleCloser(text: string, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i)
    if (code === RIGHT_SINGLE && i > from && !isSpace(text.charCodeAt(i - 1)) && !isWordChar(i + 1 < to ? text.charCodeAt(i + 1) : -1)) return i
    // A double mark inside means we misread an apostrophe; give up rather than pair across it.
    if (code === QUOTE || code === LEFT_DOUBLE || code === RIGHT_DOUBLE) return -(i + 1)
  }
  return -(to + 1)
}
