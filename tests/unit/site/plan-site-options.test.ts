import { describe, expect, it } from 'vitest'
import { publishWarnings, resolveConfig } from '../../../src/content/config.js'
import { planSite } from '../../../src/site/plan.js'
import { makeArticle, testConfig } from '../../helpers/article.js'

describe('planSite with the news-site options', () => {
  it('should leave out articles dated after the build time, and keep them without one', () => {
    const articles = [makeArticle({ slug: 'now', sourcePath: 'a.md', published: '2026-09-21T08:00:00-04:00' }), makeArticle({ slug: 'later', sourcePath: 'b.md', published: '2026-09-21T12:00:00-04:00' })]
    expect(planSite(articles, testConfig, { now: '2026-09-21T14:00:00Z' }).site.articles.map((e) => e.article.slug)).toEqual(['now'])
    expect(planSite(articles, testConfig).site.articles).toHaveLength(2)
  })

  it('should return the stories it leaves out for later, soonest first, so the build can name them', () => {
    const articles = [
      makeArticle({ slug: 'now', sourcePath: 'a.md', published: '2026-09-21T08:00:00-04:00' }),
      makeArticle({ slug: 'much-later', sourcePath: 'c.md', published: '2026-12-09' }),
      makeArticle({ slug: 'later', sourcePath: 'b.md', published: '2026-09-21T12:00:00-04:00' }),
    ]
    expect(planSite(articles, testConfig, { now: '2026-09-21T14:00:00Z' }).scheduled.map((article) => article.sourcePath)).toEqual(['b.md', 'c.md'])
    expect(planSite(articles, testConfig).scheduled).toEqual([])
  })

  it('should order sections as configured, then the rest as usual', () => {
    const articles = ['world', 'world', 'local', 'business'].map((section, index) => makeArticle({ section, slug: `s-${index}`, sourcePath: `${index}.md` }))
    const plan = planSite(articles, { ...testConfig, sectionOrder: ['Local'] })
    expect(plan.site.sections.map((s) => s.slug)).toEqual(['local', 'world', 'business'])
  })

  it('should paginate sections with the configured page size', () => {
    const articles = Array.from({ length: 5 }, (_, index) => makeArticle({ slug: `s-${index}`, sourcePath: `${index}.md` }))
    const urls = planSite(articles, { ...testConfig, pageSize: 2 }).pages.filter((p) => p.kind === 'section').map((p) => p.url)
    expect(urls).toEqual(['/world/', '/world/page/2/', '/world/page/3/'])
  })
})

describe('resolveConfig news-site options', () => {
  it('should default the page size to 10 and the section order to none', () => {
    const resolved = resolveConfig({})
    expect(resolved.ok && [resolved.config.pageSize, resolved.config.sectionOrder]).toEqual([10, []])
  })

  it('should explain a page size that is not a positive whole number', () => {
    const resolved = resolveConfig({ pageSize: 2.5 })
    expect(resolved.ok).toBe(false)
    expect(resolved.ok ? [] : resolved.problems).toEqual([expect.stringContaining('Unexpected value for `pageSize` in dateline.config.json')])
  })

  it('should explain a Twitter handle without its @', () => {
    const resolved = resolveConfig({ twitterSite: 'gazette' })
    expect(resolved.ok ? [] : resolved.problems).toEqual(['Unexpected value for `twitterSite` in dateline.config.json: expected a handle such as `@gazette`'])
  })

  it('should warn a build to publish that no base URL is set, naming the key, and only then', () => {
    expect(publishWarnings({})).toEqual([expect.stringContaining('Missing `baseUrl` in dateline.config.json')])
    expect(publishWarnings({ title: 'The Gazette' })).toHaveLength(1)
    expect(publishWarnings({ baseUrl: 'https://news.example.org' })).toEqual([])
  })
})

