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
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import type { VFile } from 'vfile'
import type { Article, ArticleCard } from './model/article.js'
import type { RenderedBody, SiteConfig, TemplateSet } from './model/site.js'
import { type FoundImage, findImageFiles, loadPeopleFile, loadSources, loadTemplates } from './content/load.js'
import { restoreMessages } from './cache/article-cache.js'
import { planSite, type SitePlan } from './site/plan.js'
import { readPeopleFile } from './site/people-file.js'
import { reportHeldBack } from './site/held-back.js'
import { publishThreshold } from './quotes/policy.js'
import { outputFiles, renderSiteOutputs, type SiteOutputs } from './render/site-outputs.js'
import { cardsKept, feedFingerprint, templatesFingerprint } from './build/fingerprints.js'
import { copyImages } from './build/images.js'
import { parseAll, type Parsed } from './build/parse-all.js'
import { reportPlanProblems } from './build/plan-problems.js'
import { memoryStore, renderChanged, type Rendered } from './build/render-changed.js'
import { searchInput } from './search/input.js'
import { reloadChanged } from './build/sources.js'
import { bodyReader, searchTextReader, type Stories, type StoryReader, storyReader } from './build/stories.js'
import type { BuildOptions, BuildResult, Changes, SearchInput, SiteBuilder, Stage } from './build/types.js'

export type { BuildOptions, BuildResult, Changes, LeftOut, ParseCounts, SearchInput, SiteBuilder, Stage } from './build/types.js'

/** Build the site from `options.contentDir` in memory. Content problems (an unreadable folder inside it too) are messages on `sources`; this throws only for faults outside the content (an unreadable content folder, broken templates). */
export async function build(options: BuildOptions): Promise<BuildResult> {
  return createSiteBuilder(options, { keepPages: false }).build()
}

/** What the last build planned, for `dateline dev`: reused when edits change no card. */
interface LastPlan {
  readonly plan: SitePlan
  readonly articles: readonly ArticleCard[]
  /** A card the plan was made from → its newest parse, when an edit kept its card. */
  readonly newest: ReadonlyMap<ArticleCard, ArticleCard>
  readonly siteInputs: string
}

/** What a builder keeps from one build for the next. */
interface Memory {
  config: SiteConfig
  sources: VFile[] | undefined
  /** A fingerprint of the people file the last build planned with: pages show its names. */
  lastPeople: string | undefined
  /** The image files of the content folder, found again when anything but an article changes. */
  imageFiles: ReadonlyMap<string, FoundImage> | undefined
  /** With `keepPages` (`dev`), each copied image's bytes, read again only when its file changes. */
  readonly imageBytes: Map<string, Uint8Array>
  templates: TemplateSet | undefined
  readonly parsedByFile: WeakMap<VFile, Parsed>
  /**
   * The held-back attributions each file was last given (`reportHeldBack`), for which story
   * and threshold: a rebuild in `dev` reports them again only for files whose story,
   * threshold or messages changed (at 10,000 stories, making all ~61,000 again was most of
   * an edit's rebuild).
   */
  readonly heldBack: WeakMap<VFile, { readonly article: ArticleCard; readonly threshold: number; readonly count: number }>
  rendered: Map<string, Rendered>
  lastOutputs: SiteOutputs | undefined
  last: LastPlan | undefined
}

/** How one builder builds, the same for each of its builds. */
interface Setup {
  readonly options: BuildOptions
  readonly keepPages: boolean
  readonly attribute: boolean
  readonly wantsCards: boolean
  readonly loadOptions: { readonly cwd: string; readonly skip: readonly string[] | undefined; readonly maxFileSize?: number }
}

/** A published story with its file. */
interface Published {
  /** Its card: all the site stage reads (the story itself, when the build holds it whole). */
  readonly article: ArticleCard
  readonly file: VFile
}

/**
 * A builder that remembers its last build.
 *
 * @param keepPages Keep every page's HTML to reuse in the next build (what `dateline dev`
 *   wants); a one-shot build leaves it off and keeps no HTML beyond its result.
 */
export function createSiteBuilder(options: BuildOptions, { keepPages }: { readonly keepPages: boolean }): SiteBuilder {
  const memory: Memory = {
    config: options.config,
    sources: undefined,
    lastPeople: undefined,
    imageFiles: undefined,
    imageBytes: new Map(),
    templates: undefined,
    parsedByFile: new WeakMap(),
    heldBack: new WeakMap(),
    rendered: new Map(),
    lastOutputs: undefined,
    last: undefined,
  }
  const setup: Setup = {
    options,
    keepPages,
    attribute: options.attribute ?? true,
    wantsCards: options.cardsOnly === true && !keepPages,
    loadOptions: { cwd: options.cwd, skip: options.skipFolders, ...(options.maxFileSize === undefined ? {} : { maxFileSize: options.maxFileSize }) },
  }
  return { build: (changes = {}) => buildOnce(setup, memory, changes) }
}

