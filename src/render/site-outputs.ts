/**
 * The site's machine-readable files beside its pages: feeds, sitemaps and `robots.txt`.
 * One entry point so the build adds them in one line, whatever else it renders.
 */
import type { Article, ArticleCard } from '../model/article.js'
import type { KeptFile, OutputFile, Page, Site } from '../model/site.js'
import { type FeedSet, feedSets, listedEntries, renderFeedSet } from './feeds.js'
import { renderSitemaps } from './sitemaps.js'

/** The rendered files, in parts a later build can reuse: each feed set's, and the rest. */
export interface SiteOutputs {
  /** Files of each feed set, by the set's first output path. */
  readonly feeds: ReadonlyMap<string, readonly OutputFile[]>
  /** The sitemaps and `robots.txt`. */
  readonly others: readonly OutputFile[]
  /** Feed files taken unchanged from the previous output folder (see `previous`). */
  readonly kept: readonly KeptFile[]
  /** Each feed file's input fingerprint, for the next build's page store. */
  readonly inputs: ReadonlyMap<string, string>
}

/** Feed files of the last output folder, by the fingerprint of what they were made from. */
export interface PreviousFeeds {
  readonly inputs: (outputPath: string) => string | undefined
  readonly kept: (outputPath: string) => Promise<KeptFile | undefined>
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
 *   of the same plan, with the `changed` articles (as the plan holds them) edited since
 *   without a change to their cards: the sitemaps show nothing beyond cards and are kept,
 *   and a feed set is rendered again only when it lists a changed story (read in full
 *   through `full`).
 */
export async function renderSiteOutputs(
  site: Site,
  pages: readonly Page[],
  options: {
    readonly now?: string | undefined
    readonly reuse?: { readonly last: SiteOutputs; readonly changed: ReadonlySet<ArticleCard> } | undefined
    /** A fingerprint of everything a feed set's files are made from (its stories in full, their URLs, the configuration, the code). */
    readonly fingerprint?: ((set: FeedSet) => string) | undefined
    /** The last output folder's feeds: a set whose fingerprint matches is linked, not rendered. */
    readonly previous?: PreviousFeeds | undefined
    /** Reads a listed story in full from its card: the feeds carry whole bodies. */
    readonly full: (card: ArticleCard) => Promise<Article>
  },
): Promise<SiteOutputs> {
  const { reuse, fingerprint, previous, full } = options
  const feeds = new Map<string, readonly OutputFile[]>()
  const kept: KeptFile[] = []
  const inputs = new Map<string, string>()
  for (const set of feedSets(site)) {
    const key = set.routes[0]?.outputPath ?? ''
    const held = reuse && !listedEntries(set).some((entry) => reuse.changed.has(entry.article)) ? reuse.last.feeds.get(key) : undefined
    const inputsOfSet = fingerprint?.(set)
    if (inputsOfSet !== undefined) for (const route of set.routes) inputs.set(route.outputPath, inputsOfSet)
    if (held) {
      feeds.set(key, held)
      continue
    }
    const linked = inputsOfSet !== undefined && previous ? await keptFeeds(set, inputsOfSet, previous) : undefined
    if (linked) kept.push(...linked)
    else feeds.set(key, renderFeedSet(site, set, await Promise.all(listedEntries(set).map(async (entry) => ({ ...entry, article: await full(entry.article) })))))
  }
  return { feeds, others: reuse ? reuse.last.others : await renderSitemaps(site, pages, options), kept, inputs }
}

/** The set's files from the last output folder when all of them were made from the same inputs. */
async function keptFeeds(set: FeedSet, inputs: string, previous: PreviousFeeds): Promise<KeptFile[] | undefined> {
  const files: KeptFile[] = []
  for (const route of set.routes) {
    const file = previous.inputs(route.outputPath) === inputs ? await previous.kept(route.outputPath) : undefined
    if (file === undefined) return undefined
    files.push(file)
  }
  return files
}
