/**
 * Attribution: who said each quoted span, by which cue, and by which rule (DESIGN.md §4).
 *
 * Works on the token stream, where every quote is one opaque token, sentence by sentence
 * and in reading order, so that pronouns and follow-on quotes can look back at what came
 * before. Each decision names its rule, so an editor can see why a quote got its speaker:
 *
 * | rule | pattern |
 * |---|---|
 * | `speaker-after-said` | `"Q," S said.` / `"Q," S told Y.` |
 * | `said-speaker` | `"Q," said S.` |
 * | `speaker-said-before` | `S said, "Q."` / `S said the talks "are gone forever."` |
 * | `participle-shares-subject` | `S told a rally, saying Clinton would "Q"` |
 * | `split-quote` | `"Q1," S said, "Q2."` (the second `continues` the first) |
 * | `quoted-as-saying` | `X quoted S as saying "Q"` |
 * | `according-to` | `according to S, … "Q"` |
 * | `possessive-speech-noun` | `S's recent comment likening … to "Q"` |
 * | `colon-intro` | `S's response was: "Q"`, or a paragraph ending `S declared:` |
 * | `dash-signature` | `"Q"` then `— S` |
 * | `previous-sentence-subject` | `S disagreed. "Q."`: a quote-only sentence after one whose subject is S |
 * | `follow-on` | a quote-only sentence after S spoke |
 * | `sentence-subject` | no cue at all: the subject of the sentence the quote sits in |
 *
 * and how the subject became a name: `name`, `surname-expanded` (inside the book),
 * `pronoun-nearest-subject`, `role-noun-anaphora`, `relative-antecedent`, `apposition`.
 *
 * The steps, one module each, share one `AttributionState` (`attribution-state.ts`), passed
 * as an argument:
 *
 * | module | step |
 * |---|---|
 * | `attribution-cues.ts` | the cue after or before the quote in its sentence, with the rule |
 * | `attribution-subjects.ts` | the cue's subject: left of it, right of it, or the clause's |
 * | `attribution-coreference.ts` | what the subject's words name: a name, a pronoun, a role noun |
 * | `attribution-roles.ts` | appositions and titles beside a name, as its role |
 * | `attribution-history.ts` | who was a subject, and who spoke without a quote, for later sentences |
 * | `attribution-fallback.ts` | a quote without a cue in its sentence |
 * | `attribution-tokens.ts` | token tests they share (`isCue`, `isDenied`, …) |
 *
 * This module reads the sentences in order and assembles each quote's `QuoteAttribution`.
 */
import type { QuoteKind } from '../model/article.js'
import { findAfter, findBefore } from './attribution-cues.js'
import { findFallback } from './attribution-fallback.js'
import { noteIndirectSpeech, noteSubjects } from './attribution-history.js'
import { createAttributionState, makeFound, type AttributionContext, type AttributionState, type Found, type QuoteAttribution } from './attribution-state.js'
import { hasKind } from './attribution-tokens.js'
import type { MarkedSpan } from './quote-marks.js'
import type { Sentence, Token } from './quote-tokens.js'

export type { AttributionContext, QuoteAttribution } from './attribution-state.js'

/** Who said each span: one pass over the sentences, in reading order. */
export function attributeQuotes(context: AttributionContext): QuoteAttribution[] {
  const state = createAttributionState(context)
  const { tokens, sentences, results, history } = state
  for (const sentence of sentences) {
    state.sentenceIndex++
    noteSubjects(state, sentence)
    let sawQuote = false
    for (let q = sentence.start; q < sentence.end; q++) {
      const token = tokens[q]
      if (token === undefined || token.kind !== 'quote') continue
      sawQuote = true
      const result = attributeOne(state, sentence, q)
      results[token.quoteIndex] = result
      if (result.speaker !== undefined) {
        state.lastSpeaker = { entry: result.speaker, paragraph: token.paragraphIndex, printed: result.printed ?? state.lastSpeaker?.printed }
        history.push({ position: token.start, paragraph: token.paragraphIndex, entry: result.speaker })
      }
    }
    if (!sawQuote) noteIndirectSpeech(state, sentence)
  }

  return results.map(
    (r): QuoteAttribution => r ?? { speaker: undefined, cue: undefined, printed: undefined, rule: undefined, continues: undefined, kind: 'direct', hasCue: false },
  )
}

/**
 * Attribute the quote token at `q`.
 *
 * The cue is looked for after the quote first when nothing but the quote opens the
 * sentence, before it otherwise:
 *
 * ```
 * “We will win,” said the mayor.
 *                ^
 * ```
 *
 * Here the words after the closing mark start with an invertible verb, so the subject
 * is read to its right (`said-speaker`); `“…,” the mayor said.` reads it to the left.
 */
