/**
 * The engine's quotes as the article model holds them: the kept quotations numbered in text
 * order, with their speakers' ids, cues and attributing words, and a `quote-unattributed`
 * problem for a full quote without a speaker.
 */
import type { QuoteKind } from '../model/article.js'
import type { QuoteAttribution } from './attribution.js'
import type { ExtractedQuote, QuoteProblem } from './engine-types.js'
import type { BookEntry } from './people-book.js'
import type { MarkedSpan } from './quote-marks.js'
import type { DecidedAttribution } from './speaker-decisions.js'

/** Every span as a quote, without speakers (the engine run without attribution). */
export function unattributedQuotes(text: string, spans: readonly MarkedSpan[]): ExtractedQuote[] {
  const quotes: ExtractedQuote[] = []
  for (let index = 0; index < spans.length; index++) {
    const span = spans[index] as MarkedSpan
    quotes.push(baseQuote(text, span, index, spanKind(span)))
  }
  return quotes
}

/** The speakers of kept quotations are listed in `people`. */
export function listSpeakers(attributions: readonly QuoteAttribution[], keep: Uint8Array): void {
  for (let index = 0; index < attributions.length; index++) {
    const speaker = attributions[index]?.speaker
    if (keep[index] === 1 && speaker !== undefined) speaker.isListed = true
  }
}

/** The kept quotations with their speakers, numbered in text order; an unattributed full quote adds a problem. */
export function attributedQuotes(
  text: string,
  spans: readonly MarkedSpan[],
  attributions: readonly DecidedAttribution[],
  keep: Uint8Array,
  idOf: (entry: BookEntry) => string | undefined,
  problems: QuoteProblem[],
): ExtractedQuote[] {
  const ids = new Map<number, string>()
  const quotes: ExtractedQuote[] = []
  for (let index = 0; index < spans.length; index++) {
    const span = spans[index] as MarkedSpan
    const attribution = attributions[index]
    if (keep[index] !== 1 || attribution === undefined) continue
    const id = `q-${quotes.length + 1}`
    ids.set(index, id)
    const continues = attribution.continues === undefined ? undefined : ids.get(attribution.continues)
    const speakerId = attribution.speaker === undefined ? undefined : idOf(attribution.speaker)
    const printed = attribution.printed
    const quote = baseQuote(text, span, quotes.length, attribution.kind)
    if (continues !== undefined) quote.continues = continues
    if (speakerId !== undefined) quote.speakerId = speakerId
    if (attribution.cue !== undefined) quote.cue = attribution.cue
    if (printed !== undefined && attribution.rule !== undefined) {
      quote.attribution =
        attribution.reasons === undefined
          ? { asPrinted: text.slice(printed[0], printed[1]), start: printed[0], end: printed[1], rule: attribution.rule }
          : { asPrinted: text.slice(printed[0], printed[1]), start: printed[0], end: printed[1], rule: attribution.rule, reasons: attribution.reasons }
    }
    if (attribution.confidence !== undefined) quote.confidence = attribution.confidence
    if (attribution.candidates !== undefined && attribution.candidates.length > 0) quote.candidates = attribution.candidates
    quotes.push(quote)
    if (speakerId === undefined && span.end - span.start > 0 && attribution.kind !== 'partial') {
      problems.push({
        ruleId: 'quote-unattributed',
        message: 'Unexpected quote without attribution, expected `said <name>` or a speaker in the sentence',
        start: span.start,
        end: span.end,
      })
    }
  }
  return quotes
}

/** An `ExtractedQuote` still being filled in (optional fields are assigned, not spread: spread is slow on Node 20). */
type DraftQuote = { -readonly [K in keyof ExtractedQuote]: ExtractedQuote[K] }

function baseQuote(text: string, span: MarkedSpan, index: number, kind: QuoteKind): DraftQuote {
  return { id: `q-${index + 1}`, text: text.slice(span.start, span.end), start: span.start, end: span.end, kind, paragraphIndex: span.paragraphIndex }
}

function spanKind(span: MarkedSpan): QuoteKind {
  return span.lastParagraphIndex === span.paragraphIndex ? 'direct' : 'multi-paragraph'
}
