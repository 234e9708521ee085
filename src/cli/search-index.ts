/**
 * The search index: Pagefind indexes the build's search records (one per story, made from
 * the model) and writes its bundle into `pagefind/` in the staging folder, so the index is
 * swapped in with the pages.
 *
 * Pagefind cannot update an index, and indexing every story costs seconds per thousand.
 * So with a cache folder the index is kept in two parts, like a log-structured store:
 * a **main** bundle of every story as of the last full indexing, kept in the cache and
 * linked into each build, and a small **delta** bundle (`pagefind-delta/`) of the stories
 * added or changed since, which the search page merges in (Pagefind's `mergeIndex`). The
 * main bundle's results for changed or removed stories are hidden by the search page using
 * `pagefind/dateline-search.json`. When the delta grows past a share of the site, the next
 * build indexes everything again and the delta is empty.
 */
import { createHash } from 'node:crypto'
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { SearchInput } from '../build.js'
import type { SearchRecord } from '../render/search-records.js'
import { linkOrCopy, writeBatchSize } from '../write/write-site.js'

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
  /** The main bundle's stories: URL → fingerprint of what the record was made from. */
  readonly records: Readonly<Record<string, string>>
}

/** What the search page reads: where the delta is and which main-bundle results it replaces. */
export interface SearchState {
  /** Path of the delta bundle from the site root, or `null` without one. */
  readonly delta: string | null
  /** URLs (as in the records) whose main-bundle results are out of date: changed or removed stories. */
  readonly superseded: readonly string[]
}

