/**
 * The only module that knows the order of the stages: load → parse → site → render.
 * It returns the built site in memory and writes nothing (`write/` does that).
 *
 * A `SiteBuilder` keeps what one build learnt for the next: the loaded files, each file's
 * parsed article (by content hash) and, when asked, each page's HTML with the inputs it
 * was rendered from. `build()` is one run of a fresh builder; `dateline dev` keeps one
 * builder alive and tells it which files changed.
 */
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import pMap from 'p-map'
import { VFile } from 'vfile'
import type { Article } from './model/article.js'
import type { KeptFile, OutputFile, Page, PageBytes, Site, SiteConfig, TemplateSet } from './model/site.js'
import { type ArticleCache, cacheKey, cardEntry, cardHash, type ParsedEntry, readCard, readCardLine, readEntry, readSearchText, restoreMessages, storeMessages, writeEntry } from './cache/article-cache.js'
import { pageBytes, type PageStore } from './cache/page-cache.js'
import { hashText, type SourceIndex } from './cache/source-index.js'
import { type FoundImage, findImageFiles, loadFile, loadPeopleFile, loadSources, loadTemplates, peopleFileName, readImageFile, readSourceText, readUnread } from './content/load.js'
import { report } from './content/report.js'
import { filesAtOnce } from './files-at-once.js'
import { defaultParseTimeoutMs, type ParsePool } from './pool/parse-pool.js'
import type { ImageCopy } from './site/images.js'
import { planSite, type SitePlan } from './site/plan.js'
import { readPeopleFile } from './site/people-file.js'
import { reportHeldBack } from './site/held-back.js'
import { publishThreshold } from './quotes/policy.js'
import { pageRenderer } from './render/templates.js'
import { type FeedSet, listedEntries } from './render/feeds.js'
import { outputFiles, renderSiteOutputs, type SiteOutputs } from './render/site-outputs.js'
import { type SearchRecord, type SearchSite, searchRecord, searchRecords, searchSection, searchText, searchUrl } from './render/search-records.js'

/**
 * The parser, loaded when this thread parses (no worker pool, or a story read again after
 * its cache entry vanished): with a pool, the main thread never does, and loading the
 * parser's modules (micromark, YAML, the quote engine) cost each build ~0.1 s at start.
 */
let parserModule: Promise<typeof import('./parse/article.js')> | undefined
const parser = (): Promise<typeof import('./parse/article.js')> => (parserModule ??= import('./parse/article.js'))

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
   * Hold only each story's card (all of it but the body after the first paragraph, which
   * is all the site stage reads) between parsing and rendering, and read the story in full
   * again, from the parse cache or its kept JSON text, for the pages, feeds and search
   * records that show it, a batch at a time. Memory then grows with the cards alone
   * (the heap after parsing 4,000 stories: 75 MB, against 153 MB holding whole stories).
   * Source texts are let go once parsed, too (a story whose cache entry vanished is read
   * from its file again). `BuildResult.articles` are cards then. Ignored by a builder that keeps pages (`dev`).
   * Default: `false`.
   */
  readonly cardsOnly?: boolean
  /**
   * With `cardsOnly`, hold cards only when there are at least this many files, or when
   * `previousPages` were made with the same code, templates and configuration (a rebuild,
   * which shows few stories in full): reading stories again costs ~0.5 s per 1,000, which
   * a small site's memory does not need to pay for (default: 0, always).
   */
  readonly cardsOnlyFrom?: number
  /**
   * Called with the number of source files once they are loaded, before parsing: the CLI
   * trades a little speed for memory on large sites (see `src/cli/main.ts`).
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
  /** The published articles (their cards, with `cardsOnly`). */
  readonly articles: readonly Article[]
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

/** Build the site from `options.contentDir` in memory. Content problems (an unreadable folder inside it too) are messages on `sources`; this throws only for faults outside the content (an unreadable content folder, broken templates). */
export async function build(options: BuildOptions): Promise<BuildResult> {
  return createSiteBuilder(options, { keepPages: false }).build()
}

/** One parsed file as the builder remembers it. */
interface Parsed {
  readonly key: string
  readonly entry: ParsedEntry
}

/** One rendered page as the builder remembers it: its HTML and the inputs it came from. */
interface Rendered {
  readonly inputs: string
  readonly contents: OutputFile['contents']
}

/** The pages a builder kept from its last build, as a store. */
function memoryStore(rendered: ReadonlyMap<string, Rendered>): PageStore {
  return {
    inputs: (outputPath) => rendered.get(outputPath)?.inputs,
    contents: async (outputPath) => rendered.get(outputPath)?.contents,
    held: (outputPath) => rendered.get(outputPath)?.contents,
  }
}

/**
 * A builder that remembers its last build.
 *
 * @param keepPages Keep every page's HTML to reuse in the next build (what `dateline dev`
 *   wants); a one-shot build leaves it off and keeps no HTML beyond its result.
 */
