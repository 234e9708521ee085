/**
 * Candidates: who may have said each quotation, each described by named features
 * (README, Quote engine). The rules of `attribution.ts` propose one speaker per quote; this
 * step adds everyone named near the quote, and "nobody", so that the learnt model
 * (`model.ts`) can choose among them and say how sure it is.
 *
 * Features describe how news is written — where a name stands relative to the quote, whether
 * a verb of saying is beside it, whether it opens its sentence, what the rules proposed —
 * never a particular article or name.
 */
import type { QuoteKind } from '../model/article.js'
import type { QuoteAttribution } from './attribution.js'
import type { BookEntry, PeopleBook } from './people-book.js'
import type { Sentence, Token } from './quote-tokens.js'

/** One possible speaker of a quote (`entry` undefined: nobody, the quote stays unattributed). */
export interface Candidate {
  readonly entry: BookEntry | undefined
  readonly features: readonly string[]
}

/** What the candidate step reads, prepared by `extractQuotes`. */
export interface CandidateContext {
  readonly tokens: readonly Token[]
  readonly sentences: readonly Sentence[]
  readonly book: PeopleBook
  readonly attributions: readonly QuoteAttribution[]
  /** Per span: whether it is kept as a quotation. */
  readonly keep: Uint8Array
}

/** How far from a quote a name may stand to be a candidate, in tokens and in paragraphs. */
const WINDOW_BEFORE = 160
const WINDOW_AFTER = 60
const PARAGRAPHS_BEFORE = 3
const PARAGRAPHS_AFTER = 1
/** At most this many named candidates per quote, the nearest first. */
const MAX_CANDIDATES = 10
/** Tokens either side of a name in which a verb of saying counts as beside it. */
const CUE_REACH = 3

/**
 * The candidates of every kept quotation, by span index (`undefined` for spans that are not
 * quotations). The first candidate is always "nobody"; the rules' choice is always among them.
 */
export function speakerCandidates(context: CandidateContext): (readonly Candidate[] | undefined)[] {
  const { tokens, sentences, book, attributions, keep } = context
  const sentenceOf = sentenceIndexOfTokens(tokens.length, sentences)
  const quoteTokens = quoteTokenIndexes(tokens, attributions.length)
  const entries = book.entries()
  const mentionTokens = new Map<BookEntry, Int32Array>()
  let mostMentioned: BookEntry | undefined
  for (const entry of entries) {
    mentionTokens.set(entry, tokenIndexesOf(tokens, entry.positions))
    if (entry.kind === 'person' && (mostMentioned === undefined || entry.positions.length > mostMentioned.positions.length)) mostMentioned = entry
  }

  const out: (readonly Candidate[] | undefined)[] = []
  let previousPick: { readonly entry: BookEntry; readonly paragraph: number } | undefined
  for (let index = 0; index < attributions.length; index++) {
    const attribution = attributions[index] as QuoteAttribution
    const q = quoteTokens[index] ?? -1
    if (keep[index] !== 1 || q < 0) {
      out.push(undefined)
      continue
    }
    const quote = tokens[q] as Token
    const scene: Scene = { q, sentence: sentenceOf[q] ?? 0, paragraph: quote.paragraphIndex, attribution, previousPick, mostMentioned }
    const named: { entry: BookEntry; distance: number }[] = []
    for (const entry of entries) {
      const distance = nearestDistance(tokens, mentionTokens.get(entry) as Int32Array, scene)
      if (distance !== undefined || entry === attribution.speaker) named.push({ entry, distance: distance ?? Number.MAX_SAFE_INTEGER })
    }
    named.sort((a, b) => a.distance - b.distance)
    const candidates: Candidate[] = [{ entry: undefined, features: nobodyFeatures(attribution, named.length) }]
    for (const { entry } of named) {
      if (candidates.length > MAX_CANDIDATES && entry !== attribution.speaker) continue
      candidates.push({ entry, features: entryFeatures(tokens, sentences, sentenceOf, mentionTokens.get(entry) as Int32Array, entry, scene, book) })
    }
    out.push(candidates)
    if (attribution.speaker !== undefined) previousPick = { entry: attribution.speaker, paragraph: quote.paragraphIndex }
  }
  return out
}

