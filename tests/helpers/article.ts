import type { Article, ArticleCard } from '../../src/model/article.js'
import type { SiteConfig } from '../../src/model/site.js'

const origin = { line: 1, column: 1, offset: 0 }

/** A small valid article; override what a test is about. */
export function makeArticle(overrides: Partial<Article> = {}): Article {
  return {
    id: 'world/story',
    slug: 'story',
    sourcePath: 'world/story.md',
    format: 'markdown',
    headline: 'A story',
    published: '2026-09-21',
    section: 'world',
    tags: [],
    draft: false,
    sample: false,
    body: [{ type: 'paragraph', id: 'p-1', children: [{ type: 'text', value: 'Body.' }], position: { start: origin, end: origin } }],
    quotes: [],
    people: [],
    corrections: [],
    dropped: [],
    ...overrides,
  }
}

/**
 * Each story in full from its card, for a site planned from the whole `stories` (each card
 * of that plan is its story): what a build reads again for the pages, feeds and search
 * records that show a story in full.
 */
export function storiesOf(stories: readonly Article[]): (card: ArticleCard) => Article {
  const byCard = new Map<ArticleCard, Article>(stories.map((story) => [story, story]))
  return (card) => {
    const story = byCard.get(card)
    if (story === undefined) throw new Error(`No story in full for the card of \`${card.sourcePath}\``)
    return story
  }
}

export const testConfig: SiteConfig = {
  title: 'The Test Gazette',
  description: 'News for tests.',
  baseUrl: 'https://news.example.org',
  basePath: '/',
  language: 'en',
  timeZone: 'America/New_York',
  publisher: 'Test Gazette Co.',
}
