/**
 * The quote engine: quotations, their speakers and the people in one article (DESIGN.md §4;
 * README, How the quote engine decides).
 *
 * Pure: no I/O. The stages, each in its own module:
 *
 * ```
 * text + paragraphs ─quote-marks─▶ MarkedSpan[] ─quote-tokens─▶ Token[] + Sentence[]
 *   ─people-book─▶ PeopleBook ─attribution─▶ the rules' QuoteAttribution[]
 *   ─candidates─▶ Candidate[] per quote ─model─▶ speaker, confidence, reasons ─(here)─▶ QuoteResult
 * ```
 *
 * This module glues them, drops the spans that are not quotations (titles, nicknames, scare
 * quotes nobody is said to have said) and numbers the quotes. What the site publishes of a
 * speaker is `policy.ts`'s call, and editors' corrections are `overrides.ts`'s, both after it.
 */
import type { QuoteKind } from '../model/article.js'
import { attributeQuotes, type QuoteAttribution } from './attribution.js'
import { maxQuotations } from '../parse/bounds.js'
import { createPeopleBook, type BookEntry, type PeopleBook } from './people-book.js'
import { quotationMask } from './quotation-mask.js'
import { quotationSpans, spanRanges, tooManyQuotes, unbalancedProblems, withBlockQuotes } from './quotation-spans.js'
import { findQuoteSpans, type MarkedSpan } from './quote-marks.js'
import { quoteTokenIndexes, splitSentences, tokenAtOrAfter, tokenizeBody, type Sentence, type Token } from './quote-tokens.js'
import { speakerCandidates, type Candidate } from './candidates.js'
import { calibrated, decide, modelFromFile, reasons, rulesDecision, type SpeakerModel, type SpeakerModelFile } from './model.js'
import type { ExtractedQuote, ExtractOptions, QuoteInput, QuoteProblem, QuoteResult } from './engine-types.js'
import modelFile from './speaker-model.json' with { type: 'json' }

export type { ExtractedQuote, ExtractOptions, QuoteInput, QuoteProblem, QuoteResult, QuoteStage } from './engine-types.js'

/** The committed, learnt speaker model (scripts/train-quotes.ts writes it). */
export const defaultSpeakerModel: SpeakerModel = modelFromFile(modelFile as SpeakerModelFile)


/**
 * Find the quotations in an article body, who said them and who is in the article.
 *
 * @param input the body text and its paragraphs (the headline is not part of the body)
 * @param options.attribute run the attribution pass (default: `true`); `false` only finds quotes
 * @param options.onStage told as each stage begins
 * @param options.maxQuotations most quotations worked on (default: `maxQuotations`, the
 *   input bound); past it, the result is one `quotes-too-many` problem. Tests of the
 *   engine's own growth lift it.
 */
export function extractQuotes(input: QuoteInput, options?: ExtractOptions): QuoteResult {
  // Each loop below is a function of its own: this one runs once per article and stays
  // small, so V8 never compiles one large unit for it that any new shape of input throws
  // away (compiling the engine is a large part of what a cold build pays for it; README,
  // Performance).
  const { text, paragraphs } = input
  const onStage = options?.onStage
  onStage?.('quotation marks')
  const scan = findQuoteSpans(text, paragraphs)
  // The scan is linear; what follows grows with quotes times names, so it is bounded here.
  if (scan.spans.length > (options?.maxQuotations ?? maxQuotations)) return tooManyQuotes(scan.spans, options?.maxQuotations ?? maxQuotations)
  const problems = unbalancedProblems(scan.problems)
  const spans = quotationSpans(text, input.blockQuotes === undefined ? scan.spans : withBlockQuotes(scan.spans, paragraphs, input.blockQuotes))
  if (options?.attribute === false) return { quotes: unattributedQuotes(text, spans), people: [], problems }

  onStage?.('quote tokens')
  const tokens = tokenizeBody(text, paragraphs, spans)
  const sentences = splitSentences(tokens)
  onStage?.('people')
  const book = createPeopleBook(text, tokens, () => tokenizeBody(text, spanRanges(spans), noSpans))
  onStage?.('attribution')
  const ruled = attributeQuotes({ text, spans, tokens, sentences, book })
  const quoteTokens = quoteTokenIndexes(tokens, spans.length)
  const keep = quotationMask(text, tokens, spans, quoteTokens)
  const model = options?.model === undefined ? defaultSpeakerModel : options.model
  const attributions = model === null && options?.trace === undefined ? ruled : modelAttributions(text, tokens, sentences, book, spans, ruled, keep, quoteTokens, model, options?.trace)
  listSpeakers(attributions, keep)
  const { people, idOf } = book.list()
  const quotes = attributedQuotes(text, spans, attributions, keep, idOf, problems)
  problems.sort((a, b) => a.start - b.start)
  return { quotes, people, problems }
}

