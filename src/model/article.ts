/**
 * The typed document model: what every stage after `parse` sees of an article, whole
 * (`Article`) or as its card (`ArticleCard`: what the site stage and the listings read).
 *
 * Plain, readonly, JSON-serialisable data (no classes, no `Date`s): it crosses worker
 * threads, goes into the cache and is snapshotted in tests. Names follow NITF, Arc ANS
 * and schema.org. See DESIGN.md §3.
 */
import type { Position } from 'unist'
import type { PhrasingContent } from 'mdast'

export type { Position } from 'unist'

/** Where an article came from: Markdown with front matter, or plain wire copy. */
export type ArticleFormat = 'markdown' | 'wire'

/** A run of quoted words inside a paragraph, wrapped around the phrasing it covers. */
export interface QuoteSpan {
  readonly type: 'quoteSpan'
  /** The `Quote.id` this span belongs to (a multi-paragraph quote has one span per paragraph). */
  readonly quoteId: string
  /** Whether this is the first span of its quote (the one that carries the permalink id). */
  readonly isFirst: boolean
  readonly children: readonly Phrasing[]
  readonly position?: Position | undefined
}

/** Inline content: mdast phrasing nodes, plus the quote spans the quote engine found. */
export type Phrasing = PhrasingContent | QuoteSpan

export interface Paragraph {
  readonly type: 'paragraph'
  readonly id: string
  readonly children: readonly Phrasing[]
  readonly position: Position
}

export interface Subheading {
  readonly type: 'subheading'
  readonly id: string
  readonly depth: 2 | 3 | 4
  readonly children: readonly Phrasing[]
  readonly position: Position
}

export interface Blockquote {
  readonly type: 'blockquote'
  readonly id: string
  readonly children: readonly Block[]
  /** Set when the whole block quotes one source. */
  readonly quoteId?: string
  readonly position: Position
}

export interface List {
  readonly type: 'list'
  readonly ordered: boolean
  readonly items: readonly (readonly Block[])[]
  readonly position: Position
}

/** An editor's aside such as `(For more on …, read her WorldWatch Blog.)`. */
export interface EditorsNote {
  readonly type: 'editorsNote'
  readonly id: string
  readonly children: readonly Phrasing[]
  readonly position: Position
}

export interface Image {
  readonly type: 'image'
  readonly url: string
  readonly alt: string
  readonly title?: string
  readonly position: Position
}

export interface Rule {
  readonly type: 'rule'
  readonly position: Position
}

export interface Code {
  readonly type: 'code'
  readonly lang?: string
  readonly value: string
  readonly position: Position
}

export type Block = Paragraph | Subheading | Blockquote | List | EditorsNote | Image | Rule | Code
export type BlockType = Block['type']

/** How much of the attributed content the quotation marks enclose. */
export type QuoteKind = 'direct' | 'partial' | 'multi-paragraph'

export interface Attribution {
  /** The words that attribute the quote, as printed: `said Falk`, `State Department spokesman Philip Crowley said`. */
  readonly asPrinted: string
  /** The rule of the attribution engine that made this attribution, so an editor can see why. */
  readonly rule: string
  /** The speaker model's features that weighed most for this speaker, `name +weight`, strongest first. */
  readonly reasons?: readonly string[]
  readonly position: Position
}

/** A speaker the model considered for a quote, with its calibrated confidence. */
export interface SpeakerCandidate {
  readonly name: string
  readonly confidence: number
}

export interface Quote {
  /** Stable within the article: `q-1` → permalink `#q-1`. */
  readonly id: string
  /** The quoted words, verbatim, without the enclosing quotation marks. */
  readonly text: string
  readonly kind: QuoteKind
  /** Split quote: `"A," she said, "B."` → B `continues` A. */
  readonly continues?: string
  /** → `Article.people[].id`; absent when the copy names no source. */
  readonly speakerId?: string
  /** `said`, `told`, `quoted … as saying`, `according to`, `described`… */
  readonly cue?: string
  readonly attribution?: Attribution
  /** Calibrated probability (0–1) that `speakerId` is right (of speakers given 0.8, about 80 % are right); 0 without a speaker. */
  readonly confidence?: number
  /** The chosen speaker, then the likeliest other candidate, each with its confidence: what `dateline check` shows an editor for a held-back attribution. */
  readonly candidates?: readonly SpeakerCandidate[]
  /** Set when an editor named or confirmed the speaker in front matter (`quotes: { q-3: Pamela Falk }`): published whatever the confidence. */
  readonly confirmed?: boolean
  readonly paragraphId: string
  /** The quoted words in the source file (offsets are character offsets into the file's text). */
  readonly position: Position
}

