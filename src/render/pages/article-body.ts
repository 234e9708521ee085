/**
 * An article page's body and what is worked out from its quotes: the body HTML in two
 * where the pull quote goes, the pull quote, and the "Quoted in this story" panel. Only
 * published attributions name a speaker (`isPublished`), as in the body itself.
 */
import type { Article, ArticleCard, Block, CardQuote, Person } from '../../model/article.js'
import type { PageStory, RenderedBody, Site } from '../../model/site.js'
import { forEachBlock } from '../../parse/blocks.js'
import { collectImageFiles } from '../../parse/image-files.js'
import { publishedSpeakerId, publishThreshold } from '../../quotes/policy.js'
import { continuationsOf, placePullQuote } from '../../site/speakers.js'
import { renderBodyParts } from '../body.js'
import { excerptOf } from './views.js'

/** One speaker in the "Quoted in this story" panel. */
export interface SpeakerSummary {
  readonly name: string
  readonly role: string | undefined
  /** The speaker's page across the site (`/people/<slug>/`). */
  readonly url: string | undefined
  /** Quotes as a reader counts them, the parts of a split quote once: the length of `quotes`. */
  readonly quoteCount: number
  /**
   * Each quote (a split quote once, by its first part) with its opening words and a
   * permalink into the body (`#q-1`); no permalink for one the body does not show, such as
   * a quote in the standfirst.
   */
  readonly quotes: readonly { readonly href: string | undefined; readonly excerpt: string }[]
}

/** The body HTML, whole and in two around the pull quote, with the pull quote itself. */
export interface BodyAndPullQuote {
  /** Sanitized body HTML from `renderBody`: the one value templates print raw. */
  readonly bodyHtml: string
  /**
   * `bodyHtml` in two, split where the pull quote goes (`placePullQuote`): the whole body
   * and `''` when there is none.
   */
  readonly bodyBeforePullQuote: string
  readonly bodyAfterPullQuote: string
  /** The featured quote, placed in the body after the opening paragraphs: see `placePullQuote`. */
  readonly pullQuote:
    | { readonly text: string; readonly href: string; readonly speaker: { readonly name: string; readonly role: string | undefined; readonly url: string | undefined } | undefined }
    | undefined
}

/** A page's story with its body: the one its parse prerendered, or else rendered here from the story in full. */
export interface StoryWithBody {
  readonly article: ArticleCard
  readonly body: RenderedBody
}

/**
 * `story` with its body: the prerendered one, or else rendered once here from the story in
 * full, for both the body and the panel's permalinks.
 *
 * @throws {Error} For a prerendered body made for another threshold than the site's:
 *   such a page is made from the story in full (`storyPage` hands it no other).
 */
export function withBody(site: Site, story: PageStory): StoryWithBody {
  const threshold = publishThreshold(site.config)
  const body = story.body ?? renderedBody(story.article, threshold, site.imageUrls?.[story.article.id])
  if (body.threshold !== threshold) throw new Error(`Cannot make the page of \`${story.article.sourcePath}\` from a body rendered for the threshold ${body.threshold}: the site's is ${threshold}`)
  return { article: story.article, body }
}

/**
 * Speakers in the order they are first quoted, each with links to their quotes. Only
 * published attributions count (`isPublished`): a held-back quote names nobody here.
 * A quote links into the body when the body gives it a permalink (`RenderedBody.anchored`).
 */
export function speakersOf(site: Site, story: StoryWithBody): SpeakerSummary[] {
  const { article } = story
  const anchored = new Set(story.body.anchored)
  const people = new Map(article.people.map((person) => [person.id, person]))
  const threshold = publishThreshold(site.config)
  const bySpeaker = new Map<Person, CardQuote[]>()
  for (const quote of article.quotes) {
    const speakerId = publishedSpeakerId(quote, threshold)
    const person = speakerId === undefined ? undefined : people.get(speakerId)
    if (!person) continue
    const quotes = bySpeaker.get(person)
    if (quotes) quotes.push(quote)
    else bySpeaker.set(person, [quote])
  }
  const urls = site.speakerUrls?.[article.id]
  return [...bySpeaker].map(([person, quotes]) => {
    // The later parts of a split quote belong to its first: one quote, listed and counted
    // once, its excerpt running on into the later parts.
    const parts = continuationsOf(article)
    const listed = quotes
      .filter((quote) => quote.continues === undefined)
      .map((quote) => ({
        href: anchored.has(quote.id) ? `#${quote.id}` : undefined,
        excerpt: excerptOf([quote, ...(parts.get(quote.id) ?? [])].map((part) => part.text.replace(/[\s,;:]+$/u, '')).join(' … ')),
      }))
    return { name: person.name, role: person.role, url: urls?.[person.id], quoteCount: listed.length, quotes: listed }
  })
}

/**
 * The body, in two where the featured quote goes, and the quote with its speaker and
 * permalink: the speaker only when the attribution is published (`isPublished`), as in
 * the body itself.
 */
export function bodyAndPullQuote(site: Site, story: StoryWithBody): BodyAndPullQuote {
  const { article, body } = story
  const threshold = body.threshold
  const quote = body.pullQuoteId === undefined ? undefined : article.quotes.find((candidate) => candidate.id === body.pullQuoteId)
  const whole = body.before + body.after
  if (quote === undefined) return { bodyHtml: whole, bodyBeforePullQuote: whole, bodyAfterPullQuote: '', pullQuote: undefined }
  const speakerId = publishedSpeakerId(quote, threshold)
  const person = speakerId === undefined ? undefined : article.people.find((candidate) => candidate.id === speakerId)
  return {
    bodyHtml: whole,
    bodyBeforePullQuote: body.before,
    bodyAfterPullQuote: body.after,
    pullQuote: {
      text: quote.text.replace(/[,;:]$/, '.'),
      href: `#${quote.id}`,
      speaker: person ? { name: person.name, role: person.role, url: site.speakerUrls?.[article.id]?.[person.id] } : undefined,
    },
  }
}

/**
 * The body of a story in full rendered for `threshold`, in the thread that parsed it: the
 * page then needs only the story's card. `undefined` when the body shows an image from
 * the content folder, whose URL the site stage decides.
 */
export function prerenderBody(article: Article, threshold: number): RenderedBody | undefined {
  if (collectImageFiles(undefined, article.body, article.sourcePath).length > 0) return undefined
  return renderedBody(article, threshold, undefined)
}

/** The body in two around the pull quote (`placePullQuote`), with the quote and the permalinked quote ids. */
function renderedBody(article: Article, threshold: number, imageUrls: Readonly<Record<string, string>> | undefined): RenderedBody {
  const placement = placePullQuote(article, threshold)
  const [before, after] = renderBodyParts(article, placement?.before ?? article.body.length, imageUrls, threshold)
  return { threshold, before, after, pullQuoteId: placement?.quote.id, anchored: [...anchoredQuoteIds(article.body)] }
}

/** Ids `renderBody` puts on elements: first quote spans and quoting blockquotes. */
function anchoredQuoteIds(blocks: readonly Block[]): Set<string> {
  const ids = new Set<string>()
  forEachBlock(blocks, (block) => {
    if (block.type === 'blockquote') {
      if (block.quoteId !== undefined) ids.add(block.quoteId)
    } else if (block.type === 'paragraph' || block.type === 'subheading' || block.type === 'editorsNote') {
      for (const node of block.children) if (node.type === 'quoteSpan' && node.isFirst) ids.add(node.quoteId)
    }
  })
  return ids
}