export function createSiteBuilder(options: BuildOptions, { keepPages }: { readonly keepPages: boolean }): SiteBuilder {
  let config = options.config
  let sources: VFile[] | undefined
  // A fingerprint of the people file the last build planned with: pages show its names.
  let lastPeople: string | undefined
  // The image files of the content folder, found again when anything but an article changes.
  let imageFiles: ReadonlyMap<string, FoundImage> | undefined
  // With `keepPages` (`dev`), each copied image's bytes, read again only when its file changes.
  const imageBytes = new Map<string, Uint8Array>()
  let templates: TemplateSet | undefined
  const parsedByFile = new WeakMap<VFile, Parsed>()
  let rendered = new Map<string, Rendered>()
  // What the last build planned, for `dateline dev`: reused when edits change no card.
  let lastOutputs: SiteOutputs | undefined
  // `newest` maps an article the plan was made from to its newest parse, when an edit kept its card.
  let last: { plan: SitePlan; articles: readonly Article[]; newest: ReadonlyMap<Article, Article>; siteInputs: string } | undefined
  const attribute = options.attribute ?? true
  const wantsCards = options.cardsOnly === true && !keepPages
  const loadOptions = { cwd: options.cwd, skip: options.skipFolders, ...(options.maxFileSize === undefined ? {} : { maxFileSize: options.maxFileSize }) }

  return {
    async build(changes = {}) {
      const timings: Record<Stage, number> = { load: 0, parse: 0, site: 0, render: 0 }
      let mark = performance.now()
      const lap = (stage: Stage): void => {
        const now = performance.now()
        timings[stage] += now - mark
        mark = now
      }
      if (changes.config) config = changes.config

      // An added or removed folder is an event on the folder itself, so anything that is not
      // an article (an image, a folder) makes the images be looked for again.
      const imagesChanged = imageFiles === undefined || (changes.content ?? []).some((changed) => !/\.(?:md|txt)$/i.test(changed))
      for (const changed of changes.content ?? []) {
        // The file itself, or everything under a folder that changed.
        const relative = path.relative(options.contentDir, changed).split(path.sep).join('/').normalize('NFC')
        for (const held of imageBytes.keys()) if (held === relative || held.startsWith(`${relative}/`)) imageBytes.delete(held)
      }
      const [loaded, loadedTemplates, foundImages, peopleFile] = await Promise.all([
        sources === undefined ? loadSources(options.contentDir, { ...loadOptions, known: options.knownSources }) : reloadChanged(sources, changes.content ?? [], options.contentDir, loadOptions),
        templates === undefined || changes.templates === true ? loadTemplates(options.templatesDir) : templates,
        imagesChanged ? findImageFiles(options.contentDir) : imageFiles,
        // Read at every build: one small file, and a watcher's event for it then needs nothing else.
        loadPeopleFile(options.contentDir, loadOptions),
      ])
      imageFiles = foundImages
      const people = peopleFile === undefined ? undefined : readPeopleFile(peopleFile)
      const peopleFingerprint = people === undefined ? '' : createHash('sha1').update(JSON.stringify(people)).digest('hex')
      if (loadedTemplates !== templates || changes.config || (lastPeople !== undefined && lastPeople !== peopleFingerprint)) {
        rendered = new Map()
        last = undefined
      }
      lastPeople = peopleFingerprint
      sources = loaded
      templates = loadedTemplates
      lap('load')

      options.onLoaded?.(sources.length)
      // The people file is part of what every page is made with: it names the speaker pages.
      const codeAndTemplates = `${options.codeId ?? 'dev'}\0${templatesFingerprint(templates)}\0${peopleFingerprint}`
      const pagesMadeBy = createHash('sha1').update(`${codeAndTemplates}\0${JSON.stringify(config)}`).digest('hex')
      // A rebuild over pages made with the same code, templates and configuration will keep
      // most of them, so it holds cards whatever the site's size: it shows few stories in
      // full, and reading only each cache entry's card line is most of its parse stage.
      const isRebuild = options.previousPages?.madeBy === pagesMadeBy
      const cardsOnly = wantsCards && (isRebuild || sources.length >= (options.cardsOnlyFrom ?? 0))
      // With `cardsOnly`, the JSON text of stories the cache could not take, by parse key.
      const texts = new Map<string, string>()
      const counts = await parseAll(sources, parsedByFile, { ...options, attribute, cardsOnly, texts })
      await options.onParsed?.()
      const parsed: { article: Article; file: VFile }[] = []
      const drafts: string[] = []
      for (const file of sources) {
        const article = parsedByFile.get(file)?.entry.article
        if (!article) continue
        if (options.includeDrafts === true || !article.draft) parsed.push({ article, file })
        else drafts.push(file.path)
      }
      // The attributions the site will show without their speaker, listed for an editor.
      const threshold = publishThreshold(config)
      for (const { article, file } of parsed) reportHeldBack(file, article, threshold)
      lap('parse')

      const articles = parsed.map((entry) => entry.article)
      const swaps = keepPages && last ? cardsKept(last.articles, articles) : undefined
      // When every edit kept its card, the last plan is still right for every page but the
      // edited stories' own (and the feeds that carry their bodies): it is kept as it is, and
      // those read each story through `newest`. No planning, and no walk over the plan.
      // A plan says which images are there: one whose images changed is made again.
      const reusedPlan = last !== undefined && swaps !== undefined && rendered.size > 0 && !imagesChanged
      const plan = reusedPlan && last ? last.plan : planSite(articles, config, { now: options.now, imageFiles, people })
      const newest = new Map(reusedPlan && last ? last.newest : [])
      const changed = new Set<Article>()
      if (reusedPlan && swaps) {
        const planned = new Map([...newest].map(([inPlan, parse]) => [parse, inPlan]))
        for (const swap of swaps) {
          const inPlan = planned.get(swap.previous) ?? swap.previous
          newest.set(inPlan, swap.next)
          changed.add(inPlan)
        }
      }
      const current = (article: Article): Article => newest.get(article) ?? article
      const parsedByPath =
        plan.collisions.length > 0 || plan.images.problems.length > 0 || plan.images.copies.length > 0 || cardsOnly || plan.scheduled.length > 0
          ? new Map(parsed.map((entry) => [entry.article.sourcePath, entry]))
          : new Map<string, { article: Article; file: VFile }>()
      for (const problem of plan.images.problems) {
        const file = parsedByPath.get(problem.sourcePath)?.file
        if (file) report(file, 'image-missing', problem.reason, problem.position, problem.hint)
      }
      for (const collision of plan.collisions) {
        for (const sourcePath of collision.sourcePaths) {
          const reserved = collision.isReserved ? parsedByPath.get(sourcePath) : undefined
          if (reserved) {
            report(reserved.file, 'section-reserved', `Unexpected section \`${reserved.article.section}\`, expected one whose URL the site does not use itself: \`${collision.url}\` is reserved for the site's own pages, so the article is not published`, { line: 1, column: 1 })
            continue
          }
          const others = collision.sourcePaths.filter((other) => other !== sourcePath)
          const file = parsedByPath.get(sourcePath)?.file
          if (file) report(file, 'url-collision', `Unexpected second article at \`${collision.url}\`, also claimed by ${others.map((other) => `\`${other}\``).join(', ')}, expected one article per URL: none of them is published`, { line: 1, column: 1 })
        }
      }
      const full = cardsOnly ? storyReader(parsedByPath, texts, { ...options, attribute }) : newest.size > 0 ? async (article: Article) => current(article) : undefined
      const search = searchInput(plan.pages, { language: config.language, timeZone: config.timeZone, sections: plan.site.sections }, full, current, cardsOnly ? searchTextReader(texts, options.cache) : undefined)
      options.onPlanned?.(search)
      lap('site')

      const previous = rendered.size > 0 ? memoryStore(rendered) : options.previousPages
      // With the plan reused, only the edited stories' own pages can have new inputs: every
      // other page shows them through their cards, which did not change.
      const reuse =
        reusedPlan && last
          ? { siteInputs: last.siteInputs, held: rendered, changedPages: plan.pages.filter((page) => page.kind === 'article' && changed.has(page.entry.article)) }
          : undefined
      const result = await renderChanged(plan.site, plan.pages, templates, previous, codeAndTemplates, !keepPages, reuse, options.emit, full, current)
      rendered = keepPages ? result.rendered : new Map()
      last = keepPages ? { plan, articles, newest, siteInputs: result.siteInputs } : undefined
      const codeAndConfig = `${options.codeId ?? 'dev'}\0${JSON.stringify(config)}`
      const outputs = await renderSiteOutputs(plan.site, plan.pages, {
        now: options.now,
        reuse: reusedPlan && lastOutputs ? { last: lastOutputs, changed } : undefined,
        fingerprint: (set) => feedFingerprint(set, codeAndConfig, current),
        previous: !keepPages && previous?.kept ? { inputs: previous.inputs, kept: previous.kept } : undefined,
        full,
      })
      lastOutputs = keepPages ? outputs : undefined
      const images = await copyImages(plan.images.copies, imageFiles ?? new Map(), { held: keepPages ? imageBytes : undefined, emit: options.emit, fileOf: (sourcePath) => parsedByPath.get(sourcePath)?.file })
      for (const [outputPath, size] of images.emitted) result.emitted.set(outputPath, size)
      const files = [...result.files, ...outputFiles(outputs), ...images.files]
      lap('render')

      return {
        files,
        kept: [...result.kept, ...outputs.kept],
        emitted: result.emitted,
        search,
        sources: peopleFile === undefined ? sources : [...sources, peopleFile],
        articles: plan.site.articles.map((entry) => current(entry.article)),
        leftOut: {
          drafts,
          scheduled: plan.scheduled.map((article) => ({ path: parsedByPath.get(article.sourcePath)?.file.path ?? article.sourcePath, published: article.published })),
        },
        timings,
        // Made when read (a one-shot build stores it beside the output; \`dev\` never reads it).
        get pageInputs() {
          return new Map([...result.inputs(), ...outputs.inputs])
        },
        counts: { ...counts, rendered: plan.pages.length - result.keptCount, kept: result.keptCount, planReused: reusedPlan },
        pagesMadeBy,
      }
    },
  }
}

/** Image files copied between two writes when files are emitted: a batch of photos, not the whole folder, is held at once. */
const imageBatchSize = 32

/**
 * The copies of the content folder's images a site uses, as output files at the same paths:
 * handed to `emit` a batch at a time when there is one (so a folder of photos is never
 * held whole), else returned. An image that cannot be read now (removed, replaced by a
 * link, too large) is reported on the first story that uses it and left out.
 *
 * @param held Bytes read by an earlier build of this builder, by path, to take again (`dev`).
 */
async function copyImages(
  copies: readonly ImageCopy[],
  found: ReadonlyMap<string, FoundImage>,
  options: { readonly held: Map<string, Uint8Array> | undefined; readonly emit: ((files: readonly OutputFile[]) => Promise<void>) | undefined; readonly fileOf: (sourcePath: string) => VFile | undefined },
): Promise<{ files: OutputFile[]; emitted: Map<string, PageBytes> }> {
  const files: OutputFile[] = []
  const emitted = new Map<string, PageBytes>()
  let batch: OutputFile[] = []
  for (const copy of copies) {
    let bytes = options.held?.get(copy.path)
    if (bytes === undefined) {
      const absolute = found.get(copy.path)?.absolute
      const read = absolute === undefined ? { ok: false as const, reason: 'it is gone', hint: undefined } : readImageFile(absolute)
      if (!read.ok) {
        const file = options.fileOf(copy.usedBy.sourcePath)
        if (file) report(file, 'image-missing', `Unexpected image \`${copy.usedBy.url}\`: \`${copy.path}\` cannot be copied, ${read.reason}`, copy.usedBy.position, read.hint)
        continue
      }
      bytes = read.bytes
      options.held?.set(copy.path, bytes)
    }
    const output: OutputFile = { path: copy.path, contents: bytes }
    if (options.emit === undefined) {
      files.push(output)
      continue
    }
    batch.push(output)
    emitted.set(output.path, pageBytes(bytes))
    if (batch.length === imageBatchSize) {
      await options.emit(batch)
      batch = []
    }
  }
  if (options.emit !== undefined && batch.length > 0) await options.emit(batch)
  return { files, emitted }
}

