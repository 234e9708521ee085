/**
 * What a rebuild reuses from the last output must be what the last build wrote: an edit
 * made in `dist/` never leaks into the cache or into a later build. The search index's
 * main bundle lives in the cache and is copied into each build, never hard-linked; kept
 * pages are compared with the last build's by their bytes, not their size.
 */
import { closeSync, openSync, readdirSync, readFileSync, statSync, writeSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli, writeArticles } from '../hostile/cli-site.js'

let project: string

/** Every file under `dir`, absolute. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
}

/** Overwrite `length` bytes of `file` at `at` in place, as an editor or a script can: same inode, same size. */
function overwriteInPlace(file: string, at: number, bytes: string): void {
  const handle = openSync(file, 'r+')
  try {
    writeSync(handle, bytes, at)
  } finally {
    closeSync(handle)
  }
}

async function build(): Promise<void> {
  const run = await runCli(['build'], { cwd: project })
  expect(run.code, run.stderr).toBe(0)
}

beforeAll(async () => {
  project = await mkdtemp(path.join(tmpdir(), 'dateline-output-reuse-'))
  await writeArticles(project, 12)
  await build()
}, 60_000)

afterAll(async () => {
  await rm(project, { recursive: true, force: true })
})

describe('dateline build reusing its last output', () => {
  it('should share no file with the cache, search index included', () => {
    const cached = new Set(filesUnder(path.join(project, '.cache')).map((file) => statSync(file).ino))
    const shared = filesUnder(path.join(project, 'dist')).filter((file) => cached.has(statSync(file).ino))
    expect(filesUnder(path.join(project, 'dist', 'pagefind')).length).toBeGreaterThan(3)
    expect(shared).toEqual([])
  })

  it('should not let a search index file edited in dist/ change the cache or the next build', async () => {
    const entry = path.join(project, 'dist', 'pagefind', 'pagefind-entry.json')
    const fragment = filesUnder(path.join(project, 'dist', 'pagefind', 'fragment'))[0] ?? ''
    const before = [readFileSync(entry), readFileSync(fragment)]
    const cache = filesUnder(path.join(project, '.cache')).filter((file) => file.includes(`${path.sep}search-`))
    const cacheBefore = cache.map((file) => readFileSync(file))
    overwriteInPlace(entry, 0, 'X')
    overwriteInPlace(fragment, 0, 'X')
    expect(cache.map((file) => readFileSync(file))).toEqual(cacheBefore)
    await build()
    expect([readFileSync(entry), readFileSync(fragment)]).toEqual(before)
  }, 60_000)

  it('should render again a page edited in dist/ to the same size, instead of keeping it', async () => {
    const index = path.join(project, 'dist', 'index.html')
    const page = filesUnder(path.join(project, 'dist', 'world')).find((file) => file.endsWith(`story-0${path.sep}index.html`)) ?? ''
    const before = [readFileSync(index, 'utf8'), readFileSync(page, 'utf8')]
    const at = before[0]?.indexOf('Council story') ?? -1
    expect(at).toBeGreaterThan(0)
    overwriteInPlace(index, at, 'Cuoncil')
    overwriteInPlace(page, before[1]?.indexOf('Council story') ?? 0, 'Cuoncil')
    expect(statSync(index).size).toBe(Buffer.byteLength(before[0] ?? ''))
    await build()
    expect([readFileSync(index, 'utf8'), readFileSync(page, 'utf8')]).toEqual(before)
    // Pages nobody touched are still kept, not rendered again: the next build renders nothing.
    const run = await runCli(['build', '--timings'], { cwd: project })
    expect(run.code, run.stderr).toBe(0)
    expect(run.stderr).toMatch(/pages rendered 0, kept [1-9]/)
  }, 60_000)
})
