import { XMLParser } from 'fast-xml-parser'
import { HtmlValidate } from 'html-validate'
import { describe, expect, it } from 'vitest'
import { brokenLinks, buildFixtureSite, fileText, textOf } from './site-fixture.js'

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' })
/** fast-xml-parser gives one child as an object and several as an array. */
const list = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value])

interface JsonLdArticle {
  '@type': string
  headline: string
  datePublished: string
  dateModified?: string
  author: { name: string; url: string }[]
  publisher: { name: string; logo?: { url: string } }
  articleSection: string
  keywords: string
  dateline: string
  correction: { '@type': string; text: string; datePublished: string }[]
}

function jsonLdOf(html: string): JsonLdArticle {
  const match = /<script type="application\/ld\+json">([^<]*)<\/script>/.exec(html)
  if (!match?.[1]) throw new Error('No JSON-LD in page')
  return JSON.parse(match[1]) as JsonLdArticle
}

describe('the news site built from the site-news fixture', async () => {
  const result = await buildFixtureSite()
  const paths = result.files.map((file) => file.path)

  it('should leave drafts and stories dated after the build time out of every page and feed', () => {
    expect(paths).not.toContain('politics/budget-draft/index.html')
    expect(paths).not.toContain('world/eclipse-viewing/index.html')
    const everything = result.files.map(textOf).join('\n')
    expect(everything).not.toContain('Draft budget notes')
    expect(everything).not.toContain('2030 eclipse')
  })

  it('should paginate a section at stable /<section>/page/<n>/ URLs with the configured page size', () => {
    expect(paths).toContain('world/index.html')
    expect(paths).toContain('world/page/2/index.html')
    expect(paths).not.toContain('world/page/3/index.html')
    const first = fileText(result, 'world/index.html')
    expect(first).toContain('href="/world/page/2/"')
    expect(first.match(/class="card"/g)).toHaveLength(2)
    expect(fileText(result, 'world/page/2/index.html')).toContain('N. Korea Wants Direct Talks')
  })

  it('should give every tag and byline name a listing page, and list tags in an index', () => {
    expect(paths).toEqual(expect.arrayContaining(['tags/index.html', 'tags/transport/index.html', 'tags/north-korea/index.html', 'authors/ana-lima/index.html', 'authors/jane-okafor/index.html']))
    const transport = fileText(result, 'tags/transport/index.html')
    expect(transport).toContain('Sereno port reopens')
    expect(transport).toContain('Island ferry strike ends')
    expect(fileText(result, 'tags/index.html')).toContain('href="/tags/north-korea/"')
  })

  it('should give an article breadcrumbs, previous and next stories and more from its section', () => {
    const page = fileText(result, 'world/ferry-strike-ends/index.html')
    expect(page).toContain('aria-label="Breadcrumb"')
    expect(page).toMatch(/rel="prev" href="\/world\/n-korea-wants-direct-talks\/"/)
    expect(page).toMatch(/rel="next" href="\/world\/port-reopens\/"/)
    expect(page).toContain('<a href="/authors/ana-lima/">Ana Lima</a>')
  })

  it('should print an article’s byline as its cards print it, affiliation included, each name linked to its page', () => {
    const bylineOf = (html: string): string => (/<span class="byline__names">(.*?)<\/span><\/p>/.exec(html)?.[1] ?? '').replace(/<[^>]+>/g, '')
    const cardBylines = fileText(result, 'index.html') + fileText(result, 'world/page/2/index.html') + fileText(result, 'business/index.html')
    for (const [page, byline] of [
      ['world/ferry-strike-ends/index.html', 'By Ana Lima, Dateline Wire'],
      ['business/harbor-mill-reopens/index.html', 'By Sam Whitfield and Priya Natarajan'],
    ] as const) {
      expect(bylineOf(fileText(result, page))).toBe(byline)
      expect(cardBylines).toContain(`<span class="card__byline">${byline}</span>`)
    }
    expect(fileText(result, 'world/ferry-strike-ends/index.html')).toContain('<span class="byline__names">By <a href="/authors/ana-lima/">Ana Lima</a>, Dateline Wire</span>')
  })

  it('should show corrections at the top of the article, before the body', () => {
    const page = fileText(result, 'world/port-reopens/index.html')
    const corrections = page.indexOf('class="corrections"')
    expect(corrections).toBeGreaterThan(-1)
    expect(corrections).toBeLessThan(page.indexOf('class="story__body"'))
  })

  it('should describe an article in JSON-LD as a NewsArticle with offsets, author, publisher, keywords, dateline and corrections', () => {
    const ld = jsonLdOf(fileText(result, 'world/port-reopens/index.html'))
    expect(ld).toMatchObject({
      '@type': 'NewsArticle',
      headline: 'Sereno port reopens to cargo after storm repairs',
      datePublished: '2026-11-27T09:00:00-05:00',
      dateModified: '2026-11-27T15:30:00-05:00',
      author: [{ name: 'Ana Lima', url: 'https://gazette.example.org/authors/ana-lima/' }],
      publisher: { name: 'Harbor Gazette Media', logo: { url: 'https://gazette.example.org/logo.png' } },
      articleSection: 'World',
      keywords: 'transport, storms',
      dateline: 'PORTO SERENO',
      correction: [{ '@type': 'CorrectionComment', datePublished: '2026-11-27T15:30:00-05:00' }],
    })
    // A bare publication date gets the site zone's offset on that day.
    expect(jsonLdOf(fileText(result, 'local/library-late-fees/index.html')).datePublished).toBe('2026-11-18T00:00:00-05:00')
  })

  it('should give every page a canonical URL, Open Graph and Twitter card tags, a description, a language and feed autodiscovery', () => {
    const page = fileText(result, 'world/port-reopens/index.html')
    expect(page).toContain('<html lang="en-US">')
    expect(page).toContain('<link rel="canonical" href="https://gazette.example.org/world/port-reopens/">')
    expect(page).toContain('<meta property="og:type" content="article">')
    expect(page).toContain('<meta name="twitter:card" content="summary">')
    expect(page).toContain('<meta name="twitter:site" content="@harborgazette">')
    expect(page).toContain('<meta name="description" content="The harbor')
    expect(page).toContain('<link rel="alternate" type="application/rss+xml" title="The Harbor Gazette (RSS)" href="/feed.xml">')
    expect(page).toContain('href="/world/feed.json"')
  })

  it('should keep the not-found page out of search engines: noindex, and no canonical URL of its own', () => {
    const page = fileText(result, '404.html')
    expect(page).toContain('<meta name="robots" content="noindex">')
    expect(page).not.toContain('rel="canonical"')
    expect(page).not.toContain('og:url')
    expect(fileText(result, 'world/port-reopens/index.html')).not.toContain('name="robots"')
  })

  it('should give every page the site’s icon, a real image in the assets', () => {
    for (const page of ['index.html', 'world/port-reopens/index.html', '404.html']) {
      const html = fileText(result, page)
      expect(html).toContain('<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">')
      expect(html).toContain('<link rel="icon" href="/assets/favicon-32.png" type="image/png" sizes="32x32">')
      expect(html).toContain('<link rel="apple-touch-icon" href="/assets/apple-touch-icon.png">')
    }
    const file = (name: string) => result.files.find((f) => f.path === name)?.contents
    expect(textOf({ path: 'assets/favicon.svg', contents: file('assets/favicon.svg') ?? '' })).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 32 32">/)
    const png = (name: string): number[] => {
      const bytes = file(name)
      if (!(bytes instanceof Uint8Array)) throw new Error(`No ${name}`)
      // PNG signature, then the IHDR chunk's width and height.
      expect([...bytes.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
      const view = new DataView(bytes.buffer, bytes.byteOffset)
      return [view.getUint32(16), view.getUint32(20)]
    }
    expect(png('assets/favicon-32.png')).toEqual([32, 32])
    expect(png('assets/apple-touch-icon.png')).toEqual([180, 180])
  })

  it('should pass html-validate’s standard preset on every page with no errors', async () => {
    const validator = new HtmlValidate({ extends: ['html-validate:standard'] })
    const problems: string[] = []
    for (const file of result.files.filter((f) => f.path.endsWith('.html'))) {
      const report = await validator.validateString(textOf(file), file.path)
      for (const message of report.results.flatMap((r) => r.messages)) if (message.severity === 2) problems.push(`${file.path}:${message.line}:${message.column} ${message.ruleId}: ${message.message}`)
    }
    expect(problems).toEqual([])
  })

  it('should have no broken internal link or fragment on any page', () => {
    expect(brokenLinks(result.files, '/')).toEqual([])
  })

  it('should write an RSS 2.0 feed with full content for the site and each section', () => {
    const rss = xml.parse(fileText(result, 'feed.xml'))
    const channel = rss.rss.channel
    expect(rss.rss['@version']).toBe('2.0')
    expect(channel.title).toBe('The Harbor Gazette')
    expect(channel.link).toBe('https://gazette.example.org/')
    const items = list(channel.item)
    expect(items).toHaveLength(6)
    expect(items[0]).toMatchObject({ title: 'Sereno port reopens to cargo after storm repairs', link: 'https://gazette.example.org/world/port-reopens/' })
    expect(items[0]['content:encoded']).toContain('<p>The main quay at Porto Sereno')
    expect(items[0].pubDate).toBe('Fri, 27 Nov 2026 14:00:00 GMT')
    const world = xml.parse(fileText(result, 'world/feed.xml'))
    expect(list(world.rss.channel.item).map((item: { title: string }) => item.title)).toHaveLength(3)
  })

  it('should write an Atom feed with ids, dates, authors and content', () => {
    const atom = xml.parse(fileText(result, 'atom.xml')).feed
    expect(atom['@xmlns']).toBe('http://www.w3.org/2005/Atom')
    expect(atom.id).toBe('https://gazette.example.org/')
    expect(atom.updated).toBe('2026-11-27T20:30:00.000Z')
    const entry = list(atom.entry)[0]
    expect(entry.id).toBe('https://gazette.example.org/world/port-reopens/')
    expect(entry.author.name).toBe('Ana Lima')
    expect(entry.content['#text']).toContain('Porto Sereno')
  })

  it('should write a JSON Feed 1.1 with authors lists and full HTML content', () => {
    const feed = JSON.parse(fileText(result, 'feed.json')) as { version: string; language: string; feed_url: string; items: { id: string; url: string; content_html: string; authors?: { name: string }[]; author?: unknown }[] }
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1')
    expect(feed.language).toBe('en-US')
    expect(feed.feed_url).toBe('https://gazette.example.org/feed.json')
    const mill = feed.items.find((item) => item.url.endsWith('/harbor-mill-reopens/'))
    expect(mill?.authors).toEqual([{ name: 'Sam Whitfield' }, { name: 'Priya Natarajan' }])
    expect(mill?.author).toBeUndefined()
    expect(mill?.content_html).toContain('<p>')
  })

  it('should list every page worth indexing in sitemap.xml, with lastmod for articles, and not the 404 or search pages', () => {
    const urls = list(xml.parse(fileText(result, 'sitemap.xml')).urlset.url) as { loc: string; lastmod?: string }[]
    const locs = urls.map((url) => url.loc)
    expect(locs).toEqual(expect.arrayContaining(['https://gazette.example.org/', 'https://gazette.example.org/world/page/2/', 'https://gazette.example.org/tags/transport/']))
    expect(locs.some((loc) => loc.includes('404') || loc.includes('/search/'))).toBe(false)
    expect(urls.find((url) => url.loc.endsWith('/world/port-reopens/'))?.lastmod).toBe('2026-11-27T20:30:00.000Z')
  })

  it('should list the last two days’ stories in the Google News sitemap with publication, date and title', () => {
    const parsed = xml.parse(fileText(result, 'news-sitemap.xml')).urlset
    expect(parsed['@xmlns:news']).toBe('http://www.google.com/schemas/sitemap-news/0.9')
    const urls = list(parsed.url) as { loc: string; 'news:news': { 'news:publication': { 'news:name': string; 'news:language': string }; 'news:publication_date': string; 'news:title': string } }[]
    expect(urls.map((url) => url.loc)).toEqual(['https://gazette.example.org/world/port-reopens/', 'https://gazette.example.org/world/ferry-strike-ends/'])
    expect(urls[0]?.['news:news']).toEqual({
      'news:publication': { 'news:name': 'Harbor Gazette Media', 'news:language': 'en' },
      'news:publication_date': '2026-11-27T09:00:00-05:00',
      'news:title': 'Sereno port reopens to cargo after storm repairs',
      'news:keywords': 'transport, storms',
    })
  })

  it('should describe the front page as a WebSite whose search takes ?q=', () => {
    const ld = JSON.parse(/<script type="application\/ld\+json">([^<]*)<\/script>/.exec(fileText(result, 'index.html'))?.[1] ?? '{}') as { potentialAction?: { target: string } }
    expect(ld.potentialAction?.target).toBe('https://gazette.example.org/search/?q={search_term_string}')
  })

  it('should name both sitemaps in robots.txt', () => {
    const robots = fileText(result, 'robots.txt')
    expect(robots).toContain('Sitemap: https://gazette.example.org/sitemap.xml')
    expect(robots).toContain('Sitemap: https://gazette.example.org/news-sitemap.xml')
  })
})

describe('the news site built under a base path', async () => {
  const result = await buildFixtureSite({ basePath: '/news/' })

  it('should prefix every link, asset, feed and sitemap URL with the base path and break none', () => {
    expect(brokenLinks(result.files, '/news/')).toEqual([])
    expect(fileText(result, 'index.html')).toContain('href="/news/assets/style.css"')
    expect(xml.parse(fileText(result, 'feed.xml')).rss.channel.link).toBe('https://gazette.example.org/news/')
    const locs = list(xml.parse(fileText(result, 'sitemap.xml')).urlset.url).map((url: { loc: string }) => url.loc)
    expect(locs.every((loc) => loc.startsWith('https://gazette.example.org/news/'))).toBe(true)
    expect(fileText(result, 'robots.txt')).toContain('Sitemap: https://gazette.example.org/news/sitemap.xml')
  })
})
