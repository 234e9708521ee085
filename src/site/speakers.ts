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
 *
 * The site's people file (`PeopleDirectory`) comes first: a name that is an entry's name or
 * alias joins that entry's page, under the entry's name and role; a variant of it merges as
 * above unless the entry lists it as `distinct`.
 *
 * Only published attributions count (`isPublished` at the site's threshold): a speaker
 * whose every quote is held back has no page, and is in no count.
 */
import type { Article, ArticleCard, Block, CardQuote, Person, PersonKind, Quote } from '../model/article.js'
import type { ArticleEntry } from '../model/site.js'
import type { DescribedSpeaker, PeopleDirectory, PeopleFileEntry, QuoteEntry, SpeakerEntry } from '../model/speakers.js'
import { memoize } from '../memo.js'
import { DEFAULT_PUBLISH_THRESHOLD, publishedSpeakerId } from '../quotes/policy.js'
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
  /** The people file's entry for this speaker, if it has one. */
  entry: PeopleFileEntry | undefined
  names: Map<string, number>
  /** The kind of its first member (a people-file entry nobody has joined yet has none). */
  kind: PersonKind | undefined
  roles: Map<string, number>
  members: { article: ArticleEntry; person: Person; quotes: readonly CardQuote[] }[]
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1)
}

function byCount(map: ReadonlyMap<string, number>): string[] {
  return [...map.entries()].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length || (a[0] < b[0] ? -1 : 1)).map(([key]) => key)
}

/** An article's quotes by published speaker id, in reading order. */
function quotesBySpeaker(article: ArticleCard, threshold: number): Map<string, CardQuote[]> {
  const bySpeaker = new Map<string, CardQuote[]>()
  for (const quote of article.quotes) {
    const speakerId = publishedSpeakerId(quote, threshold)
    if (speakerId === undefined) continue
    const list = bySpeaker.get(speakerId)
    if (list === undefined) bySpeaker.set(speakerId, [quote])
    else list.push(quote)
  }
  return bySpeaker
}

/** A name as the people file is matched: its words without honorifics, case or accents. */
export function nameKey(name: string): string {
  return nameWords(name).join(' ')
}

/** What `indexSpeakers` needs besides the articles. */
export interface SpeakerIndexOptions {
  /** The confidence a speaker needs to be published (default: `DEFAULT_PUBLISH_THRESHOLD`). */
  readonly threshold?: number
  /** The site's people file (default: none). */
  readonly directory?: PeopleDirectory | undefined
}

/** The people file as lookups: entry by any of its names, and each entry's distinct names. */
interface DirectoryIndex {
  readonly byName: ReadonlyMap<string, PeopleFileEntry>
  readonly distinct: ReadonlyMap<PeopleFileEntry, ReadonlySet<string>>
}

function indexDirectory(directory: PeopleDirectory | undefined): DirectoryIndex {
  const byName = new Map<string, PeopleFileEntry>()
  const distinct = new Map<PeopleFileEntry, ReadonlySet<string>>()
  for (const entry of directory?.people ?? []) {
    // The people file is checked when read: a name names one entry. First one wins regardless.
    for (const name of [entry.name, ...entry.aliases]) if (!byName.has(nameKey(name))) byName.set(nameKey(name), entry)
    distinct.set(entry, new Set(entry.distinct.map(nameKey)))
  }
  return { byName, distinct }
}

/** Kinds of speaker that merge across articles (a `group` is a description and never does). */
const mergeableKinds: readonly PersonKind[] = ['person', 'organization']

/** Bucket keys of a name: names that can merge share their kind and, for people, their first and last word. */
function bucketKey(kind: PersonKind, name: string): string {
  const words = nameWords(name)
  return kind === 'person' ? `person\u0000${words[0] ?? ''}\u0000${words[words.length - 1] ?? ''}` : `${kind}\u0000${words.join(' ')}`
}

/**
 * Whether a speaker is a description rather than a name: a group (`officials`, `some
 * women`), or an organisation with no capital after its article (`the company`).
 */
