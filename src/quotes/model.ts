/**
 * The speaker model: a log-linear ranker over a quote's candidates (`candidates.ts`), learnt
 * from annotated news by `npm run train:quotes` (scripts/train-quotes.ts), with a calibration
 * that turns its probability into a confidence (README, Quote engine).
 *
 * score(candidate) = Σ weight(feature); P(candidate) = softmax over the quote's candidates;
 * confidence = σ(slope · logit(P) + intercept), fitted on held-out folds of the training set,
 * so that of the speakers given 0.8, about 80 % are right.
 */
import type { Candidate } from './candidates.js'

export interface SpeakerModel {
  readonly weights: ReadonlyMap<string, number>
  readonly calibration: { readonly slope: number; readonly intercept: number }
}

/** The committed weights file's shape (src/quotes/speaker-model.json). */
export interface SpeakerModelFile {
  readonly model: string
  readonly provenance: string
  readonly calibration: { readonly slope: number; readonly intercept: number }
  readonly weights: Readonly<Record<string, number>>
}

export function modelFromFile(file: SpeakerModelFile): SpeakerModel {
  return { weights: new Map(Object.entries(file.weights)), calibration: file.calibration }
}

/** A decision among one quote's candidates. */
export interface Decision {
  /** Index of the chosen candidate. */
  readonly index: number
  /** Softmax probability of each candidate. */
  readonly probabilities: Float64Array
  /** Calibrated probability that the chosen speaker is right; 0 when the choice is nobody. */
  readonly confidence: number
}

export function candidateScore(model: SpeakerModel, candidate: Candidate): number {
  let score = 0
  for (const feature of candidate.features) score += model.weights.get(feature) ?? 0
  return score
}

/**
 * Rules whose choice stands, the model only saying how sure it is: a cue with its speaker in
 * the quote's own sentence. Chosen per rule on `polnear-dev.jsonl`: there the rules were about
 * as right as the model, and on copy unlike the training set's (the seed story) they are
 * steadier (README, Quote engine).
 */
export const RULES_THAT_DECIDE: ReadonlySet<string> = new Set([
  'speaker-after-said',
  'said-speaker',
  'speaker-said-before',
  'possessive-speech-noun',
  'split-quote',
  'quoted-as-saying',
  'according-to',
  'colon-intro',
  'dash-signature',
])

/** The index of the rules' choice when its rule is one that decides (`RULES_THAT_DECIDE`), else -1. */
export function rulesDecision(candidates: readonly Candidate[]): number {
  for (let i = 0; i < candidates.length; i++) {
    const { rule, entry } = candidates[i] as Candidate
    if (rule !== undefined) return RULES_THAT_DECIDE.has(rule) && entry?.kind === 'person' ? i : -1
  }
  return -1
}

/** Softmax of the candidates' scores. */
export function probabilities(model: SpeakerModel, candidates: readonly Candidate[]): Float64Array {
  const scores = new Float64Array(candidates.length)
  let max = -Infinity
  for (let i = 0; i < candidates.length; i++) {
    const s = candidateScore(model, candidates[i] as Candidate)
    scores[i] = s
    if (s > max) max = s
  }
  let sum = 0
  for (let i = 0; i < scores.length; i++) {
    const e = Math.exp((scores[i] as number) - max)
    scores[i] = e
    sum += e
  }
  for (let i = 0; i < scores.length; i++) scores[i] = (scores[i] as number) / sum
  return scores
}

/** The calibrated confidence for a raw probability `p` of the chosen candidate. */
export function calibrated(model: SpeakerModel, p: number): number {
  const clipped = Math.min(1 - 1e-6, Math.max(1e-6, p))
  const z = model.calibration.slope * Math.log(clipped / (1 - clipped)) + model.calibration.intercept
  return 1 / (1 + Math.exp(-z))
}

/**
 * Choose the most probable candidate (the first on a tie: "nobody" comes first), or the
 * candidate at `fixed` when the rules decide (the model then only says how sure it is).
 */
export function decide(model: SpeakerModel, candidates: readonly Candidate[], fixed = -1): Decision {
  const p = probabilities(model, candidates)
  let index = 0
  for (let i = 1; i < p.length; i++) if ((p[i] as number) > (p[index] as number)) index = i
  if (fixed >= 0 && fixed < p.length) index = fixed
  const chosen = candidates[index]
  const confidence = chosen?.entry === undefined ? 0 : calibrated(model, p[index] as number)
  return { index, probabilities: p, confidence }
}

/**
 * The features that weighed most for the chosen candidate, as `name +w` / `name −w`, the
 * strongest first: what `dateline parse --json` shows as the attribution's reasons.
 */
export function reasons(model: SpeakerModel, candidate: Candidate, most = 4): string[] {
  const weighted = candidate.features.map((f) => [f, model.weights.get(f) ?? 0] as const).filter(([, w]) => w !== 0)
  weighted.sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]) || (a[0] < b[0] ? -1 : 1))
  return weighted.slice(0, most).map(([f, w]) => `${f} ${w >= 0 ? '+' : '−'}${Math.abs(w).toFixed(2)}`)
}
