/**
 * Which marked spans the engine works on: a block quotation without marks becomes a span of
 * its own, a quoted word glued to a hyphen (`“moan”-worthy`) is no quotation, unbalanced
 * marks become problems, and a body with too many quotations is refused.
 */
import { tooManyQuotations } from '../parse/bounds.js'
import type { QuoteProblem, QuoteResult } from './engine-types.js'
import type { MarkedSpan, MarkScan } from './quote-marks.js'

/** The result for a body with more quotations than `bound`: one error, at the first quotation past it. */
export function tooManyQuotes(spans: readonly MarkedSpan[], bound: number): QuoteResult {
  const first = spans[bound] as MarkedSpan
  return { quotes: [], people: [], problems: [{ ruleId: 'quotes-too-many', message: tooManyQuotations(spans.length, bound), start: first.open, end: first.close }], refused: true }
}

/**
 * The marked spans with one span more per block quotation that no other span touches,
 * covering its paragraphs' words (a span without marks: `open === start`, `close === end`),
 * in text order.
 */
export function withBlockQuotes(marked: readonly MarkedSpan[], paragraphs: readonly (readonly [number, number])[], blocks: readonly (readonly [number, number])[]): MarkedSpan[] {
  const spans = [...marked]
  for (const [first, last] of blocks) {
    const from = paragraphs[first]?.[0]
    const to = paragraphs[last]?.[1]
    if (from === undefined || to === undefined || to <= from) continue
    if (spans.some((span) => span.close > from && span.open < to)) continue
    spans.push({ open: from, start: from, end: to, close: to, paragraphIndex: first, lastParagraphIndex: last, closed: true })
  }
  return spans.sort((a, b) => a.open - b.open)
}

/** A `quote-unbalanced` problem per mark without its partner. */
export function unbalancedProblems(found: MarkScan['problems']): QuoteProblem[] {
  const problems: QuoteProblem[] = []
  for (const problem of found) {
    problems.push({
      ruleId: 'quote-unbalanced',
      message:
        problem.kind === 'unclosed'
          ? `Unexpected opening quotation mark \`${problem.mark}\` without a closing one, expected a closing mark before the end of the paragraph`
          : `Unexpected closing quotation mark \`${problem.mark}\` without an opening one, expected an opening mark before it`,
      start: problem.start,
      end: problem.end,
    })
  }
  return problems
}

/** The spans that may be quotations: not a quoted word glued to a hyphen. */
export function quotationSpans(text: string, found: readonly MarkedSpan[]): MarkedSpan[] {
  const spans: MarkedSpan[] = []
  for (const span of found) if (!isMarkupOrHyphenated(text, span)) spans.push(span)
  return spans
}

/** Each span's quoted words as `[start, end)`, for tokenizing the words inside quotes alone. */
export function spanRanges(spans: readonly MarkedSpan[]): (readonly [number, number])[] {
  const ranges: (readonly [number, number])[] = []
  for (const span of spans) ranges.push([span.start, span.end])
  return ranges
}

/** `“moan”-worthy`: a quoted word glued to a hyphen is part of a compound, not a quotation. */
function isMarkupOrHyphenated(text: string, span: MarkedSpan): boolean {
  return span.close + 1 < text.length && text.charCodeAt(span.close) === 0x2d && LETTER.test(text.charAt(span.close + 1))
}

const LETTER = /\p{L}/u