const noSpans: readonly MarkedSpan[] = []

function unattributedQuotes(text: string, spans: readonly MarkedSpan[]): ExtractedQuote[] {
  const quotes: ExtractedQuote[] = []
  for (let index = 0; index < spans.length; index++) {
    const span = spans[index] as MarkedSpan
    quotes.push(baseQuote(text, span, index, spanKind(span)))
  }
  return quotes
}

/** A rules' attribution after the speaker model decided: its speaker may differ, and it says how sure it is. */
interface DecidedAttribution extends QuoteAttribution {
  readonly confidence?: number
  readonly reasons?: readonly string[]
  readonly candidates?: readonly { readonly name: string; readonly confidence: number }[]
}

/**
 * The model's choice among each kept quotation's candidates. Where it keeps the rules'
 * speaker the rule stays; where it chooses someone else the rule is `speaker-model`, and
 * where it chooses nobody the quote loses its speaker (`speaker-model/nobody`).
 */
function modelAttributions(
  text: string,
  tokens: readonly Token[],
  sentences: readonly Sentence[],
  book: PeopleBook,
  spans: readonly MarkedSpan[],
  ruled: readonly QuoteAttribution[],
  keep: Uint8Array,
  quoteTokens: Int32Array,
  model: SpeakerModel | null,
  trace: ExtractOptions['trace'],
): DecidedAttribution[] {
  const candidatesOf = speakerCandidates({ tokens, sentences, book, attributions: ruled, keep, quoteTokens })
  const out: DecidedAttribution[] = []
  for (let index = 0; index < ruled.length; index++) {
    const rules = ruled[index] as QuoteAttribution
    const candidates = candidatesOf(index)
    const span = spans[index] as MarkedSpan
    if (candidates === undefined) {
      out.push(rules)
      continue
    }
    trace?.(index, candidates, span)
    if (model === null) {
      out.push(rules)
      continue
    }
    const decision = decide(model, candidates, rulesDecision(candidates))
    const chosen = candidates[decision.index] as Candidate
    const ranked: { name: string; confidence: number }[] = []
    // The chosen speaker first (the rules may have decided against the model's favourite), then the likeliest others.
    const order = [...decision.probabilities.keys()].sort(
      (a, b) => Number(b === decision.index) - Number(a === decision.index) || (decision.probabilities[b] as number) - (decision.probabilities[a] as number) || a - b,
    )
    for (const i of order) {
      const entry = candidates[i]?.entry
      if (entry !== undefined && ranked.length < 2) ranked.push({ name: entry.name, confidence: round(calibrated(model, decision.probabilities[i] as number)) })
    }
    const decided = {
      speaker: chosen.entry,
      cue: rules.cue,
      printed: rules.printed,
      rule: rules.rule,
      continues: rules.continues,
      kind: rules.kind,
      hasCue: rules.hasCue,
      confidence: round(decision.confidence),
      reasons: reasons(model, chosen),
      candidates: ranked,
    }
    if (chosen.entry !== rules.speaker) {
      decided.rule = chosen.entry === undefined ? 'speaker-model/nobody' : 'speaker-model'
      decided.printed = chosen.entry === undefined ? undefined : nearestMention(text, tokens, chosen.entry, span.open)
    }
    out.push(decided)
  }
  return out
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000
}

/** `[start, end)` of the entry's mention nearest to `offset`: its name as printed there. */
function nearestMention(text: string, tokens: readonly Token[], entry: BookEntry, offset: number): readonly [number, number] | undefined {
  let best = -1
  for (const p of entry.positions) if (best < 0 || Math.abs(p - offset) < Math.abs(best - offset)) best = p
  if (best < 0) return undefined
  let i = tokenAtOrAfter(tokens, best)
  if (i >= tokens.length) return undefined
  let end = (tokens[i] as Token).end
  while (tokens[i + 1]?.kind === 'word' && tokens[i + 1]?.isCapitalized === true && (tokens[i + 1] as Token).start - end <= 1) end = (tokens[++i] as Token).end
  return text.slice(best, end).trim() === '' ? undefined : [best, end]
}

/** The speakers of kept quotations are listed in `people`. */
function listSpeakers(attributions: readonly QuoteAttribution[], keep: Uint8Array): void {
  for (let index = 0; index < attributions.length; index++) {
    const speaker = attributions[index]?.speaker
    if (keep[index] === 1 && speaker !== undefined) speaker.isListed = true
  }
}

/** The kept quotations with their speakers, numbered in text order; an unattributed full quote adds a problem. */
function attributedQuotes(
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
