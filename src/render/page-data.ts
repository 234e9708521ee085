/**
 * The data each template receives: one small, explicit object per page kind, built from
 * the site model. Templates do no lookups and no formatting of their own; every string
 * they print is ready here (dates in AP style, URLs as the site stage decided them).
 */
import type { Article, Block, Person, Phrasing, Quote } from '../model/article.js'
import type { ArticleEntry, Page, SectionEntry, Site } from '../model/site.js'
import { renderBody } from './body.js'
import { type FormattedDate, formatDate } from './dates.js'
import { serializeJsonLd } from './json-ld.js'
import { plainTextFromPhrasing } from './plain-text.js'

/** A navigation link; `current` becomes `aria-current`. */
interface NavLink {
  readonly name: string
  readonly url: string
  readonly current: 'page' | 'true' | undefined
}

/** What `layout.eta` reads, and so what every page's data includes. */
interface LayoutData {
  readonly lang: string
  /** The whole `<title>`: `Headline — Site`, or the site title on the front page. */
  readonly documentTitle: string
  readonly description: string
  /** Absolute URL of this page: `baseUrl` + the page URL. */
  readonly canonicalUrl: string
  readonly ogType: 'article' | 'website'
  readonly site: {
    readonly title: string
    readonly description: string
    readonly publisher: string
    readonly homeUrl: string
    readonly stylesheetUrl: string
  }
  readonly nav: readonly NavLink[]
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
  readonly quoteCount: number
  /** Each quote with a permalink into the body (`#q-1`) and its opening words. */
  readonly quotes: readonly { readonly href: string; readonly excerpt: string }[]
}

interface ArticleView {
  readonly headline: string
  readonly standfirst: string | undefined
  /** As printed, with a leading `By ` when the copy has none: `By Pamela Falk`. */
  readonly byline: string | undefined
  /** Place line without the trailing dash: `SEOUL, South Korea (AP)`. */
  readonly dateline: string | undefined
  readonly source: string | undefined
  readonly published: FormattedDate
  readonly updated: FormattedDate | undefined
  readonly section: { readonly name: string; readonly url: string | undefined }
  readonly image: { readonly url: string; readonly alt: string } | undefined
  /** Sanitized body HTML from `renderBody`: the one value templates print raw. */
  readonly bodyHtml: string
  readonly speakers: readonly SpeakerSummary[]
  readonly corrections: readonly { readonly date: FormattedDate; readonly text: string }[]
}

interface ArticlePageData extends LayoutData {
  readonly article: ArticleView
}

interface IndexPageData extends LayoutData {
  readonly lead: StoryCard | undefined
  /** The next few stories, shown with summaries. */
  readonly topStories: readonly StoryCard[]
  /** Everything else, as a compact list. */
  readonly moreStories: readonly StoryCard[]
}

interface SectionPageData extends LayoutData {
  readonly section: { readonly name: string }
  readonly stories: readonly StoryCard[]
}

type NotFoundPageData = LayoutData

/** How many stories after the lead get a summary on the front page. */
const topStoryCount = 4
/** Search engines show about this much of a description. */
const descriptionLength = 160
const excerptLength = 70

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
  const jsonLd = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.headline,
    ...(summary === undefined ? {} : { description: summary }),
    datePublished: published.datetime,
    ...(updated === undefined ? {} : { dateModified: updated.datetime }),
    ...(article.byline ? { author: article.byline.names.map((name) => ({ '@type': 'Person', name })) } : {}),
    articleSection: section.name,
    publisher: { '@type': 'Organization', name: config.publisher },
    mainEntityOfPage: canonicalUrl
  }
  return {
    ...layoutData(site, page, {
      documentTitle: `${article.headline} — ${config.title}`,
      description: truncate(summary ?? config.description, descriptionLength),
      ogType: 'article',
      jsonLd: serializeJsonLd(jsonLd),
      pageClass: 'article',
      currentSection: section.url
    }),
    article: {
      headline: article.headline,
      standfirst: article.standfirst,
      byline: article.byline ? bylineText(article.byline.asPrinted) : undefined,
      dateline: article.dateline ? datelineText(article.dateline.asPrinted) : undefined,
      source: article.source,
      published,
      updated,
      section,
      image: article.image,
      bodyHtml: renderBody(article),
      speakers: speakersOf(article),
      corrections: article.corrections.map((correction) => ({
        date: formatDate(correction.date, config.timeZone),
        text: correction.text
      }))
    }
  }
}

