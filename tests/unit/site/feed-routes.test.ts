import { describe, expect, it } from 'vitest'
import { feedRoutes } from '../../../src/site/feed-routes.js'

describe('feedRoutes', () => {
  it('should put the site feeds at the base path and section feeds in the section folder', () => {
    expect(feedRoutes('/news/', []).map((route) => [route.format, route.url, route.outputPath])).toEqual([
      ['rss', '/news/feed.xml', 'feed.xml'],
      ['atom', '/news/atom.xml', 'atom.xml'],
      ['json', '/news/feed.json', 'feed.json'],
    ])
    expect(feedRoutes('/', ['world']).map((route) => route.outputPath)).toEqual(['world/feed.xml', 'world/atom.xml', 'world/feed.json'])
  })
})