async function readManifest(stateDir: string): Promise<Manifest | undefined> {
  try {
    const manifest = JSON.parse(await readFile(path.join(stateDir, 'manifest.json'), 'utf8')) as Manifest
    await readFile(path.join(stateDir, 'main', 'pagefind-entry.json'))
    return typeof manifest.codeId === 'string' && typeof manifest.records === 'object' ? manifest : undefined
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

async function linkTree(from: string, to: string): Promise<void> {
  const files = await filesUnder(from)
  const folders = new Set(files.map((file) => path.dirname(path.join(to, file))))
  for (const folder of [...folders].sort()) await mkdir(folder, { recursive: true })
  for (let index = 0; index < files.length; index += writeBatchSize) {
    await Promise.all(files.slice(index, index + writeBatchSize).map((file) => linkOrCopy(path.join(from, file), path.join(to, file))))
  }
}

type Pagefind = typeof import('pagefind')
type PagefindIndex = NonNullable<Awaited<ReturnType<Pagefind['createIndex']>>['index']>

/** Records added to a Pagefind index, waiting to be written out. */
interface Added {
  readonly index: PagefindIndex | undefined
  readonly problems: readonly string[]
}

/** Add `records` to a new Pagefind index (the service runs in its own process). */
async function addAll(pagefind: Pagefind, records: AsyncIterable<readonly SearchRecord[]>, meta: Readonly<Record<string, string>>): Promise<Added> {
  const { index, errors } = await pagefind.createIndex({})
  if (!index) return { index, problems: errors }
  const problems = [...errors]
  // A batch at a time: the build reads stories in full only a batch at a time.
  for await (const batch of records) {
    const added = await Promise.all(batch.map((record) => index.addCustomRecord({ ...record, meta: { ...record.meta, ...meta } })))
    for (const result of added) problems.push(...result.errors)
  }
  return { index, problems }
}

async function writeAdded(added: Added, bundleDir: string): Promise<string[]> {
  if (!added.index) return [...added.problems]
  const written = await added.index.writeFiles({ outputPath: bundleDir })
  return [...added.problems, ...written.errors]
}

/** What a build indexes: everything into a new main bundle, or the changed stories into a delta beside the kept one. */
type Prepared =
  | { readonly kind: 'full'; readonly added: Added }
  | { readonly kind: 'delta'; readonly stateDir: string; readonly added: Added | undefined; readonly indexed: number; readonly state: SearchState }

/** A search index on its way: started as soon as the stories are known, written into the staging folder at the end. */
export interface SearchIndexing {
  /** Write `pagefind/` (and `pagefind-delta/`) into `siteDir`; call once. */
  readonly writeInto: (siteDir: string) => Promise<SearchIndexResult>
  /** Stop Pagefind without writing (a build that failed before its write). */
  readonly cancel: () => Promise<void>
}

/**
 * Start indexing `options.search` now: Pagefind takes the records while the pages are
 * rendered and written (it runs in its own process, so on two cores the work overlaps).
 */
export function startSearchIndex(options: SearchIndexOptions): SearchIndexing {
  let pagefind: Pagefind | undefined
  const current = options.search.fingerprints
  const prepare = async (): Promise<Prepared> => {
    pagefind = await import('pagefind')
    const manifest = options.stateDir === undefined ? undefined : await readManifest(options.stateDir)
    if (options.stateDir !== undefined && manifest !== undefined && manifest.codeId === options.codeId) {
      const changed = new Set([...current].filter(([url, fingerprint]) => manifest.records[url] !== fingerprint).map(([url]) => url))
      const removed = Object.keys(manifest.records).filter((url) => !current.has(url))
      if (changed.size + removed.length <= Math.max(deltaFloor, Math.ceil(current.size * deltaShare))) {
        // Delta results carry `delta` in their meta, so the page can tell them from the main bundle's.
        const added = changed.size > 0 ? await addAll(pagefind, options.search.records(changed), { delta: 'yes' }) : undefined
        const state: SearchState = { delta: changed.size > 0 ? `${deltaFolder}/` : null, superseded: [...changed, ...removed].sort() }
        return { kind: 'delta', stateDir: options.stateDir, added, indexed: changed.size, state }
      }
    }
    return { kind: 'full', added: await addAll(pagefind, options.search.records(new Set(current.keys())), {}) }
  }
  const prepared = prepare()
  // Awaited in writeInto or cancel; this only keeps an early failure from being unhandled.
  prepared.catch(() => undefined)
  const close = async (): Promise<void> => {
    await pagefind?.close()
  }
  return {
    async writeInto(siteDir) {
      const mainDir = path.join(siteDir, 'pagefind')
      try {
        const plan = await prepared
        if (plan.kind === 'delta') {
          await linkTree(path.join(plan.stateDir, 'main'), mainDir)
          const problems = plan.added ? await writeAdded(plan.added, path.join(siteDir, deltaFolder)) : []
          await writeFile(path.join(mainDir, searchStateFile), JSON.stringify(plan.state))
          return { indexed: plan.indexed, incremental: true, problems }
        }
        const problems = await writeAdded(plan.added, mainDir)
        if (options.stateDir !== undefined && problems.length === 0) await saveMain(options.stateDir, mainDir, { codeId: options.codeId, records: Object.fromEntries(current) })
        await writeFile(path.join(mainDir, searchStateFile), JSON.stringify({ delta: null, superseded: [] } satisfies SearchState))
        return { indexed: current.size, incremental: false, problems }
      } finally {
        await close()
      }
    },
    async cancel() {
      await prepared.catch(() => undefined)
      await close()
    },
  }
}

/**
 * Write the search index for `options.search` into `siteDir` (the staging folder):
 * `pagefind/` always, `pagefind-delta/` when only the changed stories were indexed.
 */
export async function writeSearchIndex(siteDir: string, options: SearchIndexOptions): Promise<SearchIndexResult> {
  return startSearchIndex(options).writeInto(siteDir)
}

/** Keep the bundle just written as the next builds' main bundle; replaced whole, or not at all. */
async function saveMain(stateDir: string, bundleDir: string, manifest: Manifest): Promise<void> {
  const fresh = `${stateDir}.${process.pid}.tmp`
  try {
    await rm(fresh, { recursive: true, force: true })
    await linkTree(bundleDir, path.join(fresh, 'main'))
    await writeFile(path.join(fresh, 'manifest.json'), JSON.stringify(manifest))
    await rm(stateDir, { recursive: true, force: true })
    await mkdir(path.dirname(stateDir), { recursive: true })
    await rename(fresh, stateDir)
  } catch {
    // Without a kept main bundle the next build indexes everything: slower, never wrong.
    await rm(fresh, { recursive: true, force: true })
  }
}

/** The state folder for one output folder, inside the cache folder. */
export function searchStateDir(cacheDir: string, outDir: string): string {
  return path.join(cacheDir, `search-${createHash('sha1').update(path.resolve(outDir)).digest('hex').slice(0, 12)}`)
}
