import { XMLParser } from 'fast-xml-parser'
import { describe, expect, it } from 'vitest'
import { feedItemLimit, renderFeeds } from '../../../src/render/feeds.js'
import { planSite } from '../../../src/site/plan.js'
import type { Article } from '../../../src/model/article.js'
import type { SiteConfig } from '../../../src/model/site.js'
import { makeArticle, storiesOf, testConfig } from '../../helpers/article.js'
import { xmlProblems } from '../../helpers/strict-parse.js'

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' })
/** fast-xml-parser gives one child as an object and several as an array. */
const list = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value])
/** The feeds of a site planned from `stories`, each read in full from its card. */
const feedsOf = (stories: readonly Article[], config: SiteConfig = testConfig) => renderFeeds(planSite(stories, config).site, storiesOf(stories))
const feedText = (files: readonly { path: string; contents: string | Uint8Array }[], path: string): string => String(files.find((file) => file.path === path)?.contents)

/** A story whose every plain-text field carries markup characters. */
const marked = makeArticle({
  headline: 'Q&A: <b>Council</b> "votes" ]]> on <script>alert(1)</script>',
  standfirst: 'Fares go up 5% & <em>more</em>',
  byline: { asPrinted: 'By Ana <Lima> & Sam "Sly" Whit', names: ['Ana <Lima>', 'Sam "Sly" Whit'] },
  tags: ['a<b', 'c&d', 'x"y', ']]>', "it's", 'true'],
})

describe('renderFeeds', () => {
  it('should write the three feeds for the site and for each section', () => {
    expect(feedsOf([makeArticle(), makeArticle({ slug: 'b', section: 'business', sourcePath: 'b.md' })]).map((file) => file.path)).toEqual([
      'feed.xml', 'atom.xml', 'feed.json',
      'business/feed.xml', 'business/atom.xml', 'business/feed.json',
      'world/feed.xml', 'world/atom.xml', 'world/feed.json',
    ])
  })

  it('should list at most the newest stories, up to the limit', () => {
    const articles = Array.from({ length: feedItemLimit + 3 }, (_, index) => makeArticle({ slug: `s-${index}`, sourcePath: `s-${index}.md`, published: `2026-01-01T00:${String(index).padStart(2, '0')}:00Z` }))
    const rss = feedsOf(articles).find((file) => file.path === 'feed.xml')
    const items = xml.parse(String(rss?.contents)).rss.channel.item as { link: string }[]
    expect(items).toHaveLength(feedItemLimit)
    expect(items[0]?.link).toBe(`https://news.example.org/world/s-${feedItemLimit + 2}/`)
  })

  it('should name a block quotation’s speaker in a feed body only at the site’s threshold (publication policy)', () => {
    const position = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 2, offset: 1 } }
    const story = makeArticle({
      body: [{ type: 'blockquote', id: 'b', quoteId: 'q-1', position, children: [{ type: 'paragraph', id: 'p', position, children: [{ type: 'text', value: 'We will not back down.' }] }] }],
      quotes: [{ id: 'q-1', text: 'We will not back down.', kind: 'direct', speakerId: 'p-1', confidence: 0.6, paragraphId: 'p', position }],
      people: [{ id: 'p-1', name: 'Jane Doe', kind: 'person', role: 'Mayor', mentions: [] }],
    })
    const bodyAt = (threshold: number): string => {
      const json = JSON.parse(feedText(feedsOf([story], { ...testConfig, attribution: { threshold } }), 'feed.json')) as { items: { content_html: string }[] }
      return json.items[0]?.content_html ?? ''
    }
    expect(bodyAt(0.9)).toContain('We will not back down.')
    expect(bodyAt(0.9)).not.toContain('Jane Doe')
    expect(bodyAt(0.5)).toContain('<figcaption>— <cite>Jane Doe</cite>, Mayor</figcaption>')
  })

  it('should give the same bytes on every build of the same content', () => {
    const story = makeArticle()
    const site = planSite([story], testConfig).site
    expect(renderFeeds(site, storiesOf([story]))).toEqual(renderFeeds(site, storiesOf([story])))
  })

  it('should keep every feed well-formed when headlines, standfirsts, tags and bylines carry markup characters', () => {
    const files = feedsOf([marked])
    for (const file of files.filter((each) => each.path.endsWith('.xml'))) expect(xmlProblems(String(file.contents)), file.path).toEqual([])
    for (const file of files.filter((each) => each.path.endsWith('.json'))) expect(() => JSON.parse(String(file.contents))).not.toThrow()
  })

  it('should drop the characters XML cannot carry, escaped or not', () => {
    const article = makeArticle({ headline: 'Bell\u0007 and escape\u001b and \uFFFE end', tags: ['t\u000b'], byline: { asPrinted: 'A\u0001B', names: ['A\u0001B'] } })
    const files = feedsOf([article])
    for (const path of ['feed.xml', 'atom.xml']) expect(xmlProblems(feedText(files, path)), path).toEqual([])
    expect(xml.parse(feedText(files, 'atom.xml')).feed.entry.title['#text']).toBe('Bell and escape and  end')
  })

  it('should type the headline and standfirst as text in Atom, and the body as HTML', () => {
    const entry = xml.parse(feedText(feedsOf([marked]), 'atom.xml')).feed.entry
    expect(entry.title).toEqual({ '@type': 'text', '#text': marked.headline })
    expect(entry.summary).toEqual({ '@type': 'text', '#text': marked.standfirst })
    expect(entry.content['@type']).toBe('html')
  })

  it('should keep plain text plain in JSON Feed and escape the standfirst into the RSS description, which readers take as HTML', () => {
    const files = feedsOf([marked])
    const item = (JSON.parse(feedText(files, 'feed.json')) as { items: { title: string; summary: string; tags: string[] }[] }).items[0]
    expect(item).toMatchObject({ title: marked.headline, summary: marked.standfirst, tags: ['world', ...marked.tags] })
    const rssItem = xml.parse(feedText(files, 'feed.xml')).rss.channel.item
    expect(rssItem.title).toBe(marked.headline)
    expect(rssItem.description).toBe('Fares go up 5% &amp; &lt;em&gt;more&lt;/em&gt;')
  })
})

