/**
 * Speakers and quotes placed in the site: what the site stage decides once about everyone
 * quoted across all articles (their pages, their merged names, every quote's permalink).
 */
import type { PersonKind, Quote } from './article.js'
import type { ArticleEntry } from './site.js'

/** One quote placed in the site. */
export interface QuoteEntry {
  readonly quote: Quote
  readonly article: ArticleEntry
  /** The quote's permalink: the article URL plus `#q-N`. */
  readonly url: string
  /** Quotes this one continues (the second half of a split quote) are not counted separately. */
  readonly isContinuation: boolean
}

/** A speaker with a page of their own. */
export interface SpeakerEntry {
  readonly name: string
  readonly kind: PersonKind
  /** Every role the speaker was given, most frequent first. */
  readonly roles: readonly string[]
  readonly slug: string
  readonly url: string
  /** Every quote, newest article first, in reading order within an article. */
  readonly quotes: readonly QuoteEntry[]
  /** Quotes counted as a reader would: a split quote counts once. */
  readonly quoteCount: number
}
