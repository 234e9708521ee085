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
  /**
   * The later parts of the split quote this one begins, in reading order (`"A," she said,
   * "B."` → B on A's entry); empty for any other quote. A reader sees one quote in parts.
   */
  readonly continuedBy: readonly Quote[]
}

/**
 * Someone quoted under a description rather than a name (`officials`, `the company`,
 * `some women`): in one article only, since `officials` in two stories are not the same
 * people, and with no page of their own.
 */
export interface DescribedSpeaker {
  readonly name: string
  readonly kind: PersonKind
  /** Every role the speaker was given, most frequent first. */
  readonly roles: readonly string[]
  /** Every quote, newest article first, in reading order within an article. */
  readonly quotes: readonly QuoteEntry[]
}

/** A speaker with a page of their own: a person, or an organisation named by name. */
export interface SpeakerEntry extends DescribedSpeaker {
  readonly slug: string
  readonly url: string
  /** Quotes counted as a reader would: a split quote counts once. */
  readonly quoteCount: number
}
