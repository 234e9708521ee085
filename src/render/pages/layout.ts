/**
 * What `layout.eta` reads, and so what every page's data includes: title, description,
 * canonical URL, navigation, feed autodiscovery, Open Graph and the page's JSON-LD.
 */
import type { Page, Site } from '../../model/site.js'
import { feedRoutes } from '../../site/feed-routes.js'
import { memoOf, type SiteMemo } from './site-memo.js'

/** A navigation link; `current` becomes `aria-current`. */
interface NavLink {
  readonly name: string
  readonly url: string
  readonly current: 'page' | 'true' | undefined
}

/** What `layout.eta` reads, and so what every page's data includes. */
export interface LayoutData {
  readonly lang: string
  /** The whole `<title>`: `Headline — Site`, or the site title on the front page. */
  readonly documentTitle: string
  readonly description: string
  /** Absolute URL of this page: `baseUrl` + the page URL; none for a page not to be indexed (the 404 page). */
  readonly canonicalUrl: string | undefined
  /** `<meta name="robots">`: `noindex` for a page search engines must not list (the 404 page). */
  readonly robots: string | undefined
  readonly ogType: 'article' | 'website' | 'profile'
  readonly site: {
    readonly title: string
    readonly description: string
    readonly publisher: string
    readonly homeUrl: string
    readonly stylesheetUrl: string
    readonly searchUrl: string
    /** The site's icon (`assets/favicon.svg`), with a 32 px PNG for browsers without SVG icons and a 180 px one for home screens. */
    readonly iconUrl: string
    readonly pngIconUrl: string
    readonly touchIconUrl: string
    readonly tagsUrl: string | undefined
    /** `/people/`, when the site plan made speaker pages. */
    readonly peopleUrl: string | undefined
    readonly quotesUrl: string
  }
  readonly nav: readonly NavLink[]
  /** Feeds for `<link rel="alternate">` autodiscovery: the site's, then the page's section's. */
  readonly feeds: readonly { readonly type: string; readonly title: string; readonly url: string }[]
  /** Open Graph and Twitter card extras. */
  readonly social: {
    readonly card: 'summary' | 'summary_large_image'
    readonly image: string | undefined
    readonly twitterSite: string | undefined
    readonly publishedTime: string | undefined
    readonly modifiedTime: string | undefined
    readonly section: string | undefined
    readonly tags: readonly string[]
  }
  /** Pre-serialised, `<`/`>`/`&`-escaped JSON-LD, or `undefined` for none. */
  readonly jsonLd: string | undefined
  /** `article`, `index` or `not-found`, for a class on `<body>`. */
  readonly pageClass: string
  readonly year: string
}

export interface LayoutOptions {
  readonly documentTitle: string
  readonly description: string
  readonly ogType: LayoutData['ogType']
  readonly jsonLd: string | undefined
  readonly pageClass: string
  /** URL of the section the page belongs to, marked in the navigation. */
  readonly currentSection: string | undefined
  /** Folder of the page's own feeds besides the site's (`['world']`), or undefined. */
  readonly feedSegments: readonly string[] | undefined
  readonly social: LayoutData['social'] | undefined
  /** Whether search engines may list the page (default true): else `noindex` and no canonical URL. */
  readonly indexable?: boolean
}

/**
 * The fields every page shares (`layout.eta`), for a page of any kind.
 *
 * @param options What differs per page: title, description, JSON-LD, navigation state.
 */
export function layoutData(site: Site, page: Page, options: LayoutOptions): LayoutData {
  const { config } = site
  const memo = memoOf(site)
  return {
    lang: config.language,
    documentTitle: options.documentTitle,
    description: options.description,
    canonicalUrl: options.indexable === false ? undefined : config.baseUrl + page.url,
    robots: options.indexable === false ? 'noindex' : undefined,
    ogType: options.ogType,
    site: memo.layoutSite,
    feeds: pageFeeds(site, memo, options.feedSegments),
    social: options.social ?? { card: 'summary', image: undefined, twitterSite: config.twitterSite, publishedTime: undefined, modifiedTime: undefined, section: undefined, tags: [] },
    nav: site.sections.map((section) => ({
      name: section.name,
      url: section.url,
      current: section.url === page.url ? 'page' : section.url === options.currentSection ? 'true' : undefined
    })),
    jsonLd: options.jsonLd,
    pageClass: options.pageClass,
    // The newest story's year, not the clock's, so a rebuild of the same content is
    // byte-identical.
    year: site.articles[0]?.article.published.slice(0, 4) ?? ''
  }
}

const feedTypes = { rss: 'application/rss+xml', atom: 'application/atom+xml', json: 'application/feed+json' } as const
const feedLabels = { rss: 'RSS', atom: 'Atom', json: 'JSON Feed' } as const

/** The site's feeds, then those of the page's folder (its section's), built once per folder. */
function pageFeeds(site: Site, memo: SiteMemo, segments: readonly string[] | undefined): LayoutData['feeds'] {
  const key = segments === undefined ? '' : `\0${segments.join('\0')}`
  let feeds = memo.feeds.get(key)
  if (feeds === undefined) {
    const { config } = site
    feeds = [
      ...feedLinks(config.basePath, [], config.title),
      ...(segments ? feedLinks(config.basePath, segments, `${site.sections.find((section) => section.slug === segments[0])?.name ?? segments.join(' ')} — ${config.title}`) : [])
    ]
    memo.feeds.set(key, feeds)
  }
  return feeds
}

function feedLinks(basePath: string, segments: readonly string[], title: string): LayoutData['feeds'] {
  return feedRoutes(basePath, segments).map((route) => ({ type: feedTypes[route.format], title: `${title} (${feedLabels[route.format]})`, url: route.url }))
}
