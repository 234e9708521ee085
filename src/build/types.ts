/**
 * What a build takes and gives: its options, its result and what changed since the last
 * one. Re-exported by `src/build.ts`, which orders the stages.
 */
import type { VFile } from 'vfile'
import type { ArticleCache } from '../cache/article-cache.js'
import type { PageStore } from '../cache/page-cache.js'
import type { SourceIndex } from '../cache/source-index.js'
import type { ArticleCard } from '../model/article.js'
import type { KeptFile, OutputFile, PageBytes, SiteConfig } from '../model/site.js'
import type { ParsePool } from '../pool/parse-pool.js'
import type { SearchRecord } from '../search/records.js'

export type Stage = 'load' | 'parse' | 'site' | 'render'

export interface BuildOptions {
  /** Folder of articles. */
  readonly contentDir: string
  /** Folder of Eta templates and `assets/`. */
  readonly templatesDir: string
  /** Folder that message paths are relative to. */
  readonly cwd: string
  readonly config: SiteConfig
  /** Publish articles marked `draft: true` (default: `false`). */
  readonly includeDrafts?: boolean
  /** Run the quote attribution pass (default: `true`). */
  readonly attribute?: boolean
  /** Largest article file, in bytes (default: `defaultMaxFileSize`, 256 KiB). */
  readonly maxFileSize?: number
  /**
   * Folders inside the content folder that are not content (the output folder and the
   * cache, when they are put there), by absolute path: never loaded (default: none). An
   * output folder that carries Dateline's marker is never loaded anyway.
   */
  readonly skipFolders?: readonly string[] | undefined
  /**
   * The build's time (ISO date-time with offset): later-dated articles wait until then, and
   * the news sitemap covers the two days before it. Passed in so a build is reproducible;
   * the CLI passes the clock (default: none: nothing is future, the newest story ends the window).
   */
  readonly now?: string | undefined
  /** Parsed articles from earlier builds (default: none, every file is parsed). */
  readonly cache?: ArticleCache | undefined
  /**
   * Content files unchanged since an earlier build, with the hashes of their texts: the
   * first load reads none of them, and one is read only if it must be parsed (its cache
   * entry is gone). Default: none, every file is read.
   */
  readonly knownSources?: SourceIndex | undefined
  /** Identifies the parsing code in cache keys (Dateline's version and a fingerprint of its files). */
  readonly codeId?: string
  /** Worker threads to parse in (default: none, files are parsed on this thread without a time limit). */
  readonly pool?: ParsePool | undefined
  /** Time limit for parsing one file in the pool (default: `defaultParseTimeoutMs`). */
  readonly parseTimeoutMs?: number
  /**
   * Pages of an earlier build with the inputs they were rendered from (the last output
   * folder, for a one-shot rebuild): a page whose inputs match is taken from here, not
   * rendered again. Default: none.
   */
  readonly previousPages?: PageStore | undefined
  /**
   * Called once the site is planned, with what the search index needs, before the pages
   * are rendered: the CLI starts Pagefind on it so indexing overlaps rendering and writing.
   */
  readonly onPlanned?: ((search: SearchInput) => void) | undefined
  /**
   * Called when every file is parsed, before the site is planned: the CLI stops the worker
   * pool there, so its threads' memory is not held through rendering.
   */
  readonly onParsed?: (() => Promise<void>) | undefined
  /**
   * Where rendered pages go as they are rendered, a batch at a time (the CLI writes them
   * into the staging folder), instead of `BuildResult.files`; for one-shot builds, which
   * then never hold the whole site's HTML (default: none, every file is in the result).
   */
  readonly emit?: ((files: readonly OutputFile[]) => Promise<void>) | undefined
  /** Called as files are parsed, for a progress display. */
  readonly onProgress?: ((done: number, total: number) => void) | undefined
  /**
   * Hold only each story's card between parsing and rendering (an `ArticleCard`: all of it
   * but the body after the first paragraph and how its quotes were attributed, which is
   * all the site stage and the listings read). A story's page is then made from its card
   * and the body HTML its parse prerendered (`PageStory`), and the story is read in full
   * again (`StoryReader`: from the parse cache or its kept JSON text) only where that will
   * not do: for the feeds, for a search record whose text the cache lacks, and for a page
   * without a prerendered body for the site's threshold, a batch at a time. Memory then
   * grows with the cards alone (the heap after parsing 4,000 stories: 75 MB, against
   * 153 MB holding whole stories). Source texts are let go once parsed, too (a story whose
   * cache entry vanished is read from its file again). Without it the stories are held
   * whole, each passing for its card: the stages take the same types either way, and
   * `BuildResult.articles` are `ArticleCard`s. Ignored by a builder that keeps pages (`dev`).
   * Default: `false`.
   */
  readonly cardsOnly?: boolean
  /**
   * With `cardsOnly`, hold cards only when there are at least this many files, or when
   * `previousPages` were made with the same code, templates and configuration (a rebuild,
   * which shows few stories in full) (default: 0, always, as the CLI builds: a story's page
   * is made from its card and the body its parse prerendered, so only the stories the feeds
   * carry in full are read again).
   */
  readonly cardsOnlyFrom?: number
  /**
   * With cards held, keep each story's prerendered body (~8 KB of HTML) only below this many
   * files; from there on it is let go after parsing and read back from the parse cache for
   * its page (default: 5,000; at 100,000 stories the bodies were ~1.5 GB of the peak).
   */
  readonly holdBodiesBelow?: number
  /**
   * Called with the number of source files once they are loaded, before parsing: the CLI
   * trades a little speed for memory on large sites (see `leanHeap` in `src/cli/context.ts`).
   */
  readonly onLoaded?: ((files: number) => void) | undefined
}

