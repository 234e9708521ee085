/**
 * Speakers across the whole site: every person or organisation quoted in any article,
 * merged by name so one speaker has one page (`/people/<slug>/`) with every quote.
 *
 * Name variants merge when they name the same person — `Hillary Rodham Clinton` and
 * `Hillary Clinton`: same first and last name, and the shorter's words appear in order in
 * the longer. People who only share a surname (`Bill Clinton`, `Hillary Clinton`) do not.
 * A bare surname (`Clinton`) never reaches this stage: the quote engine resolves it to a full
 * name within its article, or it stays a one-word name of its own.
 *
 * A description is no name: `officials` or `the company` in two stories are not the same
 * speaker, so they are never merged and get no page (`isDescription`).
 */
import type { Article, Person, PersonKind, Quote } from '../model/article.js'
import type { ArticleEntry } from '../model/site.js'
import type { DescribedSpeaker, QuoteEntry, SpeakerEntry } from '../model/speakers.js'
import { memoize } from '../memo.js'
import { slugify } from '../parse/slug.js'
import { folderRoute } from './routes.js'

export interface SpeakerIndex {
  /** Speakers by number of quotes, then name. */
  readonly speakers: readonly SpeakerEntry[]
  /** Speakers quoted under a description, never merged across articles, with no page. */
  readonly described: readonly DescribedSpeaker[]
  /** The speaker page URL of a person in an article: `articleId → personId → url`. */
  readonly urlOf: (articleId: string, personId: string) => string | undefined
}

const honorific = /^(?:mr|mrs|ms|dr|sen|rep|gov|gen|col|capt|lt|sgt|prof|rev|president|ambassador|judge|justice)\.?$/

/** Lower-cased words of a name, without honorifics, punctuation, possessives or accents. */
const nameWords: (name: string) => readonly string[] = memoize(nameWordsUncached)

function nameWordsUncached(name: string): string[] {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’]s\b/g, '')
    .split(/[\s,]+/)
    .map((word) => word.replace(/[^\p{L}\p{N}.-]/gu, '').replace(/\.$/, ''))
    .filter((word) => word !== '' && !honorific.test(word))
}

/** Whether two person names name the same person (see the module comment). */
export function isSameName(a: string, b: string): boolean {
  const [short, long] = [nameWords(a), nameWords(b)].sort((x, y) => x.length - y.length) as [readonly string[], readonly string[]]
  if (short.length === 0) return false
  if (short.length === long.length) return short.join(' ') === long.join(' ')
  if (short.length < 2 || short[0] !== long[0] || short[short.length - 1] !== long[long.length - 1]) return false
  let at = 0
  for (const word of long) if (word === short[at]) at++
  return at === short.length
}

interface Group {
  names: Map<string, number>
  kind: PersonKind
  roles: Map<string, number>
  members: { article: ArticleEntry; person: Person; quotes: readonly Quote[] }[]
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1)
}

function byCount(map: ReadonlyMap<string, number>): string[] {
  return [...map.entries()].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length || (a[0] < b[0] ? -1 : 1)).map(([key]) => key)
}

/** An article's quotes by speaker id, in reading order. */
function quotesBySpeaker(article: Article): Map<string, Quote[]> {
  const bySpeaker = new Map<string, Quote[]>()
  for (const quote of article.quotes) {
    if (quote.speakerId === undefined) continue
    const list = bySpeaker.get(quote.speakerId)
    if (list === undefined) bySpeaker.set(quote.speakerId, [quote])
    else list.push(quote)
  }
  return bySpeaker
}

/**
 * Whether a speaker is a description rather than a name: a group (`officials`, `some
 * women`), or an organisation with no capital after its article (`the company`).
 */
export function isDescription(person: Person): boolean {
  return person.kind === 'group' || (person.kind === 'organization' && !/\p{Lu}/u.test(person.name.replace(/^(?:the|a|an)\s+/iu, '')))
}

/** Whether any name of `group` names the same person as `name`. */
function hasSameName(group: Group, name: string): boolean {
  for (const known of group.names.keys()) if (isSameName(known, name)) return true
  return false
}

/**
 * Gather the speakers of `entries` (newest first) into one entry per speaker.
 *
 * @param basePath The site's base path, for the speaker URLs.
 */
