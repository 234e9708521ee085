/**
 * The site model: what `site` decides once for the whole build (URLs, listings) and what
 * `render` turns into files. Plain readonly data, like the article model.
 */
import type { Article, ArticleCard } from './article.js'
import type { DescribedSpeaker, QuoteEntry, SpeakerEntry } from './speakers.js'

/** The trusted, validated site configuration. */
export interface SiteConfig {
  readonly title: string
  readonly description: string
  /** Absolute origin with no trailing slash: `https://news.example.com`. */
  readonly baseUrl: string
  /** Where the site lives under the origin, with leading and trailing slash: `/` or `/news/`. */
  readonly basePath: string
  /** BCP 47 language tag for `<html lang>`. */
  readonly language: string
  /** IANA time zone in which dates are shown: `America/New_York`. */
  readonly timeZone: string
  readonly publisher: string
  /** Stories per listing page (sections, tags, authors) (default: 10). */
  readonly pageSize?: number
  /** Section slugs in the order the navigation and the front page show them; the rest follow. */
  readonly sectionOrder?: readonly string[]
  /** URL of the publisher's logo (absolute, or a path under the base path), for JSON-LD and feeds. */
  readonly publisherLogo?: string | undefined
  /** The site's X/Twitter handle for `twitter:site`: `@gazette`. */
  readonly twitterSite?: string | undefined
  /**
   * The publication policy for attributions: a quote's speaker is shown (panel, people pages,
   * JSON-LD, `data-speaker`) when its confidence reaches `threshold` (0–1) or an editor
   * confirmed it (default: `DEFAULT_PUBLISH_THRESHOLD` in `src/quotes/policy.ts`).
   */
  readonly attribution?: { readonly threshold: number } | undefined
}

/** One article placed in the site: its URLs are decided here, once. */
export interface ArticleEntry {
  /** The story's card: all a listing shows of it (a whole story in `dateline dev`, typed as its card all the same). */
  readonly article: ArticleCard
  /** Site-relative URL path with base path: `/news/world/slug/`. */
  readonly url: string
  /** Output path relative to the output folder: `world/slug/index.html`. */
  readonly outputPath: string
}

export interface SectionEntry {
  readonly name: string
  readonly slug: string
  readonly url: string
  readonly articles: readonly ArticleEntry[]
}

export interface Site {
  readonly config: SiteConfig
  /** Every published article, newest first. */
  readonly articles: readonly ArticleEntry[]
  readonly sections: readonly SectionEntry[]
  /** Tags with their articles, by slug (`/tags/<slug>/`). */
  readonly tags?: readonly TaxonomyEntry[]
  /** Byline names with their articles, by slug (`/authors/<slug>/`). */
  readonly authors?: readonly TaxonomyEntry[]
  /**
   * The listing URL of each tag and byline name as the stories write it (`Budget` →
   * `/tags/budget/`): how a story links its tags and authors.
   */
  readonly taxonomyUrls?: { readonly tags: ReadonlyMap<string, string>; readonly authors: ReadonlyMap<string, string> }
  /** Everyone quoted, merged across articles, most quoted first (`/people/<slug>/`). */
  readonly speakers?: readonly SpeakerEntry[]
  /** Speakers quoted under a description (`officials`), one per article, with no page. */
  readonly describedSpeakers?: readonly DescribedSpeaker[]
  /** Speaker page URLs of the people in each article: `articleId → personId → url`. */
  readonly speakerUrls?: Readonly<Record<string, Readonly<Record<string, string>>>>
  /**
   * The URL of each image a story takes from the content folder, by the address as the
   * story writes it: `articleId → address → URL` (`bridge.jpg` → `/news/world/bridge.jpg`).
   * An address not here is used as written (`https:` images).
   */
  readonly imageUrls?: Readonly<Record<string, Readonly<Record<string, string>>>>
}

/** A tag or an author: a name readers see, its listing URL and its articles, newest first. */
export interface TaxonomyEntry {
  readonly name: string
  readonly slug: string
  readonly url: string
  readonly articles: readonly ArticleEntry[]
}

/** One page of a paginated listing: page 1 at the listing's URL, page n at `<url>page/<n>/`. */
export interface Pager {
  /** 1-based. */
  readonly number: number
  readonly count: number
  readonly items: readonly ArticleEntry[]
  readonly previousUrl: string | undefined
  readonly nextUrl: string | undefined
}

