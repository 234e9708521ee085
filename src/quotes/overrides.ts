/**
 * Editors' corrections of the quote engine, from front matter `quotes:` (README, Quote
 * engine): after the engine has run, each override names a quote — by its id (`q-3`) or
 * by its first words (`"a funny lady"`) — and either its speaker or `not a quote`.
 *
 * - A speaker's name is resolved to a person in the story: a full name or any form the
 *   story uses for them (`Pamela Falk`, `Falk`, `Ambassador Sin`), a variant of a full name
 *   (`Hillary Clinton` for `Hillary Rodham Clinton`), a surname of one person (`Okafor`),
 *   or, when no person fits, any name or
 *   description printed in the story (`North Korea's Foreign Ministry`), which becomes a
 *   speaker of its own. The attribution is then the editor's (rule `editor`), confirmed:
 *   published whatever the model's confidence.
 * - `not a quote` drops the quote: its words stay in the body, no longer a quote.
 *
 * An override of a split quote's first part covers the parts that continue it (unless a
 * part has an override of its own): a split quote is one quote in its parts.
 *
 * Pure: problems go to `report` with the override's place, never thrown, and the article
 * is returned as it would be without the overrides that could not be applied.
 */
import type { Block, Person, PersonKind, Phrasing, Quote } from '../model/article.js'
import { ORG_WORDS } from './people-words.js'

/** One `quotes:` entry as written: its key (a quote id or first words), its value, and where the key is. */
export interface QuoteOverride {
  readonly key: string
  readonly value: string
  readonly place: { readonly line: number; readonly column: number }
}

/** What the overrides change: the article's body, quotes and people. */
export interface OverrideTarget {
  readonly body: readonly Block[]
  readonly quotes: readonly Quote[]
  readonly people: readonly Person[]
}

export type OverrideRule = 'quote-override-unknown' | 'quote-override-ambiguous' | 'quote-override-conflict' | 'quote-override-speaker'

export interface OverrideResult extends OverrideTarget {
  /** The engine's quotes an override settled (given a speaker, or dropped): their `quote-unattributed` warnings no longer apply. */
  readonly settled: readonly Quote[]
}

/** The value that drops a quote. */
const notAQuote = 'not a quote'

const quoteId = /^q-\d+$/

/** How many of the story's people a message about an unknown speaker names. */
const shownNames = 6

/**
 * Apply `overrides` to the engine's result.
 *
 * @param storyText The story's own words (headline, standfirst and body, never the front
 *   matter, which holds the overrides themselves): a speaker no person fits must be printed here.
 * @param report Receives each override that cannot be applied, at its place.
 */
export function applyQuoteOverrides(
  target: OverrideTarget,
  overrides: readonly QuoteOverride[],
  storyText: string,
  report: (ruleId: OverrideRule, message: string, place: QuoteOverride['place']) => void,
): OverrideResult {
  if (overrides.length === 0) return { ...target, settled: [] }
  const people = [...target.people]
  const decided = new Map<string, { readonly override: QuoteOverride; readonly speaker: Person | undefined }>()
  for (const override of overrides) {
    const quote = findQuote(target.quotes, override, report)
    if (quote === undefined) continue
    const earlier = decided.get(quote.id)
    if (earlier !== undefined) {
      report('quote-override-conflict', `Unexpected second override of ${quote.id} in \`quotes:\`: \`${earlier.override.key}\` (line ${earlier.override.place.line}) already names it`, override.place)
      continue
    }
    if (override.value.trim().toLowerCase() === notAQuote) {
      decided.set(quote.id, { override, speaker: undefined })
      continue
    }
    const speaker = findSpeaker(people, override, storyText, report)
    if (speaker === undefined) continue
    if (!people.includes(speaker)) people.push(speaker)
    decided.set(quote.id, { override, speaker })
  }
  if (decided.size === 0) return { ...target, settled: [] }

  // Each quote's decision: its own override, else that of the quote it continues.
  const decisionOf = new Map<string, { readonly override: QuoteOverride; readonly speaker: Person | undefined }>()
  for (const quote of target.quotes) {
    const own = decided.get(quote.id)
    const inherited = quote.continues === undefined ? undefined : decisionOf.get(quote.continues)
    const decision = own ?? inherited
    if (decision !== undefined) decisionOf.set(quote.id, decision)
  }

  const removed = new Set<string>()
  const settled: Quote[] = []
  const quotes: Quote[] = []
  for (const quote of target.quotes) {
    const decision = decisionOf.get(quote.id)
    if (decision === undefined) {
      quotes.push(quote)
      continue
    }
    settled.push(quote)
    if (decision.speaker === undefined) {
      removed.add(quote.id)
      continue
    }
    quotes.push(confirmed(quote, decision.speaker, decision.override))
  }
  // A part of a split quote whose first part is gone continues nothing.
  const kept = removed.size === 0 ? quotes : quotes.map((quote) => (quote.continues !== undefined && removed.has(quote.continues) ? withoutContinues(quote) : quote))
  return { body: removed.size === 0 ? target.body : unwrapQuotes(target.body, removed), quotes: kept, people, settled }
}

