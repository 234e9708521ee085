/**
 * The data each template receives: one small, explicit object per page kind, built from
 * the site model. Templates do no lookups and no formatting of their own; every string
 * they print is ready here (dates in AP style, URLs as the site stage decided them).
 */
import type { Article, Block, Person, Phrasing, Quote } from '../model/article.js'
import type { ArticleEntry, Page, Pager, SectionEntry, Site, TaxonomyEntry } from '../model/site.js'
import { feedRoutes } from '../site/feed-routes.js'
import { continuationsOf, placePullQuote } from '../site/speakers.js'
import { slugify } from '../parse/slug.js'
import { renderBodyParts } from './body.js'
import { publishedSpeakerId, publishThreshold } from '../quotes/policy.js'
import { type FormattedDate, formatDate } from './dates.js'
import { isoWithOffset } from './iso-offset.js'
import { serializeJsonLd } from './json-ld.js'
import { plainTextFromPhrasing } from './plain-text.js'

/** A navigation link; `current` becomes `aria-current`. */
interface NavLink {
  readonly name: string
  readonly url: string
  readonly current: 'page' | 'true' | undefined
}

/** What `layout.eta` reads, and so what every page's data includes. */
export interface LayoutData {
  readonly lang: string
  /** The whole `<title>`: `Headline — Site`, or the site title on the front page. */
  readonly documentTitle: string
  readonly description: string
  /** Absolute URL of this page: `baseUrl` + the page URL; none for a page not to be indexed (the 404 page). */
  readonly canonicalUrl: string | undefined
  /** `<meta name="robots">`: `noindex` for a page search engines must not list (the 404 page). */
  readonly robots: string | undefined
  readonly ogType: 'article' | 'website' | 'profile'
  readonly site: {
    readonly title: string
    readonly description: string
    readonly publisher: string
    readonly homeUrl: string
    readonly stylesheetUrl: string
    readonly searchUrl: string
    /** The site's icon (`assets/favicon.svg`), with a 32 px PNG for browsers without SVG icons and a 180 px one for home screens. */
    readonly iconUrl: string
    readonly pngIconUrl: string
    readonly touchIconUrl: string
    readonly tagsUrl: string | undefined
    /** `/people/`, when the site plan made speaker pages. */
    readonly peopleUrl: string | undefined
    readonly quotesUrl: string
  }
  readonly nav: readonly NavLink[]
  /** Feeds for `<link rel="alternate">` autodiscovery: the site's, then the page's section's. */
  readonly feeds: readonly { readonly type: string; readonly title: string; readonly url: string }[]
  /** Open Graph and Twitter card extras. */
  readonly social: {
    readonly card: 'summary' | 'summary_large_image'
    readonly image: string | undefined
    readonly twitterSite: string | undefined
    readonly publishedTime: string | undefined
    readonly modifiedTime: string | undefined
    readonly section: string | undefined
    readonly tags: readonly string[]
  }
  /** Pre-serialised, `<`/`>`/`&`-escaped JSON-LD, or `undefined` for none. */
  readonly jsonLd: string | undefined
  /** `article`, `index` or `not-found`, for a class on `<body>`. */
  readonly pageClass: string
  readonly year: string
}

/** One story as listed on the front page. */
interface StoryCard {
  readonly headline: string
  readonly url: string
  readonly summary: string | undefined
  readonly published: FormattedDate
  readonly section: { readonly name: string; readonly url: string | undefined }
  readonly byline: string | undefined
  readonly image: { readonly url: string; readonly alt: string } | undefined
}

