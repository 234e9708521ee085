/**
 * Tests on the token stream that every attribution step asks: is this word a cue here, is
 * the cue denied, is there a token of a kind in a range. Functions of the tokens alone.
 */
import { isCueAt, isSubjectNegator, isVerbChainWord, isVerbNegator } from './attribution-words.js'
import type { Token } from './quote-tokens.js'
import { hasWord, packWords, type PackedWords } from './word-list.js'

/** Whether `token` is in any of the `WordClass` lists in `classes`. */
export function isIn(token: Token | undefined, classes: number): boolean {
  return token !== undefined && (token.wordClass & classes) !== 0
}

/** Whether a token of `kind` is in `[from, to)` (a loop, not a `slice`: this runs for every quote). */
export function hasKind(tokens: readonly Token[], from: number, to: number, kind: Token['kind']): boolean {
  for (let i = from; i < to; i++) if (tokens[i]?.kind === kind) return true
  return false
}

/** The index of the token that starts at `offset`, looking in `[from, to)`; `to` when none does. */
export function tokenIndexAt(tokens: readonly Token[], offset: number, from: number, to: number): number {
  for (let k = from; k < to; k++) if (tokens[k]?.start === offset) return k
  return to
}

/** Words that are not plural nouns though they end in `-s`. */
const NOT_PLURAL: ReadonlySet<string> = new Set(['is', 'was', 'has', 'this', 'his', 'its', 'us', 'as', 'thus', 'whereas', 'yes', 'does', 'always', 'perhaps'])

const NOT_PLURAL_WORDS: PackedWords = packWords(NOT_PLURAL)

/** Whether the word at `i` is a cue verb in this position. */
export function isCue(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i]
  // `As one voter put it, "Q"`, `Smith put it bluntly: "Q"`.
  if (t !== undefined && t.lower === 'put' && tokens[i + 1]?.lower === 'it') return true
  if (t === undefined || !t.isCueWord) return false
  const previous = tokens[i - 1]
  const previousWord = previous !== undefined && previous.kind === 'word' ? previous.lower : undefined
  const isPlural = previousWord !== undefined && previousWord.endsWith('s') && !hasWord(NOT_PLURAL_WORDS, previousWord, 0, previousWord.length)
  return isCueAt(t.lower, previousWord, isPlural)
}

/**
 * Whether the verb of saying at `cue` is denied: `would not say`, `declined to say` in the
 * verb chain right before it, or `Neither`/`No` opening its subject, whose first word is at
 * `subjectFirst` (or just before it: a chunk leaves `Neither` out). A relative clause of the
 * subject (`Smith, who was not there, said`) is not read.
 */
export function isDenied(tokens: readonly Token[], cue: number, subjectFirst: number): boolean {
  for (let k = cue - 1; k >= 0 && k >= cue - 4; k--) {
    const t = tokens[k]
    if (t === undefined || t.kind !== 'word' || !isVerbChainWord(t.lower)) break
    if (isVerbNegator(t.lower)) return true
  }
  for (const k of [subjectFirst, subjectFirst - 1]) {
    const t = tokens[k]
    if (t !== undefined && t.kind === 'word' && k < cue && isSubjectNegator(t.lower)) return true
  }
  return false
}

/** Whether the token at `i` is an age between commas: `Jones, 62, a retired teacher`. */
export function isAge(tokens: readonly Token[], i: number): boolean {
  return /^\d{1,3}$/.test(tokens[i]?.text ?? '') && tokens[i + 1]?.text === ','
}
