/**
 * What a reader sees, in Debian's Chromium: the article page, a speaker page and the people
 * index, search over more stories than one page of results, listings, and the 390 px
 * layout, in light and dark.
 *
 * The site is made in the test: 150 stories from the benchmark corpus generator
 * (`scripts/gen-corpus.mjs`, all text invented), 50 of them carrying a word no other story
 * has, and one story written here whose byline, standfirst, dateline and quotes are the
 * cases the checks are about. It is built under the base path `/news/` and indexed, then
 * built again after two of the 50 were edited and one removed, so the search page merges a
 * delta into the main index, as after a newsroom's rebuild.
 *
 * Set DATELINE_SCREENSHOTS to a folder to keep a screenshot of each page the checks visit.
 */
import { execFileSync } from 'node:child_process'
import { appendFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import type { Server } from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { build, type BuildResult } from '../../src/build.js'
import { writeSearchIndex } from '../../src/search/index.js'
import { resolveConfig } from '../../src/content/config.js'
import { writeSite } from '../../src/write/write-site.js'
import { root } from '../e2e/site-fixture.js'
import { axeViolations, launchChromium, serve } from './harness.js'

const basePath = '/news/'
const generated = 150
/** A word in no generated story, added to every third one. */
const marker = 'Quillfeather'
const now = '2026-11-28T00:00:00Z'

const story = `---
title: Council delays harbour levy vote after a night of protest
date: 2026-11-20T10:00:00-05:00
section: World
byline: By Oskar Fenwright, Harbor Gazette Staff
standfirst: The vote on the harbour levy is off until spring, said lawmakers
dateline: PORTO SERENO
tags: [harbour levy, council]
---

About 93 people filled the council chamber on Thursday night to speak against the levy, which would add a fee to every container that crosses the quay.

"We are not against a levy. We are against this levy and the way it was written," said Mara Quintero, the port director.

Council aide Tomas Brandt said the mayor had met the protesters before the session. "But he rejected outright the idea of a second vote, now or in the future," Brandt said.

"It was a long night," Brandt said, "and nobody slept."

The levy was first proposed in March, when the port's repair fund ran short after two winter storms tore through the breakwater.

Shipping agents said the fee would push cargo to the mainland terminals, where berths are cheaper. Brandt called the fee "a tax on storms."

The council will hold a public hearing on the revised plan in February, and a vote is expected before the end of April.
`

let folder: string
let server: Server
let browser: Browser
let origin: string
/** The marked stories the site has after the second build. */
let marked: number
const shots = process.env['DATELINE_SCREENSHOTS']

function siteConfig() {
  // Every attribution published (threshold 0): these tests are about what a reader sees of
  // speakers, not the publication policy (tests/e2e/editors.test.ts builds a site for that).
  const resolved = resolveConfig({ title: 'The Harbor Gazette', description: 'Harbor City news, in brief.', baseUrl: 'https://gazette.example.org', basePath, language: 'en-US', timeZone: 'America/New_York', pageSize: 10, attribution: { threshold: 0 } })
  if (!resolved.ok) throw new Error(resolved.problems.join('\n'))
  return resolved.config
}

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'dateline-readers-'))
  const content = path.join(folder, 'content')
  execFileSync(process.execPath, [path.join(root, 'scripts', 'gen-corpus.mjs'), content, String(generated)], { stdio: 'ignore' })
  const files = (await readdir(content)).filter((name) => name.endsWith('.md')).sort()
  const markedFiles = files.filter((_, index) => index % 3 === 0)
  for (const name of markedFiles) await appendFile(path.join(content, name), `\n\nThe ${marker} committee met again on Tuesday to review the figures.\n`)
  await mkdir(path.join(content, 'world'), { recursive: true })
  await writeFile(path.join(content, 'world', 'council-delays-harbour-vote.md'), story)

  const outDir = path.join(folder, 'news')
  const stateDir = path.join(folder, 'search-state')
  const publish = async (expected: { incremental: boolean; indexed: number }): Promise<BuildResult> => {
    const result = await build({ contentDir: content, templatesDir: path.join(root, 'templates'), cwd: folder, config: siteConfig(), now })
    expect(result.sources.flatMap((source) => source.messages.filter((message) => message.fatal === true).map(String))).toEqual([])
    await writeSite(result.files, outDir, {
      protectedPaths: [],
      beforeSwap: async (staging) => {
        const indexed = await writeSearchIndex(staging, { search: result.search, stateDir, codeId: 'readers-test' })
        expect(indexed).toEqual({ ...expected, problems: [] })
      },
    })
    return result
  }
  await publish({ incremental: false, indexed: generated + 1 })
  // A rebuild: two marked stories edited, one removed. The delta holds the two; the main
  // index still has all three, and the page must count each story once.
  const [removed, ...others] = markedFiles
  await rm(path.join(content, removed ?? ''))
  for (const name of others.slice(0, 2)) await appendFile(path.join(content, name), '\nThe tidewater gauge was read again on Wednesday.\n')
  marked = markedFiles.length - 1
  await publish({ incremental: true, indexed: 2 })

  const served = await serve(folder, basePath)
  server = served.server
  origin = served.origin
  browser = await launchChromium()
}, 240_000)