/** One speaker in the "Quoted in this story" panel. */
interface SpeakerSummary {
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

interface ArticleView {
  readonly headline: string
  readonly standfirst: string | undefined
  /** Fictional sample copy (front matter `sample: true`), labelled so no reader mistakes it for news. */
  readonly isSample: boolean
  /** As printed, with a leading `By ` when the copy has none: `By Pamela Falk`. */
  readonly byline: string | undefined
  /**
   * `byline` in pieces, each author's name with the URL of their page where it stands and
   * every other word kept, affiliation included: `By `, `Ana Lima` (linked), `, Dateline Wire`.
   * Empty without a byline.
   */
  readonly bylineParts: readonly { readonly text: string; readonly url: string | undefined }[]
  /** Place line without the trailing dash: `SEOUL, South Korea (AP)`. */
  readonly dateline: string | undefined
  readonly source: string | undefined
  readonly published: FormattedDate
  readonly updated: FormattedDate | undefined
  readonly section: { readonly name: string; readonly url: string | undefined }
  /** The lead image at its URL on the site, with what the `<figcaption>` shows. */
  readonly image: { readonly url: string; readonly alt: string; readonly caption: string | undefined; readonly credit: string | undefined } | undefined
  /** Sanitized body HTML from `renderBody`: the one value templates print raw. */
  readonly bodyHtml: string
  /**
   * `bodyHtml` in two, split where the pull quote goes (`placePullQuote`): the whole body
   * and `''` when there is none.
   */
  readonly bodyBeforePullQuote: string
  readonly bodyAfterPullQuote: string
  readonly speakers: readonly SpeakerSummary[]
  /** The featured quote, placed in the body after the opening paragraphs: see `placePullQuote`. */
  readonly pullQuote:
    | { readonly text: string; readonly href: string; readonly speaker: { readonly name: string; readonly role: string | undefined; readonly url: string | undefined } | undefined }
    | undefined
  readonly corrections: readonly { readonly date: FormattedDate; readonly text: string }[]
  /** Byline names linked to their `/authors/` pages, in byline order. */
  readonly authors: readonly Link[]
  readonly tags: readonly Link[]
  /** Home › Section › this story. */
  readonly breadcrumbs: readonly Link[]
  /** The next older and newer story in the same section. */
  readonly previous: Link | undefined
  readonly next: Link | undefined
  readonly moreInSection: readonly StoryCard[]
}

interface Link {
  readonly name: string
  readonly url: string
}

/** Page links of a paginated listing, ready to print. */
interface PagerView {
  readonly number: number
  readonly count: number
  readonly previousUrl: string | undefined
  readonly nextUrl: string | undefined
}

interface ListingPageData extends LayoutData {
  /** Small label above the heading: `Tag`, `Author`, or undefined. */
  readonly kicker: string | undefined
  readonly heading: string
  readonly stories: readonly StoryCard[]
  readonly pager: PagerView
  readonly allTagsUrl: string | undefined
}

interface TagsPageData extends LayoutData {
  readonly tags: readonly { readonly name: string; readonly url: string; readonly count: number }[]
}

interface SearchPageData extends LayoutData {
  /** Folder of the Pagefind bundle (`/news/pagefind/`), written after the build. */
  readonly pagefindUrl: string
  readonly scriptUrl: string
  readonly basePath: string
}

interface ArticlePageData extends LayoutData {
  readonly article: ArticleView
}

interface IndexPageData extends LayoutData {
  readonly lead: StoryCard | undefined
  /** After the lead, each section's newest stories, in section order. */
  readonly bySection: readonly { readonly id: string; readonly name: string; readonly url: string; readonly stories: readonly StoryCard[] }[]
}

interface SectionPageData extends LayoutData {
  readonly section: { readonly name: string }
  readonly stories: readonly StoryCard[]
  readonly pager: PagerView | undefined
}

type NotFoundPageData = LayoutData

/** Search engines show about this much of a description. */
const descriptionLength = 160
const excerptLength = 70
/** Stories per section on the front page, and in an article's "more in this section". */
const storiesPerSection = 3

/**
 * Builds the data for an article page (`article.eta`).
 *
 * @param site The whole site, for the navigation and configuration.
 * @param page The article page; its `entry` carries the article and its URL.
 */
export function articlePageData(site: Site, page: Extract<Page, { kind: 'article' }>): ArticlePageData {
  const { article } = page.entry
  const { config } = site
  const section = sectionOf(site, article)
  const summary = summaryOf(article)
  const canonicalUrl = config.baseUrl + page.url
  const published = formatDate(article.published, config.timeZone)
  const updated = article.updated === undefined ? undefined : formatDate(article.updated, config.timeZone)
  const leadImage = leadImageOf(site, article)
  const jsonLd = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.headline,
    ...(summary === undefined ? {} : { description: summary }),
    datePublished: isoWithOffset(article.published, config.timeZone),
    ...(article.updated === undefined ? {} : { dateModified: isoWithOffset(article.updated, config.timeZone) }),
    ...(article.byline ? { author: authorsOf(site, article).map((author) => ({ '@type': 'Person', name: author.name, url: config.baseUrl + author.url })) } : {}),
    articleSection: section.name,
    ...(article.tags.length > 0 ? { keywords: article.tags.join(', ') } : {}),
    ...(article.dateline ? { dateline: datelineText(article.dateline.asPrinted) } : {}),
    ...(leadImage?.absoluteUrl === undefined ? {} : { image: leadImage.absoluteUrl }),
    ...(article.corrections.length > 0
      ? { correction: article.corrections.map((correction) => ({ '@type': 'CorrectionComment', text: correction.text, datePublished: isoWithOffset(correction.date, config.timeZone) })) }
      : {}),
    publisher: publisherLd(site),
    mainEntityOfPage: canonicalUrl,
    ...(article.quotes.length > 0 ? { hasPart: quotationsLd(site, article, canonicalUrl) } : {})
  }
  const memo = memoOf(site)
  const sectionEntry = section.url === undefined ? undefined : memo.sectionByUrl.get(section.url)
  const siblings = sectionEntry?.articles ?? []
  const position = sectionEntry === undefined ? -1 : (positionsOf(memo, sectionEntry).get(page.url) ?? -1)
  const newer = position > 0 ? siblings[position - 1] : undefined
  const older = position >= 0 ? siblings[position + 1] : undefined
  return {
    ...layoutData(site, page, {
      documentTitle: `${article.headline} — ${config.title}`,
      description: truncate(summary ?? config.description, descriptionLength),
      ogType: 'article',
      jsonLd: serializeJsonLd(jsonLd),
      pageClass: 'article',
      currentSection: section.url,
      feedSegments: sectionEntry ? [sectionEntry.slug] : undefined,
      social: {
        card: leadImage?.absoluteUrl === undefined ? 'summary' : 'summary_large_image',
        image: leadImage?.absoluteUrl,
        twitterSite: config.twitterSite,
        publishedTime: isoWithOffset(article.published, config.timeZone),
        modifiedTime: article.updated === undefined ? undefined : isoWithOffset(article.updated, config.timeZone),
        section: section.name,
        tags: article.tags
      }
    }),
    article: {
      headline: article.headline,
      standfirst: article.standfirst,
      isSample: article.sample,
      byline: article.byline ? bylineText(article.byline.asPrinted) : undefined,
      bylineParts: article.byline ? bylineParts(bylineText(article.byline.asPrinted), authorsOf(site, article)) : [],
      dateline: article.dateline ? datelineText(article.dateline.asPrinted) : undefined,
      source: article.source,
      published,
      updated,
      section,
      image: leadImage === undefined ? undefined : { url: leadImage.url, alt: leadImage.alt, caption: article.image?.caption, credit: article.image?.credit },
      ...bodyAndPullQuote(site, article),
      speakers: speakersOf(site, article),
      corrections: article.corrections.map((correction) => ({
        date: formatDate(correction.date, config.timeZone),
        text: correction.text
      })),
      authors: authorsOf(site, article),
      tags: article.tags.flatMap((name) => {
        const tag = bySlug(site.tags).get(slugify(name))
        return tag ? [{ name, url: tag.url }] : []
      }),
      breadcrumbs: [{ name: 'Home', url: config.basePath }, ...(section.url ? [{ name: section.name, url: section.url }] : [])],
      previous: older ? { name: older.article.headline, url: older.url } : undefined,
      next: newer ? { name: newer.article.headline, url: newer.url } : undefined,
      moreInSection: moreInSection(site, siblings, page.url, [older, newer])
    }
  }
}

