/**
 * The quote engine's input, options and result (`index.ts` runs the engine; its steps
 * build these). Plain data: the engine is pure, and a result is what a parse stores.
 */
import type { Person, QuoteKind } from '../model/article.js'
import type { Candidate } from './candidates.js'
import type { SpeakerModel } from './model.js'

export interface QuoteInput {
  /** Plain text of the article body. */
  readonly text: string
  /** [start, end) offsets of each body paragraph in `text`, in reading order (headline NOT included). */
  readonly paragraphs: readonly (readonly [number, number])[]
  /**
   * Block quotations: `[first, last]` indexes in `paragraphs` of passages quoted whole
   * without marks (a Markdown blockquote after `Doe said:`). Each is one quote unless
   * quotation marks inside it already make quotes of their own. Default: none.
   */
  readonly blockQuotes?: readonly (readonly [number, number])[]
}

export interface ExtractedQuote {
  /** `q-1`, `q-2`, … in text order. */
  readonly id: string
  /** `text.slice(start, end)`: the quoted words without the enclosing marks. */
  readonly text: string
  readonly start: number
  readonly end: number
  readonly kind: QuoteKind
  /** Index into `input.paragraphs` where the quote starts. */
  readonly paragraphIndex: number
  /** Split quote: id of the quote this one continues. */
  readonly continues?: string
  /** → `people[].id`. */
  readonly speakerId?: string
  /** `said`, `told`, `quoted … as saying`, `according to`, `described`, … */
  readonly cue?: string
  readonly attribution?: { readonly asPrinted: string; readonly start: number; readonly end: number; readonly rule: string; readonly reasons?: readonly string[] }
  /** Calibrated probability (0–1) that the speaker is right; 0 when there is no speaker. */
  readonly confidence?: number
  /** The most likely speakers by the model, the chosen one first, with their confidences (at most two). */
  readonly candidates?: readonly { readonly name: string; readonly confidence: number }[]
}

export interface QuoteProblem {
  readonly ruleId: 'quote-unbalanced' | 'quote-unattributed' | 'quotes-too-many'
  readonly message: string
  readonly start: number
  readonly end: number
}

export interface QuoteResult {
  readonly quotes: readonly ExtractedQuote[]
  /** One per person or organisation quoted or described: full name, kind, role, every mention. */
  readonly people: readonly Person[]
  readonly problems: readonly QuoteProblem[]
  /**
   * Set when the body holds more than `maxQuotations` quotations: nothing past the scan for
   * quotation marks was done, and `problems` says so (`quotes-too-many`).
   */
  readonly refused?: boolean
}

/** The stages of the engine, as `onStage` hears them. */
export type QuoteStage = 'quotation marks' | 'quote tokens' | 'people' | 'attribution'
export interface ExtractOptions {
  /** Run the attribution pass (default: `true`); `false` only finds quotes. */
  readonly attribute?: boolean
  /** Told as each stage begins (a parse that runs into its time limit says where it stopped). */
  readonly onStage?: ((stage: QuoteStage) => void) | undefined
  /** Most quotations worked on (default: `maxQuotations`, the input bound); tests of the engine's own growth lift it. */
  readonly maxQuotations?: number
  /** The speaker model; `null`: the rules alone decide (default: the committed model). */
  readonly model?: SpeakerModel | null
  /** Called with every kept quotation's candidates, before the model decides (training reads them). */
  readonly trace?: (spanIndex: number, candidates: readonly Candidate[], span: { readonly start: number; readonly end: number }) => void
}
