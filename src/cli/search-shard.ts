/**
 * A worker thread that indexes one search shard in a Pagefind process of its own.
 *
 * Pagefind's Node API runs one service process per module instance, and that process
 * indexes one thing at a time on one core. A worker thread loads its own instance, so two
 * workers give two processes: one shard is written while the next is filled, on both cores
 * (see `src/cli/search-index.ts`). Requests come one at a time, each answered with what
 * Pagefind said: `add` a batch of records, then `write` the bundle and stop.
 */
import childProcess, { type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { parentPort } from 'node:worker_threads'
import type { SearchRecord } from '../render/search-records.js'

// Pagefind's client kills its process on close but never waits for it: a process nobody
// waits for stays a zombie until the build ends, since this thread (whose event loop would
// have reaped it) is stopped right after. So its spawns are kept, and waited for below.
const spawned: ChildProcess[] = []
const spawn = childProcess.spawn
childProcess.spawn = ((...args: Parameters<typeof spawn>) => {
  const child = spawn(...args)
  spawned.push(child)
  return child
}) as typeof spawn

/** Stop this thread's Pagefind and wait until its process has exited. */
async function stop(pagefind: Pagefind | undefined): Promise<void> {
  await pagefind?.close()
  await Promise.all(spawned.splice(0).map((child) => (child.exitCode !== null || child.signalCode !== null ? undefined : once(child, 'exit'))))
}

/** A request from the main thread, numbered so its answer can be told apart. */
export type ShardRequest = { readonly id: number } & ({ readonly kind: 'add'; readonly records: readonly SearchRecord[] } | { readonly kind: 'write'; readonly outputPath: string } | { readonly kind: 'close' })

/** The answer to request `id`: Pagefind's errors, or the exception that stopped it. */
export type ShardReply = { readonly id: number } & ({ readonly ok: true; readonly errors: readonly string[] } | { readonly ok: false; readonly message: string })

type Pagefind = typeof import('pagefind')
type PagefindIndex = NonNullable<Awaited<ReturnType<Pagefind['createIndex']>>['index']>

let pagefind: Pagefind | undefined
let index: PagefindIndex | undefined
const created: string[] = []

async function indexOf(): Promise<PagefindIndex> {
  pagefind ??= await import('pagefind')
  if (index === undefined) {
    const result = await pagefind.createIndex({})
    created.push(...result.errors)
    if (result.index === undefined) throw new Error(`Pagefind made no index: ${result.errors.join('; ') || 'no reason given'}`)
    index = result.index
  }
  return index
}

async function handle(request: ShardRequest): Promise<readonly string[]> {
  if (request.kind === 'close') {
    await stop(pagefind)
    return []
  }
  const shard = await indexOf()
  const errors = created.splice(0)
  if (request.kind === 'add') {
    const added = await Promise.all(request.records.map((record) => shard.addCustomRecord(record)))
    for (const result of added) errors.push(...result.errors)
    return errors
  }
  const written = await shard.writeFiles({ outputPath: request.outputPath })
  await stop(pagefind)
  return [...errors, ...written.errors]
}

parentPort?.on('message', (request: ShardRequest) => {
  handle(request).then(
    (errors) => parentPort?.postMessage({ id: request.id, ok: true, errors } satisfies ShardReply),
    (error: unknown) => parentPort?.postMessage({ id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) } satisfies ShardReply),
  )
})
