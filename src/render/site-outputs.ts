/**
 * The site's machine-readable files beside its pages: feeds, sitemaps and `robots.txt`.
 * One entry point so the build adds them in one line, whatever else it renders.
 */
import type { Article } from '../model/article.js'
import type { OutputFile, Page, Site } from '../model/site.js'
import { feedSets, listedEntries, renderFeedSet } from './feeds.js'
import { renderSitemaps } from './sitemaps.js'

/** The rendered files, in parts a later build can reuse: each feed set's, and the rest. */
export interface SiteOutputs {
  /** Files of each feed set, by the set's first output path. */
  readonly feeds: ReadonlyMap<string, readonly OutputFile[]>
  /** The sitemaps and `robots.txt`. */
  readonly others: readonly OutputFile[]
}

/** Every file of `outputs`, feeds first. */
export function outputFiles(outputs: SiteOutputs): OutputFile[] {
  return [...[...outputs.feeds.values()].flat(), ...outputs.others]
}

/**
 * Renders the feeds (site and sections), `sitemap.xml`, `news-sitemap.xml` and `robots.txt`.
 *
 * @param site The site model.
 * @param pages Every planned page, for the sitemap.
 * @param options `now`: the build's time, which ends the news sitemap's two-day window
 *   (default: the newest story's publication time). `reuse`: the outputs of the last build
 *   of the same plan with only `changed` articles swapped in, whose cards did not change
 *   (see `site/reuse-plan.ts`): the sitemaps show nothing beyond cards and are kept, and a
 *   feed set is rendered again only when it lists a changed story.
 */
export async function renderSiteOutputs(
  site: Site,
  pages: readonly Page[],
  options: { readonly now?: string | undefined; readonly reuse?: { readonly last: SiteOutputs; readonly changed: ReadonlySet<Article> } | undefined } = {},
): Promise<SiteOutputs> {
  const { reuse } = options
  const feeds = new Map<string, readonly OutputFile[]>()
  for (const set of feedSets(site)) {
    const key = set.routes[0]?.outputPath ?? ''
    const kept = reuse && !listedEntries(set).some((entry) => reuse.changed.has(entry.article)) ? reuse.last.feeds.get(key) : undefined
    feeds.set(key, kept ?? renderFeedSet(site, set))
  }
  return { feeds, others: reuse ? reuse.last.others : await renderSitemaps(site, pages, options) }
}