/**
 * Builds the data for the front page (`index.eta`): the newest story leads.
 *
 * @param site The whole site.
 * @param page The index page; its `articles` are newest first.
 */
export function indexPageData(site: Site, page: Extract<Page, { kind: 'index' }>): IndexPageData {
  const [lead, ...rest] = page.articles.map((entry) => storyCard(site, entry))
  return {
    ...layoutData(site, page, {
      documentTitle: site.config.title,
      description: site.config.description,
      ogType: 'website',
      jsonLd: serializeJsonLd({
        '@context': 'https://schema.org',
        '@type': 'WebSite',
        name: site.config.title,
        url: site.config.baseUrl + site.config.basePath
      }),
      pageClass: 'index',
      currentSection: undefined
    }),
    lead,
    topStories: rest.slice(0, topStoryCount),
    moreStories: rest.slice(topStoryCount)
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
  return {
    ...layoutData(site, page, {
      documentTitle: `${name} — ${site.config.title}`,
      description: `${name}: the latest from ${site.config.title}.`,
      ogType: 'website',
      jsonLd: serializeJsonLd({
        '@context': 'https://schema.org',
        '@type': 'CollectionPage',
        name: `${name} — ${site.config.title}`,
        url: site.config.baseUrl + page.url
      }),
      pageClass: 'section',
      currentSection: page.section.url
    }),
    section: { name },
    stories: page.section.articles.map((entry) => storyCard(site, entry))
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
    currentSection: undefined
  })
}

interface LayoutOptions {
  readonly documentTitle: string
  readonly description: string
  readonly ogType: LayoutData['ogType']
  readonly jsonLd: string | undefined
  readonly pageClass: string
  /** URL of the section the page belongs to, marked in the navigation. */
  readonly currentSection: string | undefined
}

function layoutData(site: Site, page: Page, options: LayoutOptions): LayoutData {
  const { config } = site
  return {
    lang: config.language,
    documentTitle: options.documentTitle,
    description: options.description,
    canonicalUrl: config.baseUrl + page.url,
    ogType: options.ogType,
    site: {
      title: config.title,
      description: config.description,
      publisher: config.publisher,
      homeUrl: config.basePath,
      stylesheetUrl: `${config.basePath}assets/style.css`
    },
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

function storyCard(site: Site, entry: ArticleEntry): StoryCard {
  const { article } = entry
  return {
    headline: article.headline,
    url: entry.url,
    summary: summaryOf(article),
    published: formatDate(article.published, site.config.timeZone),
    section: sectionOf(site, article),
    byline: article.byline ? bylineText(article.byline.asPrinted) : undefined,
    image: article.image
  }
}

function sectionOf(site: Site, article: Article): { name: string; url: string | undefined } {
  const entry: SectionEntry | undefined = site.sections.find(
    (section) => section.name === article.section || section.slug === article.section
  )
  return { name: entry?.name ?? article.section, url: entry?.url }
}

/** The standfirst, or else the first paragraph of the body as plain text. */
function summaryOf(article: Article): string | undefined {
  if (article.standfirst) return article.standfirst
  const first = article.body.find((block): block is Extract<Block, { type: 'paragraph' }> => block.type === 'paragraph')
  const text = first ? plainTextFromPhrasing(first.children) : ''
  return text === '' ? undefined : text
}

/** Speakers in the order they are first quoted, each with links to their quotes. */
function speakersOf(article: Article): SpeakerSummary[] {
  const anchored = anchoredQuoteIds(article.body)
  const people = new Map(article.people.map((person) => [person.id, person]))
  const bySpeaker = new Map<Person, Quote[]>()
  for (const quote of article.quotes) {
    const person = quote.speakerId === undefined ? undefined : people.get(quote.speakerId)
    if (person) bySpeaker.set(person, [...(bySpeaker.get(person) ?? []), quote])
  }
  return [...bySpeaker].map(([person, quotes]) => ({
    name: person.name,
    role: person.role,
    quoteCount: quotes.length,
    // A quote whose span is not in the body (say, one in the standfirst) has no
    // permalink to go to.
    quotes: quotes
      .filter((quote) => anchored.has(quote.id))
      .map((quote) => ({ href: `#${quote.id}`, excerpt: excerptOf(quote.text) }))
  }))
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
