/**
 * Property tests: whatever a story says, every machine-readable file the site publishes
 * (RSS, Atom, JSON Feed, the sitemaps, each page's JSON-LD) parses with a strict parser,
 * and its plain-text fields read back as the text that was written.
 *
 * Two levels (fast-check, fixed seed, so a failure reproduces run to run):
 * - 1,000+ generated sites of hostile model data, through the real site stage and the
 *   feed, sitemap and JSON-LD renderers (no file system: a few milliseconds a site);
 * - a smaller number of real builds of hostile Markdown files, through `build()` and the
 *   built-in templates, reading every `.xml`, `.json` and the JSON-LD in every page.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { XMLParser } from 'fast-xml-parser'
import { afterAll, describe, expect, it } from 'vitest'
import { build } from '../../src/build.js'
import type { Article, ArticleCard, Block, Person, Phrasing, Quote } from '../../src/model/article.js'
import type { OutputFile, Page, Site, SiteConfig } from '../../src/model/site.js'
import { renderFeeds } from '../../src/render/feeds.js'
import { articlePageData } from '../../src/render/pages/article.js'
import { indexPageData } from '../../src/render/pages/front.js'
import { listingPageData } from '../../src/render/pages/listing.js'
import { sectionPageData } from '../../src/render/pages/section.js'
import { personPageData } from '../../src/render/pages/speakers.js'
import { renderSitemaps } from '../../src/render/sitemaps.js'
import { planSite } from '../../src/site/plan.js'
import { makeArticle, storiesOf, testConfig } from '../helpers/article.js'
import { jsonLdTexts, xmlProblems } from '../helpers/strict-parse.js'

const seed = 20261209
const root = path.dirname(fileURLToPath(new URL('../../package.json', import.meta.url)))

/** What breaks XML, JSON, HTML or a template when it is copied in unescaped. */
const hostilePiece = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      '<', '>', '&', '"', "'", ']]>', '<![CDATA[', ']]', '<!--', '-->', '</script>', '<script>alert(1)</script>', '</q>', '<b>bold</b>',
      '&amp;', '&lt;', '&#0;', '&#x1;', '&nbsp;', '&a;', '<!DOCTYPE x [<!ENTITY a "b">]>', '<?xml version="1.0"?>', 'xmlns:x="y"',
      '\u0000', '\u0001', '\u0007', '\u0008', '\u000b', '\u000c', '\u001b', '\u001f', '\u007f', '\u0085', '\u2028', '\u2029',
      '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uFFFE', '\uFFFF', '\uFEFF', '\u{1F600}', '\u{10FFFF}',
      '\t', '\n', '\r', '\r\n', ' ', 'true', 'false', '0', '-1', 'null', '@_a', '#text', '__proto__', 'constructor', '{{x}}', '<%= it %>', '${x}', '\\',
      '\\u0000', 'javascript:alert(1)', 'http://x.example/?a=1&b=2', '“', '”', '‘', '’', '«', '»', '—', 'ﬃ', 'é', 'é',
    ),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
)
const hostile = fc.array(hostilePiece, { minLength: 1, maxLength: 8 }).map((pieces) => pieces.join(''))
/** Front matter text as the content stage gives it: trimmed, never empty. */
const hostileText = hostile.map((text) => text.trim()).filter((text) => text.length > 0)

const origin = { line: 1, column: 1, offset: 0 }
const position = { start: origin, end: origin }

