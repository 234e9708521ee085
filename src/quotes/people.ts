/**
 * Reading the people in an article: noun-phrase chunks, names and roles, and the book of
 * everyone named, so `Falk`, `Ms. Falk` and `the analyst` can be resolved to `Pamela Falk`.
 *
 * Deterministic and explainable: a name is the trailing run of capitalised words of a
 * chunk after its last title or organisation word (`North Korean ambassador to the United
 * Nations` + `Sin Son Ho`); everything before it is the role.
 */
import type { PersonKind } from '../model/article.js'
import type { Token } from './quote-tokens.js'
import { HONORIFICS, ROLE_NOUN_EQUIVALENTS } from './people-words.js'
import { WordClass } from './word-classes.js'

/** Gender as far as the copy tells it. */
export type Gender = 'male' | 'female'

/** What a noun-phrase chunk says about who it is. */
export interface MentionReading {
  readonly kind: PersonKind | 'pronoun'
  /** The chunk as printed. */
  readonly asPrinted: string
  /** Person: the name without honorifics or titles. Otherwise the printed description. */
  readonly name: string
  /** Lower-cased name words, for matching surnames. */
  readonly nameWords: readonly string[]
  readonly role: string | undefined
  readonly gender: Gender | undefined
  readonly start: number
  readonly end: number
}

/**
 * Build a reading as one object literal. Note: object spread (`{...base, kind}`) costs
 * microseconds per call on Node 20 and this runs for every name in every article.
 */
export function makeReading(
  kind: MentionReading['kind'],
  asPrinted: string,
  start: number,
  end: number,
  name: string,
  nameWords: readonly string[],
  role: string | undefined = undefined,
  gender: Gender | undefined = undefined,
): MentionReading {
  return { kind, asPrinted, name, nameWords, role, gender, start, end }
}

const ABBREVIATED_TITLES: ReadonlyMap<string, string> = new Map([
  ['sen.', 'Senator'], ['rep.', 'Representative'], ['gov.', 'Governor'], ['gen.', 'General'], ['lt.', 'Lieutenant'], ['col.', 'Colonel'],
  ['sgt.', 'Sergeant'], ['capt.', 'Captain'], ['adm.', 'Admiral'], ['maj.', 'Major'], ['prof.', 'Professor'], ['rev.', 'Reverend'], ['reps.', 'Representatives'],
])

/** Title, organisation, honorific or other words that are never part of a name. */
const NOT_NAME_PART = WordClass.title | WordClass.organization | WordClass.honorific | WordClass.notName

/** Whether `token` is in any of the `WordClass` lists in `classes`. */
function isIn(token: Token | undefined, classes: number): boolean {
  return token !== undefined && (token.wordClass & classes) !== 0
}

function isInitial(token: Token): boolean {
  return token.kind === 'word' && token.isCapitalized && token.text.length === 2 && token.text.charCodeAt(1) === 0x2e
}

/** A capitalised word that can be part of a person's name. */
export function isNameWord(token: Token | undefined): boolean {
  if (token === undefined || token.kind !== 'word' || !token.isCapitalized) return false
  if (isInitial(token)) return true
  return !isIn(token, NOT_NAME_PART) && !token.isAcronym
}

function isTitleWord(token: Token | undefined): boolean {
  return token !== undefined && token.kind === 'word' && isIn(token, WordClass.title | WordClass.honorific)
}

/**
 * Where the noun phrase that ends at token `end` starts, going left but never past `floor`.
 * Capitalised heads take titles and modifiers (`CBS News Foreign Affairs Analyst Pamela
 * Falk`, `ambassador to the United Nations Sin Son Ho`); lower-case heads take a few
 * modifiers and a determiner (`the budget office`, `Cruz's lawyers`).
 */
