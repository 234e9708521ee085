/**
 * Cues in the quote's sentence: the verb or construction of saying after the quote
 * (`"Q," S said`, `"Q," said S`) or before it (`S said, "Q"`, `according to S`, `X quoted S
 * as saying`, `S's comment that`), each with its subject and the rule that found it.
 */
import { resolveChunk } from './attribution-coreference.js'
import { makeFound, type AttributionState, type Found, type Subject } from './attribution-state.js'
import { clauseSubject, subjectLeftOf, subjectRightOf } from './attribution-subjects.js'
import { hasKind, isCue, isDenied, isIn } from './attribution-tokens.js'
import { INVERTIBLE_VERBS, isParticiple, SPEECH_NOUNS } from './attribution-words.js'
import { chunkLeft } from './people.js'
import { maxApposition, type Sentence, type Token } from './quote-tokens.js'
import { WordClass } from './word-classes.js'

/**
 * How many tokens after a quote its cue may be: a name of up to four words and an apposition
 * of up to `maxApposition` words between commas before it (`"Q," Ximena Abernathy, the chief
 * executive of the Granite State Chamber of Commerce, told reporters`).
 */
const CUE_WINDOW_AFTER = 7 + maxApposition

/** Words that cannot start the subject between a quote and its cue. */
const CUE_STOP_WORDS: ReadonlySet<string> = new Set(['to', 'and', 'but', 'or', 'of', 'in', 'on', 'at', 'for', 'with', 'that', 'which', 'as'])

/** Auxiliaries: after a speech noun they make it the subject of the quoted words. */
const AUXILIARIES: ReadonlySet<string> = new Set(['is', 'are', 'was', 'were', 'have', 'has', 'had', 'will', 'would', 'could', 'should', 'may', 'might', 'can'])

/** Auxiliaries of a passive `quoted`: `was quoted as saying`. */
const PASSIVE_AUXILIARIES: ReadonlySet<string> = new Set(['was', 'were', 'is', 'are', 'been', 'being', 'be'])

/** `"Q," S said` / `"Q," said S` / `"Q," according to S` / `"Q," X quoted S as saying`: the cue after the quote at `q`, before `limit`. */
export function findAfter(state: AttributionState, q: number, limit: number): Found | undefined {
  const { tokens } = state
  let i = q + 1
  while (i < limit && tokens[i]?.kind === 'punct' && tokens[i]?.text !== '(') i++
  const first = i
  for (let k = 0; i < limit && k < CUE_WINDOW_AFTER; i++, k++) {
    const t = tokens[i]
    if (t === undefined) break
    if (t.kind === 'punct' && (t.text === '.' || t.text === ';' || t.text === '?' || t.text === '!')) break
    if (t.kind !== 'word') continue
    if (t.lower === 'according' && tokens[i + 1]?.lower === 'to') return according(state, i, limit)
    // `"Q," Smith was quoted as saying.`: `quoted` after `was` is no cue of its own.
    const quotedAt = quotedBefore(tokens, i, first)
    if (quotedAt !== -1) return quotedAsSaying(state, quotedAt, limit, first)
    if (!(i === first ? t.isCueWord : isCue(tokens, i))) continue
    if (t.lower === 'quoted') return quotedAsSaying(state, i, limit, first) ?? undefined
    if (i === first && INVERTIBLE_VERBS.has(t.lower)) {
      // `…the self-described "king of debt," said he would …`: a clause, not `said S`.
      if (isIn(tokens[i + 1], WordClass.subjectPronoun)) return undefined
      const subject = subjectRightOf(state, i + 1, limit)
      return { subject, cue: t.text, cueStart: t.start, cueEnd: t.end, rule: 'said-speaker', cueIndex: i }
    }
    if (i === first) return undefined
    // `"Q," to describe …`: an infinitive of the quote's own sentence, not its attribution.
    if (tokens[i - 1]?.lower === 'to') return undefined
    // `"Q." Neither side would say …`: a denied speech act attributes nothing.
    if (isDenied(tokens, i, first)) return undefined
    // `"Q," a welcome message on the website reads.`: all the words between are the subject.
    const wholeSubject = i - first <= 10 && !hasKind(tokens, first, i, 'punct') && !hasKind(tokens, first, i, 'quote') && !CUE_STOP_WORDS.has(i > first ? (tokens[first]?.lower ?? '') : '')
    const subject = wholeSubject ? (resolveChunk(state, first, i, i) ?? subjectLeftOf(state, i, first)) : subjectLeftOf(state, i, first)
    return { subject, cue: t.text, cueStart: t.start, cueEnd: t.end, rule: 'speaker-after-said', cueIndex: i }
  }
  return undefined
}

