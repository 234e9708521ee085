/**
 * Looking people up in the book: a name of two words or more is its own entry (or the fuller
 * name it is a form of); a lone surname or first word goes to a full name that ends or starts
 * with it, the one of the right gender that the article names most, then the one named most
 * recently before; a role noun (`the ambassador`) to the person named most recently before
 * whose role or mentions contain it.
 */
import { fullNameEntry, readQuotedNames } from './people-book-names.js'
import { newEntry, noEntries, noteReading, type BookEntry, type BookState } from './people-book-state.js'
import type { Gender, MentionReading } from './people.js'

/** Resolve a name, organisation or description read at `position` to its entry, and note the mention. */
export function resolve(state: BookState, reading: MentionReading, position: number): BookEntry | undefined {
  if (reading.kind === 'pronoun') return undefined
  if (reading.kind === 'person') {
    const entry = resolvePerson(state, reading, position)
    if (entry !== undefined) noteReading(entry, reading, position)
    return entry
  }
  const key = `${reading.kind}:${reading.name.toLowerCase().replace(/^(the|a|an)\s+/, '')}`
  const entry = state.entries.get(key) ?? newEntry(state, key, reading.name, reading.kind, [])
  noteReading(entry, reading, position)
  return entry
}

/** The entry a person's name stands for, made when the book has none (the mention is not noted). */
export function resolvePerson(state: BookState, reading: MentionReading, position: number): BookEntry | undefined {
  const words = reading.nameWords
  if (words.length === 0) return undefined
  if (words.length >= 2) return fullNameEntry(state, words) ?? newEntry(state, words.join(' '), reading.name, 'person', words)
  const word = words[0] ?? ''
  const chosen = pickFull(state, word, reading.gender, position)
  if (chosen !== undefined) return chosen
  if (!state.hasReadQuotes) {
    readQuotedNames(state)
    const quoted = pickFull(state, word, reading.gender, position)
    if (quoted !== undefined) return quoted
  }
  return state.entries.get(word) ?? newEntry(state, word, reading.name, 'person', words)
}

/** The person already in the book that a name read at `position` stands for, as `resolve` finds them, without recording the mention or adding anyone. */
export function findPerson(state: BookState, reading: MentionReading, position: number): BookEntry | undefined {
  const words = reading.nameWords
  if (reading.kind !== 'person' || words.length === 0) return undefined
  if (words.length >= 2) return fullNameEntry(state, words)
  const word = words[0] ?? ''
  return pickFull(state, word, reading.gender, position) ?? state.entries.get(word)
}

/** The full name a lone surname (or, failing that, a lone first word such as a Korean family name) stands for. */
function pickFull(state: BookState, word: string, gender: Gender | undefined, position: number): BookEntry | undefined {
  return pick(state.fullNamesByLast.get(word) ?? noEntries, gender, position) ?? pick(state.fullNamesByFirst.get(word) ?? noEntries, gender, position)
}

function pick(candidates: readonly BookEntry[], gender: Gender | undefined, position: number): BookEntry | undefined {
  let pool = candidates
  if (gender !== undefined) {
    const agreeing = pool.filter((c) => c.gender === undefined || c.gender === gender)
    if (agreeing.length > 0) pool = agreeing
  }
  if (pool.length <= 1) return pool[0]
  // The name the article uses most; among equals, the one named most recently before.
  const most = Math.max(...pool.map((c) => c.positions.length))
  pool = pool.filter((c) => c.positions.length === most)
  if (pool.length === 1) return pool[0]
  let best: BookEntry | undefined
  let bestAt = -1
  for (const c of pool) {
    const at = lastBefore(c, position)
    if (at > bestAt) {
      best = c
      bestAt = at
    }
  }
  if (best !== undefined) return best
  // Nobody named before: the one named first after.
  return [...pool].sort((a, b) => (a.positions[0] ?? Infinity) - (b.positions[0] ?? Infinity))[0]
}

/** The most recent person before `position` whose role or mentions contain one of `nouns`. */
export function resolveRoleNoun(state: BookState, nouns: readonly string[], position: number): BookEntry | undefined {
  let best: BookEntry | undefined
  let bestAt = -1
  for (const entry of state.entries.values()) {
    if (entry.kind !== 'person') continue
    const haystack = [entry.role ?? '', ...entry.mentions].join(' ').toLowerCase()
    if (!nouns.some((noun) => haystack.includes(noun))) continue
    const at = lastBefore(entry, position)
    if (at > bestAt) {
      best = entry
      bestAt = at
    }
  }
  return best
}

function lastBefore(entry: BookEntry, position: number): number {
  let best = -1
  for (const p of entry.positions) if (p < position && p > best) best = p
  return best
}

/** Whether a name reads as a place, not a person (see `PeopleBook.isPlace`). */
export function isPlace(entry: BookEntry): boolean {
  return entry.seenAsPlace && !entry.isShortened && entry.role === undefined && entry.gender === undefined
}