export function isDescription(person: Person): boolean {
  return person.kind === 'group' || (person.kind === 'organization' && !/\p{Lu}/u.test(person.name.replace(/^(?:the|a|an)\s+/iu, '')))
}

/** Whether any name of `group` (its people-file names too) names the same person as `name`. */
function hasSameName(group: Group, name: string): boolean {
  for (const known of group.names.keys()) if (isSameName(known, name)) return true
  if (group.entry !== undefined) for (const known of [group.entry.name, ...group.entry.aliases]) if (isSameName(known, name)) return true
  return false
}

/**
 * Gather the speakers of `entries` (newest first) into one entry per speaker.
 *
 * @param basePath The site's base path, for the speaker URLs.
 */
export function indexSpeakers(entries: readonly ArticleEntry[], basePath: string, options: SpeakerIndexOptions = {}): SpeakerIndex {
  const threshold = options.threshold ?? DEFAULT_PUBLISH_THRESHOLD
  const directory = indexDirectory(options.directory)
  const groups: Group[] = []
  const described: DescribedSpeaker[] = []
  // Each name is compared only within its bucket (`bucketKey`): linear in the number of speakers.
  const buckets = new Map<string, Group[]>()
  const addToBucket = (key: string, group: Group): void => {
    const bucket = buckets.get(key)
    if (bucket === undefined) buckets.set(key, [group])
    else if (!bucket.includes(group)) bucket.push(group)
  }
  // Every people-file entry has its group from the start, under each of its names, so a
  // variant merges into it whichever story comes first. Groups nobody joins are dropped.
  const entryGroups = new Map<PeopleFileEntry, Group>()
  for (const listed of new Set(directory.byName.values())) {
    const group: Group = { entry: listed, names: new Map(), kind: undefined, roles: new Map(), members: [] }
    entryGroups.set(listed, group)
    groups.push(group)
    for (const name of [listed.name, ...listed.aliases]) for (const kind of mergeableKinds) addToBucket(bucketKey(kind, name), group)
  }
  const isDistinct = (group: Group, name: string): boolean => group.entry !== undefined && (directory.distinct.get(group.entry)?.has(nameKey(name)) ?? false)
  const isKind = (group: Group, kind: PersonKind): boolean => group.kind === undefined || group.kind === kind
  for (const entry of entries) {
    // Each article's quotes are sorted by speaker once, not once per person in it.
    const speakers = quotesBySpeaker(entry.article, threshold)
    for (const person of entry.article.people) {
      const quotes = speakers.get(person.id)
      if (quotes === undefined) continue
      if (isDescription(person)) {
        described.push({ name: person.name, kind: person.kind, roles: person.role ? [person.role] : [], quotes: quotes.map((quote) => quoteEntry(entry, quote)) })
        continue
      }
      const listed = directory.byName.get(nameKey(person.name))
      let target = listed === undefined ? undefined : entryGroups.get(listed)
      if (target === undefined) {
        const key = bucketKey(person.kind, person.name)
        const bucket = buckets.get(key) ?? []
        target = bucket.find((candidate) => isKind(candidate, person.kind) && !isDistinct(candidate, person.name) && (person.kind !== 'person' || hasSameName(candidate, person.name)))
        if (target === undefined) {
          target = { entry: undefined, names: new Map(), kind: person.kind, roles: new Map(), members: [] }
          groups.push(target)
        }
        addToBucket(key, target)
      }
      target.kind ??= person.kind
      bump(target.names, person.name)
      if (person.role) bump(target.roles, person.role)
      target.members.push({ article: entry, person, quotes })
    }
  }

  const taken = new Set<string>()
  const urls = new Map<string, string>()
  const speakers = groups.flatMap((group): SpeakerEntry[] => {
    if (group.members.length === 0 || group.kind === undefined) return []
    // The people file's name, else the fullest form: `Hillary Rodham Clinton` over `Hillary Clinton`.
    const name =
      group.entry?.name ??
      [...group.names.keys()].sort((a, b) => nameWords(b).length - nameWords(a).length || (group.names.get(b) ?? 0) - (group.names.get(a) ?? 0) || (a < b ? -1 : 1))[0] ??
      ''
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
    const fileRole = group.entry?.role
    const roles = fileRole === undefined ? byCount(group.roles) : [fileRole, ...byCount(group.roles).filter((role) => role !== fileRole)]
    return [{ name, kind: group.kind, roles, slug, url, quotes, quoteCount: quotes.filter((q) => !q.isContinuation).length }]
  })
  speakers.sort((a, b) => b.quoteCount - a.quoteCount || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  return { speakers, described, urlOf: (articleId, personId) => urls.get(`${articleId}\u0000${personId}`) }
}

function quoteEntry(article: ArticleEntry, quote: CardQuote): QuoteEntry {
  const isContinuation = quote.continues !== undefined
  return { quote, article, url: `${article.url}#${quote.id}`, isContinuation, continuedBy: isContinuation ? [] : (continuationsOf(article.article).get(quote.id) ?? []) }
}

const continuations = new WeakMap<ArticleCard, ReadonlyMap<string, readonly CardQuote[]>>()

/**
 * The later parts of each split quote in an article, by the id of its first part, in
 * reading order. A part may continue the part before it rather than the first, so each
 * is followed back to the quote that begins it.
 */
export function continuationsOf(article: ArticleCard): ReadonlyMap<string, readonly CardQuote[]> {
  let byFirst = continuations.get(article)
  if (byFirst === undefined) {
    const continues = new Map(article.quotes.flatMap((quote) => (quote.continues === undefined ? [] : [[quote.id, quote.continues] as const])))
    const found = new Map<string, CardQuote[]>()
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

/** Length of a pull quote that reads well set large: characters, and words. */
const pullQuoteLength = { min: 40, max: 200 }
const pullQuoteWords = { min: 7, max: 36 }

/** Paragraphs a reader has read before a pull quote breaks into the story. */
const pullQuoteLead = 3

/**
 * Opening words that lean on what came before: a conjunction (`But he rejected…`), a
 * third-person pronoun or demonstrative whose antecedent is outside the quote, a discourse
 * adverb (`However`). Set apart from the story, such a quote does not read on its own.
 */
const leansOnContext =
  /^(?:and|but|or|nor|so|yet|because|although|though|while|whereas|which|who|whom|whose|where|that|this|these|those|he|she|it|they|him|her|them|his|hers|its|their|theirs|also|however|then|still|instead|meanwhile|otherwise|therefore|thus|besides|moreover|plus)\b/iu

/** Where the pull quote goes: before `article.body[before]`. */
export interface PullQuotePlacement {
  readonly quote: Quote
  /** Index of the top-level body block the pull quote is placed before (after `before - 1`). */
  readonly before: number
}

/**
 * Whether a quote reads on its own, set large away from its paragraph: a direct quote
 * that begins a sentence with a word that does not lean on context, ends one (not the
 * first part of a split quote, whose sentence goes on), and is of a length a reader
 * takes in at a glance.
 */
export function readsOnItsOwn(quote: Quote, article: Article): boolean {
  if (quote.kind !== 'direct' || quote.continues !== undefined || (continuationsOf(article).get(quote.id)?.length ?? 0) > 0) return false
  const text = quote.text.trim()
  const words = text.split(/\s+/u).length
  return (
    text.length >= pullQuoteLength.min &&
    text.length <= pullQuoteLength.max &&
    words >= pullQuoteWords.min &&
    words <= pullQuoteWords.max &&
    /^[\p{Lu}"“‘']/u.test(text) &&
    !leansOnContext.test(text.replace(/^["“‘']+/u, '')) &&
    /[.!?,]["”’']?$/u.test(text)
  )
}

/** The index of the top-level body block holding each paragraph or blockquote id. */
function topLevelBlocks(article: Article): Map<string, number> {
  const at = new Map<string, number>()
  const visit = (blocks: readonly Block[], index: number): void => {
    for (const block of blocks) {
      if ('id' in block) at.set(block.id, index)
      if (block.type === 'blockquote') visit(block.children, index)
      else if (block.type === 'list') for (const item of block.items) visit(item, index)
    }
  }
  article.body.forEach((block, index) => visit([block], index))
  return at
}

/**
 * Where a pull quote of the block at `quoteAt` can go: after at least `pullQuoteLead`
 * paragraphs, between a paragraph and another paragraph or a subheading, with at least one
 * block between it and the quote's own paragraph, so it never repeats what the reader has
 * just read or is about to read. The earliest such place, or undefined.
 */
function placeFor(body: readonly Block[], quoteAt: number, options: { readonly lead: number; readonly apart: boolean }): number | undefined {
  let paragraphs = 0
  for (let before = 1; before < body.length; before++) {
    const previous = body[before - 1]
    const next = body[before]
    if (previous?.type === 'paragraph') paragraphs++
    if (paragraphs < options.lead || previous?.type !== 'paragraph' || (next?.type !== 'paragraph' && next?.type !== 'subheading')) continue
    if (options.apart && quoteAt >= 0 && quoteAt >= before - 1 && quoteAt <= before) continue
    return before
  }
  return undefined
}

/**
 * The quote to feature on an article page and where it goes in the body.
 *
 * The front matter `pullquote` (a quote id or words from one) names the quote when it
 * names one; it is placed as below, or, in a story too short for that, after its first
 * paragraph (or last, in a story of one).
 *
 * Otherwise a quote that reads on its own (`readsOnItsOwn`) of a named speaker whose
 * attribution is published (`isPublished` at `threshold`), the most-quoted such speaker
 * first and the longest of theirs, placed after the opening paragraphs and away from its
 * own (`placeFor`); a story with no such quote and place has none.
 *
 * @param threshold The confidence a speaker needs to be published (the site's `attribution.threshold`).
 */
export function placePullQuote(article: Article, threshold: number = DEFAULT_PUBLISH_THRESHOLD): PullQuotePlacement | undefined {
  const blocks = topLevelBlocks(article)
  const blockOf = (quote: Quote): number => blocks.get(quote.paragraphId) ?? -1
  if (article.pullquote !== undefined) {
    const wanted = article.pullquote.trim()
    const normalise = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()
    const named = article.quotes.find((quote) => quote.id === wanted) ?? article.quotes.find((quote) => normalise(quote.text).includes(normalise(wanted)))
    if (named) {
      const at = blockOf(named)
      const before =
        placeFor(article.body, at, { lead: pullQuoteLead, apart: true }) ??
        placeFor(article.body, at, { lead: 1, apart: true }) ??
        placeFor(article.body, at, { lead: 1, apart: false }) ??
        Math.min(1, article.body.length)
      return { quote: named, before }
    }
  }
  const counts = new Map<string, number>()
  for (const quote of article.quotes) {
    const speakerId = publishedSpeakerId(quote, threshold)
    if (speakerId !== undefined && quote.continues === undefined) bump(counts, speakerId)
  }
  const people = new Map(article.people.map((person) => [person.id, person]))
  for (const speakerId of byCount(counts)) {
    const speaker = people.get(speakerId)
    if (speaker === undefined || isDescription(speaker)) continue
    const candidates = article.quotes.filter((quote) => publishedSpeakerId(quote, threshold) === speakerId && blockOf(quote) >= 0 && readsOnItsOwn(quote, article))
    for (const quote of candidates.sort((a, b) => b.text.length - a.text.length)) {
      const before = placeFor(article.body, blockOf(quote), { lead: pullQuoteLead, apart: true })
      if (before !== undefined) return { quote, before }
    }
  }
  return undefined
}

/** The quote `placePullQuote` features, if any, at `threshold` (`isPublished`). */
export function choosePullQuote(article: Article, threshold: number = DEFAULT_PUBLISH_THRESHOLD): Quote | undefined {
  return placePullQuote(article, threshold)?.quote
}
