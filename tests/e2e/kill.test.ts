/**
 * Output safety under `kill -9`: the real CLI is killed at seeded random moments while it
 * builds a few hundred articles. Whatever the moment, `dist/` must be exactly one whole
 * site (the previous one, or the new one if the swap had finished), and leftovers of a
 * killed build must not break or litter the next one.
 */
import { cp, lstat, mkdir, mkdtemp, readdir, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashFolder, repoRoot, runCli, seededRandom, writeArticles } from '../hostile/cli-site.js'

const articleCount = 150
const runs = 20
const seed = 20260921

let project: string
/** Hash of each content version's complete site. */
const siteHash = new Map<number, string>()
let fullBuildMs = 0

async function buildVersion(version: number): Promise<void> {
  await writeArticles(project, articleCount, version)
  const started = Date.now()
  const run = await runCli(['build'], { cwd: project })
  fullBuildMs = Math.max(fullBuildMs, Date.now() - started)
  expect(run.code, run.stderr).toBe(0)
  siteHash.set(version, await hashFolder(path.join(project, 'dist')))
}

beforeAll(async () => {
  project = await mkdtemp(path.join(tmpdir(), 'dateline-kill-'))
  // A copy of the templates, so the site under test cannot change while the test runs.
  await cp(path.join(repoRoot, 'templates'), path.join(project, 'templates'), { recursive: true })
  await buildVersion(1)
  await buildVersion(0)
}, 60_000)

afterAll(async () => {
  await rm(project, { recursive: true, force: true })
})

describe('dateline build under kill -9', () => {
  it(`should leave dist/ whole in all of ${runs} runs killed at random moments`, async () => {
    const random = seededRandom(seed)
    let version = 0
    const outcomes: string[] = []
    let corrupt = 0
    for (let run = 0; run < runs; run++) {
      const before = await hashFolder(path.join(project, 'dist'))
      const next = 1 - version
      await writeArticles(project, articleCount, next)
      const delay = Math.floor(random() * fullBuildMs * 1.1)
      const result = await runCli(['build'], { cwd: project, onStart: (child) => setTimeout(() => child.kill('SIGKILL'), delay) })
      const after = await hashFolder(path.join(project, 'dist')).catch(() => 'missing')
      const finished = result.code === 0
      const whole = after === before || (after === siteHash.get(next) && after !== 'missing')
      if (!whole) corrupt++
      if (after === siteHash.get(next)) version = next
      outcomes.push(`${delay}ms:${finished ? 'finished' : 'killed'}:${after === before ? 'previous' : after === siteHash.get(next) ? 'new' : 'CORRUPT'}`)
    }
    console.log(`kill -9: ${corrupt} of ${runs} runs corrupt (full build ${fullBuildMs} ms, seed ${seed}): ${outcomes.join(' ')}`)
    expect(corrupt).toBe(0)
  }, 120_000)

  it('should build cleanly after killed runs and leave no staging folders behind', async () => {
    await writeArticles(project, articleCount, 0)
    const run = await runCli(['build'], { cwd: project })
    expect(run.code, run.stderr).toBe(0)
    expect(await hashFolder(path.join(project, 'dist'))).toBe(siteHash.get(0))
    expect((await readdir(project)).filter((name) => name.includes('.staging-') || name.includes('.previous-'))).toEqual([])
  }, 30_000)

  it('should put the previous dist/ back when a build died between the two renames of the swap', async () => {
    const hash = await hashFolder(path.join(project, 'dist'))
    // PID 2^22 + 1 is above Linux's pid_max default, so no process has it.
    await rename(path.join(project, 'dist'), path.join(project, '.dist.previous-4194305'))
    await mkdir(path.join(project, '.dist.staging-4194305', 'half'), { recursive: true })
    const run = await runCli(['build'], { cwd: project })
    expect(run.code, run.stderr).toBe(0)
    expect(await hashFolder(path.join(project, 'dist'))).toBe(hash)
    expect((await readdir(project)).filter((name) => name.startsWith('.dist.'))).toEqual([])
  }, 30_000)
})

describe('dateline build refusing to replace folders', () => {
  it('should refuse to build into the project root', async () => {
    const run = await runCli(['build', '--out', '.'], { cwd: project })
    expect(run.code).not.toBe(0)
    expect(run.stderr).toContain('must not be replaced')
    expect((await lstat(path.join(project, 'content'))).isDirectory()).toBe(true)
  }, 30_000)

  it('should refuse to build into the content folder', async () => {
    const run = await runCli(['build', '--out', 'content'], { cwd: project })
    expect(run.code).not.toBe(0)
    expect((await readdir(path.join(project, 'content'))).sort()).toEqual(['business', 'politics', 'science', 'world'])
  }, 30_000)

  it('should refuse to replace a non-empty folder without the marker file', async () => {
    await mkdir(path.join(project, 'mine'), { recursive: true })
    await writeFile(path.join(project, 'mine', 'notes.txt'), 'keep me')
    const run = await runCli(['build', '--out', 'mine'], { cwd: project })
    expect(run.code).not.toBe(0)
    expect(run.stderr).toContain('marker')
    expect(await readFile(path.join(project, 'mine', 'notes.txt'), 'utf8')).toBe('keep me')
  }, 30_000)

  it('should replace a dist/ holding symbolic links without touching what they point to', async () => {
    const outside = path.join(project, 'outside')
    await mkdir(outside, { recursive: true })
    await writeFile(path.join(outside, 'precious.txt'), 'precious')
    await symlink(path.join(outside, 'precious.txt'), path.join(project, 'dist', 'link-to-file.html'))
    await symlink(outside, path.join(project, 'dist', 'link-to-folder'))
    const run = await runCli(['build'], { cwd: project })
    expect(run.code, run.stderr).toBe(0)
    expect(await readFile(path.join(outside, 'precious.txt'), 'utf8')).toBe('precious')
    expect(await readdir(outside)).toEqual(['precious.txt'])
    expect(await hashFolder(path.join(project, 'dist'))).toBe(siteHash.get(0))
  }, 30_000)
})
