/**
 * The data of the speaker pages: one page per person or organisation quoted across the
 * site (`person.eta`), the index of them (`people.eta`) and the latest quotes (`quotes.eta`).
 */
import type { Page, Site } from '../../model/site.js'
import type { DescribedSpeaker, QuoteEntry, SpeakerEntry } from '../../model/speakers.js'
import { type FormattedDate, formatDate } from '../dates.js'
import { serializeJsonLd } from '../json-ld.js'
import { layoutData, type LayoutData } from './layout.js'

interface QuoteView {
  /** The quoted words; a split quote's parts joined by an ellipsis where the attribution was. */
  readonly text: string
  /** The parts of the quote: one, or each part of a split quote in reading order. */
  readonly parts: readonly string[]
  readonly url: string
  readonly cue: string | undefined
  readonly article: { readonly headline: string; readonly url: string; readonly published: FormattedDate }
  /** `url` is the speaker's page; a speaker quoted under a description (`officials`) has none. */
  readonly speaker: { readonly name: string; readonly url: string | undefined; readonly role: string | undefined }
}

interface PersonPageData extends LayoutData {
  readonly speaker: { readonly name: string; readonly kindLabel: string; readonly roles: readonly string[]; readonly quoteCount: number }
  readonly quotes: readonly QuoteView[]
  readonly peopleUrl: string
}

interface PeoplePageData extends LayoutData {
  readonly speakers: readonly { readonly name: string; readonly url: string; readonly role: string | undefined; readonly quoteCount: number }[]
}

interface QuotesPageData extends LayoutData {
  readonly quotes: readonly QuoteView[]
}

const kindLabels = { person: 'Person', organization: 'Organization', group: 'Group' } as const

function quoteView(site: Site, entry: QuoteEntry, speaker: DescribedSpeaker | SpeakerEntry): QuoteView {
  const { article } = entry.article
  const parts = [entry.quote, ...entry.continuedBy].map((quote) => quote.text.replace(/[,;:]$/, ''))
  return {
    text: parts.join(' … '),
    parts,
    url: entry.url,
    cue: entry.quote.cue,
    article: { headline: article.headline, url: entry.article.url, published: formatDate(article.published, site.config.timeZone) },
    speaker: { name: speaker.name, url: 'url' in speaker ? speaker.url : undefined, role: speaker.roles[0] },
  }
}

/** Each quote's speaker (the first to list it), indexed once per site. */
const speakerIndexes = new WeakMap<Site, ReadonlyMap<QuoteEntry, DescribedSpeaker | SpeakerEntry>>()

function speakerOf(site: Site, entry: QuoteEntry): DescribedSpeaker | SpeakerEntry | undefined {
  let index = speakerIndexes.get(site)
  if (index === undefined) {
    const bySpeaker = new Map<QuoteEntry, DescribedSpeaker | SpeakerEntry>()
    for (const speaker of [...(site.speakers ?? []), ...(site.describedSpeakers ?? [])]) for (const quote of speaker.quotes) if (!bySpeaker.has(quote)) bySpeaker.set(quote, speaker)
    index = bySpeaker
    speakerIndexes.set(site, index)
  }
  return index.get(entry)
}

/**
 * Builds the data for one speaker's page: name, roles and every quote, newest first.
 *
 * @param site The whole site.
 * @param page The speaker's page.
 */
export function personPageData(site: Site, page: Extract<Page, { kind: 'person' }>): PersonPageData {
  const { speaker } = page
  const role = speaker.roles[0]
  return {
    ...layoutData(site, page, {
      documentTitle: `${speaker.name} — ${site.config.title}`,
      description: `${speaker.name}${role ? `, ${role}` : ''}: ${speaker.quoteCount} ${speaker.quoteCount === 1 ? 'quote' : 'quotes'} in ${site.config.title}.`,
      ogType: 'website',
      jsonLd: serializeJsonLd({
        '@context': 'https://schema.org',
        '@type': 'ProfilePage',
        url: site.config.baseUrl + page.url,
        mainEntity: {
          '@type': speaker.kind === 'person' ? 'Person' : 'Organization',
          name: speaker.name,
          ...(role !== undefined && speaker.kind === 'person' ? { jobTitle: role } : {}),
        },
      }),
      pageClass: 'person',
      currentSection: undefined,
      feedSegments: undefined,
      social: undefined,
    }),
    speaker: { name: speaker.name, kindLabel: kindLabels[speaker.kind], roles: speaker.roles, quoteCount: speaker.quoteCount },
    // A split quote is one quote: its later parts are shown with its first, not listed again.
    quotes: speaker.quotes.filter((entry) => !entry.isContinuation).map((entry) => quoteView(site, entry, speaker)),
    peopleUrl: `${site.config.basePath}people/`,
  }
}

/**
 * Builds the data for `/people/`: every speaker, most quoted first.
 *
 * @param site The whole site.
 * @param page The people index.
 */
export function peoplePageData(site: Site, page: Extract<Page, { kind: 'people' }>): PeoplePageData {
  return {
    ...layoutData(site, page, {
      documentTitle: `People — ${site.config.title}`,
      description: `Everyone quoted in ${site.config.title}, most quoted first.`,
      ogType: 'website',
      jsonLd: undefined,
      pageClass: 'people',
      currentSection: undefined,
      feedSegments: undefined,
      social: undefined,
    }),
    speakers: page.speakers.map((speaker) => ({ name: speaker.name, url: speaker.url, role: speaker.roles[0], quoteCount: speaker.quoteCount })),
  }
}

/**
 * Builds the data for `/quotes/`: the latest quotes site-wide.
 *
 * @param site The whole site.
 * @param page The quotes page.
 */
export function quotesPageData(site: Site, page: Extract<Page, { kind: 'quotes' }>): QuotesPageData {
  return {
    ...layoutData(site, page, {
      documentTitle: `Latest quotes — ${site.config.title}`,
      description: `What people said, from the latest stories in ${site.config.title}.`,
      ogType: 'website',
      jsonLd: undefined,
      pageClass: 'quotes',
      currentSection: undefined,
      feedSegments: undefined,
      social: undefined,
    }),
    quotes: page.quotes.flatMap((entry) => {
      const speaker = speakerOf(site, entry)
      return speaker ? [quoteView(site, entry, speaker)] : []
    }),
  }
}
