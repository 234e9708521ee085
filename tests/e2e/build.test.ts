import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { build, type BuildResult } from '../../src/build.js'
import { formatMessages } from '../../src/cli/format-messages.js'
import type { Article, ArticleCard } from '../../src/model/article.js'
import { parseArticle } from '../../src/parse/article.js'
import { renderBody } from '../../src/render/body.js'
import { DEFAULT_PUBLISH_THRESHOLD, isPublished } from '../../src/quotes/policy.js'
import { testConfig } from '../helpers/article.js'

const root = path.dirname(fileURLToPath(new URL('../../package.json', import.meta.url)))
const fixtures = path.join(root, 'tests', 'fixtures')

async function buildFixture(name: string): Promise<BuildResult> {
  return build({
    contentDir: path.join(fixtures, name, 'content'),
    templatesDir: path.join(root, 'templates'),
    cwd: path.join(fixtures, name),
    config: testConfig,
  })
}

/** A published story in full, parsed again from its source: a build's result holds each story's card. */
function storyOf(result: BuildResult, card: ArticleCard): Article {
  const source = result.sources.find((file) => file.data.sourcePath === card.sourcePath)
  if (source === undefined) throw new Error(`No source for ${card.sourcePath}`)
  const file = new VFile({ path: source.path, cwd: source.cwd, value: source.value })
  file.data.sourcePath = card.sourcePath
  const story = parseArticle(file)
  if (story === undefined) throw new Error(`Cannot parse ${card.sourcePath} again`)
  return story
}

function fileText(result: BuildResult, filePath: string): string {
  const file = result.files.find((f) => f.path === filePath)
  if (!file) throw new Error(`No output file ${filePath}; have ${result.files.map((f) => f.path).join(', ')}`)
  return typeof file.contents === 'string' ? file.contents : new TextDecoder().decode(file.contents)
}

describe('building the seed wire story', async () => {
  const result = await buildFixture('wire-seed')
  const article = result.articles[0]
  const page = fileText(result, 'world/n-korea-direct-talks/index.html')

  it('should publish the wire story with its headline as the one h1', () => {
    expect(result.articles).toHaveLength(1)
    expect(page.match(/<h1[\s>][^]*?<\/h1>/g)).toEqual([expect.stringContaining('N. Korea Wants Direct Talks with U.S. Only')])
  })

  it('should drop the site chrome, report it, and keep 17 paragraphs plus the editor’s note', () => {
    expect(page).not.toContain('Watch CBSN Live')
    expect(article?.dropped.map((d) => d.text)).toEqual(['Watch CBSN Live'])
    expect(article?.body.filter((b) => b.type === 'paragraph')).toHaveLength(17)
    expect(article?.body.filter((b) => b.type === 'editorsNote')).toHaveLength(1)
    expect(page).toContain('(For more on Falk')
  })

  it('should write the front page and the 404 page', () => {
    expect(fileText(result, 'index.html')).toContain('N. Korea Wants Direct Talks with U.S. Only')
    expect(fileText(result, '404.html')).toContain('<h1')
  })

  it('should mark each of the 14 quotes with a linkable id, and with its speaker when the attribution is published', () => {
    for (let n = 1; n <= 14; n++) expect(page).toContain(`id="q-${n}"`)
    const people = new Map(article?.people.map((person) => [person.id, person.name]))
    for (const quote of article?.quotes ?? []) {
      const tag = new RegExp(`<q id="${quote.id}"[^>]*>`).exec(page)?.[0] ?? ''
      if (isPublished(quote, DEFAULT_PUBLISH_THRESHOLD)) expect(tag).toContain(`data-speaker="${people.get(quote.speakerId ?? '')?.replace(/'/g, '&#x27;')}"`)
      else expect(tag).toBe(`<q id="${quote.id}">`)
    }
  })

  it('should report the dropped chrome as a positioned warning', async () => {
    await expect(formatMessages(result.sources)).toMatchFileSnapshot('../fixtures/wire-seed/expected/messages.txt')
  })

  it('should keep the article model stable', async () => {
    await expect(JSON.stringify(article, null, 2)).toMatchFileSnapshot('../fixtures/wire-seed/expected/article.json')
  })

  it('should keep the body HTML stable', async () => {
    if (!article) throw new Error('no article')
    const story = storyOf(result, article)
    // This build holds its stories whole: its card is the story.
    expect(story).toEqual(article)
    await expect(renderBody(story)).toMatchFileSnapshot('../fixtures/wire-seed/expected/body.html')
  })
})

describe('building Markdown with hostile neighbours', async () => {
  const result = await buildFixture('markdown-basics')
  // Article pages carry the content; trusted template scripts (search) live elsewhere.
  const html = result.files.filter((f) => f.path.startsWith('politics/') && f.path.endsWith('/index.html')).map((f) => String(f.contents)).join('\n')

  it('should publish the good article and refuse the bad ones, reporting all of them at once', async () => {
    expect(result.articles.map((a) => a.sourcePath).sort()).toEqual(['politics/council-delays-budget-vote.md', 'politics/hostile-body.md'])
    await expect(formatMessages(result.sources)).toMatchFileSnapshot('../fixtures/markdown-basics/expected/messages.txt')
  })

  it('should refuse `---js` front matter with file, line and column, without running it', () => {
    const file = result.sources.find((f) => f.path.endsWith('bad-front-matter.md'))
    expect(file?.messages.map((m) => [m.ruleId, m.line, m.column, m.fatal])).toEqual([['front-matter-language', 1, 4, true]])
  })

  it('should refuse a `../` slug', () => {
    const file = result.sources.find((f) => f.path.endsWith('escaping-slug.md'))
    expect(file?.messages.map((m) => m.ruleId)).toEqual(['slug-invalid'])
    expect(result.files.some((f) => f.path.includes('..') || f.path.includes('outside'))).toBe(false)
  })

  it('should let no script, event handler or javascript: URL into the output', () => {
    expect(html).not.toMatch(/<script(?![^>]*application\/ld\+json)/i)
    expect(html).not.toMatch(/\son[a-z]+=/i)
    expect(html).not.toMatch(/javascript:/i)
    expect(html).not.toMatch(/src="data:/i)
    expect(html).toContain('href="https://example.org/ok"')
    expect(html).toContain('Hostile &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; body')
  })
})