/** The quote an override names, or `undefined` after reporting why there is none. */
function findQuote(quotes: readonly Quote[], override: QuoteOverride, report: (ruleId: OverrideRule, message: string, place: QuoteOverride['place']) => void): Quote | undefined {
  const key = override.key.trim()
  if (quoteId.test(key)) {
    const quote = quotes.find((candidate) => candidate.id === key)
    if (quote === undefined) report('quote-override-unknown', `Unexpected quote id \`${key}\` in \`quotes:\`, expected ${idRange(quotes)}`, override.place)
    return quote
  }
  const words = wordsOf(key)
  const matches = words.length === 0 ? [] : quotes.filter((quote) => startsWithWords(wordsOf(quote.text), words))
  if (matches.length === 1) return matches[0]
  if (matches.length === 0) report('quote-override-unknown', `Unexpected first words \`${key}\` in \`quotes:\`: no quote of the story starts with them`, override.place)
  else report('quote-override-ambiguous', `Unexpected first words \`${key}\` in \`quotes:\`: they start ${matches.map((quote) => quote.id).join(', ')}, expected one quote`, override.place)
  return undefined
}

/** `one of q-1 to q-14`, or `no quote: the story has none`. */
function idRange(quotes: readonly Quote[]): string {
  if (quotes.length === 0) return 'a quote, but the story has none'
  if (quotes.length === 1) return `\`${quotes[0]?.id}\`, the story’s one quote`
  return `one of the story’s quotes, \`${quotes[0]?.id}\` to \`${quotes[quotes.length - 1]?.id}\``
}

/** Lower-cased words (letters and digits), without punctuation or quotation marks. */
function wordsOf(text: string): string[] {
  return normalise(text).match(/[\p{L}\p{N}]+/gu) ?? []
}

function startsWithWords(words: readonly string[], prefix: readonly string[]): boolean {
  if (prefix.length > words.length) return false
  for (let index = 0; index < prefix.length; index++) if (words[index] !== prefix[index]) return false
  return true
}

/** Case, accents and apostrophe styles folded: how names are compared. */
function normalise(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').replace(/[’‘`]/g, "'").toLowerCase()
}

