/**
 * Permalinks: the one place where an article, a section or a listing gets its URL and its
 * output path. Every segment is a slug, so no path can leave the output folder.
 */
import type { ArticleCard } from '../model/article.js'
import { slugify } from '../parse/slug.js'

export interface Route {
  /** URL path including the site's base path, ending in `/`. */
  readonly url: string
  /** Output path relative to the output folder. */
  readonly outputPath: string
}

/** Route of a folder-style page: `segments` → `/base/a/b/` and `a/b/index.html`. */
export function folderRoute(basePath: string, segments: readonly string[]): Route {
  const joined = segments.join('/')
  return {
    url: joined === '' ? basePath : `${basePath}${joined}/`,
    outputPath: joined === '' ? 'index.html' : `${joined}/index.html`,
  }
}

/** The slug of a section name: `World News` → `world-news`. */
export function sectionSlug(section: string): string {
  return slugify(section)
}

/** `/<section>/<slug>/` for an article. */
export function articleRoute(basePath: string, article: ArticleCard): Route {
  return folderRoute(basePath, [sectionSlug(article.section), article.slug])
}