/**
 * Builds the data for a tag's or an author's listing page (`tag.eta`, `author.eta`).
 *
 * @param site The whole site.
 * @param page The tag or author page with its pager.
 */
export function listingPageData(site: Site, page: Extract<Page, { kind: 'tag' | 'author' }>): ListingPageData {
  const entry = page.kind === 'tag' ? page.tag : page.author
  const kicker = page.kind === 'tag' ? 'Tag' : 'Author'
  const pageSuffix = page.pager.number > 1 ? ` (page ${page.pager.number})` : ''
  return {
    ...layoutData(site, page, {
      documentTitle: `${entry.name}${pageSuffix} — ${site.config.title}`,
      description: page.kind === 'tag' ? `Stories tagged ${entry.name} from ${site.config.title}.` : `Stories by ${entry.name} from ${site.config.title}.`,
      ogType: page.kind === 'author' ? 'profile' : 'website',
      jsonLd: serializeJsonLd({
        '@context': 'https://schema.org',
        '@type': page.kind === 'author' ? 'ProfilePage' : 'CollectionPage',
        name: `${entry.name} — ${site.config.title}`,
        url: site.config.baseUrl + page.url
      }),
      pageClass: page.kind,
      currentSection: undefined,
      feedSegments: undefined,
      social: undefined
    }),
    kicker,
    heading: entry.name,
    stories: page.pager.items.map((item) => storyCard(site, item)),
    pager: pagerView(page.pager),
    allTagsUrl: page.kind === 'tag' ? site.config.basePath + 'tags/' : undefined
  }
}

