/**
 * Coreference for the attribution pass: a chunk of tokens becomes a person, an organisation
 * or a group of the article's people book, following a pronoun (`pronoun-nearest-subject`),
 * a role noun (`the ambassador`: `role-noun-anaphora`) or a possessive (`his campaign`) back
 * to the people the pass has noted so far (`state.history`).
 */
import type { AttributionState, Subject } from './attribution-state.js'
import type { BookEntry } from './people-book.js'
import { ORG_HEAD_NOUNS } from './people-words.js'
import { makeReading, readMention, roleNounOf, type MentionReading } from './people.js'

/** How many paragraphs back `he`/`she` may look for the person they stand for. */
const PRONOUN_WINDOW = 5

/** Group nouns named by their owner: `his lawyers` → `Cruz lawyers`. */
const OWNED_GROUPS: ReadonlySet<string> = new Set(['lawyers', 'aides', 'advisers', 'spokesman', 'spokeswoman', 'allies', 'supporters', 'staff'])

/** Resolve tokens `[from, to)` as a mention, following pronouns and role nouns back. */
export function resolveChunk(state: AttributionState, from: number, to: number, at: number): Subject | undefined {
  const { text, tokens, book } = state
  const reading = readMention(text, tokens, from, to)
  if (reading === undefined) return undefined
  const position = reading.start
  const paragraph = tokens[from]?.paragraphIndex ?? 0
  void at
  if (reading.kind === 'pronoun') {
    const entry = resolvePronoun(state, reading, position, paragraph)
    if (entry !== undefined) book.addMention(entry, reading.asPrinted, position)
    return { entry, start: reading.start, end: reading.end, how: 'pronoun-nearest-subject' }
  }
  const nouns = roleNounOf(reading)
  if (nouns !== undefined) {
    const entry = book.resolveRoleNoun(nouns, position) ?? latest(state, position, paragraph, (e) => e.kind === 'person')
    if (entry !== undefined) {
      book.addMention(entry, reading.asPrinted, position)
      return { entry, start: reading.start, end: reading.end, how: 'role-noun-anaphora' }
    }
  }
  const owned = possessivePronounOwner(state, reading, position, paragraph)
  if (owned !== undefined) return { entry: owned, start: reading.start, end: reading.end, how: 'possessive-pronoun' }
  const entry = book.resolve(reading, position)
  const how = reading.kind === 'person' && reading.nameWords.length === 1 && entry !== undefined && entry.nameWords.length > 1 ? 'surname-expanded' : 'name'
  return { entry, start: reading.start, end: reading.end, how }
}

/** `his campaign` → `Sanders campaign`: an organisation named by its owner. */
function possessivePronounOwner(state: AttributionState, reading: MentionReading, position: number, paragraph: number): BookEntry | undefined {
  // Only `his …` or `her …` can be one; `H` and `h` are the only characters that lower-case to `h`.
  const first = reading.asPrinted.charCodeAt(0)
  if (first !== 0x68 && first !== 0x48) return undefined
  const words = reading.asPrinted.split(/\s+/u)
  const pronoun = words[0]?.toLowerCase()
  const head = words[words.length - 1]?.toLowerCase() ?? ''
  if (words.length !== 2 || (pronoun !== 'his' && pronoun !== 'her') || !(ORG_HEAD_NOUNS.has(head) || OWNED_GROUPS.has(head))) return undefined
  const he = pronoun === 'his' ? 'he' : 'she'
  const owner = resolvePronoun(state, makeReading('pronoun', reading.asPrinted, reading.start, reading.end, he, [he]), position, paragraph)
  if (owner === undefined || owner.kind !== 'person') return undefined
  const surname = owner.name.split(/\s+/u).pop() ?? owner.name
  const kind = ORG_HEAD_NOUNS.has(head) ? 'organization' : 'group'
  return state.book.resolve(makeReading(kind, reading.asPrinted, reading.start, reading.end, `${surname} ${words[1] ?? ''}`, []), position)
}

/** The person (`he`, `she`) or organisation (`it`, `they`) noted last before `position`, within `PRONOUN_WINDOW` paragraphs. */
export function resolvePronoun(state: AttributionState, reading: MentionReading, position: number, paragraph: number): BookEntry | undefined {
  const { history } = state
  const pronoun = reading.name
  for (let i = history.length - 1; i >= 0; i--) {
    const h = history[i]
    if (h === undefined || h.position >= position) continue
    if (paragraph - h.paragraph > PRONOUN_WINDOW) continue
    const entry = h.entry
    if (pronoun === 'he' && entry.kind === 'person' && entry.gender !== 'female') return latest(state, position, paragraph, (e) => e.kind === 'person' && e.gender !== 'female')
    if (pronoun === 'she' && entry.kind === 'person' && entry.gender !== 'male') return latest(state, position, paragraph, (e) => e.kind === 'person' && e.gender !== 'male')
    if (pronoun === 'they' && entry.kind !== 'person') return latest(state, position, paragraph, (e) => e.kind !== 'person')
    if (pronoun === 'it' && entry.kind === 'organization') return latest(state, position, paragraph, (e) => e.kind === 'organization')
  }
  return undefined
}

/** The history entry nearest before `position` (history is not sorted) that passes `test`. */
function latest(state: AttributionState, position: number, paragraph: number, test: (entry: BookEntry) => boolean): BookEntry | undefined {
  let best: BookEntry | undefined
  let bestAt = -1
  for (const h of state.history) {
    if (h.position < position && h.position > bestAt && paragraph - h.paragraph <= PRONOUN_WINDOW && test(h.entry)) {
      best = h.entry
      bestAt = h.position
    }
  }
  return best
}
