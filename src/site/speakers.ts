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
import type { Article, Person, PersonKind, Quote } from '../model/article.js'
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
  members: { article: ArticleEntry; person: Person; quotes: readonly Quote[] }[]
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1)
}

function byCount(map: ReadonlyMap<string, number>): string[] {
  return [...map.entries()].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length || (a[0] < b[0] ? -1 : 1)).map(([key]) => key)
}

/** An article's quotes by published speaker id, in reading order. */
function quotesBySpeaker(article: Article, threshold: number): Map<string, Quote[]> {
  const bySpeaker = new Map<string, Quote[]>()
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

function quoteEntry(article: ArticleEntry, quote: Quote): QuoteEntry {
  return { quote, article, url: `${article.url}#${quote.id}`, isContinuation: quote.continues !== undefined }
}

/** Minimum and maximum length of a pull quote, in characters. */
const pullQuoteLength = { min: 40, max: 240 }

/**
 * The quote to feature on an article page: the front matter `pullquote` (a quote id or
 * words from one) when it names a quote; otherwise a direct quote of the most-quoted
 * published speaker, a whole sentence of readable length, the longest such.
 *
 * @param threshold The confidence a speaker needs to be published (`isPublished`).
 */
export function choosePullQuote(article: Article, threshold: number = DEFAULT_PUBLISH_THRESHOLD): Quote | undefined {
  if (article.pullquote !== undefined) {
    const wanted = article.pullquote.trim()
    const normalise = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()
    const named = article.quotes.find((quote) => quote.id === wanted) ?? article.quotes.find((quote) => normalise(quote.text).includes(normalise(wanted)))
    if (named) return named
  }
  const counts = new Map<string, number>()
  for (const quote of article.quotes) {
    const speakerId = publishedSpeakerId(quote, threshold)
    if (speakerId !== undefined && quote.continues === undefined) bump(counts, speakerId)
  }
  const ranked = byCount(counts)
  for (const speakerId of ranked) {
    const candidates = article.quotes.filter(
      (quote) =>
        publishedSpeakerId(quote, threshold) === speakerId &&
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
