import { createHash } from 'node:crypto'
import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { gunzipSync } from 'node:zlib'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SearchInput } from '../../../src/build.js'
import { defaultShardSize, SearchIndexFailure, type SearchState, searchStateFile, shardSizeFor, startSearchIndex, writeSearchIndex } from '../../../src/search/index.js'
import type { SearchRecord } from '../../../src/search/records.js'
import { childrenOf, isAlive, waitFor } from '../../helpers/processes.js'

const record = (n: number, extra = ''): SearchRecord => ({ url: `/world/story-${n}/`, content: `Story number ${n} about harbours.${extra}`, language: 'en', meta: { title: `Story ${n}`, path: `/world/story-${n}/`, section: 'World', date: 'Jan. 1, 2026', datetime: '2026-01-01' } })
const site = (count: number): SearchRecord[] => Array.from({ length: count }, (_, n) => record(n))
/** Records as a build hands them over: a fingerprint per story, records made on demand (and counted). */
function input(records: readonly SearchRecord[]): SearchInput & { made: string[] } {
  const made: string[] = []
  return {
    made,
    fingerprints: new Map(records.map((item) => [item.url, createHash('sha1').update(JSON.stringify(item)).digest('hex')])),
    // In batches of two, as a build hands them over a batch at a time.
    async *records(urls) {
      const wanted = records.filter((item) => urls.has(item.url))
      for (let index = 0; index < wanted.length; index += 2) yield wanted.slice(index, index + 2).map((item) => (made.push(item.url), item))
    },
  }
}

let folder: string
beforeEach(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'dateline-search-'))
})
afterEach(async () => {
  await rm(folder, { recursive: true, force: true })
})

const stateOf = async (siteDir: string): Promise<SearchState> => JSON.parse(await readFile(path.join(siteDir, 'pagefind', searchStateFile), 'utf8')) as SearchState
const exists = (file: string) => stat(file).then(() => true, () => false)
/** The URL of the story in a bundle's fragment `id` (a fragment file is gzipped `pagefind_dcd` and JSON). */
const fragmentUrl = async (bundle: string, id: string): Promise<string> =>
  (JSON.parse(gunzipSync(await readFile(path.join(bundle, 'fragment', `${id}.pf_fragment`))).toString('utf8').replace(/^pagefind_dcd/, '')) as { url: string }).url

describe('shardSizeFor', () => {
  it('should keep small sites in one shard, split from 1,000 stories in two, and never pass the default size', () => {
    expect(shardSizeFor(999)).toBeGreaterThanOrEqual(999)
    expect(shardSizeFor(1_000)).toBe(500)
    expect(shardSizeFor(3_001)).toBe(1_501)
    expect(shardSizeFor(100_000)).toBe(defaultShardSize)
    for (const stories of [1_000, 1_999, 4_000, 4_001, 10_000]) expect(Math.ceil(stories / shardSizeFor(stories))).toBeGreaterThanOrEqual(2)
  })
})

