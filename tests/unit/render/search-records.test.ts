import { describe, expect, it } from 'vitest'
import type { Article, ArticleCard } from '../../../src/model/article.js'
import type { Page } from '../../../src/model/site.js'
import { searchRecords, type SearchSite } from '../../../src/search/records.js'
import { makeArticle, storiesOf } from '../../helpers/article.js'

const at = { line: 1, column: 1, offset: 0 }
const position = { start: at, end: at }

/** The stories `articlePage` made: each page's card is one of them. */
const made: Article[] = []
const whole = (card: ArticleCard): Article => storiesOf(made)(card)

function articlePage(outputPath: string, overrides: Parameters<typeof makeArticle>[0] = {}): Page {
  const article = makeArticle(overrides)
  made.push(article)
  return { kind: 'article', outputPath, url: `/news/${outputPath.replace(/index\.html$/, '')}`, entry: { article, url: '/news/', outputPath } }
}

const site: SearchSite = { language: 'en-GB', timeZone: 'America/New_York', sections: [{ name: 'World', slug: 'world' }] }

describe('searchRecords', () => {
  it('should make one record per article page, with the URL from the site root, and the headline, section and date to show', () => {
    const pages: Page[] = [articlePage('world/story/index.html', { published: '2026-09-21T23:30:00Z' }), { kind: 'search', outputPath: 'search/index.html', url: '/news/search/' }]
    const records = searchRecords(pages, site, whole)
    expect(records).toHaveLength(1)
    // The date as the site prints it, in its time zone.
    expect(records[0]).toEqual(expect.objectContaining({ url: '/world/story/', language: 'en', meta: { title: 'A story', path: '/world/story/', section: 'World', date: 'Sept. 21, 2026', datetime: '2026-09-21T23:30:00Z' } }))
  })

  it('should hold the story as a reader reads it, each part a sentence of its own: headline, standfirst, byline, dateline, every block, corrections', () => {
    const [record] = searchRecords(
      [
        articlePage('world/story/index.html', {
          standfirst: 'The standfirst.',
          byline: { asPrinted: 'Ana Lima', names: ['Ana Lima'] },
          dateline: { asPrinted: 'PORTO SERENO —' },
          body: [
            { type: 'paragraph', id: 'p-1', children: [{ type: 'text', value: 'First ' }, { type: 'emphasis', children: [{ type: 'text', value: 'paragraph' }] }], position },
            { type: 'subheading', id: 'h-1', depth: 2, children: [{ type: 'text', value: 'A subheading' }], position },
            { type: 'blockquote', id: 'b-1', children: [{ type: 'paragraph', id: 'p-2', children: [{ type: 'text', value: 'Quoted block' }], position }], position },
            { type: 'list', ordered: false, items: [[{ type: 'paragraph', id: 'p-3', children: [{ type: 'text', value: 'List item' }], position }]], position },
            { type: 'image', url: 'a.jpg', alt: 'Alt text', position },
            { type: 'rule', position },
          ],
          corrections: [{ date: '2026-09-22', text: 'A correction.' }],
        }),
      ],
      site,
      whole,
    )
    expect(record?.content.split('\n')).toEqual(['A story.', 'The standfirst.', 'By Ana Lima.', 'PORTO SERENO — First paragraph.', 'A subheading.', 'Quoted block.', 'List item.', 'Alt text.', 'A correction.'])
  })

  it('should keep the words that end a sentence already, and close the rest', () => {
    const [record] = searchRecords(
      [
        articlePage('world/story/index.html', {
          headline: 'Will the port reopen?',
          standfirst: 'Lawmakers said "no."',
          byline: { asPrinted: 'BY OSKAR FAIRWEATHER, Harbor Gazette', names: ['Oskar Fairweather'] },
          body: [{ type: 'paragraph', id: 'p-1', children: [{ type: 'text', value: 'About 93 people\ncame' }], position }],
        }),
      ],
      site,
      whole,
    )
    expect(record?.content.split('\n')).toEqual(['Will the port reopen?', 'Lawmakers said "no."', 'BY OSKAR FAIRWEATHER, Harbor Gazette.', 'About 93 people came.'])
  })
})
