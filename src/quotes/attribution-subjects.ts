/**
 * Speaker search in the sentence: the subject of a cue, read leftwards (`Smith said`, `X, a
 * spokesman for Y, said`, `…, who said`) or rightwards (`said Falk`, `said a spokeswoman for
 * the company, Jane Doe`), or, with no cue, the subject of the clause. What the words name is
 * `resolveChunk`'s to find; an apposition read on the way becomes the speaker's role.
 */
import { resolveChunk } from './attribution-coreference.js'
import { APPOSITION_STARTS, opensWithTitle, RELATIVE_PRONOUNS, setRole, titleStartLeftOf } from './attribution-roles.js'
import { withHow, type AttributionState, type Subject } from './attribution-state.js'
import { isAge, isIn } from './attribution-tokens.js'
import { chunkLeft, chunkRight, readMention } from './people.js'
import { WordClass } from './word-classes.js'

/** Tokens a clause subject may stand before its verb or quote: far beyond any real clause. */
const MAX_SUBJECT_LOOKBACK = 80

/** Punctuation after which a clause (and its subject) may start. */
export const CLAUSE_PUNCT: ReadonlySet<string> = new Set([',', '—', ';', ':'])

/** What may follow a name that ends an attribution: `said the mayor, Jane Doe.` */
const NAME_ENDS: ReadonlySet<string> = new Set(['.', ',', ';', '?', '!', ')', '—'])

/** A party and state after a lawmaker's name, AP style: `D-Calif.`, `R-Wis.`, `I-Vt.`, `D-N.Y.` (lower case). */
const PARTY_STATE = /^[dri]-[a-z]/

/** Time words that may sit between an inverted verb and its subject: `said Friday Falk` is rare, `said on Tuesday` common. */
const TIME_WORDS: ReadonlySet<string> = new Set([
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'yesterday', 'today', 'tonight', 'earlier', 'later', 'recently',
])

/** The subject of the cue at `cue`, read leftwards, never past `floor`. */
export function subjectLeftOf(state: AttributionState, cue: number, floor: number): Subject | undefined {
  const { tokens } = state
  let j = cue - 1
  while (j >= floor) {
    const t = tokens[j]
    if (t === undefined || t.kind !== 'word') break
    if (isIn(t, WordClass.betweenSubjectAndVerb) || (!t.isCapitalized && t.lower.endsWith('ly') && t.lower.length > 4)) j--
    else break
  }
  if (tokens[j]?.text === ')') {
    let k = j - 1
    while (k >= floor && k > j - 8 && tokens[k]?.text !== '(') k--
    if (tokens[k]?.text === '(') j = k - 1
  }
  if (j < floor) return undefined
  const t = tokens[j]
  if (t === undefined) return undefined
  if (t.kind === 'word' && t.lower === 'who') return relativeAntecedent(state, j, floor)
  if (t.kind === 'word' && !isIn(t, WordClass.subjectStop) && !t.isCueWord) {
    const start = chunkLeft(tokens, j, floor)
    const before = tokens[start - 1]
    if (start > floor && before !== undefined && before.kind === 'word' && isIn(before, WordClass.preposition)) return clauseSubject(state, floor, start)
    return resolveChunk(state, start, j + 1, cue)
  }
  if (t.kind === 'punct' && (t.text === ',' || t.text === '—')) return appositionSubject(state, j, floor, cue) ?? clauseSubject(state, floor, j)
  return clauseSubject(state, floor, j + 1)
}

/** `X, a spokesman for Y, said` / `X, who …, said` / `the press secretary, X, said`. */
function appositionSubject(state: AttributionState, comma: number, floor: number, cue: number): Subject | undefined {
  const { tokens } = state
  for (let k = comma - 1; k > floor; k--) {
    const t = tokens[k]
    if (t === undefined || t.kind !== 'punct' || (t.text !== ',' && t.text !== '—')) continue
    const left = tokens[k - 1]
    const right = tokens[k + 1]
    if (left === undefined || right === undefined || left.kind !== 'word') continue
    // `Sen. Jane Doe, D-Calif., said`: a party and state describe the name like any apposition.
    if (left.isCapitalized && (!right.isCapitalized || APPOSITION_STARTS.has(right.lower) || PARTY_STATE.test(right.lower))) {
      const start = chunkLeft(tokens, k - 1, floor)
      const subject = resolveChunk(state, start, k, cue)
      if (subject !== undefined && subject.entry !== undefined && !RELATIVE_PRONOUNS.has(right.lower)) {
        setRole(state, subject.entry, k + 1, comma)
        return withHow(subject, `${subject.how}+apposition`)
      }
      if (subject !== undefined) return subject
    }
    // `the White House press secretary, Josh Earnest, said`; `The mayor of Springfield, John Smith, said`.
    const ownChunk = left.isCapitalized && right.isCapitalized ? chunkLeft(tokens, k - 1, floor) : -1
    const titled = ownChunk === -1 ? -1 : titleStartLeftOf(state, ownChunk, floor)
    if ((!left.isCapitalized || titled < ownChunk || (ownChunk !== -1 && opensWithTitle(state, ownChunk, k))) && right.isCapitalized) {
      const subject = resolveChunk(state, k + 1, comma, cue)
      if (subject?.entry !== undefined && subject.entry.kind === 'person') {
        const roleStart = titled === -1 ? titleStartLeftOf(state, chunkLeft(tokens, k - 1, floor), floor) : titled
        setRole(state, subject.entry, roleStart, k)
        // The attribution opens with the title: `"Q," her mother, Ann Lee, warned` is direct.
        return { entry: subject.entry, start: Math.min(subject.start, tokens[roleStart]?.start ?? subject.start), end: subject.end, how: `${subject.how}+apposition` }
      }
    }
  }
  return undefined
}

