/**
 * Which word lists a token's lower-cased word is in, found once per word by the tokenizer.
 *
 * Reading names and subjects asks the same few lists about the same tokens over and over
 * (`isNameWord`, `chunkLeft`, `readMention`, the subject rules). After an article's Markdown
 * parse has evicted the caches, every `Set` probe cost several cache misses; one packed
 * look-up per word (word-list.ts) and bit tests on the token cost next to nothing.
 */
import {
  BETWEEN_SUBJECT_AND_VERB,
  BOUNDARY_WORDS,
  CHUNK_STOPS_SUBJECT,
  COORDINATORS,
  CUE_VERBS,
  DETERMINERS_OPENING,
  FEMALE_PRONOUNS,
  MALE_PRONOUNS,
  PREPOSITIONS,
} from './attribution-words.js'
import {
  CHUNK_STOP,
  DETERMINERS,
  HONORIFICS,
  NAME_PARTICLES,
  NAME_SUFFIXES,
  NOT_NAME_WORDS,
  ORG_HEAD_NOUNS,
  ORG_WORDS,
  ROLE_MODIFIERS,
  SUBJECT_PRONOUNS,
  TITLE_WORDS,
} from './people-words.js'
import { packWordClasses, wordBits, type PackedWords } from './word-list.js'

/** One bit per list (named after it); a token's `wordClass` is the sum of its lists' bits. */
export const WordClass = {
  /** `CUE_VERBS` */
  cueVerb: 1 << 0,
  /** `HONORIFICS` */
  honorific: 1 << 1,
  /** `TITLE_WORDS` */
  title: 1 << 2,
  /** `ORG_WORDS` */
  organization: 1 << 3,
  /** `ORG_HEAD_NOUNS` */
  organizationHead: 1 << 4,
  /** `NAME_PARTICLES` */
  nameParticle: 1 << 5,
  /** `NAME_SUFFIXES` */
  nameSuffix: 1 << 6,
  /** `NOT_NAME_WORDS` */
  notName: 1 << 7,
  /** `SUBJECT_PRONOUNS` */
  subjectPronoun: 1 << 8,
  /** `ROLE_MODIFIERS` */
  roleModifier: 1 << 9,
  /** `CHUNK_STOP` */
  chunkStop: 1 << 10,
  /** `DETERMINERS` */
  determiner: 1 << 11,
  /** `PREPOSITIONS` */
  preposition: 1 << 12,
  /** `BOUNDARY_WORDS` */
  boundary: 1 << 13,
  /** `BETWEEN_SUBJECT_AND_VERB` */
  betweenSubjectAndVerb: 1 << 14,
  /** `CHUNK_STOPS_SUBJECT` */
  subjectStop: 1 << 15,
  /** `COORDINATORS` */
  coordinator: 1 << 16,
  /** `DETERMINERS_OPENING` */
  subjectDeterminer: 1 << 17,
  /** `MALE_PRONOUNS` */
  malePronoun: 1 << 18,
  /** `FEMALE_PRONOUNS` */
  femalePronoun: 1 << 19,
} as const

const LEXICON: PackedWords = packWordClasses([
  [CUE_VERBS, WordClass.cueVerb],
  [HONORIFICS.keys(), WordClass.honorific],
  [TITLE_WORDS, WordClass.title],
  [ORG_WORDS, WordClass.organization],
  [ORG_HEAD_NOUNS, WordClass.organizationHead],
  [NAME_PARTICLES, WordClass.nameParticle],
  [NAME_SUFFIXES, WordClass.nameSuffix],
  [NOT_NAME_WORDS, WordClass.notName],
  [SUBJECT_PRONOUNS.keys(), WordClass.subjectPronoun],
  [ROLE_MODIFIERS, WordClass.roleModifier],
  [CHUNK_STOP, WordClass.chunkStop],
  [DETERMINERS, WordClass.determiner],
  [PREPOSITIONS, WordClass.preposition],
  [BOUNDARY_WORDS, WordClass.boundary],
  [BETWEEN_SUBJECT_AND_VERB, WordClass.betweenSubjectAndVerb],
  [CHUNK_STOPS_SUBJECT, WordClass.subjectStop],
  [COORDINATORS, WordClass.coordinator],
  [DETERMINERS_OPENING, WordClass.subjectDeterminer],
  [MALE_PRONOUNS, WordClass.malePronoun],
  [FEMALE_PRONOUNS, WordClass.femalePronoun],
])

/**
 * `WordClass` bits of the lower-case word `text[from, to)`: 0 when it is in none of the
 * lists. Every listed word starts with a lower-case letter (`packWordClasses` checks), so
 * tokens that are not words (punctuation, `'s`, quotes) are in none of them either.
 */
export function wordClassAt(text: string, from: number, to: number): number {
  return wordBits(LEXICON, text, from, to)
}
