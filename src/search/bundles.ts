/**
 * The search index's bundles on disk: the main index kept in the state folder between
 * builds (its manifest, saved whole or not at all), bundles copied into the site, and
 * Pagefind's result ids read from a bundle's fragments (see `src/search/index.ts`).
 */
import { createHash } from 'node:crypto'
import { constants, copyFileSync, readFileSync } from 'node:fs'
import { mkdir, readdir, rename, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { gunzipSync } from 'node:zlib'
import { inTurn } from '../files-at-once.js'
import { removeTree } from '../write/write-site.js'
import type { Written } from './shards.js'

/** What `manifest.json` in the state folder says of the main index kept there. */
export interface Manifest {
  readonly codeId: string
  /** Bundles of the main index, in `bundles/0/`, `bundles/1/`, … of the state folder. */
  readonly shards: number
  /** The main bundle's stories: URL → fingerprint of what the record was made from. */
  readonly records: Readonly<Record<string, string>>
  /** The main bundle's stories: URL → Pagefind's id of its result (see `resultIds`). */
  readonly resultIds?: Readonly<Record<string, string>>
}

// Read synchronously, as every step before Pagefind takes its first record is (the scratch
// folder's too, in index.ts): the search index starts once the site is planned, when this thread is busy rendering and every await of
// the file system waits for a turn of the event loop. With them asynchronous, a 4,000-story
// build started indexing only once its pages were all rendered.
export async function readManifest(stateDir: string): Promise<Manifest | undefined> {
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
export function shardFolder(shard: number): string {
  return shard === 0 ? 'pagefind' : `pagefind/shards/${shard}`
}

/** What the search page reads for a main index of `shards` shards. */
export function shardPaths(shards: number): string[] {
  return Array.from({ length: shards - 1 }, (_, at) => `${shardFolder(at + 1)}/`)
}

/** Copy the bundles of `written` into the site, shard `n` at `folderOf(n)`. */
export async function copyShards(written: Written, siteDir: string, folderOf: (shard: number) => string): Promise<void> {
  for (let shard = 0; shard < written.shards; shard++) await copyTree(path.join(written.dir, String(shard)), path.join(siteDir, folderOf(shard)))
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
export async function resultIdsOf(written: Written): Promise<Record<string, string> | undefined> {
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
export async function saveMain(stateDir: string, fresh: string, manifest: Manifest): Promise<void> {
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
