import type { PhrasingContent } from 'mdast'
import { describe, expect, it } from 'vitest'
import type { Article, Block, Paragraph, Phrasing, Position, QuoteSpan } from '../../../src/model/article.js'
import { renderBody, renderBodyParts, renderFeedBody } from '../../../src/render/body.js'
import { makeArticle } from '../../helpers/article.js'

const position: Position = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 2, offset: 1 } }

function article(overrides: Partial<Article> = {}): Article {
  return makeArticle({ body: [], ...overrides })
}

function paragraph(...children: Phrasing[]): Paragraph {
  return { type: 'paragraph', id: 'p', children, position }
}

function text(value: string): PhrasingContent {
  return { type: 'text', value }
}

function link(url: string, words = 'link'): PhrasingContent {
  return { type: 'link', url, children: [text(words)] }
}

function span(quoteId: string, words: string, isFirst = true): QuoteSpan {
  return { type: 'quoteSpan', quoteId, isFirst, children: [text(words)] }
}

function bodyOf(...body: Block[]): string {
  return renderBody(article({ body }))
}

const falk = article({
  body: [
    paragraph(text('“'), span('q-1', 'We will win'), text(',” said Falk.')),
    paragraph(text('“'), span('q-2', 'It was hard,'), text(' she said. “')),
    paragraph(text('“'), span('q-2', 'And it will stay hard.', false), text('”'))
  ],
  quotes: [
    { id: 'q-1', text: 'We will win', kind: 'direct', speakerId: 'pamela-falk', confidence: 0.99, paragraphId: 'p', position },
    { id: 'q-2', text: 'It was hard', kind: 'multi-paragraph', speakerId: 'pamela-falk', confidence: 0.99, paragraphId: 'p', position }
  ],
  people: [
    { id: 'pamela-falk', name: 'Pamela Falk', kind: 'person', role: 'CBS News Foreign Affairs Analyst', mentions: ['Falk'] }
  ]
})

