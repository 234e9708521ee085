/**
 * The data the people book's steps share (`people-book.ts` drives them): the entries, the
 * aliases of shorter full names, and the indexes of full names by their words.
 *
 * One `BookState` is made per article and handed to every step as an argument. It only
 * grows: entries are added and noted, never removed.
 */
import type { PersonKind } from '../model/article.js'
import type { Gender, MentionReading } from './people.js'
import { isSpaceCode, type Token } from './quote-tokens.js'

/** One person, organisation or group in the book. */
export interface BookEntry {
  readonly key: string
  name: string
  readonly kind: PersonKind
  readonly nameWords: readonly string[]
  role: string | undefined
  gender: Gender | undefined
  readonly mentions: string[]
  /** Offsets where the entry is mentioned, ascending as they are found. */
  readonly positions: number[]
  /** Quoted or given a role: worth listing in `people`. */
  isListed: boolean
  /** Named right after `in`, `near`… (`in Carrow Point`), as places are. */
  seenAsPlace: boolean
  /** Also named by a shorter form (`Falk` for `Pamela Falk`), as people are and places are not. */
  isShortened: boolean
}

/** The book of one article, handed to every step. */
export interface BookState {
  /** The text the token offsets refer to. */
  readonly text: string
  /** The tokens of the quoted words alone, for names said only inside quotes. */
  readonly tokenizeQuotes: () => readonly Token[]
  /** Every entry by its key, in the order the entries were made. */
  readonly entries: Map<string, BookEntry>
  /** A shorter full name's key → the key of the one longer name it is part of. */
  readonly aliases: Map<string, string>
  /**
   * Full names (people named with two words or more) by their last and by their first word,
   * each list in the order the entries were made, as a scan of `entries` would find them.
   */
  readonly fullNamesByLast: Map<string, BookEntry[]>
  readonly fullNamesByFirst: Map<string, BookEntry[]>
  /**
   * Full names by each word before their last, paired with the last (`Hillary\0Clinton`):
   * every name that a shorter full name could be part of, in the order the entries were
   * made. A scan of every entry for each new name was quadratic: 1 MB naming 18,000
   * people took 22 s.
   */
  readonly fullNamesByWordAndLast: Map<string, BookEntry[]>
  /** Whether the names inside quotes have been read (`readQuotedNames`). */
  hasReadQuotes: boolean
}

/** An empty book for one article. */
export function createBookState(text: string, tokenizeQuotes: () => readonly Token[]): BookState {
  return {
    text,
    tokenizeQuotes,
    entries: new Map(),
    aliases: new Map(),
    fullNamesByLast: new Map(),
    fullNamesByFirst: new Map(),
    fullNamesByWordAndLast: new Map(),
    hasReadQuotes: false,
  }
}

export const noEntries: readonly BookEntry[] = []

/** Add an entry to the book and to the indexes of full names. */
export function newEntry(state: BookState, key: string, name: string, kind: PersonKind, nameWords: readonly string[]): BookEntry {
  const entry: BookEntry = { key, name, kind, nameWords, role: undefined, gender: undefined, mentions: [], positions: [], isListed: false, seenAsPlace: false, isShortened: false }
  state.entries.set(key, entry)
  if (kind === 'person' && nameWords.length >= 2) {
    addTo(state.fullNamesByLast, nameWords[nameWords.length - 1] as string, entry)
    addTo(state.fullNamesByFirst, nameWords[0] as string, entry)
  }
  if (nameWords.length >= 2) {
    const last = nameWords[nameWords.length - 1] as string
    for (const word of new Set(nameWords.slice(0, -1))) addTo(state.fullNamesByWordAndLast, `${word}\0${last}`, entry)
  }
  return entry
}

function addTo(index: Map<string, BookEntry[]>, word: string, entry: BookEntry): void {
  const list = index.get(word)
  if (list === undefined) index.set(word, [entry])
  else list.push(entry)
}

/** Record a name read at `position` for its entry: the mention as printed, and its role and gender when it gives them. */
export function noteReading(entry: BookEntry, reading: MentionReading, position: number): void {
  const mention = cleanMention(reading.asPrinted)
  if (!entry.mentions.includes(mention)) entry.mentions.push(mention)
  entry.positions.push(position)
  if (reading.role !== undefined && (entry.role === undefined || isBetterRole(reading.role, entry.role))) entry.role = reading.role
  if (reading.gender !== undefined && entry.gender === undefined) entry.gender = reading.gender
}

/** Record that `entry` was referred to as `mention` (`he`, `the ambassador`). */
export function addMention(entry: BookEntry, mention: string, position: number): void {
  const clean = cleanMention(mention)
  if (!entry.mentions.includes(clean)) entry.mentions.push(clean)
  entry.positions.push(position)
}

/** `mention` without trailing white space, `,`, `;` or `:` (a loop: this runs for every mention). */
function cleanMention(mention: string): string {
  let end = mention.length
  for (;;) {
    const code = mention.charCodeAt(end - 1)
    if (code !== 0x2c && code !== 0x3b && code !== 0x3a && !isSpaceCode(code)) break
    end--
  }
  return end === mention.length ? mention : mention.slice(0, end)
}

/** A role with more words says more (`North Korean ambassador to the United Nations` over `Ambassador`). */
function isBetterRole(candidate: string, current: string): boolean {
  return candidate.split(/\s+/).length > current.split(/\s+/).length
}