export function chunkLeft(tokens: readonly Token[], end: number, floor: number): number {
  const head = tokens[end]
  if (head === undefined || head.kind !== 'word') return end + 1
  let i = end
  if (!head.isCapitalized) {
    let words = 1
    while (i - 1 >= floor) {
      const t = tokens[i - 1]
      if (t === undefined) break
      if (t.kind === 'poss') {
        const owner = tokens[i - 2]
        if (owner !== undefined && owner.isCapitalized && i - 2 >= floor) {
          i -= 2
          while (i - 1 >= floor && isCapitalizedWord(tokens[i - 1])) i--
        } else if (owner !== undefined && owner.kind === 'word' && i - 3 >= floor && isIn(tokens[i - 3], WordClass.determiner) && !isIn(owner, WordClass.chunkStop)) {
          // `the governor's spokesman`, `the company's chief financial officer`
          i -= 3
        }
        break
      }
      if (t.kind !== 'word') break
      if (isIn(t, WordClass.determiner)) {
        i--
        break
      }
      if (t.isCapitalized) {
        if (isIn(t, WordClass.notName)) break
        i--
        continue
      }
      // `one Democrat familiar with the discussion`
      if (isIn(t, WordClass.chunkStop) && !(RIGHT_KEEPS.has(tokens[i - 2]?.lower ?? '') && words <= 3)) break
      if (words >= 6) break
      i--
      words++
    }
    return i
  }
  while (i - 1 >= floor) {
    const t = tokens[i - 1]
    if (t === undefined) break
    if (t.kind === 'poss') {
      const owner = tokens[i - 2]
      if (owner !== undefined && owner.isCapitalized && i - 2 >= floor && !isIn(owner, WordClass.notName)) {
        i -= 2
        continue
      }
      break
    }
    if (t.kind !== 'word') break
    if (t.isCapitalized) {
      if (isIn(t, WordClass.notName) && !isIn(t, WordClass.roleModifier)) {
        if (t.lower === 'the') i--
        break
      }
      i--
      continue
    }
    if (t.lower === 'the' || t.lower === 'a' || t.lower === 'an') {
      // `ambassador to the United Nations …`: a preposition inside a title.
      const before = tokens[i - 2]
      const title = tokens[i - 3]
      if (before !== undefined && (before.lower === 'to' || before.lower === 'of' || before.lower === 'for' || before.lower === 'at') && isTitleWord(title) && i - 3 >= floor) {
        i -= 3
        continue
      }
      i--
      break
    }
    if (t.lower === 'of' || t.lower === 'to' || t.lower === 'for' || t.lower === 'at') {
      const title = tokens[i - 2]
      if ((isTitleWord(title) || (t.lower === 'of' && title !== undefined && title.isCapitalized && isIn(title, WordClass.organization))) && i - 2 >= floor) {
        i -= 2
        continue
      }
      break
    }
    if (isIn(t, WordClass.nameParticle) && isCapitalizedWord(tokens[i - 2])) {
      i--
      continue
    }
    if (isIn(t, WordClass.title | WordClass.roleModifier)) {
      i--
      continue
    }
    break
  }
  return i
}

function isCapitalizedWord(token: Token | undefined): boolean {
  return token !== undefined && token.kind === 'word' && token.isCapitalized
}

/** Lower-case words that end an inverted subject (`said Falk in an interview`). */
const RIGHT_STOP: ReadonlySet<string> = new Set([
  'in', 'at', 'on', 'during', 'after', 'before', 'while', 'when', 'as', 'because', 'who', 'whom', 'whose', 'which', 'that', 'and', 'but', 'of',
  'to', 'from', 'by', 'about', 'referring', 'explaining', 'adding', 'noting', 'saying', 'speaking', 'told', 'said', 'says', 'according', 'last',
  'this', 'yesterday', 'today', 'tonight', 'earlier', 'later', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
])

/**
 * Where the noun phrase that starts at `start` ends (exclusive), going right to `ceil`:
 * the subject of an inverted attribution, `said Ed Lorenzen` or `said one Democrat
 * familiar with the discussion`.
 */
