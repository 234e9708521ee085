/**
 * The site's machine-readable files beside its pages: feeds, sitemaps and `robots.txt`.
 * One entry point so the build adds them in one line, whatever else it renders.
 */
import type { OutputFile, Page, Site } from '../model/site.js'
import { renderFeeds } from './feeds.js'
import { renderSitemaps } from './sitemaps.js'

/**
 * Renders the feeds (site and sections), `sitemap.xml`, `news-sitemap.xml` and `robots.txt`.
 *
 * @param site The site model.
 * @param pages Every planned page, for the sitemap.
 * @param options `now`: the build's time, which ends the news sitemap's two-day window
 *   (default: the newest story's publication time).
 */
export async function renderSiteOutputs(site: Site, pages: readonly Page[], options: { readonly now?: string | undefined } = {}): Promise<OutputFile[]> {
  return [...renderFeeds(site), ...(await renderSitemaps(site, pages, options))]
}
