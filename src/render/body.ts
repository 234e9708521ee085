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
  /** Image addresses as written → their URLs on the site (see `Site.imageUrls`). */
  readonly imageUrls: Readonly<Record<string, string>>
  /** The confidence a speaker needs to be shown (`isPublished`). */
  readonly threshold: number
  /** Ids already placed on an element, so a quote id is used once per page. */
  readonly usedIds: Set<string>
  /** Rendering for a feed: no permalink ids, and every URL made absolute against this one (the story's). */
  readonly feedUrl: string | undefined
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

/**
 * A quote span in a feed: its words alone. The marks around a quote are the copy's own
 * text, kept outside `<q>`; the site's style sheet stops `<q>` adding its own, but a feed
 * reader has no style sheet, so every `<q>` would show its quote marked twice.
 */
function handleFeedQuoteSpan(state: State, node: QuoteSpanNode, parent: Parents | undefined): ElementContent[] {
  return node.children.flatMap((child) => asList(state.one(child, parent)))
}

// Built once: a frozen processor is reused for every article.
const processor = unified().use(remarkHtml, { sanitize: bodySchema, handlers }).freeze()
const feedProcessor = unified()
  .use(remarkHtml, { sanitize: bodySchema, handlers: { ...handlers, quoteSpan: handleFeedQuoteSpan } })
  .freeze()

/**
 * Renders an article body to sanitized HTML.
 *
 * Quote spans become `<q id="q-N">` (first span) or `<q data-quote="q-N">` (later spans
 * of a multi-paragraph quote), with the speaker from `article.quotes` → `article.people`
 * when the publication policy lets it be shown (a held-back quote is a `<q>` with its id
 * and no speaker).
 *
 * @param article The parsed article; only `body`, `quotes` and `people` are read.
 * @param imageUrls The URL of each image address of the body, as the site stage decided
 *   them (`Site.imageUrls[article.id]`); an address not in it is used as written
 *   (default: none).
 * @param threshold The confidence a speaker needs to be shown (the site's `attribution.threshold`).
 * @returns HTML for the inside of the article's body container, ending in a newline.
 */
export function renderBody(article: Article, imageUrls: Readonly<Record<string, string>> = noImageUrls, threshold: number = DEFAULT_PUBLISH_THRESHOLD): string {
  return renderWholeBody(article, imageUrls, threshold)
}

const noImageUrls: Readonly<Record<string, string>> = {}

function sameUrls(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  if (a === b) return true
  const keys = Object.keys(a)
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key])
}

/**
 * Renders an article body for feeds, where it must read right in a reader with neither
 * the site's style sheet nor its URL: quotes are their words and the copy's own marks (no
 * `<q>`, which a reader would mark again), there are no permalink ids to clash with the
 * reader's page, and links and images are absolute, resolved against the story's URL. A
 * block quotation's caption names its speaker only when the attribution is published.
 *
 * @param article The parsed article.
 * @param articleUrl The story's absolute URL.
 * @param imageUrls The URL of each image address of the body (`Site.imageUrls[article.id]`).
 * @param threshold As for `renderBody`.
 */
export function renderFeedBody(article: Article, articleUrl: string, imageUrls: Readonly<Record<string, string>> = noImageUrls, threshold: number = DEFAULT_PUBLISH_THRESHOLD): string {
  const held = feedBodies.get(article)
  if (held?.url === articleUrl && held.threshold === threshold && sameUrls(held.imageUrls, imageUrls)) return held.html
  const html = renderWholeBody(article, imageUrls, threshold, articleUrl)
  feedBodies.set(article, { url: articleUrl, imageUrls, threshold, html })
  return html
}

/** Feed body HTML by article, for its URL: the site's feed and its section's list the same story. */
const feedBodies = new WeakMap<Article, { readonly url: string; readonly imageUrls: Readonly<Record<string, string>>; readonly threshold: number; readonly html: string }>()

function renderWholeBody(article: Article, imageUrls: Readonly<Record<string, string>>, threshold: number, feedUrl?: string): string {
  return stringifyFlow(flowFromBlocks(article.body, bodyContext(article, imageUrls, threshold, feedUrl)), feedUrl !== undefined)
}

/**
 * Renders an article body in two parts, split before the top-level block `at`, so a page
 * can place something between them (the pull quote). The parts joined are `renderBody`'s
 * HTML: one rendering, with the permalink ids given out once across both.
 *
 * @param at Index into `article.body`; 0 or `body.length` gives an empty part.
 * @param imageUrls As for `renderBody`.
 * @param threshold As for `renderBody`.
 */
