import { appendFileSync, cpSync, mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { build, type BuildOptions, type BuildResult, createSiteBuilder } from '../../../src/build.js'
import { type ArticleCache, openArticleCache } from '../../../src/cache/article-cache.js'
import type { PageStore } from '../../../src/cache/page-cache.js'
import type { SearchRecord } from '../../../src/search/records.js'
import { testConfig } from '../../helpers/article.js'

const root = path.dirname(fileURLToPath(new URL('../../../package.json', import.meta.url)))

/** A fresh copy of a fixture site's content. */
function copyFixture(name: string): { cwd: string; contentDir: string } {
  const cwd = mkdtempSync(path.join(tmpdir(), 'dateline-cards-'))
  cpSync(path.join(root, 'tests', 'fixtures', name, 'content'), path.join(cwd, 'content'), { recursive: true })
  return { cwd, contentDir: path.join(cwd, 'content') }
}

function optionsFor(cwd: string, contentDir: string): BuildOptions {
  return { contentDir, templatesDir: path.join(root, 'templates'), cwd, config: testConfig }
}

function text(contents: string | Uint8Array): string {
  return typeof contents === 'string' ? contents : Buffer.from(contents).toString('utf8')
}

/** Every file a build made, emitted or in its result. */
async function buildAll(options: BuildOptions): Promise<{ result: BuildResult; files: Record<string, string>; records: SearchRecord[] }> {
  const files: Record<string, string> = {}
  const result = await build({
    ...options,
    emit: async (batch) => {
      for (const file of batch) files[file.path] = text(file.contents)
    },
  })
  for (const file of result.files) files[file.path] = text(file.contents)
  const records: SearchRecord[] = []
  for await (const batch of result.search.records(new Set(result.search.fingerprints.keys()))) records.push(...batch)
  return { result, files, records }
}

/**
 * A cache whose entries are gone once written, as if removed by hand during the build: it
 * stores them, then answers every later read of them with nothing. `onWrite` runs after each write.
 */
function vanishingCache(dir: string, onWrite: () => void = () => undefined): ArticleCache {
  const real = openArticleCache(dir)
  const written = new Set<string>()
  return {
    ...real,
    get: async (key) => (written.has(key) ? undefined : real.get(key)),
    async set(key, json) {
      written.add(key)
      const stored = await real.set(key, json)
      onWrite()
      return stored
    },
  }
}

describe('a build that holds only cards', () => {
  for (const fixture of ['newsroom-small', 'wire-seed', 'site-news']) {
    it(`should write the same site and search records as a build holding whole stories (${fixture})`, async () => {
      const { cwd, contentDir } = copyFixture(fixture)
      const whole = await buildAll(optionsFor(cwd, contentDir))
      const withoutCache = await buildAll({ ...optionsFor(cwd, contentDir), cardsOnly: true })
      const withCache = await buildAll({ ...optionsFor(cwd, contentDir), cardsOnly: true, cache: openArticleCache(path.join(cwd, '.cache')) })
      expect(Object.keys(whole.files).length).toBeGreaterThan(10)
      expect(withoutCache.files).toEqual(whole.files)
      expect(withCache.files).toEqual(whole.files)
      expect(withoutCache.records).toEqual(whole.records)
      expect(withCache.records).toEqual(whole.records)
    })

    it(`should write the same site when it lets go of the prerendered bodies and reads each back for its page (${fixture})`, async () => {
      const { cwd, contentDir } = copyFixture(fixture)
      const whole = await buildAll(optionsFor(cwd, contentDir))
      const cache = openArticleCache(path.join(cwd, '.cache'))
      let readBack = 0
      const counting: ArticleCache = { ...cache, get: (key, options) => (options?.lines === 1 && readBack++, cache.get(key, options)) }
      const fromCache = await buildAll({ ...optionsFor(cwd, contentDir), cardsOnly: true, holdBodiesBelow: 0, cache: counting })
      const withoutCache = await buildAll({ ...optionsFor(cwd, contentDir), cardsOnly: true, holdBodiesBelow: 0 })
      expect(fromCache.files).toEqual(whole.files)
      expect(withoutCache.files).toEqual(whole.files)
      // Each story's card line read back once for its body (one more for a story with images).
      expect(readBack).toBeGreaterThanOrEqual(whole.result.articles.length)
    })
  }

  it('should hold cards in a rebuild over pages made the same way, whatever the site size, and whole stories otherwise', async () => {
    const { cwd, contentDir } = copyFixture('site-news')
    const options = { ...optionsFor(cwd, contentDir), cardsOnly: true, cardsOnlyFrom: 1_000, cache: openArticleCache(path.join(cwd, '.cache')) }
    const first = await buildAll(options)
    // Under `cardsOnlyFrom` files and nothing to keep: whole stories.
    expect(first.result.articles.some((article) => article.body.length > 1)).toBe(true)
    const store = (madeBy: string): PageStore => ({ madeBy, inputs: () => undefined, contents: async () => undefined })
    const again = await buildAll({ ...options, previousPages: store(first.result.pagesMadeBy) })
    expect(again.result.articles.every((article) => article.body.length <= 1)).toBe(true)
    expect(again.files).toEqual(first.files)
    // Pages made with other templates or code will all be rendered again: whole stories.
    const other = await buildAll({ ...options, previousPages: store('other') })
    expect(other.result.articles.some((article) => article.body.length > 1)).toBe(true)
    expect(await buildAll({ ...options, config: { ...testConfig, title: 'Another' } }).then((built) => built.result.pagesMadeBy)).not.toBe(first.result.pagesMadeBy)
  })

  it('should hold each story as its card: the body up to its first paragraph, the quotes without how they were attributed', async () => {
    const { cwd, contentDir } = copyFixture('wire-seed')
    const { result } = await buildAll({ ...optionsFor(cwd, contentDir), cardsOnly: true })
    const [card] = result.articles
    expect(card?.body.map((block) => block.type)).toEqual(['paragraph'])
    expect(card?.quotes.length).toBe(14)
    expect(card?.quotes.filter((quote) => quote.attribution !== undefined)).toEqual([])
    expect(card?.quotes.filter((quote) => quote.speakerId !== undefined && quote.cue !== undefined).length).toBeGreaterThan(10)
    const whole = await build(optionsFor(cwd, contentDir))
    expect(whole.articles[0]?.quotes.filter((quote) => quote.attribution !== undefined).length).toBeGreaterThan(10)
  })

  it('should hold whole stories below cardsOnlyFrom files, and cards from there on', async () => {
    const { cwd, contentDir } = copyFixture('wire-seed')
    const told: number[] = []
    const onLoaded = (files: number): void => void told.push(files)
    const below = await build({ ...optionsFor(cwd, contentDir), cardsOnly: true, cardsOnlyFrom: 2, onLoaded })
    expect(below.articles[0]?.body.length).toBeGreaterThan(10)
    const from = await build({ ...optionsFor(cwd, contentDir), cardsOnly: true, cardsOnlyFrom: 1, onLoaded })
    expect(from.articles[0]?.body.length).toBe(1)
    // Told the number of files once per build, before parsing.
    expect(told).toEqual([1, 1])
  })

  it('should parse a story again when its cache entry is gone before it is rendered', async () => {
    const { cwd, contentDir } = copyFixture('newsroom-small')
    const whole = await buildAll(optionsFor(cwd, contentDir))
    const vanishing = vanishingCache(path.join(cwd, '.cache'))
    const lean = await buildAll({ ...optionsFor(cwd, contentDir), cardsOnly: true, cache: vanishing })
    expect(lean.files).toEqual(whole.files)
  })

  it('should let go of every source text once parsed, and hold them all without cardsOnly', async () => {
    const { cwd, contentDir } = copyFixture('newsroom-small')
    const lean = await build({ ...optionsFor(cwd, contentDir), cardsOnly: true, cache: openArticleCache(path.join(cwd, '.cache')) })
    expect(lean.sources.length).toBeGreaterThan(3)
    expect(lean.sources.map((file) => String(file.value))).toEqual(lean.sources.map(() => ''))
    const whole = await build(optionsFor(cwd, contentDir))
    expect(whole.sources.every((file) => String(file.value).length > 0)).toBe(true)
  })

  it('should refuse to show a story whose cache entry vanished and whose file changed since it was planned', async () => {
    const { cwd, contentDir } = copyFixture('newsroom-small')
    const [first] = readdirSync(contentDir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.md')).sort()
    // An editor saves a story while the build runs, after it was parsed.
    const vanishing = vanishingCache(path.join(cwd, '.cache'), () => {
      if (first !== undefined) appendFileSync(path.join(contentDir, first), '\nA late line.\n')
    })
    await expect(buildAll({ ...optionsFor(cwd, contentDir), cardsOnly: true, cache: vanishing })).rejects.toThrow(/changed during the build/)
  })

  it('should make search records from the search text the cache keeps, reading each story in full once, for its page', async () => {
    const { cwd, contentDir } = copyFixture('site-news')
    const whole = await buildAll(optionsFor(cwd, contentDir))
    const real = openArticleCache(path.join(cwd, '.cache'))
    const reads = { whole: 0, searchText: 0 }
    const counting: ArticleCache = {
      ...real,
      get: async (key, options) => {
        if (options?.lines === 2) reads.searchText++
        else if (options?.lines === undefined) reads.whole++
        return real.get(key, options)
      },
    }
    const lean = await buildAll({ ...optionsFor(cwd, contentDir), cardsOnly: true, cache: counting })
    expect(lean.records).toEqual(whole.records)
    expect(reads.searchText).toBe(whole.records.length)
    expect(reads.whole).toBeLessThanOrEqual(whole.records.length)
  })

  it('should read in full again the cards a builder’s earlier build held, when its next build holds whole stories', async () => {
    const { cwd, contentDir } = copyFixture('newsroom-small')
    const options = { ...optionsFor(cwd, contentDir), cardsOnly: true, cardsOnlyFrom: 1_000, cache: openArticleCache(path.join(cwd, '.cache')) }
    const { pagesMadeBy } = await build(options)
    // A rebuild over pages made the same way holds cards; after a new configuration it is
    // none, and holds whole stories, but the parses it keeps are the first build's cards.
    const store: PageStore = { madeBy: pagesMadeBy, inputs: () => undefined, contents: async () => undefined }
    const builder = createSiteBuilder({ ...options, previousPages: store }, { keepPages: false })
    const first = await builder.build()
    expect(first.articles.every((article) => article.body.length <= 1)).toBe(true)
    // A new threshold makes the bodies their parses prerendered of no use: pages render them.
    const config = { ...testConfig, attribution: { threshold: 0.5 } }
    const second = await builder.build({ config })
    expect(second.counts.parsed).toBe(0)
    const fresh = await build({ ...optionsFor(cwd, contentDir), config })
    expect(fresh.articles.some((article) => article.body.length > 1)).toBe(true)
    const pages = (result: BuildResult): Record<string, string> => Object.fromEntries(result.files.map((file) => [file.path, text(file.contents)]))
    expect(pages(second)).toEqual(pages(fresh))
  })

  it('should keep a story whose cache write failed in memory', async () => {
    const { cwd, contentDir } = copyFixture('newsroom-small')
    const whole = await buildAll(optionsFor(cwd, contentDir))
    const refusing: ArticleCache = { get: async () => undefined, set: async () => false, prune: async () => 0 }
    const lean = await buildAll({ ...optionsFor(cwd, contentDir), cardsOnly: true, cache: refusing })
    expect(lean.files).toEqual(whole.files)
  })
})
