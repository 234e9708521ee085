/**
 * The people book: everyone named in one article, so a later `Falk`, `Mr. Sin` or `the
 * ambassador` resolves to the fullest name the article gives (DESIGN.md §4.8).
 *
 * Built in one pass over the tokens before attribution: every capitalised name chunk is
 * read with `readMention`; full names (two words or more) become entries; a shorter full
 * name whose words occur in order in a longer one with the same last word (`Hillary
 * Clinton` in `Hillary Rodham Clinton`) joins it. Two people who only share a surname
 * (`Bill Clinton`, `Hillary Clinton`) stay apart; a bare `Clinton` goes to the one named
 * most recently before it.
 *
 * The steps, one module each, share one `BookState` (`people-book-state.ts`), passed as an
 * argument:
 *
 * | module | step |
 * |---|---|
 * | `people-book-scan.ts` | the pass over the tokens: names outside quotes, full names first, then every mention |
 * | `people-book-names.ts` | full names and their shorter forms (aliases), and names said only inside quotes |
 * | `people-book-lookup.ts` | a name, surname, organisation or role noun → its entry |
 *
 * This module runs the pass and hands out the book; `list` makes the article's `people`.
 */
import type { Person } from '../model/article.js'
import { findPerson, isPlace, resolve, resolveRoleNoun } from './people-book-lookup.js'
import { addFullNames, namesOutsideQuotes, noteAll } from './people-book-scan.js'
import { addMention, createBookState, type BookEntry, type BookState } from './people-book-state.js'
import type { MentionReading } from './people.js'
import type { Token } from './quote-tokens.js'

export type { BookEntry } from './people-book-state.js'

/** The book and the ways to look people up in it. */
export interface PeopleBook {
  /** Resolve a name, organisation or description read at `position` to its entry. */
  readonly resolve: (reading: MentionReading, position: number) => BookEntry | undefined
  /** The person already in the book that a name read at `position` stands for, as `resolve` finds them, without recording the mention or adding anyone. */
  readonly findPerson: (reading: MentionReading, position: number) => BookEntry | undefined
  /** The most recent person before `position` whose role or mentions contain one of `nouns`. */
  readonly resolveRoleNoun: (nouns: readonly string[], position: number) => BookEntry | undefined
  /**
   * Whether a name reads as a place, not a person: named after `in`, `near`… and never
   * by a shorter form, a role or a gendered title (`Carrow Point has seen its population
   * grow`). Such a name is no antecedent for `he` or `she`.
   */
  readonly isPlace: (entry: BookEntry) => boolean
  /** Record that `entry` was referred to as `mention` (`he`, `the ambassador`). */
  readonly addMention: (entry: BookEntry, mention: string, position: number) => void
  /** Every entry in the book, in the order it was made (the speaker model's candidates come from here). */
  readonly entries: () => readonly BookEntry[]
  /** Everyone quoted or described, in order of first mention, with ids. */
  readonly list: () => { readonly people: readonly Person[]; readonly idOf: (entry: BookEntry) => string | undefined }
}

/**
 * Build the book from the body tokens.
 *
 * @param text the text the token offsets refer to
 */
export function createPeopleBook(text: string, tokens: readonly Token[], tokenizeQuotes: () => readonly Token[]): PeopleBook {
  const state = createBookState(text, tokenizeQuotes)
  const found = namesOutsideQuotes(text, tokens)
  addFullNames(state, found)
  noteAll(state, found)
  return {
    resolve: (reading, position) => resolve(state, reading, position),
    findPerson: (reading, position) => findPerson(state, reading, position),
    resolveRoleNoun: (nouns, position) => resolveRoleNoun(state, nouns, position),
    isPlace,
    addMention,
    entries: () => [...state.entries.values()],
    list: () => list(state),
  }
}

/** Everyone quoted or described, in order of first mention, with ids (see `PeopleBook.list`). */
function list(state: BookState): { readonly people: readonly Person[]; readonly idOf: (entry: BookEntry) => string | undefined } {
  const listed = [...state.entries.values()]
    .filter((e) => e.isListed || (e.kind === 'person' && e.role !== undefined && e.nameWords.length >= 2))
    .sort((a, b) => Math.min(...a.positions) - Math.min(...b.positions))
  const ids = new Map<BookEntry, string>()
  const people = listed.map((entry, index): Person => {
    const id = `person-${index + 1}`
    ids.set(entry, id)
    const mentions = entry.mentions.includes(entry.name) ? entry.mentions : [entry.name, ...entry.mentions]
    const person: { -readonly [K in keyof Person]: Person[K] } = { id, name: entry.name, kind: entry.kind, mentions }
    if (entry.role !== undefined) person.role = entry.role
    return person
  })
  return { people, idOf: (entry) => ids.get(entry) }
}
