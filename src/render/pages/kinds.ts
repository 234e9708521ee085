/**
 * The page kinds: for each kind of page the site stage plans, the template it is rendered
 * with and the function that builds that template's data. A new kind of page is one row
 * here (and its template); the compiler checks that every kind has one.
 */
import type { PageToRender, Site } from '../../model/site.js'
import { articlePageData } from './article.js'
import { indexPageData } from './front.js'
import type { LayoutData } from './layout.js'
import { listingPageData } from './listing.js'
import { notFoundPageData } from './not-found.js'
import { searchPageData } from './search.js'
import { sectionPageData } from './section.js'
import { peoplePageData, personPageData, quotesPageData } from './speakers.js'
import { tagsPageData } from './tags.js'

type PageKind = PageToRender['kind']

/** Each page by its kind: `PageOf['tag']` is a tag page. */
type PageOf = { readonly [P in PageToRender as P['kind']]: P }

/** How one kind of page is rendered. */
interface PageKindEntry<K extends PageKind> {
  /** The template's name in `templates/`, without `.eta`. */
  readonly template: string
  /** The template's data for one page of this kind. */
  readonly view: (site: Site, page: PageOf[K]) => LayoutData
}

type PageKinds = { readonly [K in PageKind]: PageKindEntry<K> }

export const pageKinds: PageKinds = {
  article: { template: 'article', view: articlePageData },
  index: { template: 'index', view: indexPageData },
  section: { template: 'section', view: sectionPageData },
  tag: { template: 'tag', view: listingPageData },
  tags: { template: 'tags', view: tagsPageData },
  author: { template: 'author', view: listingPageData },
  search: { template: 'search', view: searchPageData },
  person: { template: 'person', view: personPageData },
  people: { template: 'people', view: peoplePageData },
  quotes: { template: 'quotes', view: quotesPageData },
  notFound: { template: '404', view: notFoundPageData }
}

/**
 * The data for a page's template, from its kind's row.
 *
 * @param kind The page's kind (`page.kind`), which picks the row and ties `page` to it.
 */
export function pageData<K extends PageKind>(site: Site, kind: K, page: PageOf[K]): LayoutData {
  const entry: PageKindEntry<K> = pageKinds[kind]
  return entry.view(site, page)
}