/**
 * Builds the data for the tag index (`tags.eta`): every tag with its story count.
 *
 * @param site The whole site.
 * @param page The tag index page.
 */
export function tagsPageData(site: Site, page: Extract<Page, { kind: 'tags' }>): TagsPageData {
  return {
    ...layoutData(site, page, {
      documentTitle: `Tags — ${site.config.title}`,
      description: `Every topic covered by ${site.config.title}.`,
      ogType: 'website',
      jsonLd: undefined,
      pageClass: 'tags',
      currentSection: undefined,
      feedSegments: undefined,
      social: undefined
    }),
    tags: page.tags.map((tag) => ({ name: tag.name, url: tag.url, count: tag.articles.length }))
  }
}

/**
 * Builds the data for the search page (`search.eta`). The index itself is written by
 * Pagefind after the build, into `pagefind/` beside the pages.
 *
 * @param site The whole site.
 * @param page The search page.
 */
export function searchPageData(site: Site, page: Extract<Page, { kind: 'search' }>): SearchPageData {
  return {
    ...layoutData(site, page, {
      documentTitle: `Search — ${site.config.title}`,
      description: `Search every story from ${site.config.title}.`,
      ogType: 'website',
      jsonLd: undefined,
      pageClass: 'search',
      currentSection: undefined,
      feedSegments: undefined,
      social: undefined
    }),
    pagefindUrl: `${site.config.basePath}pagefind/`,
    scriptUrl: `${site.config.basePath}assets/search.js`,
    basePath: site.config.basePath
  }
}

/**
 * Builds the data for the front page (`index.eta`): the newest story leads.
 *
 * @param site The whole site.
 * @param page The index page; its `articles` are newest first.
 */
export function indexPageData(site: Site, page: Extract<Page, { kind: 'index' }>): IndexPageData {
  const lead = page.articles[0] ? storyCard(site, page.articles[0]) : undefined
  return {
    ...layoutData(site, page, {
      documentTitle: site.config.title,
      description: site.config.description,
      ogType: 'website',
      jsonLd: serializeJsonLd({
        '@context': 'https://schema.org',
        '@type': 'WebSite',
        name: site.config.title,
        url: site.config.baseUrl + site.config.basePath,
        // The search page reads `?q=`, so search engines may offer a search box for the site.
        potentialAction: {
          '@type': 'SearchAction',
          target: `${site.config.baseUrl}${site.config.basePath}search/?q={search_term_string}`,
          'query-input': 'required name=search_term_string'
        }
      }),
      pageClass: 'index',
      currentSection: undefined,
      feedSegments: undefined,
      social: undefined
    }),
    lead,
    bySection: site.sections.flatMap((section) => {
      const stories = section.articles.filter((entry) => entry !== page.articles[0]).slice(0, storiesPerSection)
      return stories.length === 0 ? [] : [{ id: `front-${section.slug}`, name: section.name, url: section.url, stories: stories.map((entry) => storyCard(site, entry)) }]
    }),
  }
}

/**
 * Builds the data for a section front (`section.eta`): the section's stories, newest first.
 *
 * @param site The whole site.
 * @param page The section page.
 */
