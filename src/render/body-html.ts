/**
 * The article body's last steps: the tree `body.ts` makes from the model (mdast plus three
 * nodes of our own: quote spans, figures and quoted block quotations) → hast → sanitized
 * HTML. The body is the only HTML that reaches a page through `<%~ %>`, so the schema
 * here is narrowed to what a news story uses and the hast tree is sanitized last.
 */
import type { Element, ElementContent, Properties } from 'hast'
import type { Schema } from 'hast-util-sanitize'
import type { Blockquote, Code, Parents, PhrasingContent, Root, ThematicBreak } from 'mdast'
import type { Handler, Handlers, State } from 'mdast-util-to-hast'
import remarkHtml from 'remark-html'
import { unified } from 'unified'

/** Who said a quote, resolved from `article.quotes` → `article.people` before rendering. */
export interface Speaker {
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
export interface QuoteSpanNode {
  readonly type: 'quoteSpan'
  readonly quoteId: string
  /** Whether this span carries the permalink `id` (else it points back with `data-quote`). */
  readonly hasId: boolean
  readonly speaker: Speaker | undefined
  readonly children: PhrasingContent[]
}

/** A body image as a block: `<figure>` with an optional caption from the image title. */
export interface FigureNode {
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
export interface QuoteFigureNode {
  readonly type: 'quoteFigure'
  readonly quote: BodyBlockquote
  readonly speaker: Speaker
}

export type BodyPhrasing = PhrasingContent | QuoteSpanNode

export interface BodyParagraph {
  readonly type: 'paragraph'
  readonly children: BodyPhrasing[]
  readonly data?: { readonly hProperties: Properties }
}

export interface BodyHeading {
  readonly type: 'heading'
  readonly depth: 2 | 3 | 4
  readonly children: BodyPhrasing[]
}

export interface BodyBlockquote {
  readonly type: 'blockquote'
  readonly children: BodyFlow[]
  readonly data?: { readonly hProperties: Properties }
}

export interface BodyListItem {
  readonly type: 'listItem'
  readonly spread: false
  readonly children: BodyFlow[]
}

export interface BodyList {
  readonly type: 'list'
  readonly ordered: boolean
  readonly spread: false
  readonly children: BodyListItem[]
}

export type BodyFlow = BodyParagraph | BodyHeading | BodyBlockquote | QuoteFigureNode | BodyList | FigureNode | ThematicBreak | Code

export interface BodyRoot {
  readonly type: 'root'
  readonly children: BodyFlow[]
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

/** The body tree as sanitized HTML: for a page, or for a feed (no `<q>`, see `handleFeedQuoteSpan`). */
export function stringifyFlow(children: BodyFlow[], forFeed: boolean): string {
  const root: BodyRoot = { type: 'root', children }
  // The one place our extended tree enters unified's mdast-typed API: the only nodes
  // outside mdast are `quoteSpan` and `figure`, and `handlers` covers both.
  return (forFeed ? feedProcessor : processor).stringify(root as unknown as Root)
}