/** One build: load → parse → site → render, each stage timed. */
async function buildOnce(setup: Setup, memory: Memory, changes: Changes): Promise<BuildResult> {
  const { options, attribute } = setup
  const timings: Record<Stage, number> = { load: 0, parse: 0, site: 0, render: 0 }
  let mark = performance.now()
  const lap = (stage: Stage): void => {
    const now = performance.now()
    timings[stage] += now - mark
    mark = now
  }
  if (changes.config) memory.config = changes.config
  const { config } = memory

  const { sources, templates, imagesChanged, people, peopleFile, peopleFingerprint } = await loadStage(setup, memory, changes)
  lap('load')

  options.onLoaded?.(sources.length)
  // The people file is part of what every page is made with: it names the speaker pages.
  const codeAndTemplates = `${options.codeId ?? 'dev'}\0${templatesFingerprint(templates)}\0${peopleFingerprint}`
  const pagesMadeBy = createHash('sha1').update(`${codeAndTemplates}\0${JSON.stringify(config)}`).digest('hex')
  // A rebuild over pages made with the same code, templates and configuration will keep
  // most of them, so it holds cards whatever the site's size: it shows few stories in
  // full, and reading only each cache entry's card line is most of its parse stage.
  const isRebuild = options.previousPages?.madeBy === pagesMadeBy
  const cardsOnly = setup.wantsCards && (isRebuild || sources.length >= (options.cardsOnlyFrom ?? 0))
  // With `cardsOnly`, the JSON text of stories the cache could not take, by parse key.
  const texts = new Map<string, string>()
  // The attributions the site will show without their speaker, listed for an editor, and
  // the threshold each story's body is prerendered for.
  const threshold = publishThreshold(config)
  // Prerendered bodies are ~8 KB of HTML a story: a large site reads each back for its page.
  const holdBodies = !cardsOnly || sources.length < (options.holdBodiesBelow ?? 5_000)
  const counts = await parseAll(sources, memory.parsedByFile, { ...options, attribute, cardsOnly, texts, threshold, holdBodies, notesKept: (file) => memory.heldBack.get(file)?.count ?? 0 })
  await options.onParsed?.()
  const { parsed, drafts, bodies, whole } = publishedOf(sources, memory.parsedByFile, options.includeDrafts === true)
  reportHeldBackOnce(parsed, memory, threshold)
  lap('parse')

  const planned = siteStage(setup, memory, { parsed, imagesChanged, people, cardsOnly, texts, bodies, whole, threshold, holdBodies })
  const { plan, current, parsedByPath } = planned
  lap('site')

  const { result, outputs, files } = await renderStage(setup, memory, planned, templates, codeAndTemplates)
  lap('render')

  return {
    files,
    kept: [...result.kept, ...outputs.kept],
    emitted: result.emitted,
    search: planned.search,
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
    counts: { ...counts, rendered: plan.pages.length - result.keptCount, kept: result.keptCount, planReused: planned.reusedPlan },
    pagesMadeBy,
  }
}

/**
 * The load stage: the content files (only the changed ones again), the templates when they
 * changed, the image files when anything but an article changed, and the people file. New
 * templates, configuration or people make every page be rendered again.
 */
async function loadStage(setup: Setup, memory: Memory, changes: Changes) {
  const { options, loadOptions } = setup
  const { imageBytes, sources, templates } = memory
  // An added or removed folder is an event on the folder itself, so anything that is not
  // an article (an image, a folder) makes the images be looked for again.
  const imagesChanged = memory.imageFiles === undefined || (changes.content ?? []).some((changed) => !/\.(?:md|txt)$/i.test(changed))
  for (const changed of changes.content ?? []) {
    // The file itself, or everything under a folder that changed.
    const relative = path.relative(options.contentDir, changed).split(path.sep).join('/').normalize('NFC')
    for (const held of imageBytes.keys()) if (held === relative || held.startsWith(`${relative}/`)) imageBytes.delete(held)
  }
  const [loaded, loadedTemplates, foundImages, peopleFile] = await Promise.all([
    sources === undefined ? loadSources(options.contentDir, { ...loadOptions, known: options.knownSources }) : reloadChanged(sources, changes.content ?? [], options.contentDir, loadOptions),
    templates === undefined || changes.templates === true ? loadTemplates(options.templatesDir) : templates,
    imagesChanged ? findImageFiles(options.contentDir, loadOptions.skip) : memory.imageFiles,
    // Read at every build: one small file, and a watcher's event for it then needs nothing else.
    loadPeopleFile(options.contentDir, loadOptions),
  ])
  memory.imageFiles = foundImages
  const people = peopleFile === undefined ? undefined : readPeopleFile(peopleFile)
  const peopleFingerprint = people === undefined ? '' : createHash('sha1').update(JSON.stringify(people)).digest('hex')
  if (loadedTemplates !== templates || changes.config || (memory.lastPeople !== undefined && memory.lastPeople !== peopleFingerprint)) {
    memory.rendered = new Map()
    memory.last = undefined
  }
  memory.lastPeople = peopleFingerprint
  memory.sources = loaded
  memory.templates = loadedTemplates
  return { sources: loaded, templates: loadedTemplates, imagesChanged, people, peopleFile, peopleFingerprint }
}