export function sectionPageData(site: Site, page: Extract<Page, { kind: 'section' }>): SectionPageData {
  const name = page.section.name
  const pageSuffix = page.pager && page.pager.number > 1 ? ` (page ${page.pager.number})` : ''
  return {
    ...layoutData(site, page, {
      documentTitle: `${name}${pageSuffix} — ${site.config.title}`,
      description: `${name}: the latest from ${site.config.title}.`,
      ogType: 'website',
      jsonLd: serializeJsonLd({
        '@context': 'https://schema.org',
        '@type': 'CollectionPage',
        name: `${name} — ${site.config.title}`,
        url: site.config.baseUrl + page.url
      }),
      pageClass: 'section',
      currentSection: page.section.url,
      feedSegments: [page.section.slug],
      social: undefined
    }),
    section: { name },
    stories: (page.pager?.items ?? page.section.articles).map((entry) => storyCard(site, entry)),
    pager: page.pager ? pagerView(page.pager) : undefined
  }
}

/**
 * Builds the data for the 404 page (`404.eta`): the layout alone.
 *
 * @param site The whole site.
 * @param page The not-found page.
 */
export function notFoundPageData(site: Site, page: Extract<Page, { kind: 'notFound' }>): NotFoundPageData {
  return layoutData(site, page, {
    documentTitle: `Page not found — ${site.config.title}`,
    description: site.config.description,
    ogType: 'website',
    jsonLd: undefined,
    pageClass: 'not-found',
    currentSection: undefined,
    feedSegments: undefined,
    social: undefined,
    // Served at any missing URL: it is no page of its own to list or to point at.
    indexable: false
  })
}

export interface LayoutOptions {
  readonly documentTitle: string
  readonly description: string
  readonly ogType: LayoutData['ogType']
  readonly jsonLd: string | undefined
  readonly pageClass: string
  /** URL of the section the page belongs to, marked in the navigation. */
  readonly currentSection: string | undefined
  /** Folder of the page's own feeds besides the site's (`['world']`), or undefined. */
  readonly feedSegments: readonly string[] | undefined
  readonly social: LayoutData['social'] | undefined
  /** Whether search engines may list the page (default true): else `noindex` and no canonical URL. */
  readonly indexable?: boolean
}

/**
 * The fields every page shares (`layout.eta`), for a page of any kind.
 *
 * @param options What differs per page: title, description, JSON-LD, navigation state.
 */
export function layoutData(site: Site, page: Page, options: LayoutOptions): LayoutData {
  const { config } = site
  const memo = memoOf(site)
  return {
    lang: config.language,
    documentTitle: options.documentTitle,
    description: options.description,
    canonicalUrl: options.indexable === false ? undefined : config.baseUrl + page.url,
    robots: options.indexable === false ? 'noindex' : undefined,
    ogType: options.ogType,
    site: memo.layoutSite,
    feeds: pageFeeds(site, memo, options.feedSegments),
    social: options.social ?? { card: 'summary', image: undefined, twitterSite: config.twitterSite, publishedTime: undefined, modifiedTime: undefined, section: undefined, tags: [] },
    nav: site.sections.map((section) => ({
      name: section.name,
      url: section.url,
      current: section.url === page.url ? 'page' : section.url === options.currentSection ? 'true' : undefined
    })),
    jsonLd: options.jsonLd,
    pageClass: options.pageClass,
    // The newest story's year, not the clock's, so a rebuild of the same content is
    // byte-identical.
    year: site.articles[0]?.article.published.slice(0, 4) ?? ''
  }
}

/**
 * The first `storiesPerSection` stories of a section other than this one and its
 * neighbours: a scan that stops when it has them, not a filter of the whole section.
 */
function moreInSection(site: Site, siblings: readonly ArticleEntry[], url: string, neighbours: readonly (ArticleEntry | undefined)[]): StoryCard[] {
  const cards: StoryCard[] = []
  for (const entry of siblings) {
    if (cards.length === storiesPerSection) break
    if (entry.url !== url && !neighbours.includes(entry)) cards.push(storyCard(site, entry))
  }
  return cards
}

/** A story's card, built once per site: the same story is listed on many pages. */
function storyCard(site: Site, entry: ArticleEntry): StoryCard {
  const { cards } = memoOf(site)
  let card = cards.get(entry)
  if (card === undefined) {
    card = storyCardUncached(site, entry)
    cards.set(entry, card)
  }
  return card
}

function storyCardUncached(site: Site, entry: ArticleEntry): StoryCard {
  const { article } = entry
  return {
    headline: article.headline,
    url: entry.url,
    summary: summaryOf(article),
    published: formatDate(article.published, site.config.timeZone),
    section: sectionOf(site, article),
    byline: article.byline ? bylineText(article.byline.asPrinted) : undefined,
    image: article.image === undefined ? undefined : { url: imageUrlOf(site, article, article.image.url), alt: article.image.alt }
  }
}

