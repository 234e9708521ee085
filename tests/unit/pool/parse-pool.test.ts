import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { createParsePool } from '../../../src/pool/parse-pool.js'
import { parseTask } from '../../../src/pool/parse-worker.js'

// Worker threads run compiled JavaScript: `npm test` bundles lib/ first (pretest).
const workerFile = fileURLToPath(new URL('../../../lib/pool/parse-worker.js', import.meta.url))
const task = {
  path: 'world/talks.md',
  cwd: '/',
  sourcePath: 'world/talks.md',
  text: '---\ntitle: Talks resume\ndate: 2026-01-02\n---\n\n"We are ready," said Jane Doe.\n',
  attribute: true,
}
/** A file that takes micromark far longer than the limits below: a megabyte of `[`. */
const stuck = { ...task, text: `---\ntitle: Stuck\ndate: 2026-01-02\n---\n\n${'['.repeat(1_000_000)}\n` }

describe('parse pool', () => {
  const pool = createParsePool({ workerFile, threads: 1 })
  afterAll(() => pool.close())

  it('should have a compiled worker to run', () => {
    expect(existsSync(workerFile), `${path.relative(process.cwd(), workerFile)} is built by npm test's pretest`).toBe(true)
  })

  it('should parse in a worker to the same entry as on this thread', async () => {
    const outcome = await pool.parse(task, 30_000)
    expect(outcome).toEqual({ ok: true, json: parseTask(task) })
  })

  it('should give up on a file that runs past its time limit', async () => {
    const outcome = await pool.parse(stuck, 200)
    expect(outcome).toEqual({ ok: false, timedOut: true })
  })

  it('should keep working after a task was stopped', async () => {
    await pool.parse(stuck, 200)
    const outcome = await pool.parse(task, 30_000)
    expect(outcome.ok).toBe(true)
  })
})
