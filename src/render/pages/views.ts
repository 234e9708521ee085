/**
 * View helpers the page kinds share: story cards, section links, summaries, bylines and
 * datelines as printed, and the lead image at its URL on the site.
 */
import type { ArticleCard, Block } from '../../model/article.js'
import type { ArticleEntry, Pager, Site } from '../../model/site.js'
import { type FormattedDate, formatDate } from '../dates.js'
import { plainTextFromPhrasing } from '../plain-text.js'
import { memoOf } from './site-memo.js'

export interface Link {
  readonly name: string
  readonly url: string
}

/** One story as listed on the front page. */
export interface StoryCard {
  readonly headline: string
  readonly url: string
  readonly summary: string | undefined
  readonly published: FormattedDate
  readonly section: { readonly name: string; readonly url: string | undefined }
  readonly byline: string | undefined
  readonly image: { readonly url: string; readonly alt: string } | undefined
}

/** Page links of a paginated listing, ready to print. */
export interface PagerView {
  readonly number: number
  readonly count: number
  readonly previousUrl: string | undefined
  readonly nextUrl: string | undefined
}

/** Search engines show about this much of a description. */
export const descriptionLength = 160
const excerptLength = 70
/** Stories per section on the front page, and in an article's "more in this section". */
export const storiesPerSection = 3

/** A story's card, built once per site: the same story is listed on many pages. */
export function storyCard(site: Site, entry: ArticleEntry): StoryCard {
  const { cards } = memoOf(site)
  let card = cards.get(entry)
  if (card === undefined) {
    card = storyCardUncached(site, entry)
    cards.set(entry, card)
  }
  return card
}

function storyCardUncached(site: Site, entry: ArticleEntry): StoryCard {
  const { article } = entry
  return {
    headline: article.headline,
    url: entry.url,
    summary: summaryOf(article),
    published: formatDate(article.published, site.config.timeZone),
    section: sectionOf(site, article),
    byline: article.byline ? bylineText(article.byline.asPrinted) : undefined,
    image: article.image === undefined ? undefined : { url: imageUrlOf(site, article, article.image.url), alt: article.image.alt }
  }
}

/**
 * An image address of a story at its URL on the site, as the site stage decided it
 * (`bridge.jpg` → `/news/world/bridge.jpg`); an address it did not resolve (`https:`) as written.
 */
function imageUrlOf(site: Site, article: ArticleCard, address: string): string {
  return site.imageUrls?.[article.id]?.[address] ?? address
}

/**
 * The lead image at its one URL: the page's `<img>` uses it, and Open Graph and JSON-LD its
 * absolute form (`baseUrl` + the same path). An address that resolves to no place on the
 * site (one leading outside the content folder) has no absolute form.
 */
export function leadImageOf(site: Site, article: ArticleCard): { readonly url: string; readonly absoluteUrl: string | undefined; readonly alt: string } | undefined {
  if (article.image === undefined) return undefined
  const url = imageUrlOf(site, article, article.image.url)
  const absoluteUrl = /^https?:\/\//i.test(url) ? url : url.startsWith('/') && !url.startsWith('//') ? site.config.baseUrl + url : undefined
  return { url, absoluteUrl, alt: article.image.alt }
}

export function sectionOf(site: Site, article: ArticleCard): { readonly name: string; readonly url: string | undefined } {
  const { sectionViews } = memoOf(site)
  let view = sectionViews.get(article.section)
  if (view === undefined) {
    const entry = site.sections.find((section) => section.name === article.section || section.slug === article.section)
    view = { name: entry?.name ?? article.section, url: entry?.url }
    sectionViews.set(article.section, view)
  }
  return view
}

/** The standfirst, or else the first paragraph of the body as plain text (which a card keeps). */
export function summaryOf(article: ArticleCard): string | undefined {
  if (article.standfirst) return article.standfirst
  const first = article.body.find((block): block is Extract<Block, { type: 'paragraph' }> => block.type === 'paragraph')
  const text = first ? plainTextFromPhrasing(first.children) : ''
  return text === '' ? undefined : text
}

export function bylineText(asPrinted: string): string {
  return /^by\s/i.test(asPrinted) ? asPrinted : `By ${asPrinted}`
}

/** `SEOUL, South Korea (AP) —` → `SEOUL, South Korea (AP)`: the page adds its own dash. */
export function datelineText(asPrinted: string): string {
  return asPrinted.replace(/[\s—–-]+$/u, '')
}

/** A quote's opening words, without the comma a split quote ends on (`substance,`). */
export function excerptOf(text: string): string {
  return truncate(text, excerptLength).replace(/[\s,;:]+$/u, '')
}

/** Cuts at a word boundary and adds an ellipsis. */
export function truncate(text: string, length: number): string {
  if (text.length <= length) return text
  const cut = text.slice(0, length - 1)
  const space = cut.lastIndexOf(' ')
  return `${(space > length / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/u, '')}…`
}

export function pagerView(pager: Pager): PagerView {
  return { number: pager.number, count: pager.count, previousUrl: pager.previousUrl, nextUrl: pager.nextUrl }
}

/** Byline names with their author pages; names without one (none published) are left out. */
export function authorsOf(site: Site, article: ArticleCard): Link[] {
  return (article.byline?.names ?? []).flatMap((name) => {
    const url = site.taxonomyUrls?.authors.get(name)
    return url === undefined ? [] : [{ name, url }]
  })
}