describe('renderBody', () => {
  it('should render a quote span as a q with the quote id and speaker', () => {
    expect(renderBody(falk)).toContain(
      '“<q id="q-1" data-speaker="Pamela Falk" title="Pamela Falk, CBS News Foreign Affairs Analyst">We will win</q>,” said Falk.'
    )
  })

  it('should point continuation spans of a multi-paragraph quote back with data-quote', () => {
    const html = renderBody(falk)
    expect(html.match(/id="q-2"/g)).toHaveLength(1)
    expect(html).toContain('<q data-quote="q-2" data-speaker="Pamela Falk"')
  })

  it('should hold back a speaker below the threshold: the quote keeps its id and loses its speaker (publication policy)', () => {
    const unsure = { ...falk, quotes: falk.quotes.map((quote) => ({ ...quote, confidence: 0.5 })) }
    const html = renderBody(unsure, undefined, 0.9)
    expect(html).toContain('“<q id="q-1">We will win</q>,” said Falk.')
    expect(html).not.toContain('data-speaker')
    expect(html).not.toContain('title=')
    // The same story at a threshold it reaches, and with the speaker confirmed by an editor.
    expect(renderBody(unsure, undefined, 0.5)).toContain('<q id="q-1" data-speaker="Pamela Falk"')
    const confirmed = { ...unsure, quotes: unsure.quotes.map((quote) => ({ ...quote, confirmed: true })) }
    expect(renderBody(confirmed, undefined, 0.9)).toContain('<q id="q-1" data-speaker="Pamela Falk"')
  })

  it('should render one article object at two thresholds without mixing them up', () => {
    const unsure = { ...falk, quotes: falk.quotes.map((quote) => ({ ...quote, confidence: 0.5 })) }
    expect(renderBody(unsure, undefined, 0.4)).toContain('data-speaker')
    expect(renderBody(unsure, undefined, 0.9)).not.toContain('data-speaker')
  })

  it('should render a held-back block quotation as a plain blockquote with its id, without a caption', () => {
    const html = renderBody(
      article({
        body: [{ type: 'blockquote', id: 'b', quoteId: 'q-1', position, children: [paragraph(text('We will not back down.'))] }],
        quotes: [{ id: 'q-1', text: 'We will not back down.', kind: 'direct', speakerId: 'p-1', confidence: 0.2, paragraphId: 'p', position }],
        people: [{ id: 'p-1', name: 'Jane Doe', kind: 'person', role: 'Mayor', mentions: [] }]
      }),
      undefined,
      0.9
    )
    expect(html).toBe('<blockquote id="q-1">\n<p>We will not back down.</p>\n</blockquote>\n')
  })

  it('should render a quote without a known speaker with no attribution attributes', () => {
    expect(bodyOf(paragraph(span('q-9', 'Unclear')))).toBe('<p><q id="q-9">Unclear</q></p>\n')
  })

  it('should keep ids unique when a blockquote and a span share a quote id', () => {
    const html = renderBody(
      article({
        body: [{ type: 'blockquote', id: 'b', quoteId: 'q-1', position, children: [paragraph(span('q-1', 'Words'))] }]
      })
    )
    expect(html.match(/id="q-1"/g)).toHaveLength(1)
  })

  it('should give a quoting blockquote the quote id', () => {
    const html = renderBody(
      article({ body: [{ type: 'blockquote', id: 'b', quoteId: 'q-3', position, children: [paragraph(text('Words'))] }] })
    )
    expect(html).toContain('<blockquote id="q-3">')
  })

  it('should caption a block quotation with its speaker in a figure (block quotation)', () => {
    const html = renderBody(
      article({
        body: [{ type: 'blockquote', id: 'b', quoteId: 'q-1', position, children: [paragraph(text('We will not back down.'))] }],
        quotes: [{ id: 'q-1', text: 'We will not back down.', kind: 'direct', speakerId: 'p-1', confidence: 0.99, paragraphId: 'p', position }],
        people: [{ id: 'p-1', name: 'Jane <b>Doe</b>', kind: 'person', role: 'Mayor', mentions: [] }]
      })
    )
    expect(html).toBe(
      '<figure class="block-quote">\n<blockquote id="q-1" data-speaker="Jane <b>Doe</b>">\n<p>We will not back down.</p>\n</blockquote>\n' +
        '<figcaption>— <cite>Jane &#x3C;b>Doe&#x3C;/b></cite>, Mayor</figcaption>\n</figure>\n'
    )
  })

  it('should render an editor’s note as a paragraph with the editors-note class', () => {
    expect(bodyOf({ type: 'editorsNote', id: 'e', position, children: [text('(For more, read her blog.)')] })).toBe(
      '<p class="editors-note">(For more, read her blog.)</p>\n'
    )
  })

  it('should render a subheading at its depth', () => {
    expect(bodyOf({ type: 'subheading', id: 's', depth: 3, position, children: [text('Reaction')] })).toBe(
      '<h3>Reaction</h3>\n'
    )
  })

  it('should render lists, rules and code', () => {
    const html = bodyOf(
      { type: 'list', ordered: true, position, items: [[paragraph(text('one'))], [paragraph(text('two'))]] },
      { type: 'rule', position },
      { type: 'code', lang: 'js', value: 'a < b', position }
    )
    expect(html).toBe(
      '<ol>\n<li>one</li>\n<li>two</li>\n</ol>\n<hr>\n<pre><code class="language-js">a &#x3C; b\n</code></pre>\n'
    )
  })

  it('should render a body image as a figure with alt and caption', () => {
    expect(bodyOf({ type: 'image', url: 'https://example.com/a.jpg', alt: 'The summit', title: 'Leaders meet.', position })).toContain(
      '<img src="https://example.com/a.jpg" alt="The summit" loading="lazy" decoding="async">\n<figcaption>Leaders meet.</figcaption>'
    )
  })

  it('should escape text that looks like HTML', () => {
    expect(bodyOf(paragraph(text('<script>alert(1)</script>')))).toBe('<p>&#x3C;script>alert(1)&#x3C;/script></p>\n')
  })

  it('should drop raw HTML nodes', () => {
    const html = bodyOf(paragraph(text('a'), { type: 'html', value: '<img src=x onerror=alert(1)>' }, text('b')))
    expect(html).toBe('<p>ab</p>\n')
  })

  it('should ignore data.hName and data.hProperties on model nodes', () => {
    const sneaky: PhrasingContent = {
      type: 'emphasis',
      data: { hName: 'script', hProperties: { onerror: 'alert(1)', id: 'clobber' } },
      children: [text('x')]
    }
    expect(bodyOf(paragraph(sneaky))).toBe('<p><em>x</em></p>\n')
  })

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'javascript&#58;alert(1)',
    'javascript&#x3A;alert(1)',
    'javascript&colon;alert(1)',
    '&#106;avascript:alert(1)',
    'vbscript:msgbox(1)',
    'data:text/html,<script>alert(1)</script>'
  ])('should drop the link but keep its words for %j', (url) => {
    const html = bodyOf(paragraph(link(url, 'words')))
    expect(html).toBe('<p>words</p>\n')
  })

  it('should keep http, https, mailto and relative links', () => {
    const html = bodyOf(
      paragraph(link('https://a.example/'), link('http://b.example/'), link('mailto:desk@example.com'), link('../other/'), link('#q-1'))
    )
    expect(html).toBe(
      '<p><a href="https://a.example/">link</a><a href="http://b.example/">link</a><a href="mailto:desk@example.com">link</a><a href="../other/">link</a><a href="#q-1">link</a></p>\n'
    )
  })

  it('should lower-case an upper-case scheme so the sanitizer keeps the link', () => {
    expect(bodyOf(paragraph(link('HTTPS://a.example/')))).toBe('<p><a href="https://a.example/">link</a></p>\n')
  })

  it('should drop data: images in text and keep their alt text', () => {
    const html = bodyOf(paragraph({ type: 'image', url: 'data:image/svg+xml,<svg onload=alert(1)>', alt: 'chart' }))
    expect(html).toBe('<p>chart</p>\n')
  })

  it('should drop a body image with a data: URL', () => {
    expect(bodyOf({ type: 'image', url: 'data:image/png;base64,AAAA', alt: 'x', position })).toBe('')
  })

  it('should never output script, event handlers or javascript: URLs', () => {
    const html = bodyOf(
      paragraph(
        text('<script>alert(1)</script>'),
        { type: 'html', value: '<a href="javascript:alert(1)" onclick="x">' },
        link('javascript:alert(1)'),
        { type: 'image', url: 'https://x.example/a.png" onerror="alert(1)', alt: 'a' }
      )
    )
    // An event handler would be an attribute of its own; inside a URL it is percent-encoded.
    expect(html).not.toMatch(/<script|\son\w+=|href="\s*javascript:/i)
  })

  it('should render a body in two parts that join to the whole, each permalink id given once (the pull quote goes between)', () => {
    for (let at = 0; at <= falk.body.length; at++) {
      const [before, after] = renderBodyParts(falk, at)
      expect(before + after).toBe(renderBody(falk))
      expect((before + after).match(/id="q-2"/g)).toHaveLength(1)
    }
    const [before, after] = renderBodyParts(falk, 2)
    expect(before).toContain('id="q-2"')
    expect(after).toContain('data-quote="q-2"')
  })

  it('should hold back a speaker below the threshold in both parts, as the whole body does', () => {
    const unsure = { ...falk, quotes: falk.quotes.map((quote) => ({ ...quote, confidence: 0.5 })) }
    const [before, after] = renderBodyParts(unsure, 2, undefined, 0.9)
    expect(before + after).toBe(renderBody(unsure, undefined, 0.9))
    expect(before + after).not.toContain('data-speaker')
    expect(renderBodyParts(unsure, 2, undefined, 0.5).join('')).toContain('data-speaker="Pamela Falk"')
  })
})

