/**
 * The site stage: all parsed articles → the `Site` (URLs decided once, listings sorted) and
 * the pages to render. Site-wide checks live here, such as two articles on one URL.
 */
import type { ArticleCard } from '../model/article.js'
import type { ArticleEntry, Page, SectionEntry, Site, SiteConfig } from '../model/site.js'
import type { DescribedSpeaker, PeopleDirectory, QuoteEntry } from '../model/speakers.js'
import { publishThreshold } from '../quotes/policy.js'
import { isoToEpoch } from '../content/dates.js'
import { type ImageCopy, type ImageFileFound, type ImageProblem, planImages } from './images.js'
import { indexSpeakers } from './speakers.js'
import { articleRoute, folderRoute, sectionSlug } from './routes.js'
import { defaultPageSize, paginate } from './pagination.js'
import { groupTaxonomy, urlsByName } from './taxonomies.js'

/** Two or more articles that would be written to one URL, or one whose section URL the site itself uses. */
export interface UrlCollision {
  readonly url: string
  readonly sourcePaths: readonly string[]
  /** Set when the URL is taken by the site's own pages (`/people/`), not by another article. */
  readonly isReserved?: boolean
}

/** First URL segments the site's own pages use; no section may take them. */
export const reservedSegments: ReadonlySet<string> = new Set(['tags', 'authors', 'people', 'quotes', 'search', 'assets', 'pagefind', 'pagefind-delta', 'page'])

/** What the site stage needs besides the articles and the configuration. */
export interface PlanOptions {
  /**
   * The build's "now" (ISO date-time with offset). Articles dated later are left out until
   * their time. Passed in, never read from the clock here, so a build is reproducible
   * (default: none, so nothing counts as future).
   */
  readonly now?: string | undefined
  /** The site's people file (`content/people.yml`): canonical names, roles, aliases (default: none). */
  readonly people?: PeopleDirectory | undefined
  /**
   * The image files in the content folder (default: none known: every image still gets
   * its URL, but nothing is copied and nothing reported missing).
   */
  readonly imageFiles?: ReadonlyMap<string, ImageFileFound> | undefined
}

export interface SitePlan {
  readonly site: Site
  readonly pages: readonly Page[]
  readonly collisions: readonly UrlCollision[]
  /** Articles dated after the build's `now`, soonest first: left out until a build after their time. */
  readonly scheduled: readonly ArticleCard[]
  /** Image files to copy into the output, and the images stories use that would be missing. */
  readonly images: { readonly copies: readonly ImageCopy[]; readonly problems: readonly ImageProblem[] }
}

/** Each article's publication time in ms: sorting compares every article many times. */
const epochs = new WeakMap<ArticleCard, number>()
function epochOf(article: ArticleCard): number {
  let epoch = epochs.get(article)
  if (epoch === undefined) {
    epoch = isoToEpoch(article.published)
    epochs.set(article, epoch)
  }
  return epoch
}

/** Newest first; equal times by headline, then source path, so the order never depends on load order. */
function compareEntries(a: ArticleEntry, b: ArticleEntry): number {
  const byDate = epochOf(b.article) - epochOf(a.article)
  if (byDate !== 0) return byDate
  if (a.article.headline !== b.article.headline) return a.article.headline < b.article.headline ? -1 : 1
  return a.article.sourcePath < b.article.sourcePath ? -1 : a.article.sourcePath > b.article.sourcePath ? 1 : 0
}

/** A section as readers see it: `world` → `World`; a name with capitals is kept as written (`U.S. News`). */
export function sectionTitle(section: string): string {
  return section === section.toLowerCase() ? section.replace(/(^|[\s-])(\p{Ll})/gu, (_, lead: string, letter: string) => lead + letter.toUpperCase()) : section
}

/**
 * Place `articles` in a site. Articles whose URL collides are all left out (and reported
 * in `collisions`), so the build never publishes one in place of another by chance.
 *
 * @param articles Each story's card (`cardEntry`): all the site stage reads of a story.
 */
