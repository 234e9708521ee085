/** The data of an article page (`article.eta`): the story, its neighbours and its JSON-LD. */
import type { ArticleCard } from '../../model/article.js'
import type { ArticleEntry, ArticlePage, Site } from '../../model/site.js'
import { type FormattedDate, formatDate } from '../dates.js'
import { isoWithOffset } from '../iso-offset.js'
import { serializeJsonLd } from '../json-ld.js'
import { bodyAndPullQuote, type BodyAndPullQuote, speakersOf, type SpeakerSummary, withBody } from './article-body.js'
import { layoutData, type LayoutData } from './layout.js'
import { newsArticleLd } from './schema-org.js'
import { memoOf, positionsOf } from './site-memo.js'
import {
  authorsOf,
  bylineText,
  datelineText,
  descriptionLength,
  leadImageOf,
  type Link,
  sectionOf,
  storiesPerSection,
  storyCard,
  type StoryCard,
  summaryOf,
  truncate,
} from './views.js'

interface ArticleView extends BodyAndPullQuote {
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
  readonly speakers: readonly SpeakerSummary[]
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

interface ArticlePageData extends LayoutData {
  readonly article: ArticleView
}

/** What the page has worked out already: the story's section, lead image and the stories around it. */
interface ArticleContext {
  readonly section: ReturnType<typeof sectionOf>
  readonly leadImage: ReturnType<typeof leadImageOf>
  /** The section's stories, newest first. */
  readonly siblings: readonly ArticleEntry[]
  readonly newer: ArticleEntry | undefined
  readonly older: ArticleEntry | undefined
}

/**
 * Builds the data for an article page (`article.eta`).
 *
 * @param site The whole site, for the navigation and configuration.
 * @param page The article page with its story (`story`: its card with the prerendered body,
 *   or the story in full).
 */
export function articlePageData(site: Site, page: ArticlePage): ArticlePageData {
  const { article } = page.story
  const { config } = site
  const section = sectionOf(site, article)
  const summary = summaryOf(article)
  const canonicalUrl = config.baseUrl + page.url
  const leadImage = leadImageOf(site, article)
  const jsonLd = newsArticleLd(site, article, { canonicalUrl, summary, sectionName: section.name, imageUrl: leadImage?.absoluteUrl })
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
    article: articleView(site, page, { section, leadImage, siblings, newer, older })
  }
}

/** The story itself as `article.eta` prints it, with its links to the stories around it. */
function articleView(site: Site, page: ArticlePage, { section, leadImage, siblings, newer, older }: ArticleContext): ArticleView {
  const story = withBody(site, page.story)
  const { article } = story
  const { config } = site
  return {
    headline: article.headline,
    standfirst: article.standfirst,
    isSample: article.sample,
    byline: article.byline ? bylineText(article.byline.asPrinted) : undefined,
    bylineParts: article.byline ? bylineParts(bylineText(article.byline.asPrinted), authorsOf(site, article)) : [],
    dateline: article.dateline ? datelineText(article.dateline.asPrinted) : undefined,
    source: article.source,
    published: formatDate(article.published, config.timeZone),
    updated: article.updated === undefined ? undefined : formatDate(article.updated, config.timeZone),
    section,
    image: leadImage === undefined ? undefined : { url: leadImage.url, alt: leadImage.alt, caption: article.image?.caption, credit: article.image?.credit },
    ...bodyAndPullQuote(site, story),
    speakers: speakersOf(site, story),
    corrections: article.corrections.map((correction) => ({
      date: formatDate(correction.date, config.timeZone),
      text: correction.text
    })),
    authors: authorsOf(site, article),
    tags: tagLinks(site, article),
    breadcrumbs: [{ name: 'Home', url: config.basePath }, ...(section.url ? [{ name: section.name, url: section.url }] : [])],
    previous: older ? { name: older.article.headline, url: older.url } : undefined,
    next: newer ? { name: newer.article.headline, url: newer.url } : undefined,
    moreInSection: moreInSection(site, siblings, page.url, [older, newer])
  }
}

/** The story's tags with their pages; a tag without one is left out. */
function tagLinks(site: Site, article: ArticleCard): Link[] {
  return article.tags.flatMap((name) => {
    const url = site.taxonomyUrls?.tags.get(name)
    return url === undefined ? [] : [{ name, url }]
  })
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