export function chunkRight(tokens: readonly Token[], start: number, ceil: number): number {
  let i = start
  while (i < ceil && i - start < 10) {
    const t = tokens[i]
    if (t === undefined || (t.kind !== 'word' && t.kind !== 'poss')) break
    if (t.kind === 'word' && RIGHT_STOP.has(t.lower) && i > start) {
      // `familiar with the discussion` keeps its preposition; `said Falk in Seoul` does not.
      // `said one of the negotiators` keeps its `of`.
      const previous = tokens[i - 1]
      if (previous === undefined || !(RIGHT_KEEPS.has(previous.lower) || (t.lower === 'of' && i - 1 === start && PARTITIVES.has(previous.lower)))) break
    }
    i++
  }
  return i
}

/** Words that open a description with `of`: `one of the negotiators`, `some of the residents`. */
const PARTITIVES: ReadonlySet<string> = new Set(['one', 'some', 'many', 'several', 'most', 'two', 'three', 'four', 'none', 'each', 'both', 'all', 'few'])

/** Adjectives that take a prepositional complement inside a description: `familiar with`, `close to`. */
const RIGHT_KEEPS: ReadonlySet<string> = new Set(['familiar', 'close', 'opposed', 'loyal', 'allied', 'aligned', 'involved', 'knowledgeable'])

/**
 * Read a chunk `[from, to)` of tokens as a person, organisation, group or pronoun.
 *
 * @param text the text the tokens' offsets refer to
 */
