import { appendFileSync, cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { build, type BuildOptions } from '../../../src/build.js'
import { openArticleCache } from '../../../src/cache/article-cache.js'
import { openSourceIndex, saveSourceIndex, type SourceRecord } from '../../../src/cache/source-index.js'
import { testConfig } from '../../helpers/article.js'

const root = path.dirname(fileURLToPath(new URL('../../../package.json', import.meta.url)))

function copyFixture(name: string): { cwd: string; contentDir: string; cacheDir: string } {
  const cwd = mkdtempSync(path.join(tmpdir(), 'dateline-known-'))
  cpSync(path.join(root, 'tests', 'fixtures', name, 'content'), path.join(cwd, 'content'), { recursive: true })
  return { cwd, contentDir: path.join(cwd, 'content'), cacheDir: path.join(cwd, '.cache') }
}

/** What the CLI records after a build, without the two-second wait for files written just now. */
function remember(cacheDir: string, contentDir: string, sources: readonly VFile[]): void {
  const records: SourceRecord[] = sources.flatMap(({ data }) =>
    data.stamp && data.textHash && data.sourcePath && data.loadedAt !== undefined ? [{ sourcePath: data.sourcePath, stamp: data.stamp, textHash: data.textHash, loadedAt: data.loadedAt }] : [],
  )
  saveSourceIndex(cacheDir, contentDir, 'test', records, { racyWindowMs: 0 })
}

async function siteOf(options: BuildOptions): Promise<{ files: Record<string, string>; sources: readonly VFile[] }> {
  const files: Record<string, string> = {}
  const result = await build({ ...options, codeId: 'test', cardsOnly: true, emit: async (batch) => void batch.forEach((file) => (files[file.path] = String(file.contents))) })
  for (const file of result.files) files[file.path] = typeof file.contents === 'string' ? file.contents : Buffer.from(file.contents).toString('utf8')
  return { files, sources: result.sources }
}

describe('a build given the source index', () => {
  it('should read no unchanged file, and build the same site from the cache', async () => {
    const { cwd, contentDir, cacheDir } = copyFixture('site-news')
    const options: BuildOptions = { contentDir, templatesDir: path.join(root, 'templates'), cwd, config: testConfig, cache: openArticleCache(cacheDir) }
    const first = await siteOf(options)
    remember(cacheDir, contentDir, first.sources)
    const second = await siteOf({ ...options, knownSources: openSourceIndex(cacheDir, contentDir, 'test') })
    expect(second.files).toEqual(first.files)
    expect(second.sources.length).toBeGreaterThan(5)
    expect(second.sources.every((file) => file.data.unread === true && file.value === '')).toBe(true)
  })

  it('should read and parse an unchanged file whose cache entry is gone, and an edited one', async () => {
    const { cwd, contentDir, cacheDir } = copyFixture('site-news')
    const options: BuildOptions = { contentDir, templatesDir: path.join(root, 'templates'), cwd, config: testConfig, cache: openArticleCache(cacheDir) }
    const first = await siteOf(options)
    remember(cacheDir, contentDir, first.sources)
    // Every parse gone, as after an upgrade or a prune; and one story edited.
    for (const name of readdirSync(cacheDir)) if (/^[0-9a-f]{2}$/.test(name)) rmSync(path.join(cacheDir, name), { recursive: true })
    const edited = first.sources.find((file) => file.data.sourcePath?.endsWith('.md'))
    expect(edited).toBeDefined()
    appendFileSync(path.join(contentDir, edited?.data.sourcePath ?? ''), '\nA paragraph added after the last build.\n')
    const second = await siteOf({ ...options, knownSources: openSourceIndex(cacheDir, contentDir, 'test') })
    const fresh = await siteOf({ ...options, cache: undefined })
    expect(second.files).toEqual(fresh.files)
    expect(Object.values(second.files).some((html) => html.includes('A paragraph added after the last build.'))).toBe(true)
    expect(second.sources.filter((file) => file.data.unread === true)).toEqual([])
  })
})
