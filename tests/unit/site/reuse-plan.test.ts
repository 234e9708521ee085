import { describe, expect, it } from 'vitest'
import type { Article, Block } from '../../../src/model/article.js'
import { outputFiles, renderSiteOutputs } from '../../../src/render/site-outputs.js'
import { feedItemLimit } from '../../../src/render/feeds.js'
import { planSite } from '../../../src/site/plan.js'
import { articleParts, swapArticles } from '../../../src/site/reuse-plan.js'
import { makeArticle, testConfig } from '../../helpers/article.js'

const at = { line: 1, column: 1, offset: 0 }
const paragraph = (id: string, value: string): Block => ({ type: 'paragraph', id, children: [{ type: 'text', value }], position: { start: at, end: at } })

/** A section of stories, oldest first, each quoting one speaker. */
function stories(count: number): Article[] {
  return Array.from({ length: count }, (_, index) =>
    makeArticle({
      id: `world/s-${index}`,
      slug: `s-${index}`,
      sourcePath: `world/s-${index}.md`,
      published: `2026-01-${String(1 + (index % 28)).padStart(2, '0')}T${String(index % 24).padStart(2, '0')}:00:00Z`,
      body: [paragraph('p-1', `Story ${index} begins.`)],
      people: [{ id: 'person-1', name: 'Ana Lima', kind: 'person', role: 'mayor', mentions: [] }],
      quotes: [{ id: 'q-1', text: `Quote ${index}`, kind: 'direct', speakerId: 'person-1', paragraphIds: ['p-1'] } as unknown as Article['quotes'][number]],
    }),
  )
}

/** The same story with a paragraph added at the end: its card is unchanged. */
const withMoreBody = (article: Article): Article => structuredClone({ ...article, body: [...article.body, paragraph('p-2', 'A new last paragraph.')] })

describe('swapArticles', () => {
  it('should give the plan a fresh planSite gives, sharing every part that does not lead to the edited story', () => {
    const articles = stories(12)
    const plan = planSite(articles, testConfig)
    const next = articles.map((article, index) => (index === 3 ? withMoreBody(article) : article))
    const swapped = swapArticles(plan, [{ previous: articles[3] as Article, next: next[3] as Article }], articleParts(articles))
    expect(swapped).toEqual(planSite(next, testConfig))
    // Nothing in the new plan points into the old story…
    const reached = new Set<unknown>()
    const visit = (value: unknown): void => {
      if (typeof value !== 'object' || value === null || reached.has(value)) return
      reached.add(value)
      for (const item of Object.values(value)) visit(item)
    }
    visit(swapped)
    for (const part of articleParts([articles[3] as Article])) expect(reached.has(part)).toBe(false)
    // …and what does not lead to it is the same object.
    expect(swapped.site.config).toBe(plan.site.config)
    expect(swapped.pages.find((page) => page.kind === 'article' && page.entry.article.id === 'world/s-5')).toBe(plan.pages.find((page) => page.kind === 'article' && page.entry.article.id === 'world/s-5'))
  })

  it('should refuse a plan that is not plain data', () => {
    const articles = stories(2)
    const plan = { ...planSite(articles, testConfig), extra: new Map([[1, articles[0]]]) }
    expect(() => swapArticles(plan, [{ previous: articles[0] as Article, next: withMoreBody(articles[0] as Article) }], articleParts([articles[1] as Article]))).toThrow(/Cannot reuse/)
  })
})

describe('renderSiteOutputs with a reused plan', () => {
  it('should render again only the feeds that list an edited story, and equal a full render', async () => {
    const articles = stories(feedItemLimit + 10)
    const plan = planSite(articles, testConfig)
    const first = await renderSiteOutputs(plan.site, plan.pages)
    for (const entry of [plan.site.articles[0], plan.site.articles.at(-1)]) {
      const previous = entry?.article as Article
      const next = withMoreBody(previous)
      const swapped = swapArticles(plan, [{ previous, next }], articleParts(articles))
      const reused = await renderSiteOutputs(swapped.site, swapped.pages, { reuse: { last: first, changed: new Set([next]) } })
      const full = await renderSiteOutputs(swapped.site, swapped.pages)
      expect(outputFiles(reused)).toEqual(outputFiles(full))
      // The newest story is in the feeds: they are new objects. The oldest is in none: all kept.
      const kept = [...reused.feeds.values()].filter((files, index) => files === [...first.feeds.values()][index]).length
      expect(kept).toBe(entry === plan.site.articles[0] ? 0 : reused.feeds.size)
    }
  })
})
