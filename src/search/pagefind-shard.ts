/**
 * One search shard's index in a Pagefind service: made on the first request, fed records,
 * written once. Both ways of indexing a shard go through it: in this thread's Pagefind
 * (`src/search/index.ts`, one shard at a time) and in a worker thread's
 * (`src/search/shard-worker.ts`, a process per shard).
 *
 * Pagefind's Node API runs its work in a child process and waits for that process's
 * answers, but never looks at the process itself: one that dies (killed by the kernel's
 * out-of-memory killer, or a panic on a full disk) leaves every request waiting forever, and
 * the build with it. So the process is caught as the API starts it and watched: when it
 * stops without being asked, the request waiting on it, and any after it, fail with how it
 * stopped (its signal, or its exit code and the last line it wrote to stderr).
 */
import childProcess, { type ChildProcess, type SpawnOptions } from 'node:child_process'
import type { SearchRecord } from './records.js'

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

/** Pagefind's process stopped on its own, or could not be started: the message says how. */
export class PagefindStopped extends Error {
  override readonly name = 'PagefindStopped'
}

/** How long a Pagefind process asked to stop (SIGTERM) may take before it is killed. */
const stopGraceMs = 5_000
/** The end of Pagefind's stderr kept for a message: a panic's line is short. */
const stderrKept = 8_192

/**
 * Run `call` and watch the child process it starts (Pagefind's API starts its process
 * synchronously inside `createIndex`, writes its first request to it at once, and keeps it
 * to itself). The process's stderr is piped instead of inherited, so a panic becomes one
 * line of the build's message, not a dump.
 */
function watchedDuring<T>(call: () => T): { readonly result: T; readonly watched: Watched | undefined } {
  const spawn = childProcess.spawn
  let watched: Watched | undefined
  childProcess.spawn = ((command: string, args: readonly string[], options: SpawnOptions) => {
    const started = spawn(command, args, { ...options, stdio: ['pipe', 'pipe', 'pipe'] })
    // Watched before Pagefind sees it, so its first write goes through the watch too.
    watched = watch(started)
    return started
  }) as typeof spawn
  try {
    return { result: call(), watched }
  } finally {
    childProcess.spawn = spawn
  }
}

/** The line of a panic or error worth showing from what a process wrote to stderr. */
function lastWords(stderr: string): string | undefined {
  const lines = stderr
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/^note: run with /.test(line) && !/^stack backtrace:/.test(line))
  const line = lines.at(-1)
  return line === undefined ? undefined : line.length > 300 ? `${line.slice(0, 299)}…` : line
}

/** How a process that stopped on its own stopped, in words. */
export function describeStop(code: number | null, signal: NodeJS.Signals | null, stderr: string): string {
  const said = lastWords(stderr)
  const how = signal !== null ? `was killed by ${signal}${signal === 'SIGKILL' ? ' (as the out-of-memory killer does)' : ''}` : `stopped with exit code ${code ?? 'unknown'}`
  const full = /StorageFull|No space left on device|ENOSPC/.test(stderr) ? ': the disk is full' : ''
  return `Pagefind ${how}${full}${said === undefined ? '' : ` (${said})`}`
}

/** A Pagefind process being watched. */
interface Watched {
  /** `work`, or the reason the process stopped if it stops first (or had stopped already). */
  readonly guard: <T>(work: () => Promise<T>) => Promise<T>
  /** Say the process is being stopped on purpose, and wait until it has exited (killed if it lingers). */
  readonly stopped: () => Promise<void>
}

