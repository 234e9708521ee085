/**
 * Fallbacks, for a quote with no cue in its sentence: a colon that introduces it
 * (`colon-intro`), a signature line (`dash-signature`), the subject of the sentence before
 * (`previous-sentence-subject`), the last speaker (`follow-on`), or the subject of the
 * quote's own sentence (`sentence-subject`), in that order.
 */
import { resolveChunk } from './attribution-coreference.js'
import { findBefore } from './attribution-cues.js'
import type { AttributionState, Fallback, NotedMention, Subject } from './attribution-state.js'
import { clauseSubject } from './attribution-subjects.js'
import { hasKind, tokenIndexAt } from './attribution-tokens.js'
import { SPEECH_NOUNS } from './attribution-words.js'
import type { BookEntry } from './people-book.js'
import { chunkLeft } from './people.js'
import type { MarkedSpan } from './quote-marks.js'
import type { Sentence, Token } from './quote-tokens.js'

/** The speaker of the quote at `q` (of `span`) when no cue in its sentence names one. */
export function findFallback(state: AttributionState, sentence: Sentence, q: number, span: MarkedSpan): Fallback | undefined {
  const { tokens, lastSpeaker } = state
  const quote = tokens[q] as Token
  // `Clinton's response was: "Q"` / `…, he declared:` ending the previous paragraph.
  const beforeQuote = tokens[q - 1]
  if (beforeQuote !== undefined && beforeQuote.text === ':' && q - 1 > sentence.start) {
    const subject = possessiveSubject(state, sentence.start, q - 1) ?? clauseSubject(state, sentence.start, q - 1)
    if (subject?.entry !== undefined) return { entry: subject.entry, rule: `colon-intro/${subject.how}`, printed: [subject.start, subject.end] }
  }
  if (q === sentence.start && beforeQuote !== undefined && beforeQuote.text === ':' && beforeQuote.paragraphIndex < quote.paragraphIndex) {
    // Sentences partition the tokens in order, so the one ending at `q` is the one before.
    const introSentence = sentenceBefore(state)
    if (introSentence !== undefined && introSentence.end === q) {
      const intro = findBefore(state, q - 1, introSentence.start, introSentence)
      const subject = intro?.subject ?? clauseSubject(state, introSentence.start, q - 1)
      // `In a statement, Doe said:` names the cue too.
      if (subject?.entry !== undefined) return { entry: subject.entry, rule: `colon-intro/${subject.how}`, printed: [subject.start, subject.end], cue: intro?.subject !== undefined ? intro.cue : undefined }
    }
  }
  // `"Q"` then a line `— Name`.
  const signature = signatureAfter(state, sentence, q, span)
  if (signature !== undefined) return signature
  const isQuoteOnly = !hasKind(tokens, sentence.start, sentence.end, 'word')
  // `Mary Jones disagreed. "No way."`: a person who is the subject of the sentence right
  // before (in this paragraph or the one before it), named after the last speaker, says it.
  const introduced = isQuoteOnly ? subjectOfSentenceBefore(state, quote.paragraphIndex) : undefined
  if (introduced !== undefined && introduced.entry !== lastSpeaker?.entry) return { entry: introduced.entry, rule: 'previous-sentence-subject', printed: introduced.printed }
  // A quote-only sentence after someone spoke keeps that speaker.
  if (isQuoteOnly && lastSpeaker !== undefined && quote.paragraphIndex - lastSpeaker.paragraph <= 2) {
    // The attribution as printed is the one that named the speaker.
    return { entry: lastSpeaker.entry, rule: 'follow-on', printed: lastSpeaker.printed }
  }
  // `Sanders … reduce a woman's experience to the act of "moaning."`: no cue, but the
  // sentence's subject is the only one the words can be attributed to.
  const subject = q > sentence.start ? clauseSubject(state, sentence.start, q) : undefined
  if (subject?.entry !== undefined) return { entry: subject.entry, rule: `sentence-subject/${subject.how}`, printed: [subject.start, subject.end] }
  return undefined
}

/** The sentence before the one being read: quotes are attributed as their sentence is read. */
function sentenceBefore(state: AttributionState): Sentence | undefined {
  return state.sentences[state.sentenceIndex - 1]
}

/**
 * The person noted as the subject of the sentence just before the one being read, if that
 * sentence is in `paragraph` or the one before it and came after the last attributed speaker.
 */
function subjectOfSentenceBefore(state: AttributionState, paragraph: number): { entry: BookEntry; printed: readonly [number, number] } | undefined {
  const { tokens, history, lastSpeaker } = state
  const before = sentenceBefore(state)
  if (before === undefined) return undefined
  const first = tokens[before.start]
  const last = tokens[before.end - 1]
  if (first === undefined || last === undefined || paragraph - first.paragraphIndex > 1) return undefined
  if (lastSpeaker?.printed !== undefined && lastSpeaker.printed[1] > first.start) return undefined
  // History grows a sentence at a time, so the sentence before is at its end: read back to
  // it (never the whole list, which made a story of many short quotes quadratic).
  let found: NotedMention | undefined
  for (let i = history.length - 1; i >= 0; i--) {
    const h = history[i]
    if (h === undefined || h.position < first.start) break
    if (h.position < last.end && h.entry.kind === 'person') found = h
  }
  if (found === undefined) return undefined
  const named = tokens[tokenIndexAt(tokens, found.position, before.start, before.end)]
  return { entry: found.entry, printed: [found.position, named?.end ?? found.position] }
}

/** `Clinton's response was:`: the owner of a speech noun in `[from, to)`. */
function possessiveSubject(state: AttributionState, from: number, to: number): Subject | undefined {
  const { tokens } = state
  // `Clinton's response was:` — only an owner of a speech noun.
  for (let i = from; i < to; i++) {
    if (tokens[i]?.kind === 'poss' && tokens[i - 1]?.isCapitalized === true && (SPEECH_NOUNS.has(tokens[i + 1]?.lower ?? '') || SPEECH_NOUNS.has(tokens[i + 2]?.lower ?? ''))) {
      return resolveChunk(state, chunkLeft(tokens, i - 1, from), i, i)
    }
  }
  return undefined
}

/** `"Q"` then `— Name`, on the next line or right after the quote: a person who signs it. */
function signatureAfter(state: AttributionState, sentence: Sentence, q: number, span: MarkedSpan): Fallback | undefined {
  const { tokens } = state
  let i = sentence.end
  const dash = tokens[i]
  if (dash === undefined || dash.kind !== 'punct' || (dash.text !== '—' && dash.text !== '-') || dash.paragraphIndex !== span.lastParagraphIndex + 1) {
    const inline = tokens[q + 1]
    if (inline === undefined || inline.kind !== 'punct' || inline.text !== '—' || q + 2 >= sentence.end) return undefined
    i = q + 1
  }
  const from = i + 1
  let end = from
  while (end < tokens.length && tokens[end]?.kind === 'word' && tokens[end]?.paragraphIndex === tokens[from]?.paragraphIndex) end++
  const subject = resolveChunk(state, from, end, from)
  if (subject?.entry === undefined || subject.entry.kind !== 'person') return undefined
  return { entry: subject.entry, rule: `dash-signature/${subject.how}`, printed: [subject.start, subject.end] }
}
