/**
 * Word lists for attribution: the verbs and nouns that introduce speech, and the words
 * that may sit between a subject and its verb. Lower-case.
 */
import { hasWord, packWords, type PackedWords } from './word-list.js'

/** Verbs of saying, as lemma → every inflected form news copy uses. */
const IRREGULAR: Readonly<Record<string, readonly string[]>> = {
  say: ['say', 'says', 'said', 'saying'],
  tell: ['tell', 'tells', 'told', 'telling'],
  write: ['write', 'writes', 'wrote', 'writing', 'written'],
  read: ['read', 'reads'],
  quip: ['quip', 'quips', 'quipped', 'quipping'],
  admit: ['admit', 'admits', 'admitted', 'admitting'],
  reply: ['reply', 'replies', 'replied', 'replying'],
  testify: ['testify', 'testifies', 'testified', 'testifying'],
  cry: ['cried'],
  find: ['finds', 'found'],
}

/** Regular verbs: the base form; `-s`, `-ed`, `-ing` are derived. */
const REGULAR = [
  'add', 'ask', 'explain', 'state', 'note', 'argue', 'tweet', 'continue', 'insist', 'claim', 'declare', 'warn', 'respond', 'recall', 'acknowledge',
  'announce', 'report', 'call', 'describe', 'quote', 'urge', 'suggest', 'predict', 'concede', 'complain', 'accuse', 'promise', 'pledge', 'vow', 'joke',
  'remark', 'observe', 'emphasize', 'stress', 'boast', 'proclaim', 'reiterate', 'counter', 'contend', 'protest', 'post', 'email', 'charge', 'label',
  'dub', 'term', 'muse', 'lament', 'shout', 'yell', 'demand', 'wonder', 'conclude', 'rule', 'reason', 'indicate', 'assert', 'allege', 'maintain',
  'mention', 'caution', 'scoff', 'confirm', 'deny', 'brag', 'recount', 'exclaim', 'whisper', 'answer', 'retort', 'snap', 'tout', 'decry', 'blast',
  'criticize', 'praise', 'thank', 'repeat', 'elaborate', 'comment', 'echo', 'hint', 'opine', 'question', 'fume', 'plead', 'chant',
  'advise', 'instruct', 'inform', 'assure', 'reassure', 'remind', 'confide', 'guarantee', 'acknowledge',
]

/** Verbs whose base and `-s` forms are more often nouns (`the state`, `a report`): only `-ed` and `-ing` count. */
const NOUN_LIKE: ReadonlySet<string> = new Set([
  'state', 'report', 'call', 'claim', 'comment', 'answer', 'tweet', 'post', 'email', 'question', 'charge', 'label', 'term', 'promise', 'pledge',
  'vow', 'joke', 'remark', 'protest', 'counter', 'rule', 'reason', 'echo', 'hint', 'note', 'quote', 'demand', 'blast', 'praise', 'thank',
  'repeat', 'point', 'plead', 'snap', 'dub', 'tout', 'whisper', 'answer', 'retort', 'order', 'chant',
])

function inflect(base: string): readonly string[] {
  const stem = base.endsWith('e') ? base.slice(0, -1) : base
  const doubled = /[^aeiou][aeiou][bdgmnpt]$/.test(base) && base.length <= 4 ? base + base.slice(-1) : base
  const s = /(s|sh|ch|x|z)$/.test(base) ? `${base}es` : `${base}s`
  const ed = base.endsWith('e') ? `${base}d` : base.endsWith('y') && !/[aeiou]y$/.test(base) ? `${base.slice(0, -1)}ied` : `${doubled}ed`
  const ing = base.endsWith('e') && !base.endsWith('ee') ? `${stem}ing` : `${doubled}ing`
  return NOUN_LIKE.has(base) ? [ed, ing] : [base, s, ed, ing]
}

/** Every form of every verb of saying, mapped to itself (the cue as printed). */
export const CUE_VERBS: ReadonlySet<string> = new Set([...Object.values(IRREGULAR).flat(), ...REGULAR.flatMap(inflect)])

// `read` is left out: `the statement read` is its past tense.
const BASE_FORMS: ReadonlySet<string> = new Set([...Object.values(IRREGULAR).map((forms) => forms[0] ?? '').filter((form) => form !== 'read'), ...REGULAR])

/** Words before a bare base form that make it a verb of this clause: `went on to say`, `would add`, `critics who say`. */
const BEFORE_BASE_FORM: ReadonlySet<string> = new Set([
  'to', 'will', 'would', 'could', 'can', 'may', 'might', 'should', 'must', 'did', 'do', 'does', 'not', 'never', 'who', 'they', 'we', 'i', 'you', 'also',
])

