/**
 * The search index: Pagefind indexes the build's search records (one per story, made from
 * the model) and writes its bundle into `pagefind/` in the staging folder, so the index is
 * swapped in with the pages.
 *
 * Pagefind cannot update an index, and indexing every story costs seconds per thousand.
 * So with a cache folder the index is kept in two parts, like a log-structured store:
 * a **main** bundle of every story as of the last full indexing, kept in the cache and
 * copied into each build, and a small **delta** bundle (`pagefind-delta/`) of the stories
 * added or changed since, which the search page merges in (Pagefind's `mergeIndex`). The
 * main bundle's results for changed or removed stories are hidden by the search page using
 * `pagefind/dateline-search.json`. When the delta grows past a share of the site, the next
 * build indexes everything again and the delta is empty.
 *
 * Pagefind holds an index in memory until it writes it, about a quarter of a megabyte per
 * story, so a full indexing of a large archive is split into **shards** of at most
 * `shardSize` stories, each indexed and written by a fresh Pagefind process. With the
 * compiled worker (the CLI), each shard's Pagefind runs from a worker thread and two are
 * alive at once, one written while the next is filled; otherwise one at a time. The first
 * shard is `pagefind/`; the others go in `pagefind/shards/<n>/` and the search page merges
 * them like the delta.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { SearchInput } from '../build.js'
import { copyShards, type Manifest, readManifest, resultIdsOf, saveMain, shardFolder, shardPaths } from './bundles.js'
import type { Pagefind, ShardIndexer } from './pagefind-shard.js'
import { indexShards, inThreadShards, type ShardSource, workerShards, type Written } from './shards.js'
import { removeTree } from '../write/write-site.js'

export { searchStateDir } from './bundles.js'

export interface SearchIndexResult {
  /** Stories indexed in this build (all of them, or only the delta). */
  readonly indexed: number
  /** Whether the main bundle was reused and only the delta indexed. */
  readonly incremental: boolean
  readonly problems: readonly string[]
}

export interface SearchIndexOptions {
  /** The stories, with a fingerprint each and their records on demand (`BuildResult.search`). */
  readonly search: SearchInput
  /** Where the main bundle and its manifest live between builds (none: index everything, keep nothing). */
  readonly stateDir?: string | undefined
  /** Identifies the code that made the records; a different one means a full indexing. */
  readonly codeId: string
  /** Most stories per Pagefind index (default: `shardSizeFor` the number of stories). */
  readonly shardSize?: number
  /**
   * The compiled `search-shard` worker (`lib/cli/search-shard.js`): shards are then indexed
   * in worker threads, two at once. Default: none, one at a time in this thread.
   */
  readonly shardWorker?: string | undefined
}

/**
 * Stories per shard. Pagefind holds about 0.28 MB per bench story until it writes
 * (1.1 GB for 4,000, 1.4 GB for 5,000), so 2,000 keeps its process near 600 MB whatever
 * the archive's size: below the main process's own peak from about 10,000 stories on,
 * and below Hugo's whole build there. The price is paid by readers of large archives: a
 * 100,000-story site is searched across 50 bundles, each fetching its own index chunks
 * for a query.
 */
export const defaultShardSize = 2_000

/** From this many stories on, a full indexing has at least two shards (see `shardSizeFor`). */
const twoShardsFrom = 1_000

/**
 * Stories per shard for a site of `stories`: `defaultShardSize`, but at least two shards
 * from 1,000 stories on, so both cores index (two shards are indexed at once); readers of
 * such a site fetch two bundles instead of one.
 */
export function shardSizeFor(stories: number): number {
  return stories < twoShardsFrom ? defaultShardSize : Math.min(defaultShardSize, Math.ceil(stories / 2))
}

/** Name of the file in `pagefind/` that tells the search page about the delta. */
export const searchStateFile = 'dateline-search.json'
/** Folder of the delta bundle, beside `pagefind/`. */
export const deltaFolder = 'pagefind-delta'

/** The delta may hold this many stories, or this share of the site if more, before a full indexing. */
const deltaFloor = 64
const deltaShare = 0.1

