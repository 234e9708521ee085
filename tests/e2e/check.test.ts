/**
 * `dateline check`: lints the content folder with the real CLI, prints
 * `file:line:column  severity  message  rule-id`, exits 1 on errors, and writes no site.
 */
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../hostile/cli-site.js'

let work: string

async function project(name: string, files: Readonly<Record<string, string>>): Promise<string> {
  const dir = path.join(work, name)
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, 'content', file)), { recursive: true })
    await writeFile(path.join(dir, 'content', file), text)
  }
  return dir
}

const good = '---\ntitle: Council passes budget\ndate: 2026-03-01\n---\n\nThe council voted 7 to 2.\n'

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'dateline-check-'))
})

afterAll(async () => {
  await rm(work, { recursive: true, force: true })
})

describe('dateline check', () => {
  it('should exit 0 and build nothing for clean content', async () => {
    const dir = await project('clean', { 'world/budget.md': good })
    const run = await runCli(['check'], { cwd: dir })
    expect(run.code, run.stderr).toBe(0)
    expect(run.stderr).toContain('0 errors, 0 warnings in 1 file')
    expect(existsSync(path.join(dir, 'dist'))).toBe(false)
  }, 30_000)

  it('should exit 1 and print file:line:column, severity and rule id for an error', async () => {
    const dir = await project('bad-date', { 'world/budget.md': '---\ntitle: Council passes budget\ndate: 2026-02-30\n---\n\nThe council voted.\n', 'world/ok.md': good })
    const run = await runCli(['check'], { cwd: dir })
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/^content\/world\/budget\.md:3:7 {2}error {2}.*`2026-02-30` is not a real calendar date {2}date-invalid$/m)
    expect(run.stderr).toContain('1 error, 0 warnings in 2 files')
    expect(existsSync(path.join(dir, 'dist'))).toBe(false)
  }, 30_000)

  it('should exit 1 for executable front matter, pointing at the opener', async () => {
    const dir = await project('js', { 'world/evil.md': "---js\n{ title: require('fs').writeFileSync('pwned', 'x') }\n---\n\nBody.\n" })
    const run = await runCli(['check'], { cwd: dir })
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/^content\/world\/evil\.md:1:4 {2}error {2}.* {2}front-matter-language$/m)
    expect(existsSync(path.join(dir, 'pwned'))).toBe(false)
  }, 30_000)

  it('should exit 0 with a positioned warning for a dropped javascript: link', async () => {
    const dir = await project('link', { 'world/link.md': `${good}\nRead [the report](javascript:alert(1)) now.\n` })
    const run = await runCli(['check'], { cwd: dir })
    expect(run.code, run.stderr).toBe(0)
    expect(run.stderr).toMatch(/^content\/world\/link\.md:8:6 {2}warning {2}Unexpected URL `javascript:alert\(1\)`.* {2}url-unsafe$/m)
  }, 30_000)

  // This file took micromark seconds per run of the check (a time-out on a busy machine,
  // not on an idle one); the input bounds refuse it at once, on any machine.
  it('should refuse a file too slow to parse by its input bounds, at its place, and still check the others', async () => {
    const dir = await project('slow', { 'world/slow.md': `---\ntitle: Slow\ndate: 2026-03-01\n---\n\n${'[a]('.repeat(60_000)}\n`, 'world/ok.md': good })
    const started = Date.now()
    const run = await runCli(['check', '--no-cache'], { cwd: dir })
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/^content\/world\/slow\.md:6:1 {2}error {2}Unexpected block of 240,000 characters without a blank line, expected at most 16,384: the file was skipped {2}block-too-long$/m)
    expect(run.stderr).toContain('1 error, 0 warnings in 2 files')
    expect(Date.now() - started).toBeLessThan(20_000)
  }, 60_000)

  it('should exit 1 and name both files when two articles share a URL', async () => {
    const dir = await project('collision', { 'world/a.md': good.replace('date:', 'slug: same\ndate:'), 'world/b.md': good.replace('date:', 'slug: same\ndate:') })
    const run = await runCli(['check'], { cwd: dir })
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('world/a.md')
    expect(run.stderr).toContain('world/b.md')
    expect(run.stderr).toContain('url-collision')
  }, 30_000)
})
