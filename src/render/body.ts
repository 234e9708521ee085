/**
 * The article body: model blocks → mdast → hast → sanitized HTML, in this one module.
 *
 * The body is the only HTML that reaches a page through `<%~ %>`, so everything that
 * could carry script is settled here: raw HTML never enters (the parse stage drops it
 * with a warning, and `html` nodes are dropped again below), and the hast tree is
 * sanitized last, against a schema narrowed to what a news story uses.
 */
import type { Element, ElementContent, Properties } from 'hast'
import type { Schema } from 'hast-util-sanitize'
import type { Blockquote, Code, Parents, PhrasingContent, Root, ThematicBreak } from 'mdast'
import type { Handler, Handlers, State } from 'mdast-util-to-hast'
import remarkHtml from 'remark-html'
import { unified } from 'unified'
import type { Article, Block, Person, Phrasing, Quote } from '../model/article.js'
import { imageSchemes, isAllowedUrl, linkSchemes, urlScheme } from '../content/url-scheme.js'
import { DEFAULT_PUBLISH_THRESHOLD, publishedSpeakerId } from '../quotes/policy.js'

/** Who said a quote, resolved from `article.quotes` → `article.people` before rendering. */
interface Speaker {
  readonly name: string
  readonly role: string | undefined
  /** `Name, role`: the attribution a reader sees when hovering the quote. */
  readonly label: string
}

/**
 * A quote span in mdast. mdast has no such node and we deliberately do not add one to
 * mdast's `PhrasingContentMap`: that augmentation is global and would change the types
 * every other stage sees for plain Markdown. The node lives only inside this module.
 */
interface QuoteSpanNode {
  readonly type: 'quoteSpan'
  readonly quoteId: string
  /** Whether this span carries the permalink `id` (else it points back with `data-quote`). */
  readonly hasId: boolean
  readonly speaker: Speaker | undefined
  readonly children: PhrasingContent[]
}

/** A body image as a block: `<figure>` with an optional caption from the image title. */
interface FigureNode {
  readonly type: 'figure'
  readonly url: string
  readonly alt: string
  readonly caption: string | undefined
}

/**
 * A block quotation with its speaker: `<figure>` around the `<blockquote>`, with the
 * attribution in `<figcaption>` (`— <cite>Name</cite>, role`), which HTML keeps outside
 * the quoted words.
 */
interface QuoteFigureNode {
  readonly type: 'quoteFigure'
  readonly quote: BodyBlockquote
  readonly speaker: Speaker
}

type BodyPhrasing = PhrasingContent | QuoteSpanNode

interface BodyParagraph {
  readonly type: 'paragraph'
  readonly children: BodyPhrasing[]
  readonly data?: { readonly hProperties: Properties }
}

interface BodyHeading {
  readonly type: 'heading'
  readonly depth: 2 | 3 | 4
  readonly children: BodyPhrasing[]
}

interface BodyBlockquote {
  readonly type: 'blockquote'
  readonly children: BodyFlow[]
  readonly data?: { readonly hProperties: Properties }
}

interface BodyListItem {
  readonly type: 'listItem'
  readonly spread: false
  readonly children: BodyFlow[]
}

interface BodyList {
  readonly type: 'list'
  readonly ordered: boolean
  readonly spread: false
  readonly children: BodyListItem[]
}

type BodyFlow = BodyParagraph | BodyHeading | BodyBlockquote | QuoteFigureNode | BodyList | FigureNode | ThematicBreak | Code

interface BodyRoot {
  readonly type: 'root'
  readonly children: BodyFlow[]
}

/** What the block converters share while walking one article. */
interface BodyContext {
  readonly quotes: ReadonlyMap<string, Quote>
  readonly people: ReadonlyMap<string, Person>
  /** The confidence a speaker needs to be shown (`isPublished`). */
  readonly threshold: number
  /** Ids already placed on an element, so a quote id is used once per page. */
  readonly usedIds: Set<string>
}