export type PersonKind = 'person' | 'organization' | 'group'

export interface Person {
  readonly id: string
  /** The fullest form in the article: `Pamela Falk`, never `Falk` or `she`. */
  readonly name: string
  readonly kind: PersonKind
  /** `CBS News Foreign Affairs Analyst`, `State Department spokesman`. */
  readonly role?: string
  /** Every form seen: `Ambassador Sin`, `Sin`, `the ambassador`. */
  readonly mentions: readonly string[]
}

export interface Byline {
  readonly asPrinted: string
  readonly names: readonly string[]
}

export interface Dateline {
  readonly asPrinted: string
  readonly place?: string
}

export interface Correction {
  /** ISO date or date-time. */
  readonly date: string
  readonly text: string
}

/** Text removed from wire copy (site chrome, boilerplate), kept so nothing is lost silently. */
export interface Dropped {
  readonly text: string
  readonly position: Position
}

/** The lead image of a story (front matter `image:`). */
export interface LeadImage {
  /** The address as written: `bridge.jpg`, `/images/bridge.jpg` or `https://…`. */
  readonly url: string
  /** What the image shows, for readers who cannot see it (`''`: decorative). */
  readonly alt: string
  /** Shown in the `<figcaption>` under the image. */
  readonly caption?: string
  /** The photographer or agency, shown after the caption: `Jane Doe/Reuters`. */
  readonly credit?: string
}

/**
 * An image a story takes from the content folder (every address that is not `http:` or
 * `https:`), found by the parse stage; the site stage checks the file is there and gives
 * it its one URL.
 */
export interface ImageFile {
  /** The address as written in the story: `bridge.jpg`, `/images/x.png`, `../photos/a.jpg`. */
  readonly url: string
  /**
   * The file it names, relative to the content folder with `/` separators
   * (`world/bridge.jpg`); absent when the address leads outside the content folder.
   */
  readonly path?: string
  /** Where the story names it: the front matter `image:` value, or the image in the body. */
  readonly position: Position
}

export interface Article {
  /** Stable id: the source path relative to the content folder, without extension. */
  readonly id: string
  /** URL-safe slug (NFC, lowercase ASCII, never empty). */
  readonly slug: string
  /** Path relative to the content folder, with `/` separators. */
  readonly sourcePath: string
  readonly format: ArticleFormat
  readonly headline: string
  readonly standfirst?: string
  readonly byline?: Byline
  readonly dateline?: Dateline
  /** The originating news organisation: `CBS News`. */
  readonly source?: string
  /** ISO date (`2009-07-25`) or date-time with offset; never a `Date`. */
  readonly published: string
  readonly updated?: string
  readonly section: string
  readonly tags: readonly string[]
  readonly draft: boolean
  /** Marks fictional sample copy shipped with the project. */
  readonly sample: boolean
  readonly image?: LeadImage
  /** The images the story takes from the content folder, lead image first, each address once. */
  readonly imageFiles?: readonly ImageFile[]
  /** Front matter override for the pull quote: the id or the text of one of `quotes`. */
  readonly pullquote?: string
  readonly body: readonly Block[]
  readonly quotes: readonly Quote[]
  readonly people: readonly Person[]
  readonly corrections: readonly Correction[]
  readonly dropped: readonly Dropped[]
}

/**
 * A quote as a card holds it: without `attribution` (how it was printed: its words, rule
 * and place), which only the story's own page and `dateline parse` show. Typed `unknown`
 * rather than left out: a whole story is a card too (`dateline dev` plans with whole
 * stories), so a card's quote may still carry it, and a card's quote is never taken for
 * a whole one (`Quote`).
 */
export interface CardQuote extends Omit<Quote, 'attribution'> {
  readonly attribution?: unknown
}

/**
 * An article's card: what the site stage and every listing read of it (headline, dates,
 * byline, section, tags, lead image, people, quotes), which is all of it but the body
 * after the first paragraph and how each quote's attribution was printed. `cardEntry` (in
 * `src/cache/article-cache.ts`) makes one; a build that holds cards (`BuildOptions.cardsOnly`)
 * holds these between parse and render. Every `Article` is an `ArticleCard`, but not the
 * other way round: rendering a body, placing a pull quote or making search text takes the
 * story in full.
 */
export interface ArticleCard extends Omit<Article, 'body' | 'quotes'> {
  /** In a card, the body's first paragraph only (none when it has no paragraph); in a whole story passed as a card, all of it. */
  readonly body: readonly Block[]
  readonly quotes: readonly CardQuote[]
}