/** Each loaded file's absolute path, resolved once (a `dev` rebuild looks up every file). */
const absolutePaths = new WeakMap<VFile, string>()

function absoluteOf(file: VFile, cwd: string): string {
  let absolute = absolutePaths.get(file)
  if (absolute === undefined) {
    absolute = path.resolve(cwd, file.path)
    absolutePaths.set(file, absolute)
  }
  return absolute
}

/** Reload only the changed files; a file added or removed means walking the folder again. */
async function reloadChanged(sources: readonly VFile[], changed: readonly string[], contentDir: string, options: { readonly cwd: string; readonly maxFileSize?: number; readonly skip?: readonly string[] | undefined }): Promise<VFile[]> {
  // The people file is read at every build; it is no article.
  const peopleFile = path.resolve(contentDir, peopleFileName)
  const articlesChanged = changed.filter((absolute) => path.resolve(absolute) !== peopleFile)
  if (articlesChanged.length === 0) return [...sources]
  const byAbsolute = new Map(sources.map((file) => [absoluteOf(file, options.cwd), file]))
  if (articlesChanged.some((absolute) => !byAbsolute.has(path.resolve(absolute)) || !existsSync(absolute))) return loadSources(contentDir, options)
  const fresh = new Map<string, VFile>()
  for (const absolute of articlesChanged) {
    const file = await loadFile(path.relative(options.cwd, absolute) || absolute, options)
    file.data.sourcePath = path.relative(contentDir, absolute).split(path.sep).join('/')
    fresh.set(path.resolve(absolute), file)
  }
  return sources.map((file) => fresh.get(absoluteOf(file, options.cwd)) ?? file)
}

