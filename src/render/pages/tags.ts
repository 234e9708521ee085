/** The data of the tag index (`tags.eta`). */
import type { Page, Site } from '../../model/site.js'
import { layoutData, type LayoutData } from './layout.js'

interface TagsPageData extends LayoutData {
  readonly tags: readonly { readonly name: string; readonly url: string; readonly count: number }[]
}

/**
 * Builds the data for the tag index (`tags.eta`): every tag with its story count.
 *
 * @param site The whole site.
 * @param page The tag index page.
 */
export function tagsPageData(site: Site, page: Extract<Page, { kind: 'tags' }>): TagsPageData {
  return {
    ...layoutData(site, page, {
      documentTitle: `Tags — ${site.config.title}`,
      description: `Every topic covered by ${site.config.title}.`,
      ogType: 'website',
      jsonLd: undefined,
      pageClass: 'tags',
      currentSection: undefined,
      feedSegments: undefined,
      social: undefined
    }),
    tags: page.tags.map((tag) => ({ name: tag.name, url: tag.url, count: tag.articles.length }))
  }
}
