/**
 * What the search index holds: one record per article page, made from the model rather
 * than read back out of the written HTML. Pagefind parsing 3,000 pages to find the 1,000
 * that carry an article took most of its time; records also say exactly what is
 * searchable (the story as a reader reads it) and let a rebuild index only the stories
 * whose record changed.
 */
import type { Article, ArticleCard, Block } from '../model/article.js'
import type { Page } from '../model/site.js'
import { forEachBlock } from '../parse/blocks.js'
import { formatDate } from '../render/dates.js'
import { plainTextFromPhrasing } from '../render/plain-text.js'

/** One searchable story, in the shape of a Pagefind custom record. */
export interface SearchRecord {
  /** The page's path from the site root, without the base path (`/world/slug/`): the search page adds the base path. */
  readonly url: string
  /** Headline, standfirst, byline, dateline, body text and corrections, in reading order, each a sentence of its own. */
  readonly content: string
  /** The site's language (ISO 639-1), for stemming. */
  readonly language: string
  /**
   * Shown with a result: the headline, the section's name, the date as the site prints it
   * (`date`) and for `<time datetime>` (`datetime`); and `url` again (`path`), to match a
   * result with a changed story.
   */
  readonly meta: { readonly title: string; readonly path: string; readonly section: string; readonly date: string; readonly datetime: string }
}

/** What of the site a search record shows besides the story: its language, time zone and section names. */
export interface SearchSite {
  /** The site's language tag (`en-GB` is indexed as `en`). */
  readonly language: string
  /** The zone dates are shown in (`SiteConfig.timeZone`). */
  readonly timeZone: string
  readonly sections: readonly { readonly name: string; readonly slug: string }[]
}

/**
 * The search records of a site's article pages, in page order.
 *
 * @param whole Each page's story in full, from its card: a record holds the whole text.
 * @param only The URLs (as `searchUrl` gives them) to make records for (default: every story).
 */
export function searchRecords(pages: readonly Page[], site: SearchSite, whole: (card: ArticleCard) => Article, only?: ReadonlySet<string>): SearchRecord[] {
  const records: SearchRecord[] = []
  for (const page of pages) {
    if (page.kind !== 'article') continue
    if (only !== undefined && !only.has(searchUrl(page))) continue
    records.push(searchRecord(page, searchText(whole(page.entry.article)), site))
  }
  return records
}

/** The search record of an article page whose story's `searchText` is `content`. */
export function searchRecord(page: Extract<Page, { kind: 'article' }>, content: string, site: SearchSite): SearchRecord {
  const url = searchUrl(page)
  const { article } = page.entry
  const published = formatDate(article.published, site.timeZone)
  return {
    url,
    content,
    language: (site.language.split('-')[0] ?? site.language).toLowerCase() || 'en',
    meta: { title: article.headline, path: url, section: searchSection(article, site), date: published.date, datetime: published.datetime },
  }
}

/** The name readers see for a story's section (`World` for `world`), as its pages print it. */
export function searchSection(article: Pick<Article, 'section'>, site: SearchSite): string {
  return site.sections.find((section) => section.name === article.section || section.slug === article.section)?.name ?? article.section
}

/**
 * What is searchable in a story: headline, standfirst, byline, dateline, body text and
 * corrections, in reading order. A parse thread works it out once and the parse cache keeps
 * it on a line of its own, so a build that holds cards indexes a story without reading it.
 *
 * Pagefind makes a result's excerpt from these words with the line breaks gone, so each
 * part is closed as a sentence, as Pagefind closes the blocks of an HTML page (`Council
 * delays vote.`), the byline reads `By …`, and the dateline leads the first paragraph as
 * in print (`PORTO SERENO — The port…`): an excerpt never runs a headline, a byline and
 * a paragraph together (`…lawmakers. Oskar Fairweather About 93`).
 */
export function searchText(article: Article): string {
  const parts = [article.headline]
  if (article.standfirst) parts.push(article.standfirst)
  if (article.byline) parts.push(/^\s*by\s/iu.test(article.byline.asPrinted) ? article.byline.asPrinted : `By ${article.byline.asPrinted}`)
  const body: string[] = []
  forEachBlock(article.body, (block) => blockText(block, body))
  const text = body.filter((part) => part.trim() !== '')
  const dateline = article.dateline?.asPrinted.replace(/[\s—–-]+$/u, '')
  if (dateline) {
    if (text.length > 0) text[0] = `${dateline} — ${text[0] ?? ''}`
    else text.push(dateline)
  }
  parts.push(...text)
  for (const correction of article.corrections) parts.push(correction.text)
  return parts
    .map((part) => part.replace(/\s+/gu, ' ').trim())
    .filter((part) => part !== '')
    .map(closeSentence)
    .join('\n')
}

/** `Council delays vote` → `Council delays vote.`; a part that ends a sentence already is kept. */
function closeSentence(part: string): string {
  return /[.!?…:;]["'”’)\]»]*$/u.test(part) ? part : `${part}.`
}

/** A page's URL in the search index: its path from the site root, without the base path (`/world/slug/`). */
export function searchUrl(page: Page): string {
  return `/${page.outputPath.replace(/(^|\/)index\.html$/, '$1')}`
}

/** The words of one block of its own (a block quotation's and a list's are in the blocks inside them). */
function blockText(block: Block, parts: string[]): void {
  switch (block.type) {
    case 'paragraph':
    case 'subheading':
    case 'editorsNote':
      parts.push(plainTextFromPhrasing(block.children))
      return
    case 'image':
      parts.push(block.alt)
      return
    case 'code':
      parts.push(block.value)
      return
    case 'blockquote':
    case 'list':
    case 'rule':
      return
  }
}
