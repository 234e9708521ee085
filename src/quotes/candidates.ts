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
import type { Gender } from './people.js'
import { tokenAtOrAfter, type Sentence, type Token } from './quote-tokens.js'

/** One possible speaker of a quote (`entry` undefined: nobody, the quote stays unattributed). */
export interface Candidate {
  readonly entry: BookEntry | undefined
  readonly features: readonly string[]
  /** For the rules' choice: the rule that chose it (`speaker-after-said`, without how the name was found). */
  readonly rule?: string
}

/** What the candidate step reads, prepared by `extractQuotes`. */
export interface CandidateContext {
  readonly tokens: readonly Token[]
  readonly sentences: readonly Sentence[]
  readonly book: PeopleBook
  readonly attributions: readonly QuoteAttribution[]
  /** Per span: whether it is kept as a quotation. */
  readonly keep: Uint8Array
  /** Per span: the index of its `quote` token, or -1 (`quoteTokenIndexes`). */
  readonly quoteTokens: Int32Array
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
 * A reader of the candidates of each kept quotation by span index (`undefined` for spans that
 * are not quotations), to be called in text order. The first candidate is always "nobody";
 * the rules' choice is always among them.
 */
export function speakerCandidates(context: CandidateContext): (index: number) => readonly Candidate[] | undefined {
  const { tokens, sentences, book, attributions, keep, quoteTokens } = context
  const sentenceOf = sentenceIndexOfTokens(tokens.length, sentences)
  const entries = book.entries()
  // Every mention in token order, so a quote reads only the names inside its window.
  const mentions: { readonly token: number; readonly entry: BookEntry }[] = []
  let mostMentioned: BookEntry | undefined
  for (const entry of entries) {
    for (const token of tokenIndexesOf(tokens, entry.positions)) mentions.push({ token, entry })
    if (entry.kind === 'person' && (mostMentioned === undefined || entry.positions.length > mostMentioned.positions.length)) mostMentioned = entry
  }
  mentions.sort((a, b) => a.token - b.token)
  const mentionStarts = Int32Array.from(mentions, (m) => m.token)

  let previousPick: { readonly entry: BookEntry; readonly paragraph: number } | undefined
  // One quote at a time, so a long article never holds every quote's candidates at once.
  return (index: number): readonly Candidate[] | undefined => {
    const attribution = attributions[index] as QuoteAttribution
    const q = quoteTokens[index] ?? -1
    if (keep[index] !== 1 || q < 0 || attribution === undefined) return undefined
    const quote = tokens[q] as Token
    const sentence = sentenceOf[q] ?? 0
    const scene: Scene = {
      q,
      sentence,
      paragraph: quote.paragraphIndex,
      attribution,
      previousPick,
      mostMentioned,
      pronoun: pronounSubject(tokens, sentences[sentence], q),
      roleNoun: roleNounSubject(tokens, sentences[sentence], q),
      sentenceHasCue: sentenceHasCue(tokens, sentences[sentence]),
    }
    const named = namedNear(tokens, mentions, mentionStarts, scene)
    if (attribution.speaker !== undefined && !named.some((n) => n.entry === attribution.speaker)) {
      named.push({ entry: attribution.speaker, distance: Number.MAX_SAFE_INTEGER, before: -1, after: -1, rankBefore: 0, rankAfter: 0, rankAgreeing: 0 })
    }
    rank(named, scene.pronoun)
    named.sort((a, b) => a.distance - b.distance)
    const candidates: Candidate[] = [{ entry: undefined, features: nobodyFeatures(attribution, named.length, scene) }]
    for (const near of named) {
      if (candidates.length > MAX_CANDIDATES && near.entry !== attribution.speaker) continue
      // A name read as a place (`in Port Halden`) is nobody's voice: the people book's rule, kept as a constraint.
      if (near.entry !== attribution.speaker && book.isPlace(near.entry)) continue
      // `he said`, `she said`: a person whose gender does not disagree, never a group or an organisation.
      if (near.entry !== attribution.speaker && scene.pronoun !== undefined && (near.entry.kind !== 'person' || near.entry.gender === otherGender(scene.pronoun))) continue
      const features = entryFeatures(tokens, sentences, sentenceOf, near, scene, book)
      candidates.push(near.entry === attribution.speaker ? { entry: near.entry, features, rule: ruleParts(attribution.rule)[0] } : { entry: near.entry, features })
    }
    if (attribution.speaker !== undefined) previousPick = { entry: attribution.speaker, paragraph: quote.paragraphIndex }
    return candidates
  }
}

/** An entry named near a quote: its nearest mentions either side, and its rank among the others. */
interface Named {
  readonly entry: BookEntry
  distance: number
  /** Token index of the nearest mention before / after the quote, or -1. */
  before: number
  after: number
  /** 1 for the nearest before (after) the quote, 2 for the next…; 0 when not named on that side. */
  rankBefore: number
  rankAfter: number
  /** Rank before the quote among people whose gender agrees with the cue's pronoun (`he said`); 0 otherwise. */
  rankAgreeing: number
}

function rank(named: Named[], pronoun: Gender | undefined): void {
  const before = named.filter((n) => n.before >= 0).sort((a, b) => b.before - a.before)
  before.forEach((n, i) => (n.rankBefore = i + 1))
  const after = named.filter((n) => n.after >= 0).sort((a, b) => a.after - b.after)
  after.forEach((n, i) => (n.rankAfter = i + 1))
  if (pronoun === undefined) return
  const agreeing = before.filter((n) => n.entry.kind === 'person' && n.entry.gender !== otherGender(pronoun))
  agreeing.forEach((n, i) => (n.rankAgreeing = i + 1))
}

function otherGender(gender: Gender): Gender {
  return gender === 'male' ? 'female' : 'male'
}

/** `he` or `she` beside a verb of saying in the quote's sentence (`"…," he said`): the gender the speaker must have. */
function pronounSubject(tokens: readonly Token[], sentence: Sentence | undefined, q: number): Gender | undefined {
  if (sentence === undefined) return undefined
  for (let k = Math.max(sentence.start, q - 12); k < Math.min(sentence.end, q + 8); k++) {
    const t = tokens[k] as Token
    if (t.kind !== 'word' || (t.lower !== 'he' && t.lower !== 'she')) continue
    if (tokens[k + 1]?.isCueWord === true || tokens[k - 1]?.isCueWord === true || tokens[k + 2]?.isCueWord === true) return t.lower === 'he' ? 'male' : 'female'
  }
  return undefined
}

/** The noun of `the <noun> said` (or `said the <noun>`) near the quote in its sentence. */
function roleNounSubject(tokens: readonly Token[], sentence: Sentence | undefined, q: number): string | undefined {
  if (sentence === undefined) return undefined
  for (let k = Math.max(sentence.start, q - 12); k < Math.min(sentence.end, q + 8); k++) {
    const t = tokens[k] as Token
    const noun = tokens[k + 1]
    if (t.lower !== 'the' || noun === undefined || noun.kind !== 'word' || noun.isCapitalized || noun.isCueWord) continue
    if (tokens[k + 2]?.isCueWord === true || tokens[k - 1]?.isCueWord === true) return noun.lower
  }
  return undefined
}

function sentenceHasCue(tokens: readonly Token[], sentence: Sentence | undefined): boolean {
  if (sentence === undefined) return false
  for (let k = sentence.start; k < sentence.end; k++) if (tokens[k]?.isCueWord === true) return true
  return false
}

interface Scene {
  /** Token index of the quote. */
  readonly q: number
  readonly sentence: number
  readonly paragraph: number
  readonly attribution: QuoteAttribution
  readonly previousPick: { readonly entry: BookEntry; readonly paragraph: number } | undefined
  readonly mostMentioned: BookEntry | undefined
  /** The gender of a pronoun subject of the quote's cue, if any. */
  readonly pronoun: Gender | undefined
  /** `ambassador` in `the ambassador said`: a role noun as the subject of the quote's cue. */
  readonly roleNoun: string | undefined
  /** Whether a verb of saying stands anywhere in the quote's sentence. */
  readonly sentenceHasCue: boolean
}

/** `speaker-after-said/name` → [`speaker-after-said`, `name`]; no rule → `none`. */
function ruleParts(rule: string | undefined): readonly [string, string] {
  if (rule === undefined) return ['none', 'none']
  const slash = rule.indexOf('/')
  return slash < 0 ? [rule, 'none'] : [rule.slice(0, slash), rule.slice(slash + 1)]
}

function nobodyFeatures(attribution: QuoteAttribution, named: number, scene: Scene): string[] {
  const [rule, how] = ruleParts(attribution.speaker === undefined ? attribution.rule : undefined)
  return [
    'nobody',
    `nobody:rule:${rule}`,
    `nobody:how:${how}`,
    attribution.hasCue ? 'nobody:has-cue' : 'nobody:no-cue',
    `nobody:kind:${attribution.kind satisfies QuoteKind}`,
    `nobody:named:${Math.min(named, 3)}`,
    scene.sentenceHasCue ? 'nobody:cue-in-sentence' : 'nobody:no-cue-in-sentence',
  ]
}

function entryFeatures(tokens: readonly Token[], sentences: readonly Sentence[], sentenceOf: Int32Array, near: Named, scene: Scene, book: PeopleBook): string[] {
  const { attribution } = scene
  const { entry, before, after } = near
  const features: string[] = [`kind:${entry.kind}`]
  if (entry === attribution.speaker) {
    const [rule, how] = ruleParts(attribution.rule)
    features.push(
      'rules-choice',
      `rules-choice:rule:${rule}`,
      `rules-choice:how:${how}`,
      `rules-choice:rule:${rule}:how:${how}`,
      `rules-choice:kind:${entry.kind}`,
      `rules-choice:quote:${attribution.kind}`,
      scene.sentenceHasCue ? 'rules-choice:cue-in-sentence' : 'rules-choice:no-cue-in-sentence',
    )
  }
  if (near.rankBefore > 0) features.push(`rank-before:${Math.min(near.rankBefore, 4)}`)
  if (near.rankAfter > 0) features.push(`rank-after:${Math.min(near.rankAfter, 3)}`)
  if (scene.pronoun !== undefined) {
    if (entry.kind !== 'person') features.push('pronoun:not-a-person')
    else if (entry.gender === undefined) features.push('pronoun:gender-unknown')
    else features.push(entry.gender === scene.pronoun ? 'pronoun:agrees' : 'pronoun:disagrees')
    if (near.rankAgreeing > 0) features.push(`pronoun:agreeing-rank:${Math.min(near.rankAgreeing, 3)}`)
  }
  if (scene.roleNoun !== undefined && entry.kind === 'person') {
    const noun = scene.roleNoun
    const described = (entry.role ?? '').toLowerCase().includes(noun) || entry.mentions.some((m) => m.toLowerCase().includes(noun))
    features.push(described ? 'role-noun:describes' : 'role-noun:does-not-describe')
  }
  if (entry.kind !== 'person') features.push(`description-words:${Math.min(entry.name.split(/\s+/).length, 5)}`)
  if (entry.kind === 'person' && entry.nameWords.length === 1) features.push('one-word-name')
  if (entry.kind === 'person' && entry.nameWords.length >= 4) features.push('long-name')
  if (book.isPlace(entry)) features.push('reads-as-place')
  if (entry.role !== undefined) features.push('has-role')
  features.push(`mentions:${bin(entry.positions.length, COUNT_BINS)}`)
  if (entry === scene.mostMentioned) features.push('most-mentioned')
  if (scene.previousPick?.entry === entry) features.push(scene.previousPick.paragraph === scene.paragraph ? 'previous-quote-speaker:same-paragraph' : 'previous-quote-speaker')

  if (before >= 0) describeMention('before', before, scene.q - before)
  if (after >= 0) describeMention('after', after, after - scene.q)
  if (before < 0 && after < 0) features.push('not-near')
  return features

  function describeMention(side: 'before' | 'after', m: number, distance: number): void {
    const token = tokens[m] as Token
    const sentences_ = Math.abs((sentenceOf[m] ?? 0) - scene.sentence)
    const paragraphs = Math.abs(token.paragraphIndex - scene.paragraph)
    const where = sentences_ === 0 ? 'same-sentence' : paragraphs === 0 ? 'same-paragraph' : `paragraph-${Math.min(paragraphs, 3)}`
    features.push(`${side}:${where}`, `${side}:distance:${bin(distance, DISTANCE_BINS)}`)
    if (sentences_ === 1) features.push(`${side}:next-sentence`)
    if (sentences_ === 0 && scene.sentenceHasCue) features.push(`${side}:same-sentence:cue-in-sentence`)
    if (hasCueNear(tokens, sentences, sentenceOf, m)) features.push(`${side}:${where}:cue-beside`)
    if (opensSentence(tokens, sentences, sentenceOf, m)) features.push(`${side}:${where}:opens-sentence`)
    if (tokens[m + 1]?.kind === 'poss' || tokens[m + 2]?.kind === 'poss') features.push(`${side}:possessive`)
    if (isBetweenQuotes(tokens, m, scene.q)) features.push(`${side}:between-quotes`)
    const end = mentionEnd(tokens, m)
    if (side === 'after' && m - scene.q <= PATTERN_REACH) features.push(`pattern:quote${shapeOf(tokens, scene.q + 1, m)}name`)
    if (side === 'before' && scene.q - end <= PATTERN_REACH) features.push(`pattern:name${shapeOf(tokens, end, scene.q)}quote`)
    const near = sentences_ === 0 ? 'same-sentence' : 'elsewhere'
    if (isListed(tokens[m - 1]) && isListed(tokens[end])) features.push(`${side}:in-a-list`)
    if (isDeniedAfter(tokens, end)) features.push(`${side}:${near}:declines-to-speak`)
    features.push(`${side}:${near}:left:${wordShape(tokens[m - 1])}`, `${side}:${near}:right:${wordShape(tokens[end])}`, `${side}:${near}:right2:${wordShape(tokens[end])}_${wordShape(tokens[end + 1])}`)
  }
}

/** How many tokens between a quote and a name are read as a pattern (`"Q," said name`). */
const PATTERN_REACH = 5

/** The end (exclusive) of the name starting at `m`: its run of capitalised words. */
function mentionEnd(tokens: readonly Token[], m: number): number {
  let k = m + 1
  while (k < tokens.length && k < m + 6 && tokens[k]?.kind === 'word' && tokens[k]?.isCapitalized === true) k++
  return k
}

/** Words that deny a speech act after a name: `would not say`, `declined to comment`, `did not respond`. */
const DENIALS: ReadonlySet<string> = new Set(['not', "n't", 'never', 'declined', 'refused', 'declines', 'refuses', 'no'])

/** Whether a denial follows the name ending at `end` within three words. */
function isDeniedAfter(tokens: readonly Token[], end: number): boolean {
  for (let k = end; k < end + 3 && k < tokens.length; k++) {
    const t = tokens[k] as Token
    if (t.kind !== 'word') return false
    if (DENIALS.has(t.lower) || t.lower.endsWith("n't")) return true
  }
  return false
}

/** `,` or `and` on both sides of a name: one of a list (`the U.S., Japan and China`), not a speaker. */
function isListed(token: Token | undefined): boolean {
  return token !== undefined && (token.text === ',' || token.lower === 'and' || token.lower === 'or')
}

/** The tokens in `[from, to)` as a shape: `_,_said_`. */
function shapeOf(tokens: readonly Token[], from: number, to: number): string {
  let out = '_'
  for (let k = from; k < to; k++) out += `${wordShape(tokens[k])}_`
  return out
}

/** Words that keep their own form in patterns: how attribution is written, not what it is about. */
const PATTERN_WORDS: ReadonlySet<string> = new Set([
  'the', 'a', 'an', 'of', 'to', 'in', 'and', 'but', 'or', 'who', 'whose', 'which', 'that', 'according', 'by', 'for', 'with', 'on', 'at', 'as', 'his', 'her', 'their',
  'its', 'he', 'she', 'they', 'it', 'was', 'is', 'has', 'had', 'have', 'been', 'be', 'not', 'also', 'then', 'later', 'earlier', 'in', 'after', 'before', 'when', 'while',
  'mr.', 'mrs.', 'ms.', 'dr.', 'sen.', 'rep.', 'gov.', 'president', 'spokesman', 'spokeswoman', 'senator', 'statement', 'interview',
])

/** A token as patterns see it: punctuation as printed, a quote as `Q`, cue words and function words as written, other words by case. */
function wordShape(token: Token | undefined): string {
  if (token === undefined) return 'END'
  if (token.kind === 'quote') return 'Q'
  if (token.kind === 'poss') return 'POSS'
  if (token.kind === 'punct') return token.text
  if (token.isCueWord || PATTERN_WORDS.has(token.lower)) return token.lower
  return token.isCapitalized ? 'W' : 'w'
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

/** Everyone named inside the quote's window, with their nearest mentions either side (binary search: linear in the window, not the article). */
function namedNear(tokens: readonly Token[], mentions: readonly { readonly token: number; readonly entry: BookEntry }[], starts: Int32Array, scene: Pick<Scene, 'q' | 'paragraph'>): Named[] {
  let lo = 0
  let hi = starts.length
  const from = scene.q - WINDOW_BEFORE
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((starts[mid] as number) < from) lo = mid + 1
    else hi = mid
  }
  const byEntry = new Map<BookEntry, Named>()
  for (let i = lo; i < mentions.length; i++) {
    const { token: m, entry } = mentions[i] as { readonly token: number; readonly entry: BookEntry }
    if (m > scene.q + WINDOW_AFTER) break
    if (m === scene.q) continue
    const paragraph = tokens[m]?.paragraphIndex ?? -1
    if (paragraph < scene.paragraph - PARAGRAPHS_BEFORE || paragraph > scene.paragraph + PARAGRAPHS_AFTER) continue
    const distance = m < scene.q ? scene.q - m : m - scene.q
    let named = byEntry.get(entry)
    if (named === undefined) {
      named = { entry, distance, before: -1, after: -1, rankBefore: 0, rankAfter: 0, rankAgreeing: 0 }
      byEntry.set(entry, named)
    }
    if (distance < named.distance) named.distance = distance
    if (m < scene.q && m > named.before) named.before = m
    if (m > scene.q && (named.after < 0 || m < named.after)) named.after = m
  }
  return [...byEntry.values()]
}

function sentenceIndexOfTokens(count: number, sentences: readonly Sentence[]): Int32Array {
  const of = new Int32Array(count)
  for (let s = 0; s < sentences.length; s++) {
    const sentence = sentences[s] as Sentence
    for (let t = sentence.start; t < sentence.end && t < count; t++) of[t] = s
  }
  return of
}


/** The token index at or after each character offset in `positions` (binary search over token starts). */
function tokenIndexesOf(tokens: readonly Token[], positions: readonly number[]): Int32Array {
  const out = new Int32Array(positions.length)
  for (let p = 0; p < positions.length; p++) out[p] = Math.min(tokenAtOrAfter(tokens, positions[p] as number), tokens.length - 1)
  return out
}