/**
 * A story's body HTML, rendered once in the thread that parsed the story and kept in its
 * parse cache entry (`prerenderBody` in `src/render/pages/article-body.ts`): the body in
 * two around the pull quote, which quote that is, and which quotes the body gives a
 * permalink. It depends on the story alone and on the publication threshold it was made
 * for; a body with images from the content folder is not prerendered, as their URLs are
 * the site's to decide.
 */
export interface RenderedBody {
  /** The `attribution.threshold` it was rendered for: any other makes the page render the body itself. */
  readonly threshold: number
  readonly before: string
  /** `''` when there is no pull quote: `before` is then the whole body. */
  readonly after: string
  readonly pullQuoteId: string | undefined
  /** The quote ids the body HTML carries as element ids (`#q-3`). */
  readonly anchored: readonly string[]
}

export type Page =
  | {
      readonly kind: 'article'
      readonly outputPath: string
      readonly url: string
      readonly entry: ArticleEntry
    }
  | { readonly kind: 'index'; readonly outputPath: string; readonly url: string; readonly articles: readonly ArticleEntry[] }
  | { readonly kind: 'section'; readonly outputPath: string; readonly url: string; readonly section: SectionEntry; readonly pager?: Pager }
  | { readonly kind: 'tag'; readonly outputPath: string; readonly url: string; readonly tag: TaxonomyEntry; readonly pager: Pager }
  | { readonly kind: 'tags'; readonly outputPath: string; readonly url: string; readonly tags: readonly TaxonomyEntry[] }
  | { readonly kind: 'author'; readonly outputPath: string; readonly url: string; readonly author: TaxonomyEntry; readonly pager: Pager }
  | { readonly kind: 'search'; readonly outputPath: string; readonly url: string }
  | { readonly kind: 'person'; readonly outputPath: string; readonly url: string; readonly speaker: SpeakerEntry }
  | { readonly kind: 'people'; readonly outputPath: string; readonly url: string; readonly speakers: readonly SpeakerEntry[] }
  | { readonly kind: 'quotes'; readonly outputPath: string; readonly url: string; readonly quotes: readonly QuoteEntry[] }
  | { readonly kind: 'notFound'; readonly outputPath: string; readonly url: string }

/**
 * What an article page is made from besides its place in the site: its story as it is now,
 * either its card with the body HTML its parse prerendered for the site's threshold, or the
 * story in full, whose body the page renders itself. A card alone makes no page: its body
 * stops after the first paragraph.
 */
export type PageStory =
  | { readonly article: ArticleCard; readonly body: RenderedBody }
  | { readonly article: Article; readonly body?: undefined }

/** An article page with its story, as render takes it (`storyPage` in `src/build/stories.ts`). */
export type ArticlePage = Extract<Page, { readonly kind: 'article' }> & { readonly story: PageStory }

/** A page as render takes it: an article page with its story, a page of any other kind as planned. */
export type PageToRender = Exclude<Page, { readonly kind: 'article' }> | ArticlePage

/** A file of the built site, path relative to the output folder with `/` separators. */
export interface OutputFile {
  readonly path: string
  readonly contents: string | Uint8Array
}

/**
 * A file of the site that a build did not produce again because its inputs did not change:
 * its bytes are those of the same path in the output folder the build started from, which
 * the write stage links (or copies) instead of reading and rewriting them.
 */
export interface KeptFile extends PageBytes {
  readonly path: string
  /** Absolute path of the file in the previous output folder. */
  readonly from: string
}

/**
 * A page's bytes as the page store records them: their length, and a hash of them (the
 * next build reuses the page only if the file still has both).
 */
export interface PageBytes {
  /** Length in bytes. */
  readonly size: number
  /** SHA-1 of the bytes, in hex. */
  readonly hash: string
}

/**
 * The trusted templates as loaded from `templates/`: Eta sources by name without extension
 * (`layout`, `article`, `index`, `404`, partials as `partials/name`), and static assets
 * (`assets/style.css`) copied into the output as they are.
 */
export interface TemplateSet {
  readonly templates: Readonly<Record<string, string>>
  readonly assets: readonly OutputFile[]
  /** The folder the templates were read from, to name a broken one's file (default: none, names only). */
  readonly dir?: string | undefined
}