/**
 * An image address of a story at its URL on the site, as the site stage decided it
 * (`bridge.jpg` → `/news/world/bridge.jpg`); an address it did not resolve (`https:`) as written.
 */
function imageUrlOf(site: Site, article: Article, address: string): string {
  return site.imageUrls?.[article.id]?.[address] ?? address
}

/**
 * The lead image at its one URL: the page's `<img>` uses it, and Open Graph and JSON-LD its
 * absolute form (`baseUrl` + the same path). An address that resolves to no place on the
 * site (one leading outside the content folder) has no absolute form.
 */
function leadImageOf(site: Site, article: Article): { readonly url: string; readonly absoluteUrl: string | undefined; readonly alt: string } | undefined {
  if (article.image === undefined) return undefined
  const url = imageUrlOf(site, article, article.image.url)
  const absoluteUrl = /^https?:\/\//i.test(url) ? url : url.startsWith('/') && !url.startsWith('//') ? site.config.baseUrl + url : undefined
  return { url, absoluteUrl, alt: article.image.alt }
}

function sectionOf(site: Site, article: Article): { readonly name: string; readonly url: string | undefined } {
  const { sectionViews } = memoOf(site)
  let view = sectionViews.get(article.section)
  if (view === undefined) {
    const entry: SectionEntry | undefined = site.sections.find(
      (section) => section.name === article.section || section.slug === article.section
    )
    view = { name: entry?.name ?? article.section, url: entry?.url }
    sectionViews.set(article.section, view)
  }
  return view
}

/** The standfirst, or else the first paragraph of the body as plain text. */
function summaryOf(article: Article): string | undefined {
  if (article.standfirst) return article.standfirst
  const first = article.body.find((block): block is Extract<Block, { type: 'paragraph' }> => block.type === 'paragraph')
  const text = first ? plainTextFromPhrasing(first.children) : ''
  return text === '' ? undefined : text
}

/**
 * Speakers in the order they are first quoted, each with links to their quotes. Only
 * published attributions count (`isPublished`): a held-back quote names nobody here.
 */
