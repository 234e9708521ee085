import { describe, expect, it } from 'vitest'
import type { Page } from '../../../src/model/site.js'
import { searchRecords } from '../../../src/render/search-records.js'
import { makeArticle } from '../../helpers/article.js'

const at = { line: 1, column: 1, offset: 0 }
const position = { start: at, end: at }

function articlePage(outputPath: string, overrides: Parameters<typeof makeArticle>[0] = {}): Page {
  const article = makeArticle(overrides)
  return { kind: 'article', outputPath, url: `/news/${outputPath.replace(/index\.html$/, '')}`, entry: { article, url: '/news/', outputPath } }
}

describe('searchRecords', () => {
  it('should make one record per article page, with the URL from the site root and the headline as title', () => {
    const pages: Page[] = [articlePage('world/story/index.html'), { kind: 'search', outputPath: 'search/index.html', url: '/news/search/' }]
    const records = searchRecords(pages, 'en-GB')
    expect(records).toHaveLength(1)
    expect(records[0]).toMatchObject({ url: '/world/story/', language: 'en', meta: { title: 'A story', path: '/world/story/' } })
  })

  it('should hold the story as a reader reads it: headline, standfirst, byline, dateline, every block, corrections', () => {
    const [record] = searchRecords(
      [
        articlePage('world/story/index.html', {
          standfirst: 'The standfirst.',
          byline: { asPrinted: 'By Ana Lima', names: ['Ana Lima'] },
          dateline: { asPrinted: 'PORTO SERENO' },
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
      'en',
    )
    expect(record?.content.split('\n')).toEqual(['A story', 'The standfirst.', 'By Ana Lima', 'PORTO SERENO', 'First paragraph', 'A subheading', 'Quoted block', 'List item', 'Alt text', 'A correction.'])
  })
})
