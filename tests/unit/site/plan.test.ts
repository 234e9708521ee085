import { describe, expect, it } from 'vitest'
import { planSite } from '../../../src/site/plan.js'
import { makeArticle, testConfig } from '../../helpers/article.js'

describe('planSite', () => {
  it('should put each article at /<section>/<slug>/ and list them newest first', () => {
    const plan = planSite(
      [
        makeArticle({ slug: 'old', sourcePath: 'a.md', published: '2026-01-01' }),
        makeArticle({ slug: 'new', sourcePath: 'b.md', published: '2026-03-01T09:00:00-05:00', section: 'World News' }),
      ],
      testConfig,
    )
    expect(plan.site.articles.map((e) => [e.url, e.outputPath])).toEqual([
      ['/world-news/new/', 'world-news/new/index.html'],
      ['/world/old/', 'world/old/index.html'],
    ])
    expect(plan.pages.map((p) => p.kind)).toEqual(['index', 'section', 'section', 'search', 'people', 'quotes', 'article', 'article', 'notFound'])
    expect(plan.site.sections.map((s) => [s.name, s.url])).toEqual([
      ['World', '/world/'],
      ['World News', '/world-news/'],
    ])
  })

  it('should prefix every URL with the base path', () => {
    const plan = planSite([makeArticle()], { ...testConfig, basePath: '/news/' })
    expect(plan.site.articles[0]?.url).toBe('/news/world/story/')
    expect(plan.pages[0]?.url).toBe('/news/')
    expect(plan.site.sections[0]?.url).toBe('/news/world/')
  })

  it('should leave out and report every article of a URL collision, naming both files', () => {
    const plan = planSite(
      [makeArticle({ sourcePath: 'world/a.md' }), makeArticle({ sourcePath: 'world/b.md' }), makeArticle({ slug: 'other', sourcePath: 'c.md' })],
      testConfig,
    )
    expect(plan.collisions).toEqual([{ url: '/world/story/', sourcePaths: ['world/a.md', 'world/b.md'] }])
    expect(plan.site.articles.map((e) => e.article.sourcePath)).toEqual(['c.md'])
  })

  it('should treat sections that differ only in case as one URL', () => {
    const plan = planSite([makeArticle({ section: 'World', sourcePath: 'a.md' }), makeArticle({ section: 'world', sourcePath: 'b.md' })], testConfig)
    expect(plan.collisions).toHaveLength(1)
  })
})

describe('planSite with reserved section names', () => {
  it('should refuse a section whose URL the site uses for its own pages', () => {
    const plan = planSite([makeArticle({ section: 'People', sourcePath: 'people/a.md' }), makeArticle({ slug: 'b', sourcePath: 'b.md' })], testConfig)
    expect(plan.collisions).toEqual([{ url: '/people/', sourcePaths: ['people/a.md'], isReserved: true }])
    expect(plan.site.articles.map((e) => e.article.sourcePath)).toEqual(['b.md'])
  })

  it('should refuse the folders the search index is written to', () => {
    const plan = planSite([makeArticle({ section: 'Pagefind', sourcePath: 'a.md' }), makeArticle({ section: 'Pagefind delta', slug: 'c', sourcePath: 'c.md' })], testConfig)
    expect(plan.collisions).toEqual([
      { url: '/pagefind/', sourcePaths: ['a.md'], isReserved: true },
      { url: '/pagefind-delta/', sourcePaths: ['c.md'], isReserved: true },
    ])
  })
})
