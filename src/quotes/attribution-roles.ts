/**
 * Roles for the attribution pass: the title or description beside a name (`Brian Fallon, a
 * spokesman for Mrs. Clinton,`; `the White House press secretary, Josh Earnest,`) becomes the
 * role of their people-book entry. The subject steps call `setRole` when they read an
 * apposition; `noteAppositionRole` reads one beside a subject in a sentence with no quote.
 */
import { resolvePronoun } from './attribution-coreference.js'
import type { AttributionState } from './attribution-state.js'
import { hasKind, isAge, isIn } from './attribution-tokens.js'
import type { BookEntry } from './people-book.js'
import { chunkLeft, makeReading, readMention } from './people.js'
import { appositionClose, maxApposition, type Sentence } from './quote-tokens.js'
import { WordClass } from './word-classes.js'

/** Words that open an apposition or relative clause after a name and a comma. */
export const APPOSITION_STARTS: ReadonlySet<string> = new Set(['who', 'whose', 'a', 'an', 'the', 'one', 'its', 'his', 'her', 'also', 'now', 'formerly', 'then'])

/** Relative pronouns: a clause they open after a name is no role (`said Smith, whose company builds homes`). */
export const RELATIVE_PRONOUNS: ReadonlySet<string> = new Set(['who', 'whose', 'which', 'that', 'whom'])

/** Possessive determiners that may open a role, with the pronoun that finds their owner. */
const POSSESSIVE_PRONOUNS: ReadonlyMap<string, string> = new Map([
  ['his', 'he'],
  ['her', 'she'],
  ['its', 'it'],
  ['their', 'they'],
])

/** Prepositions that tie a title to what it is the title of: `spokesman for`, `director of`, `senator from`. */
const TITLE_PREPOSITIONS: ReadonlySet<string> = new Set(['for', 'of', 'at', 'to', 'from'])

/**
 * Where a role that ends in the chunk at `start` begins: a chunk after a preposition that
 * follows a title belongs to the title (`A spokesman for the governor`, `director of the
 * agency`), so the role starts at the title's own chunk.
 */
export function titleStartLeftOf(state: AttributionState, start: number, floor: number): number {
  const { tokens } = state
  const preposition = tokens[start - 1]
  const title = tokens[start - 2]
  if (start - 2 < floor || preposition === undefined || !TITLE_PREPOSITIONS.has(preposition.lower)) return start
  if (title === undefined || title.kind !== 'word' || !isIn(title, WordClass.title)) return start
  return chunkLeft(tokens, start - 2, floor)
}

/**
 * Whether `[from, to)` opens, after its determiners, with a title: lower-case (`The mayor of
 * Springfield`), or capitalised and alone (`The CEO`, `The President`; not `The Chief Justice Fund`).
 */
export function opensWithTitle(state: AttributionState, from: number, to: number): boolean {
  const { tokens } = state
  let i = from
  while (i < to && isIn(tokens[i], WordClass.determiner)) i++
  const t = tokens[i]
  return i < to && t !== undefined && t.kind === 'word' && (!t.isCapitalized || (i === to - 1 && i > from)) && isIn(t, WordClass.title)
}

/** Give `entry` the role printed in tokens `[from, to)`, when it is one and longer than the role it has. */
export function setRole(state: AttributionState, entry: BookEntry, from: number, to: number): void {
  const { text, tokens } = state
  if (entry.kind !== 'person') return
  const first = tokens[from]
  const last = tokens[to - 1]
  if (first === undefined || last === undefined || to - from > 16 || to <= from) return
  if (hasKind(tokens, from, to, 'quote')) return
  // `Doe, 45, a teacher, said`: the role is what follows the age.
  if (isAge(tokens, from)) {
    setRole(state, entry, from + 2, to)
    return
  }
  // `Doe, 45, said` gives an age, `Trump, speaking in Ohio, said` an action, `Smith, for his
  // part, said` an aside: none is a role.
  // `Park, 29, who works at a bakery, said`: a relative clause is none either.
  if (/^\d/.test(first.text) || (first.lower.endsWith('ing') && !isIn(first, WordClass.roleModifier)) || isIn(first, WordClass.preposition) || RELATIVE_PRONOUNS.has(first.lower)) return
  let role = text.slice(first.start, last.end).replace(/^(a|an|the)\s+/iu, '')
  // `Her spokesman, Steffen Seibert,`: the role says whose, by name (`Angela Merkel's spokesman`).
  const pronoun = POSSESSIVE_PRONOUNS.get(first.lower)
  if (pronoun !== undefined) {
    const head = tokens[from + 1]
    if (head === undefined || from + 1 >= to) return
    const owner = resolvePronoun(state, makeReading('pronoun', first.text, first.start, first.end, pronoun, [pronoun]), first.start, first.paragraphIndex)
    const rest = text.slice(head.start, last.end)
    role = owner === undefined || owner === entry ? rest : `${owner.name}'s ${rest}`
  }
  if (entry.role === undefined || role.split(/\s+/).length > entry.role.split(/\s+/).length) entry.role = role
}

/**
 * A full name outside subject position followed by an apposition with a title word: its
 * role, without recording another mention. Only a title tells a person there: `hit Port
 * Halden, the county seat,` is a place, `talks with Russia, the largest supplier,` a country.
 */
export function noteObjectApposition(state: AttributionState, start: number, last: number, sentence: Sentence): void {
  const { text, tokens, book } = state
  let hasTitle = false
  for (let j = last + 2; j < sentence.end && tokens[j]?.kind === 'word'; j++) if (isIn(tokens[j], WordClass.title)) hasTitle = true
  if (!hasTitle) return
  const reading = readMention(text, tokens, start, last + 1)
  if (reading === undefined || reading.kind !== 'person' || reading.nameWords.length < 2) return
  const entry = book.findPerson(reading, reading.start)
  if (entry !== undefined && !book.isPlace(entry)) noteAppositionRole(state, entry, start, last, sentence)
}

/**
 * `Mary Barra, the chief executive of General Motors, spoke`; `The union's president,
 * Shawn Fain, was defiant`: an apposition between commas beside a subject's name is their
 * role, though nothing is quoted in the sentence (a quote's own attribution reads it in
 * `appositionSubject`). Before the name, only a title makes one (`After the vote ended,
 * Shawn Fain, …` has none).
 */
export function noteAppositionRole(state: AttributionState, entry: BookEntry, start: number, last: number, sentence: Sentence): void {
  const { tokens } = state
  const first = tokens[last + 2]
  if (tokens[last + 1]?.text === ',' && first !== undefined && first.kind === 'word' && !first.isCapitalized && APPOSITION_STARTS.has(first.lower) && !RELATIVE_PRONOUNS.has(first.lower)) {
    const close = appositionClose(tokens, last + 1, Math.min(sentence.end, last + 3 + maxApposition))
    if (close !== -1) setRole(state, entry, last + 2, close)
    return
  }
  const left = tokens[start - 2]
  if (tokens[start - 1]?.text !== ',' || tokens[last + 1]?.text !== ',' || left === undefined || left.kind !== 'word' || start - 2 < sentence.start) return
  const ownChunk = chunkLeft(tokens, start - 2, sentence.start)
  const titled = titleStartLeftOf(state, ownChunk, sentence.start)
  if (titled < ownChunk || opensWithTitle(state, ownChunk, start - 1) || (!left.isCapitalized && isIn(left, WordClass.title))) setRole(state, entry, titled, start - 1)
}