/** Words before a cue that make it a noun or an adjective: `the reporting`, `from noted scholars`. */
const NOT_BEFORE_CUE: ReadonlySet<string> = new Set([
  'the', 'a', 'an', 'his', 'her', 'its', 'their', 'our', 'my', 'your', 'this', 'that', 'these', 'those', 'of', 'from', 'with', 'by', 'for', 'in',
  'on', 'at', 'about', 'into', 'without', 'no', 'any', 'some', 'well', 'widely', 'much', 'most', 'more', 'less', 'been', 'be', 'being', 'was', 'were', 'is', 'are',
])

/**
 * Whether the word `lower` is a cue verb here, given the word before it (`undefined` at a
 * sentence start): `said` is, `the reporting` and `helped add` are not.
 */
export function isCueAt(lower: string, previous: string | undefined, isPreviousPlural: boolean): boolean {
  if (!isListed(CUE_WORDS, lower)) return false
  if (previous !== undefined && isListed(NOT_BEFORE_CUE_WORDS, previous)) return false
  if (isListed(BASE_FORM_WORDS, lower)) return previous !== undefined && (isListed(BEFORE_BASE_FORM_WORDS, previous) || isPreviousPlural)
  return true
}

// The lists `isCueAt` reads for every cue word, packed (see word-list.ts).
const CUE_WORDS: PackedWords = packWords(CUE_VERBS)
const NOT_BEFORE_CUE_WORDS: PackedWords = packWords(NOT_BEFORE_CUE)
const BASE_FORM_WORDS: PackedWords = packWords(BASE_FORMS)
const BEFORE_BASE_FORM_WORDS: PackedWords = packWords(BEFORE_BASE_FORM)

function isListed(words: PackedWords, word: string): boolean {
  return hasWord(words, word, 0, word.length)
}

/** Forms ending in `-ing`: a participle after a comma shares the main clause's subject. */
export function isParticiple(lower: string): boolean {
  return lower.endsWith('ing') && CUE_VERBS.has(lower)
}

/** Nouns of saying after a possessive: `Clinton's recent comment likening … to "small children"`. */
export const SPEECH_NOUNS: ReadonlySet<string> = new Set([
  'comment', 'comments', 'remark', 'remarks', 'statement', 'statements', 'response', 'words', 'tweet', 'tweets', 'conclusion', 'description',
  'claim', 'claims', 'assertion', 'contention', 'argument', 'message', 'letter', 'email', 'speech', 'testimony', 'answer', 'reply', 'warning',
  'promise', 'pledge', 'vow', 'refrain', 'slogan', 'phrase', 'question', 'post', 'retort', 'quip', 'declaration', 'announcement', 'accusation',
])

/**
 * Words allowed between a subject and its verb: adverbs, auxiliaries and short time words
 * (`Clinton also said`, `Ash bluntly accused`, `Beck on Wednesday called`).
 */
export const BETWEEN_SUBJECT_AND_VERB: ReadonlySet<string> = new Set([
  'also', 'has', 'have', 'had', 'was', 'were', 'is', 'are', 'would', 'will', 'later', 'then', 'once', 'previously', 'repeatedly', 'recently',
  'quickly', 'simply', 'initially', 'again', 'never', 'often', 'frequently', 'always', 'even', 'still', 'just', 'already', 'reportedly',
  'publicly', 'privately', 'last', 'week', 'month', 'year', 'night', 'weekend', 'on', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday',
  'saturday', 'sunday', 'yesterday', 'today', 'earlier', 'subsequently', 'separately', 'now', 'first', 'further', 'not', 'has', 'since',
])

/** Verbs whose object is the addressee, never the speaker: `S told Y "Q"`. */
export const ADDRESSEE_VERBS: ReadonlySet<string> = new Set(['told', 'tell', 'tells', 'telling', 'asked', 'asks', 'ask', 'asking', 'urged', 'urging', 'advised', 'advising', 'informed', 'reminded', 'assured'])

/** Verbs that can come before their subject right after a quote: `"Q," said Falk.` */
export const INVERTIBLE_VERBS: ReadonlySet<string> = new Set([
  'said', 'says', 'added', 'adds', 'wrote', 'writes', 'asked', 'asks', 'explained', 'explains', 'continued', 'continues', 'recalled', 'recalls',
  'noted', 'notes', 'replied', 'replies', 'responded', 'declared', 'insisted', 'warned', 'argued', 'remarked', 'observed', 'quipped', 'countered',
  'tweeted', 'reported', 'reads', 'read', 'answered', 'joked', 'stated', 'conceded', 'acknowledged', 'admitted', 'announced', 'concluded',
  'cautioned', 'complained', 'boasted', 'vowed', 'predicted', 'shouted', 'wondered', 'demanded', 'pleaded', 'protested', 'agreed', 'stressed',
  'emphasized', 'offered', 'suggested', 'recounted',
])