export function indexSpeakers(entries: readonly ArticleEntry[], basePath: string): SpeakerIndex {
  const groups: Group[] = []
  const described: DescribedSpeaker[] = []
  // Names that can merge share their kind and, for people, their first and last word, so
  // each name is compared only within its bucket: linear in the number of speakers.
  const buckets = new Map<string, Group[]>()
  for (const entry of entries) {
    // Each article's quotes are sorted by speaker once, not once per person in it.
    const speakers = quotesBySpeaker(entry.article)
    for (const person of entry.article.people) {
      const quotes = speakers.get(person.id)
      if (quotes === undefined) continue
      if (isDescription(person)) {
        described.push({ name: person.name, kind: person.kind, roles: person.role ? [person.role] : [], quotes: quotes.map((quote) => quoteEntry(entry, quote)) })
        continue
      }
      const words = nameWords(person.name)
      const key = person.kind === 'person' ? `person\u0000${words[0] ?? ''}\u0000${words[words.length - 1] ?? ''}` : `${person.kind}\u0000${words.join(' ')}`
      const bucket = buckets.get(key) ?? []
      buckets.set(key, bucket)
      const group = person.kind === 'person' ? bucket.find((candidate) => hasSameName(candidate, person.name)) : bucket[0]
      const target: Group = group ?? { names: new Map(), kind: person.kind, roles: new Map(), members: [] }
      if (!group) {
        groups.push(target)
        bucket.push(target)
      }
      bump(target.names, person.name)
      if (person.role) bump(target.roles, person.role)
      target.members.push({ article: entry, person, quotes })
    }
  }

  const taken = new Set<string>()
  const urls = new Map<string, string>()
  const speakers = groups.map((group): SpeakerEntry => {
    // The fullest form is the name: `Hillary Rodham Clinton` over `Hillary Clinton`.
    const name = [...group.names.keys()].sort((a, b) => nameWords(b).length - nameWords(a).length || (group.names.get(b) ?? 0) - (group.names.get(a) ?? 0) || (a < b ? -1 : 1))[0] ?? ''
    let slug = slugify(name)
    for (let n = 2; taken.has(slug); n++) slug = `${slugify(name)}-${n}`
    taken.add(slug)
    const url = folderRoute(basePath, ['people', slug]).url
    const quotes: QuoteEntry[] = []
    for (const member of group.members) {
      const { article, person } = member
      urls.set(`${article.article.id}\u0000${person.id}`, url)
      for (const quote of member.quotes) quotes.push(quoteEntry(article, quote))
    }
    return { name, kind: group.kind, roles: byCount(group.roles), slug, url, quotes, quoteCount: quotes.filter((q) => !q.isContinuation).length }
  })
  speakers.sort((a, b) => b.quoteCount - a.quoteCount || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  return { speakers, described, urlOf: (articleId, personId) => urls.get(`${articleId}\u0000${personId}`) }
}

function quoteEntry(article: ArticleEntry, quote: Quote): QuoteEntry {
  const isContinuation = quote.continues !== undefined
  return { quote, article, url: `${article.url}#${quote.id}`, isContinuation, continuedBy: isContinuation ? [] : (continuationsOf(article.article).get(quote.id) ?? []) }
}

const continuations = new WeakMap<Article, ReadonlyMap<string, readonly Quote[]>>()

/**
 * The later parts of each split quote in an article, by the id of its first part, in
 * reading order. A part may continue the part before it rather than the first, so each
 * is followed back to the quote that begins it.
 */
export function continuationsOf(article: Article): ReadonlyMap<string, readonly Quote[]> {
  let byFirst = continuations.get(article)
  if (byFirst === undefined) {
    const continues = new Map(article.quotes.flatMap((quote) => (quote.continues === undefined ? [] : [[quote.id, quote.continues] as const])))
    const found = new Map<string, Quote[]>()
    for (const quote of article.quotes) {
      if (quote.continues === undefined) continue
      let first = quote.continues
      // Bounded by the number of quotes, so a malformed chain cannot loop.
      for (let step = 0; step < article.quotes.length; step++) {
        const before = continues.get(first)
        if (before === undefined) break
        first = before
      }
      const parts = found.get(first)
      if (parts === undefined) found.set(first, [quote])
      else parts.push(quote)
    }
    byFirst = found
    continuations.set(article, byFirst)
  }
  return byFirst
}

/** Minimum and maximum length of a pull quote, in characters. */
const pullQuoteLength = { min: 40, max: 240 }

/**
 * The quote to feature on an article page: the front matter `pullquote` (a quote id or
 * words from one) when it names a quote; otherwise a direct quote of the most-quoted speaker,
 * a whole sentence of readable length, the longest such.
 */
export function choosePullQuote(article: Article): Quote | undefined {
  if (article.pullquote !== undefined) {
    const wanted = article.pullquote.trim()
    const normalise = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()
    const named = article.quotes.find((quote) => quote.id === wanted) ?? article.quotes.find((quote) => normalise(quote.text).includes(normalise(wanted)))
    if (named) return named
  }
  const counts = new Map<string, number>()
  for (const quote of article.quotes) if (quote.speakerId !== undefined && quote.continues === undefined) bump(counts, quote.speakerId)
  const ranked = byCount(counts)
  for (const speakerId of ranked) {
    const candidates = article.quotes.filter(
      (quote) =>
        quote.speakerId === speakerId &&
        quote.kind === 'direct' &&
        quote.text.length >= pullQuoteLength.min &&
        quote.text.length <= pullQuoteLength.max &&
        /^[\p{Lu}"“‘']/u.test(quote.text),
    )
    const best = candidates.sort((a, b) => b.text.length - a.text.length)[0]
    if (best) return best
  }
  return undefined
}
