/**
 * One search shard's index in a Pagefind service: made on the first request, fed records,
 * written once. Both ways of indexing a shard go through it: in this thread's Pagefind
 * (`src/cli/search-index.ts`, one shard at a time) and in a worker thread's
 * (`src/cli/search-shard.ts`, a process per shard).
 */
import type { SearchRecord } from '../render/search-records.js'

export type Pagefind = typeof import('pagefind')
type PagefindIndex = NonNullable<Awaited<ReturnType<Pagefind['createIndex']>>['index']>

/** One shard's index on its way. */
export interface ShardIndexer {
  /** Add records; resolves to what Pagefind said about them. */
  readonly add: (records: readonly SearchRecord[]) => Promise<readonly string[]>
  /** Write the bundle into `outputPath` and stop this shard's Pagefind. */
  readonly write: (outputPath: string) => Promise<readonly string[]>
  /** Stop without writing. */
  readonly close: () => Promise<void>
}

/**
 * A shard in the Pagefind that `load` gives, stopped with `stop` once written or closed.
 * What Pagefind said when the index was made comes with the next answer.
 */
export function pagefindShard(load: () => Promise<Pagefind>, stop: (pagefind: Pagefind) => Promise<void>): ShardIndexer {
  let pagefind: Pagefind | undefined
  let opening: Promise<PagefindIndex> | undefined
  const said: string[] = []
  const indexOf = (): Promise<PagefindIndex> =>
    (opening ??= (async () => {
      pagefind = await load()
      const created = await pagefind.createIndex({})
      said.push(...created.errors)
      if (created.index === undefined) throw new Error(`Pagefind made no index: ${created.errors.join('; ') || 'no reason given'}`)
      return created.index
    })())
  return {
    async add(records) {
      const index = await indexOf()
      const added = await Promise.all(records.map((record) => index.addCustomRecord(record)))
      return [...said.splice(0), ...added.flatMap((result) => result.errors)]
    },
    async write(outputPath) {
      const index = await indexOf()
      const written = await index.writeFiles({ outputPath })
      if (pagefind !== undefined) await stop(pagefind)
      return [...said.splice(0), ...written.errors]
    },
    async close() {
      // An index still being made is waited for, so its process is stopped too.
      await opening?.catch(() => undefined)
      if (pagefind !== undefined) await stop(pagefind)
    },
  }
}
