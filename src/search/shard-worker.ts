/**
 * A worker thread that indexes one search shard in a Pagefind process of its own.
 *
 * Pagefind's Node API runs one service process per module instance, and that process
 * indexes one thing at a time on one core. A worker thread loads its own instance, so two
 * workers give two processes: one shard is written while the next is filled, on both cores
 * (see `src/search/index.ts`). Requests come one at a time, each answered with what
 * Pagefind said: `add` a batch of records, then `write` the bundle and stop.
 */
import { parentPort } from 'node:worker_threads'
import type { SearchRecord } from './records.js'
import { pagefindShard } from './pagefind-shard.js'

/** A request from the main thread, numbered so its answer can be told apart. */
export type ShardRequest = { readonly id: number } & ({ readonly kind: 'add'; readonly records: readonly SearchRecord[] } | { readonly kind: 'write'; readonly outputPath: string } | { readonly kind: 'close' })

/** The answer to request `id`: Pagefind's errors, or the exception that stopped it. */
export type ShardReply = { readonly id: number } & ({ readonly ok: true; readonly errors: readonly string[] } | { readonly ok: false; readonly message: string })

// The shard waits for its process to exit when it stops: this thread is terminated right
// after, and a process nobody waited for would stay a zombie until the build ends.
const shard = pagefindShard(() => import('pagefind'))

async function handle(request: ShardRequest): Promise<readonly string[]> {
  if (request.kind === 'close') {
    await shard.close()
    return []
  }
  return request.kind === 'add' ? shard.add(request.records) : shard.write(request.outputPath)
}

parentPort?.on('message', (request: ShardRequest) => {
  handle(request).then(
    (errors) => parentPort?.postMessage({ id: request.id, ok: true, errors } satisfies ShardReply),
    (error: unknown) => parentPort?.postMessage({ id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) } satisfies ShardReply),
  )
})
