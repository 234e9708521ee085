import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { cardEntry } from '../../../src/cache/article-cache.js'
import type { Article, ArticleCard } from '../../../src/model/article.js'
import type { OutputFile, Page, PageToRender, TemplateSet } from '../../../src/model/site.js'
import { parseArticle } from '../../../src/parse/article.js'
import { prerenderBody } from '../../../src/render/pages/article-body.js'
import { renderSite } from '../../../src/render/templates.js'
import { planSite } from '../../../src/site/plan.js'
import { testConfig } from '../../helpers/article.js'

const templatesDir = fileURLToPath(new URL('../../../templates/', import.meta.url))

function projectTemplates(): TemplateSet {
  const templates: Record<string, string> = {}
  const assets: OutputFile[] = []
  for (const name of readdirSync(templatesDir, { recursive: true, encoding: 'utf8' })) {
    const posix = name.split(path.sep).join('/')
    if (posix.endsWith('.eta')) templates[posix.slice(0, -'.eta'.length)] = readFileSync(path.join(templatesDir, name), 'utf8')
  }
  return { templates, assets }
}

function parse(sourcePath: string, text: string): Article {
  const file = new VFile({ path: sourcePath, value: text })
  file.data.sourcePath = sourcePath
  const article = parseArticle(file)
  if (article === undefined) throw new Error(String(file.messages[0]))
  return article
}

/** A story with a confirmed speaker (so a pull quote), a held-back one, a split quote and a block quotation. */
const story = parse(
  'world/port.md',
  `---
title: Port reopens after the storm
date: 2026-03-01
quotes:
  "We are open": Ana Ruiz
---

The port reopened on Monday after a week of repairs.

"We are open, and we will stay open through the winter," said Ana Ruiz, the harbor master.

Ships queued all day. "It was a long week," one captain said.

"The cranes are back," Ruiz said, "and so are the crews."

> "Nobody expected the water to rise so fast," said Tom Lee, a dock worker.

The [harbor office](https://example.org/harbor) posted the new timetable.
`,
)

const threshold = 0.97
const templates = projectTemplates()

function articlePage(article: ArticleCard): Extract<Page, { kind: 'article' }> {
  const page = planSite([article], testConfig).pages.find((candidate) => candidate.kind === 'article')
  if (page?.kind !== 'article') throw new Error('no article page')
  return page
}

function html(page: PageToRender, article: ArticleCard): string {
  const files = renderSite(planSite([article], testConfig).site, [page], templates)
  return String(files.find((file) => file.path === page.outputPath)?.contents)
}

function cardOf(article: Article): ArticleCard {
  const card = cardEntry({ article, messages: [] }).article
  if (card === undefined) throw new Error('no card')
  return card
}

describe('a body prerendered where the story was parsed', () => {
  it('should make the same article page from the story\'s card as the story in full makes', () => {
    const body = prerenderBody(story, threshold)
    if (body === undefined) throw new Error('no body')
    expect(body.pullQuoteId).toBeDefined()
    expect(body.anchored.length).toBeGreaterThan(2)
    const card = cardOf(story)
    expect(card.body).toHaveLength(1)
    const full = html({ ...articlePage(story), story: { article: story } }, story)
    expect(full).toContain('Nobody expected the water')
    expect(html({ ...articlePage(card), story: { article: card, body } }, card)).toBe(full)
  })

  it('should not be used for another threshold: such a page is made from the story in full, never from its card', () => {
    const body = prerenderBody(story, 0.5)
    if (body === undefined) throw new Error('no body')
    const card = cardOf(story)
    expect(() => html({ ...articlePage(card), story: { article: card, body } }, card)).toThrow('from a body rendered for the threshold 0.5')
  })

  it('should not be made for a body with an image from the content folder, whose URL the site decides', () => {
    const pictured = parse('world/bridge.md', '---\ntitle: Bridge opens\ndate: 2026-03-01\n---\n\nThe bridge opened.\n\n![The new bridge](bridge.jpg)\n')
    expect(prerenderBody(pictured, threshold)).toBeUndefined()
    const remote = parse('world/tower.md', '---\ntitle: Tower opens\ndate: 2026-03-01\n---\n\nThe tower opened.\n\n![The tower](https://example.org/tower.jpg)\n')
    expect(prerenderBody(remote, threshold)?.before).toContain('https://example.org/tower.jpg')
  })
})
