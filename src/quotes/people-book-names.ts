/**
 * Full names in the people book: a name of two words or more becomes an entry, unless its
 * words occur in order in exactly one longer name with the same last word (`Hillary
 * Clinton` in `Hillary Rodham Clinton`), whose alias it then is. Names said only inside
 * quotes are read on demand (`readQuotedNames`).
 */
import { newEntry, noEntries, type BookEntry, type BookState } from './people-book-state.js'
import { chunkLeft, isNameWord, readMention, type MentionReading } from './people.js'

/** Add a full name: as an alias of the one longer name that contains it, else as a new entry. */
export function addFullName(state: BookState, reading: MentionReading): void {
  const key = reading.nameWords.join(' ')
  if (state.entries.has(key) || state.aliases.has(key)) return
  // A name that contains this one in order has each of its words before its last, and the
  // same last word: the shortest of those lists holds every such name.
  const words = reading.nameWords
  const last = words[words.length - 1] ?? ''
  let candidates: readonly BookEntry[] | undefined
  for (let i = 0; i < words.length - 1 && candidates?.length !== 0; i++) {
    const named = state.fullNamesByWordAndLast.get(`${words[i] ?? ''}\0${last}`) ?? noEntries
    if (candidates === undefined || named.length < candidates.length) candidates = named
  }
  const container = (candidates ?? noEntries).filter((e) => containsInOrder(words, e.nameWords))
  const only = container.length === 1 ? container[0] : undefined
  if (only !== undefined) state.aliases.set(key, only.key)
  else newEntry(state, key, reading.name, 'person', reading.nameWords)
}

function containsInOrder(short: readonly string[], long: readonly string[]): boolean {
  if (short.length >= long.length || short[short.length - 1] !== long[long.length - 1]) return false
  let i = 0
  for (const word of long) if (word === short[i]) i++
  return i === short.length
}

/** The entry of a name of two words or more, or of the fuller name it is a form of. */
export function fullNameEntry(state: BookState, words: readonly string[]): BookEntry | undefined {
  const key = words.join(' ')
  return state.entries.get(state.aliases.get(key) ?? key)
}

/**
 * Full names said only inside quotes (`"… Donald Trump or Ted Cruz."`), read the first
 * time a surname has no full name outside them: most articles never need it.
 */
export function readQuotedNames(state: BookState): void {
  state.hasReadQuotes = true
  const { text } = state
  const quoted = state.tokenizeQuotes()
  for (let i = 0; i < quoted.length; i++) {
    const token = quoted[i]
    const next = quoted[i + 1]
    if (!isNameWord(token) || token === undefined || (next !== undefined && next.kind === 'word' && next.isCapitalized)) continue
    const reading = readMention(text, quoted, chunkLeft(quoted, i, 0), i + 1)
    if (reading === undefined || reading.kind !== 'person' || reading.nameWords.length < 2) continue
    addFullName(state, reading)
    const entry = state.entries.get(state.aliases.get(reading.nameWords.join(' ')) ?? reading.nameWords.join(' '))
    if (entry !== undefined && entry.positions.length === 0) entry.positions.push(reading.start)
  }
}
