import { describe, expect, it } from 'vitest'
import type { ArticleEntry } from '../../../src/model/site.js'
import { paginate } from '../../../src/site/pagination.js'
import { makeArticle } from '../../helpers/article.js'

const entries: ArticleEntry[] = ['a', 'b', 'c', 'd', 'e'].map((slug) => ({ article: makeArticle({ slug }), url: `/world/${slug}/`, outputPath: `world/${slug}/index.html` }))

describe('paginate', () => {
  it('should put page 1 at the listing URL and page n at <url>page/<n>/', () => {
    const pages = paginate('/news/', ['world'], entries, 2)
    expect(pages.map((page) => [page.route.url, page.route.outputPath])).toEqual([
      ['/news/world/', 'world/index.html'],
      ['/news/world/page/2/', 'world/page/2/index.html'],
      ['/news/world/page/3/', 'world/page/3/index.html'],
    ])
  })

  it('should split the entries in order and link each page to its neighbours', () => {
    const pages = paginate('/', ['tags', 'budget'], entries, 2)
    expect(pages.map((page) => page.pager.items.map((item) => item.article.slug))).toEqual([['a', 'b'], ['c', 'd'], ['e']])
    expect(pages.map((page) => [page.pager.previousUrl, page.pager.nextUrl])).toEqual([
      [undefined, '/tags/budget/page/2/'],
      ['/tags/budget/', '/tags/budget/page/3/'],
      ['/tags/budget/page/2/', undefined],
    ])
    expect(pages.every((page) => page.pager.count === 3)).toBe(true)
  })

  it('should still give an empty listing its first page', () => {
    const pages = paginate('/', ['world'], [], 10)
    expect(pages).toHaveLength(1)
    expect(pages[0]?.pager).toMatchObject({ number: 1, count: 1, items: [] })
  })
})