/** A name compared as words: `North Korea’s  Foreign Ministry` → `north korea's foreign ministry`. */
function nameKey(name: string): string {
  return normalise(name).replace(/[^\p{L}\p{N}']+/gu, ' ').trim()
}

const honorific = /^(?:mr|mrs|ms|miss|dr|sen|rep|gov|gen|col|capt|lt|sgt|prof|rev|president|ambassador|judge|justice)$/

/** A name's words without honorifics, for matching variants (`Hillary Clinton` ~ `Hillary Rodham Clinton`). */
function personWords(name: string): string[] {
  return nameKey(name)
    .replace(/'s\b/g, '')
    .split(' ')
    .filter((word) => word !== '' && !honorific.test(word))
}

/** Same first and last word, and the shorter's words in order in the longer. */
function isVariant(a: string, b: string): boolean {
  const [short, long] = [personWords(a), personWords(b)].sort((x, y) => x.length - y.length) as [string[], string[]]
  if (short.length < 2 || short[0] !== long[0] || short[short.length - 1] !== long[long.length - 1]) return false
  let at = 0
  for (const word of long) if (word === short[at]) at++
  return at === short.length
}

/**
 * The person an override's value names: by full name, by a form the story uses for them,
 * by a variant of a full name, by the surname of one person, or a new speaker for a name
 * printed in the story.
 */
function findSpeaker(people: readonly Person[], override: QuoteOverride, storyText: string, report: (ruleId: OverrideRule, message: string, place: QuoteOverride['place']) => void): Person | undefined {
  const name = override.value.trim().replace(/\s+/g, ' ')
  const key = nameKey(name)
  const words = personWords(name)
  // Each way of naming someone, strictest first; the first that fits anyone decides.
  const ways: readonly (readonly [string, (person: Person) => boolean])[] = [
    ['the story names', (person) => nameKey(person.name) === key],
    ['the story uses it for', (person) => person.mentions.some((mention) => nameKey(mention) === key)],
    ['it is a form of', (person) => person.kind === 'person' && isVariant(person.name, name)],
    ['it is the surname of', (person) => words.length === 1 && person.kind === 'person' && personWords(person.name).at(-1) === words[0]],
  ]
  for (const [how, fits] of ways) {
    const found = people.filter(fits)
    if (found.length === 1) return found[0]
    if (found.length > 1) {
      report('quote-override-speaker', `Unexpected speaker \`${name}\` in \`quotes:\`: ${how} ${found.map((person) => `\`${person.name}\``).join(' and ')}, expected one person`, override.place)
      return undefined
    }
  }
  if (key !== '' && isPrintedIn(storyText, key)) return newSpeaker(people, name)
  const known = people.slice(0, shownNames).map((person) => `\`${person.name}\``)
  if (people.length > shownNames) known.push('…')
  report('quote-override-speaker', `Unexpected speaker \`${name}\` in \`quotes:\`: the story does not mention them, expected ${known.length === 0 ? 'a name printed in the story' : `one of ${known.join(', ')}, or a name printed in the story`}`, override.place)
  return undefined
}

/** Whether `key` (a `nameKey`) occurs in the text as whole words. */
function isPrintedIn(text: string, key: string): boolean {
  const words = ` ${nameKey(text)} `
  return words.includes(` ${key} `)
}

/** A speaker the engine did not list: an organisation by its nouns, a description when it starts in lower case, else a person. */
function newSpeaker(people: readonly Person[], name: string): Person {
  const words = name.toLowerCase().split(/\s+/)
  const kind: PersonKind = /^(?:(?:the|a|an)\s+)?\p{Ll}/u.test(name) ? 'group' : words.some((word) => ORG_WORDS.has(word)) ? 'organization' : 'person'
  const taken = new Set(people.map((person) => person.id))
  let n = people.length + 1
  while (taken.has(`person-${n}`)) n++
  return { id: `person-${n}`, name, kind, mentions: [name] }
}

/** The quote with the editor's speaker: confirmed, whatever the model said. */
function confirmed(quote: Quote, speaker: Person, override: QuoteOverride): Quote {
  const { attribution: _engine, confidence: _model, ...rest } = quote
  return {
    ...rest,
    speakerId: speaker.id,
    confirmed: true,
    confidence: 1,
    attribution: {
      asPrinted: `${override.key}: ${override.value}`,
      rule: 'editor',
      position: { start: override.place, end: { line: override.place.line, column: override.place.column + override.key.length } },
    },
  }
}

function withoutContinues(quote: Quote): Quote {
  const { continues: _gone, ...rest } = quote
  return rest
}

/** The body with the spans of `removed` quotes unwrapped (their words kept) and their block quotations plain blockquotes again. */
function unwrapQuotes(blocks: readonly Block[], removed: ReadonlySet<string>): Block[] {
  return blocks.map((block): Block => {
    switch (block.type) {
      case 'paragraph':
      case 'subheading':
      case 'editorsNote':
        return { ...block, children: unwrapPhrasing(block.children, removed) }
      case 'blockquote': {
        const children = unwrapQuotes(block.children, removed)
        if (block.quoteId === undefined || !removed.has(block.quoteId)) return { ...block, children }
        const { quoteId: _gone, ...rest } = block
        return { ...rest, children }
      }
      case 'list':
        return { ...block, items: block.items.map((item) => unwrapQuotes(item, removed)) }
      default:
        return block
    }
  })
}

function unwrapPhrasing(nodes: readonly Phrasing[], removed: ReadonlySet<string>): Phrasing[] {
  return nodes.flatMap((node): Phrasing[] => {
    if (node.type === 'quoteSpan') return removed.has(node.quoteId) ? unwrapPhrasing(node.children, removed) : [{ ...node, children: unwrapPhrasing(node.children, removed) }]
    if ('children' in node && Array.isArray(node.children)) return [{ ...node, children: unwrapPhrasing(node.children as readonly Phrasing[], removed) } as Phrasing]
    return [node]
  })
}
