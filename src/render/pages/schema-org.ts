/**
 * The pages' schema.org data, as plain objects for `serializeJsonLd`: a `NewsArticle` with
 * its `Quotation`s for a story, a `WebSite` for the front page, a `CollectionPage` or
 * `ProfilePage` for a listing. Key order is the order printed.
 */
import type { ArticleCard } from '../../model/article.js'
import type { Site } from '../../model/site.js'
import { publishedSpeakerId, publishThreshold } from '../../quotes/policy.js'
import { isoWithOffset } from '../iso-offset.js'
import { authorsOf, datelineText } from './views.js'

/** What an article page has already worked out that its `NewsArticle` repeats. */
export interface ArticleLdInputs {
  readonly canonicalUrl: string
  readonly summary: string | undefined
  readonly sectionName: string
  readonly imageUrl: string | undefined
}

/** A story as a schema.org `NewsArticle`, its quotes as `hasPart`. */
export function newsArticleLd(site: Site, article: ArticleCard, inputs: ArticleLdInputs): Record<string, unknown> {
  const { config } = site
  const { canonicalUrl, summary } = inputs
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.headline,
    ...(summary === undefined ? {} : { description: summary }),
    datePublished: isoWithOffset(article.published, config.timeZone),
    ...(article.updated === undefined ? {} : { dateModified: isoWithOffset(article.updated, config.timeZone) }),
    ...(article.byline ? { author: authorsOf(site, article).map((author) => ({ '@type': 'Person', name: author.name, url: config.baseUrl + author.url })) } : {}),
    articleSection: inputs.sectionName,
    ...(article.tags.length > 0 ? { keywords: article.tags.join(', ') } : {}),
    ...(article.dateline ? { dateline: datelineText(article.dateline.asPrinted) } : {}),
    ...(inputs.imageUrl === undefined ? {} : { image: inputs.imageUrl }),
    ...(article.corrections.length > 0
      ? { correction: article.corrections.map((correction) => ({ '@type': 'CorrectionComment', text: correction.text, datePublished: isoWithOffset(correction.date, config.timeZone) })) }
      : {}),
    publisher: publisherLd(site),
    mainEntityOfPage: canonicalUrl,
    ...(article.quotes.length > 0 ? { hasPart: quotationsLd(site, article, canonicalUrl) } : {})
  }
}

/** The front page as a `WebSite` whose search page takes `?q=`. */
export function webSiteLd(site: Site): Record<string, unknown> {
  const { config } = site
  return {
    '@context': 'https://schema.org',
    '@type': 'WebSite',
    name: config.title,
    url: config.baseUrl + config.basePath,
    // The search page reads `?q=`, so search engines may offer a search box for the site.
    potentialAction: {
      '@type': 'SearchAction',
      target: `${config.baseUrl}${config.basePath}search/?q={search_term_string}`,
      'query-input': 'required name=search_term_string'
    }
  }
}

/** A listing of stories (a section, a tag) or an author's page. */
export function collectionLd(type: 'CollectionPage' | 'ProfilePage', name: string, url: string): Record<string, unknown> {
  return { '@context': 'https://schema.org', '@type': type, name, url }
}

/** The article's quotes as schema.org `Quotation`s, each with its creator when the attribution is published. */
function quotationsLd(site: Site, article: ArticleCard, canonicalUrl: string): Record<string, unknown>[] {
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
