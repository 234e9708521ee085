/**
 * The built news site in a real browser (Debian's Chromium through playwright-core): one
 * build of the site-news fixture under the base path `/news/`, written to a temporary
 * folder with its Pagefind index, served by a tiny static server from the folder above,
 * and one browser for the whole file.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import type { Server } from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SearchInput } from '../../src/build.js'
import { writeSearchIndex } from '../../src/search/index.js'
import { writeSite } from '../../src/write/write-site.js'
import { buildFixtureSite, linksAndIds } from '../e2e/site-fixture.js'
import { axeViolations as axeOf, launchChromium, serve } from './harness.js'

const basePath = '/news/'

let folder: string
let server: Server
let browser: Browser
let page: Page
let origin: string

beforeAll(async () => {
  // Every attribution published (threshold 0): these tests are about what a reader sees of
  // speakers, not the publication policy (tests/e2e/editors.test.ts builds a site for that).
  const result = await buildFixtureSite({ basePath, attribution: { threshold: 0 } })
  folder = await mkdtemp(path.join(tmpdir(), 'dateline-browser-'))
  const outDir = path.join(folder, 'news')
  // Two builds, as a newsroom rebuilds: the first indexes every story and keeps that main
  // bundle in the cache; the second sees one story changed (a word added, as an edit would)
  // and indexes only that story into the delta bundle the search page merges in. Shards of
  // three stories, as a large archive is split, so the page merges several main bundles too.
  const stateDir = path.join(folder, 'search-state')
  const searchOf = (search: SearchInput, expected: { incremental: boolean; indexed: number }) => async (stagingDir: string) => {
    const indexed = await writeSearchIndex(stagingDir, { search, stateDir, codeId: 'browser-test', shardSize: 3 })
    expect(indexed).toEqual({ ...expected, problems: [] })
    const state = JSON.parse(await readFile(path.join(stagingDir, 'pagefind', 'dateline-search.json'), 'utf8')) as { shards: string[] }
    expect(state.shards.length).toBe(Math.ceil(result.search.fingerprints.size / 3) - 1)
  }
  await writeSite(result.files, outDir, { protectedPaths: [], beforeSwap: searchOf(result.search, { incremental: false, indexed: result.search.fingerprints.size }) })
  const edited = '/world/port-reopens/'
  const editedSearch: SearchInput = {
    fingerprints: new Map([...result.search.fingerprints].map(([url, fingerprint]) => [url, url === edited ? `${fingerprint}-edited` : fingerprint])),
    async *records(urls) {
      for await (const batch of result.search.records(urls)) yield batch.map((record) => (record.url === edited ? { ...record, content: `${record.content}\nThe quay now has a tide gauge named Marisol.` } : record))
    },
  }
  await writeSite(result.files, outDir, { protectedPaths: [], beforeSwap: searchOf(editedSearch, { incremental: true, indexed: 1 }) })
  const served = await serve(folder, basePath)
  server = served.server
  origin = served.origin
  browser = await launchChromium()
  page = await browser.newPage()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await new Promise((resolve) => server?.close(resolve))
  if (folder) await rm(folder, { recursive: true, force: true })
})

async function axeViolations(url: string): Promise<string[]> {
  await page.goto(url)
  return axeOf(page)
}

// Generous: CI runs other test files beside this one on two cores.
const browserTimeout = 120_000

describe('the news site in Chromium, served from a subfolder', () => {
  it('should take a reader from the front page to a section, an article, a speaker, a tag page and back', async () => {
    await page.goto(`${origin}${basePath}`)
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'World' }).click()
    await page.waitForURL(`${origin}${basePath}world/`)
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('World')
    await page.getByRole('link', { name: 'Sereno port reopens to cargo after storm repairs' }).click()
    await page.waitForURL(`${origin}${basePath}world/port-reopens/`)
    await page.getByRole('complementary', { name: 'Quoted in this story' }).getByRole('link', { name: 'Luisa Ferrante' }).click()
    await page.waitForURL(`${origin}${basePath}people/luisa-ferrante/`)
    await page.goBack()
    await page.waitForURL(`${origin}${basePath}world/port-reopens/`)
    await page.getByRole('list', { name: 'Topics' }).getByRole('link', { name: 'transport' }).click()
    await page.waitForURL(`${origin}${basePath}tags/transport/`)
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('transport')
    await page.goBack()
    await page.waitForURL(`${origin}${basePath}world/port-reopens/`)
    await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Home' }).click()
    await page.waitForURL(`${origin}${basePath}`)
  }, browserTimeout)

  it('should show a block quotation with its speaker under it, reached from the panel (block quotation)', async () => {
    await page.goto(`${origin}${basePath}local/library-late-fees/`)
    const figure = page.locator('.story__body figure.block-quote')
    expect(await figure.locator('figcaption').textContent()).toBe('— Helen Cho, Library Director')
    expect(await figure.locator('blockquote').getAttribute('data-speaker')).toBe('Helen Cho')
    await page.getByRole('complementary', { name: 'Quoted in this story' }).getByRole('link', { name: /We will publish the return figures/ }).click()
    await page.waitForURL(`${origin}${basePath}local/library-late-fees/#q-4`)
    expect(await page.locator('.story__body figure.block-quote blockquote:target').getAttribute('id')).toBe('q-4')
  }, browserTimeout)

  it('should find the seed story by a word from its body and open it', async () => {
    await page.goto(`${origin}${basePath}`)
    await page.getByRole('searchbox', { name: 'Search stories' }).fill('Kyodo')
    await page.getByRole('button', { name: 'Search' }).first().click()
    await page.waitForURL(`${origin}${basePath}search/?q=Kyodo`)
    const result = page.locator('.search-results a').first()
    await result.waitFor()
    expect(await result.textContent()).toBe('N. Korea Wants Direct Talks with U.S. Only')
    await result.click()
    await page.waitForURL(`${origin}${basePath}world/n-korea-wants-direct-talks/`)
  }, browserTimeout)

  it('should find a story by a word added since the main index, once, from the delta bundle', async () => {
    // Marisol is only in the edited story's delta record; Sereno is in both its old (main)
    // and new (delta) records, and the search page shows the story once.
    for (const query of ['Marisol', 'Sereno']) {
      await page.goto(`${origin}${basePath}search/?q=${query}`)
      const first = page.locator('.search-results a').first()
      await first.waitFor()
      const titles = await page.locator('.search-results a').allTextContents()
      expect(titles.filter((title) => title === 'Sereno port reopens to cargo after storm repairs')).toHaveLength(1)
      // Counted once too: the main bundle's result for the edited story is dropped by its id.
      expect(await page.locator('#search-status').textContent()).toBe(titles.length === 1 ? '1 story found' : `${titles.length} stories found`)
    }
  }, browserTimeout)

  it('should have no axe-core violations on any page type', async () => {
    const pages = ['', 'world/', 'world/page/2/', 'world/port-reopens/', 'tags/', 'tags/transport/', 'authors/ana-lima/', 'people/', 'people/luisa-ferrante/', 'quotes/', 'search/?q=ferry', '404.html']
    const violations: string[] = []
    for (const pagePath of pages) violations.push(...(await axeViolations(`${origin}${basePath}${pagePath}`)))
    expect(violations).toEqual([])
  }, browserTimeout)

  it('should have no axe-core violations in dark mode', async () => {
    await page.emulateMedia({ colorScheme: 'dark' })
    try {
      const violations = [...(await axeViolations(`${origin}${basePath}`)), ...(await axeViolations(`${origin}${basePath}world/port-reopens/`))]
      expect(violations).toEqual([])
    } finally {
      await page.emulateMedia({ colorScheme: 'light' })
    }
  }, browserTimeout)

  it('should reach every page linked from the site without a broken link', async () => {
    const seen = new Set<string>()
    const queue = [`${origin}${basePath}`]
    const broken: string[] = []
    while (queue.length > 0) {
      const url = queue.shift() as string
      if (seen.has(url)) continue
      seen.add(url)
      const response = await page.request.get(url)
      if (response.status() !== 200) {
        broken.push(`${url}: ${response.status()}`)
        continue
      }
      if (!(response.headers()['content-type'] ?? '').startsWith('text/html')) continue
      for (const link of linksAndIds(await response.text()).links) {
        const target = new URL(link, url)
        target.hash = ''
        target.search = ''
        if (target.origin === origin && !seen.has(target.href)) queue.push(target.href)
      }
    }
    expect(broken).toEqual([])
    expect(seen.size).toBeGreaterThan(20)
  }, browserTimeout)
})
