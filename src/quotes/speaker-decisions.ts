/**
 * The speaker model's step: for each kept quotation, the candidates (`candidates.ts`) go to
 * the model (`model.ts`), whose choice replaces the rules' speaker, with a calibrated
 * confidence, the reasons that decided it and the two likeliest speakers.
 */
import type { QuoteAttribution } from './attribution.js'
import { speakerCandidates, type Candidate } from './candidates.js'
import type { ExtractOptions } from './engine-types.js'
import { calibrated, decide, reasons, rulesDecision, type Decision, type SpeakerModel } from './model.js'
import type { BookEntry, PeopleBook } from './people-book.js'
import type { MarkedSpan } from './quote-marks.js'
import { tokenAtOrAfter, type Sentence, type Token } from './quote-tokens.js'

/** A rules' attribution after the speaker model decided: its speaker may differ, and it says how sure it is. */
export interface DecidedAttribution extends QuoteAttribution {
  readonly confidence?: number
  readonly reasons?: readonly string[]
  readonly candidates?: readonly { readonly name: string; readonly confidence: number }[]
}

/**
 * The model's choice among each kept quotation's candidates. Where it keeps the rules'
 * speaker the rule stays; where it chooses someone else the rule is `speaker-model`, and
 * where it chooses nobody the quote loses its speaker (`speaker-model/nobody`).
 */
export function modelAttributions(
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
    out.push(decideOne(text, tokens, model, rules, candidates, span))
  }
  return out
}

/** The model's choice among one quotation's candidates, as the rules' attribution with the model's speaker. */
function decideOne(text: string, tokens: readonly Token[], model: SpeakerModel, rules: QuoteAttribution, candidates: readonly Candidate[], span: MarkedSpan): DecidedAttribution {
  const decision = decide(model, candidates, rulesDecision(candidates))
  const chosen = candidates[decision.index] as Candidate
  const ranked = rankedCandidates(model, candidates, decision)
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
  return decided
}

/** The chosen speaker first (the rules may have decided against the model's favourite), then the likeliest others: at most two, with their calibrated confidences. */
function rankedCandidates(model: SpeakerModel, candidates: readonly Candidate[], decision: Decision): { name: string; confidence: number }[] {
  const ranked: { name: string; confidence: number }[] = []
  const order = [...decision.probabilities.keys()].sort(
    (a, b) => Number(b === decision.index) - Number(a === decision.index) || (decision.probabilities[b] as number) - (decision.probabilities[a] as number) || a - b,
  )
  for (const i of order) {
    const entry = candidates[i]?.entry
    if (entry !== undefined && ranked.length < 2) ranked.push({ name: entry.name, confidence: round(calibrated(model, decision.probabilities[i] as number)) })
  }
  return ranked
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
