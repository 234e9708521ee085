/**
 * What one parse leaves in the cache: the work that depends on one story alone, done once
 * in the thread that parsed it (DESIGN.md §1). Apart from the parser, so the main thread
 * can write an entry without loading the parser's modules.
 */
import type { VFile } from 'vfile'
import { storeMessages, writeEntry } from '../cache/article-cache.js'
import type { Article } from '../model/article.js'
import { prerenderBody } from '../render/pages/article-body.js'
import { searchText } from '../search/records.js'

/**
 * A parse's cache entry text: the story with its messages, its search text and, for
 * `threshold`, its prerendered body: all the work that depends on this story alone.
 */
export function entryText(article: Article | undefined, file: VFile, threshold: number | undefined): string {
  if (article === undefined) return writeEntry({ article, messages: storeMessages(file) })
  const body = threshold === undefined ? undefined : prerenderBody(article, threshold)
  return writeEntry({ article, messages: storeMessages(file), ...(body === undefined ? {} : { body }) }, searchText(article))
}
