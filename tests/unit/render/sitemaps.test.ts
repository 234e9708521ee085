import { XMLParser } from 'fast-xml-parser'
import { describe, expect, it } from 'vitest'
import { renderSitemaps } from '../../../src/render/sitemaps.js'
import { planSite } from '../../../src/site/plan.js'
import { makeArticle, testConfig } from '../../helpers/article.js'

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' })

async function newsUrls(now: string | undefined): Promise<unknown> {
  const plan = planSite([makeArticle({ slug: 'old', published: '2026-09-01T12:00:00Z' }), makeArticle({ slug: 'new', published: '2026-09-21T12:00:00Z' })], testConfig)
  const files = await renderSitemaps(plan.site, plan.pages, { now })
  const news = files.find((file) => file.path === 'news-sitemap.xml')
  return xml.parse(String(news?.contents)).urlset
}

describe('renderSitemaps', () => {
  it('should count the news window back from the newest story when no build time is given', async () => {
    const urlset = (await newsUrls(undefined)) as { url: { loc: string } }
    expect(urlset.url.loc).toBe('https://news.example.org/world/new/')
  })

  it('should write a valid empty news sitemap when no story is two days old or less', async () => {
    const urlset = (await newsUrls('2026-10-01T00:00:00Z')) as Record<string, unknown>
    expect(urlset['@xmlns:news']).toBe('http://www.google.com/schemas/sitemap-news/0.9')
    expect(urlset.url).toBeUndefined()
  })

  it('should escape ampersands and angle brackets in headlines', async () => {
    const plan = planSite([makeArticle({ headline: 'Salt & <pepper> "talks"', published: '2026-09-21' })], testConfig)
    const files = await renderSitemaps(plan.site, plan.pages)
    const text = String(files.find((file) => file.path === 'news-sitemap.xml')?.contents)
    expect(text).toContain('Salt &amp; &lt;pepper&gt;')
    expect(new XMLParser({ processEntities: true, htmlEntities: true }).parse(text).urlset.url['news:news']['news:title']).toBe('Salt & <pepper> "talks"')
  })

  it('should split the sitemap past the URLs one file may hold, under a sitemap index', async () => {
    const plan = planSite(
      Array.from({ length: 3 }, (_, n) => makeArticle({ slug: `story-${n}`, sourcePath: `story-${n}.md`, published: `2026-09-2${n}T12:00:00Z` })),
      testConfig,
    )
    const listed = plan.pages.filter((page) => page.kind !== 'notFound' && page.kind !== 'search').map((page) => `https://news.example.org${page.url}`)
    const whole = await renderSitemaps(plan.site, plan.pages)
    expect(whole.map((file) => file.path)).toEqual(['sitemap.xml', 'news-sitemap.xml', 'robots.txt'])
    const files = await renderSitemaps(plan.site, plan.pages, { urlsPerFile: 4 })
    const parts = Math.ceil(listed.length / 4)
    expect(parts).toBeGreaterThan(1)
    expect(files.map((file) => file.path)).toEqual(['sitemap.xml', ...Array.from({ length: parts }, (_, n) => `sitemap-${n + 1}.xml`), 'news-sitemap.xml', 'robots.txt'])
    const index = xml.parse(String(files[0]?.contents)).sitemapindex as { sitemap: { loc: string }[] }
    expect(index.sitemap.map((entry) => entry.loc)).toEqual(Array.from({ length: parts }, (_, n) => `https://news.example.org/sitemap-${n + 1}.xml`))
    // Every page is in exactly one part, in order, and no part holds more than four.
    const locs = files.slice(1, 1 + parts).map((file) => [xml.parse(String(file.contents)).urlset.url].flat().map((url: { loc: string }) => url.loc))
    expect(locs.every((part) => part.length <= 4)).toBe(true)
    expect(locs.flat()).toEqual(listed)
  })
})