function attributeOne(state: AttributionState, sentence: Sentence, q: number): QuoteAttribution {
  const { tokens } = state
  let previousQuote = -1
  for (let i = q - 1; i >= sentence.start; i--) if (tokens[i]?.kind === 'quote') {
    previousQuote = i
    break
  }
  let nextQuote = sentence.end
  for (let i = q + 1; i < sentence.end; i++) if (tokens[i]?.kind === 'quote') {
    nextQuote = i
    break
  }
  const beforeFrom = previousQuote >= 0 ? previousQuote + 1 : sentence.start
  const hasWordsBefore = previousQuote < 0 && hasKind(tokens, sentence.start, q, 'word')

  const after = findAfter(state, q, nextQuote)
  const before = findBefore(state, q, beforeFrom, sentence)

  let found: Found | undefined
  let continues: number | undefined
  if (!hasWordsBefore && after !== undefined && (before === undefined || previousQuote < 0)) found = after
  else if (before !== undefined) {
    continues = previousQuote >= 0 && before.cueIndex > previousQuote ? continuedQuote(state, q, previousQuote, before) : undefined
    found = continues === undefined ? before : makeFound(before.subject, before.cue, before.cueStart, before.cueEnd, 'split-quote', before.cueIndex)
  } else if (after !== undefined) found = after
  // `described her as "a funny lady" who sometimes "looks like …"`: same cue, same speaker.
  else if (previousQuote >= 0) found = sharedWithPreviousQuote(state, previousQuote)
  return assembleAttribution(state, sentence, q, found, continues, previousQuote)
}

/**
 * `"Q1," S said, "Q2."`: the span that the quote at `q` continues, when the cue before it
 * (after the previous quote, at `previousQuote`) is the one that quote had and only a comma
 * or a colon stands between them.
 */
function continuedQuote(state: AttributionState, q: number, previousQuote: number, before: Found): number | undefined {
  const { tokens, results } = state
  const previous = tokens[previousQuote]
  const previousResult = previous === undefined ? undefined : results[previous.quoteIndex]
  const separator = tokens[q - 1]
  if (previous !== undefined && previousResult !== undefined && previousResult.cue === before.cue && separator !== undefined && (separator.text === ',' || separator.text === ':')) {
    return previous.quoteIndex
  }
  return undefined
}

/** The cue and speaker of the quote at `previousQuote` in the same sentence, for a quote with no cue of its own. */
function sharedWithPreviousQuote(state: AttributionState, previousQuote: number): Found | undefined {
  const { tokens, results } = state
  const previous = tokens[previousQuote]
  const shared = previous === undefined ? undefined : results[previous.quoteIndex]
  if (shared === undefined || shared.cue === undefined || shared.printed === undefined) return undefined
  const cueIndex = tokens.findIndex((t) => t.start >= (shared.printed?.[0] ?? 0))
  return {
    subject: shared.speaker === undefined ? undefined : { entry: shared.speaker, start: shared.printed[0], end: shared.printed[1], how: 'same-sentence' },
    cue: shared.cue,
    cueStart: shared.printed[0],
    cueEnd: shared.printed[1],
    rule: 'shares-previous-quote',
    cueIndex,
  }
}

/** The quote's attribution from the cue `found` in its sentence, or from a fallback when there is none. */
function assembleAttribution(state: AttributionState, sentence: Sentence, q: number, found: Found | undefined, continues: number | undefined, previousQuote: number): QuoteAttribution {
  const span = state.spans[(state.tokens[q] as Token).quoteIndex] as MarkedSpan
  let speaker = found?.subject?.entry
  let rule = found === undefined ? undefined : found.subject === undefined ? found.rule : `${found.rule}/${found.subject.how}`
  let printed: readonly [number, number] | undefined
  if (found !== undefined) {
    const start = Math.min(found.cueStart, found.subject?.start ?? Infinity)
    const end = Math.max(found.cueEnd, found.subject?.end ?? -Infinity)
    printed = [start, end]
  }

  let fallbackCue: string | undefined
  if (found === undefined) {
    const fallback = findFallback(state, sentence, q, span)
    if (fallback !== undefined) {
      speaker = fallback.entry
      rule = fallback.rule
      printed = fallback.printed
      fallbackCue = fallback.cue
    }
  }

  return {
    speaker,
    cue: found?.cue ?? fallbackCue,
    printed,
    rule,
    continues,
    kind: kindOf(state, span, sentence, q, found, previousQuote),
    hasCue: found !== undefined,
  }
}

/** `direct` when the marks hold all the attributed words, `partial` when they sit inside a sentence of reported speech. */
function kindOf(state: AttributionState, span: MarkedSpan, sentence: Sentence, q: number, found: Found | undefined, previousQuote: number): QuoteKind {
  const { tokens } = state
  if (span.lastParagraphIndex !== span.paragraphIndex) return 'multi-paragraph'
  const before = tokens[q - 1]
  const opensClause = q === sentence.start || previousQuote === q - 2 || (before !== undefined && before.kind === 'punct' && (before.text === ',' || before.text === ':' || before.text === '—'))
  if (!opensClause) return 'partial'
  let i = q + 1
  while (i < sentence.end && tokens[i]?.kind === 'punct' && tokens[i]?.text !== '(') i++
  if (i >= sentence.end || tokens[i]?.kind === 'quote') return 'direct'
  if (found !== undefined && found.cueIndex > q) {
    // In `"Q," X quoted S as saying`, the quoter X opens the attribution itself.
    if (found.rule === 'quoted-as-saying') return 'direct'
    const attributionStart = found.subject === undefined ? found.cueStart : Math.min(found.subject.start, found.cueStart)
    return (tokens[i]?.start ?? 0) >= attributionStart ? 'direct' : 'partial'
  }
  return 'partial'
}