describe('writeSearchIndex', () => {
  it('should index every story without a state folder, and say there is no delta', async () => {
    const siteDir = path.join(folder, 'a')
    const result = await writeSearchIndex(siteDir, { search: input(site(3)), codeId: 'x' })
    expect(result).toEqual({ indexed: 3, incremental: false, problems: [] })
    expect(await exists(path.join(siteDir, 'pagefind', 'pagefind.js'))).toBe(true)
    expect(await stateOf(siteDir)).toEqual({ shards: [], delta: null, superseded: [], supersededIds: [] })
  }, 60_000)

  it('should index only changed and new stories into the delta, listing changed and removed ones as superseded', async () => {
    const stateDir = path.join(folder, 'state')
    await writeSearchIndex(path.join(folder, 'a'), { search: input(site(5)), stateDir, codeId: 'x' })
    const next = input([record(0, ' Edited.'), record(1), record(2), record(3), record(9)])
    const siteDir = path.join(folder, 'b')
    const result = await writeSearchIndex(siteDir, { search: next, stateDir, codeId: 'x' })
    expect(result).toEqual({ indexed: 2, incremental: true, problems: [] })
    // Only the two stories indexed had their records made.
    expect(next.made.sort()).toEqual(['/world/story-0/', '/world/story-9/'])
    const state = await stateOf(siteDir)
    expect(state).toEqual({ shards: [], delta: 'pagefind-delta/', superseded: ['/world/story-0/', '/world/story-4/', '/world/story-9/'], supersededIds: expect.any(Array) })
    // The ids of the main bundle's results for the changed and the removed story (the new one has none there):
    // each the name of the fragment that holds the story, which is what a search result's id is.
    expect((await Promise.all(state.supersededIds.map((id) => fragmentUrl(path.join(siteDir, 'pagefind'), id)))).sort()).toEqual(['/world/story-0/', '/world/story-4/'])
    expect(await exists(path.join(siteDir, 'pagefind', 'pagefind-entry.json'))).toBe(true)
    expect(await exists(path.join(siteDir, 'pagefind-delta', 'pagefind-entry.json'))).toBe(true)
  }, 60_000)

  it('should reuse the main bundle alone when nothing changed', async () => {
    const stateDir = path.join(folder, 'state')
    await writeSearchIndex(path.join(folder, 'a'), { search: input(site(3)), stateDir, codeId: 'x' })
    const siteDir = path.join(folder, 'b')
    expect(await writeSearchIndex(siteDir, { search: input(site(3)), stateDir, codeId: 'x' })).toEqual({ indexed: 0, incremental: true, problems: [] })
    expect(await stateOf(siteDir)).toEqual({ shards: [], delta: null, superseded: [], supersededIds: [] })
    expect(await exists(path.join(siteDir, 'pagefind-delta'))).toBe(false)
  }, 60_000)

  it('should index everything again when the delta outgrows its share, or the code changed', async () => {
    const stateDir = path.join(folder, 'state')
    await writeSearchIndex(path.join(folder, 'a'), { search: input(site(100)), stateDir, codeId: 'x' })
    const edited = site(100).map((item, n) => (n < 65 ? record(n, ' Edited.') : item))
    expect(await writeSearchIndex(path.join(folder, 'b'), { search: input(edited), stateDir, codeId: 'x' })).toMatchObject({ indexed: 100, incremental: false })
    // The full indexing became the new main bundle: the same records are now no change at all.
    expect(await writeSearchIndex(path.join(folder, 'c'), { search: input(edited), stateDir, codeId: 'x' })).toMatchObject({ indexed: 0, incremental: true })
    expect(await writeSearchIndex(path.join(folder, 'd'), { search: input(edited), stateDir, codeId: 'y' })).toMatchObject({ indexed: 100, incremental: false })
  }, 60_000)

  it('should split a full indexing into shards of at most shardSize stories, each a bundle the page merges', async () => {
    const stateDir = path.join(folder, 'state')
    const siteDir = path.join(folder, 'a')
    expect(await writeSearchIndex(siteDir, { search: input(site(5)), stateDir, codeId: 'x', shardSize: 2 })).toEqual({ indexed: 5, incremental: false, problems: [] })
    expect(await stateOf(siteDir)).toEqual({ shards: ['pagefind/shards/1/', 'pagefind/shards/2/'], delta: null, superseded: [], supersededIds: [] })
    for (const bundle of ['pagefind', 'pagefind/shards/1', 'pagefind/shards/2']) expect(await exists(path.join(siteDir, bundle, 'pagefind-entry.json'))).toBe(true)
    expect(await exists(path.join(siteDir, 'pagefind/shards/3'))).toBe(false)
    // Each shard holds its own stories: two, two and one pages.
    const pages = async (bundle: string): Promise<number> => {
      const entry = JSON.parse(await readFile(path.join(siteDir, bundle, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> }
      return Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0)
    }
    expect(await Promise.all(['pagefind', 'pagefind/shards/1', 'pagefind/shards/2'].map(pages))).toEqual([2, 2, 1])
    // A rebuild keeps every shard and adds the delta beside them.
    const next = path.join(folder, 'b')
    expect(await writeSearchIndex(next, { search: input([record(0, ' Edited.'), ...site(5).slice(1)]), stateDir, codeId: 'x', shardSize: 2 })).toEqual({ indexed: 1, incremental: true, problems: [] })
    const state = await stateOf(next)
    expect(state).toEqual({ shards: ['pagefind/shards/1/', 'pagefind/shards/2/'], delta: 'pagefind-delta/', superseded: ['/world/story-0/'], supersededIds: [expect.any(String)] })
    expect(await fragmentUrl(path.join(next, 'pagefind'), state.supersededIds[0] ?? '')).toBe('/world/story-0/')
    for (const bundle of ['pagefind', 'pagefind/shards/1', 'pagefind/shards/2', 'pagefind-delta']) expect(await exists(path.join(next, bundle, 'pagefind-entry.json'))).toBe(true)
    // Nothing is left beside the state folder.
    expect((await readdir(folder)).sort()).toEqual(['a', 'b', 'state'])
  }, 60_000)

  it('should write the same bundles from worker threads, two shards at once, as one at a time in this thread', async () => {
    const shardWorker = fileURLToPath(new URL('../../../lib/cli/search-shard.js', import.meta.url))
    const [inThread, inWorkers] = [path.join(folder, 'a'), path.join(folder, 'b')]
    const records = site(7)
    expect(await writeSearchIndex(inThread, { search: input(records), codeId: 'x', shardSize: 2 })).toEqual({ indexed: 7, incremental: false, problems: [] })
    expect(await writeSearchIndex(inWorkers, { search: input(records), codeId: 'x', shardSize: 2, shardWorker })).toEqual({ indexed: 7, incremental: false, problems: [] })
    const filesOf = async (root: string): Promise<Record<string, string>> => {
      const names = (await readdir(root, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
      return Object.fromEntries(await Promise.all(names.sort().map(async (name) => [name, createHash('sha1').update(await readFile(path.join(root, name))).digest('hex')] as const)))
    }
    const files = await filesOf(inWorkers)
    expect(Object.keys(files).filter((name) => name.endsWith('pagefind-entry.json'))).toHaveLength(4)
    expect(files).toEqual(await filesOf(inThread))
  }, 60_000)

  it('should stop the shard workers and say why when Pagefind fails', async () => {
    const shardWorker = fileURLToPath(new URL('../../../lib/cli/search-shard.js', import.meta.url))
    // A record Pagefind refuses: no URL.
    const broken = { ...record(1), url: undefined } as unknown as SearchRecord
    const result = writeSearchIndex(path.join(folder, 'a'), { search: input([record(0), broken, record(2)]), codeId: 'x', shardSize: 2, shardWorker })
    // Pagefind refuses the record outright: the build is told why, and the call ends (its shards closed).
    await expect(result).rejects.toThrow(/Pagefind.*missing field `url`/)
  }, 60_000)

  it('should write one empty bundle for a site with no stories', async () => {
    const siteDir = path.join(folder, 'a')
    expect(await writeSearchIndex(siteDir, { search: input([]), codeId: 'x' })).toEqual({ indexed: 0, incremental: false, problems: [] })
    expect(await exists(path.join(siteDir, 'pagefind', 'pagefind.js'))).toBe(true)
    expect(await stateOf(siteDir)).toEqual({ shards: [], delta: null, superseded: [], supersededIds: [] })
  }, 60_000)
})

/** Records that stop after the first batch until `release` is called: Pagefind's process is alive and idle meanwhile. */
function heldInput(records: readonly SearchRecord[]): SearchInput & { release: () => void; firstBatchTaken: Promise<void> } {
  let release: () => void = () => undefined
  const released = new Promise<void>((resolve) => {
    release = resolve
  })
  let taken: () => void = () => undefined
  const firstBatchTaken = new Promise<void>((resolve) => {
    taken = resolve
  })
  return {
    release,
    firstBatchTaken,
    fingerprints: new Map(records.map((item) => [item.url, item.url])),
    async *records(urls) {
      const wanted = records.filter((item) => urls.has(item.url))
      yield wanted.slice(0, 2)
      taken()
      await released
      yield wanted.slice(2)
    },
  }
}

/** This process's live Pagefind children (in this thread's Pagefind or a worker thread's, both children of this process). */
const pagefindChildren = () => childrenOf(process.pid).filter((child) => child.comm.startsWith('pagefind'))

/** Run `body` with Pagefind's own seam, the binary it runs, set to `binary`. */
async function withPagefindBinary(binary: string, body: () => Promise<void>): Promise<void> {
  const before = process.env.PAGEFIND_BINARY_PATH
  process.env.PAGEFIND_BINARY_PATH = binary
  try {
    await body()
  } finally {
    if (before === undefined) delete process.env.PAGEFIND_BINARY_PATH
    else process.env.PAGEFIND_BINARY_PATH = before
  }
}

describe('a Pagefind process that dies', () => {
  const shardWorker = fileURLToPath(new URL('../../../lib/cli/search-shard.js', import.meta.url))

  it.each([
    ['in this thread', undefined],
    ['in a worker thread', shardWorker],
  ])('should fail the indexing within seconds, saying how it died, when its process is killed %s', async (_where, worker) => {
    const held = heldInput(site(6))
    const indexing = startSearchIndex({ search: held, stateDir: path.join(folder, 'state'), codeId: 'x', shardWorker: worker })
    await held.firstBatchTaken
    // Pagefind took the first batch: its process is alive, waiting for more.
    const [child] = await waitFor(() => (pagefindChildren().length > 0 ? pagefindChildren() : undefined), 10_000, 'a Pagefind process')
    process.kill(child?.pid ?? 0, 'SIGKILL')
    await waitFor(() => (isAlive(child?.pid ?? 0) ? undefined : true), 10_000, 'the killed process to go')
    held.release()
    const started = Date.now()
    const written = indexing.writeInto(path.join(folder, 'site'))
    await expect(written).rejects.toThrow(SearchIndexFailure)
    await expect(written).rejects.toThrow(/^The search index could not be made: Pagefind was killed by SIGKILL/)
    expect(Date.now() - started).toBeLessThan(5_000)
    expect(indexing.failure()).toBeInstanceOf(SearchIndexFailure)
    // Nothing left running, no scratch folder, and nothing kept as the next build's main index.
    expect(pagefindChildren()).toEqual([])
    expect(await readdir(folder)).toEqual([])
  }, 30_000)

  it('should fail with its exit code and the reason it gave when it panics on a full disk', async () => {
    // This binary fails as Pagefind does on a full disk, once it is sent its first request.
    const fake = path.join(folder, 'pagefind-disk-full')
    await writeFile(
      fake,
      [
        '#!/bin/sh',
        'head -c 1 > /dev/null',
        `echo "thread 'main' panicked at pagefind/src/service.rs:120:43:" >&2`,
        `echo 'called \`Result::unwrap()\` on an \`Err\` value: Os { code: 28, kind: StorageFull, message: "No space left on device" }' >&2`,
        "echo 'note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace' >&2",
        'exit 101',
        '',
      ].join('\n'),
    )
    await chmod(fake, 0o755)
    await withPagefindBinary(fake, async () => {
      const started = Date.now()
      const written = writeSearchIndex(path.join(folder, 'site'), { search: input(site(3)), codeId: 'x' })
      await expect(written).rejects.toThrow(/^The search index could not be made: Pagefind stopped with exit code 101: the disk is full \(called `Result::unwrap\(\)` on an `Err` value: .*StorageFull/)
      expect(Date.now() - started).toBeLessThan(5_000)
      expect(pagefindChildren()).toEqual([])
    })
    // Pagefind's API still works in this thread afterwards: the dead process was forgotten.
    expect(await writeSearchIndex(path.join(folder, 'again'), { search: input(site(3)), codeId: 'x' })).toMatchObject({ indexed: 3 })
  }, 30_000)

  it('should fail at once, saying so, when the Pagefind binary cannot be started', async () => {
    await withPagefindBinary(path.join(folder, 'no-such-pagefind'), async () => {
      await expect(writeSearchIndex(path.join(folder, 'site'), { search: input(site(3)), codeId: 'x' })).rejects.toThrow(/^The search index could not be made: Pagefind could not be started: spawn .*no-such-pagefind ENOENT/)
    })
  }, 30_000)
})