/**
 * Reports each story's held-back attributions, unless its file still has them from the last
 * build for the same story and threshold; a file that has others is first given back its
 * parse's messages alone.
 */
function reportHeldBackOnce(parsed: readonly Published[], memory: Memory, threshold: number): void {
  for (const { article, file } of parsed) {
    const last = memory.heldBack.get(file)
    const parse = memory.parsedByFile.get(file)?.entry.messages ?? []
    if (last?.article === article && last.threshold === threshold && file.messages.length === parse.length + last.count) continue
    if (file.messages.length !== parse.length) {
      file.messages.length = 0
      restoreMessages(file, parse)
    }
    memory.heldBack.set(file, { article, threshold, count: reportHeldBack(file, article, threshold) })
  }
}

/**
 * The parsed articles to publish, with their files, the bodies their parses prerendered and
 * the stories held whole (by their cards, which they are), and the drafts left out (unless
 * drafts are published).
 */
function publishedOf(
  sources: readonly VFile[],
  parsedByFile: WeakMap<VFile, Parsed>,
  includeDrafts: boolean,
): { parsed: Published[]; drafts: string[]; bodies: Map<ArticleCard, RenderedBody>; whole: Map<ArticleCard, Article> } {
  const parsed: Published[] = []
  const drafts: string[] = []
  const bodies = new Map<ArticleCard, RenderedBody>()
  const whole = new Map<ArticleCard, Article>()
  for (const file of sources) {
    const held = parsedByFile.get(file)
    const article = held?.entry.article
    if (!held || !article) continue
    if (includeDrafts || !article.draft) parsed.push({ article, file })
    else drafts.push(file.path)
    if (held.entry.body !== undefined) bodies.set(article, held.entry.body)
    if (held.isCard === undefined && held.entry.article) whole.set(article, held.entry.article)
  }
  return { parsed, drafts, bodies, whole }
}

/** What the site stage hands to render: the plan, and how to read each story as it is now. */
interface Planned {
  readonly plan: SitePlan
  readonly articles: readonly ArticleCard[]
  readonly reusedPlan: boolean
  readonly newest: ReadonlyMap<ArticleCard, ArticleCard>
  /** The articles of a reused plan whose stories were edited. */
  readonly changed: ReadonlySet<ArticleCard>
  readonly current: (card: ArticleCard) => ArticleCard
  readonly parsedByPath: ReadonlyMap<string, Published>
  readonly full: StoryReader
  readonly search: SearchInput
  /** How render reads each story: in full, as it is now, and its prerendered body. */
  readonly stories: Stories
}

/**
 * The site stage: the site planned (or the last plan kept, when every edit kept its card),
 * its problems reported on their files, and what the search index needs.
 */