interface Scene {
  /** Token index of the quote. */
  readonly q: number
  readonly sentence: number
  readonly paragraph: number
  readonly attribution: QuoteAttribution
  readonly previousPick: { readonly entry: BookEntry; readonly paragraph: number } | undefined
  readonly mostMentioned: BookEntry | undefined
}

/** `speaker-after-said/name` → [`speaker-after-said`, `name`]; no rule → `none`. */
function ruleParts(rule: string | undefined): readonly [string, string] {
  if (rule === undefined) return ['none', 'none']
  const slash = rule.indexOf('/')
  return slash < 0 ? [rule, 'none'] : [rule.slice(0, slash), rule.slice(slash + 1)]
}

function nobodyFeatures(attribution: QuoteAttribution, named: number): string[] {
  const [rule, how] = ruleParts(attribution.speaker === undefined ? attribution.rule : undefined)
  return [
    'nobody',
    `nobody:rule:${rule}`,
    `nobody:how:${how}`,
    attribution.hasCue ? 'nobody:has-cue' : 'nobody:no-cue',
    `nobody:kind:${attribution.kind satisfies QuoteKind}`,
    `nobody:named:${Math.min(named, 3)}`,
  ]
}

function entryFeatures(
  tokens: readonly Token[],
  sentences: readonly Sentence[],
  sentenceOf: Int32Array,
  mentions: Int32Array,
  entry: BookEntry,
  scene: Scene,
  book: PeopleBook,
): string[] {
  const { q, attribution } = scene
  const features: string[] = [`kind:${entry.kind}`]
  if (entry === attribution.speaker) {
    const [rule, how] = ruleParts(attribution.rule)
    features.push('rules-choice', `rules-choice:rule:${rule}`, `rules-choice:how:${how}`, `rules-choice:kind:${entry.kind}`, `rules-choice:quote:${attribution.kind}`)
  }
  if (entry.kind === 'person' && entry.nameWords.length === 1) features.push('one-word-name')
  if (book.isPlace(entry)) features.push('reads-as-place')
  if (entry.role !== undefined) features.push('has-role')
  features.push(`mentions:${bin(entry.positions.length, COUNT_BINS)}`)
  if (entry === scene.mostMentioned) features.push('most-mentioned')
  if (scene.previousPick?.entry === entry) features.push(scene.previousPick.paragraph === scene.paragraph ? 'previous-quote-speaker:same-paragraph' : 'previous-quote-speaker')

  let before = -1
  let after = -1
  for (const m of mentions) {
    if (m < q && m > before) before = m
    if (m > q && (after < 0 || m < after)) after = m
  }
  if (before >= 0) describeMention('before', before, q - before)
  if (after >= 0) describeMention('after', after, after - q)
  if (before < 0 && after < 0) features.push('not-near')
  return features

  function describeMention(side: 'before' | 'after', m: number, distance: number): void {
    const token = tokens[m] as Token
    const sentences_ = Math.abs((sentenceOf[m] ?? 0) - scene.sentence)
    const paragraphs = Math.abs(token.paragraphIndex - scene.paragraph)
    const where = sentences_ === 0 ? 'same-sentence' : paragraphs === 0 ? 'same-paragraph' : `paragraph-${Math.min(paragraphs, 3)}`
    features.push(`${side}:${where}`, `${side}:distance:${bin(distance, DISTANCE_BINS)}`)
    if (sentences_ === 1) features.push(`${side}:next-sentence`)
    if (hasCueNear(tokens, sentences, sentenceOf, m)) features.push(`${side}:${where}:cue-beside`)
    if (opensSentence(tokens, sentences, sentenceOf, m)) features.push(`${side}:${where}:opens-sentence`)
    if (tokens[m + 1]?.kind === 'poss' || tokens[m + 2]?.kind === 'poss') features.push(`${side}:possessive`)
    if (isBetweenQuotes(tokens, m, scene.q)) features.push(`${side}:between-quotes`)
  }
}

