/** The data of a tag's or an author's listing page (`tag.eta`, `author.eta`). */
import type { Page, Site } from '../../model/site.js'
import { serializeJsonLd } from '../json-ld.js'
import { layoutData, type LayoutData } from './layout.js'
import { collectionLd } from './schema-org.js'
import { pagerView, type PagerView, storyCard, type StoryCard } from './views.js'

interface ListingPageData extends LayoutData {
  /** Small label above the heading: `Tag`, `Author`, or undefined. */
  readonly kicker: string | undefined
  readonly heading: string
  readonly stories: readonly StoryCard[]
  readonly pager: PagerView
  readonly allTagsUrl: string | undefined
}

/**
 * Builds the data for a tag's or an author's listing page (`tag.eta`, `author.eta`).
 *
 * @param site The whole site.
 * @param page The tag or author page with its pager.
 */
export function listingPageData(site: Site, page: Extract<Page, { kind: 'tag' | 'author' }>): ListingPageData {
  const entry = page.kind === 'tag' ? page.tag : page.author
  const kicker = page.kind === 'tag' ? 'Tag' : 'Author'
  const pageSuffix = page.pager.number > 1 ? ` (page ${page.pager.number})` : ''
  return {
    ...layoutData(site, page, {
      documentTitle: `${entry.name}${pageSuffix} — ${site.config.title}`,
      description: page.kind === 'tag' ? `Stories tagged ${entry.name} from ${site.config.title}.` : `Stories by ${entry.name} from ${site.config.title}.`,
      ogType: page.kind === 'author' ? 'profile' : 'website',
      jsonLd: serializeJsonLd(collectionLd(page.kind === 'author' ? 'ProfilePage' : 'CollectionPage', `${entry.name} — ${site.config.title}`, site.config.baseUrl + page.url)),
      pageClass: page.kind,
      currentSection: undefined,
      feedSegments: undefined,
      social: undefined
    }),
    kicker,
    heading: entry.name,
    stories: page.pager.items.map((item) => storyCard(site, item)),
    pager: pagerView(page.pager),
    allTagsUrl: page.kind === 'tag' ? site.config.basePath + 'tags/' : undefined
  }
}