/** How the parse stage got its articles. */
export interface ParseCounts {
  /** Files parsed in this build. */
  readonly parsed: number
  /** Files whose article came from the cache or the previous build. */
  readonly reused: number
}

export interface BuildResult {
  /** Every file of the site, paths relative to the output folder, except those in `kept`. */
  readonly files: readonly OutputFile[]
  /**
   * Pages taken unchanged from the output folder of `previousPages` (a store on disk):
   * the write stage links them into the new output instead of reading and rewriting them.
   */
  readonly kept: readonly KeptFile[]
  /** Pages handed to `options.emit` instead of being in `files`: output path → their length and hash. */
  readonly emitted: ReadonlyMap<string, PageBytes>
  /** What the search index needs: one record per article page, made on demand. */
  readonly search: SearchInput
  /**
   * Every source file with its messages, in path order: the articles, then the people file
   * (`content/people.yml`) when there is one. Held-back attributions are `quote-held-back`
   * messages (severity info) on their articles.
   */
  readonly sources: readonly VFile[]
  /** The published articles: their cards (whole stories, typed as cards all the same, without `cardsOnly`). */
  readonly articles: readonly ArticleCard[]
  /** Articles parsed without a problem but not published, and why. */
  readonly leftOut: LeftOut
  /** Milliseconds spent in each stage. */
  readonly timings: Readonly<Record<Stage, number>>
  /** Each page's output path → the fingerprint of its inputs, to store beside the output for the next build. */
  readonly pageInputs: ReadonlyMap<string, string>
  /**
   * A fingerprint of what every page is made with (code, templates, configuration), for the
   * page store: a build over pages made the same way can keep most of them.
   */
  readonly pagesMadeBy: string
  readonly counts: ParseCounts & {
    /** Pages rendered in this build. */
    readonly rendered: number
    /** Pages whose HTML was kept from the previous build because none of their inputs changed. */
    readonly kept: number
    /** Whether the last build's site plan was reused (the edits changed no story's card). */
    readonly planReused: boolean
  }
}

/** Stories the build leaves out on purpose: none is lost in silence, the CLI names them all. */
export interface LeftOut {
  /** Paths (as messages give them) of the articles marked `draft: true`, when drafts are not published. */
  readonly drafts: readonly string[]
  /** Articles dated after the build's time, soonest first: their paths and dates as written. */
  readonly scheduled: readonly { readonly path: string; readonly published: string }[]
}

/**
 * The stories of the search index. Records are made only for the stories a build indexes:
 * a fingerprint per story (its parse key, URL and the site's language) tells which changed.
 */
export interface SearchInput {
  /** Each story's search URL → a fingerprint of everything its record is made from. */
  readonly fingerprints: ReadonlyMap<string, string>
  /** The records of the stories at `urls`, in page order, a batch at a time. */
  readonly records: (urls: ReadonlySet<string>) => AsyncIterable<readonly SearchRecord[]>
}

/** What changed since the last build, as a watcher saw it. */
export interface Changes {
  /** Absolute paths of content files added, changed or removed. */
  readonly content?: readonly string[]
  /** Whether anything under the templates folder changed. */
  readonly templates?: boolean
  /** A new configuration, when `dateline.config.json` changed. */
  readonly config?: SiteConfig
}

export interface SiteBuilder {
  /** Build everything on the first call; afterwards redo only what `changes` touch. */
  readonly build: (changes?: Changes) => Promise<BuildResult>
}
