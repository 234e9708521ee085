/**
 * Feeds: RSS 2.0 (`feed.xml`), Atom (`atom.xml`) and JSON Feed 1.1 (`feed.json`), with each
 * story's full sanitized body, for the whole site and for each section. The body is
 * `renderFeedBody`'s, made to read right in a reader (no `<q>`, absolute URLs), rendered
 * once per story for the site's feeds and its section's.
 *
 * Each document is built as plain data and serialized by a library: fast-xml-parser's
 * `XMLBuilder` escapes every text and attribute value, and `JSON.stringify` writes the JSON
 * Feed. Nothing here writes markup by hand. Content is untrusted, so every value also goes
 * through `xmlText`, which drops the characters XML 1.0 cannot carry at all (control
 * characters, lone surrogates): one of those and a strict reader rejects the whole feed.
 *
 * What each format asks of a field, checked against its specification:
 * - RSS 2.0 (https://www.rssboard.org/rss-specification): `<author>` is an email address,
 *   which a byline is not, so byline names go in Dublin Core's `dc:creator`, one each;
 *   `<description>` is read as HTML, so the plain-text standfirst is escaped into it.
 * - Atom (RFC 4287): the headline and standfirst are `type="text"`, the body
 *   `type="html"`; every entry has an author (the feed's, the publisher, stands in for
 *   stories without a byline, §4.1.1); `<category>` needs `term`.
 * - JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/): `title` and `summary` are plain
 *   text, the body is `content_html`, bylines are `authors`.
 */
import { XMLBuilder } from 'fast-xml-parser'
import type { Article, ArticleCard } from '../model/article.js'
import type { ArticleEntry, OutputFile, Site } from '../model/site.js'
import { feedRoutes, type FeedRoute } from '../site/feed-routes.js'
import { renderFeedBody } from './body.js'
import { publishThreshold } from '../quotes/policy.js'
import { isoWithOffset } from './iso-offset.js'

/** Newest stories per feed: enough for any reader polling daily, small enough to fetch fast. */
export const feedItemLimit = 50

/** Names the generator in every feed. */
const generatorName = 'Dateline'

/**
 * Renders the site's feeds and every section's.
 *
 * @param site The site model; articles are newest first.
 * @param whole Each listed story in full, from its card: the feeds carry whole bodies.
 * @returns Three files for the site, then three per section.
 */
