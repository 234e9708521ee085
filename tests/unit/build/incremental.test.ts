import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { build, type BuildOptions, type BuildResult, createSiteBuilder } from '../../../src/build.js'
import { openArticleCache } from '../../../src/cache/article-cache.js'
import { pageBytes } from '../../../src/cache/page-cache.js'
import type { ParsePool } from '../../../src/pool/parse-pool.js'
import type { OutputFile } from '../../../src/model/site.js'
import { parseTask } from '../../../src/pool/parse-worker.js'
import { testConfig } from '../../helpers/article.js'

const root = path.dirname(fileURLToPath(new URL('../../../package.json', import.meta.url)))
const fixture = path.join(root, 'tests', 'fixtures', 'newsroom-small')

/** A fresh copy of the fixture, so a test can edit its articles. */
function copyFixture(): { cwd: string; contentDir: string; articles: string[] } {
  const cwd = mkdtempSync(path.join(tmpdir(), 'dateline-build-'))
  cpSync(path.join(fixture, 'content'), path.join(cwd, 'content'), { recursive: true })
  const contentDir = path.join(cwd, 'content')
  const articles = readdirSync(path.join(contentDir, 'articles'))
    .sort()
    .map((name) => path.join(contentDir, 'articles', name))
  return { cwd, contentDir, articles }
}

function optionsFor(cwd: string, contentDir: string): BuildOptions {
  return { contentDir, templatesDir: path.join(root, 'templates'), cwd, config: testConfig }
}

function snapshot(result: BuildResult): Record<string, string> {
  return Object.fromEntries(result.files.map((file) => [file.path, typeof file.contents === 'string' ? file.contents : Buffer.from(file.contents).toString('base64')]))
}

function messages(result: BuildResult): string[] {
  return result.sources.flatMap((file) => file.messages.map((message) => `${file.path}:${message.line}:${message.column} ${message.ruleId} ${message.reason}`))
}

describe('parse cache in a build', () => {
  it('should parse every article once and take them from the cache the next time', async () => {
    const { cwd, contentDir } = copyFixture()
    const cache = openArticleCache(path.join(cwd, '.cache', 'dateline'))
    const first = await build({ ...optionsFor(cwd, contentDir), cache })
    const second = await build({ ...optionsFor(cwd, contentDir), cache })
    expect(first.counts).toMatchObject({ parsed: 10, reused: 0 })
    expect(second.counts).toMatchObject({ parsed: 0, reused: 10 })
    expect(snapshot(second)).toEqual(snapshot(first))
    expect(messages(second)).toEqual(messages(first))
  })

  it('should parse again only the article that changed', async () => {
    const { cwd, contentDir, articles } = copyFixture()
    const cache = openArticleCache(path.join(cwd, '.cache', 'dateline'))
    await build({ ...optionsFor(cwd, contentDir), cache })
    appendFileSync(articles[3] ?? '', '\nA correction was appended.\n')
    const second = await build({ ...optionsFor(cwd, contentDir), cache })
    expect(second.counts).toMatchObject({ parsed: 1, reused: 9 })
    expect(snapshot(second)).toEqual(snapshot(await build(optionsFor(cwd, contentDir))))
  })
})

describe('bounded parsing', () => {
  it('should report a file that runs out of time as parse-timeout and build the rest', async () => {
    const { cwd, contentDir, articles } = copyFixture()
    const slow = path.relative(contentDir, articles[0] ?? '')
    // A pool that stands in for the real one: the first article "hangs", the others parse.
    const pool: ParsePool = {
      concurrency: 2,
      parse: async (task) => (task.sourcePath === slow ? { ok: false, timedOut: true, stage: 'attribution' } : { ok: true, json: parseTask(task) }),
      warm: () => undefined,
      close: async () => undefined,
    }
    const result = await build({ ...optionsFor(cwd, contentDir), pool, parseTimeoutMs: 50 })
    expect(result.articles).toHaveLength(9)
    const timedOut = result.sources.find((file) => file.data.sourcePath === slow)
    expect(timedOut?.messages.map((message) => [message.ruleId, message.fatal])).toEqual([['parse-timeout', true]])
    // A last guard: it names the time, where the parse was, and why a bounded file got there.
    expect(timedOut?.messages[0]?.reason).toBe('Unexpected parse time over 0.05 s (stopped in its attribution stage) for a file within the input bounds, expected about a second: the machine is overloaded, or this is a parser bug; the file was skipped')
  })
})

