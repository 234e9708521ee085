/**
 * Tags and bylines as listings: every tag and every byline name gets a page that lists
 * its stories, newest first. Names that slug alike (`Budget`, `budget`) share one page,
 * named as first seen in the newest story.
 */
import type { ArticleEntry, TaxonomyEntry } from '../model/site.js'
import { slugify } from '../parse/slug.js'
import { folderRoute } from './routes.js'

/**
 * Groups `entries` by the names `namesOf` gives each article.
 *
 * @param basePath The site's base path.
 * @param folder The listing folder: `tags` or `authors`.
 * @param entries Articles newest first; each listing keeps that order.
 * @param namesOf The article's names in this taxonomy (its tags, its byline names).
 * @returns Listings sorted by name, case-insensitively.
 */
export function groupTaxonomy(
  basePath: string,
  folder: string,
  entries: readonly ArticleEntry[],
  namesOf: (entry: ArticleEntry) => readonly string[],
): TaxonomyEntry[] {
  const groups = new Map<string, { name: string; articles: ArticleEntry[] }>()
  for (const entry of entries) {
    const seen = new Set<string>()
    for (const name of namesOf(entry)) {
      const slug = slugify(name)
      // One story lists once per listing even when its front matter repeats a tag.
      if (seen.has(slug)) continue
      seen.add(slug)
      const group = groups.get(slug)
      if (group) group.articles.push(entry)
      else groups.set(slug, { name: name.trim(), articles: [entry] })
    }
  }
  return [...groups]
    .map(([slug, group]) => ({ name: group.name, slug, url: folderRoute(basePath, [folder, slug]).url, articles: group.articles }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) || (a.slug < b.slug ? -1 : 1))
}

/**
 * The listing URL of every name as the stories write it (`Budget`, `budget ` and `BUDGET`
 * all lead to `/tags/budget/`), so render links a story's tags and byline names without
 * working out a slug again.
 */
export function urlsByName(entries: readonly ArticleEntry[], namesOf: (entry: ArticleEntry) => readonly string[], listings: readonly TaxonomyEntry[]): ReadonlyMap<string, string> {
  const bySlug = new Map(listings.map((listing) => [listing.slug, listing.url]))
  const urls = new Map<string, string>()
  for (const entry of entries) {
    for (const name of namesOf(entry)) {
      if (urls.has(name)) continue
      const url = bySlug.get(slugify(name))
      if (url !== undefined) urls.set(name, url)
    }
  }
  return urls
}
