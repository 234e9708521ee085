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
import { linkOrCopy } from '../write/write-site.js'

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
  for (let index = 0; index < files.length; index += 64) {
    await Promise.all(files.slice(index, index + 64).map((file) => linkOrCopy(path.join(from, file), path.join(to, file))))
  }
}

/** Index `records` with Pagefind into `bundleDir`. */
async function indexInto(records: readonly SearchRecord[], bundleDir: string, meta: Readonly<Record<string, string>>): Promise<string[]> {
  const pagefind = await import('pagefind')
  try {
    const { index, errors } = await pagefind.createIndex({})
    if (!index) return errors
    const problems = [...errors]
    const added = await Promise.all(records.map((record) => index.addCustomRecord({ ...record, meta: { ...record.meta, ...meta } })))
    for (const result of added) problems.push(...result.errors)
    const written = await index.writeFiles({ outputPath: bundleDir })
    return [...problems, ...written.errors]
  } finally {
    await pagefind.close()
  }
}

/**
 * Write the search index for `options.records` into `siteDir` (the staging folder):
 * `pagefind/` always, `pagefind-delta/` when only the changed stories were indexed.
 */
export async function writeSearchIndex(siteDir: string, options: SearchIndexOptions): Promise<SearchIndexResult> {
  const mainDir = path.join(siteDir, 'pagefind')
  const current = options.search.fingerprints
  const manifest = options.stateDir === undefined ? undefined : await readManifest(options.stateDir)

  if (options.stateDir !== undefined && manifest !== undefined && manifest.codeId === options.codeId) {
    const changed = new Set([...current].filter(([url, fingerprint]) => manifest.records[url] !== fingerprint).map(([url]) => url))
    const removed = Object.keys(manifest.records).filter((url) => !current.has(url))
    if (changed.size + removed.length <= Math.max(deltaFloor, Math.ceil(current.size * deltaShare))) {
      await linkTree(path.join(options.stateDir, 'main'), mainDir)
      // Delta results carry `delta` in their meta, so the page can tell them from the main bundle's.
      const problems = changed.size > 0 ? await indexInto(options.search.records(changed), path.join(siteDir, deltaFolder), { delta: 'yes' }) : []
      const state: SearchState = { delta: changed.size > 0 ? `${deltaFolder}/` : null, superseded: [...changed, ...removed].sort() }
      await writeFile(path.join(mainDir, searchStateFile), JSON.stringify(state))
      return { indexed: changed.size, incremental: true, problems }
    }
  }

  const problems = await indexInto(options.search.records(new Set(current.keys())), mainDir, {})
  const state: SearchState = { delta: null, superseded: [] }
  if (options.stateDir !== undefined && problems.length === 0) await saveMain(options.stateDir, mainDir, { codeId: options.codeId, records: Object.fromEntries(current) })
  await writeFile(path.join(mainDir, searchStateFile), JSON.stringify(state))
  return { indexed: current.size, incremental: false, problems }
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
