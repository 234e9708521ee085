/**
 * What the search index holds: one record per article page, made from the model rather
 * than read back out of the written HTML. Pagefind parsing 3,000 pages to find the 1,000
 * that carry an article took most of its time; records also say exactly what is
 * searchable (the story as a reader reads it) and let a rebuild index only the stories
 * whose record changed.
 */
import type { Article, Block } from '../model/article.js'
import type { Page } from '../model/site.js'
import { plainTextFromPhrasing } from './plain-text.js'

/** One searchable story, in the shape of a Pagefind custom record. */
export interface SearchRecord {
  /** The page's path from the site root, without the base path (`/world/slug/`): the search page adds the base path. */
  readonly url: string
  /** Headline, standfirst, byline, dateline, body text and corrections, in reading order. */
  readonly content: string
  /** The site's language (ISO 639-1), for stemming. */
  readonly language: string
  /** Shown with a result: the headline; and `url` again, to match a result with a changed story. */
  readonly meta: { readonly title: string; readonly path: string }
}

/**
 * The search records of a site's article pages, in page order.
 *
 * @param language The site's language tag (`en-GB` is indexed as `en`).
 * @param only The URLs (as `searchUrl` gives them) to make records for (default: every story).
 */
export function searchRecords(pages: readonly Page[], language: string, only?: ReadonlySet<string>): SearchRecord[] {
  const records: SearchRecord[] = []
  for (const page of pages) {
    if (page.kind !== 'article') continue
    if (only !== undefined && !only.has(searchUrl(page))) continue
    records.push(searchRecord(page, searchText(page.entry.article), language))
  }
  return records
}

/** The search record of an article page whose story's `searchText` is `content`. */
export function searchRecord(page: Extract<Page, { kind: 'article' }>, content: string, language: string): SearchRecord {
  const url = searchUrl(page)
  return { url, content, language: (language.split('-')[0] ?? language).toLowerCase() || 'en', meta: { title: page.entry.article.headline, path: url } }
}

/**
 * What is searchable in a story: headline, standfirst, byline, dateline, body text and
 * corrections, in reading order. A parse thread works it out once and the parse cache keeps
 * it on a line of its own, so a build that holds cards indexes a story without reading it.
 */
export function searchText(article: Article): string {
  const parts = [article.headline]
  if (article.standfirst) parts.push(article.standfirst)
  if (article.byline) parts.push(article.byline.asPrinted)
  if (article.dateline) parts.push(article.dateline.asPrinted)
  for (const block of article.body) blockText(block, parts)
  for (const correction of article.corrections) parts.push(correction.text)
  return parts.filter((part) => part !== '').join('\n')
}

/** A page's URL in the search index: its path from the site root, without the base path (`/world/slug/`). */
export function searchUrl(page: Page): string {
  return `/${page.outputPath.replace(/(^|\/)index\.html$/, '$1')}`
}

function blockText(block: Block, parts: string[]): void {
  switch (block.type) {
    case 'paragraph':
    case 'subheading':
    case 'editorsNote':
      parts.push(plainTextFromPhrasing(block.children))
      return
    case 'blockquote':
      for (const child of block.children) blockText(child, parts)
      return
    case 'list':
      for (const item of block.items) for (const child of item) blockText(child, parts)
      return
    case 'image':
      parts.push(block.alt)
      return
    case 'code':
      parts.push(block.value)
      return
    case 'rule':
      return
  }
}