export function renderBodyParts(article: Article, at: number, imageUrls: Readonly<Record<string, string>> = noImageUrls, threshold: number = DEFAULT_PUBLISH_THRESHOLD): readonly [string, string] {
  const context = bodyContext(article, imageUrls, threshold, undefined)
  const first = flowFromBlocks(article.body.slice(0, at), context)
  const second = flowFromBlocks(article.body.slice(at), context)
  return [first.length === 0 ? '' : stringifyFlow(first, false), second.length === 0 ? '' : stringifyFlow(second, false)]
}

function bodyContext(article: Article, imageUrls: Readonly<Record<string, string>>, threshold: number, feedUrl: string | undefined): BodyContext {
  return {
    quotes: new Map(article.quotes.map((quote) => [quote.id, quote])),
    people: new Map(article.people.map((person) => [person.id, person])),
    imageUrls,
    threshold,
    usedIds: new Set(),
    feedUrl
  }
}

function stringifyFlow(children: BodyFlow[], forFeed: boolean): string {
  const root: BodyRoot = { type: 'root', children }
  // The one place our extended tree enters unified's mdast-typed API: the only nodes
  // outside mdast are `quoteSpan` and `figure`, and `handlers` covers both.
  return (forFeed ? feedProcessor : processor).stringify(root as unknown as Root)
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
      const hProperties: Properties = context.feedUrl === undefined && claimId(block.quoteId, context) ? { id: block.quoteId } : {}
      if (speaker === undefined) return { type: 'blockquote', children, data: { hProperties } }
      if (context.feedUrl === undefined) hProperties['dataSpeaker'] = speaker.name
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
      const url = safeUrl(context.imageUrls[block.url] ?? block.url, imageSchemes)
      return url === undefined ? [] : { type: 'figure', url: absoluteIn(url, context), alt: block.alt, caption: block.title }
    }
    case 'rule':
      return { type: 'thematicBreak' }
    case 'code':
      return { type: 'code', lang: block.lang ?? null, value: block.value }
  }
}

function phrasingFromModel(nodes: readonly Phrasing[], context: BodyContext): BodyPhrasing[] {
  return nodes.flatMap((node): BodyPhrasing[] => {
    if (node.type !== 'quoteSpan') return mdastFromPhrasing(node, context)
    return [
      {
        type: 'quoteSpan',
        quoteId: node.quoteId,
        hasId: node.isFirst && claimId(node.quoteId, context),
        speaker: speakerOf(node.quoteId, context),
        // Quote spans do not nest; if the model ever has one inside another, keep
        // the words and drop the inner span.
        children: node.children.flatMap((child) => plainMdastFromPhrasing(child, context))
      }
    ]
  })
}

function plainMdastFromPhrasing(node: Phrasing, context: BodyContext): PhrasingContent[] {
  return node.type === 'quoteSpan' ? node.children.flatMap((child) => plainMdastFromPhrasing(child, context)) : mdastFromPhrasing(node, context)
}

/**
 * Copies an mdast phrasing node field by field. Copying (rather than passing the node
 * through) drops `data`, so `data.hName`/`data.hProperties` on a model node can never
 * choose elements or attributes, and drops `html` and footnote nodes, which have no
 * place in a story body.
 */
function mdastFromPhrasing(node: PhrasingContent, context: BodyContext): PhrasingContent[] {
  const inside = (children: readonly PhrasingContent[]): PhrasingContent[] => children.flatMap((child) => mdastFromPhrasing(child, context))
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
      return [{ type: node.type, children: inside(node.children) }]
    case 'link': {
      const children = inside(node.children)
      const url = safeUrl(node.url, linkSchemes)
      // A link we will not follow keeps its words.
      return url === undefined ? children : [{ type: 'link', url: absoluteIn(url, context), title: node.title ?? null, children }]
    }
    case 'image': {
      const url = safeUrl(context.imageUrls[node.url] ?? node.url, imageSchemes)
      const alt = node.alt ?? ''
      if (url === undefined) return alt ? [{ type: 'text', value: alt }] : []
      return [{ type: 'image', url: absoluteIn(url, context), alt, title: node.title ?? null }]
    }
    // Definitions are not part of the body model, so an unresolved reference shows
    // its words.
    case 'linkReference':
      return inside(node.children)
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

/**
 * In a feed, `url` resolved against the story's URL: a reader resolves a relative URL
 * against the feed's, which is not where the story lives. On the site, `url` as written.
 */
function absoluteIn(url: string, context: BodyContext): string {
  if (context.feedUrl === undefined) return url
  try {
    return new URL(url, context.feedUrl).href
  } catch {
    // Not a URL the WHATWG parser can resolve: left as written, as on the site.
    return url
  }
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
