/**
 * The article body: model blocks → mdast (here) → hast → sanitized HTML (`body-html.ts`).
 *
 * The body is the only HTML that reaches a page through `<%~ %>`, so everything that
 * could carry script is settled in these two modules: raw HTML never enters (the parse
 * stage drops it with a warning, and `html` nodes are dropped again below), URLs are
 * checked here, and the hast tree is sanitized last, in `body-html.ts`, against a schema
 * narrowed to what a news story uses.
 */
import type { Properties } from 'hast'
import type { PhrasingContent } from 'mdast'
import type { Article, Block, Person, Phrasing, Quote } from '../model/article.js'
import { imageSchemes, isAllowedUrl, linkSchemes, urlScheme } from '../content/url-scheme.js'
import { DEFAULT_PUBLISH_THRESHOLD, publishedSpeakerId } from '../quotes/policy.js'
import { type BodyFlow, type BodyPhrasing, type Speaker, stringifyFlow } from './body-html.js'

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