function watch(child: ChildProcess): Watched {
  let stderr = ''
  child.stderr?.setEncoding('utf8')
  child.stderr?.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-stderrKept)
  })
  let asked = false
  let reason: PagefindStopped | undefined
  let fail: (error: PagefindStopped) => void = () => undefined
  const failed = new Promise<never>((_, reject) => {
    fail = reject
  })
  // Raced against every request; when none is waiting, the next one is told instead.
  failed.catch(() => undefined)
  const stop = (why: string): void => {
    if (asked || reason !== undefined) return
    reason = new PagefindStopped(why)
    fail(reason)
  }
  let markClosed: () => void = () => undefined
  const closed = new Promise<void>((resolve) => {
    markClosed = resolve
  })
  // 'close' comes once the process has exited and its stderr is read to the end.
  child.once('close', (code: number | null, signal: NodeJS.Signals | null) => {
    stop(describeStop(code, signal, stderr))
    markClosed()
  })
  // Pagefind prints a failed start, and a failed write to its process, with the error's
  // stack ("Service stopped …"). The watch says what happened instead, once: such errors
  // reach it alone. A write fails because the process is gone or going, and its 'close'
  // says how; one still running without taking input is killed after a grace period.
  const emit = child.emit.bind(child)
  child.emit = ((event: string | symbol, ...args: unknown[]) => {
    if (event !== 'error') return emit(event, ...args)
    const error = args[0]
    const message = error instanceof Error ? error.message : String(error)
    if (child.pid === undefined) {
      // Never started: there will be no 'close'.
      stop(`Pagefind could not be started: ${message}`)
      markClosed()
    } else {
      stop(`Pagefind failed: ${message}`)
      child.kill('SIGKILL')
    }
    return true
  }) as typeof child.emit
  killWhenInputFails(child)
  return {
    guard(work) {
      if (reason !== undefined) return Promise.reject(reason)
      return Promise.race([work(), failed])
    },
    async stopped() {
      asked = reason === undefined
      const kill = setTimeout(() => child.kill('SIGKILL'), stopGraceMs)
      await closed
      clearTimeout(kill)
    },
  }
}

/**
 * A failed write to the process's stdin (it is gone or going) is not Pagefind's to see:
 * the process's 'close' says how it stopped, and one still running is killed after a grace
 * period.
 */
function killWhenInputFails(child: ChildProcess): void {
  const stdin = child.stdin
  if (stdin === null) return
  const lingering = (): void => {
    setTimeout(() => child.kill('SIGKILL'), stopGraceMs).unref()
  }
  const write = stdin.write.bind(stdin) as (chunk: unknown, callback: (error?: Error | null) => void) => boolean
  stdin.write = ((chunk: unknown, ...rest: unknown[]) => {
    const callback = rest.find((arg): arg is (error?: Error | null) => void => typeof arg === 'function')
    return write(chunk, (error) => {
      if (error) lingering()
      else callback?.()
    })
  }) as typeof stdin.write
  const emitIn = stdin.emit.bind(stdin)
  stdin.emit = ((event: string | symbol, ...args: unknown[]) => {
    if (event !== 'error') return emitIn(event, ...args)
    lingering()
    return true
  }) as typeof stdin.emit
}

/**
 * A shard in the Pagefind that `load` gives, its process stopped (and waited for) once the
 * shard is written or closed. What Pagefind said when the index was made comes with the
 * next answer.
 */
export function pagefindShard(load: () => Promise<Pagefind>): ShardIndexer {
  let pagefind: Pagefind | undefined
  let watched: Watched | undefined
  let opening: Promise<PagefindIndex> | undefined
  const said: string[] = []
  const guard = <T>(work: () => Promise<T>): Promise<T> => (watched === undefined ? work() : watched.guard(work))
  const indexOf = (): Promise<PagefindIndex> =>
    (opening ??= (async () => {
      const loaded = await load()
      pagefind = loaded
      const started = watchedDuring(() => loaded.createIndex({}))
      watched = started.watched
      const { result } = started
      const created = await guard(() => result)
      said.push(...created.errors)
      if (created.index === undefined) throw new Error(`Pagefind made no index: ${created.errors.join('; ') || 'no reason given'}`)
      return created.index
    })())
  /** Stop this shard's Pagefind, and wait until its process has exited: no process outlives the shard, not even as a zombie. */
  const stop = async (): Promise<void> => {
    if (pagefind === undefined) return
    const stopping = watched?.stopped()
    // Also forgets a dead process, so the next shard in this thread starts a fresh one.
    await pagefind.close()
    await stopping
  }
  return {
    async add(records) {
      const index = await indexOf()
      const added = await guard(() => Promise.all(records.map((record) => index.addCustomRecord(record))))
      return [...said.splice(0), ...added.flatMap((result) => result.errors)]
    },
    async write(outputPath) {
      const index = await indexOf()
      try {
        const written = await guard(() => index.writeFiles({ outputPath }))
        return [...said.splice(0), ...written.errors]
      } finally {
        await stop()
      }
    },
    async close() {
      // An index still being made is waited for, so its process is stopped too.
      await opening?.catch(() => undefined)
      await stop()
    },
  }
}
