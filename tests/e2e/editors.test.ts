/**
 * Editors and the publication policy, end to end, on `tests/fixtures/site-editors/`: its
 * configuration sets `attribution.threshold` to 1, so every attribution the model made is
 * held back (whatever confidences a retrained model gives) and only the editors' `quotes:`
 * overrides are published; its people file merges two names of the mayor and keeps two
 * Marshes apart.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { build, type BuildResult } from '../../src/build.js'
import { resolveConfig } from '../../src/content/config.js'
import type { ArticleCard, CardQuote } from '../../src/model/article.js'
import type { SiteConfig } from '../../src/model/site.js'
import { runCli } from '../hostile/cli-site.js'
import { fileText, root } from './site-fixture.js'

const fixture = path.join(root, 'tests', 'fixtures', 'site-editors')

function config(overrides: Record<string, unknown> = {}): SiteConfig {
  const data = JSON.parse(readFileSync(path.join(fixture, 'dateline.config.json'), 'utf8')) as Record<string, unknown>
  const resolved = resolveConfig({ ...data, ...overrides })
  if (!resolved.ok) throw new Error(resolved.problems.join('\n'))
  return resolved.config
}

async function buildFixture(overrides: Record<string, unknown> = {}): Promise<BuildResult> {
  return build({ contentDir: path.join(fixture, 'content'), templatesDir: path.join(root, 'templates'), cwd: fixture, config: config(overrides) })
}

function articleAt(result: BuildResult, sourcePath: string): ArticleCard {
  const article = result.articles.find((candidate) => candidate.sourcePath === sourcePath)
  if (!article) throw new Error(`No article ${sourcePath}`)
  return article
}

const has = (result: BuildResult, filePath: string): boolean => result.files.some((file) => file.path === filePath)

/** A quote of `article` by its first words: the fixture's overrides name quotes that way, so ids may change with the engine. */
function quoteOf(article: ArticleCard, words: string): CardQuote {
  const quote = article.quotes.find((candidate) => candidate.text.startsWith(words))
  if (!quote) throw new Error(`No quote starting “${words}” in ${article.sourcePath}: ${article.quotes.map((q) => q.text).join(' | ')}`)
  return quote
}