/**
 * The parse stage: give every file its parsed entry, from the last build when the file
 * object is the same, else from the cache when its key is known, else by parsing it (in
 * the pool when there is one, at most `pool.concurrency` files in flight).
 */
async function parseAll(
  sources: readonly VFile[],
  parsedByFile: WeakMap<VFile, Parsed>,
  options: BuildOptions & { readonly attribute: boolean; readonly cardsOnly: boolean; readonly texts: Map<string, string> },
): Promise<ParseCounts> {
  const codeId = options.codeId ?? 'dev'
  const keyOptions = { attribute: options.attribute }
  const todo: { file: VFile; key: string }[] = []
  let reused = 0
  const unknown: VFile[] = []
  for (const file of sources) {
    const known = parsedByFile.get(file)
    if (known) {
      // The same VFile as last time: drop what the site stage added after parse's messages
      // (a URL collision), keep what parse said.
      if (file.messages.length !== known.entry.messages.length) {
        file.messages.length = 0
        restoreMessages(file, known.entry.messages)
      }
      reused++
    } else {
      unknown.push(file)
    }
  }
  /**
   * Read a fresh parse's entry text (a worker's answer): with `cardsOnly`, its card only
   * (the story is read again where it is shown in full). A cache hit is read from disk
   * the same way, only its card's line when holding cards (`readCardLine` below).
   */
  const readParse = options.cardsOnly ? readCard : readEntry
  /** Hold a file's parse; with `cardsOnly`, not its source text. */
  const settle = (file: VFile, key: string, entry: ParsedEntry): ParsedEntry => {
    if (options.cardsOnly) letGoOfText(file)
    restoreMessages(file, entry.messages)
    parsedByFile.set(file, { key, entry })
    if (entry.article) {
      articleKeys.set(entry.article, key)
      // Hashed where the entry was written: a rebuild of 4,000 stories spent ~0.15 s here.
      if (entry.card !== undefined) cards.set(entry.article, entry.card)
    }
    return entry
  }
  await pMap(
    unknown,
    async (file) => {
      if (file.data.unreadable) {
        parsedByFile.set(file, { key: '', entry: { article: undefined, messages: storeMessages(file) } })
        return
      }
      const keyOf = (): string => cacheKey(file.data.textHash ?? hashText(String(file.value)), file.data.sourcePath ?? file.path, codeId, keyOptions)
      let key = keyOf()
      const json = await options.cache?.get(key, options.cardsOnly ? { lines: 1 } : {})
      const read = json === undefined ? undefined : options.cardsOnly ? readCardLine(json) : readEntry(json)
      if (read === undefined) {
        // Left unread by load, as unchanged since the last build: it must be parsed after all
        // (an upgrade, or its entry was pruned), so it is read now, and may have changed since.
        if (file.data.unread === true) {
          readUnread(file, options)
          if (file.data.unreadable) {
            parsedByFile.set(file, { key: '', entry: { article: undefined, messages: storeMessages(file) } })
            return
          }
          key = keyOf()
        }
        todo.push({ file, key })
        return
      }
      settle(file, key, read)
      reused++
    },
    { concurrency: filesAtOnce },
  )

  let done = 0
  // Cache writes go on in the background: a lane that waited for the disk before handing
  // its thread the next file left the thread idle for every write.
  const writes: Promise<void>[] = []
  const finish = (file: VFile, key: string, json: string): void => {
    const read = readParse(json)
    // Our own writeEntry text always parses; this only narrows the type.
    if (read === undefined) throw new Error(`Cannot read the parse result of \`${file.path}\``)
    const entry = settle(file, key, read)
    const { cache, texts } = options
    if (cache) {
      // Held here only if the cache cannot take it: the story is read back when it is shown.
      writes.push(
        cache.set(key, json).then((stored) => {
          if (options.cardsOnly && !stored && entry.article) texts.set(key, json)
        }),
      )
    } else if (options.cardsOnly && entry.article) {
      texts.set(key, json)
    }
    options.onProgress?.(++done, todo.length)
  }
  const pool = options.pool
  if (pool === undefined) {
    for (const { file, key } of todo) {
      const scratch = new VFile({ path: file.path, cwd: file.cwd, value: file.value })
      scratch.data.sourcePath = file.data.sourcePath ?? file.path
      const article = (await parser()).parseArticle(scratch, { attribute: options.attribute })
      finish(file, key, writeEntry({ article, messages: storeMessages(scratch) }, article === undefined ? undefined : searchText(article)))
    }
    await Promise.all(writes)
    return { parsed: todo.length, reused }
  }
  const timeoutMs = options.parseTimeoutMs ?? defaultParseTimeoutMs
  // An edit or two after a cached build needs one thread, not one per core.
  if (todo.length > 0) pool.warm(todo.length)
  let next = 0
  const lane = async (): Promise<void> => {
    while (next < todo.length) {
      const item = todo[next++] as { file: VFile; key: string }
      const { file, key } = item
      const outcome = await pool.parse({ path: file.path, cwd: file.cwd, sourcePath: file.data.sourcePath ?? file.path, text: String(file.value), attribute: options.attribute }, timeoutMs)
      if (outcome.ok) {
        finish(file, key, outcome.json)
      } else {
        // Not cached: a later build with a different limit, or a fixed parser, tries again.
        const where = outcome.stage === undefined ? '' : ` (stopped in its ${outcome.stage} stage)`
        report(file, 'parse-timeout', `Unexpected parse time over ${timeoutMs / 1000} s${where} for a file within the input bounds, expected about a second: the machine is overloaded, or this is a parser bug; the file was skipped`, { line: 1, column: 1 })
        parsedByFile.set(file, { key, entry: { article: undefined, messages: storeMessages(file) } })
        options.onProgress?.(++done, todo.length)
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(pool.concurrency, todo.length) }, lane))
  await Promise.all(writes)
  return { parsed: todo.length, reused }
}

