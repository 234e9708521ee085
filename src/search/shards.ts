/**
 * Indexing records into shards: each shard a fresh Pagefind process, in this thread or in a
 * worker thread (`src/search/shard-worker.ts`), at most a few alive at once (see
 * `src/search/index.ts`).
 */
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import type { SearchRecord } from './records.js'
import { type Pagefind, pagefindShard, type ShardIndexer } from './pagefind-shard.js'
import type { ShardReply, ShardRequest } from './shard-worker.js'

/** Bundles written into `dir/0`, `dir/1`, … by `indexShards`, and what Pagefind said. */
export interface Written {
  readonly dir: string
  readonly shards: number
  readonly problems: readonly string[]
}

/** How shards are indexed: a new one on demand, and how many may be alive at once. */
export interface ShardSource {
  readonly open: () => ShardIndexer
  readonly concurrency: number
}

/**
 * Shards in this thread's Pagefind, one at a time: its Node API drives a single process
 * per module instance (tests, and builds without the worker file).
 */
export function inThreadShards(load: () => Promise<Pagefind>): ShardSource {
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
export function workerShards(workerFile: string): ShardSource {
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
export async function indexShards(source: ShardSource, records: AsyncIterable<readonly SearchRecord[]>, dir: string, shardSize: number, meta: Readonly<Record<string, string>>, live: Set<ShardIndexer>): Promise<Written> {
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