function siteStage(
  setup: Setup,
  memory: Memory,
  input: {
    readonly parsed: readonly Published[]
    readonly imagesChanged: boolean
    readonly people: ReturnType<typeof readPeopleFile> | undefined
    readonly cardsOnly: boolean
    readonly texts: ReadonlyMap<string, string>
    readonly bodies: ReadonlyMap<ArticleCard, RenderedBody>
    /** The stories held whole, by their cards (none in a build that holds cards). */
    readonly whole: ReadonlyMap<ArticleCard, Article>
    /** Whether the parse stage kept the prerendered bodies (else each is read back for its page). */
    readonly holdBodies: boolean
    readonly threshold: number
  },
): Planned {
  const { options, keepPages, attribute } = setup
  const { config, last, imageFiles } = memory
  const { parsed, cardsOnly, texts } = input
  const articles = parsed.map((entry) => entry.article)
  const swaps = keepPages && last ? cardsKept(last.articles, articles) : undefined
  // When every edit kept its card, the last plan is still right for every page but the
  // edited stories' own (and the feeds that carry their bodies): it is kept as it is, and
  // those read each story through `newest`. No planning, and no walk over the plan.
  // A plan says which images are there: one whose images changed is made again.
  const reusedPlan = last !== undefined && swaps !== undefined && memory.rendered.size > 0 && !input.imagesChanged
  const plan = reusedPlan && last ? last.plan : planSite(articles, config, { now: options.now, imageFiles, people: input.people })
  const newest = new Map(reusedPlan && last ? last.newest : [])
  const changed = new Set<ArticleCard>()
  if (reusedPlan && swaps) {
    const planned = new Map([...newest].map(([inPlan, parse]) => [parse, inPlan]))
    for (const swap of swaps) {
      const inPlan = planned.get(swap.previous) ?? swap.previous
      newest.set(inPlan, swap.next)
      changed.add(inPlan)
    }
  }
  const current = (card: ArticleCard): ArticleCard => newest.get(card) ?? card
  const { bodies, whole, threshold } = input
  // Stories held as cards are read in full again (this build's with `cardsOnly`; a builder's
  // earlier build may have held cards too).
  const heldCards = cardsOnly || parsed.some((entry) => !whole.has(entry.article))
  const parsedByPath =
    plan.collisions.length > 0 || plan.images.problems.length > 0 || plan.images.copies.length > 0 || heldCards || plan.scheduled.length > 0
      ? new Map(parsed.map((entry) => [entry.article.sourcePath, entry]))
      : new Map<string, Published>()
  reportPlanProblems(plan, parsedByPath)
  const reader = heldCards ? storyReader(parsedByPath, texts, { ...options, attribute }) : undefined
  const full: StoryReader = async (card) => {
    const story = current(card)
    const held = whole.get(story)
    if (held !== undefined) return held
    if (reader === undefined) throw new Error(`Cannot read \`${story.sourcePath}\` in full: the build holds neither its story nor its card`)
    return reader(story)
  }
  const search = searchInput(plan.pages, { language: config.language, timeZone: config.timeZone, sections: plan.site.sections }, full, current, cardsOnly ? searchTextReader(texts, options.cache) : undefined)
  options.onPlanned?.(search)
  // A large site's bodies were let go after parsing (`holdBodies`): each is read back for its page.
  const readBody = input.holdBodies ? undefined : bodyReader(texts, options.cache)
  const body = async (article: ArticleCard): Promise<RenderedBody | undefined> => {
    const prerendered = bodies.get(article) ?? (await readBody?.(article))
    return prerendered?.threshold === threshold ? prerendered : undefined
  }
  return { plan, articles, reusedPlan, newest, changed, current, parsedByPath, full, search, stories: { full, current, body } }
}

/** The render stage: the pages whose inputs changed, the feeds and sitemaps, the images. */
async function renderStage(setup: Setup, memory: Memory, planned: Planned, templates: TemplateSet, codeAndTemplates: string) {
  const { options, keepPages } = setup
  const { plan, reusedPlan, changed, current, full, parsedByPath } = planned
  const { last, config } = memory
  const previous = memory.rendered.size > 0 ? memoryStore(memory.rendered) : options.previousPages
  // With the plan reused, only the edited stories' own pages can have new inputs: every
  // other page shows them through their cards, which did not change.
  const reuse =
    reusedPlan && last
      ? { siteInputs: last.siteInputs, held: memory.rendered, changedPages: plan.pages.filter((page) => page.kind === 'article' && changed.has(page.entry.article)) }
      : undefined
  const result = await renderChanged(plan.site, plan.pages, templates, previous, codeAndTemplates, !keepPages, reuse, options.emit, planned.stories)
  memory.rendered = keepPages ? result.rendered : new Map()
  memory.last = keepPages ? { plan, articles: planned.articles, newest: planned.newest, siteInputs: result.siteInputs } : undefined
  const codeAndConfig = `${options.codeId ?? 'dev'}\0${JSON.stringify(config)}`
  const outputs = await renderSiteOutputs(plan.site, plan.pages, {
    now: options.now,
    reuse: reusedPlan && memory.lastOutputs ? { last: memory.lastOutputs, changed } : undefined,
    fingerprint: (set) => feedFingerprint(set, codeAndConfig, current),
    previous: !keepPages && previous?.kept ? { inputs: previous.inputs, kept: previous.kept } : undefined,
    full,
  })
  memory.lastOutputs = keepPages ? outputs : undefined
  const images = await copyImages(plan.images.copies, memory.imageFiles ?? new Map(), { held: keepPages ? memory.imageBytes : undefined, emit: options.emit, fileOf: (sourcePath) => parsedByPath.get(sourcePath)?.file })
  for (const [outputPath, size] of images.emitted) result.emitted.set(outputPath, size)
  const files = [...result.files, ...outputFiles(outputs), ...images.files]
  return { result, outputs, files }
}
