/**
 * `dateline build`: the site is built into a staging folder, with the search index beside
 * it, and swapped in for the output folder only once complete.
 */
import { homedir } from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import type { BuildResult, SearchInput } from '../build.js'
import type { OutputFile } from '../model/site.js'
import type { SearchIndexing, SearchIndexOptions } from '../search/index.js'
import type { Staging } from '../write/write-site.js'
import type { BuildSupport } from './build-support.js'
import { cacheDirOf, type CommandContext, type Io, leanHeap, packageRoot, readVersion, reportSources, siteInputs } from './context.js'
import { formatLeftOut, plural } from './format-messages.js'

/** How often a build looks for parse cache entries to delete: they live a week, so once a day is enough. */
const pruneIntervalMs = 24 * 60 * 60 * 1000

/** The search index's part in a build: started once the site is planned, written just before the swap. */
interface SearchStep {
  /** `BuildOptions.onPlanned`: none with `--no-search`. */
  readonly onPlanned: ((search: SearchInput) => void) | undefined
  /** Writes the index into the staging folder and prints Pagefind's problems. */
  readonly beforeSwap: (stagingDir: string) => Promise<void>
  /** Why the index failed, once it has. */
  readonly failure: () => Error | undefined
  /** Stop Pagefind if it is still running (a build that failed before its write). */
  readonly cancel: () => Promise<void>
}

/**
 * Pagefind starts as soon as the site is planned and takes the stories while the pages are
 * rendered and written; its files go into the staging folder, so the index is swapped in
 * with the pages (indexing after the swap left a half-indexed dist/ when the build was
 * killed).
 *
 * @param options Where the index is kept between builds, and how it is made; none with `--no-search`.
 */
function searchStep(start: (options: SearchIndexOptions) => SearchIndexing, options: Omit<SearchIndexOptions, 'search'> | undefined, io: Io): SearchStep {
  let indexing: SearchIndexing | undefined
  return {
    onPlanned:
      options === undefined
        ? undefined
        : (search) => {
            indexing = start({ search, ...options })
          },
    async beforeSwap(stagingDir) {
      const search = indexing
      if (search === undefined) return
      // writeInto stops Pagefind itself, whatever happens.
      indexing = undefined
      const indexed = await search.writeInto(stagingDir)
      for (const problem of indexed.problems) io.err(`Search index: ${problem}`)
    },
    failure: () => indexing?.failure(),
    async cancel() {
      await indexing?.cancel()
    },
  }
}

