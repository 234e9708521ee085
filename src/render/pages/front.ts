/** The data of the front page (`index.eta`). */
import type { Page, Site } from '../../model/site.js'
import { serializeJsonLd } from '../json-ld.js'
import { layoutData, type LayoutData } from './layout.js'
import { webSiteLd } from './schema-org.js'
import { storiesPerSection, storyCard, type StoryCard } from './views.js'

interface IndexPageData extends LayoutData {
  readonly lead: StoryCard | undefined
  /** After the lead, each section's newest stories, in section order. */
  readonly bySection: readonly { readonly id: string; readonly name: string; readonly url: string; readonly stories: readonly StoryCard[] }[]
}

/**
 * Builds the data for the front page (`index.eta`): the newest story leads.
 *
 * @param site The whole site.
 * @param page The index page; its `articles` are newest first.
 */
export function indexPageData(site: Site, page: Extract<Page, { kind: 'index' }>): IndexPageData {
  const lead = page.articles[0] ? storyCard(site, page.articles[0]) : undefined
  return {
    ...layoutData(site, page, {
      documentTitle: site.config.title,
      description: site.config.description,
      ogType: 'website',
      jsonLd: serializeJsonLd(webSiteLd(site)),
      pageClass: 'index',
      currentSection: undefined,
      feedSegments: undefined,
      social: undefined
    }),
    lead,
    bySection: site.sections.flatMap((section) => {
      const stories = section.articles.filter((entry) => entry !== page.articles[0]).slice(0, storiesPerSection)
      return stories.length === 0 ? [] : [{ id: `front-${section.slug}`, name: section.name, url: section.url, stories: stories.map((entry) => storyCard(site, entry)) }]
    }),
  }
}
