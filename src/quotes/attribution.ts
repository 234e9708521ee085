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
 */
import type { QuoteKind } from '../model/article.js'
import { resolveChunk } from './attribution-coreference.js'
import { noteAppositionRole, noteObjectApposition } from './attribution-roles.js'
import { createAttributionState, makeFound, type AttributionContext, type Found, type QuoteAttribution, type Subject } from './attribution-state.js'
import { CLAUSE_PUNCT, clauseSubject, subjectLeftOf, subjectRightOf } from './attribution-subjects.js'
import { hasKind, isCue, isDenied, isIn, tokenIndexAt } from './attribution-tokens.js'
import { INVERTIBLE_VERBS, isParticiple, SPEECH_NOUNS } from './attribution-words.js'
import type { BookEntry } from './people-book.js'
import { chunkLeft, readMention } from './people.js'
import type { MarkedSpan } from './quote-marks.js'
import { maxApposition, type Sentence, type Token } from './quote-tokens.js'
import { WordClass } from './word-classes.js'

export type { AttributionContext, QuoteAttribution } from './attribution-state.js'

/** Who said each span: one pass over the sentences, in reading order. */
export function attributeQuotes(context: AttributionContext): QuoteAttribution[] {
  const state = createAttributionState(context)
  const { text, spans, tokens, sentences, book, results, history, foundAtCue } = state

  for (const sentence of sentences) {
    state.sentenceIndex++
    noteSubjects(sentence)
    let sawQuote = false
    for (let q = sentence.start; q < sentence.end; q++) {
      const token = tokens[q]
      if (token === undefined || token.kind !== 'quote') continue
      sawQuote = true
      const result = attributeOne(sentence, q)
      results[token.quoteIndex] = result
      if (result.speaker !== undefined) {
        state.lastSpeaker = { entry: result.speaker, paragraph: token.paragraphIndex, printed: result.printed ?? state.lastSpeaker?.printed }
        history.push({ position: token.start, paragraph: token.paragraphIndex, entry: result.speaker })
      }
    }
    if (!sawQuote) noteIndirectSpeech(sentence)
  }

  return results.map(
    (r): QuoteAttribution => r ?? { speaker: undefined, cue: undefined, printed: undefined, rule: undefined, continues: undefined, kind: 'direct', hasCue: false },
  )

  // ─── one quote ──────────────────────────────────────────────────────────────

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
  function attributeOne(sentence: Sentence, q: number): QuoteAttribution {
    const quote = tokens[q] as Token
    const span = spans[quote.quoteIndex] as MarkedSpan
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

    const after = findAfter(q, nextQuote)
    const before = findBefore(q, beforeFrom, sentence)

    let found: Found | undefined
    let continues: number | undefined
    if (!hasWordsBefore && after !== undefined && (before === undefined || previousQuote < 0)) found = after
    else if (before !== undefined) {
      found = before
      if (previousQuote >= 0 && before.cueIndex > previousQuote) {
        const previous = tokens[previousQuote]
        const previousResult = previous === undefined ? undefined : results[previous.quoteIndex]
        const separator = tokens[q - 1]
        if (previous !== undefined && previousResult !== undefined && previousResult.cue === before.cue && separator !== undefined && (separator.text === ',' || separator.text === ':')) {
          continues = previous.quoteIndex
          found = makeFound(before.subject, before.cue, before.cueStart, before.cueEnd, 'split-quote', before.cueIndex)
        }
      }
    } else if (after !== undefined) found = after
    else if (previousQuote >= 0) {
      // `described her as "a funny lady" who sometimes "looks like …"`: same cue, same speaker.
      const previous = tokens[previousQuote]
      const shared = previous === undefined ? undefined : results[previous.quoteIndex]
      if (shared !== undefined && shared.cue !== undefined && shared.printed !== undefined) {
        const cueIndex = tokens.findIndex((t) => t.start >= (shared.printed?.[0] ?? 0))
        found = {
          subject: shared.speaker === undefined ? undefined : { entry: shared.speaker, start: shared.printed[0], end: shared.printed[1], how: 'same-sentence' },
          cue: shared.cue,
          cueStart: shared.printed[0],
          cueEnd: shared.printed[1],
          rule: 'shares-previous-quote',
          cueIndex,
        }
      }
    }

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
      const fallback = findFallback(sentence, q, span)
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
      kind: kindOf(span, sentence, q, found, previousQuote),
      hasCue: found !== undefined,
    }
  }

  /** `"Q," S said` / `"Q," said S` / `"Q," according to S` / `"Q," X quoted S as saying`. */
  function findAfter(q: number, limit: number): Found | undefined {
    let i = q + 1
    while (i < limit && tokens[i]?.kind === 'punct' && tokens[i]?.text !== '(') i++
    const first = i
    for (let k = 0; i < limit && k < CUE_WINDOW_AFTER; i++, k++) {
      const t = tokens[i]
      if (t === undefined) break
      if (t.kind === 'punct' && (t.text === '.' || t.text === ';' || t.text === '?' || t.text === '!')) break
      if (t.kind !== 'word') continue
      if (t.lower === 'according' && tokens[i + 1]?.lower === 'to') return according(i, limit)
      // `"Q," Smith was quoted as saying.`: `quoted` after `was` is no cue of its own.
      const quotedAt = quotedBefore(i, first)
      if (quotedAt !== -1) return quotedAsSaying(quotedAt, limit, first)
      if (!(i === first ? t.isCueWord : isCue(tokens, i))) continue
      if (t.lower === 'quoted') return quotedAsSaying(i, limit, first) ?? undefined
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

  /** The nearest cue to the left of the quote in its sentence. */
  function findBefore(q: number, from: number, sentence: Sentence): Found | undefined {
    for (let i = q - 1; i >= from; i--) {
      const t = tokens[i]
      if (t === undefined || t.kind !== 'word') continue
      if (t.lower === 'according' && tokens[i + 1]?.lower === 'to') return according(i, q)
      const quotedAt = quotedBefore(i, sentence.start)
      if (quotedAt !== -1) return quotedAsSaying(quotedAt, q, sentence.start)
      if (SPEECH_NOUNS.has(t.lower)) {
        // `Comey's conclusion that …` says something; `Trump's comments are "…"` is what is said about.
        if (AUXILIARIES.has(tokens[i + 1]?.lower ?? '') || i + 1 === q) continue
        const owner = possessiveOwner(i, sentence.start)
        if (owner !== undefined) return { subject: owner, cue: t.text, cueStart: t.start, cueEnd: t.end, rule: 'possessive-speech-noun', cueIndex: i }
        continue
      }
      if (!isCue(tokens, i)) continue
      // `Asked by reporters whether …, Smith shrugged: "Q"`: a passive participle speaks for nobody.
      if (tokens[i + 1]?.lower === 'by') continue
      if (isInvertedAfterQuote(i)) {
        // `"Q1," said Falk, "Q2."`: the subject follows the verb.
        const subject = subjectRightOf(state, i + 1, q)
        return { subject, cue: t.text, cueStart: t.start, cueEnd: t.end, rule: 'said-speaker', cueIndex: i }
      }
      if (isParticiple(t.lower) && tokens[i - 1]?.lower !== 'as') {
        // `S told a rally, saying …`, `S released a statement saying …`: the main clause's speaker.
        const main = mainClauseFound(i, sentence)
        if (main !== undefined) return makeFound(main.subject, t.text, t.start, t.end, 'participle-shares-subject', i)
      }
      const subject = subjectLeftOf(state, i, sentence.start)
      return { subject, cue: t.text, cueStart: t.start, cueEnd: t.end, rule: 'speaker-said-before', cueIndex: i }
    }
    return undefined
  }

  /** Whether the cue at `i` is an invertible verb right after a quote (and its comma): `"Q," said Falk`. */
  function isInvertedAfterQuote(i: number): boolean {
    const previous = tokens[i - 1]
    return INVERTIBLE_VERBS.has(tokens[i]?.lower ?? '') && (previous?.kind === 'quote' || (previous?.kind === 'punct' && tokens[i - 2]?.kind === 'quote'))
  }

  /** The attribution of the main clause a participle hangs on: the nearest cue to its left, or the clause subject. */
  function mainClauseFound(participle: number, sentence: Sentence): Found | undefined {
    for (let i = participle - 1; i >= sentence.start; i--) {
      const known = foundAtCue.get(i)
      if (known !== undefined) return known
    }
    for (let i = participle - 1; i >= sentence.start; i--) {
      const t = tokens[i]
      if (t !== undefined && isCue(tokens, i) && !isParticiple(t.lower)) {
        // `"Q1," said Smith, adding: "Q2."`: an inverted main verb has its subject to its right.
        const isInverted = isInvertedAfterQuote(i)
        const subject = isInverted ? subjectRightOf(state, i + 1, participle) : subjectLeftOf(state, i, sentence.start)
        if (subject !== undefined) return { subject, cue: t.text, cueStart: t.start, cueEnd: t.end, rule: isInverted ? 'said-speaker' : 'speaker-said-before', cueIndex: i }
      }
    }
    const subject = clauseSubject(state, sentence.start, participle)
    return subject === undefined ? undefined : { subject, cue: '', cueStart: subject.start, cueEnd: subject.end, rule: 'clause-subject', cueIndex: participle }
  }

  function according(i: number, limit: number): Found {
    const t = tokens[i] as Token
    const to = tokens[i + 1] as Token
    let end = i + 2
    while (end < limit && tokens[end]?.kind !== 'punct' && tokens[end]?.kind !== 'quote' && end - i < 12) end++
    const subject = resolveChunk(state, i + 2, end, i)
    return { subject, cue: text.slice(t.start, to.end), cueStart: t.start, cueEnd: to.end, rule: 'according-to', cueIndex: i }
  }

  /** For `saying` at `i` after `as`: the `quoted` of `quoted … as saying` within 13 words before it, never before `floor`; -1 when there is none. */
  function quotedBefore(i: number, floor: number): number {
    if (tokens[i]?.lower !== 'saying' || tokens[i - 1]?.lower !== 'as') return -1
    for (let j = i - 2; j >= floor && j > i - 14; j--) if (tokens[j]?.lower === 'quoted') return j
    return -1
  }

  function quotedAsSaying(i: number, limit: number, floor: number): Found | undefined {
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

  function possessiveOwner(noun: number, floor: number): Subject | undefined {
    let j = noun - 1
    while (j >= floor && tokens[j]?.kind === 'word' && !tokens[j]?.isCapitalized && j > noun - 3) j--
    if (tokens[j]?.kind !== 'poss') return undefined
    const start = chunkLeft(tokens, j - 1, floor)
    return resolveChunk(state, start, j, noun)
  }

  // ─── fallbacks: no cue in the sentence ──────────────────────────────────────

  function findFallback(sentence: Sentence, q: number, span: MarkedSpan): { entry: BookEntry | undefined; rule: string; printed: readonly [number, number] | undefined; cue?: string | undefined } | undefined {
    const quote = tokens[q] as Token
    // `Clinton's response was: "Q"` / `…, he declared:` ending the previous paragraph.
    const beforeQuote = tokens[q - 1]
    if (beforeQuote !== undefined && beforeQuote.text === ':' && q - 1 > sentence.start) {
      const subject = possessiveSubject(sentence.start, q - 1) ?? clauseSubject(state, sentence.start, q - 1)
      if (subject?.entry !== undefined) return { entry: subject.entry, rule: `colon-intro/${subject.how}`, printed: [subject.start, subject.end] }
    }
    if (q === sentence.start && beforeQuote !== undefined && beforeQuote.text === ':' && beforeQuote.paragraphIndex < quote.paragraphIndex) {
      // Sentences partition the tokens in order, so the one ending at `q` is the one before.
      const introSentence = sentenceBefore()
      if (introSentence !== undefined && introSentence.end === q) {
        const intro = findBefore(q - 1, introSentence.start, introSentence)
        const subject = intro?.subject ?? clauseSubject(state, introSentence.start, q - 1)
        // `In a statement, Doe said:` names the cue too.
        if (subject?.entry !== undefined) return { entry: subject.entry, rule: `colon-intro/${subject.how}`, printed: [subject.start, subject.end], cue: intro?.subject !== undefined ? intro.cue : undefined }
      }
    }
    // `"Q"` then a line `— Name`.
    const signature = signatureAfter(sentence, q, span)
    if (signature !== undefined) return signature
    const isQuoteOnly = !hasKind(tokens, sentence.start, sentence.end, 'word')
    // `Mary Jones disagreed. "No way."`: a person who is the subject of the sentence right
    // before (in this paragraph or the one before it), named after the last speaker, says it.
    const introduced = isQuoteOnly ? subjectOfSentenceBefore(quote.paragraphIndex) : undefined
    if (introduced !== undefined && introduced.entry !== state.lastSpeaker?.entry) return { entry: introduced.entry, rule: 'previous-sentence-subject', printed: introduced.printed }
    // A quote-only sentence after someone spoke keeps that speaker.
    if (isQuoteOnly && state.lastSpeaker !== undefined && quote.paragraphIndex - state.lastSpeaker.paragraph <= 2) {
      // The attribution as printed is the one that named the speaker.
      return { entry: state.lastSpeaker.entry, rule: 'follow-on', printed: state.lastSpeaker.printed }
    }
    // `Sanders … reduce a woman's experience to the act of "moaning."`: no cue, but the
    // sentence's subject is the only one the words can be attributed to.
    const subject = q > sentence.start ? clauseSubject(state, sentence.start, q) : undefined
    if (subject?.entry !== undefined) return { entry: subject.entry, rule: `sentence-subject/${subject.how}`, printed: [subject.start, subject.end] }
    return undefined
  }

  /** The sentence before the one being read: quotes are attributed as their sentence is read. */
  function sentenceBefore(): Sentence | undefined {
    return sentences[state.sentenceIndex - 1]
  }

  /**
   * The person noted as the subject of the sentence just before the one being read, if that
   * sentence is in `paragraph` or the one before it and came after the last attributed speaker.
   */
  function subjectOfSentenceBefore(paragraph: number): { entry: BookEntry; printed: readonly [number, number] } | undefined {
    const before = sentenceBefore()
    if (before === undefined) return undefined
    const first = tokens[before.start]
    const last = tokens[before.end - 1]
    if (first === undefined || last === undefined || paragraph - first.paragraphIndex > 1) return undefined
    if (state.lastSpeaker?.printed !== undefined && state.lastSpeaker.printed[1] > first.start) return undefined
    // History grows a sentence at a time, so the sentence before is at its end: read back to
    // it (never the whole list, which made a story of many short quotes quadratic).
    let found: { readonly position: number; readonly entry: BookEntry } | undefined
    for (let i = history.length - 1; i >= 0; i--) {
      const h = history[i]
      if (h === undefined || h.position < first.start) break
      if (h.position < last.end && h.entry.kind === 'person') found = h
    }
    if (found === undefined) return undefined
    const named = tokens[tokenIndexAt(tokens, found.position, before.start, before.end)]
    return { entry: found.entry, printed: [found.position, named?.end ?? found.position] }
  }

  function possessiveSubject(from: number, to: number): Subject | undefined {
    // `Clinton's response was:` — only an owner of a speech noun.
    for (let i = from; i < to; i++) {
      if (tokens[i]?.kind === 'poss' && tokens[i - 1]?.isCapitalized === true && (SPEECH_NOUNS.has(tokens[i + 1]?.lower ?? '') || SPEECH_NOUNS.has(tokens[i + 2]?.lower ?? ''))) {
        return resolveChunk(state, chunkLeft(tokens, i - 1, from), i, i)
      }
    }
    return undefined
  }

  function signatureAfter(sentence: Sentence, q: number, span: MarkedSpan): { entry: BookEntry | undefined; rule: string; printed: readonly [number, number] } | undefined {
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

  // ─── bookkeeping for pronouns and follow-on quotes ──────────────────────────

  /** Record the people in subject position in a sentence, for `he`/`she` later. */
  function noteSubjects(sentence: Sentence): void {
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
      if (entry.gender === undefined) entry.gender = genderFromNextPronoun(i + 1, sentence.end)
      noteAppositionRole(state, entry, start, i, sentence)
    }
  }

  /** `Clinton … dropped her reluctance`: the first personal pronoun after a lone subject tells its gender. */
  function genderFromNextPronoun(from: number, to: number): BookEntry['gender'] {
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
  function noteIndirectSpeech(sentence: Sentence): void {
    for (let i = sentence.start; i < sentence.end; i++) {
      const t = tokens[i]
      if (t === undefined || !isCue(tokens, i) || isParticiple(t.lower)) continue
      // `a sunset clause added by the council`: a passive participle, said by nobody to its left.
      if (tokens[i + 1]?.lower === 'by') continue
      const subject = subjectLeftOf(state, i, sentence.start)
      if (subject?.entry !== undefined && isDenied(tokens, i, tokenIndexAt(tokens, subject.start, sentence.start, i))) return
      if (subject?.entry !== undefined) {
        foundAtCue.set(i, { subject, cue: t.text, cueStart: t.start, cueEnd: t.end, rule: 'speaker-said-before', cueIndex: i })
        state.lastSpeaker = { entry: subject.entry, paragraph: t.paragraphIndex, printed: [Math.min(subject.start, t.start), Math.max(subject.end, t.end)] }
        history.push({ position: t.start, paragraph: t.paragraphIndex, entry: subject.entry })
        return
      }
    }
  }

  // ─── kind ───────────────────────────────────────────────────────────────────

  /** `direct` when the marks hold all the attributed words, `partial` when they sit inside a sentence of reported speech. */
  function kindOf(span: MarkedSpan, sentence: Sentence, q: number, found: Found | undefined, previousQuote: number): QuoteKind {
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
}

/** Auxiliaries: after a speech noun they make it the subject of the quoted words. */
const AUXILIARIES: ReadonlySet<string> = new Set(['is', 'are', 'was', 'were', 'have', 'has', 'had', 'will', 'would', 'could', 'should', 'may', 'might', 'can'])

/** Words that cannot start the subject between a quote and its cue. */
const CUE_STOP_WORDS: ReadonlySet<string> = new Set(['to', 'and', 'but', 'or', 'of', 'in', 'on', 'at', 'for', 'with', 'that', 'which', 'as'])

/**
 * How many tokens after a quote its cue may be: a name of up to four words and an apposition
 * of up to `maxApposition` words between commas before it (`"Q," Ximena Abernathy, the chief
 * executive of the Granite State Chamber of Commerce, told reporters`).
 */
const CUE_WINDOW_AFTER = 7 + maxApposition

/** Auxiliaries of a passive `quoted`: `was quoted as saying`. */
const PASSIVE_AUXILIARIES: ReadonlySet<string> = new Set(['was', 'were', 'is', 'are', 'been', 'being', 'be'])