export function renderFeeds(site: Site, whole: (card: ArticleCard) => Article): OutputFile[] {
  return feedSets(site).flatMap((set) => renderFeedSet(site, set, listedEntries(set).map((entry) => ({ ...entry, article: whole(entry.article) }))))
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

/** A listed story at its place in the site, read in full: what a feed item is made from. */
export interface WholeEntry extends ArticleEntry {
  readonly article: Article
}

/** What all three formats say about one feed, in the formats' common terms. */
interface FeedModel {
  readonly title: string
  readonly description: string
  readonly language: string
  /** Absolute URL of the folder's front page. */
  readonly homeUrl: string
  readonly feedUrls: Readonly<Record<FeedRoute['format'], string>>
  /** The newest story's time: a rebuild of the same content gives the same bytes. */
  readonly updated: Date
  readonly publisher: string
  readonly copyright: string
  readonly logo: string | undefined
  readonly items: readonly FeedItem[]
}

interface FeedItem {
  /** Absolute URL of the story, also its permanent id. */
  readonly url: string
  /** Plain text. */
  readonly title: string
  /** Plain text, when the story has a standfirst. */
  readonly summary: string | undefined
  /** Sanitized HTML. */
  readonly contentHtml: string
  readonly published: Date
  readonly updated: Date
  readonly authors: readonly string[]
  /** The section's name, then the tags. */
  readonly categories: readonly string[]
}

/**
 * Render one feed set's three files.
 *
 * @param listed The set's `listedEntries`, each story read in full.
 */
export function renderFeedSet(site: Site, set: FeedSet, listed: readonly WholeEntry[]): OutputFile[] {
  const model = feedModel(site, set, listed)
  return set.routes.map((route) => ({
    path: route.outputPath,
    contents: route.format === 'rss' ? rss2(model) : route.format === 'atom' ? atom(model) : jsonFeed(model),
  }))
}

function feedModel(site: Site, set: FeedSet, listed: readonly WholeEntry[]): FeedModel {
  const { config } = site
  const absolute = (url: string): string => config.baseUrl + url
  const urlOf = (format: FeedRoute['format']): string => absolute(set.routes.find((route) => route.format === format)?.url ?? '')
  // A bare date is midnight in the site's zone, not in UTC.
  const instant = (value: string): Date => new Date(isoWithOffset(value, config.timeZone))
  const newest = set.entries[0]?.article
  const updated = instant(newest?.updated ?? newest?.published ?? '1970-01-01T00:00:00Z')
  return {
    title: set.title,
    description: set.description,
    language: config.language,
    homeUrl: absolute(set.homeUrl),
    feedUrls: { rss: urlOf('rss'), atom: urlOf('atom'), json: urlOf('json') },
    updated,
    publisher: config.publisher,
    copyright: `© ${updated.getUTCFullYear()} ${config.publisher}`,
    logo: config.publisherLogo === undefined ? undefined : absoluteLogo(site, config.publisherLogo),
    items: listed.map((entry) => itemOf(entry.article, absolute(entry.url), instant, site.imageUrls?.[entry.article.id], publishThreshold(config))),
  }
}

/** @param threshold The site's `attribution.threshold`: the body names a speaker only where it is published. */
function itemOf(article: Article, url: string, instant: (value: string) => Date, imageUrls: Readonly<Record<string, string>> | undefined, threshold: number): FeedItem {
  return {
    url,
    title: article.headline,
    summary: article.standfirst,
    contentHtml: renderFeedBody(article, url, imageUrls, threshold),
    published: instant(article.published),
    updated: instant(article.updated ?? article.published),
    authors: article.byline?.names ?? [],
    categories: [article.section, ...article.tags],
  }
}

/**
 * Keeps only the characters XML 1.0 allows (https://www.w3.org/TR/xml/#charsets): tab,
 * line feed, carriage return and U+0020 up, without lone surrogates, U+FFFE and U+FFFF.
 * Escaping cannot save the others: a character reference to them is not well-formed either.
 */
export function xmlText(value: string): string {
  return disallowed.test(value) ? value.replace(disallowedGlobal, '') : value
}

const disallowed = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u
const disallowedGlobal = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu

/** The one XML serializer of the feeds: escapes `& < > " '` in every value. */
const xml = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  format: true,
  indentBy: '  ',
  suppressEmptyNode: true,
  // `term="true"` must stay an attribute with a value: XML has no bare attributes.
  suppressBooleanAttributes: false,
  processEntities: true,
  tagValueProcessor: (_name: string, value: unknown) => (typeof value === 'string' ? xmlText(value) : value),
  attributeValueProcessor: (_name: string, value: unknown) => (typeof value === 'string' ? xmlText(value) : value),
})

const declaration = { '@_version': '1.0', '@_encoding': 'UTF-8' }

/** A text element with attributes. */
const withAttributes = (text: string, attributes: Record<string, string>): Record<string, string> => ({
  ...Object.fromEntries(Object.entries(attributes).map(([name, value]) => [`@_${name}`, value])),
  '#text': text,
})

