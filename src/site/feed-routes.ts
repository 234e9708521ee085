/**
 * Where the feeds live: `feed.xml` (RSS 2.0), `atom.xml` and `feed.json` (JSON Feed 1.1) at
 * the site root for every story, and the same three in each section's folder. Decided here
 * once, so the pages' autodiscovery links and the feed files cannot disagree.
 */
import { folderRoute } from './routes.js'

export type FeedFormat = 'rss' | 'atom' | 'json'

/** One feed file: its format, URL (with base path) and output path. */
export interface FeedRoute {
  readonly format: FeedFormat
  readonly url: string
  readonly outputPath: string
}

const fileNames: Readonly<Record<FeedFormat, string>> = { rss: 'feed.xml', atom: 'atom.xml', json: 'feed.json' }

/**
 * The three feeds of a folder: `[]` for the site, `['world']` for a section.
 *
 * @param basePath The site's base path.
 * @param segments The folder's segments.
 */
export function feedRoutes(basePath: string, segments: readonly string[]): FeedRoute[] {
  const folder = folderRoute(basePath, segments)
  const prefix = folder.outputPath.replace(/index\.html$/, '')
  return (Object.keys(fileNames) as FeedFormat[]).map((format) => ({
    format,
    url: `${folder.url}${fileNames[format]}`,
    outputPath: `${prefix}${fileNames[format]}`,
  }))
}