export function readMention(text: string, tokens: readonly Token[], from: number, to: number): MentionReading | undefined {
  let first = from
  let last = to - 1
  while (first <= last && tokens[first]?.kind !== 'word') first++
  while (last >= first && tokens[last]?.kind !== 'word') last--
  const firstToken = tokens[first]
  const lastToken = tokens[last]
  if (firstToken === undefined || lastToken === undefined || first > last) return undefined
  const asPrinted = text.slice(firstToken.start, lastToken.end)
  const start = firstToken.start
  const end = lastToken.end

  if (first === last && isIn(firstToken, WordClass.subjectPronoun)) {
    return makeReading('pronoun', asPrinted, start, end, firstToken.lower, [firstToken.lower])
  }

  // The name: trailing capitalised words after the last title or organisation word.
  let nameEnd = last
  while (nameEnd > first && isIn(tokens[nameEnd], WordClass.nameSuffix)) nameEnd--
  let nameStart = nameEnd + 1
  let count = 0
  for (let i = nameEnd; i >= first; i--) {
    const t = tokens[i]
    if (t === undefined) break
    if (isNameWord(t)) {
      nameStart = i
      if (!isInitial(t)) count++
      if (count >= 4) break
      continue
    }
    if (t.kind === 'word' && isIn(t, WordClass.nameParticle) && i > first && isNameWord(tokens[i - 1]) && i < nameEnd) continue
    break
  }
  const nameStartToken = tokens[nameStart]
  if (nameStartToken === undefined || count === 0) {
    const lead = isIn(firstToken, WordClass.determiner) && (firstToken.lower === 'the' || firstToken.lower === 'a' || firstToken.lower === 'an') ? tokens[first + 1] : firstToken
    let hasCapital = false
    for (let i = first; i <= last; i++) {
      const t = tokens[i]
      if (t !== undefined && t.kind === 'word' && t.isCapitalized && !isIn(t, WordClass.notName)) hasCapital = true
    }
    if (hasCapital && lead !== undefined) return makeReading('organization', asPrinted, start, end, text.slice(lead.start, lastToken.end), [])
    return makeReading(isIn(lastToken, WordClass.organizationHead) ? 'organization' : 'group', asPrinted, start, end, asPrinted, [])
  }
  // `spokesman for Mrs. Clinton`: a name after a preposition is someone else; the chunk is a description.
  let beforeName = nameStart - 1
  while (beforeName >= first && isIn(tokens[beforeName], WordClass.honorific)) beforeName--
  const preposition = tokens[beforeName]
  if (beforeName >= first && preposition !== undefined && NAME_AFTER_PREPOSITION.has(preposition.lower)) {
    return makeReading('group', asPrinted, start, end, asPrinted, [])
  }
  // `Smith and Jones`, `Tom Smith and Mary Jones`: two people named together are a pair, not one of them with a role.
  for (let i = first + 1; i < nameStart; i++) {
    if (tokens[i]?.lower === 'and' && isNameWord(tokens[i - 1])) return makeReading('group', asPrinted, start, end, asPrinted, [])
  }
  const nameLast = tokens[last] ?? lastToken
  const name = text.slice(nameStartToken.start, nameLast.end)
  const nameWords: string[] = []
  for (let i = nameStart; i <= last; i++) {
    const t = tokens[i]
    if (t !== undefined && !isIn(t, WordClass.nameSuffix) && !isInitial(t)) nameWords.push(t.lower)
  }

  // The role: what comes before the name, without determiners and gender honorifics.
  let gender: Gender | undefined
  let roleStart = -1
  let roleEnd = -1
  for (let i = first; i < nameStart; i++) {
    const t = tokens[i]
    if (t === undefined) continue
    const honorific = isIn(t, WordClass.honorific) ? HONORIFICS.get(t.lower) : undefined
    if (honorific !== undefined) gender = honorific
    // `The`, `Reached`… open no role; `Former`, `Senior`, `Top` (role modifiers) do.
    if (roleStart === -1 && (isIn(t, WordClass.determiner) || (isIn(t, WordClass.notName) && !isIn(t, WordClass.roleModifier)))) continue
    if (GENDER_ONLY_HONORIFICS.has(t.lower)) continue
    if (roleStart === -1) roleStart = i
    roleEnd = i
  }
  let role: string | undefined
  // `Top Sanders aides`: modifiers alone (`Top`, `former`) describe no role.
  let saysSomething = false
  for (let i = roleStart; i !== -1 && i <= roleEnd; i++) {
    const t = tokens[i]
    if (t === undefined || t.kind !== 'word') continue
    // `Chief Justice`: modifiers that end in a title word do say something.
    if (!isIn(t, WordClass.roleModifier | WordClass.notName | WordClass.determiner) || (i === roleEnd && isIn(t, WordClass.title))) saysSomething = true
  }
  if (saysSomething && roleStart !== -1 && roleEnd >= roleStart) {
    const startToken = tokens[roleStart]
    const endToken = tokens[roleEnd]
    if (startToken !== undefined && endToken !== undefined) {
      role = text.slice(startToken.start, endToken.end)
      const expanded = ABBREVIATED_TITLES.get(endToken.lower)
      if (expanded !== undefined) role = role.slice(0, role.length - endToken.text.length) + expanded
      if (role.endsWith(',')) role = role.slice(0, -1)
    }
  }
  return makeReading('person', asPrinted, start, end, name, nameWords, role === '' ? undefined : role, gender)
}

/** Prepositions that make a following name the complement of a description: `some on Twitter`. */
const NAME_AFTER_PREPOSITION: ReadonlySet<string> = new Set(['for', 'of', 'to', 'at', 'with', 'on', 'in', 'from', 'by', 'about'])

const GENDER_ONLY_HONORIFICS: ReadonlySet<string> = new Set(['mr.', 'mr', 'mrs.', 'mrs', 'ms.', 'ms', 'miss', 'dr.', 'dr', 'sir', 'dame'])

/** Whether a lower-case chunk is a role noun that points back to a named person. */
export function roleNounOf(reading: MentionReading): readonly string[] | undefined {
  if (reading.kind === 'person' || reading.kind === 'pronoun') return undefined
  // Only `the …` can be one; `T` and `t` are the only characters that lower-case to `t`.
  const first = reading.asPrinted.charCodeAt(0)
  if (first !== 0x74 && first !== 0x54) return undefined
  const words = reading.asPrinted.toLowerCase().split(/\s+/)
  if (words[0] !== 'the' || words.length > 4) return undefined
  const head = words[words.length - 1]
  return head === undefined ? undefined : ROLE_NOUN_EQUIVALENTS.get(head)
}
