/**
 * The data the attribution steps share (`attribution.ts` drives them): what the caller
 * prepared, what each step found, and what the pass has read so far.
 *
 * One `AttributionState` is made per article and handed to every step as an argument. The
 * pass reads the sentences in order, so the state only grows: each span's attribution once
 * its sentence has been read, the people noted as subjects or speakers (for `he`/`she` and
 * follow-on quotes), the cues of indirect speech, the last speaker.
 */
import type { QuoteKind } from '../model/article.js'
import type { BookEntry, PeopleBook } from './people-book.js'
import type { MarkedSpan } from './quote-marks.js'
import type { Sentence, Token } from './quote-tokens.js'

/** What the attribution pass decided for one quoted span. */
export interface QuoteAttribution {
  readonly speaker: BookEntry | undefined
  readonly cue: string | undefined
  /** `[start, end)` of the attributing words as printed, when there are any. */
  readonly printed: readonly [number, number] | undefined
  readonly rule: string | undefined
  /** Index of the span this one continues (split quote). */
  readonly continues: number | undefined
  readonly kind: QuoteKind
  /** Whether a cue verb or noun of any kind governs the span. */
  readonly hasCue: boolean
}

/** Everything the pass needs, prepared by the caller. */
export interface AttributionContext {
  readonly text: string
  readonly spans: readonly MarkedSpan[]
  readonly tokens: readonly Token[]
  readonly sentences: readonly Sentence[]
  readonly book: PeopleBook
}

/** A found subject: the chunk, what it resolved to, and how. */
export interface Subject {
  readonly entry: BookEntry | undefined
  readonly start: number
  readonly end: number
  readonly how: string
}

/** A found cue with its subject. */
export interface Found {
  readonly subject: Subject | undefined
  readonly cue: string
  readonly cueStart: number
  readonly cueEnd: number
  readonly rule: string
  /** Token index of the cue (for `split-quote` and participles). */
  readonly cueIndex: number
}

/** Someone (or an organisation) noted in subject position or as a speaker, at `position` in the text. */
export interface NotedMention {
  readonly position: number
  readonly paragraph: number
  readonly entry: BookEntry
}

/** The last speaker found, with the attributing words that named them. */
export interface LastSpeaker {
  readonly entry: BookEntry
  readonly paragraph: number
  readonly printed: readonly [number, number] | undefined
}

/** A speaker found without a cue in the quote's sentence (`follow-on`, `colon-intro`, …). */
export interface Fallback {
  readonly entry: BookEntry | undefined
  readonly rule: string
  readonly printed: readonly [number, number] | undefined
  readonly cue?: string | undefined
}

/** The context and what the pass has read so far, handed to every step. */
export interface AttributionState extends AttributionContext {
  /** Each span's attribution, set once its sentence has been read (indexed by span). */
  readonly results: (QuoteAttribution | undefined)[]
  /** Mentions in the order they were noted: not sorted by position. */
  readonly history: NotedMention[]
  /** Indirect speech (`Ash argued in his email`), by the token index of its cue. */
  readonly foundAtCue: Map<number, Found>
  lastSpeaker: LastSpeaker | undefined
  /** The index of the sentence being read, for rules that look at the one before it. */
  sentenceIndex: number
}

/** A fresh state for one article: nothing read yet. */
export function createAttributionState(context: AttributionContext): AttributionState {
  // Made with push, not `spans.map`: every list then has the same elements kind, and V8
  // keeps the code it compiled for the store into it instead of throwing it away once.
  const results: (QuoteAttribution | undefined)[] = []
  for (let i = 0; i < context.spans.length; i++) results.push(undefined)
  return {
    text: context.text,
    spans: context.spans,
    tokens: context.tokens,
    sentences: context.sentences,
    book: context.book,
    results,
    history: [],
    foundAtCue: new Map(),
    lastSpeaker: undefined,
    sentenceIndex: -1,
  }
}

/** A subject with another explanation of how it was found (no object spread: it is slow on Node 20). */
export function withHow(subject: Subject, how: string): Subject {
  return { entry: subject.entry, start: subject.start, end: subject.end, how }
}

export function makeFound(subject: Subject | undefined, cue: string, cueStart: number, cueEnd: number, rule: string, cueIndex: number): Found {
  return { subject, cue, cueStart, cueEnd, rule, cueIndex }
}
