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
 */
import type { Person, PersonKind } from '../model/article.js'
import { chunkLeft, isNameWord, readMention, type Gender, type MentionReading } from './people.js'
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

function containsInOrder(short: readonly string[], long: readonly string[]): boolean {
  if (short.length >= long.length || short[short.length - 1] !== long[long.length - 1]) return false
  let i = 0
  for (const word of long) if (word === short[i]) i++
  return i === short.length
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

/**
 * Build the book from the body tokens.
 *
 * @param text the text the token offsets refer to
 */
export function createPeopleBook(text: string, tokens: readonly Token[], tokenizeQuotes: () => readonly Token[]): PeopleBook {
  const entries = new Map<string, BookEntry>()
  const aliases = new Map<string, string>()
  // Full names (people named with two words or more) by their last and by their first word,
  // each list in the order the entries were made, as a scan of `entries` would find them.
  const fullNamesByLast = new Map<string, BookEntry[]>()
  const fullNamesByFirst = new Map<string, BookEntry[]>()
  // Full names by each word before their last, paired with the last (`Hillary\0Clinton`):
  // every name that a shorter full name could be part of, in the order the entries were
  // made. A scan of every entry for each new name was quadratic: 1 MB naming 18,000
  // people took 22 s.
  const fullNamesByWordAndLast = new Map<string, BookEntry[]>()

  function newEntry(key: string, name: string, kind: PersonKind, nameWords: readonly string[]): BookEntry {
    const entry: BookEntry = { key, name, kind, nameWords, role: undefined, gender: undefined, mentions: [], positions: [], isListed: false, seenAsPlace: false, isShortened: false }
    entries.set(key, entry)
    if (kind === 'person' && nameWords.length >= 2) {
      addTo(fullNamesByLast, nameWords[nameWords.length - 1] as string, entry)
      addTo(fullNamesByFirst, nameWords[0] as string, entry)
    }
    if (nameWords.length >= 2) {
      const last = nameWords[nameWords.length - 1] as string
      for (const word of new Set(nameWords.slice(0, -1))) addTo(fullNamesByWordAndLast, `${word}\0${last}`, entry)
    }
    return entry
  }

  function note(entry: BookEntry, reading: MentionReading, position: number): void {
    const mention = cleanMention(reading.asPrinted)
    if (!entry.mentions.includes(mention)) entry.mentions.push(mention)
    entry.positions.push(position)
    if (reading.role !== undefined && (entry.role === undefined || isBetterRole(reading.role, entry.role))) entry.role = reading.role
    if (reading.gender !== undefined && entry.gender === undefined) entry.gender = reading.gender
  }

  // Each loop is a function of its own, so this one, run once per article, stays small:
  // V8 compiled it whole (its loops and everything they call) in ~0.1 s per thread.
  const found = namesOutsideQuotes(text, tokens)
  addFullNames(found)

  /** Full names first, the longest first, so shorter forms can join them. */
  function addFullNames(names: readonly FoundName[]): void {
    const full = names.filter((f) => f.reading.nameWords.length >= 2)
    full.sort((a, b) => b.reading.nameWords.length - a.reading.nameWords.length)
    for (const { reading } of full) addFullName(reading)
  }

  function addFullName(reading: MentionReading): void {
    const key = reading.nameWords.join(' ')
    if (entries.has(key) || aliases.has(key)) return
    // A name that contains this one in order has each of its words before its last, and the
    // same last word: the shortest of those lists holds every such name.
    const words = reading.nameWords
    const last = words[words.length - 1] ?? ''
    let candidates: readonly BookEntry[] | undefined
    for (let i = 0; i < words.length - 1 && candidates?.length !== 0; i++) {
      const named = fullNamesByWordAndLast.get(`${words[i] ?? ''}\0${last}`) ?? noEntries
      if (candidates === undefined || named.length < candidates.length) candidates = named
    }
    const container = (candidates ?? noEntries).filter((e) => containsInOrder(words, e.nameWords))
    const only = container.length === 1 ? container[0] : undefined
    if (only !== undefined) aliases.set(key, only.key)
    else newEntry(key, reading.name, 'person', reading.nameWords)
  }

  /**
   * Full names said only inside quotes (`"… Donald Trump or Ted Cruz."`), read the first
   * time a surname has no full name outside them: most articles never need it.
   */
  let hasReadQuotes = false
  function readQuotedNames(): void {
    hasReadQuotes = true
    const quoted = tokenizeQuotes()
    for (let i = 0; i < quoted.length; i++) {
      const token = quoted[i]
      const next = quoted[i + 1]
      if (!isNameWord(token) || token === undefined || (next !== undefined && next.kind === 'word' && next.isCapitalized)) continue
      const reading = readMention(text, quoted, chunkLeft(quoted, i, 0), i + 1)
      if (reading === undefined || reading.kind !== 'person' || reading.nameWords.length < 2) continue
      addFullName(reading)
      const entry = entries.get(aliases.get(reading.nameWords.join(' ')) ?? reading.nameWords.join(' '))
      if (entry !== undefined && entry.positions.length === 0) entry.positions.push(reading.start)
    }
  }
  function noteAll(names: readonly FoundName[]): void {
    for (const f of names) {
      const entry = resolvePerson(f.reading, f.position)
      if (entry === undefined) continue
      note(entry, f.reading, f.position)
      if (f.afterLocative) entry.seenAsPlace = true
      if (f.reading.nameWords.length < entry.nameWords.length) entry.isShortened = true
    }
  }
  noteAll(found)

  function lastBefore(entry: BookEntry, position: number): number {
    let best = -1
    for (const p of entry.positions) if (p < position && p > best) best = p
    return best
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

  function resolvePerson(reading: MentionReading, position: number): BookEntry | undefined {
    const words = reading.nameWords
    if (words.length === 0) return undefined
    if (words.length >= 2) return fullNameEntry(words) ?? newEntry(words.join(' '), reading.name, 'person', words)
    const word = words[0] ?? ''
    const chosen = pickFull(word, reading.gender, position)
    if (chosen !== undefined) return chosen
    if (!hasReadQuotes) {
      readQuotedNames()
      const quoted = pickFull(word, reading.gender, position)
      if (quoted !== undefined) return quoted
    }
    return entries.get(word) ?? newEntry(word, reading.name, 'person', words)
  }

  /** The full name a lone surname (or, failing that, a lone first word such as a Korean family name) stands for. */
  function pickFull(word: string, gender: Gender | undefined, position: number): BookEntry | undefined {
    return pick(fullNamesByLast.get(word) ?? noEntries, gender, position) ?? pick(fullNamesByFirst.get(word) ?? noEntries, gender, position)
  }

  function resolve(reading: MentionReading, position: number): BookEntry | undefined {
    if (reading.kind === 'pronoun') return undefined
    if (reading.kind === 'person') {
      const entry = resolvePerson(reading, position)
      if (entry !== undefined) note(entry, reading, position)
      return entry
    }
    const key = `${reading.kind}:${reading.name.toLowerCase().replace(/^(the|a|an)\s+/, '')}`
    const entry = entries.get(key) ?? newEntry(key, reading.name, reading.kind, [])
    note(entry, reading, position)
    return entry
  }

  function resolveRoleNoun(nouns: readonly string[], position: number): BookEntry | undefined {
    let best: BookEntry | undefined
    let bestAt = -1
    for (const entry of entries.values()) {
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

  function isPlace(entry: BookEntry): boolean {
    return entry.seenAsPlace && !entry.isShortened && entry.role === undefined && entry.gender === undefined
  }

  function addMention(entry: BookEntry, mention: string, position: number): void {
    const clean = cleanMention(mention)
    if (!entry.mentions.includes(clean)) entry.mentions.push(clean)
    entry.positions.push(position)
  }

  function list(): { readonly people: readonly Person[]; readonly idOf: (entry: BookEntry) => string | undefined } {
    const listed = [...entries.values()]
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

  function findPerson(reading: MentionReading, position: number): BookEntry | undefined {
    const words = reading.nameWords
    if (reading.kind !== 'person' || words.length === 0) return undefined
    if (words.length >= 2) return fullNameEntry(words)
    const word = words[0] ?? ''
    return pickFull(word, reading.gender, position) ?? entries.get(word)
  }

  /** The entry of a name of two words or more, or of the fuller name it is a form of. */
  function fullNameEntry(words: readonly string[]): BookEntry | undefined {
    const key = words.join(' ')
    return entries.get(aliases.get(key) ?? key)
  }

  return { resolve, findPerson, resolveRoleNoun, isPlace, addMention, entries: () => [...entries.values()], list }
}

/** Prepositions a place is named after (`in Carrow Point`); people follow them rarely, and then go on to be named by surname. */
const LOCATIVES: ReadonlySet<string> = new Set(['in', 'near', 'outside', 'across', 'throughout'])

const noEntries: readonly BookEntry[] = []

/** A person's name read outside quotes, where it was read. */
interface FoundName {
  readonly reading: MentionReading
  readonly position: number
  /** Right after `in`, `near`… (`in Carrow Point`), and not a possessive (`in Smith's view`). */
  readonly afterLocative: boolean
}

/** Pass 1: every capitalised name chunk outside quotes that reads as a person. */
function namesOutsideQuotes(text: string, tokens: readonly Token[]): FoundName[] {
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

function addTo(index: Map<string, BookEntry[]>, word: string, entry: BookEntry): void {
  const list = index.get(word)
  if (list === undefined) index.set(word, [entry])
  else list.push(entry)
}

/** A role with more words says more (`North Korean ambassador to the United Nations` over `Ambassador`). */
function isBetterRole(candidate: string, current: string): boolean {
  return candidate.split(/\s+/).length > current.split(/\s+/).length
}