describe('emitting pages as they are rendered', () => {
  it('should hand every page to emit, in batches, and give the same site as a build that keeps them', async () => {
    const { cwd, contentDir } = copyFixture()
    const batches: OutputFile[][] = []
    const emitted = await build({ ...optionsFor(cwd, contentDir), emit: async (files) => void batches.push([...files]) })
    const whole = await build(optionsFor(cwd, contentDir))
    const pages = batches.flat()
    expect(pages.length).toBeGreaterThan(0)
    expect(emitted.files.some((file) => file.path.endsWith('index.html'))).toBe(false)
    expect(new Map([...emitted.emitted])).toEqual(new Map(pages.map((file) => [file.path, pageBytes(file.contents)])))
    expect({ ...snapshot(emitted), ...Object.fromEntries(pages.map((file) => [file.path, String(file.contents)])) }).toEqual(snapshot(whole))
  })
})

describe('incremental builder', () => {
  it('should render the same site as a full build after a body edit, re-rendering only that page', async () => {
    const { cwd, contentDir, articles } = copyFixture()
    const builder = createSiteBuilder(optionsFor(cwd, contentDir), { keepPages: true })
    await builder.build()
    const edited = articles[4] ?? ''
    appendFileSync(edited, '\nA correction was appended for this test.\n')
    const second = await builder.build({ content: [edited] })
    expect(snapshot(second)).toEqual(snapshot(await build(optionsFor(cwd, contentDir))))
    expect(second.counts).toMatchObject({ parsed: 1, reused: 9, rendered: 1, planReused: true })
  })

  it('should reuse the site plan only while edits keep every card, and always equal a full build', async () => {
    const { cwd, contentDir, articles } = copyFixture()
    const builder = createSiteBuilder(optionsFor(cwd, contentDir), { keepPages: true })
    await builder.build()
    const first = articles[1] ?? ''
    const second = articles[6] ?? ''
    const steps: { edit: () => string[]; planReused: boolean }[] = [
      // Two bodies at once, deep in the text: nothing a listing shows changed.
      { edit: () => (appendFileSync(first, '\nOne more paragraph.\n'), appendFileSync(second, '\nAnother paragraph.\n'), [first, second]), planReused: true },
      // A new quote with a speaker: the story's quotes are on its card (speaker pages, quotes page).
      { edit: () => (appendFileSync(first, '\n"We will be back next year," said Maria Okafor, the festival director.\n'), [first]), planReused: false },
      // Back to a body edit, after the plan was made again.
      { edit: () => (appendFileSync(first, '\nThe last paragraph.\n'), [first]), planReused: true },
      // The same story again, then it and another: the kept plan still holds the first parse of each.
      { edit: () => (appendFileSync(first, '\nAnd a postscript.\n'), [first]), planReused: true },
      { edit: () => (appendFileSync(first, '\nAnd another.\n'), appendFileSync(second, '\nA second postscript.\n'), [first, second]), planReused: true },
      // A first-paragraph edit changes the summary a listing may show.
      { edit: () => (writeFileSync(second, readFileSync(second, 'utf8').replace(/\n\n(\S)/, '\n\nUpdated: $1')), [second]), planReused: false },
    ]
    for (const step of steps) {
      const result = await builder.build({ content: step.edit() })
      expect(result.counts.planReused).toBe(step.planReused)
      expect(snapshot(result)).toEqual(snapshot(await build(optionsFor(cwd, contentDir))))
    }
  })

  it('should render the same site as a full build after a headline edit', async () => {
    const { cwd, contentDir, articles } = copyFixture()
    const builder = createSiteBuilder(optionsFor(cwd, contentDir), { keepPages: true })
    await builder.build()
    const edited = articles[2] ?? ''
    writeFileSync(edited, readFileSync(edited, 'utf8').replace(/^title: .*$/m, 'title: "A new headline for the test"'))
    const second = await builder.build({ content: [edited] })
    expect(snapshot(second)).toEqual(snapshot(await build(optionsFor(cwd, contentDir))))
    expect(JSON.stringify(snapshot(second))).toContain('A new headline for the test')
  })

  it('should pick up an added article', async () => {
    const { cwd, contentDir, articles } = copyFixture()
    const builder = createSiteBuilder(optionsFor(cwd, contentDir), { keepPages: true })
    await builder.build()
    const added = path.join(contentDir, 'articles', 'zz-added.md')
    writeFileSync(added, readFileSync(articles[0] ?? '', 'utf8').replace(/^title: .*$/m, 'title: "An added story"'))
    const second = await builder.build({ content: [added] })
    expect(second.articles.map((article) => article.headline)).toContain('An added story')
    expect(snapshot(second)).toEqual(snapshot(await build(optionsFor(cwd, contentDir))))
  })
})

