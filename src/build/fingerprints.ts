/**
 * What pages, feeds and plans are made from, as hashes: a story's parse key or card, the
 * templates. The incremental layer compares them with the last build's.
 */
import { createHash } from 'node:crypto'
import { cardEntry, cardHash } from '../cache/article-cache.js'
import type { ArticleCard } from '../model/article.js'
import type { TemplateSet } from '../model/site.js'
import { type FeedSet, listedEntries } from '../render/feeds.js'

/** One edited article: its last parse, and the new one with the same card. */
export interface ArticleSwap {
  readonly previous: ArticleCard
  readonly next: ArticleCard
}

/**
 * The swaps that turn the last build's articles into this build's, when each edited
 * article kept its card (all but the body after its first paragraph) and nothing was
 * added, removed or reordered; `undefined` when the site must be planned again.
 */
export function cardsKept(previous: readonly ArticleCard[], next: readonly ArticleCard[]): ArticleSwap[] | undefined {
  if (previous.length !== next.length) return undefined
  const swaps: ArticleSwap[] = []
  for (const [index, after] of next.entries()) {
    const before = previous[index]
    if (before === after) continue
    if (before === undefined || before.sourcePath !== after.sourcePath || cardFingerprint(before) !== cardFingerprint(after)) return undefined
    swaps.push({ previous: before, next: after })
  }
  return swaps
}

/**
 * A fingerprint of the whole story of a card: its parse key, which every story a build
 * parses has (its card's too); a story without one was not parsed by a build and is held
 * whole, and is hashed.
 */
export function wholeFingerprint(story: ArticleCard): string {
  return articleKeys.get(story) ?? createHash('sha1').update(JSON.stringify(story)).digest('hex')
}

/** Each story's parse key (a hash of its source text and the parsing code), by its card or the story in full. */
export const articleKeys = new WeakMap<ArticleCard, string>()
export const cards = new WeakMap<ArticleCard, string>()

/** A hash of the article as other pages may show it: its card, everything but the body after its first paragraph. */
export function cardFingerprint(article: ArticleCard): string {
  let fingerprint = cards.get(article)
  if (fingerprint === undefined) {
    // The card as `cardEntry` makes it, so a story and its card give the same fingerprint:
    // a rebuild holding cards keeps the pages of a build that held whole stories.
    fingerprint = cardHash(JSON.stringify(cardEntry({ article, messages: [] }).article))
    cards.set(article, fingerprint)
  }
  return fingerprint
}

/** A hash of the templates and assets: any change to them re-renders every page. */
export function templatesFingerprint(templates: TemplateSet): string {
  const hash = createHash('sha1').update(JSON.stringify(templates.templates))
  for (const asset of templates.assets) hash.update(`\0${asset.path}\0`).update(asset.contents)
  return hash.digest('hex')
}


/**
 * What a feed set's files are made from: its own fields, each listed story in full (its
 * parse key) with its URL, the configuration and the code. Templates play no part.
 */
export function feedFingerprint(set: FeedSet, codeAndConfig: string, current: (card: ArticleCard) => ArticleCard): string {
  const hash = createHash('sha1').update(codeAndConfig).update(JSON.stringify({ routes: set.routes, title: set.title, description: set.description, homeUrl: set.homeUrl }))
  for (const entry of listedEntries(set)) hash.update(`\0${wholeFingerprint(current(entry.article))}@${entry.url}`)
  return hash.digest('hex')
}