/** What the search page reads: the main index's other shards, where the delta is and which main-bundle results it replaces. */
export interface SearchState {
  /** Paths from the site root of the main index's shards after the first (which is `pagefind/` itself). */
  readonly shards: readonly string[]
  /** Path of the delta bundle from the site root, or `null` without one. */
  readonly delta: string | null
  /** URLs (as in the records) whose main-bundle results are out of date: changed or removed stories. */
  readonly superseded: readonly string[]
  /**
   * Pagefind's ids of those main-bundle results (a search result's `id`), so the page drops
   * them before it loads any result's data and counts exactly the stories found.
   */
  readonly supersededIds: readonly string[]
}

/**
 * What a build indexes: everything into a new main index, or the changed stories (if any)
 * into a delta beside the kept main index; either is written to a scratch folder first.
 */
type Prepared =
  | { readonly kind: 'full'; readonly scratch: string; readonly main: Written }
  | { readonly kind: 'delta'; readonly main: Written; readonly delta: Written | undefined; readonly indexed: number; readonly state: SearchState }

/** A search index on its way: started as soon as the stories are known, written into the staging folder at the end. */
export interface SearchIndexing {
  /** Write `pagefind/` (and `pagefind-delta/`) into `siteDir`; call once. Rejects with a `SearchIndexFailure`. */
  readonly writeInto: (siteDir: string) => Promise<SearchIndexResult>
  /** Stop Pagefind without writing (a build that failed before its write). */
  readonly cancel: () => Promise<void>
  /**
   * Why the indexing failed, once it has (a Pagefind process died, or refused the
   * records): the build can stop at once instead of rendering on to a write that must fail.
   */
  readonly failure: () => SearchIndexFailure | undefined
}

/** The search index could not be made; the message says why, in a line. */
export class SearchIndexFailure extends Error {
  override readonly name = 'SearchIndexFailure'
  constructor(cause: unknown) {
    super(`The search index could not be made: ${cause instanceof Error ? cause.message : String(cause)}`, { cause })
  }
}

/** `error` as a `SearchIndexFailure`. */
function failureOf(error: unknown): SearchIndexFailure {
  return error instanceof SearchIndexFailure ? error : new SearchIndexFailure(error)
}

/** What one indexing works with: the stories' fingerprints, where its shards come from, the shards alive, and a scratch folder on demand. */
interface Run {
  readonly current: ReadonlyMap<string, string>
  readonly source: ShardSource
  readonly shardSize: number
  readonly live: Set<ShardIndexer>
  readonly openScratch: () => Promise<string>
}

/** Index what this build must: the changed stories beside the kept main index when it can, else everything. */
async function prepare(options: SearchIndexOptions, run: Run): Promise<Prepared> {
  const { current, source, shardSize, live } = run
  const manifest = options.stateDir === undefined ? undefined : await readManifest(options.stateDir)
  if (options.stateDir !== undefined && manifest !== undefined && manifest.codeId === options.codeId) {
    const delta = await prepareDelta(options, options.stateDir, manifest, run)
    if (delta !== undefined) return delta
  }
  const fresh = await run.openScratch()
  return { kind: 'full', scratch: fresh, main: await indexShards(source, options.search.records(new Set(current.keys())), path.join(fresh, 'bundles'), shardSize, {}, live) }
}

/** Index the stories changed since `manifest`'s main index into a delta, or `undefined` when the delta would grow too large. */
async function prepareDelta(options: SearchIndexOptions, stateDir: string, manifest: Manifest, run: Run): Promise<Prepared | undefined> {
  const { current, source, shardSize, live } = run
  const changed = new Set([...current].filter(([url, fingerprint]) => manifest.records[url] !== fingerprint).map(([url]) => url))
  const removed = Object.keys(manifest.records).filter((url) => !current.has(url))
  // The delta is one Pagefind index, so it is never let grow past a shard either.
  if (!(changed.size <= shardSize && changed.size + removed.length <= Math.max(deltaFloor, Math.ceil(current.size * deltaShare)))) return undefined
  // Delta results carry `delta` in their meta, so the page can tell them from the main bundle's.
  // At most a shard of them, so the delta is one bundle.
  const delta = changed.size > 0 ? await indexShards(source, options.search.records(changed), path.join(await run.openScratch(), 'bundles'), shardSize, { delta: 'yes' }, live) : undefined
  const superseded = [...changed, ...removed].sort()
  const supersededIds = superseded.flatMap((url) => manifest.resultIds?.[url] ?? []).sort()
  const state: SearchState = { shards: shardPaths(manifest.shards), delta: changed.size > 0 ? `${deltaFolder}/` : null, superseded, supersededIds }
  const main = { dir: path.join(stateDir, 'bundles'), shards: manifest.shards, problems: [] }
  return { kind: 'delta', main, delta, indexed: changed.size, state }
}

