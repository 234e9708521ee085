import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import type { Article, Position } from '../../../src/model/article.js'
import type { ArticleEntry, OutputFile, PageToRender, Site, TemplateSet } from '../../../src/model/site.js'
import { renderSite, TemplateError } from '../../../src/render/templates.js'
import { makeArticle } from '../../helpers/article.js'

const templatesDir = fileURLToPath(new URL('../../../templates/', import.meta.url))

/** The project's real templates, read the way the load stage reads them. */
function projectTemplates(): TemplateSet {
  const templates: Record<string, string> = {}
  const assets: OutputFile[] = []
  for (const name of readdirSync(templatesDir, { recursive: true, encoding: 'utf8' })) {
    const file = path.join(templatesDir, name)
    const posix = name.split(path.sep).join('/')
    if (posix.startsWith('assets/') && posix.includes('.')) assets.push({ path: posix, contents: readFileSync(file) })
    else if (posix.endsWith('.eta')) templates[posix.slice(0, -'.eta'.length)] = readFileSync(file, 'utf8')
  }
  return { templates, assets }
}

const position: Position = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 2, offset: 1 } }

function article(overrides: Partial<Article> = {}): Article {
  return makeArticle({
    id: 'world/talks',
    slug: 'talks',
    sourcePath: 'world/talks.md',
    headline: 'Talks resume',
    published: '2026-09-21T14:30:00-04:00',
    section: 'World',
    body: [{ type: 'paragraph', id: 'p1', position, children: [{ type: 'text', value: 'Diplomats met on Monday.' }] }],
    ...overrides
  })
}

function entry(a: Article): ArticleEntry {
  return { article: a, url: `/news/world/${a.slug}/`, outputPath: `world/${a.slug}/index.html` }
}

function siteOf(...articles: Article[]): { site: Site; pages: PageToRender[] } {
  const placed = articles.map((a) => ({ story: a, entry: entry(a) }))
  const entries = placed.map((each) => each.entry)
  const site: Site = {
    config: {
      title: 'The Dateline',
      description: 'News, reported with care.',
      baseUrl: 'https://news.example.com',
      basePath: '/news/',
      language: 'en-US',
      timeZone: 'America/New_York',
      publisher: 'Dateline Media'
    },
    articles: entries,
    sections: [{ name: 'World', slug: 'world', url: '/news/world/', articles: entries }]
  }
  const pages: PageToRender[] = [
    { kind: 'index', outputPath: 'index.html', url: '/news/', articles: entries },
    ...placed.map(({ story, entry: e }): PageToRender => ({ kind: 'article', outputPath: e.outputPath, url: e.url, entry: e, story: { article: story } })),
    { kind: 'notFound', outputPath: '404.html', url: '/news/404.html' }
  ]
  return { site, pages }
}

function render(...articles: Article[]): Map<string, string> {
  const { site, pages } = siteOf(...articles)
  const files = renderSite(site, pages, projectTemplates())
  return new Map(files.map((file) => [file.path, typeof file.contents === 'string' ? file.contents : '']))
}

function pageOf(files: Map<string, string>, path: string): string {
  const html = files.get(path)
  if (html === undefined) throw new Error(`No output file \`${path}\``)
  return html
}

const hostile = 'Talks "fail" </script><script>alert(1)</script>'