/**
 * The render stage with memory: a page whose inputs are the same as last time keeps its
 * HTML. A page is made from the site and its own place in it, and the site is planned
 * from the configuration and what a listing can show of each story (its card: all of it
 * but the body after the first paragraph; `planSite` reads nothing else). So the site's
 * inputs are the code, templates, configuration and every published story's card and
 * URL, and a page's inputs are those, its kind and paths, and for an article page its own
 * story in full (its parse key, a hash of its text). An edit deep in one story re-renders
 * that story's page and keeps every other page; an edit to anything a listing shows (a
 * headline, a date, a quote) re-renders every page, since any page may show it. Tests
 * check that the output equals a full render after edits.
 */
async function renderChanged(
  site: Site,
  pages: readonly Page[],
  templates: TemplateSet,
  previous: PageStore | undefined,
  codeAndTemplates: string,
  linkKept: boolean,
  reuse:
    | {
        readonly siteInputs: string
        /**
         * The same plan's pages as this builder last rendered them, and the pages that may
         * have new inputs: every other page is taken over as it is, without a look.
         */
        readonly held: ReadonlyMap<string, Rendered>
        readonly changedPages: readonly Page[]
      }
    | undefined,
  emit: ((files: readonly OutputFile[]) => Promise<void>) | undefined,
  full: StoryReader | undefined,
  current: (article: Article) => Article,
): Promise<{ files: OutputFile[]; kept: KeptFile[]; emitted: Map<string, PageBytes>; rendered: Map<string, Rendered>; keptCount: number; inputs: () => ReadonlyMap<string, string>; siteInputs: string }> {
  let siteInputs = reuse?.siteInputs
  if (siteInputs === undefined) {
    const hash = createHash('sha1').update(codeAndTemplates).update('\0').update(JSON.stringify(site.config))
    for (const entry of site.articles) hash.update(`\0${cardFingerprint(entry.article, false)}@${entry.url}`)
    siteInputs = hash.digest('hex')
  }
  const siteHash = siteInputs
  const inputsOf = (page: Page): string => {
    const own = page.kind === 'article' ? `\0own:${wholeFingerprint(current(page.entry.article))}` : ''
    return createHash('sha1').update(`${siteHash}\0${page.kind}\0${page.outputPath}\0${page.url}${own}`).digest('hex')
  }

  // A store on disk hands over unchanged pages as files to link (a one-shot rebuild never
  // reads them); a builder that keeps pages in memory needs their bytes.
  const keep = linkKept ? previous?.kept : undefined
  // The same plan rendered last time in memory (`dev`): every page is taken over at once and
  // only the changed stories' pages are looked at (17,600 pages at 10,000 stories).
  const held = reuse?.held
  const next = new Map<string, Rendered>(held ?? [])
  const linked = new Map<string, KeptFile>()
  const inputsByPath = new Map<string, string>()
  const stale: { page: Page; inputs: string }[] = []
  // Pages whose inputs match, to be taken from the store on disk.
  const matching: { page: Page; inputs: string }[] = []
  for (const page of reuse?.changedPages ?? pages) {
    const inputs = inputsOf(page)
    inputsByPath.set(page.outputPath, inputs)
    if (previous?.inputs(page.outputPath) !== inputs) {
      stale.push({ page, inputs })
    } else if (previous.held && !keep) {
      // In memory (`dev`): no need to go through a promise per page.
      const contents = previous.held(page.outputPath)
      if (contents === undefined) stale.push({ page, inputs })
      else next.set(page.outputPath, { inputs, contents })
    } else {
      matching.push({ page, inputs })
    }
  }
  await pMap(
    matching,
    async ({ page, inputs }) => {
      if (previous === undefined) return
      if (keep) {
        const file = await keep(page.outputPath)
        if (file === undefined) stale.push({ page, inputs })
        else linked.set(page.outputPath, file)
        return
      }
      const contents = await previous.contents(page.outputPath)
      if (contents === undefined) stale.push({ page, inputs })
      else next.set(page.outputPath, { inputs, contents })
    },
    { concurrency: filesAtOnce },
  )
  const keptCount = pages.length - stale.length
  // Rendered a batch at a time when the pages are written as they come (`emit`): the
  // build then never holds the whole site's HTML.
  const render = pageRenderer(templates)
  const emitted = new Map<string, PageBytes>()
  // A batch at a time too when stories are read in full per page, so only a batch is held.
  const batchSize = emit || full ? emitBatchSize : Math.max(1, stale.length)
  for (let index = 0; index < stale.length; index += batchSize) {
    const batch = stale.slice(index, index + batchSize)
    const fresh = render(site, full ? await pMap(batch, (item) => inFull(item.page, full), { concurrency: filesAtOnce }) : batch.map((item) => item.page))
    if (emit) {
      for (const file of fresh) emitted.set(file.path, pageBytes(file.contents))
      await emit(fresh)
    } else {
      fresh.forEach((file, at) => next.set(file.path, { inputs: batch[at]?.inputs ?? '', contents: file.contents }))
    }
  }
  const files: OutputFile[] = []
  const kept: KeptFile[] = []
  for (const page of pages) {
    const held = next.get(page.outputPath)
    if (held) files.push({ path: page.outputPath, contents: held.contents })
    const link = linked.get(page.outputPath)
    if (link) kept.push(link)
  }
  // The assets follow the pages, as in a full render.
  files.push(...templates.assets)
  // Every page's inputs: those worked out here, or with the held pages, all of them in `next`.
  const inputs = (): ReadonlyMap<string, string> => (held ? new Map([...next].map(([outputPath, page]) => [outputPath, page.inputs])) : inputsByPath)
  return { files, kept, emitted, rendered: next, keptCount, inputs, siteInputs }
}

