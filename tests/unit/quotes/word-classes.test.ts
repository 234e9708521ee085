import { describe, expect, it } from 'vitest'
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
} from '../../../src/quotes/attribution-words.js'
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
} from '../../../src/quotes/people-words.js'
import { WordClass, wordClassAt } from '../../../src/quotes/word-classes.js'

const lists: readonly (readonly [ReadonlySet<string> | ReadonlyMap<string, unknown>, number])[] = [
  [CUE_VERBS, WordClass.cueVerb],
  [HONORIFICS, WordClass.honorific],
  [TITLE_WORDS, WordClass.title],
  [ORG_WORDS, WordClass.organization],
  [ORG_HEAD_NOUNS, WordClass.organizationHead],
  [NAME_PARTICLES, WordClass.nameParticle],
  [NAME_SUFFIXES, WordClass.nameSuffix],
  [NOT_NAME_WORDS, WordClass.notName],
  [SUBJECT_PRONOUNS, WordClass.subjectPronoun],
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
]

function expectedClass(word: string): number {
  let bits = 0
  for (const [list, bit] of lists) if (list.has(word)) bits |= bit
  return bits
}

describe('wordClassAt', () => {
  it('should give every listed word exactly the bits of the lists it is in', () => {
    for (const [list] of lists) for (const word of list.keys()) expect(wordClassAt(word, 0, word.length)).toBe(expectedClass(word))
  })

  it('should give 0 to words in no list, capitalised words and tokens that are not words', () => {
    for (const other of ['mayor.', 'saidx', 'The', 'Said', ',', '—', "'s", '’s', '"We will win,"', '“No”', 'naïve', '2024']) {
      expect(wordClassAt(other, 0, other.length)).toBe(expectedClass(other))
    }
  })

  it('should look a word up where it sits in a longer text', () => {
    expect(wordClassAt('“We will,” said Falk.', 11, 15)).toBe(expectedClass('said'))
  })
})