/**
 * Everything the body may contain after sanitizing. Narrower than hast-util-sanitize's
 * GitHub-style `defaultSchema`: no tables, inputs, details, footnotes or free-form
 * `id`/`name`/`class` attributes, since nothing in the model produces them.
 */
const bodySchema: Schema = {
  tagNames: [
    'p', 'h2', 'h3', 'h4', 'blockquote', 'q', 'a', 'em', 'strong', 'del', 'code', 'pre',
    'br', 'hr', 'ul', 'ol', 'li', 'img', 'figure', 'figcaption', 'cite'
  ],
  attributes: {
    a: ['href', 'title'],
    img: ['src', 'alt', 'title', ['loading', 'lazy'], ['decoding', 'async']],
    q: ['id', 'dataQuote', 'dataSpeaker', 'title'],
    blockquote: ['id', 'dataSpeaker'],
    figure: [['className', 'block-quote']],
    p: [['className', 'editors-note']],
    code: [['className', /^language-[\w+#-]+$/]],
    ol: ['start']
  },
  // Allow-list, so `javascript:`, `vbscript:`, `data:` and any casing or spacing trick
  // of them (the check is an exact, case-sensitive prefix match) lose their URL.
  // Relative URLs have no scheme and pass.
  protocols: {
    href: ['http', 'https', 'mailto'],
    src: ['http', 'https']
  },
  // Ids here never come from content: they are quote ids the parse stage generates
  // (`q-1`), and raw HTML is dropped before render. Unprefixed ids keep `#q-1`
  // permalinks and `:target` styling working.
  clobber: [],
  clobberPrefix: '',
  strip: ['script', 'style']
}

/**
 * Turns our `quoteSpan` node into `<q>`: the first span of a quote carries the permalink
 * id, later spans of a multi-paragraph quote point back to it with `data-quote`.
 *
 * The attribution goes in `title` (and `data-speaker` for styling): the copy already
 * names the speaker next to the quote ("…," said Falk), so visually hidden text would
 * make screen readers say it twice; the "Quoted in this story" panel gives every
 * reader the full list in plain text.
 */
function handleQuoteSpan(state: State, node: QuoteSpanNode, parent: Parents | undefined): Element {
  const properties: Properties = node.hasId ? { id: node.quoteId } : { dataQuote: node.quoteId }
  if (node.speaker) {
    properties['dataSpeaker'] = node.speaker.name
    properties['title'] = node.speaker.label
  }
  return {
    type: 'element',
    tagName: 'q',
    properties,
    children: node.children.flatMap((child) => asList(state.one(child, parent)))
  }
}

function handleFigure(state: State, node: FigureNode): Element {
  const image: Element = {
    type: 'element',
    tagName: 'img',
    properties: { src: node.url, alt: node.alt, loading: 'lazy', decoding: 'async' },
    children: []
  }
  const children: ElementContent[] = [image]
  if (node.caption !== undefined) {
    children.push({
      type: 'element',
      tagName: 'figcaption',
      properties: {},
      children: [{ type: 'text', value: node.caption }]
    })
  }
  return { type: 'element', tagName: 'figure', properties: {}, children: state.wrap(children, true) }
}

function handleQuoteFigure(state: State, node: QuoteFigureNode): Element {
  const caption: ElementContent[] = [
    { type: 'text', value: '— ' },
    { type: 'element', tagName: 'cite', properties: {}, children: [{ type: 'text', value: node.speaker.name }] }
  ]
  if (node.speaker.role !== undefined) caption.push({ type: 'text', value: `, ${node.speaker.role}` })
  const children: ElementContent[] = [
    ...asList(state.one(node.quote as unknown as Blockquote, undefined)),
    { type: 'element', tagName: 'figcaption', properties: {}, children: caption }
  ]
  return { type: 'element', tagName: 'figure', properties: { className: ['block-quote'] }, children: state.wrap(children, true) }
}

function asList(result: ElementContent[] | ElementContent | undefined): ElementContent[] {
  if (result === undefined) return []
  return Array.isArray(result) ? result : [result]
}

/** mdast-util-to-hast types `Handlers` by mdast's own node names; ours are extra keys. */
const handlers: Handlers & Record<'quoteSpan' | 'figure' | 'quoteFigure', Handler> = {
  quoteSpan: handleQuoteSpan,
  figure: handleFigure,
  quoteFigure: handleQuoteFigure
}

// Built once: a frozen processor is reused for every article.
const processor = unified().use(remarkHtml, { sanitize: bodySchema, handlers }).freeze()

/**
 * Renders an article body to sanitized HTML.
 *
 * Quote spans become `<q id="q-N">` (first span) or `<q data-quote="q-N">` (later spans
 * of a multi-paragraph quote), with the speaker from `article.quotes` → `article.people`
 * when the publication policy lets it be shown (a held-back quote is a `<q>` with its id
 * and no speaker).
 *
 * @param article The parsed article; only `body`, `quotes` and `people` are read.
 * @param threshold The confidence a speaker needs to be shown (the site's `attribution.threshold`).
 * @returns HTML for the inside of the article's body container, ending in a newline.
 */
export function renderBody(article: Article, threshold: number = DEFAULT_PUBLISH_THRESHOLD): string {
  let cached = bodies.get(article)
  if (cached?.threshold !== threshold) {
    cached = { threshold, html: renderBodyUncached(article, threshold) }
    bodies.set(article, cached)
  }
  return cached.html
}

/**
 * Body HTML by article. Articles are immutable, and a body is printed on its page and in
 * up to two feeds (the site's and its section's), so it is rendered once per article
 * object; an edited article is a new object and renders afresh.
 */
const bodies = new WeakMap<Article, { readonly threshold: number; readonly html: string }>()

function renderBodyUncached(article: Article, threshold: number): string {
  const context: BodyContext = {
    quotes: new Map(article.quotes.map((quote) => [quote.id, quote])),
    people: new Map(article.people.map((person) => [person.id, person])),
    threshold,
    usedIds: new Set()
  }
  const root: BodyRoot = { type: 'root', children: flowFromBlocks(article.body, context) }
  // The one place our extended tree enters unified's mdast-typed API: the only nodes
  // outside mdast are `quoteSpan` and `figure`, and `handlers` covers both.
  return processor.stringify(root as unknown as Root)
}

function flowFromBlocks(blocks: readonly Block[], context: BodyContext): BodyFlow[] {
  return blocks.flatMap((block) => flowFromBlock(block, context))
}

function flowFromBlock(block: Block, context: BodyContext): BodyFlow | [] {
  switch (block.type) {
    case 'paragraph':
      return { type: 'paragraph', children: phrasingFromModel(block.children, context) }
    case 'subheading':
      return { type: 'heading', depth: block.depth, children: phrasingFromModel(block.children, context) }
    case 'editorsNote':
      return {
        type: 'paragraph',
        children: phrasingFromModel(block.children, context),
        data: { hProperties: { className: ['editors-note'] } }
      }
    case 'blockquote': {
      const children = flowFromBlocks(block.children, context)
      if (block.quoteId === undefined) return { type: 'blockquote', children }
      const speaker = speakerOf(block.quoteId, context)
      const hProperties: Properties = claimId(block.quoteId, context) ? { id: block.quoteId } : {}
      if (speaker === undefined) return { type: 'blockquote', children, data: { hProperties } }
      hProperties['dataSpeaker'] = speaker.name
      return { type: 'quoteFigure', quote: { type: 'blockquote', children, data: { hProperties } }, speaker }
    }
    case 'list':
      return {
        type: 'list',
        ordered: block.ordered,
        spread: false,
        children: block.items.map((item) => ({
          type: 'listItem',
          spread: false,
          children: flowFromBlocks(item, context)
        }))
      }
    case 'image': {
      const url = safeUrl(block.url, imageSchemes)
      return url === undefined ? [] : { type: 'figure', url, alt: block.alt, caption: block.title }
    }
    case 'rule':
      return { type: 'thematicBreak' }
    case 'code':
      return { type: 'code', lang: block.lang ?? null, value: block.value }
  }
}

function phrasingFromModel(nodes: readonly Phrasing[], context: BodyContext): BodyPhrasing[] {
  return nodes.flatMap((node): BodyPhrasing[] => {
    if (node.type !== 'quoteSpan') return mdastFromPhrasing(node)
    return [
      {
        type: 'quoteSpan',
        quoteId: node.quoteId,
        hasId: node.isFirst && claimId(node.quoteId, context),
        speaker: speakerOf(node.quoteId, context),
        // Quote spans do not nest; if the model ever has one inside another, keep
        // the words and drop the inner span.
        children: node.children.flatMap(plainMdastFromPhrasing)
      }
    ]
  })
}

function plainMdastFromPhrasing(node: Phrasing): PhrasingContent[] {
  return node.type === 'quoteSpan' ? node.children.flatMap(plainMdastFromPhrasing) : mdastFromPhrasing(node)
}

/**
 * Copies an mdast phrasing node field by field. Copying (rather than passing the node
 * through) drops `data`, so `data.hName`/`data.hProperties` on a model node can never
 * choose elements or attributes, and drops `html` and footnote nodes, which have no
 * place in a story body.
 */
function mdastFromPhrasing(node: PhrasingContent): PhrasingContent[] {
  switch (node.type) {
    case 'text':
      return [{ type: 'text', value: node.value }]
    case 'inlineCode':
      return [{ type: 'inlineCode', value: node.value }]
    case 'break':
      return [{ type: 'break' }]
    case 'emphasis':
    case 'strong':
    case 'delete':
      return [{ type: node.type, children: node.children.flatMap(mdastFromPhrasing) }]
    case 'link': {
      const children = node.children.flatMap(mdastFromPhrasing)
      const url = safeUrl(node.url, linkSchemes)
      // A link we will not follow keeps its words.
      return url === undefined ? children : [{ type: 'link', url, title: node.title ?? null, children }]
    }
    case 'image': {
      const url = safeUrl(node.url, imageSchemes)
      const alt = node.alt ?? ''
      if (url === undefined) return alt ? [{ type: 'text', value: alt }] : []
      return [{ type: 'image', url, alt, title: node.title ?? null }]
    }
    // Definitions are not part of the body model, so an unresolved reference shows
    // its words.
    case 'linkReference':
      return node.children.flatMap(mdastFromPhrasing)
    case 'imageReference':
      return node.alt ? [{ type: 'text', value: node.alt }] : []
    case 'html':
    case 'footnoteReference':
      return []
  }
}

/**
 * A second line of defence behind the parse stage (which already drops unsafe URLs with
 * a warning) and in front of the sanitizer (which stays the authority): a URL whose
 * scheme, read the way a browser reads it, is not allowed is refused outright instead of
 * surviving as an empty `<a>`.
 *
 * @returns The URL with its scheme lower-cased, or `undefined` when it may not be used.
 */
function safeUrl(url: string, schemes: ReadonlySet<string>): string | undefined {
  if (!isAllowedUrl(url, schemes)) return undefined
  const scheme = urlScheme(url)
  return scheme === '' || scheme === undefined ? url : url.trimStart().replace(/^[a-z][a-z\d+.-]*:/i, `${scheme}:`)
}

function speakerOf(quoteId: string, context: BodyContext): Speaker | undefined {
  const quote = context.quotes.get(quoteId)
  const speakerId = quote === undefined ? undefined : publishedSpeakerId(quote, context.threshold)
  const person = speakerId === undefined ? undefined : context.people.get(speakerId)
  if (!person) return undefined
  return { name: person.name, role: person.role || undefined, label: person.role ? `${person.name}, ${person.role}` : person.name }
}

/** Marks `id` as used; `false` when an earlier element already carries it. */
function claimId(id: string, context: BodyContext): boolean {
  if (context.usedIds.has(id)) return false
  context.usedIds.add(id)
  return true
}