/** One generated story: every field a reader or a machine sees is hostile. */
const hostileArticle = fc
  .record({
    headline: hostileText,
    standfirst: fc.option(hostileText, { nil: undefined }),
    names: fc.array(hostileText, { maxLength: 3 }),
    tags: fc.uniqueArray(hostileText, { maxLength: 4 }),
    section: fc.oneof(fc.constant('world'), hostileText),
    words: fc.array(hostile, { minLength: 1, maxLength: 4 }),
    quoted: hostileText,
    speaker: hostileText,
    role: fc.option(hostileText, { nil: undefined }),
    link: fc.record({ url: fc.constantFrom('https://x.example/a?b=1&c=<2>', '/world/other/', 'mailto:a@b.example'), title: fc.option(hostile, { nil: undefined }), text: hostileText }),
    image: fc.option(fc.record({ url: fc.constantFrom('https://img.example/a "b" <c>.png', 'images/x&y.png', '/images/z.png'), alt: hostile }), { nil: undefined }),
    dateline: fc.option(hostileText, { nil: undefined }),
    correction: fc.option(hostileText, { nil: undefined }),
    day: fc.integer({ min: 1, max: 28 }),
  })
  .map((fields): Omit<Article, 'id' | 'slug' | 'sourcePath'> => {
    const speaker: Person = { id: 'p-1', name: fields.speaker, kind: 'person', mentions: [fields.speaker], ...(fields.role === undefined ? {} : { role: fields.role }) }
    const quote: Quote = { id: 'q-1', text: fields.quoted, kind: 'direct', speakerId: 'p-1', cue: 'said', paragraphId: 'p-1', position }
    const children: Phrasing[] = [
      { type: 'text', value: fields.words.join(' ') },
      { type: 'quoteSpan', quoteId: 'q-1', isFirst: true, children: [{ type: 'text', value: fields.quoted }] },
      { type: 'emphasis', children: [{ type: 'text', value: fields.words[0] ?? '' }] },
      { type: 'link', url: fields.link.url, title: fields.link.title ?? null, children: [{ type: 'text', value: fields.link.text }] },
    ]
    const body: Block[] = [
      { type: 'paragraph', id: 'p-1', children, position },
      { type: 'subheading', id: 'h-1', depth: 2, children: [{ type: 'text', value: fields.headline }], position },
      { type: 'image', url: 'https://img.example/body.png', alt: fields.speaker, title: fields.quoted, position },
      { type: 'code', value: fields.words.join('\n'), position },
    ]
    return {
      ...makeArticle(),
      headline: fields.headline,
      ...(fields.standfirst === undefined ? {} : { standfirst: fields.standfirst }),
      ...(fields.names.length === 0 ? {} : { byline: { asPrinted: `By ${fields.names.join(' and ')}`, names: fields.names } }),
      tags: fields.tags,
      section: fields.section,
      published: `2026-09-${String(fields.day).padStart(2, '0')}T10:00:00-04:00`,
      body,
      quotes: [quote],
      people: [speaker],
      ...(fields.image === undefined ? {} : { image: fields.image }),
      ...(fields.dateline === undefined ? {} : { dateline: { asPrinted: fields.dateline } }),
      corrections: fields.correction === undefined ? [] : [{ date: '2026-09-29', text: fields.correction }],
    }
  })

/** A site of one to three hostile stories, under a configuration whose words are hostile too. */
const hostileSite = fc.record({
  stories: fc.array(hostileArticle, { minLength: 1, maxLength: 3 }),
  title: hostileText,
  description: hostile,
  publisher: hostileText,
  basePath: fc.constantFrom('/', '/news/'),
})

const reader = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, parseAttributeValue: false, trimValues: true })
const list = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value])
/** Text as an XML reader gets it back: without the characters XML 1.0 cannot carry (https://www.w3.org/TR/xml/#charsets), line ends normalized. */
const asRead = (text: string): string =>
  text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/\r\n?/g, '\n')
    .trim()
const textOf = (file: OutputFile): string => (typeof file.contents === 'string' ? file.contents : Buffer.from(file.contents).toString('utf8'))

/** The JSON-LD of every page kind that has one; an article page's made from its story in full (`whole`). */
function jsonLdOf(site: Site, page: Page, whole: (card: ArticleCard) => Article): string | undefined {
  switch (page.kind) {
    case 'article':
      return articlePageData(site, { ...page, story: { article: whole(page.entry.article) } }).jsonLd
    case 'index':
      return indexPageData(site, page).jsonLd
    case 'section':
      return sectionPageData(site, page).jsonLd
    case 'tag':
    case 'author':
      return listingPageData(site, page).jsonLd
    case 'person':
      return personPageData(site, page).jsonLd
    default:
      return undefined
  }
}

/** Every problem a strict reader has with the machine-readable files of `files`. */
function problemsOf(files: readonly OutputFile[]): string[] {
  const problems: string[] = []
  for (const file of files) {
    const text = textOf(file)
    if (file.path.endsWith('.xml')) problems.push(...xmlProblems(text).map((problem) => `${file.path}: ${problem}`))
    if (file.path.endsWith('.json')) {
      try {
        JSON.parse(text)
      } catch (error) {
        problems.push(`${file.path}: ${String(error)}`)
      }
    }
  }
  return problems
}

