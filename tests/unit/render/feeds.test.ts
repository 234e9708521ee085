import { XMLParser } from 'fast-xml-parser'
import { describe, expect, it } from 'vitest'
import { feedItemLimit, renderFeeds } from '../../../src/render/feeds.js'
import { planSite } from '../../../src/site/plan.js'
import { makeArticle, testConfig } from '../../helpers/article.js'

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' })

describe('renderFeeds', () => {
  it('should write the three feeds for the site and for each section', () => {
    const plan = planSite([makeArticle(), makeArticle({ slug: 'b', section: 'business', sourcePath: 'b.md' })], testConfig)
    expect(renderFeeds(plan.site).map((file) => file.path)).toEqual([
      'feed.xml', 'atom.xml', 'feed.json',
      'business/feed.xml', 'business/atom.xml', 'business/feed.json',
      'world/feed.xml', 'world/atom.xml', 'world/feed.json',
    ])
  })

  it('should list at most the newest stories, up to the limit', () => {
    const articles = Array.from({ length: feedItemLimit + 3 }, (_, index) => makeArticle({ slug: `s-${index}`, sourcePath: `s-${index}.md`, published: `2026-01-01T00:${String(index).padStart(2, '0')}:00Z` }))
    const rss = renderFeeds(planSite(articles, testConfig).site).find((file) => file.path === 'feed.xml')
    const items = xml.parse(String(rss?.contents)).rss.channel.item as { link: string }[]
    expect(items).toHaveLength(feedItemLimit)
    expect(items[0]?.link).toBe(`https://news.example.org/world/s-${feedItemLimit + 2}/`)
  })

  it('should give the same bytes on every build of the same content', () => {
    const site = planSite([makeArticle()], testConfig).site
    expect(renderFeeds(site)).toEqual(renderFeeds(site))
  })
})