function speakersOf(site: Site, article: Article): SpeakerSummary[] {
  const anchored = anchoredQuoteIds(article.body)
  const people = new Map(article.people.map((person) => [person.id, person]))
  const threshold = publishThreshold(site.config)
  const bySpeaker = new Map<Person, Quote[]>()
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
function bodyAndPullQuote(site: Site, article: Article): Pick<ArticleView, 'bodyHtml' | 'bodyBeforePullQuote' | 'bodyAfterPullQuote' | 'pullQuote'> {
  const threshold = publishThreshold(site.config)
  const placement = placePullQuote(article, threshold)
  const [before, after] = renderBodyParts(article, placement?.before ?? article.body.length, site.imageUrls?.[article.id], threshold)
  if (placement === undefined) return { bodyHtml: before + after, bodyBeforePullQuote: before + after, bodyAfterPullQuote: '', pullQuote: undefined }
  const { quote } = placement
  const speakerId = publishedSpeakerId(quote, threshold)
  const person = speakerId === undefined ? undefined : article.people.find((candidate) => candidate.id === speakerId)
  return {
    bodyHtml: before + after,
    bodyBeforePullQuote: before,
    bodyAfterPullQuote: after,
    pullQuote: {
      text: quote.text.replace(/[,;:]$/, '.'),
      href: `#${quote.id}`,
      speaker: person ? { name: person.name, role: person.role, url: site.speakerUrls?.[article.id]?.[person.id] } : undefined,
    },
  }
}

/** The article's quotes as schema.org `Quotation`s, each with its creator when the attribution is published. */
function quotationsLd(site: Site, article: Article, canonicalUrl: string): Record<string, unknown>[] {
  const people = new Map(article.people.map((person) => [person.id, person]))
  const threshold = publishThreshold(site.config)
  return article.quotes.map((quote) => {
    const speakerId = publishedSpeakerId(quote, threshold)
    const person = speakerId === undefined ? undefined : people.get(speakerId)
    const speakerUrl = person ? site.speakerUrls?.[article.id]?.[person.id] : undefined
    const creator = person
      ? {
          '@type': person.kind === 'person' ? 'Person' : 'Organization',
          name: person.name,
          ...(person.role !== undefined && person.kind === 'person' ? { jobTitle: person.role } : {}),
          ...(person.role !== undefined && person.kind !== 'person' ? { description: person.role } : {}),
          ...(speakerUrl === undefined ? {} : { url: site.config.baseUrl + speakerUrl }),
        }
      : undefined
    return { '@type': 'Quotation', text: quote.text, url: `${canonicalUrl}#${quote.id}`, ...(creator ? { creator } : {}) }
  })
}

/** Ids `renderBody` puts on elements: first quote spans and quoting blockquotes. */
function anchoredQuoteIds(blocks: readonly Block[]): Set<string> {
  const ids = new Set<string>()
  const visitPhrasing = (nodes: readonly Phrasing[]): void => {
    for (const node of nodes) if (node.type === 'quoteSpan' && node.isFirst) ids.add(node.quoteId)
  }
  const visit = (list: readonly Block[]): void => {
    for (const block of list) {
      switch (block.type) {
        case 'paragraph':
        case 'subheading':
        case 'editorsNote':
          visitPhrasing(block.children)
          break
        case 'blockquote':
          if (block.quoteId !== undefined) ids.add(block.quoteId)
          visit(block.children)
          break
        case 'list':
          for (const item of block.items) visit(item)
          break
        case 'image':
        case 'rule':
        case 'code':
          break
      }
    }
  }
  visit(blocks)
  return ids
}

function bylineText(asPrinted: string): string {
  return /^by\s/i.test(asPrinted) ? asPrinted : `By ${asPrinted}`
}

/** A byline cut around its authors' names, in order, each name linked to its page; nothing dropped. */
function bylineParts(byline: string, authors: readonly Link[]): ArticleView['bylineParts'] {
  const parts: { text: string; url: string | undefined }[] = []
  let at = 0
  for (const author of authors) {
    const found = byline.indexOf(author.name, at)
    if (found < 0) continue
    if (found > at) parts.push({ text: byline.slice(at, found), url: undefined })
    parts.push({ text: author.name, url: author.url })
    at = found + author.name.length
  }
  if (at < byline.length) parts.push({ text: byline.slice(at), url: undefined })
  return parts
}

/** `SEOUL, South Korea (AP) —` → `SEOUL, South Korea (AP)`: the page adds its own dash. */
function datelineText(asPrinted: string): string {
  return asPrinted.replace(/[\s—–-]+$/u, '')
}

/** A quote's opening words, without the comma a split quote ends on (`substance,`). */
function excerptOf(text: string): string {
  return truncate(text, excerptLength).replace(/[\s,;:]+$/u, '')
}

/** Cuts at a word boundary and adds an ellipsis. */
function truncate(text: string, length: number): string {
  if (text.length <= length) return text
  const cut = text.slice(0, length - 1)
  const space = cut.lastIndexOf(' ')
  return `${(space > length / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/u, '')}…`
}

const feedTypes = { rss: 'application/rss+xml', atom: 'application/atom+xml', json: 'application/feed+json' } as const
const feedLabels = { rss: 'RSS', atom: 'Atom', json: 'JSON Feed' } as const

/** The site's feeds, then those of the page's folder (its section's), built once per folder. */
function pageFeeds(site: Site, memo: SiteMemo, segments: readonly string[] | undefined): LayoutData['feeds'] {
  const key = segments === undefined ? '' : `\0${segments.join('\0')}`
  let feeds = memo.feeds.get(key)
  if (feeds === undefined) {
    const { config } = site
    feeds = [
      ...feedLinks(config.basePath, [], config.title),
      ...(segments ? feedLinks(config.basePath, segments, `${site.sections.find((section) => section.slug === segments[0])?.name ?? segments.join(' ')} — ${config.title}`) : [])
    ]
    memo.feeds.set(key, feeds)
  }
  return feeds
}

function feedLinks(basePath: string, segments: readonly string[], title: string): LayoutData['feeds'] {
  return feedRoutes(basePath, segments).map((route) => ({ type: feedTypes[route.format], title: `${title} (${feedLabels[route.format]})`, url: route.url }))
}

function pagerView(pager: Pager): PagerView {
  return { number: pager.number, count: pager.count, previousUrl: pager.previousUrl, nextUrl: pager.nextUrl }
}

/** Byline names with their author pages; names without one (none published) are left out. */
function authorsOf(site: Site, article: Article): Link[] {
  return (article.byline?.names ?? []).flatMap((name) => {
    const author = bySlug(site.authors).get(slugify(name))
    return author ? [{ name, url: author.url }] : []
  })
}

/**
 * What many pages of one site share, worked out once per site object (every build plans a
 * new one, so nothing outlives the content it came from).
 */
interface SiteMemo {
  /** Story cards by entry. */
  readonly cards: Map<ArticleEntry, StoryCard>
  /** Section name and URL by an article's `section` value (a name or a slug). */
  readonly sectionViews: Map<string, { readonly name: string; readonly url: string | undefined }>
  /** Sections by URL, the first of each. */
  readonly sectionByUrl: ReadonlyMap<string, SectionEntry>
  /** Each section's stories' positions by URL, the first of each. */
  readonly positions: Map<SectionEntry, ReadonlyMap<string, number>>
  /** The layout's site fields, the same on every page. */
  readonly layoutSite: LayoutData['site']
  /** Autodiscovery links by the page's feed folder (`''` for the site's alone). */
  readonly feeds: Map<string, LayoutData['feeds']>
}

const memos = new WeakMap<Site, SiteMemo>()

function memoOf(site: Site): SiteMemo {
  let memo = memos.get(site)
  if (memo === undefined) {
    const sectionByUrl = new Map<string, SectionEntry>()
    for (const section of site.sections) if (!sectionByUrl.has(section.url)) sectionByUrl.set(section.url, section)
    const { config } = site
    memo = {
      cards: new Map(),
      sectionViews: new Map(),
      sectionByUrl,
      positions: new Map(),
      layoutSite: {
        title: config.title,
        description: config.description,
        publisher: config.publisher,
        homeUrl: config.basePath,
        stylesheetUrl: `${config.basePath}assets/style.css`,
        searchUrl: `${config.basePath}search/`,
        iconUrl: `${config.basePath}assets/favicon.svg`,
        pngIconUrl: `${config.basePath}assets/favicon-32.png`,
        touchIconUrl: `${config.basePath}assets/apple-touch-icon.png`,
        tagsUrl: (site.tags?.length ?? 0) > 0 ? `${config.basePath}tags/` : undefined,
        peopleUrl: site.speakers === undefined ? undefined : `${config.basePath}people/`,
        quotesUrl: `${config.basePath}quotes/`
      },
      feeds: new Map()
    }
    memos.set(site, memo)
  }
  return memo
}

function positionsOf(memo: SiteMemo, section: SectionEntry): ReadonlyMap<string, number> {
  let positions = memo.positions.get(section)
  if (positions === undefined) {
    const byUrl = new Map<string, number>()
    section.articles.forEach((entry, index) => {
      if (!byUrl.has(entry.url)) byUrl.set(entry.url, index)
    })
    positions = byUrl
    memo.positions.set(section, positions)
  }
  return positions
}

const slugIndexes = new WeakMap<readonly TaxonomyEntry[], ReadonlyMap<string, TaxonomyEntry>>()

/** Tags or authors by slug, indexed once per site rather than searched on every page. */
function bySlug(entries: readonly TaxonomyEntry[] | undefined): ReadonlyMap<string, TaxonomyEntry> {
  if (entries === undefined) return new Map()
  let index = slugIndexes.get(entries)
  if (index === undefined) {
    index = new Map(entries.map((entry) => [entry.slug, entry]))
    slugIndexes.set(entries, index)
  }
  return index
}

function publisherLd(site: Site): Record<string, unknown> {
  const { config } = site
  return {
    '@type': 'NewsMediaOrganization',
    name: config.publisher,
    url: config.baseUrl + config.basePath,
    ...(config.publisherLogo === undefined ? {} : { logo: { '@type': 'ImageObject', url: absoluteUrl(site, config.publisherLogo) } })
  }
}

/** An absolute URL for a configured or content path: `/img/a.jpg` → `https://host/base/img/a.jpg`. */
function absoluteUrl(site: Site, url: string): string {
  if (/^https?:\/\//i.test(url)) return url
  return `${site.config.baseUrl}${site.config.basePath}${url.replace(/^\/+/, '')}`
}