export function planSite(articles: readonly ArticleCard[], config: SiteConfig, options: PlanOptions = {}): SitePlan {
  const byUrl = new Map<string, ArticleEntry[]>()
  const nowEpoch = options.now === undefined ? Number.POSITIVE_INFINITY : isoToEpoch(options.now)
  const collisions: UrlCollision[] = []
  const scheduled: ArticleCard[] = []
  for (const article of articles) {
    if (epochOf(article) > nowEpoch) {
      scheduled.push(article)
      continue
    }
    const route = articleRoute(config.basePath, article)
    if (reservedSegments.has(sectionSlug(article.section))) {
      collisions.push({ url: folderRoute(config.basePath, [sectionSlug(article.section)]).url, sourcePaths: [article.sourcePath], isReserved: true })
      continue
    }
    const entry: ArticleEntry = { article, url: route.url, outputPath: route.outputPath }
    // URLs are compared as a file system that folds case and Unicode form would see them.
    const key = route.outputPath.normalize('NFC').toLowerCase()
    byUrl.set(key, [...(byUrl.get(key) ?? []), entry])
  }
  const entries: ArticleEntry[] = []
  for (const group of byUrl.values()) {
    const first = group[0]
    if (group.length === 1 && first) entries.push(first)
    else if (first) collisions.push({ url: first.url, sourcePaths: group.map((entry) => entry.article.sourcePath).sort() })
  }
  entries.sort(compareEntries)

  const sectionMap = new Map<string, ArticleEntry[]>()
  for (const entry of entries) {
    const slug = sectionSlug(entry.article.section)
    sectionMap.set(slug, [...(sectionMap.get(slug) ?? []), entry])
  }
  const sections: SectionEntry[] = [...sectionMap.entries()]
    .map(([slug, list]) => ({ name: sectionTitle((list[0] as ArticleEntry).article.section), slug, url: folderRoute(config.basePath, [slug]).url, articles: list }))
    .sort((a, b) => orderOf(config, a.slug) - orderOf(config, b.slug) || b.articles.length - a.articles.length || (a.slug < b.slug ? -1 : 1))

  const tagsOf = (entry: ArticleEntry): readonly string[] => entry.article.tags
  const authorsOf = (entry: ArticleEntry): readonly string[] => entry.article.byline?.names ?? []
  const tags = groupTaxonomy(config.basePath, 'tags', entries, tagsOf)
  const authors = groupTaxonomy(config.basePath, 'authors', entries, authorsOf)
  const taxonomyUrls = { tags: urlsByName(entries, tagsOf, tags), authors: urlsByName(entries, authorsOf, authors) }
  const speakerIndex = indexSpeakers(entries, config.basePath, { threshold: publishThreshold(config), directory: options.people })
  const speakers = speakerIndex.speakers
  const speakerUrls = Object.fromEntries(
    entries.map((entry) => [entry.article.id, Object.fromEntries(entry.article.people.flatMap((person) => {
      const url = speakerIndex.urlOf(entry.article.id, person.id)
      return url === undefined ? [] : [[person.id, url]]
    }))]),
  )
  const images = planImages(entries, config.basePath, options.imageFiles, config.publisherLogo === undefined ? [] : [config.publisherLogo])
  const site: Site = { config, articles: entries, sections, tags, authors, taxonomyUrls, speakers, describedSpeakers: speakerIndex.described, speakerUrls, imageUrls: images.urls }
  const peopleIndex = folderRoute(config.basePath, ['people'])
  const quotesIndex = folderRoute(config.basePath, ['quotes'])
  const home = folderRoute(config.basePath, [])
  const pageSize = config.pageSize ?? defaultPageSize
  const tagsIndex = folderRoute(config.basePath, ['tags'])
  const search = folderRoute(config.basePath, ['search'])
  const pages: Page[] = [
    { kind: 'index', outputPath: home.outputPath, url: home.url, articles: entries },
    ...sections.flatMap((section) =>
      paginate(config.basePath, [section.slug], section.articles, pageSize).map(({ route, pager }): Page => ({ kind: 'section', outputPath: route.outputPath, url: route.url, section, pager })),
    ),
    ...tags.flatMap((tag) => paginate(config.basePath, ['tags', tag.slug], tag.articles, pageSize).map(({ route, pager }): Page => ({ kind: 'tag', outputPath: route.outputPath, url: route.url, tag, pager }))),
    ...(tags.length > 0 ? [{ kind: 'tags', outputPath: tagsIndex.outputPath, url: tagsIndex.url, tags } as const] : []),
    ...authors.flatMap((author) =>
      paginate(config.basePath, ['authors', author.slug], author.articles, pageSize).map(({ route, pager }): Page => ({ kind: 'author', outputPath: route.outputPath, url: route.url, author, pager })),
    ),
    { kind: 'search', outputPath: search.outputPath, url: search.url },
    ...speakers.map((speaker): Page => ({ kind: 'person', outputPath: folderRoute('', ['people', speaker.slug]).outputPath, url: speaker.url, speaker })),
    { kind: 'people', outputPath: peopleIndex.outputPath, url: peopleIndex.url, speakers },
    { kind: 'quotes', outputPath: quotesIndex.outputPath, url: quotesIndex.url, quotes: latestQuotes([...speakers, ...speakerIndex.described]) },
    ...entries.map((entry): Page => ({ kind: 'article', outputPath: entry.outputPath, url: entry.url, entry })),
    { kind: 'notFound', outputPath: '404.html', url: `${config.basePath}404.html` },
  ]
  scheduled.sort((a, b) => epochOf(a) - epochOf(b) || (a.sourcePath < b.sourcePath ? -1 : a.sourcePath > b.sourcePath ? 1 : 0))
  return { site, pages, collisions, scheduled, images: { copies: images.copies, problems: images.problems } }
}

/** How many quotes `/quotes/` lists. */
const latestQuoteCount = 100

/** The newest quotes across the site (articles newest first, quotes in reading order), split quotes as one. */
function latestQuotes(speakers: readonly DescribedSpeaker[]): QuoteEntry[] {
  // Each quote's sort keys are found once: a site has tens of thousands of quotes, and
  // finding them in the comparator was ~0.15 s of a 4,000-story plan.
  const keyed = speakers.flatMap((speaker) =>
    speaker.quotes.filter((entry) => !entry.isContinuation).map((entry) => ({ entry, epoch: epochOf(entry.article.article), url: entry.article.url, order: entry.article.article.quotes.indexOf(entry.quote) })),
  )
  keyed.sort((a, b) => b.epoch - a.epoch || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0) || a.order - b.order)
  return keyed.slice(0, latestQuoteCount).map(({ entry }) => entry)
}

/** A section's place in the configured order; unlisted sections come after, in their usual order. */
function orderOf(config: SiteConfig, slug: string): number {
  const index = (config.sectionOrder ?? []).findIndex((name) => sectionSlug(name) === slug)
  return index === -1 ? Number.MAX_SAFE_INTEGER : index
}