describe('a site where editors correct attributions and the rest is held back (threshold 1)', async () => {
  const result = await buildFixture()
  const ferry = articleAt(result, 'politics/ferry-talks.md')
  const budget = articleAt(result, 'local/budget-balanced.md')
  const ferryPage = fileText(result, 'politics/ferry-talks/index.html')
  const doe = quoteOf(ferry, 'We will win')
  const insult = quoteOf(ferry, 'an insult')
  const pilot = quoteOf(ferry, 'We are ready to sail')
  const mayor = quoteOf(budget, 'The budget is balanced')
  const reserve = quoteOf(budget, 'It spends the reserve')

  it('should have model attributions below 1 to hold back (the fixture’s premise)', () => {
    for (const quote of [pilot, reserve]) {
      expect(quote.speakerId, quote.text).toBeDefined()
      expect(quote.confirmed).toBeUndefined()
      expect(quote.confidence ?? 1).toBeLessThan(1)
    }
  })

  it('should move a quote to the speaker an override names: their page lists it, the model’s speaker gets none', () => {
    const okafor = fileText(result, 'people/sam-okafor/index.html')
    expect(okafor).toContain(`/politics/ferry-talks/#${insult.id}`)
    expect(ferryPage).toMatch(new RegExp(`<q id="${insult.id}" data-speaker="Sam Okafor"`))
    expect(has(result, 'people/harbor-ferry-union/index.html')).toBe(false)
    // A build's result holds cards: this one holds its stories whole, so the attribution is there.
    expect(insult.attribution).toMatchObject({ rule: 'editor' })
  })

  it('should merge the names the people file gives one person into one page, under its name and role', () => {
    const page = fileText(result, 'people/jane-doe-okoro/index.html')
    expect(page).toContain('<h1 class="section-header__title">Jane Doe-Okoro</h1>')
    expect(page).toContain('Mayor of Harbor City')
    expect(page).toContain(`/politics/ferry-talks/#${doe.id}`)
    expect(page).toContain(`/local/budget-balanced/#${mayor.id}`)
    expect(has(result, 'people/jane-doe/index.html')).toBe(false)
  })

  it('should show a held-back quote without its speaker: no data-speaker, no panel entry, no JSON-LD creator, no people page', () => {
    expect(ferryPage).toContain(`<q id="${pilot.id}">We are ready to sail tonight,</q>`)
    expect(has(result, 'people/john-marsh/index.html')).toBe(false)
    expect(has(result, 'people/john-q-marsh/index.html')).toBe(false)
    expect(fileText(result, 'people/index.html')).not.toContain('Marsh')
    const panel = /<aside[^>]*quoted-in[^]*?<\/aside>/.exec(ferryPage)?.[0] ?? ''
    expect(panel).toContain('Sam Okafor')
    expect(panel).not.toContain('Marsh')
    const ld = JSON.parse(/<script type="application\/ld\+json">([^]*?)<\/script>/.exec(ferryPage)?.[1] ?? '{}') as { hasPart?: { url: string; creator?: { name: string } }[] }
    const held = ld.hasPart?.find((part) => part.url.endsWith(`#${pilot.id}`))
    expect(held).toBeDefined()
    expect(held?.creator).toBeUndefined()
    expect(ld.hasPart?.find((part) => part.url.endsWith(`#${insult.id}`))?.creator?.name).toBe('Sam Okafor')
  })

  it('should keep `not a quote` words in the body as plain text', () => {
    expect(ferry.quotes.map((quote) => quote.text)).not.toContain('Nobody asked us.')
    expect(ferryPage).toContain('A sign at the gate read "Nobody asked us."')
  })

  it('should list each held-back attribution as information at the quote, with its candidates and the line that confirms it', () => {
    const file = result.sources.find((source) => source.path.endsWith('ferry-talks.md'))
    const held = file?.messages.filter((message) => message.ruleId === 'quote-held-back') ?? []
    expect(held.map((message) => [message.line, message.column, message.fatal])).toEqual([[pilot.position.start.line, pilot.position.start.column, undefined]])
    expect(held[0]?.reason).toMatch(new RegExp(`^Held back the speaker of ${pilot.id} \\(“We are ready to sail tonight,”\\): John Marsh \\d\\.\\d\\d.*, below the threshold 1; \`quotes: \\{ ${pilot.id}: John Marsh \\}\` in front matter confirms it$`))
  })

  it('should list them with `dateline check`, exit 0, and name the people file among the files', async () => {
    const run = await runCli(['check', '--no-cache'], { cwd: fixture })
    expect(run.code, run.stderr).toBe(0)
    const { line, column } = pilot.position.start
    expect(run.stderr).toContain(`content/politics/ferry-talks.md:${line}:${column}  info  Held back the speaker of ${pilot.id}`)
    expect(run.stderr).toContain(`\`quotes: { ${reserve.id}: John Q. Marsh }\` in front matter confirms it`)
    expect(run.stderr.match(/ {2}quote-held-back$/gm)).toHaveLength(2)
    expect(run.stderr).toContain('0 errors, 0 warnings, 2 notes in 3 files')
  }, 30_000)
})

describe('the same site with every attribution published (threshold 0)', async () => {
  const result = await buildFixture({ attribution: { threshold: 0 } })

  it('should keep apart the names the people file says are different people', () => {
    const pilot = quoteOf(articleAt(result, 'politics/ferry-talks.md'), 'We are ready to sail')
    const reserve = quoteOf(articleAt(result, 'local/budget-balanced.md'), 'It spends the reserve')
    expect(fileText(result, 'people/john-marsh/index.html')).toContain(`/politics/ferry-talks/#${pilot.id}`)
    expect(fileText(result, 'people/john-q-marsh/index.html')).toContain(`/local/budget-balanced/#${reserve.id}`)
  })

  it('should list nothing for review', () => {
    expect(result.sources.flatMap((source) => source.messages.filter((message) => message.ruleId === 'quote-held-back'))).toEqual([])
  })
})
