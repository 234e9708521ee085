/**
 * A pool of worker threads that parse articles, with a time limit per file. Parsing is the
 * costliest stage and each article is parsed on its own (DESIGN.md §1), so it spreads over
 * every core. The limit is what makes parsing bounded: micromark can take seconds per
 * kilobyte on pathological input, and a thread stuck on one file is stopped and replaced
 * while the rest of the build goes on.
 */
import { availableParallelism } from 'node:os'
import { Piscina } from 'piscina'
import { parseStages, type ParseStage } from '../parse/stages.js'
import type { ParseTask } from './parse-worker.js'
import { progressBytes, stageSlot, startSlot } from './progress.js'

export type { ParseTask } from './parse-worker.js'

/**
 * Default time limit for parsing one file: a last guard, not a bound. What a file may hold
 * is bounded (`src/parse/bounds.ts`), so that whether it is published never depends on the
 * machine: within the bounds the worst inputs known take at most 3.5 s of CPU on the 2-core
 * test machine, from a cold thread (a 4.5 KB article takes about 10 ms), and this limit is
 * far above that. A wall-clock limit near the work itself (it was 5 s) turned a 3-second
 * parse into a failure whenever the machine was busy.
 */
export const defaultParseTimeoutMs = 60_000

export interface ParsePoolOptions {
  /** The compiled worker module (`lib/pool/parse-worker.cjs`, CommonJS: see scripts/bundle.mjs). */
  readonly workerFile: string
  /** Threads (default: the number of cores). */
  readonly threads?: number
}

/** The outcome of one task: the entry's JSON text, or the fact that it ran out of time, and in which stage. */
export type ParseOutcome = { readonly ok: true; readonly json: string } | { readonly ok: false; readonly timedOut: true; readonly stage?: ParseStage }

export interface ParsePool {
  /** How many tasks are worth keeping in flight at once (the queue bound). */
  readonly concurrency: number
  /** Parse one file in a worker, giving up after `timeoutMs`. Rejects only for faults in the parser itself. */
  readonly parse: (task: ParseTask, timeoutMs: number) => Promise<ParseOutcome>
  /**
   * Start the threads now, so the first task does not wait for them (for `dateline dev`):
   * as many as `files` need when that is known (default: all), since starting a thread
   * costs about a third of a second of CPU.
   */
  readonly warm: (files?: number) => void
  /** Stop the threads. */
  readonly close: () => Promise<void>
}

/** Create a pool. Threads start on the first task, so a build that parses nothing (every article cached) pays nothing. */
export function createParsePool(options: ParsePoolOptions): ParsePool {
  const threads = Math.max(1, options.threads ?? availableParallelism())
  let piscina: Piscina | undefined
  const started = (files = threads): Piscina => {
    // Threads beyond the first start only when the work needs them; piscina adds them up
    // to maxThreads as tasks queue.
    piscina ??= new Piscina({
      filename: options.workerFile,
      minThreads: Math.max(1, Math.min(threads, files)),
      maxThreads: threads,
      // Callers keep at most `concurrency` tasks in flight; a larger queue is a bug.
      maxQueue: threads * 4,
      // Each thread is handed its next task while it parses one (see `concurrency`).
      concurrentTasksPerWorker: 2,
      idleTimeout: 60_000,
    })
    return piscina
  }
  return {
    // Two tasks per thread in flight: a thread that finishes one starts the next at once,
    // instead of idling while the main thread (busy with the last answer, or collecting
    // garbage) hands it another; with one in flight, each parse thread waited for work
    // about a third of a 4,000-story parse stage. The time limit still measures a task's
    // own parse, never its wait behind another: see `limit`.
    concurrency: threads * 2,
    async parse(task, timeoutMs) {
      const pool = started()
      const controller = new AbortController()
      const shared = new SharedArrayBuffer(progressBytes)
      const progress = stageSlot(shared)
      const timer = timeLimit(shared, timeoutMs, () => controller.abort())
      try {
        const json = (await pool.run({ ...task, progress: shared }, { signal: controller.signal })) as string
        return { ok: true, json }
      } catch (error) {
        if (controller.signal.aborted) {
          const stage = parseStages[Atomics.load(progress, 0) - 1]
          return stage === undefined ? { ok: false, timedOut: true } : { ok: false, timedOut: true, stage }
        }
        throw error
      } finally {
        timer.clear()
      }
    },
    warm(files) {
      started(files)
    },
    async close() {
      await piscina?.destroy()
      piscina = undefined
    },
  }
}

/**
 * Calls `stop` once a task has run `timeoutMs` since a thread started it. The worker writes
 * when its parse began into `shared` (`progressBytes`); while it has not (the task waits in
 * the queue behind another), the clock is started again. So the limit counts the parse
 * itself, never the wait behind another task, and never less than `timeoutMs` of it.
 */
export function timeLimit(shared: SharedArrayBuffer, timeoutMs: number, stop: () => void): { readonly clear: () => void } {
  const started = startSlot(shared)
  let timer: NodeJS.Timeout
  const arm = (ms: number): void => {
    timer = setTimeout(() => {
      const began = started[0] ?? 0
      if (began === 0) return arm(timeoutMs)
      const left = began + timeoutMs - Date.now()
      if (left > 0) arm(left)
      else stop()
    }, ms)
  }
  arm(timeoutMs)
  return { clear: () => clearTimeout(timer) }
}