/** RSS 2.0 with the content and Dublin Core modules and Atom's `self` link. */
function rss2(feed: FeedModel): string {
  const channel = {
    title: feed.title,
    link: feed.homeUrl,
    description: feed.description,
    language: feed.language,
    copyright: feed.copyright,
    lastBuildDate: feed.updated.toUTCString(),
    generator: generatorName,
    docs: 'https://www.rssboard.org/rss-specification',
    ...(feed.logo === undefined ? {} : { image: { url: feed.logo, title: feed.title, link: feed.homeUrl } }),
    'atom:link': { '@_href': feed.feedUrls.rss, '@_rel': 'self', '@_type': 'application/rss+xml' },
    item: feed.items.map((item) => ({
      title: item.title,
      link: item.url,
      // The description is read as HTML: the plain-text standfirst is escaped to stay text.
      ...(item.summary === undefined ? {} : { description: escapeHtmlText(item.summary) }),
      'content:encoded': item.contentHtml,
      // `<author>` must be an email address; a byline is names.
      ...(item.authors.length === 0 ? {} : { 'dc:creator': [...item.authors] }),
      category: [...item.categories],
      guid: withAttributes(item.url, { isPermaLink: 'true' }),
      pubDate: item.published.toUTCString(),
    })),
  }
  return `${xml.build({
    '?xml': declaration,
    rss: {
      '@_version': '2.0',
      '@_xmlns:atom': 'http://www.w3.org/2005/Atom',
      '@_xmlns:content': 'http://purl.org/rss/1.0/modules/content/',
      '@_xmlns:dc': 'http://purl.org/dc/elements/1.1/',
      channel,
    },
  })}`
}

/** Atom (RFC 4287). */
function atom(feed: FeedModel): string {
  const text = (value: string): Record<string, string> => withAttributes(value, { type: 'text' })
  const document = {
    '@_xmlns': 'http://www.w3.org/2005/Atom',
    '@_xml:lang': feed.language,
    id: feed.homeUrl,
    title: text(feed.title),
    subtitle: text(feed.description),
    updated: feed.updated.toISOString(),
    // Stands in for the author of every entry without a byline (RFC 4287 §4.1.1).
    author: { name: feed.publisher },
    link: [
      { '@_rel': 'alternate', '@_type': 'text/html', '@_href': feed.homeUrl },
      { '@_rel': 'self', '@_type': 'application/atom+xml', '@_href': feed.feedUrls.atom },
    ],
    generator: generatorName,
    ...(feed.logo === undefined ? {} : { logo: feed.logo }),
    rights: text(feed.copyright),
    entry: feed.items.map((item) => ({
      id: item.url,
      title: text(item.title),
      link: { '@_rel': 'alternate', '@_type': 'text/html', '@_href': item.url },
      published: item.published.toISOString(),
      updated: item.updated.toISOString(),
      ...(item.authors.length === 0 ? {} : { author: item.authors.map((name) => ({ name })) }),
      category: item.categories.map((term) => ({ '@_term': term })),
      ...(item.summary === undefined ? {} : { summary: text(item.summary) }),
      content: withAttributes(item.contentHtml, { type: 'html' }),
    })),
  }
  return xml.build({ '?xml': declaration, feed: document })
}

/** JSON Feed 1.1. */
function jsonFeed(feed: FeedModel): string {
  const document = {
    version: 'https://jsonfeed.org/version/1.1',
    title: feed.title,
    home_page_url: feed.homeUrl,
    feed_url: feed.feedUrls.json,
    description: feed.description,
    ...(feed.logo === undefined ? {} : { icon: feed.logo }),
    language: feed.language,
    items: feed.items.map((item) => ({
      id: item.url,
      url: item.url,
      title: item.title,
      content_html: item.contentHtml,
      ...(item.summary === undefined ? {} : { summary: item.summary }),
      date_published: item.published.toISOString(),
      date_modified: item.updated.toISOString(),
      ...(item.authors.length === 0 ? {} : { authors: item.authors.map((name) => ({ name })) }),
      tags: [...item.categories],
    })),
  }
  return `${JSON.stringify(document, null, 2)}\n`
}

/** Plain text as HTML text: `&`, `<` and `>` escaped, so a reader shows them as written. */
function escapeHtmlText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

function absoluteLogo(site: Site, url: string): string {
  return /^https?:\/\//i.test(url) ? url : `${site.config.baseUrl}${site.config.basePath}${url.replace(/^\/+/, '')}`
}