/**
 * What a feed set's files are made from: its own fields, each listed story in full (its
 * parse key) with its URL, the configuration and the code. Templates play no part.
 */
function feedFingerprint(set: FeedSet, codeAndConfig: string, current: (article: Article) => Article): string {
  const hash = createHash('sha1').update(codeAndConfig).update(JSON.stringify({ routes: set.routes, title: set.title, description: set.description, homeUrl: set.homeUrl }))
  for (const entry of listedEntries(set)) hash.update(`\0${wholeFingerprint(current(entry.article))}@${entry.url}`)
  return hash.digest('hex')
}

/** Pages rendered between two writes when pages are emitted. */
const emitBatchSize = 256

/** The search index's view of the planned pages: a fingerprint per story, records on demand. */
function searchInput(pages: readonly Page[], site: SearchSite, full: StoryReader | undefined, current: (article: Article) => Article, textOf?: SearchTextReader): SearchInput {
  // Made when first read: `dateline dev` builds no search index and never reads them.
  let fingerprints: Map<string, string> | undefined
  const fingerprintsOf = (): Map<string, string> => {
    if (fingerprints === undefined) {
      fingerprints = new Map()
      for (const page of pages) {
        if (page.kind !== 'article') continue
        const url = searchUrl(page)
        // What the record shows besides the story: the section's name and the zone its date is shown in.
        fingerprints.set(url, createHash('sha1').update(`${wholeFingerprint(current(page.entry.article))}\0${url}\0${site.language}\0${site.timeZone}\0${searchSection(page.entry.article, site)}`).digest('hex'))
      }
    }
    return fingerprints
  }
  async function* records(urls: ReadonlySet<string>): AsyncGenerator<readonly SearchRecord[]> {
    const wanted = pages.filter((page) => page.kind === 'article' && urls.has(searchUrl(page)))
    for (let index = 0; index < wanted.length; index += emitBatchSize) {
      const batch = wanted.slice(index, index + emitBatchSize)
      if (full === undefined) {
        yield searchRecords(batch, site)
        continue
      }
      // Holding cards, a story's record is made from the search text its cache entry keeps,
      // without reading the story: the pages read each story too, and the index, well behind
      // them, read most stories a second time (18,694 reads for 10,000 stories).
      yield await pMap(
        batch,
        async (page) => {
          if (page.kind !== 'article') throw new Error('Unexpected page kind in the search records')
          const text = await textOf?.(page.entry.article)
          return text === undefined ? searchRecord(page, searchText(await full(page.entry.article)), site) : searchRecord(page, text, site)
        },
        { concurrency: filesAtOnce },
      )
    }
  }
  return {
    get fingerprints() {
      return fingerprintsOf()
    },
    records,
  }
}

