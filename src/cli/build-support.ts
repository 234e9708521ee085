/**
 * What `build` and `dev` add around `build()` for speed: the parse cache, the worker
 * pool and the stage table of `--timings`.
 */
import path from 'node:path'
import { openArticleCache, defaultCacheDir, type ArticleCache } from '../cache/article-cache.js'
import { codeIdentity } from '../cache/code-id.js'
import { forgetPageStore, openPageStore, type PageRecord, type PageStore, savePageStore } from '../cache/page-cache.js'
import { openSourceIndex, saveSourceIndex, type SourceIndex, type SourceRecord } from '../cache/source-index.js'
import { createParsePool, type ParsePool } from '../pool/parse-pool.js'
import { searchStateDir } from '../search/index.js'
import type { BuildResult } from '../build.js'
import type { VFile } from 'vfile'

export interface BuildSupport {
  readonly cache: ArticleCache | undefined
  readonly codeId: string
  readonly pool: ParsePool
  /** The pages last written to `outDir`, to reuse what has not changed (none with `--no-cache`). */
  readonly pagesOf: (outDir: string) => Promise<PageStore | undefined>
  /** Drop the record of `outDir`'s pages; call before replacing it. */
  readonly forget: (outDir: string) => Promise<void>
  /** Record the pages just written to `outDir` for the next build. */
  readonly remember: (outDir: string, record: PageRecord, madeBy: BuildResult['pagesMadeBy']) => Promise<void>
  /** Where the search index of `outDir` is kept between builds (none with `--no-cache`). */
  readonly searchStateOf: (outDir: string) => string | undefined
  /** The content files unchanged since the last build, which need not be read (none with `--no-cache`). */
  readonly knownSources: SourceIndex | undefined
  /** Record the stamps and text hashes of the files a build loaded, for the next one. */
  readonly rememberSources: (sources: readonly VFile[]) => void
}

export interface BuildSupportOptions {
  readonly packageRoot: string
  readonly version: string
  readonly contentDir: string
  /** `--cache-dir`, resolved; default `.cache/dateline/` beside the content folder. */
  readonly cacheDir: string | undefined
  /** `--no-cache`. */
  readonly noCache: boolean
}

/** Open the cache and create the (lazily started) pool; close the pool when done. */
export async function openBuildSupport(options: BuildSupportOptions): Promise<BuildSupport> {
  const codeDir = path.join(options.packageRoot, 'lib')
  const cacheDir = options.noCache ? undefined : (options.cacheDir ?? defaultCacheDir(options.contentDir))
  const codeId = await codeIdentity(options.version, codeDir)
  return {
    cache: cacheDir === undefined ? undefined : openArticleCache(cacheDir),
    pagesOf: async (outDir) => (cacheDir === undefined ? undefined : openPageStore(cacheDir, outDir)),
    forget: async (outDir) => {
      if (cacheDir !== undefined) await forgetPageStore(cacheDir, outDir)
    },
    remember: async (outDir, record, madeBy) => {
      if (cacheDir !== undefined) await savePageStore(cacheDir, outDir, record, { madeBy })
    },
    searchStateOf: (outDir) => (cacheDir === undefined ? undefined : searchStateDir(cacheDir, outDir)),
    codeId,
    knownSources: cacheDir === undefined ? undefined : openSourceIndex(cacheDir, options.contentDir, codeId),
    rememberSources(sources) {
      if (cacheDir === undefined) return
      const records: SourceRecord[] = []
      for (const { data } of sources) {
        const { sourcePath, stamp, textHash, loadedAt } = data
        if (data.unreadable !== true && sourcePath !== undefined && stamp !== undefined && textHash !== undefined && loadedAt !== undefined) records.push({ sourcePath, stamp, textHash, loadedAt })
      }
      saveSourceIndex(cacheDir, options.contentDir, codeId, records)
    },
    pool: createParsePool({ workerFile: path.join(codeDir, 'pool', 'parse-worker.cjs') }),
  }
}

/**
 * The `--timings` table: one row per stage, then what was reused and how fast it went.
 * The quote engine runs inside `parse` (per article, in the workers); `npm run bench`
 * measures its share by building once more with `--no-attribution`.
 */
export function formatTimings(result: BuildResult, writeMs: number, totalMs: number): string {
  const rows: [string, number][] = [...Object.entries(result.timings), ['write', writeMs]]
  const lines = rows.map(([stage, ms]) => `  ${stage.padEnd(8)}${ms.toFixed(1).padStart(9)} ms`)
  const { parsed, reused, rendered, kept } = result.counts
  const perSecond = totalMs > 0 ? Math.round((result.articles.length * 1000) / totalMs) : 0
  lines.push(`  ${'total'.padEnd(8)}${totalMs.toFixed(1).padStart(9)} ms`)
  // Files the source index vouched for were never read (or only read to be parsed).
  const read = result.sources.filter((file) => file.data.unread !== true).length
  lines.push(`  files read ${read} of ${result.sources.length}; parsed ${parsed}, from cache ${reused}; ${result.counts.planReused ? 'site plan reused; ' : ''}pages rendered ${rendered}, kept ${kept}`)
  lines.push(`  ${perSecond} articles/s, peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`)
  return lines.join('\n')
}
