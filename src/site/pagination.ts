/**
 * Paginated listings with stable URLs: page 1 lives at the listing's own URL
 * (`/world/`), page n at `/world/page/n/`, so a story's listing page only moves when
 * newer stories push it down, and page 1 never has two addresses.
 */
import type { ArticleEntry, Pager } from '../model/site.js'
import { folderRoute, type Route } from './routes.js'

/** Stories per listing page when the configuration names none. */
export const defaultPageSize = 10

/** One page of a listing with its route. */
export interface PagedRoute {
  readonly route: Route
  readonly pager: Pager
}

/**
 * Splits `entries` into pages of `pageSize` and gives each page its route.
 *
 * @param basePath The site's base path (`/` or `/news/`).
 * @param segments The listing's folder segments (`['tags', 'budget']`).
 * @param entries The listing's articles, in display order.
 * @param pageSize Stories per page (at least 1).
 * @returns At least one page, so an empty listing still has its page 1.
 */
export function paginate(basePath: string, segments: readonly string[], entries: readonly ArticleEntry[], pageSize: number): PagedRoute[] {
  const size = Math.max(1, Math.floor(pageSize))
  const count = Math.max(1, Math.ceil(entries.length / size))
  const routeOf = (number: number): Route => folderRoute(basePath, number === 1 ? segments : [...segments, 'page', String(number)])
  const pages: PagedRoute[] = []
  for (let number = 1; number <= count; number++) {
    pages.push({
      route: routeOf(number),
      pager: {
        number,
        count,
        items: entries.slice((number - 1) * size, number * size),
        previousUrl: number > 1 ? routeOf(number - 1).url : undefined,
        nextUrl: number < count ? routeOf(number + 1).url : undefined,
      },
    })
  }
  return pages
}