afterAll(async () => {
  await browser?.close()
  await new Promise((resolve) => server?.close(resolve))
  if (folder) await rm(folder, { recursive: true, force: true })
})

const browserTimeout = 120_000

/** A fresh page at `width` px in `scheme`; every response of 400 or more is kept in `failed`. */
async function open(url: string, options: { readonly width?: number; readonly scheme?: 'light' | 'dark' } = {}): Promise<{ page: Page; failed: string[] }> {
  const page = await browser.newPage({ viewport: { width: options.width ?? 1280, height: 900 }, colorScheme: options.scheme ?? 'light' })
  const failed: string[] = []
  page.on('response', (response) => {
    if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`)
  })
  await page.goto(`${origin}${basePath}${url}`)
  return { page, failed }
}

/** The screen as a reader first sees it (`name.png`) and the whole page (`name-full.png`), into DATELINE_SCREENSHOTS. */
async function screenshot(page: Page, name: string): Promise<void> {
  if (!shots) return
  await mkdir(shots, { recursive: true })
  await page.screenshot({ path: path.join(shots, `${name}.png`) })
  await page.screenshot({ path: path.join(shots, `${name}-full.png`), fullPage: true })
}

/** Runs `source`, a function in the page's own JavaScript, with `argument` (the test's TypeScript has no DOM types). */
function inPage<T>(page: Page, source: string, argument?: unknown): Promise<T> {
  return page.evaluate(`(${source})(${JSON.stringify(argument ?? null)})`) as Promise<T>
}

/**
 * Characters in each full line of the text in the elements matching a selector (a
 * paragraph's last line, usually short, is left out), read from where the browser put
 * each character.
 */
const lineLengths = `(selector) => {
  const lengths = []
  for (const element of document.querySelectorAll(selector)) {
    const lines = []
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let at = 0; at < node.data.length; at++) {
        const range = document.createRange()
        range.setStart(node, at)
        range.setEnd(node, at + 1)
        const rect = range.getClientRects()[0]
        if (!rect || rect.width === 0) continue
        const middle = rect.top + rect.height / 2
        const line = lines.find((l) => Math.abs(l.middle - middle) < rect.height / 2)
        if (line) line.count++
        else lines.push({ middle, count: 1 })
      }
    }
    lengths.push(...lines.slice(0, -1).map((line) => line.count))
  }
  return lengths.sort((a, b) => a - b)
}`

const median = (values: readonly number[]): number => values[Math.floor(values.length / 2)] ?? Number.NaN

/**
 * The horizontal rules a reader sees between the items of a list: for each two items in a
 * row, the visible top and bottom borders inside the list that lie between the text of
 * the one and the text of the next; and those above the first item's text.
 */
const rulesBetweenItems = `(selector) => {
  const list = document.querySelector(selector)
  const items = [...list.children]
  const textBox = (element) => {
    let top = Infinity
    let bottom = -Infinity
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.data.trim() === '') continue
      const range = document.createRange()
      range.selectNodeContents(node)
      for (const rect of range.getClientRects()) {
        top = Math.min(top, rect.top)
        bottom = Math.max(bottom, rect.bottom)
      }
    }
    return { top, bottom }
  }
  const rules = []
  for (const element of [list, ...list.querySelectorAll('*')]) {
    const style = getComputedStyle(element)
    const rect = element.getBoundingClientRect()
    if (style.borderTopStyle !== 'none' && parseFloat(style.borderTopWidth) > 0) rules.push(rect.top)
    if (style.borderBottomStyle !== 'none' && parseFloat(style.borderBottomWidth) > 0) rules.push(rect.bottom)
  }
  const boxes = items.map(textBox)
  return {
    above: rules.filter((y) => y < boxes[0].top).length,
    between: boxes.slice(1).map((box, index) => rules.filter((y) => y > boxes[index].bottom && y < box.top).length),
  }
}`

describe('the article page', () => {
  it('should set the pull quote in the story after its opening paragraphs, away from its own paragraph, with a quote that reads on its own', async () => {
    const { page } = await open('world/council-delays-harbour-vote/')
    const layout = await inPage<{ blocks: string[]; quote: string; source: string }>(
      page,
      `() => {
        const body = document.querySelector('.story__body')
        const blocks = [...body.children].filter((element) => element.matches('p, figure.pull-quote, h2, h3, ul, ol'))
        const figure = body.querySelector('figure.pull-quote')
        const id = figure.querySelector('blockquote').getAttribute('cite').slice(1)
        return { blocks: blocks.map((element) => element.matches('figure.pull-quote') ? 'PULL' : element.querySelector('#' + id) ? 'SOURCE' : 'P'), quote: figure.querySelector('p').textContent, source: id }
      }`,
    )
    const at = layout.blocks.indexOf('PULL')
    expect(at).toBeGreaterThanOrEqual(3)
    expect(layout.blocks.slice(0, at).filter((block) => block !== 'PULL').length).toBeGreaterThanOrEqual(3)
    expect([layout.blocks[at - 1], layout.blocks[at + 1]]).not.toContain('SOURCE')
    expect(layout.quote).toBe('“We are not against a levy. We are against this levy and the way it was written.”')
    await screenshot(page, 'article-1280-light')
    await page.close()
  }, browserTimeout)

  it('should print the byline as the cards print it, affiliation and all, with the name linked', async () => {
    const { page } = await open('world/council-delays-harbour-vote/')
    expect(await page.locator('.story__meta .byline__names').textContent()).toBe('By Oskar Fenwright, Harbor Gazette Staff')
    expect(await page.locator('.story__meta .byline__names a').getAttribute('href')).toBe(`${basePath}authors/oskar-fenwright/`)
    await page.goto(`${origin}${basePath}world/`)
    const card = page.locator('.card', { has: page.getByRole('link', { name: 'Council delays harbour levy vote after a night of protest' }) })
    expect(await card.locator('.card__byline').textContent()).toBe('By Oskar Fenwright, Harbor Gazette Staff')
    await page.close()
  }, browserTimeout)

  it('should set body text at 60 to 75 characters a line', async () => {
    const { page } = await open('world/council-delays-harbour-vote/')
    const lengths = await inPage<number[]>(page, lineLengths, '.story__body > p')
    expect(lengths.length).toBeGreaterThan(5)
    expect(median(lengths)).toBeGreaterThanOrEqual(60)
    expect(median(lengths)).toBeLessThanOrEqual(75)
    await page.close()
  }, browserTimeout)

  it('should load every file it asks for, its icons included, and have no axe-core violations, light or dark', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const { page, failed } = await open('world/council-delays-harbour-vote/', { scheme })
      const icons = await inPage<string[]>(page, `() => [...document.querySelectorAll('link[rel~="icon"], link[rel="apple-touch-icon"]')].map((link) => link.href)`)
      expect(icons).toHaveLength(3)
      for (const icon of icons) {
        const response = await page.request.get(icon)
        expect(response.status(), icon).toBe(200)
        expect(response.headers()['content-type']).toMatch(/^image\/(svg\+xml|png)$/)
        expect((await response.body()).length).toBeGreaterThan(100)
      }
      expect(await axeViolations(page)).toEqual([])
      expect(failed).toEqual([])
      await screenshot(page, `article-1280-${scheme}`)
      await page.close()
    }
  }, browserTimeout)

  it('should tell search engines not to index the page shown for a missing URL, and name no canonical URL for it', async () => {
    const { page } = await open('no/such/story/')
    expect(await page.locator('h1').textContent()).toBe('We can’t find that page')
    expect(await page.locator('meta[name="robots"]').getAttribute('content')).toBe('noindex')
    expect(await page.locator('link[rel="canonical"]').count()).toBe(0)
    expect(await page.locator('meta[property="og:url"]').count()).toBe(0)
    await page.close()
  }, browserTimeout)
})

describe('speakers', () => {
  it('should list as many quotes as it counts, on a speaker page and in the article panel, a split quote as one', async () => {
    const { page } = await open('people/tomas-brandt/')
    const count = Number((await page.locator('.speaker-header__count').textContent())?.split(' ')[0])
    const quotes = await page.locator('.quote-card__text').allTextContents()
    expect(quotes).toHaveLength(count)
    expect(quotes).toContain('It was a long night … and nobody slept.')
    const lengths = await inPage<number[]>(page, lineLengths, '.quote-card__text')
    if (lengths.length > 0) expect(median(lengths)).toBeLessThanOrEqual(75)
    await screenshot(page, 'person-1280-light')
    await page.goto(`${origin}${basePath}world/council-delays-harbour-vote/`)
    const panel = page.locator('.quoted-in__speaker', { has: page.getByRole('link', { name: 'Tomas Brandt' }) })
    expect(await panel.locator('.quoted-in__count').textContent()).toBe(`${count} quotes`)
    expect(await panel.locator('.quoted-in__quotes li').count()).toBe(count)
    expect(await panel.locator('.quoted-in__quotes li').allTextContents()).toContain('“It was a long night … and nobody slept.”')
    await page.close()
  }, browserTimeout)

  it('should keep the comma after the name on /people/, on the same line at 390 px', async () => {
    const { page } = await open('people/', { width: 390 })
    const rows = await inPage<{ text: string; sameLine: boolean }[]>(
      page,
      `() => [...document.querySelectorAll('.people-list__item')].filter((item) => item.querySelector('.people-list__role')).map((item) => {
        const name = item.querySelector('.people-list__name')
        const role = item.querySelector('.people-list__role')
        const nameRects = name.getClientRects()
        const range = document.createRange()
        range.setStart(role.firstChild, 0)
        range.setEnd(role.firstChild, 1)
        const comma = range.getClientRects()[0]
        const last = nameRects[nameRects.length - 1]
        return { text: item.innerText, sameLine: Math.abs(comma.top - last.top) < 2 && comma.left - last.right < 2 }
      })`,
    )
    expect(rows.length).toBeGreaterThan(5)
    for (const row of rows) {
      expect(row.text).toMatch(/^[^\n,]+, [^\n]+\n?\d+ quotes?$/)
      expect(row.sameLine, row.text).toBe(true)
    }
    await screenshot(page, 'people-390-light')
    await page.close()
  }, browserTimeout)
})

describe('search', () => {
  it(`should count every story found, more than a page of them, once each though a delta replaces some, and list them 20 at a time`, async () => {
    const { page, failed } = await open(`search/?q=${marker}`)
    const status = page.locator('#search-status')
    await page.locator('.search-results__item').first().waitFor()
    expect(marked).toBeGreaterThan(40)
    expect(await status.textContent()).toBe(`${marked} stories found`)
    expect(await page.locator('.search-results__item').count()).toBe(20)
    expect(await page.locator('#search-shown').textContent()).toBe(`Showing 20 of ${marked}.`)
    const more = page.getByRole('button', { name: 'Show 20 more' })
    await more.click()
    await page.locator('.search-results__item').nth(39).waitFor()
    // The keyboard goes on from the first story just listed.
    expect(await inPage<string>(page, `() => document.activeElement.closest('.search-results__item') === document.querySelectorAll('.search-results__item')[20] ? 'first new' : document.activeElement.outerHTML`)).toBe('first new')
    await page.getByRole('button', { name: `Show ${marked - 40} more` }).click()
    await page.locator('.search-results__item').nth(marked - 1).waitFor()
    expect(await page.locator('#search-more').isHidden()).toBe(true)
    const urls = await page.locator('.search-results__title a').evaluateAll((links) => links.map((link) => link.getAttribute('href')))
    expect(urls).toHaveLength(marked)
    expect(new Set(urls).size).toBe(marked)
    expect(failed).toEqual([])
    await page.close()
  }, browserTimeout)

  it('should show each result with its section and date, and an excerpt that reads as sentences', async () => {
    const { page } = await open('search/?q=Fenwright')
    const item = page.locator('.search-results__item').first()
    await item.waitFor()
    expect(await page.locator('#search-status').textContent()).toBe('1 story found')
    expect(await item.locator('.search-results__section').textContent()).toBe('World')
    expect(await item.locator('time').textContent()).toBe('Nov. 20, 2026')
    expect(await item.locator('time').getAttribute('datetime')).toBe('2026-11-20T10:00:00-05:00')
    const excerpt = (await item.locator('.search-results__excerpt').textContent()) ?? ''
    // Headline, standfirst, byline and dateline, each a sentence, not run together.
    expect(excerpt).toBe('Council delays harbour levy vote after a night of protest. The vote on the harbour levy is off until spring, said lawmakers. By Oskar Fenwright, Harbor Gazette Staff. PORTO SERENO …')
    expect(await item.locator('mark').textContent()).toBe('Fenwright,')
    expect(await axeViolations(page)).toEqual([])
    await page.close()
  }, browserTimeout)

  it('should list the results, light and dark, at 1280 and 390 px without an axe-core violation', async () => {
    for (const [width, scheme] of [[1280, 'light'], [390, 'dark']] as const) {
      const { page } = await open(`search/?q=${marker}`, { width, scheme })
      await page.locator('.search-results__item').nth(19).waitFor()
      expect(await axeViolations(page)).toEqual([])
      const lengths = await inPage<number[]>(page, lineLengths, '.search-results__excerpt')
      if (width === 1280) expect(median(lengths)).toBeLessThanOrEqual(75)
      await screenshot(page, `search-${width}-${scheme}`)
      await page.close()
    }
  }, browserTimeout)
})

describe('listings', () => {
  it.each(['world/', 'tags/harbour-levy/', 'authors/oskar-fenwright/', 'culture/'])('should draw one rule between two stories of %s, none above the first', async (url) => {
    const { page } = await open(url)
    const rules = await inPage<{ above: number; between: number[] }>(page, rulesBetweenItems, '.section-list')
    expect(rules.above).toBe(0)
    expect(rules.between.every((count) => count === 1)).toBe(true)
    await page.close()
  }, browserTimeout)

  it('should draw one rule between two stories of an article’s “More in” list', async () => {
    const { page } = await open('world/council-delays-harbour-vote/')
    const rules = await inPage<{ above: number; between: number[] }>(page, rulesBetweenItems, '.more-in-section__list')
    expect(rules.between.length).toBeGreaterThan(0)
    expect(rules.between.every((count) => count === 1)).toBe(true)
    await page.close()
  }, browserTimeout)

  it('should set a listing’s summaries at 60 to 75 characters a line', async () => {
    const { page } = await open('culture/')
    const lengths = await inPage<number[]>(page, lineLengths, '.card__summary')
    expect(lengths.length).toBeGreaterThan(5)
    expect(median(lengths)).toBeGreaterThanOrEqual(60)
    expect(median(lengths)).toBeLessThanOrEqual(75)
    await screenshot(page, 'section-1280-light')
    await page.close()
  }, browserTimeout)
})

describe('the 390 px layout', () => {
  it.each(['', 'world/council-delays-harbour-vote/', 'people/', 'people/tomas-brandt/', 'culture/', `search/?q=${marker}`])('should fit /news/%s in the screen’s width, with no sideways scroll', async (url) => {
    for (const scheme of ['light', 'dark'] as const) {
      const { page } = await open(url, { width: 390, scheme })
      if (url.startsWith('search/')) await page.locator('.search-results__item').first().waitFor()
      expect(await inPage<number>(page, `() => document.documentElement.scrollWidth`)).toBeLessThanOrEqual(390)
      await screenshot(page, `390-${url.replace(/[^a-z]+/gi, '-').replace(/-$/, '') || 'front'}-${scheme}`)
      await page.close()
    }
  }, browserTimeout)

  it('should show every section link on the screen, and the whole focus ring of each as the keyboard reaches it', async () => {
    const { page } = await open('', { width: 390 })
    const links = await page.locator('.sections__list a').count()
    // Home and the generated stories' ten sections: more than one line holds at 390 px.
    expect(links).toBe(11)
    await page.locator('.search-box__button').focus()
    for (let link = 0; link < links; link++) {
      await page.keyboard.press('Tab')
      // Every ancestor that clips what overflows it (a scrolling row did) must hold the
      // link's ring, and so must the screen.
      const ring = await inPage<{ inNav: boolean; clipped: string[] }>(
        page,
        `() => {
          const link = document.activeElement
          const style = getComputedStyle(link)
          const reach = parseFloat(style.outlineWidth) + parseFloat(style.outlineOffset)
          const rect = link.getBoundingClientRect()
          const ring = { top: rect.top - reach, bottom: rect.bottom + reach, left: rect.left - reach, right: rect.right + reach }
          const clipped = []
          if (style.outlineStyle === 'none' || parseFloat(style.outlineWidth) <= 0) clipped.push('no ring')
          if (ring.left < 0 || ring.right > document.documentElement.clientWidth) clipped.push('by the screen')
          for (let box = link.parentElement; box; box = box.parentElement) {
            const clip = getComputedStyle(box)
            if (clip.overflowX === 'visible' && clip.overflowY === 'visible') continue
            const edge = box.getBoundingClientRect()
            if (ring.top < edge.top || ring.bottom > edge.bottom || ring.left < edge.left || ring.right > edge.right) clipped.push('by ' + box.tagName.toLowerCase() + '.' + box.className)
          }
          return { inNav: document.querySelector('.sections__list').contains(link), clipped }
        }`,
      )
      expect(ring, `link ${link + 1}`).toEqual({ inNav: true, clipped: [] })
      if (link === links - 1) await screenshot(page, '390-nav-focus-light')
    }
    await page.close()
  }, browserTimeout)
})