describe('feeds against their specifications', () => {
  const twoStories = [marked, makeArticle({ slug: 'plain', sourcePath: 'world/plain.md', published: '2026-09-20' })]

  it('should name RSS bylines in dc:creator, one each, never in <author>, which is for email addresses (RSS 2.0)', () => {
    const text = feedText(feedsOf(twoStories), 'feed.xml')
    const rss = xml.parse(text).rss
    expect(rss['@xmlns:dc']).toBe('http://purl.org/dc/elements/1.1/')
    const items = list(rss.channel.item) as Record<string, unknown>[]
    expect(items.map((item) => item['author'])).toEqual([undefined, undefined])
    expect(list(items[0]?.['dc:creator'])).toEqual(['Ana <Lima>', 'Sam "Sly" Whit'])
    expect(items[1]?.['dc:creator']).toBeUndefined()
    expect(text).not.toMatch(/<author>/)
  })

  it('should give RSS its required channel and item elements and a self link (RSS 2.0)', () => {
    const rss = xml.parse(feedText(feedsOf(twoStories), 'feed.xml')).rss
    expect(rss['@version']).toBe('2.0')
    expect(rss.channel).toMatchObject({ title: 'The Test Gazette', link: 'https://news.example.org/', description: 'News for tests.', language: 'en' })
    expect(rss.channel['atom:link']).toMatchObject({ '@rel': 'self', '@href': 'https://news.example.org/feed.xml' })
    for (const item of list(rss.channel.item) as { title: string; link: string; guid: { '@isPermaLink': string; '#text': string }; pubDate: string }[]) {
      expect(item.title).not.toBe('')
      expect(item.guid['#text']).toBe(item.link)
      expect(item.guid['@isPermaLink']).toBe('true')
      expect(new Date(item.pubDate).toUTCString()).toBe(item.pubDate)
    }
  })

  it('should give every Atom entry an author, through the feed, and every category a term (RFC 4287)', () => {
    const feed = xml.parse(feedText(feedsOf(twoStories), 'atom.xml')).feed
    expect(feed.author).toEqual({ name: 'Test Gazette Co.' })
    expect(feed['@xml:lang']).toBe('en')
    expect(list(feed.link)).toEqual(expect.arrayContaining([expect.objectContaining({ '@rel': 'self', '@href': 'https://news.example.org/atom.xml' })]))
    const [first, second] = list(feed.entry) as { author?: unknown; category: { '@term'?: string }[]; id: string; updated: string; link: { '@href': string } }[]
    expect(list(first?.author)).toEqual([{ name: 'Ana <Lima>' }, { name: 'Sam "Sly" Whit' }])
    expect(second?.author).toBeUndefined()
    expect(list(first?.category).map((category) => category['@term'])).toEqual(['world', ...marked.tags])
    for (const entry of [first, second]) {
      expect(entry?.id).toBe(entry?.link['@href'])
      expect(entry?.updated).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/)
    }
  })

  it('should write JSON Feed 1.1 with authors lists, plain-text summaries and HTML content (JSON Feed 1.1)', () => {
    const feed = JSON.parse(feedText(feedsOf(twoStories), 'feed.json')) as Record<string, unknown> & { items: Record<string, unknown>[] }
    expect(feed).toMatchObject({ version: 'https://jsonfeed.org/version/1.1', title: 'The Test Gazette', home_page_url: 'https://news.example.org/', feed_url: 'https://news.example.org/feed.json', language: 'en' })
    expect(feed['author']).toBeUndefined()
    const [first, second] = feed.items
    expect(first?.['authors']).toEqual([{ name: 'Ana <Lima>' }, { name: 'Sam "Sly" Whit' }])
    expect(first?.['author']).toBeUndefined()
    expect(second?.['authors']).toBeUndefined()
    for (const item of feed.items) {
      expect(typeof item['id']).toBe('string')
      expect(String(item['content_html'])).toContain('<p>')
    }
  })

  it('should print each quote in a feed body with its marks once: no <q>, which readers mark again without the site style sheet', () => {
    const quoted = makeArticle({
      body: [{ type: 'paragraph', id: 'p-1', position: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } }, children: [{ type: 'text', value: '“' }, { type: 'quoteSpan', quoteId: 'q-1', isFirst: true, children: [{ type: 'text', value: 'We are not done,' }] }, { type: 'text', value: '” she said.' }] }],
      quotes: [{ id: 'q-1', text: 'We are not done,', kind: 'direct', paragraphId: 'p-1', position: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } } }],
    })
    const files = feedsOf([quoted])
    const bodies = [
      xml.parse(feedText(files, 'feed.xml')).rss.channel.item['content:encoded'],
      xml.parse(feedText(files, 'atom.xml')).feed.entry.content['#text'],
      (JSON.parse(feedText(files, 'feed.json')) as { items: { content_html: string }[] }).items[0]?.content_html,
    ]
    for (const body of bodies) {
      expect(body).not.toContain('<q')
      expect(body).toContain('<p>“We are not done,” she said.</p>')
    }
  })
})

