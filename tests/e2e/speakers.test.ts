import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { build } from '../../src/build.js'
import { testConfig } from '../helpers/article.js'

const root = path.dirname(fileURLToPath(new URL('../../package.json', import.meta.url)))

describe('speaker pages of the seed story', async () => {
  const result = await build({
    contentDir: path.join(root, 'tests/fixtures/wire-seed/content'),
    templatesDir: path.join(root, 'templates'),
    cwd: root,
    // Every attribution published (threshold 0): this suite is about the speaker pages, not the
    // publication policy, which tests/e2e/editors.test.ts builds a site for.
    config: { ...testConfig, attribution: { threshold: 0 } },
  })
  const text = (filePath: string): string => {
    const file = result.files.find((f) => f.path === filePath)
    if (!file) throw new Error(`No output file ${filePath}`)
    return String(file.contents)
  }
  const countOn = (filePath: string): number => Number(/<p class="speaker-header__count">(\d+) quotes?<\/p>/.exec(text(filePath))?.[1])

  it.each([
    ['sin-son-ho', 'Sin Son Ho', 3],
    ['pamela-falk', 'Pamela Falk', 4],
    ['hillary-rodham-clinton', 'Hillary Rodham Clinton', 2],
    ['north-koreas-foreign-ministry', 'North Korea&#39;s Foreign Ministry', 2],
    ['kurt-campbell', 'Kurt Campbell', 1],
    ['philip-crowley', 'Philip Crowley', 1],
  ])('should give /people/%s/ to %s with %i quotes (a split quote counted once)', (slug, name, count) => {
    const page = text(`people/${slug}/index.html`)
    expect(page).toContain(`<h1 class="section-header__title">${name}</h1>`)
    expect(countOn(`people/${slug}/index.html`)).toBe(count)
  })

  it('should list every quote of a speaker with its permalink and role', () => {
    const page = text('people/pamela-falk/index.html')
    expect(page).toContain('CBS News Foreign Affairs Analyst')
    for (const id of ['q-2', 'q-3', 'q-5', 'q-6']) expect(page).toContain(`/world/n-korea-direct-talks/#${id}`)
  })

  it('should list as many quotes as it counts, on a speaker page and in the article panel: a split quote is one, in its parts', () => {
    const page = text('people/pamela-falk/index.html')
    const items = [...page.matchAll(/<blockquote class="quote-card__text"[^>]*><p>([^]*?)<\/p><\/blockquote>/g)].map((m) => m[1])
    expect(items).toHaveLength(countOn('people/pamela-falk/index.html'))
    expect(items).toContain('The North Koreans are clearly feeling the pinch of the economic sanctions imposed by the U.S. and the U.N. and they have begun, first in Thailand last week and now in New York, to give their view of past negotiations, and to let the world know their demands … namely, direct talks.')
    expect(page).not.toContain('#q-7')
    const article = text('world/n-korea-direct-talks/index.html')
    for (const speaker of article.matchAll(/<li class="quoted-in__speaker">([^]*?)<\/li>\s*(?=<li class="quoted-in__speaker">|<\/ul>)/g)) {
      const count = Number(/<p class="quoted-in__count">(\d+) quotes?<\/p>/.exec(speaker[1] ?? '')?.[1])
      expect(speaker[1]?.match(/<li>/g)).toHaveLength(count)
    }
    expect(article).not.toContain('<a href="#q-7">')
    const latest = text('quotes/index.html')
    expect(latest).toContain('to let the world know their demands … namely, direct talks.</p>')
  })

  it('should list speakers by number of quotes on /people/', () => {
    const page = text('people/index.html')
    const order = [...page.matchAll(/class="people-list__name" href="[^"]+">([^<]+)</g)].map((m) => m[1])
    expect(order.slice(0, 2)).toEqual(['Pamela Falk', 'Sin Son Ho'])
    expect(order).toHaveLength(6)
  })

  it('should link each speaker of the article panel to their page and feature a pull quote', () => {
    const page = text('world/n-korea-direct-talks/index.html')
    expect(page).toContain('<a href="/people/sin-son-ho/">Sin Son Ho</a>')
    expect(page).toMatch(/<figure class="pull-quote">[^]*Sin Son Ho/)
  })

  it('should set the pull quote in the story after its opening paragraphs, away from the quote it repeats, with a quote that reads on its own', () => {
    const page = text('world/n-korea-direct-talks/index.html')
    const body = /<div class="story__body">([^]*?)\n  <\/div>/.exec(page)?.[1] ?? ''
    const blocks = [...body.matchAll(/<p[ >][^]*?<\/p>\n|<figure class="pull-quote">[^]*?<\/figure>\n/g)].map((m) => m[0])
    const at = blocks.findIndex((block) => block.startsWith('<figure class="pull-quote">'))
    expect(at).toBeGreaterThanOrEqual(3)
    const href = /<blockquote cite="#(q-\d+)">/.exec(blocks[at] ?? '')?.[1]
    expect(href).toBeDefined()
    // Neither neighbour holds the quote it repeats.
    for (const neighbour of [blocks[at - 1], blocks[at + 1]]) expect(neighbour).not.toContain(`id="${href}"`)
    expect(blocks[at]).not.toContain('But he rejected')
    expect(blocks[at]).toContain('“We are not against a dialogue. We are not against any negotiation for the issues of common concern.”')
  })

  it('should describe the quotes as schema.org Quotations with their creators in JSON-LD', () => {
    const page = text('world/n-korea-direct-talks/index.html')
    const json = /<script type="application\/ld\+json">([^]*?)<\/script>/.exec(page)?.[1] ?? '{}'
    const ld = JSON.parse(json) as { hasPart?: { '@type': string; creator?: { '@type': string; name: string; jobTitle?: string } }[] }
    expect(ld.hasPart).toHaveLength(14)
    expect(ld.hasPart?.[0]).toEqual(expect.objectContaining({ '@type': 'Quotation', creator: expect.objectContaining({ '@type': 'Person', name: 'Sin Son Ho', jobTitle: 'North Korean ambassador to the United Nations' }) }))
    expect(ld.hasPart?.some((q) => q.creator?.['@type'] === 'Organization')).toBe(true)
  })

  it('should list the latest quotes on /quotes/', () => {
    const page = text('quotes/index.html')
    expect(page.match(/class="quote-list__item"/g)).toHaveLength(13)
  })
})