/** Copy what `plan` indexed into `siteDir` with the search page's state file; after a full indexing, keep it as the next builds' main index. */
async function writePlan(plan: Prepared, siteDir: string, options: SearchIndexOptions, current: ReadonlyMap<string, string>): Promise<SearchIndexResult> {
  const mainDir = path.join(siteDir, 'pagefind')
  await copyShards(plan.main, siteDir, shardFolder)
  if (plan.kind === 'delta') {
    if (plan.delta) await copyShards(plan.delta, siteDir, () => deltaFolder)
    await writeFile(path.join(mainDir, searchStateFile), JSON.stringify(plan.state))
    return { indexed: plan.indexed, incremental: true, problems: [...(plan.delta?.problems ?? [])] }
  }
  const { shards } = plan.main
  const problems = shards === 0 ? [...plan.main.problems, 'Pagefind wrote no index'] : plan.main.problems
  await mkdir(mainDir, { recursive: true })
  await writeFile(path.join(mainDir, searchStateFile), JSON.stringify({ shards: shardPaths(shards), delta: null, superseded: [], supersededIds: [] } satisfies SearchState))
  if (options.stateDir !== undefined && problems.length === 0) {
    const resultIds = await resultIdsOf(plan.main)
    await saveMain(options.stateDir, plan.scratch, { codeId: options.codeId, shards, records: Object.fromEntries(current), ...(resultIds === undefined ? {} : { resultIds }) })
  }
  return { indexed: current.size, incremental: false, problems: [...problems] }
}

/**
 * Start indexing `options.search` now: Pagefind takes the records while the pages are
 * rendered and written (it runs in its own process, so on two cores the work overlaps).
 */
export function startSearchIndex(options: SearchIndexOptions): SearchIndexing {
  let loading: Promise<Pagefind> | undefined
  const source = options.shardWorker === undefined ? inThreadShards(() => (loading ??= import('pagefind'))) : workerShards(options.shardWorker)
  const live = new Set<ShardIndexer>()
  let scratch: string | undefined
  const current = options.search.fingerprints
  const shardSize = Math.max(1, options.shardSize ?? shardSizeFor(current.size))
  // Written beside the state folder, so a new main index can take the state's place by a rename.
  // Synchronous, as `readManifest`'s reads are (see there).
  const openScratch = async (): Promise<string> => {
    const fresh = options.stateDir === undefined ? mkdtempSync(path.join(tmpdir(), 'dateline-search-')) : `${options.stateDir}.${process.pid}.tmp`
    scratch = fresh
    rmSync(fresh, { recursive: true, force: true })
    mkdirSync(fresh, { recursive: true })
    return fresh
  }
  let failed: SearchIndexFailure | undefined
  const prepared = prepare(options, { current, source, shardSize, live, openScratch }).catch((error: unknown) => {
    failed = failureOf(error)
    throw failed
  })
  // Awaited in writeInto or cancel; this only keeps an early failure from being unhandled.
  prepared.catch(() => undefined)
  const close = async (): Promise<void> => {
    await Promise.all([...live].map((shard) => shard.close()))
    live.clear()
    // Gone already when the state took it over.
    if (scratch !== undefined) await removeTree(scratch)
  }
  return {
    async writeInto(siteDir) {
      try {
        return await writePlan(await prepared, siteDir, options, current)
      } catch (error) {
        throw failureOf(error)
      } finally {
        await close()
      }
    },
    async cancel() {
      await prepared.catch(() => undefined)
      await close()
    },
    failure: () => failed,
  }
}

/**
 * Write the search index for `options.search` into `siteDir` (the staging folder):
 * `pagefind/` always, its other shards in `pagefind/shards/`, and `pagefind-delta/` when
 * only the changed stories were indexed.
 */
export async function writeSearchIndex(siteDir: string, options: SearchIndexOptions): Promise<SearchIndexResult> {
  return startSearchIndex(options).writeInto(siteDir)
}
