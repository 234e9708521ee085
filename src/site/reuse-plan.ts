/**
 * Reusing a site plan after edits that no other page can see. `planSite` reads of each
 * article only what a listing may show (everything but the body after its first
 * paragraph, the "card"), so when every edited article keeps its card, the new plan is
 * the old one with the edited articles put in place of the old ones. Building it that way
 * costs a walk over the plan's own objects instead of planning 1,000 articles again
 * (~250 ms in `dateline dev` for each keystroke-and-save).
 *
 * The walk copies only the objects on a path to a replaced one; everything else keeps its
 * identity, so memos keyed by objects stay valid and unchanged pages are recognisably the
 * same. The articles' own card objects (quotes, people, byline…) are mapped to the new
 * article's, so nothing in the new plan points into an old article.
 */
import type { Article } from '../model/article.js'
import type { SitePlan } from './plan.js'

/** One edited article: the article in the plan, and the one to put in its place. */
export interface ArticleSwap {
  readonly previous: Article
  readonly next: Article
}

/**
 * Pair every object under `previous` with the object at the same place under `next`
 * (`body` excepted: no plan holds a body's nodes). The two have the same card, so they
 * have the same shape.
 */
function pairObjects(previous: unknown, next: unknown, pairs: Map<object, object>, skipBody: boolean): void {
  if (typeof previous !== 'object' || previous === null || typeof next !== 'object' || next === null || pairs.has(previous)) return
  pairs.set(previous, next)
  if (Array.isArray(previous)) {
    if (!Array.isArray(next)) return
    previous.forEach((item, index) => pairObjects(item, next[index], pairs, false))
    return
  }
  const nextRecord = next as Record<string, unknown>
  for (const [key, value] of Object.entries(previous)) {
    if (skipBody && key === 'body') continue
    pairObjects(value, nextRecord[key], pairs, false)
  }
}

/**
 * The parts of unchanged articles a plan may point at (the article, its quotes, people,
 * tags…): the walk stops there instead of descending into every quote of the site.
 */
export function articleParts(articles: Iterable<Article>): Set<object> {
  const parts = new Set<object>()
  for (const article of articles) {
    parts.add(article)
    for (const value of Object.values(article)) {
      if (typeof value !== 'object' || value === null) continue
      parts.add(value)
      if (Array.isArray(value)) for (const item of value) if (typeof item === 'object' && item !== null) parts.add(item)
    }
  }
  return parts
}

/**
 * The plan with `swaps` applied: a new plan object when anything was replaced, sharing
 * every part that does not lead to an edited article. Throws for a plan that is not plain
 * data (the caller then plans again).
 *
 * @param parts `articleParts` of every article in the plan: leaves, never walked into.
 */
export function swapArticles(plan: SitePlan, swaps: readonly ArticleSwap[], parts: ReadonlySet<object>): SitePlan {
  const pairs = new Map<object, object>()
  for (const swap of swaps) pairObjects(swap.previous, swap.next, pairs, true)
  const done = new Map<object, unknown>()
  const walk = (value: unknown): unknown => {
    if (typeof value !== 'object' || value === null) return value
    // Shared objects (entries, lists) are met many times: the memo answers most look-ups.
    const known = done.get(value)
    if (known !== undefined) return known
    const paired = pairs.get(value)
    if (paired !== undefined) return paired
    if (parts.has(value)) return value
    // A plan is a tree with shared branches, never a cycle (a cycle would overflow the
    // stack, and the caller plans again).
    // Copied only when a child changed: most of a plan does not lead to the edit.
    let copy: unknown = value
    if (Array.isArray(value)) {
      let items: unknown[] | undefined
      for (let index = 0; index < value.length; index++) {
        const item: unknown = value[index]
        const walked = walk(item)
        if (walked !== item) (items ??= [...value])[index] = walked
      }
      if (items) copy = items
    } else if (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null) {
      const record = value as Record<string, unknown>
      let fields: Record<string, unknown> | undefined
      for (const key of Object.keys(record)) {
        const item = record[key]
        const walked = walk(item)
        if (walked !== item) (fields ??= { ...record })[key] = walked
      }
      if (fields) copy = fields
    } else {
      // A Map, a class instance…: its contents cannot be copied faithfully here.
      throw new TypeError(`Cannot reuse a site plan holding a ${Object.prototype.toString.call(value)}`)
    }
    done.set(value, copy)
    return copy
  }
  return walk(plan) as SitePlan
}