/** `…, who said`: the noun phrase the relative clause hangs on. */
function relativeAntecedent(state: AttributionState, who: number, floor: number): Subject | undefined {
  const { tokens } = state
  let j = who - 1
  if (tokens[j]?.text === ',' || tokens[j]?.text === '—') j--
  if (j < floor || tokens[j]?.kind !== 'word') return undefined
  const start = chunkLeft(tokens, j, floor)
  const subject = resolveChunk(state, start, j + 1, who)
  return subject === undefined ? undefined : withHow(subject, 'relative-antecedent')
}

/** `said Falk`, `said Ed Lorenzen, senior adviser to …`. */
export function subjectRightOf(state: AttributionState, from: number, limit: number): Subject | undefined {
  const { tokens } = state
  let i = from
  while (i < limit && (TIME_WORDS.has(tokens[i]?.lower ?? '') || (tokens[i]?.lower === 'on' && TIME_WORDS.has(tokens[i + 1]?.lower ?? '')))) i++
  const end = chunkRight(tokens, i, limit)
  if (end <= i) return undefined
  const named = describedNameAfter(state, i, end, limit)
  if (named !== undefined) return named
  const subject = resolveChunk(state, i, end, i)
  if (subject?.entry !== undefined && tokens[end]?.text === ',') {
    // `said Mary Jones, 62, a retired teacher`: the role comes after the age.
    const from = isAge(tokens, end + 1) ? end + 3 : end + 1
    const next = tokens[from]
    if (next !== undefined && next.kind === 'word' && !next.isCapitalized && !RELATIVE_PRONOUNS.has(next.lower) && !next.isCueWord) {
      let stop = from
      while (stop < limit && tokens[stop]?.kind !== 'punct' && tokens[stop]?.kind !== 'quote') stop++
      setRole(state, subject.entry, from, stop)
    }
  }
  return subject
}

/**
 * `said a spokeswoman for the company, Jane Doe` / `said the family's lawyer, Mark Geragos,`:
 * the person named right after a description `[from, end)` that follows the cue, with the
 * description as their role. Nothing when no person is named there (`said the mayor, Tuesday`).
 */
function describedNameAfter(state: AttributionState, from: number, end: number, limit: number): Subject | undefined {
  const { text, tokens } = state
  const left = tokens[end - 1]
  const right = tokens[end + 1]
  if (tokens[end]?.text !== ',' || left === undefined || left.kind !== 'word' || right === undefined || right.kind !== 'word' || !right.isCapitalized) return undefined
  if ((left.isCapitalized && !opensWithTitle(state, from, end)) || TIME_WORDS.has(right.lower)) return undefined
  if (readMention(text, tokens, from, end)?.kind === 'person') return undefined
  const nameEnd = chunkRight(tokens, end + 1, limit)
  const after = tokens[nameEnd]
  if (nameEnd < limit && after !== undefined && !(after.kind === 'punct' && NAME_ENDS.has(after.text))) return undefined
  const subject = resolveChunk(state, end + 1, nameEnd, end + 1)
  if (subject?.entry === undefined || subject.entry.kind !== 'person') return undefined
  setRole(state, subject.entry, from, end)
  return withHow(subject, `${subject.how}+apposition`)
}

/**
 * The subject of the clause that ends at `to`: the nearest noun phrase in subject
 * position (after the sentence start, a comma or a coordinating conjunction; not after a
 * preposition or a subordinator; not a possessive), skipping an apposition back to the
 * name it describes.
 */
export function clauseSubject(state: AttributionState, from: number, to: number): Subject | undefined {
  const { tokens } = state
  // Look back a bounded distance: a run-on "sentence" of thousands of tokens (a transcript
  // full of inch marks) would otherwise make every quote rescan it, quadratic in its length.
  const floor = Math.max(from, to - MAX_SUBJECT_LOOKBACK)
  for (let i = to - 1; i >= floor; i--) {
    const t = tokens[i]
    if (t === undefined || t.kind !== 'word' || isIn(t, WordClass.notName) && t.lower !== 'he' && t.lower !== 'she' && t.lower !== 'they') continue
    const next = tokens[i + 1]
    if (next?.kind === 'poss') continue
    const isPronoun = t.lower === 'he' || t.lower === 'she' || t.lower === 'they'
    const isNameEnd = t.isCapitalized && !(next !== undefined && next.kind === 'word' && next.isCapitalized)
    const isNounHead = !t.isCapitalized && !isPronoun && !isIn(t, WordClass.subjectStop) && !(t.lower.endsWith('ed') || t.lower.endsWith('ing') || t.lower.endsWith('ly')) && !t.isCueWord && !isIn(t, WordClass.betweenSubjectAndVerb)
    if (!isPronoun && !isNameEnd && !isNounHead) continue
    const start = isPronoun ? i : chunkLeft(tokens, i, from)
    const first = tokens[start]
    if (isNounHead && start !== from && !(first !== undefined && (isIn(first, WordClass.subjectDeterminer) || first.isCapitalized))) continue
    const previous = tokens[start - 1]
    const isSubjectPosition = start === from || previous === undefined || (previous.kind === 'punct' && CLAUSE_PUNCT.has(previous.text)) || (previous.kind === 'word' && isIn(previous, WordClass.coordinator))
    if (!isSubjectPosition) continue
    // `Brian Fallon, a spokesman for Mrs. Clinton, …`: the apposition describes the name before it.
    if (first !== undefined && !first.isCapitalized && previous?.text === ',' && tokens[start - 2]?.isCapitalized === true) continue
    const subject = resolveChunk(state, start, i + 1, t.start)
    if (subject?.entry !== undefined) return withHow(subject, `clause-subject/${subject.how}`)
  }
  return undefined
}
