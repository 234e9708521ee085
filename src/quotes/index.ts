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
 * This module glues them, with the engine's own steps around them:
 *
 * | module | step |
 * |---|---|
 * | `quotation-spans.ts` | the spans worked on: block quotations, no hyphenated compounds, unbalanced marks, too many quotations |
 * | `quotation-mask.ts` | which spans are quotations, not titles, nicknames or scare quotes nobody is said to have said |
 * | `speaker-decisions.ts` | the speaker model's choice among each quotation's candidates |
 * | `quote-output.ts` | the kept quotations numbered, with their speakers' ids; unattributed quotes as problems |
 * | `engine-types.ts` | the input, options and result |
 *
 * What the site publishes of a speaker is `policy.ts`'s call, and editors' corrections are
 * `overrides.ts`'s, both after it.
 */
import { maxQuotations } from '../parse/bounds.js'
import { attributeQuotes } from './attribution.js'
import type { ExtractOptions, QuoteInput, QuoteResult } from './engine-types.js'
import { modelFromFile, type SpeakerModel, type SpeakerModelFile } from './model.js'
import { createPeopleBook } from './people-book.js'
import { quotationMask } from './quotation-mask.js'
import { quotationSpans, spanRanges, tooManyQuotes, unbalancedProblems, withBlockQuotes } from './quotation-spans.js'
import { findQuoteSpans, type MarkedSpan } from './quote-marks.js'
import { attributedQuotes, listSpeakers, unattributedQuotes } from './quote-output.js'
import { quoteTokenIndexes, splitSentences, tokenizeBody } from './quote-tokens.js'
import { modelAttributions } from './speaker-decisions.js'
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