describe('page cache of one-shot rebuilds', () => {
  it('should take unchanged pages from the previous output and equal a full build', async () => {
    const { cwd, contentDir, articles } = copyFixture()
    const first = await build(optionsFor(cwd, contentDir))
    const held = new Map(first.files.map((file) => [file.path, file.contents]))
    const previousPages = { inputs: (outputPath: string) => first.pageInputs.get(outputPath), contents: async (outputPath: string) => held.get(outputPath) }
    appendFileSync(articles[5] ?? '', '\nA correction was appended.\n')
    const second = await build({ ...optionsFor(cwd, contentDir), previousPages })
    expect(second.counts.rendered).toBe(1)
    expect(snapshot(second)).toEqual(snapshot(await build(optionsFor(cwd, contentDir))))
  })
})

describe('the people file in rebuilds', () => {
  /** A copy of the editors fixture (people file, overrides), every attribution published. */
  function copyEditors(): BuildOptions {
    const cwd = mkdtempSync(path.join(tmpdir(), 'dateline-people-'))
    cpSync(path.join(root, 'tests', 'fixtures', 'site-editors', 'content'), path.join(cwd, 'content'), { recursive: true })
    return { contentDir: path.join(cwd, 'content'), templatesDir: path.join(root, 'templates'), cwd, config: { ...testConfig, attribution: { threshold: 0 } } }
  }
  const rename = (options: BuildOptions): string => {
    const file = path.join(options.contentDir, 'people.yml')
    writeFileSync(file, readFileSync(file, 'utf8').replace('- name: Jane Doe-Okoro', '- name: Jane Okoro Doe'))
    return file
  }

  it('should plan and render again when only the people file changed, as a full build does (dev)', async () => {
    const options = copyEditors()
    const builder = createSiteBuilder(options, { keepPages: true })
    const first = await builder.build()
    expect(first.files.map((file) => file.path)).toContain('people/jane-doe-okoro/index.html')
    const second = await builder.build({ content: [rename(options)] })
    expect(second.counts.parsed).toBe(0)
    expect(second.files.map((file) => file.path)).toContain('people/jane-okoro-doe/index.html')
    expect(snapshot(second)).toEqual(snapshot(await build(options)))
  })

  it('should keep no page of a one-shot build made with another people file', async () => {
    const options = copyEditors()
    const first = await build(options)
    const held = new Map(first.files.map((file) => [file.path, file.contents]))
    const previousPages = { inputs: (outputPath: string) => first.pageInputs.get(outputPath), contents: async (outputPath: string) => held.get(outputPath) }
    rename(options)
    const second = await build({ ...options, previousPages })
    expect(snapshot(second)).toEqual(snapshot(await build(options)))
    expect(JSON.stringify(snapshot(second))).toContain('Jane Okoro Doe')
  })

  it('should report a broken people file among the sources and build as without it', async () => {
    const options = copyEditors()
    writeFileSync(path.join(options.contentDir, 'people.yml'), '- name: Jane Doe-Okoro\n  aliases: [Jane Doe\n')
    const result = await build(options)
    expect(messages(result).filter((line) => line.includes('people-file'))).toEqual([expect.stringMatching(/^content\/people\.yml:\d+:\d+ people-file-yaml /)])
    const paths = result.files.map((file) => file.path)
    expect(paths).toContain('people/jane-doe/index.html')
    expect(paths).toContain('people/jane-doe-okoro/index.html')
  })
})

describe('held-back attributions in a builder that keeps its last build', () => {
  const heldBack = (result: BuildResult): string[] => messages(result).filter((line) => line.includes(' quote-held-back '))

  it('should keep them on unchanged files without making them again, and make them again for an edit or a new threshold', async () => {
    const { cwd, contentDir, articles } = copyFixture()
    const builder = createSiteBuilder(optionsFor(cwd, contentDir), { keepPages: true })
    const first = await builder.build()
    expect(heldBack(first).length).toBeGreaterThan(0)
    const made = new Map(first.sources.map((file) => [file.path, [...file.messages]]))
    const second = await builder.build({})
    expect(messages(second)).toEqual(messages(first))
    // The very same messages: nothing was made again.
    for (const file of second.sources) expect(file.messages.every((message, at) => message === made.get(file.path)?.[at])).toBe(true)

    appendFileSync(articles[3] ?? '', '\nA correction was appended.\n')
    const edited = await builder.build({ content: [articles[3] ?? ''] })
    expect(messages(edited)).toEqual(messages(await build(optionsFor(cwd, contentDir))))

    const config = { ...testConfig, attribution: { threshold: 0.5 } }
    const lower = await builder.build({ config })
    const fresh = await build({ ...optionsFor(cwd, contentDir), config })
    expect(messages(lower)).toEqual(messages(fresh))
    expect(heldBack(lower).length).toBeLessThan(heldBack(first).length)
  })
})
