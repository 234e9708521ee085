/**
 * Feeds: RSS 2.0 (`feed.xml`), Atom (`atom.xml`) and JSON Feed 1.1 (`feed.json`), with each
 * story's full sanitized body, for the whole site and for each section. `renderBody` renders
 * a body once per article, so the feeds reuse what the story's page rendered. The `feed`
 * package builds and escapes the XML; nothing here writes markup by hand.
 */
import { Feed, type Item } from 'feed'
import type { ArticleEntry, OutputFile, Site } from '../model/site.js'
import { feedRoutes, type FeedRoute } from '../site/feed-routes.js'
import { renderBody } from './body.js'
import { publishThreshold } from '../quotes/policy.js'
import { isoWithOffset } from './iso-offset.js'

/** Newest stories per feed: enough for any reader polling daily, small enough to fetch fast. */
export const feedItemLimit = 50

/**
 * Renders the site's feeds and every section's.
 *
 * @param site The site model; articles are newest first.
 * @returns Three files for the site, then three per section.
 */
export function renderFeeds(site: Site): OutputFile[] {
  return feedSets(site).flatMap((set) => renderFeedSet(site, set))
}

/** The three feeds of one folder (the site's or a section's) and the stories they list. */
export interface FeedSet {
  readonly routes: readonly FeedRoute[]
  readonly title: string
  readonly description: string
  readonly homeUrl: string
  /** Every story of the folder, newest first; the feeds list the first `feedItemLimit`. */
  readonly entries: readonly ArticleEntry[]
}

/** The site's feed sets: the site's own, then one per section. */
export function feedSets(site: Site): FeedSet[] {
  const { config } = site
  return [
    { routes: feedRoutes(config.basePath, []), title: config.title, description: config.description, homeUrl: config.basePath, entries: site.articles },
    ...site.sections.map((section) => ({
      routes: feedRoutes(config.basePath, [section.slug]),
      title: `${section.name} — ${config.title}`,
      description: `${section.name} from ${config.title}.`,
      homeUrl: section.url,
      entries: section.articles,
    })),
  ]
}

/** The stories a feed set shows in full (bodies and all): its newest `feedItemLimit`. */
export function listedEntries(set: FeedSet): readonly ArticleEntry[] {
  return set.entries.slice(0, feedItemLimit)
}

/** Render one feed set's three files. */
export function renderFeedSet(site: Site, { routes, title, description, homeUrl, entries }: FeedSet): OutputFile[] {
  const { config } = site
  const absolute = (url: string): string => config.baseUrl + url
  const urlOf = (format: FeedRoute['format']): string => absolute(routes.find((route) => route.format === format)?.url ?? '')
  const newest = entries[0]?.article
  // The newest story's time, never the clock's: rebuilding the same content gives the same bytes.
  const updated = new Date(isoWithOffset(newest?.updated ?? newest?.published ?? '1970-01-01T00:00:00Z', config.timeZone))
  const feed = new Feed({
    id: absolute(homeUrl),
    title,
    description,
    link: absolute(homeUrl),
    language: config.language,
    updated,
    generator: 'Dateline',
    copyright: `© ${updated.getUTCFullYear()} ${config.publisher}`,
    feedLinks: { rss: urlOf('rss'), atom: urlOf('atom'), json: urlOf('json') },
    ...(config.publisherLogo === undefined ? {} : { image: absoluteLogo(site, config.publisherLogo) }),
  })
  const listed = listedEntries({ routes, title, description, homeUrl, entries })
  for (const entry of listed) feed.addItem(itemOf(site, entry, renderBody(entry.article, publishThreshold(config))))
  const itemAuthors = listed.map((entry) => entry.article.byline?.names ?? [])
  return routes.map((route) => ({
    path: route.outputPath,
    contents: route.format === 'rss' ? feed.rss2() : route.format === 'atom' ? feed.atom1() : jsonFeed11(feed.json1(), config.language, itemAuthors),
  }))
}

function itemOf(site: Site, entry: ArticleEntry, bodyHtml: string): Item {
  const { article } = entry
  const url = site.config.baseUrl + entry.url
  // A bare date is midnight in the site's zone, not in UTC.
  const instant = (value: string): Date => new Date(isoWithOffset(value, site.config.timeZone))
  return {
    title: article.headline,
    id: url,
    guid: url,
    link: url,
    date: instant(article.updated ?? article.published),
    published: instant(article.published),
    content: bodyHtml,
    ...(article.standfirst === undefined ? {} : { description: article.standfirst }),
    ...(article.byline ? { author: article.byline.names.map((name) => ({ name })) } : {}),
    category: [{ name: article.section }, ...article.tags.map((tag) => ({ name: tag }))],
  }
}

interface JsonFeedAuthor {
  readonly name?: string
  readonly url?: string
}

interface JsonFeedObject {
  version?: string
  language?: string
  author?: JsonFeedAuthor
  authors?: JsonFeedAuthor[]
  items?: { author?: JsonFeedAuthor; authors?: JsonFeedAuthor[] }[]
}

/**
 * The `feed` package writes JSON Feed 1.0. Version 1.1 (https://www.jsonfeed.org/version/1.1/)
 * replaces `author` with an `authors` list and adds `language`; the rest is the same, so the
 * document is lifted rather than rebuilt. The package names one author per item, so the
 * full byline list is put back from `itemAuthors`.
 */
function jsonFeed11(json: string, language: string, itemAuthors: readonly (readonly string[])[]): string {
  const document = JSON.parse(json) as JsonFeedObject
  document.version = 'https://jsonfeed.org/version/1.1'
  document.language = language
  if (document.author) {
    document.authors = [document.author]
    delete document.author
  }
  for (const [index, item] of (document.items ?? []).entries()) {
    const names = itemAuthors[index] ?? []
    delete item.author
    if (names.length > 0) item.authors = names.map((name) => ({ name }))
  }
  return `${JSON.stringify(document, null, 2)}\n`
}

function absoluteLogo(site: Site, url: string): string {
  return /^https?:\/\//i.test(url) ? url : `${site.config.baseUrl}${site.config.basePath}${url.replace(/^\/+/, '')}`
}
