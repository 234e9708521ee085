/**
 * Sitemaps for search engines: `sitemap.xml` (every page worth indexing, through the
 * `sitemap` package) and `news-sitemap.xml` in the Google News format
 * (https://developers.google.com/search/docs/crawling-indexing/sitemaps/news-sitemap): the
 * stories of the last two days. `robots.txt` names both. Past 50,000 pages (the protocol's
 * limit per file), `sitemap.xml` is a sitemap index of `sitemap-1.xml`, `sitemap-2.xml`, ….
 */
import { Readable } from 'node:stream'
import { ErrorLevel, SitemapIndexStream, SitemapStream, streamToPromise, type SitemapItemLoose } from 'sitemap'
import type { OutputFile, Page, Site } from '../model/site.js'
import { isoToEpoch } from '../content/dates.js'
import { isoWithOffset } from './iso-offset.js'

/** Google News lists only stories published in the last two days. */
const newsWindowMs = 2 * 24 * 60 * 60 * 1000

/** The namespaces of a plain sitemap (the news sitemap adds Google News's). */
const plainXmlns = { news: false, xhtml: false, image: false, video: false }

/** URLs one sitemap file may list (https://www.sitemaps.org/protocol.html#index). */
export const urlsPerSitemap = 50_000

/** Page kinds that are not worth a search engine's visit: the 404 page and the search page. */
const unlisted: ReadonlySet<Page['kind']> = new Set(['notFound', 'search'])

export interface SitemapOptions {
  /**
   * The instant the news window ends at (ISO date-time). Passed in so builds are
   * reproducible (default: the newest story's publication time).
   */
  readonly now?: string | undefined
  /** URLs per sitemap file before `sitemap.xml` becomes an index (default: `urlsPerSitemap`). */
  readonly urlsPerFile?: number
}

/**
 * Renders `sitemap.xml`, `news-sitemap.xml` and `robots.txt`.
 *
 * @param site The site model.
 * @param pages Every planned page; pages without value to a search engine are left out.
 * @param options The build's `now`, for the news window.
 */
export async function renderSitemaps(site: Site, pages: readonly Page[], options: SitemapOptions = {}): Promise<OutputFile[]> {
  const { config } = site
  const hostname = config.baseUrl
  const lastmodOf = new Map(site.articles.map((entry) => [entry.url, entry.article.updated ?? entry.article.published]))
  const items: SitemapItemLoose[] = pages
    .filter((page) => !unlisted.has(page.kind))
    .map((page) => {
      const lastmod = lastmodOf.get(page.url)
      return lastmod === undefined ? { url: page.url } : { url: page.url, lastmodISO: new Date(isoWithOffset(lastmod, config.timeZone)).toISOString() }
    })

  const newest = site.articles[0]?.article.published
  const end = options.now ?? newest
  const endEpoch = end === undefined ? 0 : isoToEpoch(end)
  const newsItems: SitemapItemLoose[] = site.articles
    .filter((entry) => {
      const published = isoToEpoch(entry.article.published)
      return published <= endEpoch && endEpoch - published <= newsWindowMs
    })
    .map((entry) => ({
      url: entry.url,
      news: {
        publication: { name: config.publisher, language: newsLanguage(config.language) },
        publication_date: isoWithOffset(entry.article.published, config.timeZone),
        title: entry.article.headline,
        ...(entry.article.tags.length > 0 ? { keywords: entry.article.tags.join(', ') } : {}),
      },
    }))

  const parts: SitemapItemLoose[][] = []
  const perFile = Math.max(1, options.urlsPerFile ?? urlsPerSitemap)
  for (let at = 0; at < items.length; at += perFile) parts.push(items.slice(at, at + perFile))
  const [sitemaps, newsSitemap] = await Promise.all([
    parts.length <= 1 ? toXml(items, hostname, plainXmlns).then((xml) => [{ path: 'sitemap.xml', contents: xml }]) : splitSitemaps(parts, hostname, config.basePath),
    toXml(newsItems, hostname, { ...plainXmlns, news: true }),
  ])
  const sitemapUrl = `${hostname}${config.basePath}sitemap.xml`
  const newsSitemapUrl = `${hostname}${config.basePath}news-sitemap.xml`
  return [
    ...sitemaps,
    { path: 'news-sitemap.xml', contents: newsSitemap },
    // robots.txt is read from the origin's root; when the site lives in a subfolder the
    // host's own robots.txt must name these sitemaps (see README, Deployment).
    { path: 'robots.txt', contents: ['User-agent: *', 'Allow: /', '', `Sitemap: ${sitemapUrl}`, `Sitemap: ${newsSitemapUrl}`, ''].join('\n') },
  ]
}

/** A sitemap index at `sitemap.xml` and one sitemap per part, `sitemap-1.xml` onwards. */
async function splitSitemaps(parts: readonly (readonly SitemapItemLoose[])[], hostname: string, basePath: string): Promise<OutputFile[]> {
  const files = await Promise.all(parts.map(async (part, at) => ({ path: `sitemap-${at + 1}.xml`, contents: await toXml(part, hostname, plainXmlns) })))
  const index = new SitemapIndexStream({ level: ErrorLevel.THROW })
  const xml = streamToPromise(Readable.from(files.map((file) => ({ url: `${hostname}${basePath}${file.path}` }))).pipe(index))
  return [{ path: 'sitemap.xml', contents: (await xml).toString('utf8') }, ...files]
}

/**
 * A sitemap with no URLs. The `sitemap` package refuses to end an empty stream, but a
 * quiet news day is normal: the news sitemap is then valid and empty. A constant, with
 * nothing interpolated.
 */
const emptyNewsSitemap =
  '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"></urlset>\n'

async function toXml(items: readonly SitemapItemLoose[], hostname: string, xmlns: { news: boolean; xhtml: boolean; image: boolean; video: boolean }): Promise<string> {
  if (items.length === 0 && xmlns.news) return emptyNewsSitemap
  // THROW, not the default WARN: a bad URL is a bug in the site stage, not something to log.
  const stream = new SitemapStream({ hostname, xmlns, level: ErrorLevel.THROW })
  const xml = streamToPromise(Readable.from(items).pipe(stream))
  return (await xml).toString('utf8')
}

/** Google News wants ISO 639 codes (`en`), except `zh-cn` and `zh-tw`. */
function newsLanguage(language: string): string {
  const lower = language.toLowerCase()
  return lower === 'zh-cn' || lower === 'zh-tw' ? lower : (lower.split('-')[0] ?? lower)
}