/** The nearest cue to the left of the quote at `q` in its sentence, never before `from`. */
export function findBefore(state: AttributionState, q: number, from: number, sentence: Sentence): Found | undefined {
  const { tokens } = state
  for (let i = q - 1; i >= from; i--) {
    const t = tokens[i]
    if (t === undefined || t.kind !== 'word') continue
    if (t.lower === 'according' && tokens[i + 1]?.lower === 'to') return according(state, i, q)
    const quotedAt = quotedBefore(tokens, i, sentence.start)
    if (quotedAt !== -1) return quotedAsSaying(state, quotedAt, q, sentence.start)
    if (SPEECH_NOUNS.has(t.lower)) {
      // `Comey's conclusion that …` says something; `Trump's comments are "…"` is what is said about.
      if (AUXILIARIES.has(tokens[i + 1]?.lower ?? '') || i + 1 === q) continue
      const owner = possessiveOwner(state, i, sentence.start)
      if (owner !== undefined) return { subject: owner, cue: t.text, cueStart: t.start, cueEnd: t.end, rule: 'possessive-speech-noun', cueIndex: i }
      continue
    }
    if (!isCue(tokens, i)) continue
    // `Asked by reporters whether …, Smith shrugged: "Q"`: a passive participle speaks for nobody.
    if (tokens[i + 1]?.lower === 'by') continue
    if (isInvertedAfterQuote(tokens, i)) {
      // `"Q1," said Falk, "Q2."`: the subject follows the verb.
      const subject = subjectRightOf(state, i + 1, q)
      return { subject, cue: t.text, cueStart: t.start, cueEnd: t.end, rule: 'said-speaker', cueIndex: i }
    }
    if (isParticiple(t.lower) && tokens[i - 1]?.lower !== 'as') {
      // `S told a rally, saying …`, `S released a statement saying …`: the main clause's speaker.
      const main = mainClauseFound(state, i, sentence)
      if (main !== undefined) return makeFound(main.subject, t.text, t.start, t.end, 'participle-shares-subject', i)
    }
    const subject = subjectLeftOf(state, i, sentence.start)
    return { subject, cue: t.text, cueStart: t.start, cueEnd: t.end, rule: 'speaker-said-before', cueIndex: i }
  }
  return undefined
}

/** Whether the cue at `i` is an invertible verb right after a quote (and its comma): `"Q," said Falk`. */
function isInvertedAfterQuote(tokens: readonly Token[], i: number): boolean {
  const previous = tokens[i - 1]
  return INVERTIBLE_VERBS.has(tokens[i]?.lower ?? '') && (previous?.kind === 'quote' || (previous?.kind === 'punct' && tokens[i - 2]?.kind === 'quote'))
}

/** The attribution of the main clause a participle hangs on: the nearest cue to its left, or the clause subject. */
function mainClauseFound(state: AttributionState, participle: number, sentence: Sentence): Found | undefined {
  const { tokens, foundAtCue } = state
  for (let i = participle - 1; i >= sentence.start; i--) {
    const known = foundAtCue.get(i)
    if (known !== undefined) return known
  }
  for (let i = participle - 1; i >= sentence.start; i--) {
    const t = tokens[i]
    if (t !== undefined && isCue(tokens, i) && !isParticiple(t.lower)) {
      // `"Q1," said Smith, adding: "Q2."`: an inverted main verb has its subject to its right.
      const isInverted = isInvertedAfterQuote(tokens, i)
      const subject = isInverted ? subjectRightOf(state, i + 1, participle) : subjectLeftOf(state, i, sentence.start)
      if (subject !== undefined) return { subject, cue: t.text, cueStart: t.start, cueEnd: t.end, rule: isInverted ? 'said-speaker' : 'speaker-said-before', cueIndex: i }
    }
  }
  const subject = clauseSubject(state, sentence.start, participle)
  return subject === undefined ? undefined : { subject, cue: '', cueStart: subject.start, cueEnd: subject.end, rule: 'clause-subject', cueIndex: participle }
}

/** `according to S`, `according` at `i`: S is the words up to the next punctuation or quote. */
function according(state: AttributionState, i: number, limit: number): Found {
  const { text, tokens } = state
  const t = tokens[i] as Token
  const to = tokens[i + 1] as Token
  let end = i + 2
  while (end < limit && tokens[end]?.kind !== 'punct' && tokens[end]?.kind !== 'quote' && end - i < 12) end++
  const subject = resolveChunk(state, i + 2, end, i)
  return { subject, cue: text.slice(t.start, to.end), cueStart: t.start, cueEnd: to.end, rule: 'according-to', cueIndex: i }
}

/** For `saying` at `i` after `as`: the `quoted` of `quoted … as saying` within 13 words before it, never before `floor`; -1 when there is none. */
function quotedBefore(tokens: readonly Token[], i: number, floor: number): number {
  if (tokens[i]?.lower !== 'saying' || tokens[i - 1]?.lower !== 'as') return -1
  for (let j = i - 2; j >= floor && j > i - 14; j--) if (tokens[j]?.lower === 'quoted') return j
  return -1
}

/** `X quoted S as saying`, `quoted` at `i`: S, or X when `quoted` is passive. */
function quotedAsSaying(state: AttributionState, i: number, limit: number, floor: number): Found | undefined {
  const { tokens } = state
  const t = tokens[i] as Token
  for (let j = i + 1; j < limit && j < i + 16; j++) {
    if (tokens[j]?.lower === 'as' && tokens[j + 1]?.lower === 'saying') {
      const saying = tokens[j + 1] as Token
      // `S was quoted (by Reuters) as saying`: in the passive the speaker is the subject.
      const isPassive = PASSIVE_AUXILIARIES.has(tokens[i - 1]?.lower ?? '')
      const subject = isPassive ? subjectLeftOf(state, i, floor) : resolveChunk(state, i + 1, j, i)
      return { subject, cue: 'quoted … as saying', cueStart: t.start, cueEnd: saying.end, rule: 'quoted-as-saying', cueIndex: j + 1 }
    }
  }
  return undefined
}

/** `S's recent comment`: the owner of the speech noun at `noun`. */
function possessiveOwner(state: AttributionState, noun: number, floor: number): Subject | undefined {
  const { tokens } = state
  let j = noun - 1
  while (j >= floor && tokens[j]?.kind === 'word' && !tokens[j]?.isCapitalized && j > noun - 3) j--
  if (tokens[j]?.kind !== 'poss') return undefined
  const start = chunkLeft(tokens, j - 1, floor)
  return resolveChunk(state, start, j, noun)
}
