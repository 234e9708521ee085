import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { root } from './site-fixture.js'

const bin = path.join(root, 'bin', 'dateline.js')
const folders: string[] = []

afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true })
})

/** A project of `count` short articles in one section. */
function project(count: number): string {
  const cwd = mkdtempSync(path.join(tmpdir(), 'dateline-many-'))
  folders.push(cwd)
  const dir = path.join(cwd, 'content', 'local')
  mkdirSync(dir, { recursive: true })
  for (let n = 0; n < count; n++) {
    const day = String(1 + (n % 28)).padStart(2, '0')
    writeFileSync(
      path.join(dir, `story-${n}.md`),
      `---\ntitle: "Story number ${n}"\ndate: 2026-03-${day}T09:00:00Z\n---\n\nThe council met for the ${n}th time, a spokeswoman said.\n\n"We will be back," said Ana Lima, the clerk.\n`,
    )
  }
  return cwd
}

describe('a site with more articles than the process may open files', () => {
  it('should read, cache and write them all with a descriptor limit of 200 (the stages open files a few dozen at a time)', () => {
    const cwd = project(600)
    // Twice: a cold build, then a rebuild that reads every cache entry and links every page.
    for (const round of ['cold', 'rebuild']) {
      const run = spawnSync('bash', ['-c', `ulimit -n 200 && exec "${process.execPath}" "${bin}" build --no-search`], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } })
      expect({ round, code: run.status, problems: run.stderr.split('\n').filter((line) => /EMFILE|  error  /.test(line)).slice(0, 3) }).toEqual({ round, code: 0, problems: [] })
    }
    expect(readdirSync(path.join(cwd, 'dist', 'local')).filter((name) => name.startsWith('story-'))).toHaveLength(600)
  }, 120_000)
})