describe('renderSite', () => {
  it('should write one file per page at its output path, then the assets unchanged', () => {
    const templates = projectTemplates()
    const { site, pages } = siteOf(article())
    const files = renderSite(site, pages, templates)
    expect(files.map((file) => file.path)).toEqual([
      'index.html',
      'world/talks/index.html',
      '404.html',
      ...templates.assets.map((asset) => asset.path)
    ])
    const css = files.find((file) => file.path === 'assets/style.css')
    expect(css?.contents).toBe(templates.assets.find((asset) => asset.path === 'assets/style.css')?.contents)
  })

  it('should escape a hostile headline in the title, the h1 and attributes', () => {
    const html = pageOf(render(article({ headline: hostile })), 'world/talks/index.html')
    const escaped = 'Talks &quot;fail&quot; &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;'
    expect(html).toContain(`<title>${escaped} — The Dateline</title>`)
    expect(html).toContain(`<h1 class="story__headline">${escaped}</h1>`)
    expect(html).toContain(`<meta property="og:title" content="${escaped} — The Dateline">`)
    expect(html).not.toContain('<script>alert(1)')
  })

  it('should escape a hostile headline inside JSON-LD', () => {
    const html = pageOf(render(article({ headline: hostile })), 'world/talks/index.html')
    const json = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)?.[1] ?? ''
    expect(json).not.toMatch(/[<>]/)
    expect(JSON.parse(json)).toMatchObject({ '@type': 'NewsArticle', headline: hostile })
  })

  it('should escape a hostile headline on the front page', () => {
    const html = pageOf(render(article({ headline: hostile })), 'index.html')
    expect(html).toContain('Talks &quot;fail&quot; &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</a></h2>')
    expect(html).not.toContain('<script>alert(1)')
  })

  it('should give the article page one h1, the language, a skip link and the main landmark', () => {
    const html = pageOf(render(article()), 'world/talks/index.html')
    expect(html.match(/<h1[\s>]/g)).toHaveLength(1)
    expect(html).toContain('<html lang="en-US">')
    expect(html).toContain('<a class="skip-link" href="#main">')
    expect(html).toContain('<main id="main"')
  })

  it('should label fictional sample copy, and only sample copy', () => {
    expect(pageOf(render(article({ sample: true })), 'world/talks/index.html')).toContain('class="sample-note"')
    expect(pageOf(render(article()), 'world/talks/index.html')).not.toContain('class="sample-note"')
  })

  it('should link the stylesheet under the base path', () => {
    expect(pageOf(render(article()), '404.html')).toContain('<link rel="stylesheet" href="/news/assets/style.css">')
  })

  it('should show published and updated times in the site zone with machine values', () => {
    const html = pageOf(render(article({ updated: '2026-09-22T01:15:00Z' })), 'world/talks/index.html')
    expect(html).toContain('<time datetime="2026-09-21T14:30:00-04:00">Sept. 21, 2026, 2:30 p.m. EDT</time>')
    expect(html).toContain('<time datetime="2026-09-22T01:15:00Z">Sept. 21, 2026, 9:15 p.m. EDT</time>')
  })

  it('should link the section and mark it current in the navigation', () => {
    const html = pageOf(render(article()), 'world/talks/index.html')
    expect(html).toContain('<p class="kicker"><a href="/news/world/">World</a></p>')
    expect(html).toContain('<a href="/news/world/" aria-current="true">World</a>')
  })

  it('should list each speaker with role, quote count and links to the quotes', () => {
    const html = pageOf(
      render(
        article({
          body: [
            {
              type: 'paragraph',
              id: 'p1',
              position,
              children: [
                { type: 'text', value: '“' },
                { type: 'quoteSpan', quoteId: 'q-1', isFirst: true, children: [{ type: 'text', value: 'We will win' }] },
                { type: 'text', value: ',” said Falk.' }
              ]
            }
          ],
          quotes: [{ id: 'q-1', text: 'We will win', kind: 'direct', speakerId: 'falk', confidence: 0.99, paragraphId: 'p1', position }],
          people: [{ id: 'falk', name: 'Pamela Falk', kind: 'person', role: 'CBS News analyst', mentions: [] }]
        })
      ),
      'world/talks/index.html'
    )
    expect(html).toContain('<h2 id="quoted-in-title" class="panel-title">Quoted in this story</h2>')
    expect(html).toContain('<span class="quoted-in__name">Pamela Falk</span><span class="quoted-in__role">, CBS News analyst</span>')
    expect(html).toContain('<p class="quoted-in__count">1 quote</p>')
    expect(html).toContain('<a href="#q-1">“We will win”</a>')
    expect(html).toContain('<q id="q-1" data-speaker="Pamela Falk"')
  })

  it('should show a held-back attribution nowhere: no panel, no pull quote speaker, no JSON-LD creator, no data-speaker (publication policy)', () => {
    const html = pageOf(
      render(
        article({
          body: [
            {
              type: 'paragraph',
              id: 'p1',
              position,
              children: [
                { type: 'text', value: '“' },
                { type: 'quoteSpan', quoteId: 'q-1', isFirst: true, children: [{ type: 'text', value: 'We will win this fight for every ferry on the harbor, every day.' }] },
                { type: 'text', value: ',” said Falk.' }
              ]
            }
          ],
          quotes: [{ id: 'q-1', text: 'We will win this fight for every ferry on the harbor, every day.', kind: 'direct', speakerId: 'falk', confidence: 0.6, paragraphId: 'p1', position }],
          people: [{ id: 'falk', name: 'Pamela Falk', kind: 'person', role: 'CBS News analyst', mentions: [] }]
        })
      ),
      'world/talks/index.html'
    )
    expect(html).toContain('<q id="q-1">We will win')
    expect(html).not.toContain('quoted-in')
    expect(html).not.toContain('Pamela Falk')
    const ld = JSON.parse(/<script type="application\/ld\+json">([^]*?)<\/script>/.exec(html)?.[1] ?? '{}') as { hasPart?: Record<string, unknown>[] }
    expect(ld.hasPart).toEqual([expect.objectContaining({ '@type': 'Quotation', url: 'https://news.example.com/news/world/talks/#q-1' })])
    expect(ld.hasPart?.[0]).not.toHaveProperty('creator')
  })

  it('should credit the pull quote only to a published speaker, and choose one only among them (publication policy)', () => {
    const words = 'We will win this fight for every ferry on the harbor, every day.'
    const paragraphs = Array.from({ length: 6 }, (_, n) => ({ type: 'paragraph' as const, id: `p${n + 1}`, position, children: [{ type: 'text' as const, value: `Paragraph ${n + 1}.` }] }))
    const story = (overrides: Partial<Article> = {}) =>
      article({
        body: [
          { type: 'paragraph', id: 'p0', position, children: [{ type: 'text', value: '“' }, { type: 'quoteSpan', quoteId: 'q-1', isFirst: true, children: [{ type: 'text', value: words }] }, { type: 'text', value: '” said Falk.' }] },
          ...paragraphs
        ],
        quotes: [{ id: 'q-1', text: words, kind: 'direct', speakerId: 'falk', confidence: 0.6, paragraphId: 'p0', position }],
        people: [{ id: 'falk', name: 'Pamela Falk', kind: 'person', role: 'CBS News analyst', mentions: [] }],
        ...overrides
      })
    const pageAt = (a: Article, threshold?: number): string => {
      const { site, pages } = siteOf(a)
      const files = renderSite(threshold === undefined ? site : { ...site, config: { ...site.config, attribution: { threshold } } }, pages, projectTemplates())
      const file = files.find((f) => f.path === 'world/talks/index.html')
      return typeof file?.contents === 'string' ? file.contents : ''
    }
    // Chosen by the site: a held-back speaker's quote is not featured; at a threshold it reaches, it is, with its credit.
    expect(pageAt(story())).not.toContain('pull-quote')
    expect(pageAt(story(), 0.5)).toMatch(/<figure class="pull-quote">[^]*?<figcaption>— Pamela Falk, CBS News analyst/)
    // Chosen by the editor (`pullquote:`): featured, but without the held-back speaker.
    const named = pageAt(story({ pullquote: 'q-1' }))
    expect(named).toContain('<figure class="pull-quote">')
    expect(named).not.toContain('Pamela Falk')
  })

  it('should leave out the quoted-in panel when nobody is quoted', () => {
    expect(pageOf(render(article()), 'world/talks/index.html')).not.toContain('quoted-in')
  })

  it('should list corrections with their dates', () => {
    const html = pageOf(
      render(article({ corrections: [{ date: '2026-09-22', text: 'An earlier version misspelled <Falk>.' }] })),
      'world/talks/index.html'
    )
    expect(html).toContain('<li><time datetime="2026-09-22">Sept. 22, 2026</time>: An earlier version misspelled &lt;Falk&gt;.</li>')
  })

  it('should lead the front page with the newest story and its first paragraph', () => {
    const html = pageOf(
      render(article(), article({ slug: 'older', headline: 'Older story', published: '2026-09-01' })),
      'index.html'
    )
    expect(html).toContain('<h2 class="lead-story__headline"><a href="/news/world/talks/">Talks resume</a></h2>')
    expect(html).toContain('<p class="lead-story__summary">Diplomats met on Monday.</p>')
    expect(html.indexOf('Talks resume')).toBeLessThan(html.indexOf('Older story'))
  })

  it('should prefer the standfirst as the front-page summary', () => {
    const html = pageOf(render(article({ standfirst: 'Both sides return to the table.' })), 'index.html')
    expect(html).toContain('<p class="lead-story__summary">Both sides return to the table.</p>')
  })

  it('should say when there are no stories', () => {
    expect(pageOf(render(), 'index.html')).toContain('No stories yet')
  })

  it('should throw a unified-style error when a page kind has no template', () => {
    const { site, pages } = siteOf(article())
    const { article: _omitted, ...templates } = projectTemplates().templates
    expect(() => renderSite(site, pages, { templates, assets: [] })).toThrow(
      'Cannot render `article` page without an `article` template'
    )
  })

  it('should name the template that fails to compile', () => {
    const { site, pages } = siteOf()
    expect(() => renderSite(site, pages, { templates: { index: '<% if ( %>' }, assets: [] })).toThrow(
      'Cannot compile template `index`'
    )
  })

  it('should never read files: partials come from the template set', () => {
    const { site } = siteOf()
    const files = renderSite(
      site,
      [{ kind: 'notFound', outputPath: '404.html', url: '/news/404.html' }],
      { templates: { '404': '<%~ include("@partials/x", { word: "<b>" }) %>', 'partials/x': '[<%= it.word %>]' }, assets: [] }
    )
    expect(files).toEqual([{ path: '404.html', contents: '[&lt;b&gt;]' }])
  })
})

