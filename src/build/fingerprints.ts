/**
 * What pages, feeds and plans are made from, as hashes: a story's parse key or card, the
 * templates. The incremental layer compares them with the last build's.
 */
import { createHash } from 'node:crypto'
import { cardEntry, cardHash } from '../cache/article-cache.js'
import type { Article } from '../model/article.js'
import type { TemplateSet } from '../model/site.js'
import { type FeedSet, listedEntries } from '../render/feeds.js'

/** One edited article: its last parse, and the new one with the same card. */
export interface ArticleSwap {
  readonly previous: Article
  readonly next: Article
}

/**
 * The swaps that turn the last build's articles into this build's, when each edited
 * article kept its card (all but the body after its first paragraph) and nothing was
 * added, removed or reordered; `undefined` when the site must be planned again.
 */
export function cardsKept(previous: readonly Article[], next: readonly Article[]): ArticleSwap[] | undefined {
  if (previous.length !== next.length) return undefined
  const swaps: ArticleSwap[] = []
  for (let index = 0; index < next.length; index++) {
    const before = previous[index] as Article
    const after = next[index] as Article
    if (before === after) continue
    if (before.sourcePath !== after.sourcePath || cardFingerprint(before, false) !== cardFingerprint(after, false)) return undefined
    swaps.push({ previous: before, next: after })
  }
  return swaps
}

/** A fingerprint of the whole article: its parse key, or a hash of it when it has none. */
export function wholeFingerprint(article: Article): string {
  return articleKeys.get(article) ?? cardFingerprint(article, true)
}

/** Each article's parse key (a hash of its source text and the parsing code). */
export const articleKeys = new WeakMap<Article, string>()
export const cards = new WeakMap<Article, string>()

/**
 * A hash of the article as other pages may show it: everything but the body after its
 * first paragraph (or, with `whole`, everything).
 */
export function cardFingerprint(article: Article, whole: boolean): string {
  if (whole) return createHash('sha1').update(JSON.stringify(article)).digest('hex')
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
export function feedFingerprint(set: FeedSet, codeAndConfig: string, current: (article: Article) => Article): string {
  const hash = createHash('sha1').update(codeAndConfig).update(JSON.stringify({ routes: set.routes, title: set.title, description: set.description, homeUrl: set.homeUrl }))
  for (const entry of listedEntries(set)) hash.update(`\0${wholeFingerprint(current(entry.article))}@${entry.url}`)
  return hash.digest('hex')
}
