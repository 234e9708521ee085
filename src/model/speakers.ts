/**
 * Speakers and quotes placed in the site: what the site stage decides once about everyone
 * quoted across all articles (their pages, their merged names, every quote's permalink).
 */
import type { CardQuote, PersonKind } from './article.js'
import type { ArticleEntry } from './site.js'

/** One quote placed in the site. */
export interface QuoteEntry {
  readonly quote: CardQuote
  readonly article: ArticleEntry
  /** The quote's permalink: the article URL plus `#q-N`. */
  readonly url: string
  /** Quotes this one continues (the second half of a split quote) are not counted separately. */
  readonly isContinuation: boolean
  /**
   * The later parts of the split quote this one begins, in reading order (`"A," she said,
   * "B."` → B on A's entry); empty for any other quote. A reader sees one quote in parts.
   */
  readonly continuedBy: readonly CardQuote[]
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

/**
 * One person in the site's people file (`content/people.yml`): the name their page carries,
 * their role, the other names they are quoted under, and names that are someone else.
 */
export interface PeopleFileEntry {
  /** The canonical name: the name of their page. */
  readonly name: string
  /** Shown on their page before the roles the stories gave them. */
  readonly role?: string
  /** Other names that are the same person (`Hillary Clinton`, `HRC`): merged into one page. */
  readonly aliases: readonly string[]
  /** Names that are never merged with this person, even where they look like a variant (`John Smith` for `John Q. Smith`). */
  readonly distinct: readonly string[]
}

/** The site's people file, read and checked (an empty list when there is none). */
export interface PeopleDirectory {
  readonly people: readonly PeopleFileEntry[]
}