/** Reads a story in full from its card (see `BuildOptions.cardsOnly`). */
type StoryReader = (card: Article) => Promise<Article>

/** Reads a story's search text from its card: `undefined` when it must be made from the story. */
type SearchTextReader = (card: Article) => Promise<string | undefined>

/** The search text a story's parse left in its kept JSON text or its cache entry (first two lines only). */
function searchTextReader(texts: ReadonlyMap<string, string>, cache: ArticleCache | undefined): SearchTextReader {
  return async (card) => {
    const key = articleKeys.get(card)
    if (key === undefined) return undefined
    const json = texts.get(key) ?? (await cache?.get(key, { lines: 2 }))
    return json === undefined ? undefined : readSearchText(json)
  }
}

/** Stories read in full and kept for the next reader: the search records and the pages ask for the same stories at about the same time. */
const recentStories = 512

/**
 * Read stories in full again for a build that holds cards: from the JSON text the build
 * kept, else from the parse cache, else (an entry removed from the cache during the build)
 * by parsing the source again, which gives the same story.
 */
function storyReader(published: ReadonlyMap<string, { readonly file: VFile }>, texts: ReadonlyMap<string, string>, options: BuildOptions & { readonly attribute: boolean }): StoryReader {
  const recent = new Map<string, Promise<Article>>()
  const read = async (key: string, card: Article): Promise<Article> => {
    const json = texts.get(key) ?? (await options.cache?.get(key))
    let article = json === undefined ? undefined : readEntry(json)?.article
    if (article?.sourcePath !== card.sourcePath) {
      // The source text was let go after parsing: read the file again, and parse it only if
      // it is still the text that was planned (its parse key is the same).
      const file = published.get(card.sourcePath)?.file
      const text = file === undefined ? undefined : await readSourceText(absoluteOf(file, file.cwd))
      const isSame = text !== undefined && cacheKey(hashText(text), card.sourcePath, options.codeId ?? 'dev', { attribute: options.attribute }) === key
      if (file === undefined || text === undefined || !isSame) throw new Error(`Cannot read \`${card.sourcePath}\` again to render it: its parse cache entry is gone and ${text === undefined ? 'the file cannot be read' : 'the file changed during the build'}`)
      const scratch = new VFile({ path: file.path, cwd: file.cwd, value: text })
      scratch.data.sourcePath = card.sourcePath
      article = (await parser()).parseArticle(scratch, { attribute: options.attribute })
    }
    if (article === undefined) throw new Error(`Cannot read \`${card.sourcePath}\` again to render it`)
    articleKeys.set(article, key)
    return article
  }
  return (card) => {
    const key = articleKeys.get(card) ?? ''
    let story = recent.get(key)
    if (story === undefined) {
      story = read(key, card)
      recent.set(key, story)
      if (recent.size > recentStories) recent.delete(recent.keys().next().value ?? '')
    }
    return story
  }
}

