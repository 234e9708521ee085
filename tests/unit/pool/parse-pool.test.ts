import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest'
import { createParsePool, timeLimit } from '../../../src/pool/parse-pool.js'
import { progressBytes, startSlot } from '../../../src/pool/progress.js'
import { parseTask } from '../../../src/pool/parse-worker.js'

// Worker threads run compiled JavaScript: `npm test` bundles lib/ first (pretest).
const workerFile = fileURLToPath(new URL('../../../lib/pool/parse-worker.cjs', import.meta.url))
const task = {
  path: 'world/talks.md',
  cwd: '/',
  sourcePath: 'world/talks.md',
  text: '---\ntitle: Talks resume\ndate: 2026-01-02\n---\n\n"We are ready," said Jane Doe.\n',
  attribute: true,
}
/**
 * A file that takes micromark far longer than the limits below, within the input bounds:
 * 240,000 `[` in blocks of 16,000 (about 1.5 s of CPU).
 */
const stuck = { ...task, text: `---\ntitle: Stuck\ndate: 2026-01-02\n---\n\n${Array.from({ length: 15 }, () => '['.repeat(16_000)).join('\n\n')}\n` }

describe('parse pool', () => {
  const pool = createParsePool({ workerFile, threads: 1 })
  afterAll(() => pool.close())

  it('should have a compiled worker to run', () => {
    expect(existsSync(workerFile), `${path.relative(process.cwd(), workerFile)} is built by npm test's pretest`).toBe(true)
  })

  it('should load its worker as plain CommonJS, never through require(esm)', () => {
    // piscina require()s the worker first. Node 20's require(esm) aborts the whole process
    // ("IsGraphAsync must be used on an instantiated module") when a thread is stopped while
    // it loads an ES module that way, as closing the pool after a timed-out parse does. With
    // require(esm) turned off, an ES module worker fails here instead of at random in a build.
    const loaded = spawnSync(
      process.execPath,
      ['--no-experimental-require-module', '-e', 'process.stdout.write(typeof require(process.argv[1]).default)', workerFile],
      { encoding: 'utf8' },
    )
    expect(loaded.stderr).toBe('')
    expect(loaded.stdout).toBe('function')
  })

  it('should parse in a worker to the same entry as on this thread', async () => {
    const outcome = await pool.parse(task, 30_000)
    expect(outcome).toEqual({ ok: true, json: parseTask(task) })
  })

  it('should give up on a file that runs past its time limit, saying in which stage it was', async () => {
    const outcome = await pool.parse(stuck, 200)
    expect(outcome).toEqual({ ok: false, timedOut: true, stage: 'Markdown' })
  })

  it('should hand a thread its next task while it parses one, and count the time limit from the start of each parse', async () => {
    // Two tasks in flight on one thread: the second waits behind ~1.5 s of CPU, far longer
    // than its own limit, and must still be parsed, as its parse takes milliseconds.
    expect(pool.concurrency).toBe(2)
    const [slow, quick] = await Promise.all([pool.parse(stuck, 60_000), pool.parse(task, 1_000)])
    expect(slow.ok).toBe(true)
    expect(quick).toEqual({ ok: true, json: parseTask(task) })
  })

  it('should keep working after a task was stopped', async () => {
    await pool.parse(stuck, 200)
    const outcome = await pool.parse(task, 30_000)
    expect(outcome.ok).toBe(true)
  })
})

describe('the time limit of a parse', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('should count from when the parse began, never from a period boundary just after', () => {
    vi.useFakeTimers()
    const shared = new SharedArrayBuffer(progressBytes)
    const stop = vi.fn()
    timeLimit(shared, 100, stop)
    // Queued for 250 ms behind another task, then begins 5 ms before the clock's next tick.
    vi.advanceTimersByTime(295)
    startSlot(shared)[0] = Date.now()
    vi.advanceTimersByTime(90)
    expect(stop).not.toHaveBeenCalled()
    vi.advanceTimersByTime(15)
    expect(stop).toHaveBeenCalledTimes(1)
  })

  it('should stop a parse that began at once after its limit', () => {
    vi.useFakeTimers()
    const shared = new SharedArrayBuffer(progressBytes)
    startSlot(shared)[0] = Date.now()
    const stop = vi.fn()
    const timer = timeLimit(shared, 100, stop)
    vi.advanceTimersByTime(99)
    expect(stop).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(stop).toHaveBeenCalledTimes(1)
    timer.clear()
  })
})