describe('machine-readable output of hostile content', () => {
  it('should keep every feed, sitemap and JSON-LD document strictly parseable, with plain text read back as written', async () => {
    let runs = 0
    let documents = 0
    await fc.assert(
      fc.asyncProperty(hostileSite, async ({ stories, title, description, publisher, basePath }) => {
        runs++
        const config: SiteConfig = { ...testConfig, title, description, publisher, basePath }
        const articles = stories.map((story, index): Article => ({ ...story, id: `s/${index}`, slug: `story-${index}`, sourcePath: `s/story-${index}.md` }))
        const plan = planSite(articles, config)
        const whole = storiesOf(articles)
        const feeds = renderFeeds(plan.site, whole)
        const sitemaps = await renderSitemaps(plan.site, plan.pages, { now: '2026-09-30T00:00:00Z' })
        expect(problemsOf([...feeds, ...sitemaps])).toEqual([])
        documents += feeds.length + sitemaps.length

        // Plain text stays plain text: typed as text, and read back as written.
        const byUrl = new Map(plan.site.articles.map((entry) => [config.baseUrl + entry.url, entry.article]))
        const atom = reader.parse(textOf(feeds.find((file) => file.path === 'atom.xml') as OutputFile)).feed
        for (const entry of list(atom.entry) as { id: string; title: { '@type': string; '#text'?: string }; category: { '@term': string }[] }[]) {
          const article = byUrl.get(entry.id) as Article
          expect(entry.title['@type']).toBe('text')
          expect(entry.title['#text'] ?? '').toBe(asRead(article.headline))
          expect(list(entry.category).length).toBe(1 + article.tags.length)
        }
        const rss = reader.parse(textOf(feeds.find((file) => file.path === 'feed.xml') as OutputFile)).rss
        for (const item of list(rss.channel.item) as { link: string; author?: unknown; 'dc:creator'?: string | string[] }[]) {
          expect(item.author).toBeUndefined()
          expect(list(item['dc:creator']).length).toBe(byUrl.get(item.link)?.byline?.names.length ?? 0)
        }
        const json = JSON.parse(textOf(feeds.find((file) => file.path === 'feed.json') as OutputFile)) as { title: string; items: { id: string; title: string; summary?: string; tags: string[] }[] }
        expect(json.title).toBe(title)
        for (const item of json.items) {
          const article = byUrl.get(item.id) as Article
          expect(item.title).toBe(article.headline)
          expect(item.summary).toBe(article.standfirst)
          expect(item.tags).toEqual([article.section, ...article.tags])
        }

        for (const page of plan.pages) {
          const jsonLd = jsonLdOf(plan.site, page, whole)
          if (jsonLd === undefined) continue
          documents++
          // Printed raw inside <script>: nothing in it may end or comment out the element.
          expect(jsonLd).not.toMatch(/<\/script|<!--/i)
          const parsed = JSON.parse(jsonLd) as { headline?: string }
          if (page.kind === 'article') expect(parsed.headline).toBe(page.entry.article.headline)
        }
      }),
      { seed, numRuns: 1000 },
    )
    console.log(`property machine-readable-renderers: ${runs} sites, ${documents} documents parsed`)
    expect(runs).toBeGreaterThanOrEqual(1000)
  }, 120_000)

  describe('real builds', () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'dateline-hostile-build-'))
    afterAll(() => rmSync(cwd, { recursive: true, force: true }))

    /** A YAML double-quoted scalar: JSON's escapes are YAML's, so any string round-trips. */
    const yaml = (text: string): string => JSON.stringify(text)

    it('should build hostile Markdown into files that strict parsers all accept', async () => {
      let runs = 0
      let documents = 0
      await fc.assert(
        fc.asyncProperty(fc.array(fc.record({ title: hostileText, tags: fc.array(hostileText, { maxLength: 3 }), byline: fc.array(hostileText, { minLength: 1, maxLength: 2 }), standfirst: hostileText, body: fc.array(hostile, { minLength: 1, maxLength: 4 }), speaker: hostileText }), { minLength: 1, maxLength: 3 }), async (stories) => {
          runs++
          const contentDir = path.join(cwd, `run-${runs}`, 'content')
          mkdirSync(path.join(contentDir, 'world'), { recursive: true })
          stories.forEach((story, index) => {
            const frontMatter = [`title: ${yaml(story.title)}`, 'date: 2026-09-21T10:00:00-04:00', `tags: [${story.tags.map(yaml).join(', ')}]`, `byline: [${story.byline.map(yaml).join(', ')}]`, `standfirst: ${yaml(story.standfirst)}`]
            const body = [...story.body, `"${story.body[0] ?? ''}," ${story.speaker} said.`].join('\n\n')
            writeFileSync(path.join(contentDir, 'world', `story-${index}.md`), `---\n${frontMatter.join('\n')}\n---\n\n${body}\n`)
          })
          const result = await build({ contentDir, templatesDir: path.join(root, 'templates'), cwd: path.dirname(contentDir), config: { ...testConfig, title: stories[0]?.title ?? 'T' }, now: '2026-09-30T00:00:00Z' })
          expect(problemsOf(result.files)).toEqual([])
          for (const file of result.files) {
            if (file.path.endsWith('.xml') || file.path.endsWith('.json')) documents++
            if (!file.path.endsWith('.html')) continue
            for (const jsonLd of jsonLdTexts(textOf(file))) {
              documents++
              expect(() => JSON.parse(jsonLd), file.path).not.toThrow()
            }
          }
          // Every story was published (or refused with an error at its file): none lost in silence.
          const refused = result.sources.filter((file) => file.messages.some((message) => message.fatal === true)).length
          expect(result.articles.length + refused).toBe(stories.length)
        }),
        { seed, numRuns: 25 },
      )
      console.log(`property machine-readable-builds: ${runs} builds, ${documents} documents parsed`)
    }, 120_000)
  })
})