/** `page` with its story in full, when it is an article page. */
async function inFull(page: Page, full: StoryReader): Promise<Page> {
  return page.kind === 'article' ? { ...page, entry: { ...page.entry, article: await full(page.entry.article) } } : page
}

/** Drop a parsed file's source text (cards-only builds): messages keep their places without it. */
function letGoOfText(file: VFile): void {
  file.value = ''
}

/** One edited article: its last parse, and the new one with the same card. */
interface ArticleSwap {
  readonly previous: Article
  readonly next: Article
}

/**
 * The swaps that turn the last build's articles into this build's, when each edited
 * article kept its card (all but the body after its first paragraph) and nothing was
 * added, removed or reordered; `undefined` when the site must be planned again.
 */
function cardsKept(previous: readonly Article[], next: readonly Article[]): ArticleSwap[] | undefined {
  if (previous.length !== next.length) return undefined
  const swaps: ArticleSwap[] = []
  for (let index = 0; index < next.length; index++) {
    const before = previous[index] as Article
    const after = next[index] as Article
    if (before === after) continue
    if (before.sourcePath !== after.sourcePath || cardFingerprint(before, false) !== cardFingerprint(after, false)) return undefined
    swaps.push({ previous: before, next: after })
  }
  return swaps
}

/** A fingerprint of the whole article: its parse key, or a hash of it when it has none. */
function wholeFingerprint(article: Article): string {
  return articleKeys.get(article) ?? cardFingerprint(article, true)
}

/** Each article's parse key (a hash of its source text and the parsing code). */
const articleKeys = new WeakMap<Article, string>()
const cards = new WeakMap<Article, string>()

/**
 * A hash of the article as other pages may show it: everything but the body after its
 * first paragraph (or, with `whole`, everything).
 */
function cardFingerprint(article: Article, whole: boolean): string {
  if (whole) return createHash('sha1').update(JSON.stringify(article)).digest('hex')
  let fingerprint = cards.get(article)
  if (fingerprint === undefined) {
    // The card as `cardEntry` makes it, so a story and its card give the same fingerprint:
    // a rebuild holding cards keeps the pages of a build that held whole stories.
    fingerprint = cardHash(JSON.stringify(cardEntry({ article, messages: [] }).article))
    cards.set(article, fingerprint)
  }
  return fingerprint
}

/** A hash of the templates and assets: any change to them re-renders every page. */
function templatesFingerprint(templates: TemplateSet): string {
  const hash = createHash('sha1').update(JSON.stringify(templates.templates))
  for (const asset of templates.assets) hash.update(`\0${asset.path}\0`).update(asset.contents)
  return hash.digest('hex')
}
