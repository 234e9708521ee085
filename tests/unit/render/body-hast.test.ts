/**
 * `renderBody` converts the body's mdast to hast itself, for the few node types a body has.
 * These tests hold it to the general converter it replaced: `remark-html` (mdast-util-to-hast,
 * hast-util-sanitize, hast-util-to-html) with the handlers the body used to pass it, on every
 * fixture, on generated hostile Markdown and on generated body trees (fast-check, fixed seed).
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import type { Element, ElementContent, Properties } from 'hast'
import type { Parents, PhrasingContent, Root } from 'mdast'
import type { Handler, Handlers, State } from 'mdast-util-to-hast'
import remarkHtml from 'remark-html'
import { unified } from 'unified'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import type { Article, Block, Person, Phrasing, Position, Quote } from '../../../src/model/article.js'
import { parseArticle } from '../../../src/parse/article.js'
import { bodySchema, bodyTree, type FigureNode, type QuoteSpanNode, renderBody } from '../../../src/render/body.js'
import { attributeNames } from '../../../src/render/body-html.js'
import { makeArticle } from '../../helpers/article.js'

// The reference: the handlers `renderBody` passed to `remark-html` before it converted the
// tree itself.
function handleQuoteSpan(state: State, node: QuoteSpanNode, parent: Parents | undefined): Element {
  const properties: Properties = node.hasId ? { id: node.quoteId } : { dataQuote: node.quoteId }
  if (node.speaker) {
    properties['dataSpeaker'] = node.speaker.name
    properties['title'] = node.speaker.label
  }
  return { type: 'element', tagName: 'q', properties, children: node.children.flatMap((child) => asList(state.one(child, parent))) }
}

function handleFigure(state: State, node: FigureNode): Element {
  const children: ElementContent[] = [
    { type: 'element', tagName: 'img', properties: { src: node.url, alt: node.alt, loading: 'lazy', decoding: 'async' }, children: [] },
  ]
  if (node.caption !== undefined) children.push({ type: 'element', tagName: 'figcaption', properties: {}, children: [{ type: 'text', value: node.caption }] })
  return { type: 'element', tagName: 'figure', properties: {}, children: state.wrap(children, true) }
}

function asList(result: ElementContent[] | ElementContent | undefined): ElementContent[] {
  if (result === undefined) return []
  return Array.isArray(result) ? result : [result]
}

const handlers: Handlers & Record<'quoteSpan' | 'figure', Handler> = { quoteSpan: handleQuoteSpan, figure: handleFigure }
const reference = unified().use(remarkHtml, { sanitize: bodySchema, handlers }).freeze()

function referenceHtml(article: Article): string {
  return reference.stringify(bodyTree(article) as unknown as Root)
}

const fixtures = fileURLToPath(new URL('../../fixtures/', import.meta.url))
const content = fileURLToPath(new URL('../../../content/', import.meta.url))

function articleFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.md') || name.endsWith('.txt'))
    .map((name) => path.join(dir, name))
}

function parse(text: string, sourcePath: string): Article | undefined {
  const file = new VFile({ path: sourcePath, value: text })
  file.data.sourcePath = sourcePath
  return parseArticle(file)
}

const position: Position = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 2, offset: 1 } }

// Generated body trees: every block and inline node the model has, with the values the
// converter treats specially (blanks after a break, line endings in text and code, URL
// schemes and characters `normalizeUri` encodes, titles, quote ids used twice).
const words = fc.oneof(
  fc.constantFrom('word', ' ', '  lead', 'trail  ', '\t', 'a\nb', 'a  \n  b', ' \r\n ', 'x\r', '<b>&amp;', '"\'', '“quoted”', 'é', '😀', ''),
  fc.string({ maxLength: 5 }),
)
const url = fc.constantFrom(
  'https://example.com/a b?x=1&y=2', 'http://ex.test/é', 'mailto:a@b.test', '/relative/path', '#q-1', 'JavaScript:alert(1)', 'data:text/html,x',
  'HTTPS://Upper.test', '%41%zz', 'https://ex.test/\u{1F600}', 'ftp://no.test', ' https://lead.test', '',
)
const title = fc.option(fc.constantFrom('A title', '', 'with "quotes" & <tags>', "it's `code` > all"), { nil: undefined })
const quoteId = fc.constantFrom('q-1', 'q-2', 'q-3', 'q-9')

const phrasing: fc.Arbitrary<Phrasing> = fc.letrec<{ node: Phrasing; plain: PhrasingContent }>((tie) => ({
  plain: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    words.map((value): PhrasingContent => ({ type: 'text', value })),
    words.map((value): PhrasingContent => ({ type: 'inlineCode', value })),
    fc.constant<PhrasingContent>({ type: 'break' }),
    fc.constant<PhrasingContent>({ type: 'html', value: '<script>x</script>' }),
    fc.constantFrom('emphasis', 'strong', 'delete').chain((type) =>
      fc.array(tie('plain'), { maxLength: 3 }).map((children): PhrasingContent => ({ type, children }) as PhrasingContent),
    ),
    fc.tuple(url, title, fc.array(tie('plain'), { maxLength: 3 })).map(([href, linkTitle, children]): PhrasingContent => ({ type: 'link', url: href, title: linkTitle ?? null, children })),
    fc.tuple(url, fc.option(words, { nil: undefined }), title).map(([src, alt, imageTitle]): PhrasingContent => ({ type: 'image', url: src, alt: alt ?? null, title: imageTitle ?? null })),
    fc.array(tie('plain'), { maxLength: 2 }).map((children): PhrasingContent => ({ type: 'linkReference', identifier: 'r', label: 'r', referenceType: 'full', children })),
  ),
  node: fc.oneof(
    { depthSize: 'small' },
    tie('plain'),
    fc.tuple(quoteId, fc.boolean(), fc.array(fc.oneof(tie('plain'), tie('node')), { maxLength: 4 })).map(([id, isFirst, children]): Phrasing => ({ type: 'quoteSpan', quoteId: id, isFirst, children })),
  ),
})).node

const inline = fc.array(phrasing, { maxLength: 6 })

const block: fc.Arbitrary<Block> = fc.letrec<{ block: Block }>((tie) => ({
  block: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    inline.map((children): Block => ({ type: 'paragraph', id: 'p', children, position })),
    fc.tuple(fc.constantFrom<2 | 3 | 4>(2, 3, 4), inline).map(([depth, children]): Block => ({ type: 'subheading', id: 'h', depth, children, position })),
    inline.map((children): Block => ({ type: 'editorsNote', id: 'n', children, position })),
    fc.tuple(fc.option(quoteId, { nil: undefined }), fc.array(tie('block'), { maxLength: 3 })).map(([id, children]): Block =>
      id === undefined ? { type: 'blockquote', id: 'b', children, position } : { type: 'blockquote', id: 'b', quoteId: id, children, position },
    ),
    fc.tuple(fc.boolean(), fc.array(fc.array(tie('block'), { maxLength: 3 }), { maxLength: 3 })).map(([ordered, items]): Block => ({ type: 'list', ordered, items, position })),
    fc.tuple(url, words, title).map(([src, alt, imageTitle]): Block =>
      imageTitle === undefined ? { type: 'image', url: src, alt, position } : { type: 'image', url: src, alt, title: imageTitle, position },
    ),
    fc.constant<Block>({ type: 'rule', position }),
    fc.tuple(fc.option(fc.constantFrom('js', ' js', 'js python', '', 'c++', 'a"b'), { nil: undefined }), words).map(([lang, value]): Block =>
      lang === undefined ? { type: 'code', value, position } : { type: 'code', lang, value, position },
    ),
  ),
})).block

const people: Person[] = [
  { id: 'falk', name: 'Pamela Falk', kind: 'person', role: 'Analyst <CBS>', mentions: ['Falk'] },
  { id: 'moe', name: "Moe \"M\" D'oe `x`", kind: 'person', mentions: ['Doe'] },
]
const quotes: Quote[] = [
  { id: 'q-1', text: 'One', kind: 'direct', speakerId: 'falk', paragraphId: 'p', position },
  { id: 'q-2', text: 'Two', kind: 'multi-paragraph', speakerId: 'moe', paragraphId: 'p', position },
  { id: 'q-3', text: 'Three', kind: 'partial', paragraphId: 'p', position },
]

describe('renderBody (its own mdast → hast → HTML)', () => {
  it('should know the HTML name of every attribute the body schema allows', () => {
    const allowed = Object.values(bodySchema.attributes ?? {}).flatMap((list) => list.map((entry) => (typeof entry === 'string' ? entry : entry[0])))
    expect(allowed.length).toBeGreaterThan(5)
    for (const property of allowed) expect(attributeNames, property).toHaveProperty(property)
  })

  it('should give the same HTML as remark-html for every fixture and shipped article', () => {
    const files = [...articleFiles(fixtures), ...articleFiles(content)]
    let compared = 0
    for (const file of files) {
      const article = parse(readFileSync(file, 'utf8'), path.relative(fixtures, file))
      if (!article) continue
      expect(renderBody(article), file).toBe(referenceHtml(article))
      compared++
    }
    expect(compared).toBeGreaterThan(20)
  })

  it('should give the same HTML as remark-html on generated hostile Markdown (property, differential)', () => {
    const piece = fc.oneof(
      fc.constantFrom('<script>x</script>', '[a](javascript:x)', '[a](http://x.test "t")', '![i](http://x.test/i.png "cap")', '\n', '\n\n', '  \n', '\\\n', '> ', '- ', '1. ', '```js\n', '`', '*', '**', '~~', '"', '“', '”', ' said Falk.', 'Falk said', '&amp;', '\t', '    '),
      fc.string({ maxLength: 6 }),
    )
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 50 }), (pieces) => {
        const article = parse(`---\ntitle: Generated\ndate: 2026-03-01\n---\n\n${pieces.join('')}`, 'world/generated.md')
        if (article) expect(renderBody(article)).toBe(referenceHtml(article))
      }),
      { seed: 20261128, numRuns: 400 },
    )
  })

  it('should give the same HTML as remark-html on generated body trees (property, differential)', () => {
    fc.assert(
      fc.property(fc.array(block, { maxLength: 6 }), (body) => {
        const article = makeArticle({ body, quotes, people })
        expect(renderBody(article)).toBe(referenceHtml(article))
      }),
      { seed: 20261128, numRuns: 2000 },
    )
  })
})