/** `dateline build`. */
export async function runBuild(context: CommandContext): Promise<void> {
  const { cwd, contentDir, values, io } = context
  // Printed last, by the line that says where the site went: a missing base URL is easy to miss above the messages.
  const configWarnings: string[] = []
  const inputs = await siteInputs(context, configWarnings)
  if (inputs === undefined) return
  const { config, templatesDir } = inputs
  const outDir = path.resolve(cwd, values.out ?? 'dist')
  const started = performance.now()
  const [{ build }, { openStaging }, { openBuildSupport }, { createProgress }] = await Promise.all([import('../build.js'), import('../write/write-site.js'), import('./build-support.js'), import('./progress.js')])
  const cacheDir = cacheDirOf(context)
  const support = await openBuildSupport({ packageRoot, version: readVersion(), contentDir, cacheDir, noCache: values['no-cache'] === true })
  // One parse thread starts now, beside loading and the cache lookups, so an edited
  // file does not wait for it (about 0.3 s of a 1,000-story rebuild's 0.5 s parse stage).
  // When nothing needs parsing it costs the other core that start-up, not the build's time.
  support.pool.warm(1)
  const progress = createProgress(process.stderr, { label: 'parsing' })
  const { startSearchIndex, SearchIndexFailure } = await import('../search/index.js')
  // Each shard is indexed from a worker thread with its own Pagefind process, two at once.
  const shardWorker = path.join(packageRoot, 'lib', 'cli', 'search-shard.js')
  const search = searchStep(startSearchIndex, values['no-search'] === true ? undefined : { stateDir: support.searchStateOf(outDir), codeId: support.codeId, shardWorker }, io)
  // Pages go into the staging folder as they are rendered, so the build never holds the
  // whole site's HTML; the folder replaces the output folder only once it is complete.
  const staging = await openStaging(outDir, { protectedPaths: [cwd, contentDir, templatesDir, homedir(), ...(cacheDir === undefined ? [] : [cacheDir])], beforeSwap: search.beforeSwap })
  let emitMs = 0
  const emit = async (files: readonly OutputFile[]): Promise<void> => {
    // A search index that failed (its Pagefind died) fails the build: stop rendering now.
    const failed = search.failure()
    if (failed !== undefined) throw failed
    const emitStart = performance.now()
    await staging.write(files)
    emitMs += performance.now() - emitStart
  }
  try {
    let result
    try {
      result = await build({ contentDir, templatesDir, cwd, config, includeDrafts: values.drafts === true, attribute: context.attribute, ...support, skipFolders: [outDir, ...(cacheDir === undefined ? [] : [cacheDir])], previousPages: await support.pagesOf(outDir), onPlanned: search.onPlanned, onParsed: () => support.pool.close(), emit, onProgress: progress.update, now: new Date().toISOString(), cardsOnly: true, onLoaded: leanHeap })
    } finally {
      progress.end()
      await support.pool.close()
    }
    await finishBuild(context, { result, staging, support, outDir, started, emitMs, configWarnings })
  } catch (error) {
    await staging.abort()
    if (!(error instanceof SearchIndexFailure)) throw error
    // A fault of the machine, not of the content: one line, the old output untouched.
    io.err(`${error.message}. Nothing was written: ${path.relative(cwd, outDir) || '.'}/ is as it was. Build again, or with --no-search to skip the index.`)
    process.exitCode = 2
  } finally {
    // A build that failed before its write must not leave Pagefind running.
    await search.cancel()
  }
}

/** A built site on its way out: what `finishBuild` writes, records and reports. */
interface Built {
  readonly result: BuildResult
  readonly staging: Staging
  readonly support: BuildSupport
  readonly outDir: string
  /** When the build started (`performance.now()`). */
  readonly started: number
  /** Time spent writing pages while rendering. */
  readonly emitMs: number
  readonly configWarnings: readonly string[]
}

/** Write the rest of the site, swap it in, record it for the next build, and report. */
async function finishBuild(context: CommandContext, built: Built): Promise<void> {
  const { cwd, values, io } = context
  const { result, staging, support, outDir, started } = built
  // Loaded already, by the build.
  const [{ commitOrAbort }, { formatTimings }, { pageRecord }] = await Promise.all([import('../write/write-site.js'), import('./build-support.js'), import('../cache/page-cache.js')])
  const exitCode = reportSources(result.sources, io)
  const writeStart = performance.now()
  await staging.write(result.files)
  await staging.keep(result.kept)
  await support.forget(outDir)
  // The marker names the pages written, so the cache's record of them is only trusted
  // while the folder holds them (a build with --no-cache replaces it and not the record).
  const record = pageRecord(result.files, result.pageInputs, result.kept, result.emitted)
  await commitOrAbort(staging, record.id)
  await support.remember(outDir, record, result.pagesMadeBy)
  support.rememberSources(result.sources)
  // New entries were written: drop the ones nothing has used for a week.
  if (result.counts.parsed > 0) await support.cache?.prune(undefined, pruneIntervalMs)
  // The write row counts the pages written while rendering too, and render does not.
  const writeMs = built.emitMs + (performance.now() - writeStart)
  if (values.timings) io.err(formatTimings({ ...result, timings: { ...result.timings, render: result.timings.render - built.emitMs } }, writeMs, performance.now() - started))
  const leftOut = formatLeftOut(result.leftOut)
  if (leftOut !== '') io.err(leftOut)
  for (const warning of built.configWarnings) io.err(warning)
  io.err(`Built ${plural(result.articles.length, 'article')} into ${path.relative(cwd, outDir) || '.'}/ (${result.files.length + result.emitted.size + result.kept.length} files) in ${Math.round(performance.now() - started)} ms`)
  process.exitCode = exitCode
}
