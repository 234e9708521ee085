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
import { createHash } from 'node:crypto'
import { constants, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { mkdir, readdir, rename, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import { gunzipSync } from 'node:zlib'
import type { SearchInput } from '../build.js'
import type { SearchRecord } from './records.js'
import { type Pagefind, pagefindShard, type ShardIndexer } from './pagefind-shard.js'
import type { ShardReply, ShardRequest } from './shard-worker.js'
import { inTurn } from '../files-at-once.js'
import { removeTree } from '../write/write-site.js'

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

interface Manifest {
  readonly codeId: string
  /** Bundles of the main index, in `bundles/0/`, `bundles/1/`, … of the state folder. */
  readonly shards: number
  /** The main bundle's stories: URL → fingerprint of what the record was made from. */
  readonly records: Readonly<Record<string, string>>
  /** The main bundle's stories: URL → Pagefind's id of its result (see `resultIds`). */
  readonly resultIds?: Readonly<Record<string, string>>
}

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

// The steps before Pagefind takes its first record are synchronous: the search index
// starts once the site is planned, when this thread is busy rendering and every await of
// the file system waits for a turn of the event loop. With them asynchronous, a 4,000-story
// build started indexing only once its pages were all rendered.
async function readManifest(stateDir: string): Promise<Manifest | undefined> {
  try {
    const manifest = JSON.parse(readFileSync(path.join(stateDir, 'manifest.json'), 'utf8')) as Manifest
    if (typeof manifest.codeId !== 'string' || typeof manifest.records !== 'object' || !Number.isInteger(manifest.shards) || manifest.shards < 1) return undefined
    for (let shard = 0; shard < manifest.shards; shard++) readFileSync(path.join(stateDir, 'bundles', String(shard), 'pagefind-entry.json'))
    return manifest
  } catch {
    // No state yet, or a damaged one: index everything.
    return undefined
  }
}

/** Every file under `dir`, as paths relative to it. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries.filter((entry) => entry.isFile()).map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
}

/**
 * Copy the files under `from` into `to`: a reflink where the file system has them (btrfs,
 * XFS, APFS: instant, and the blocks are shared only until one side is written), else a
 * plain copy. Never a hard link: the main bundle stays in the cache for the next builds, and
 * a file of the site that shared its inode with the cache would carry an edit made in
 * `dist/` into the cache, and from there into every later build.
 */
async function copyTree(from: string, to: string): Promise<void> {
  const files = await filesUnder(from)
  const folders = new Set(files.map((file) => path.dirname(path.join(to, file))))
  for (const folder of [...folders].sort()) await mkdir(folder, { recursive: true })
  await inTurn(files, (file) => copyFileSync(path.join(from, file), path.join(to, file), constants.COPYFILE_FICLONE))
}

/** Where shard `n` of the main index goes in the site. */
function shardFolder(shard: number): string {
  return shard === 0 ? 'pagefind' : `pagefind/shards/${shard}`
}

/** What the search page reads for a main index of `shards` shards. */
function shardPaths(shards: number): string[] {
  return Array.from({ length: shards - 1 }, (_, at) => `${shardFolder(at + 1)}/`)
}

/** Bundles written into `dir/0`, `dir/1`, … by `indexShards`, and what Pagefind said. */
interface Written {
  readonly dir: string
  readonly shards: number
  readonly problems: readonly string[]
}

/** How shards are indexed: a new one on demand, and how many may be alive at once. */
interface ShardSource {
  readonly open: () => ShardIndexer
  readonly concurrency: number
}

/**
 * Shards in this thread's Pagefind, one at a time: its Node API drives a single process
 * per module instance (tests, and builds without the worker file).
 */
function inThreadShards(load: () => Promise<Pagefind>): ShardSource {
  return {
    concurrency: 1,
    open: () => pagefindShard(load),
  }
}

/**
 * Shards in worker threads (`src/search/shard-worker.ts`), each with a Pagefind process of
 * its own, two alive at once: one is written while the next is filled. Each Pagefind
 * process works on one core, so a single one left the other idle once the pages were
 * rendered. 4,000 bench records in two shards, nothing else running: 7.6 s this way,
 * 13.5 s one after the other. Two processes hold up to twice the memory of one.
 */
function workerShards(workerFile: string): ShardSource {
  return {
    concurrency: 2,
    open() {
      const worker = new Worker(workerFile)
      const waiting = new Map<number, { resolve: (errors: readonly string[]) => void; reject: (error: Error) => void }>()
      let next = 0
      let stopped: Error | undefined
      const failAll = (error: Error): void => {
        stopped ??= error
        for (const { reject } of waiting.values()) reject(error)
        waiting.clear()
      }
      worker.on('message', (reply: ShardReply) => {
        const pending = waiting.get(reply.id)
        waiting.delete(reply.id)
        if (reply.ok) pending?.resolve(reply.errors)
        else pending?.reject(new Error(reply.message))
      })
      worker.on('error', failAll)
      worker.on('exit', (code) => failAll(new Error(`The search shard's worker stopped (exit code ${code})`)))
      const ask = (request: ShardRequestBody): Promise<readonly string[]> =>
        new Promise((resolve, reject) => {
          if (stopped !== undefined) {
            reject(stopped)
            return
          }
          const id = next++
          waiting.set(id, { resolve, reject })
          worker.postMessage({ ...request, id })
        })
      return {
        add: (records) => ask({ kind: 'add', records }),
        async write(outputPath) {
          try {
            return await ask({ kind: 'write', outputPath })
          } finally {
            await worker.terminate()
          }
        },
        async close() {
          try {
            await ask({ kind: 'close' })
          } catch {
            // Stopped already: terminate below is all that is left to do.
          } finally {
            await worker.terminate()
          }
        },
      }
    },
  }
}

type ShardRequestBody = ShardRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never

/**
 * Index `records` into shards of at most `shardSize` stories, written to `dir/0`, `dir/1`,
 * …, each record's meta extended by `meta`. Each shard has a fresh Pagefind process that
 * stops once the shard is written, so a process never holds more than one shard; at most
 * `source.concurrency` are alive at once. The records come a batch at a time, as the build
 * reads stories in full. No records still give one (empty) shard. `live` holds the shards
 * being indexed, for a caller that must stop them.
 */
async function indexShards(source: ShardSource, records: AsyncIterable<readonly SearchRecord[]>, dir: string, shardSize: number, meta: Readonly<Record<string, string>>, live: Set<ShardIndexer>): Promise<Written> {
  const problems: string[][] = []
  const writes: Promise<void>[] = []
  let current: { readonly indexer: ShardIndexer; readonly number: number; held: number } | undefined
  const open = async (): Promise<{ readonly indexer: ShardIndexer; readonly number: number; held: number }> => {
    const number = writes.length
    // The shard `concurrency` places back must be written first.
    if (number >= source.concurrency) await writes[number - source.concurrency]
    const indexer = source.open()
    live.add(indexer)
    problems[number] = []
    return { indexer, number, held: 0 }
  }
  const finish = (shard: { readonly indexer: ShardIndexer; readonly number: number }): void => {
    writes.push(
      shard.indexer.write(path.join(dir, String(shard.number))).then((said) => {
        live.delete(shard.indexer)
        problems[shard.number]?.push(...said)
      }),
    )
  }
  try {
    for await (const batch of records) {
      for (let at = 0; at < batch.length; ) {
        current ??= await open()
        const taken = batch.slice(at, at + shardSize - current.held)
        const said = await current.indexer.add(taken.map((record) => ({ ...record, meta: { ...record.meta, ...meta } })))
        problems[current.number]?.push(...said)
        at += taken.length
        current.held += taken.length
        if (current.held >= shardSize) {
          finish(current)
          current = undefined
        }
      }
    }
    if (writes.length === 0) current ??= await open()
    if (current !== undefined) finish(current)
  } finally {
    // Every write ends before this returns or throws, so no Pagefind outlives the call unseen.
    await Promise.allSettled(writes)
  }
  await Promise.all(writes)
  return { dir, shards: writes.length, problems: problems.flat() }
}

/** Copy the bundles of `written` into the site, shard `n` at `folderOf(n)`. */
async function copyShards(written: Written, siteDir: string, folderOf: (shard: number) => string): Promise<void> {
  for (let shard = 0; shard < written.shards; shard++) await copyTree(path.join(written.dir, String(shard)), path.join(siteDir, folderOf(shard)))
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
  const openScratch = async (): Promise<string> => {
    const fresh = options.stateDir === undefined ? mkdtempSync(path.join(tmpdir(), 'dateline-search-')) : `${options.stateDir}.${process.pid}.tmp`
    scratch = fresh
    rmSync(fresh, { recursive: true, force: true })
    mkdirSync(fresh, { recursive: true })
    return fresh
  }
  const prepare = async (): Promise<Prepared> => {
    const manifest = options.stateDir === undefined ? undefined : await readManifest(options.stateDir)
    if (options.stateDir !== undefined && manifest !== undefined && manifest.codeId === options.codeId) {
      const changed = new Set([...current].filter(([url, fingerprint]) => manifest.records[url] !== fingerprint).map(([url]) => url))
      const removed = Object.keys(manifest.records).filter((url) => !current.has(url))
      // The delta is one Pagefind index, so it is never let grow past a shard either.
      if (changed.size <= shardSize && changed.size + removed.length <= Math.max(deltaFloor, Math.ceil(current.size * deltaShare))) {
        // Delta results carry `delta` in their meta, so the page can tell them from the main bundle's.
        // At most a shard of them, so the delta is one bundle.
        const delta = changed.size > 0 ? await indexShards(source, options.search.records(changed), path.join(await openScratch(), 'bundles'), shardSize, { delta: 'yes' }, live) : undefined
        const superseded = [...changed, ...removed].sort()
        const supersededIds = superseded.flatMap((url) => manifest.resultIds?.[url] ?? []).sort()
        const state: SearchState = { shards: shardPaths(manifest.shards), delta: changed.size > 0 ? `${deltaFolder}/` : null, superseded, supersededIds }
        const main = { dir: path.join(options.stateDir, 'bundles'), shards: manifest.shards, problems: [] }
        return { kind: 'delta', main, delta, indexed: changed.size, state }
      }
    }
    const fresh = await openScratch()
    return { kind: 'full', scratch: fresh, main: await indexShards(source, options.search.records(new Set(current.keys())), path.join(fresh, 'bundles'), shardSize, {}, live) }
  }
  let failed: SearchIndexFailure | undefined
  const prepared = prepare().catch((error: unknown) => {
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
      const mainDir = path.join(siteDir, 'pagefind')
      try {
        const plan = await prepared
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

/** What a Pagefind fragment file holds once unzipped: this signature, then JSON. */
const fragmentSignature = 'pagefind_dcd'

/**
 * Pagefind's result id of each story in the bundles of `written`, by URL: a search result's
 * `id` is the name of the story's fragment file (`fragment/<id>.pf_fragment`), or its key in
 * a fragment group file that holds several. Read once per full indexing, so a later build
 * that puts a delta beside this main index can name the main results the delta replaces.
 * Undefined when a fragment cannot be read: the page then tells them apart by their data.
 */
async function resultIdsOf(written: Written): Promise<Record<string, string> | undefined> {
  const ids: Record<string, string> = {}
  try {
    for (let shard = 0; shard < written.shards; shard++) {
      const folder = path.join(written.dir, String(shard), 'fragment')
      const names = (await readdir(folder)).filter((name) => name.endsWith('.pf_fragment'))
      await inTurn(names, (name) => {
        const text = gunzipSync(readFileSync(path.join(folder, name))).toString('utf8')
        const json = JSON.parse(text.startsWith(fragmentSignature) ? text.slice(fragmentSignature.length) : text) as unknown
        const id = name.slice(0, -'.pf_fragment'.length)
        if (isFragment(json)) ids[json.url] = id
        else if (typeof json === 'object' && json !== null) for (const [key, fragment] of Object.entries(json)) if (isFragment(fragment)) ids[fragment.url] = key
      })
    }
  } catch {
    return undefined
  }
  return ids
}

function isFragment(value: unknown): value is { readonly url: string } {
  return typeof value === 'object' && value !== null && 'url' in value && typeof value.url === 'string'
}

/** Keep the shards just written (in `fresh`, beside `stateDir`) as the next builds' main index; replaced whole, or not at all. */
async function saveMain(stateDir: string, fresh: string, manifest: Manifest): Promise<void> {
  try {
    await writeFile(path.join(fresh, 'manifest.json'), JSON.stringify(manifest))
    await removeTree(stateDir)
    await mkdir(path.dirname(stateDir), { recursive: true })
    await rename(fresh, stateDir)
  } catch {
    // Without a kept main index the next build indexes everything: slower, never wrong.
    await removeTree(fresh)
  }
}

/** The state folder for one output folder, inside the cache folder. */
export function searchStateDir(cacheDir: string, outDir: string): string {
  return path.join(cacheDir, `search-${createHash('sha1').update(path.resolve(outDir)).digest('hex').slice(0, 12)}`)
}
