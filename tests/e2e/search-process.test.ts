/**
 * A Pagefind process that dies under a build: killed as the out-of-memory killer would, or
 * stopped by a panic on a full disk. The real CLI must end within seconds with one line
 * that says so (exit code 2), leave the previous `dist/` as it was, and leave no process
 * behind. Pagefind's own seam, `PAGEFIND_BINARY_PATH`, runs a stand-in for its binary.
 */
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { chmod, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashFolder, runCli, writeArticles } from '../hostile/cli-site.js'
import { processesWithEnv, waitFor } from '../helpers/processes.js'

let project: string
let version = 0

beforeAll(async () => {
  project = await mkdtemp(path.join(tmpdir(), 'dateline-search-process-'))
  await writeArticles(project, 30, version)
  const run = await runCli(['build'], { cwd: project })
  expect(run.code, run.stderr).toBe(0)
}, 60_000)

afterAll(async () => {
  await rm(project, { recursive: true, force: true })
})

/** The first pid written to `file`, once there is one. */
function pidIn(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, 'utf8').split('\n')[0])
    return pid > 0 ? pid : undefined
  } catch {
    return undefined
  }
}

/** Write a script for Pagefind to run instead of its binary. */
async function standIn(name: string, lines: readonly string[]): Promise<string> {
  const file = path.join(project, name)
  await writeFile(file, ['#!/bin/sh', ...lines, ''].join('\n'))
  await chmod(file, 0o755)
  return file
}

/** The checks every fault shares: one line, exit code 2, the old site whole, nothing left running or lying about. */
async function expectCleanFailure(run: { code: number | null; stderr: string }, before: string, mark: string): Promise<void> {
  expect(run.code, run.stderr).toBe(2)
  expect(run.stderr).toMatch(/^The search index could not be made: .*\. Nothing was written: dist\/ is as it was\. Build again, or with --no-search to skip the index\.$/m)
  // No stack trace, and nothing from Pagefind's own error printing.
  expect(run.stderr).not.toMatch(/^\s+at /m)
  expect(run.stderr).not.toContain('Service stopped')
  expect(await hashFolder(path.join(project, 'dist'))).toBe(before)
  expect((await readdir(project)).filter((name) => name.startsWith('.dist.'))).toEqual([])
  expect(processesWithEnv(mark)).toEqual([])
}

describe('dateline build when its Pagefind process dies', () => {
  it('should end within seconds, saying Pagefind was killed, when its process is killed with SIGKILL', async () => {
    const before = await hashFolder(path.join(project, 'dist'))
    const pids = path.join(project, 'pagefind-pids')
    // The stand-in stops itself as it starts, so the test kills the very process the build
    // started, while the build waits for its answer.
    const binary = await standIn('pagefind-stopped', ['echo $$ >> "$TEST_PAGEFIND_PIDS"', 'kill -STOP $$', 'exit 0'])
    await writeArticles(project, 30, ++version)
    const mark = `DATELINE_TEST_RUN=${randomUUID()}`
    let killedAt = 0
    const run = await runCli(['build'], {
      cwd: project,
      env: { PAGEFIND_BINARY_PATH: binary, TEST_PAGEFIND_PIDS: pids, DATELINE_TEST_RUN: mark.split('=')[1] },
      onStart: () => {
        // Kill the process as soon as it has said its pid.
        void waitFor(() => pidIn(pids), 60_000, 'the Pagefind process').then(
          (pid) => {
            killedAt = Date.now()
            process.kill(pid, 'SIGKILL')
          },
          () => undefined,
        )
      },
    })
    expect(killedAt, run.stderr).toBeGreaterThan(0)
    expect(Date.now() - killedAt).toBeLessThan(10_000)
    expect(run.stderr).toContain('Pagefind was killed by SIGKILL (as the out-of-memory killer does)')
    await expectCleanFailure(run, before, mark)
  }, 90_000)

  it('should end at once, saying the disk is full, when Pagefind panics with StorageFull', async () => {
    const before = await hashFolder(path.join(project, 'dist'))
    const binary = await standIn('pagefind-disk-full', [
      'head -c 1 > /dev/null',
      `echo "thread 'main' panicked at pagefind/src/service.rs:120:43:" >&2`,
      `echo 'called \`Result::unwrap()\` on an \`Err\` value: Os { code: 28, kind: StorageFull, message: "No space left on device" }' >&2`,
      "echo 'note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace' >&2",
      'exit 101',
    ])
    await writeArticles(project, 30, ++version)
    const mark = `DATELINE_TEST_RUN=${randomUUID()}`
    const started = Date.now()
    const run = await runCli(['build'], { cwd: project, env: { PAGEFIND_BINARY_PATH: binary, DATELINE_TEST_RUN: mark.split('=')[1] } })
    expect(Date.now() - started).toBeLessThan(30_000)
    expect(run.stderr).toContain('Pagefind stopped with exit code 101: the disk is full (called `Result::unwrap()` on an `Err` value: Os { code: 28, kind: StorageFull')
    // The panic's own lines are not passed through.
    expect(run.stderr).not.toContain('panicked at')
    await expectCleanFailure(run, before, mark)
  }, 90_000)

  it('should build as before once Pagefind works again', async () => {
    const run = await runCli(['build'], { cwd: project })
    expect(run.code, run.stderr).toBe(0)
    expect(await readdir(path.join(project, 'dist', 'pagefind'))).toContain('pagefind-entry.json')
  }, 60_000)
})
