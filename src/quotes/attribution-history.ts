/**
 * Bookkeeping for pronouns and follow-on quotes: as each sentence is read, the people (and
 * named organisations) in subject position go into `state.history`, for a later `he`, `she`
 * or `it`; a sentence of indirect speech without a quote (`Ash argued in his email`) makes its
 * speaker the last one, for the quote that follows.
 */
import { CLAUSE_PUNCT, subjectLeftOf } from './attribution-subjects.js'
import { noteAppositionRole, noteObjectApposition } from './attribution-roles.js'
import type { AttributionState } from './attribution-state.js'
import { isCue, isDenied, isIn, tokenIndexAt } from './attribution-tokens.js'
import { isParticiple } from './attribution-words.js'
import type { BookEntry } from './people-book.js'
import { chunkLeft, readMention } from './people.js'
import type { Sentence, Token } from './quote-tokens.js'
import { WordClass } from './word-classes.js'

/** Record the people in subject position in a sentence, for `he`/`she` later. */
export function noteSubjects(state: AttributionState, sentence: Sentence): void {
  const { text, tokens, book, history } = state
  for (let i = sentence.start; i < sentence.end; i++) {
    const t = tokens[i]
    const next = tokens[i + 1]
    if (t === undefined || t.kind !== 'word' || !t.isCapitalized) continue
    if (next !== undefined && ((next.kind === 'word' && next.isCapitalized) || next.kind === 'poss')) continue
    // A subject is followed by its verb (or an apposition), an object by a preposition or nothing.
    // `Mr. Trump and Mrs. Clinton debated`: a name joined by `and` to another shares its verb.
    const isJoinedToName = next?.lower === 'and' && tokens[i + 2]?.kind === 'word' && tokens[i + 2]?.isCapitalized === true
    const isFollowedByVerb = next !== undefined && ((next.kind === 'word' && !isIn(next, WordClass.preposition) && next.lower !== 'and' && next.lower !== 'or') || next.text === ',' || next.text === '—' || next.text === '(' || isJoinedToName)
    if (!isFollowedByVerb) continue
    const start = chunkLeft(tokens, i, sentence.start)
    const previous = tokens[start - 1]
    // The second of two names joined by `and` is a subject when the first opens the sentence.
    const isSecondOfPair = previous?.lower === 'and' && tokens[start - 2]?.isCapitalized === true
    const isSubjectPosition =
      start === sentence.start ||
      (isSecondOfPair && chunkLeft(tokens, start - 2, sentence.start) === sentence.start) ||
      (previous !== undefined && ((previous.kind === 'punct' && CLAUSE_PUNCT.has(previous.text)) || (previous.kind === 'word' && isIn(previous, WordClass.boundary) && !isSecondOfPair)))
    if (!isSubjectPosition) {
      // `Grant met Tom Ward, the fire chief, on Monday`: an apposition gives a role wherever the name stands.
      if (next?.text === ',') noteObjectApposition(state, start, i, sentence)
      continue
    }
    const reading = readMention(text, tokens, start, i + 1)
    if (reading === undefined) continue
    // `Acme Corp. reported a loss.`: a named organisation as subject, for a later `it`.
    if (reading.kind === 'organization' && reading.name !== reading.name.toLowerCase()) {
      const organization = book.resolve(reading, reading.start)
      if (organization !== undefined) history.push({ position: t.start, paragraph: t.paragraphIndex, entry: organization })
      continue
    }
    if (reading.kind !== 'person') continue
    const entry = book.resolve(reading, reading.start)
    // A one-word name counts with a role or a title that tells a person (`Mr. Trump`).
    if (entry === undefined || (entry.nameWords.length < 2 && entry.role === undefined && reading.role === undefined && reading.gender === undefined)) continue
    // `Carrow Point has seen its population grow`: a place is no one `he` or `she` can be.
    if (book.isPlace(entry)) continue
    history.push({ position: t.start, paragraph: t.paragraphIndex, entry })
    if (entry.gender === undefined) entry.gender = genderFromNextPronoun(tokens, i + 1, sentence.end)
    noteAppositionRole(state, entry, start, i, sentence)
  }
}

/** `Clinton … dropped her reluctance`: the first personal pronoun after a lone subject tells its gender. */
function genderFromNextPronoun(tokens: readonly Token[], from: number, to: number): BookEntry['gender'] {
  for (let i = from; i < to; i++) {
    const t = tokens[i]
    if (t === undefined || t.kind !== 'word') continue
    if (t.isCapitalized && t.lower !== 'he' && t.lower !== 'she' && t.lower !== 'his' && t.lower !== 'her') return undefined
    // After `said` or `that` the pronoun belongs to the reported clause, often someone else.
    if (t.lower === 'that' || isCue(tokens, i)) return undefined
    if (isIn(t, WordClass.malePronoun)) return 'male'
    if (isIn(t, WordClass.femalePronoun)) return 'female'
  }
  return undefined
}

/** `Ash argued in his email, …`: a speaker without a quote still speaks for the next quote. */
export function noteIndirectSpeech(state: AttributionState, sentence: Sentence): void {
  const { tokens } = state
  for (let i = sentence.start; i < sentence.end; i++) {
    const t = tokens[i]
    if (t === undefined || !isCue(tokens, i) || isParticiple(t.lower)) continue
    // `a sunset clause added by the council`: a passive participle, said by nobody to its left.
    if (tokens[i + 1]?.lower === 'by') continue
    const subject = subjectLeftOf(state, i, sentence.start)
    if (subject?.entry !== undefined && isDenied(tokens, i, tokenIndexAt(tokens, subject.start, sentence.start, i))) return
    if (subject?.entry !== undefined) {
      state.foundAtCue.set(i, { subject, cue: t.text, cueStart: t.start, cueEnd: t.end, rule: 'speaker-said-before', cueIndex: i })
      state.lastSpeaker = { entry: subject.entry, paragraph: t.paragraphIndex, printed: [Math.min(subject.start, t.start), Math.max(subject.end, t.end)] }
      state.history.push({ position: t.start, paragraph: t.paragraphIndex, entry: subject.entry })
      return
    }
  }
}