describe('renderFeedBody', () => {
  const storyUrl = 'https://news.example.org/news/world/story/'

  it('should give each quote its marks once, as the copy prints them, with no <q> for a reader to mark again', () => {
    const html = renderFeedBody(falk, storyUrl)
    expect(html).not.toContain('<q')
    expect(html).toContain('<p>“We will win,” said Falk.</p>')
    expect(html).toContain('<p>“And it will stay hard.”</p>')
  })

  it('should place no permalink ids or speaker data attributes, which belong to the site', () => {
    const html = renderFeedBody(
      article({
        body: [{ type: 'blockquote', id: 'b', quoteId: 'q-1', position, children: [paragraph(text('We will not back down.'))] }],
        quotes: [{ id: 'q-1', text: 'We will not back down.', kind: 'direct', speakerId: 'p-1', confidence: 0.99, paragraphId: 'p', position }],
        people: [{ id: 'p-1', name: 'Jane Doe', kind: 'person', role: 'Mayor', mentions: [] }]
      }),
      storyUrl
    )
    expect(html).not.toMatch(/ id=|data-/)
    expect(html).toContain('<blockquote>\n<p>We will not back down.</p>\n</blockquote>\n<figcaption>— <cite>Jane Doe</cite>, Mayor</figcaption>')
  })

  it('should resolve links and images against the story, as a reader cannot', () => {
    const html = renderFeedBody(
      article({
        body: [
          paragraph(link('../other/', 'other'), text(' '), link('/news/tags/x/', 'tag'), text(' '), link('https://elsewhere.example/a', 'far'), text(' '), link('mailto:desk@example.org', 'mail')),
          { type: 'image', url: 'bridge.png', alt: 'The bridge', position }
        ]
      }),
      storyUrl
    )
    expect(html).toContain('href="https://news.example.org/news/world/other/"')
    expect(html).toContain('href="https://news.example.org/news/tags/x/"')
    expect(html).toContain('href="https://elsewhere.example/a"')
    expect(html).toContain('href="mailto:desk@example.org"')
    expect(html).toContain('src="https://news.example.org/news/world/story/bridge.png"')
  })

  it('should name a block quotation’s speaker only when the attribution is published, as the site does (publication policy)', () => {
    const story = (confidence: number, confirmed?: boolean) =>
      article({
        body: [{ type: 'blockquote', id: 'b', quoteId: 'q-1', position, children: [paragraph(text('We will not back down.'))] }],
        quotes: [{ id: 'q-1', text: 'We will not back down.', kind: 'direct', speakerId: 'p-1', confidence, ...(confirmed === undefined ? {} : { confirmed }), paragraphId: 'p', position }],
        people: [{ id: 'p-1', name: 'Jane Doe', kind: 'person', role: 'Mayor', mentions: [] }]
      })
    const unsure = story(0.5)
    expect(renderFeedBody(unsure, storyUrl)).toBe('<blockquote>\n<p>We will not back down.</p>\n</blockquote>\n')
    expect(renderFeedBody(unsure, storyUrl, undefined, 0.9)).not.toContain('Jane Doe')
    // The same object at a threshold it reaches renders afresh, and an editor's confirmation publishes it at any.
    expect(renderFeedBody(unsure, storyUrl, undefined, 0.4)).toContain('<figcaption>— <cite>Jane Doe</cite>, Mayor</figcaption>')
    expect(renderFeedBody(story(0.1, true), storyUrl, undefined, 0.9)).toContain('<cite>Jane Doe</cite>')
  })

  it('should leave the site body as it was', () => {
    renderFeedBody(falk, storyUrl)
    expect(renderBody(falk)).toContain('“<q id="q-1"')
  })
})

