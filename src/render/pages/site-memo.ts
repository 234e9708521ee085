/**
 * What many pages of one site share, worked out once per site object (every build plans a
 * new one, so nothing outlives the content it came from).
 */
import type { ArticleEntry, SectionEntry, Site } from '../../model/site.js'
import type { LayoutData } from './layout.js'
import type { StoryCard } from './views.js'

export interface SiteMemo {
  /** Story cards by entry. */
  readonly cards: Map<ArticleEntry, StoryCard>
  /** Section name and URL by an article's `section` value (a name or a slug). */
  readonly sectionViews: Map<string, { readonly name: string; readonly url: string | undefined }>
  /** Sections by URL, the first of each. */
  readonly sectionByUrl: ReadonlyMap<string, SectionEntry>
  /** Each section's stories' positions by URL, the first of each. */
  readonly positions: Map<SectionEntry, ReadonlyMap<string, number>>
  /** The layout's site fields, the same on every page. */
  readonly layoutSite: LayoutData['site']
  /** Autodiscovery links by the page's feed folder (`''` for the site's alone). */
  readonly feeds: Map<string, LayoutData['feeds']>
}

const memos = new WeakMap<Site, SiteMemo>()

/** The site's memo, made on first use. */
export function memoOf(site: Site): SiteMemo {
  let memo = memos.get(site)
  if (memo === undefined) {
    const sectionByUrl = new Map<string, SectionEntry>()
    for (const section of site.sections) if (!sectionByUrl.has(section.url)) sectionByUrl.set(section.url, section)
    const { config } = site
    memo = {
      cards: new Map(),
      sectionViews: new Map(),
      sectionByUrl,
      positions: new Map(),
      layoutSite: {
        title: config.title,
        description: config.description,
        publisher: config.publisher,
        homeUrl: config.basePath,
        stylesheetUrl: `${config.basePath}assets/style.css`,
        searchUrl: `${config.basePath}search/`,
        iconUrl: `${config.basePath}assets/favicon.svg`,
        pngIconUrl: `${config.basePath}assets/favicon-32.png`,
        touchIconUrl: `${config.basePath}assets/apple-touch-icon.png`,
        tagsUrl: (site.tags?.length ?? 0) > 0 ? `${config.basePath}tags/` : undefined,
        peopleUrl: site.speakers === undefined ? undefined : `${config.basePath}people/`,
        quotesUrl: `${config.basePath}quotes/`
      },
      feeds: new Map()
    }
    memos.set(site, memo)
  }
  return memo
}

/** A section's stories' positions by URL (the first of each), indexed once per section. */
export function positionsOf(memo: SiteMemo, section: SectionEntry): ReadonlyMap<string, number> {
  let positions = memo.positions.get(section)
  if (positions === undefined) {
    const byUrl = new Map<string, number>()
    section.articles.forEach((entry, index) => {
      if (!byUrl.has(entry.url)) byUrl.set(entry.url, index)
    })
    positions = byUrl
    memo.positions.set(section, positions)
  }
  return positions
}
