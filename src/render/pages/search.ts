/** The data of the search page (`search.eta`). */
import type { Page, Site } from '../../model/site.js'
import { layoutData, type LayoutData } from './layout.js'

interface SearchPageData extends LayoutData {
  /** Folder of the Pagefind bundle (`/news/pagefind/`), written after the build. */
  readonly pagefindUrl: string
  readonly scriptUrl: string
  readonly basePath: string
}

/**
 * Builds the data for the search page (`search.eta`). The index itself is written by
 * Pagefind after the build, into `pagefind/` beside the pages.
 *
 * @param site The whole site.
 * @param page The search page.
 */
export function searchPageData(site: Site, page: Extract<Page, { kind: 'search' }>): SearchPageData {
  return {
    ...layoutData(site, page, {
      documentTitle: `Search — ${site.config.title}`,
      description: `Search every story from ${site.config.title}.`,
      ogType: 'website',
      jsonLd: undefined,
      pageClass: 'search',
      currentSection: undefined,
      feedSegments: undefined,
      social: undefined
    }),
    pagefindUrl: `${site.config.basePath}pagefind/`,
    scriptUrl: `${site.config.basePath}assets/search.js`,
    basePath: site.config.basePath
  }
}
