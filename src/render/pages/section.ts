/** The data of a section front (`section.eta`). */
import type { Page, Site } from '../../model/site.js'
import { serializeJsonLd } from '../json-ld.js'
import { layoutData, type LayoutData } from './layout.js'
import { collectionLd } from './schema-org.js'
import { pagerView, type PagerView, storyCard, type StoryCard } from './views.js'

interface SectionPageData extends LayoutData {
  readonly section: { readonly name: string }
  readonly stories: readonly StoryCard[]
  readonly pager: PagerView | undefined
}

/**
 * Builds the data for a section front (`section.eta`): the section's stories, newest first.
 *
 * @param site The whole site.
 * @param page The section page.
 */
export function sectionPageData(site: Site, page: Extract<Page, { kind: 'section' }>): SectionPageData {
  const name = page.section.name
  const pageSuffix = page.pager && page.pager.number > 1 ? ` (page ${page.pager.number})` : ''
  return {
    ...layoutData(site, page, {
      documentTitle: `${name}${pageSuffix} — ${site.config.title}`,
      description: `${name}: the latest from ${site.config.title}.`,
      ogType: 'website',
      jsonLd: serializeJsonLd(collectionLd('CollectionPage', `${name} — ${site.config.title}`, site.config.baseUrl + page.url)),
      pageClass: 'section',
      currentSection: page.section.url,
      feedSegments: [page.section.slug],
      social: undefined
    }),
    section: { name },
    stories: (page.pager?.items ?? page.section.articles).map((entry) => storyCard(site, entry)),
    pager: page.pager ? pagerView(page.pager) : undefined
  }
}