const DISTANCE_BINS: readonly number[] = [2, 4, 8, 16, 32, 64, 128]
const COUNT_BINS: readonly number[] = [1, 2, 4, 8, 16]

/** The first bin `value` is at most, as `≤N`, else `>last`. */
function bin(value: number, bins: readonly number[]): string {
  for (const b of bins) if (value <= b) return `le${b}`
  return `gt${bins[bins.length - 1] ?? 0}`
}

/** Whether a verb of saying stands within `CUE_REACH` tokens of the name at `m`, in its sentence. */
function hasCueNear(tokens: readonly Token[], sentences: readonly Sentence[], sentenceOf: Int32Array, m: number): boolean {
  const sentence = sentences[sentenceOf[m] ?? 0]
  const from = Math.max(sentence?.start ?? 0, m - CUE_REACH)
  const to = Math.min(sentence?.end ?? tokens.length, m + CUE_REACH + 3)
  for (let k = from; k < to; k++) if (k !== m && tokens[k]?.isCueWord === true) return true
  return false
}

/** Whether the name at `m` opens its sentence (at most one token, such as a title or a quote mark, before it). */
function opensSentence(tokens: readonly Token[], sentences: readonly Sentence[], sentenceOf: Int32Array, m: number): boolean {
  const start = sentences[sentenceOf[m] ?? 0]?.start ?? 0
  if (m === start) return true
  return m === start + 1 && tokens[start]?.kind !== 'word'
}

/** Whether another quotation stands between the name at `m` and the quote at `q`. */
function isBetweenQuotes(tokens: readonly Token[], m: number, q: number): boolean {
  const from = Math.min(m, q) + 1
  const to = Math.max(m, q)
  for (let k = from; k < to; k++) if (tokens[k]?.kind === 'quote') return true
  return false
}

/** The token distance from the quote to the entry's nearest mention inside the window, or undefined. */
function nearestDistance(tokens: readonly Token[], mentions: Int32Array, scene: Scene): number | undefined {
  let best: number | undefined
  for (const m of mentions) {
    const paragraph = tokens[m]?.paragraphIndex ?? -1
    if (paragraph < scene.paragraph - PARAGRAPHS_BEFORE || paragraph > scene.paragraph + PARAGRAPHS_AFTER) continue
    const distance = m < scene.q ? scene.q - m : m - scene.q
    if ((m < scene.q && distance > WINDOW_BEFORE) || (m > scene.q && distance > WINDOW_AFTER)) continue
    if (best === undefined || distance < best) best = distance
  }
  return best
}

function sentenceIndexOfTokens(count: number, sentences: readonly Sentence[]): Int32Array {
  const of = new Int32Array(count)
  for (let s = 0; s < sentences.length; s++) {
    const sentence = sentences[s] as Sentence
    for (let t = sentence.start; t < sentence.end && t < count; t++) of[t] = s
  }
  return of
}

function quoteTokenIndexes(tokens: readonly Token[], spans: number): Int32Array {
  const of = new Int32Array(spans).fill(-1)
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token
    if (token.kind === 'quote' && of[token.quoteIndex] === -1) of[token.quoteIndex] = i
  }
  return of
}

/** The token index at or after each character offset in `positions` (binary search over token starts). */
function tokenIndexesOf(tokens: readonly Token[], positions: readonly number[]): Int32Array {
  const out = new Int32Array(positions.length)
  for (let p = 0; p < positions.length; p++) {
    const position = positions[p] as number
    let lo = 0
    let hi = tokens.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if ((tokens[mid] as Token).start < position) lo = mid + 1
      else hi = mid
    }
    out[p] = Math.min(lo, tokens.length - 1)
  }
  return out
}
