/**
 * The site stage: all parsed articles → the `Site` (URLs decided once, listings sorted) and
 * the pages to render. Site-wide checks live here, such as two articles on one URL.
 */
import type { Article } from '../model/article.js'
import type { ArticleEntry, Page, SectionEntry, Site, SiteConfig } from '../model/site.js'
import { isoToEpoch } from '../content/dates.js'
import { articleRoute, folderRoute, sectionSlug } from './routes.js'

/** Two or more articles that would be written to one URL. */
export interface UrlCollision {
  readonly url: string
  readonly sourcePaths: readonly string[]
}

export interface SitePlan {
  readonly site: Site
  readonly pages: readonly Page[]
  readonly collisions: readonly UrlCollision[]
}

/** Newest first; equal times by headline, then source path, so the order never depends on load order. */
function compareEntries(a: ArticleEntry, b: ArticleEntry): number {
  const byDate = isoToEpoch(b.article.published) - isoToEpoch(a.article.published)
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
 */
export function planSite(articles: readonly Article[], config: SiteConfig): SitePlan {
  const byUrl = new Map<string, ArticleEntry[]>()
  for (const article of articles) {
    const route = articleRoute(config.basePath, article)
    const entry: ArticleEntry = { article, url: route.url, outputPath: route.outputPath }
    // URLs are compared as a file system that folds case and Unicode form would see them.
    const key = route.outputPath.normalize('NFC').toLowerCase()
    byUrl.set(key, [...(byUrl.get(key) ?? []), entry])
  }
  const collisions: UrlCollision[] = []
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
    .sort((a, b) => b.articles.length - a.articles.length || (a.slug < b.slug ? -1 : 1))

  const site: Site = { config, articles: entries, sections }
  const home = folderRoute(config.basePath, [])
  const pages: Page[] = [
    { kind: 'index', outputPath: home.outputPath, url: home.url, articles: entries },
    ...sections.map((section): Page => ({ kind: 'section', outputPath: folderRoute('', [section.slug]).outputPath, url: section.url, section })),
    ...entries.map((entry): Page => ({ kind: 'article', outputPath: entry.outputPath, url: entry.url, entry })),
    { kind: 'notFound', outputPath: '404.html', url: `${config.basePath}404.html` },
  ]
  return { site, pages, collisions }
}
