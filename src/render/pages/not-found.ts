/** The data of the 404 page (`404.eta`). */
import type { Page, Site } from '../../model/site.js'
import { layoutData, type LayoutData } from './layout.js'

type NotFoundPageData = LayoutData

/**
 * Builds the data for the 404 page (`404.eta`): the layout alone.
 *
 * @param site The whole site.
 * @param page The not-found page.
 */
export function notFoundPageData(site: Site, page: Extract<Page, { kind: 'notFound' }>): NotFoundPageData {
  return layoutData(site, page, {
    documentTitle: `Page not found — ${site.config.title}`,
    description: site.config.description,
    ogType: 'website',
    jsonLd: undefined,
    pageClass: 'not-found',
    currentSection: undefined,
    feedSegments: undefined,
    social: undefined,
    // Served at any missing URL: it is no page of its own to list or to point at.
    indexable: false
  })
}
