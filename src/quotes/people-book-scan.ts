/**
 * Filling the people book from the body tokens, in one pass before attribution: every
 * capitalised name chunk outside quotes that reads as a person is found, the full names
 * among them go in first (the longest first, so shorter forms can join them), then every
 * name found is noted on the entry it resolves to.
 */
import { addFullName } from './people-book-names.js'
import { resolvePerson } from './people-book-lookup.js'
import { noteReading, type BookState } from './people-book-state.js'
import { chunkLeft, isNameWord, readMention, type MentionReading } from './people.js'
import type { Token } from './quote-tokens.js'

/** A person's name read outside quotes, where it was read. */
export interface FoundName {
  readonly reading: MentionReading
  readonly position: number
  /** Right after `in`, `near`… (`in Carrow Point`), and not a possessive (`in Smith's view`). */
  readonly afterLocative: boolean
}

/** Prepositions a place is named after (`in Carrow Point`); people follow them rarely, and then go on to be named by surname. */
const LOCATIVES: ReadonlySet<string> = new Set(['in', 'near', 'outside', 'across', 'throughout'])

/** Pass 1: every capitalised name chunk outside quotes that reads as a person. */
export function namesOutsideQuotes(text: string, tokens: readonly Token[]): FoundName[] {
  const found: FoundName[] = []
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]
    const next = tokens[i + 1]
    if (!isNameWord(token) || token === undefined || (next !== undefined && next.kind === 'word' && next.isCapitalized)) continue
    const start = chunkLeft(tokens, i, 0)
    const reading = readMention(text, tokens, start, i + 1)
    if (reading === undefined || reading.kind !== 'person') continue
    const before = tokens[start - 1]
    const afterLocative = before !== undefined && LOCATIVES.has(before.lower) && reading.role === undefined && next?.kind !== 'poss'
    found.push({ reading, position: reading.start, afterLocative })
  }
  return found
}

/** Full names first, the longest first, so shorter forms can join them. */
export function addFullNames(state: BookState, names: readonly FoundName[]): void {
  const full = names.filter((f) => f.reading.nameWords.length >= 2)
  full.sort((a, b) => b.reading.nameWords.length - a.reading.nameWords.length)
  for (const { reading } of full) addFullName(state, reading)
}

/** Pass 2: note every name found on its entry, and whether it reads as a place or a shorter form. */
export function noteAll(state: BookState, names: readonly FoundName[]): void {
  for (const f of names) {
    const entry = resolvePerson(state, f.reading, f.position)
    if (entry === undefined) continue
    noteReading(entry, f.reading, f.position)
    if (f.afterLocative) entry.seenAsPlace = true
    if (f.reading.nameWords.length < entry.nameWords.length) entry.isShortened = true
  }
}