describe('template faults, at their place in the template file', () => {
  const dir = path.join('site', 'templates')
  function faultOf(templates: Record<string, string>, kind: PageToRender['kind'] = 'notFound'): TemplateError {
    const { site } = siteOf()
    try {
      renderSite(site, [{ kind, outputPath: '404.html', url: '/news/404.html' } as PageToRender], { templates, assets: [], dir })
    } catch (error) {
      if (error instanceof TemplateError) return error
      throw error
    }
    throw new Error('expected a TemplateError')
  }

  it('should point a JavaScript syntax error at its line and column, in one line, without the compiled code', () => {
    const error = faultOf({ '404': '<p>\n  <% for (const crumb of it.list)) { %>\n  <% } %>\n</p>\n' })
    expect([error.file, error.line, error.column]).toEqual([path.join(dir, '404.eta'), 2, 34])
    expect(error.message).toBe(`${path.join(dir, '404.eta')}:2:34: Cannot compile template \`404\`: Unexpected token ')'`)
  })

  it('should point an unclosed tag at its place, as Eta finds it', () => {
    const error = faultOf({ '404': 'one\n  <a href="<%= it.url ">\n' })
    expect([error.line, error.column]).toEqual([2, 23])
    expect(error.reason).toBe("Cannot compile template `404`: unclosed string")
  })

  it('should point a block left open at the end of the template', () => {
    const error = faultOf({ '404': '<% if (it.x) { %>\nyes\n' })
    expect([error.line, error.column, error.reason]).toEqual([3, 1, "Cannot compile template `404`: a block is left open at the end of the template (Unexpected token 'catch')"])
  })

  it('should point a runtime error at its tag, in the partial or layout it happened in', () => {
    const inPage = faultOf({ '404': 'a\n<p><%= it.missing.deeper %></p>\n' })
    expect([inPage.file, inPage.line, inPage.column]).toEqual([path.join(dir, '404.eta'), 2, 19])
    expect(inPage.reason).toBe("Cannot render `notFound` page `404.html` with the `404` template: Cannot read properties of undefined (reading 'deeper')")
    const inPartial = faultOf({ '404': 'a\n<%~ include("@partials/x", {}) %>\n', 'partials/x': '\n\n<%= it.word.length %>' })
    expect([inPartial.file, inPartial.line, inPartial.column]).toEqual([path.join(dir, 'partials', 'x.eta'), 3, 13])
    expect(inPartial.reason).toContain('(in `partials/x`)')
    const inLayout = faultOf({ '404': '<% layout("@layout") %>body', layout: '<main>\n<%~ it.body %>\n<%= it.nope.first %>\n</main>' })
    expect([inLayout.file, inLayout.line]).toEqual([path.join(dir, 'layout.eta'), 3])
    const missing = faultOf({ '404': 'a\nb <%~ include("@partials/none") %>\n' })
    expect([missing.line, missing.column]).toEqual([2, 7])
    expect(missing.reason).toContain("Failed to get template '@partials/none'")
  })
})
