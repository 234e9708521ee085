/**
 * Stories read in full again, for a build that holds only their cards between parsing and
 * rendering (`BuildOptions.cardsOnly`), and what an article page is made from.
 */
import { VFile } from 'vfile'
import { type ArticleCache, cacheKey, readCard, readCardLine, readEntry, readSearchText } from '../cache/article-cache.js'
import { hashText } from '../cache/source-index.js'
import { readSourceText } from '../content/load.js'
import type { Article, ArticleCard } from '../model/article.js'
import type { Page, PageToRender, RenderedBody } from '../model/site.js'
import { articleKeys } from './fingerprints.js'
import { parser } from './parse-all.js'
import { absoluteOf } from './sources.js'
import type { BuildOptions } from './types.js'

/** Reads a story in full from its card (see `BuildOptions.cardsOnly`). */
export type StoryReader = (card: ArticleCard) => Promise<Article>

/** Reads a story's search text from its card: `undefined` when it must be made from the story. */
export type SearchTextReader = (card: ArticleCard) => Promise<string | undefined>

/** The search text a story's parse left in its kept JSON text or its cache entry (first two lines only). */
export function searchTextReader(texts: ReadonlyMap<string, string>, cache: ArticleCache | undefined): SearchTextReader {
  return async (card) => {
    const key = articleKeys.get(card)
    if (key === undefined) return undefined
    const json = texts.get(key) ?? (await cache?.get(key, { lines: 2 }))
    return json === undefined ? undefined : readSearchText(json)
  }
}

/** Stories read in full and kept for the next reader: the search records and the pages ask for the same stories at about the same time. */
const recentStories = 512

/**
 * Read stories in full again for a build that holds cards: from the JSON text the build
 * kept, else from the parse cache, else (an entry removed from the cache during the build)
 * by parsing the source again, which gives the same story.
 */
export function storyReader(published: ReadonlyMap<string, { readonly file: VFile }>, texts: ReadonlyMap<string, string>, options: BuildOptions & { readonly attribute: boolean }): StoryReader {
  const recent = new Map<string, Promise<Article>>()
  const read = async (key: string, card: ArticleCard): Promise<Article> => {
    const json = texts.get(key) ?? (await options.cache?.get(key))
    let article = json === undefined ? undefined : readEntry(json)?.article
    if (article?.sourcePath !== card.sourcePath) {
      // The source text was let go after parsing: read the file again, and parse it only if
      // it is still the text that was planned (its parse key is the same).
      const file = published.get(card.sourcePath)?.file
      const text = file === undefined ? undefined : await readSourceText(absoluteOf(file, file.cwd))
      const isSame = text !== undefined && cacheKey(hashText(text), card.sourcePath, options.codeId ?? 'dev', { attribute: options.attribute }) === key
      if (file === undefined || text === undefined || !isSame) throw new Error(`Cannot read \`${card.sourcePath}\` again to render it: its parse cache entry is gone and ${text === undefined ? 'the file cannot be read' : 'the file changed during the build'}`)
      const scratch = new VFile({ path: file.path, cwd: file.cwd, value: text })
      scratch.data.sourcePath = card.sourcePath
      article = (await parser()).parseArticle(scratch, { attribute: options.attribute })
    }
    if (article === undefined) throw new Error(`Cannot read \`${card.sourcePath}\` again to render it`)
    articleKeys.set(article, key)
    return article
  }
  return (card) => {
    const key = articleKeys.get(card) ?? ''
    let story = recent.get(key)
    if (story === undefined) {
      story = read(key, card)
      recent.set(key, story)
      if (recent.size > recentStories) recent.delete(recent.keys().next().value ?? '')
    }
    return story
  }
}

/** How the render stage reads each story of the plan, whose cards it holds. */
export interface Stories {
  /** Reads a story of the plan in full (as it is now), from its card. */
  readonly full: StoryReader
  /** A story of the plan as it is now: the card of the newest parse of a story edited since a kept plan was made. */
  readonly current: (card: ArticleCard) => ArticleCard
  /** The story's body as its parse prerendered it, when it was rendered for the site's threshold. */
  readonly body: (card: ArticleCard) => Promise<RenderedBody | undefined>
}

/**
 * `page` with what its render needs of its story: an article page's story as it is now,
 * its card with its prerendered body, or else in full (the page then renders the body itself).
 */
export async function storyPage(page: Page, stories: Stories): Promise<PageToRender> {
  if (page.kind !== 'article') return page
  const article = stories.current(page.entry.article)
  const body = await stories.body(article)
  return { ...page, story: body === undefined ? { article: await stories.full(page.entry.article) } : { article, body } }
}

/**
 * Reads a story's prerendered body back from the card line its parse left (in the JSON text
 * the build kept, else in the parse cache), for a build that let go of the bodies after
 * parsing: `undefined` when it is not there (the page then reads the story in full).
 */
export function bodyReader(texts: ReadonlyMap<string, string>, cache: ArticleCache | undefined): (card: ArticleCard) => Promise<RenderedBody | undefined> {
  return async (card) => {
    const key = articleKeys.get(card)
    if (key === undefined) return undefined
    const kept = texts.get(key)
    if (kept !== undefined) return readCard(kept)?.body
    const line = await cache?.get(key, { lines: 1 })
    return line === undefined ? undefined : readCardLine(line)?.body
  }
}