/** Words after which a clause (and its subject) may start. */
export const BOUNDARY_WORDS: ReadonlySet<string> = new Set([
  'and', 'but', 'that', 'when', 'while', 'as', 'after', 'because', 'if', 'although', 'though', 'since', 'before', 'until', 'so', 'where', 'yet',
  'then', 'now', 'also',
])

/** Prepositions: a capitalised word before one is an object, not a subject. */
export const PREPOSITIONS: ReadonlySet<string> = new Set([
  'of', 'for', 'to', 'with', 'by', 'from', 'at', 'in', 'on', 'about', 'against', 'over', 'into', 'than', 'like', 'between', 'among', 'toward',
  'towards', 'under', 'behind', 'without', 'through', 'via', 'including',
])

/** Pronouns that tell a person is a man. */
export const MALE_PRONOUNS: ReadonlySet<string> = new Set(['he', 'his', 'him', 'himself'])

/** Pronouns that tell a person is a woman. */
export const FEMALE_PRONOUNS: ReadonlySet<string> = new Set(['she', 'her', 'hers', 'herself'])

/** Conjunctions that join main clauses, so the subject after them is a main subject. */
export const COORDINATORS: ReadonlySet<string> = new Set(['and', 'but', 'so', 'yet', 'then', 'also'])

/** Determiners that open a description used as a subject: `the board`, `some on Twitter`. */
export const DETERMINERS_OPENING: ReadonlySet<string> = new Set(['the', 'a', 'an', 'one', 'some', 'many', 'several', 'multiple', 'his', 'her', 'their', 'its', 'both', 'two', 'three', 'other', 'most'])

/** Words that cannot end a subject noun phrase. */
export const CHUNK_STOPS_SUBJECT: ReadonlySet<string> = new Set([
  'and', 'or', 'but', 'to', 'that', 'which', 'who', 'of', 'for', 'with', 'by', 'from', 'in', 'on', 'at', 'as', 'is', 'was', 'be', 'been', 'not',
  'also', 'has', 'have', 'had', 'will', 'would', 'could', 'should', 'may', 'might', 'can', 'did', 'does', 'do', 'him', 'her', 'them', 'it', 'this',
  'there', 'then', 'when', 'while', 'because', 'if', 'so', 'than', 'about', 'what', 'how', 'why', 'where', 'just', 'only', 'still', 'even', 'about',
  // Past tenses without -ed (`Trump took to Twitter:`): verbs, never the head of a subject.
  'took', 'went', 'made', 'gave', 'came', 'got', 'saw', 'ran', 'sent', 'kept', 'held', 'felt', 'found', 'thought', 'brought', 'bought', 'built',
  'began', 'became', 'met', 'paid', 'stood', 'sat', 'heard', 'meant', 'fought', 'sought', 'taught', 'caught', 'drove', 'rose', 'fell', 'grew',
  'knew', 'threw', 'flew', 'drew', 'broke', 'chose', 'forgot', 'struck', 'sold', 'spent', 'won', 'lost', 'led', 'fled', 'withdrew',
])

/** Words that deny the verb of saying they stand before (`would not say`, `declined to say`). */
const VERB_NEGATORS: ReadonlySet<string> = new Set(['not', 'never', 'declined', 'declines', 'refused', 'refuses'])

/** Words that, opening a subject, say nobody spoke (`Neither side would say`, `No one said`). */
const SUBJECT_NEGATORS: ReadonlySet<string> = new Set(['neither', 'no', 'nobody', 'none'])

/** Words of a verb chain between a subject and its verb of saying (`would not`, `declined to`, `did not immediately`). */
const VERB_CHAIN: ReadonlySet<string> = new Set([
  'would', 'will', 'could', 'can', 'may', 'might', 'should', 'must', 'did', 'does', 'do', 'has', 'have', 'had', 'to', 'also', 'yet', 'still', 'even', 'publicly',
  'immediately', 'directly', 'specifically', 'officially',
])

/** Whether the lower-cased word `lower` denies the verb of saying after it: `not`, `declined`, a contraction in `n't`. */
export function isVerbNegator(lower: string): boolean {
  return VERB_NEGATORS.has(lower) || lower.endsWith("n't") || lower.endsWith('n’t')
}

/** Whether the lower-cased word `lower`, opening a subject, says that nobody spoke. */
export function isSubjectNegator(lower: string): boolean {
  return SUBJECT_NEGATORS.has(lower)
}

/** Whether the lower-cased word `lower` may stand in the verb chain before a verb of saying. */
export function isVerbChainWord(lower: string): boolean {
  return VERB_CHAIN.has(lower) || isVerbNegator(lower)
}
