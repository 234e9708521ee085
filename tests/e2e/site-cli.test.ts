import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { parseArticle } from '../../src/parse/article.js'
import { fixtureDir, root } from './site-fixture.js'

// The real command, as an editor runs it in a project folder; `npm test` bundles lib/ first.
const bin = path.join(root, 'bin', 'dateline.js')
const wire = path.join(root, 'tests', 'fixtures', 'site-import', 'wire.txt')
const folders: string[] = []

function project(): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'dateline-site-cli-'))
  folders.push(folder)
  return folder
}

function dateline(args: string[], cwd: string) {
  const run = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } })
  return { code: run.status, stdout: run.stdout, stderr: run.stderr }
}

function parsedMarkdown(file: string) {
  const vfile = new VFile({ path: file, value: readFileSync(file, 'utf8') })
  vfile.data.sourcePath = path.basename(file)
  return { article: parseArticle(vfile, { attribute: false }), messages: vfile.messages }
}

afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true })
})

describe('dateline new', () => {
  it('should scaffold a draft article in content/<section>/ that parses without errors', () => {
    const cwd = project()
    const run = dateline(['new', 'Mayor Opens the New Bridge: "At Last"', '--section', 'Local News'], cwd)
    expect(run.code).toBe(0)
    expect(run.stdout.trim()).toBe(path.join('content', 'local-news', 'mayor-opens-the-new-bridge-at-last.md'))
    const { article, messages } = parsedMarkdown(path.join(cwd, run.stdout.trim()))
    expect(messages.filter((m) => m.fatal === true)).toEqual([])
    expect(article).toMatchObject({ headline: 'Mayor Opens the New Bridge: "At Last"', section: 'Local News', draft: true })
  })

  it('should refuse to overwrite an existing article', () => {
    const cwd = project()
    expect(dateline(['new', 'Same headline'], cwd).code).toBe(0)
    const again = dateline(['new', 'Same headline'], cwd)
    expect(again.code).toBe(1)
    expect(again.stderr).toContain('the file exists')
  })
})

describe('dateline import', () => {
  it('should turn wire copy into a draft Markdown article and say what it dropped and lifted', () => {
    const cwd = project()
    const run = dateline(['import', wire, '--section', 'world'], cwd)
    expect(run.code).toBe(0)
    expect(run.stderr).toContain('Dropped `Watch CBSN Live` (line 1)')
    expect(run.stderr).toContain('Lifted headline `N. Korea Wants Direct Talks with U.S. Only`')
    const written = path.join(cwd, run.stdout.trim())
    const text = readFileSync(written, 'utf8')
    expect(text).not.toContain('Watch CBSN Live')
    const { article, messages } = parsedMarkdown(written)
    expect(messages.filter((m) => m.fatal === true)).toEqual([])
    expect(article?.headline).toBe('N. Korea Wants Direct Talks with U.S. Only')
    expect(article?.draft).toBe(true)
    expect(article?.body.length).toBeGreaterThan(5)
  })

  it('should keep wire text that looks like Markdown as text', () => {
    const cwd = project()
    const file = path.join(cwd, 'odd.txt')
    writeFileSync(file, 'Odd copy arrives\n\n* not a list, and <b>not HTML</b> either, as the desk wrote it for the wire today.\n\n# not a heading either, just a line that starts with a hash.\n')
    const run = dateline(['import', file], cwd)
    expect(run.code).toBe(0)
    const { article } = parsedMarkdown(path.join(cwd, run.stdout.trim()))
    expect(article?.body.map((block) => block.type)).toEqual(['paragraph', 'paragraph'])
  })
})

describe('dateline build in a project folder', () => {
  it('should use the built-in templates when the folder has none, and write feeds, sitemaps and the search index', () => {
    const cwd = project()
    cpSync(path.join(fixtureDir, 'content'), path.join(cwd, 'content'), { recursive: true })
    const run = dateline(['build'], cwd)
    expect(run.code).toBe(0)
    for (const file of ['index.html', 'feed.xml', 'atom.xml', 'feed.json', 'sitemap.xml', 'news-sitemap.xml', 'robots.txt', 'search/index.html', 'assets/style.css']) {
      expect(existsSync(path.join(cwd, 'dist', file)), file).toBe(true)
    }
    expect(readdirSync(path.join(cwd, 'dist', 'pagefind'))).toContain('pagefind.js')
    // The scheduled 2030 story waits for its time: the CLI's clock is the build's `now`.
    expect(existsSync(path.join(cwd, 'dist', 'world', 'eclipse-viewing'))).toBe(false)
  })

  it('should say which stories it left out and why, and count what it built in good English', () => {
    const cwd = project()
    cpSync(path.join(fixtureDir, 'content'), path.join(cwd, 'content'), { recursive: true })
    const run = dateline(['build', '--no-search'], cwd)
    expect(run.code).toBe(0)
    expect(run.stderr).toContain(
      [
        'Left out 1 draft, 1 scheduled for 2030-06-01T10:00:00Z:',
        `  ${path.join('content', 'politics', 'budget-draft.md')}  draft: true; left out until it is false (or build with --drafts)`,
        `  ${path.join('content', 'world', 'eclipse-viewing.md')}  dated 2030-06-01T10:00:00Z; left out until a build after that time`,
      ].join('\n'),
    )
    expect(run.stderr).toMatch(/^Built 6 articles into dist\/ /m)
    const drafts = dateline(['build', '--no-search', '--drafts', '--out', 'with-drafts'], cwd)
    expect(drafts.stderr).toContain('Left out 1 scheduled for 2030-06-01T10:00:00Z:')
    expect(drafts.stderr).not.toContain('draft: true')

    const one = project()
    mkdirSync(path.join(one, 'content', 'world'), { recursive: true })
    writeFileSync(path.join(one, 'content', 'world', 'only.md'), '---\ntitle: The only story\ndate: 2026-01-05\n---\n\nBody.\n')
    const single = dateline(['build', '--no-search'], one)
    expect(single.stderr).toMatch(/^Built 1 article into dist\/ /m)
    expect(single.stderr).not.toContain('Left out')
  })

  it('should warn, naming the key, when a build has no base URL to put in its absolute links, and not when it has one', () => {
    const cwd = project()
    mkdirSync(path.join(cwd, 'content', 'world'), { recursive: true })
    writeFileSync(path.join(cwd, 'content', 'world', 'only.md'), '---\ntitle: The only story\ndate: 2026-01-05\n---\n\nBody.\n')
    const bare = dateline(['build', '--no-search'], cwd)
    expect(bare.code).toBe(0)
    expect(bare.stderr).toContain('dateline.config.json  warning  Missing `baseUrl` in dateline.config.json: canonical links, og:url, JSON-LD, feeds, sitemaps and robots.txt all point at http://localhost:8080')
    expect(bare.stderr).toContain('hint: Add "baseUrl": "https://news.example.org"')
    expect(readFileSync(path.join(cwd, 'dist', 'robots.txt'), 'utf8')).toContain('Sitemap: http://localhost:8080/sitemap.xml')
    expect(dateline(['check'], cwd).stderr).toContain('Missing `baseUrl`')

    writeFileSync(path.join(cwd, 'dateline.config.json'), '{ "baseUrl": "https://news.example.org" }\n')
    const set = dateline(['build', '--no-search'], cwd)
    expect(set.code).toBe(0)
    expect(set.stderr).not.toContain('baseUrl')
    expect(readFileSync(path.join(cwd, 'dist', 'robots.txt'), 'utf8')).toContain('Sitemap: https://news.example.org/sitemap.xml')
  })

  it('should rebuild after an edit by rendering one page, linking the rest, and indexing one story, giving what a fresh build gives', () => {
    const cwd = project()
    cpSync(path.join(fixtureDir, 'content'), path.join(cwd, 'content'), { recursive: true })
    expect(dateline(['build'], cwd).code).toBe(0)
    const story = path.join(cwd, 'content', 'world', 'port-reopens.md')
    writeFileSync(story, `${readFileSync(story, 'utf8')}\nThe quay now has a tide gauge.\n`)
    const inode = (file: string) => statSync(path.join(cwd, 'dist', file)).ino
    const before = { business: inode('business/feed.xml'), world: inode('world/feed.xml') }
    const rebuild = dateline(['build', '--timings'], cwd)
    expect(rebuild.code).toBe(0)
    expect(rebuild.stderr).toMatch(/pages rendered 1, kept [1-9]\d*/)
    // A feed that does not list the edited story is linked from the last output; its section's is written again.
    expect(inode('business/feed.xml')).toBe(before.business)
    expect(inode('world/feed.xml')).not.toBe(before.world)
    expect(JSON.parse(readFileSync(path.join(cwd, 'dist', 'pagefind', 'dateline-search.json'), 'utf8'))).toEqual({ shards: [], delta: 'pagefind-delta/', superseded: ['/world/port-reopens/'], supersededIds: [expect.stringMatching(/^en_[0-9a-f]+$/)] })
    expect(dateline(['build', '--no-cache', '--out', 'fresh'], cwd).code).toBe(0)
    const pages = (dir: string) => readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.html') || file.endsWith('.xml') || file.endsWith('.json')).filter((file) => !file.startsWith('pagefind')).sort()
    const rebuilt = pages(path.join(cwd, 'dist'))
    expect(rebuilt).toEqual(pages(path.join(cwd, 'fresh')))
    for (const file of rebuilt) {
      // The clock moves between the two builds: only the news sitemap's window depends on it.
      if (file === 'news-sitemap.xml') continue
      expect(readFileSync(path.join(cwd, 'dist', file), 'utf8'), file).toBe(readFileSync(path.join(cwd, 'fresh', file), 'utf8'))
    }
  })

  it('should read only the files changed since the last build, and build what a fresh build gives', async () => {
    const cwd = project()
    cpSync(path.join(fixtureDir, 'content'), path.join(cwd, 'content'), { recursive: true })
    // Files changed in the two seconds before a build reads them are not vouched for next time.
    await new Promise((resolve) => setTimeout(resolve, 2_100))
    const first = dateline(['build', '--timings'], cwd)
    expect(first.code).toBe(0)
    const total = Number(/files read (\d+) of (\d+)/.exec(first.stderr)?.[2])
    expect(first.stderr).toContain(`files read ${total} of ${total};`)
    expect(total).toBeGreaterThan(3)
    const story = path.join(cwd, 'content', 'world', 'port-reopens.md')
    writeFileSync(story, `${readFileSync(story, 'utf8')}\nThe quay now has a tide gauge.\n`)
    const second = dateline(['build', '--timings'], cwd)
    expect(second.code).toBe(0)
    expect(second.stderr).toContain(`files read 1 of ${total};`)
    expect(dateline(['build', '--no-cache', '--out', 'fresh'], cwd).code).toBe(0)
    const page = 'world/port-reopens/index.html'
    expect(readFileSync(path.join(cwd, 'dist', page), 'utf8')).toContain('tide gauge')
    expect(readFileSync(path.join(cwd, 'dist', page), 'utf8')).toBe(readFileSync(path.join(cwd, 'fresh', page), 'utf8'))
  })

  it('should not keep pages a build with --no-cache replaced since the cache recorded them', () => {
    const cwd = project()
    cpSync(path.join(fixtureDir, 'content'), path.join(cwd, 'content'), { recursive: true })
    expect(dateline(['build'], cwd).code).toBe(0)
    // The same output folder, rewritten without the cache: the cache's record of its pages is stale.
    expect(dateline(['build', '--no-cache', '--no-attribution'], cwd).code).toBe(0)
    const again = dateline(['build', '--timings'], cwd)
    expect(again.code).toBe(0)
    expect(again.stderr).toMatch(/pages rendered \d+, kept 0\b/)
    expect(dateline(['build', '--no-cache', '--out', 'fresh'], cwd).code).toBe(0)
    const story = 'world/port-reopens/index.html'
    expect(readFileSync(path.join(cwd, 'dist', story), 'utf8')).toBe(readFileSync(path.join(cwd, 'fresh', story), 'utf8'))
  })

  it('should use the folder’s own templates/ when it has one', () => {
    const cwd = project()
    cpSync(path.join(fixtureDir, 'content'), path.join(cwd, 'content'), { recursive: true })
    cpSync(path.join(root, 'templates'), path.join(cwd, 'templates'), { recursive: true })
    const layout = path.join(cwd, 'templates', 'layout.eta')
    writeFileSync(layout, readFileSync(layout, 'utf8').replace('<main id="main" tabindex="-1">', '<main id="main" tabindex="-1" data-house="own">'))
    const run = dateline(['build', '--no-search'], cwd)
    expect(run.code).toBe(0)
    expect(readFileSync(path.join(cwd, 'dist', 'index.html'), 'utf8')).toContain('data-house="own"')
    expect(existsSync(path.join(cwd, 'dist', 'pagefind'))).toBe(false)
  })

  it('should report a bad page size in dateline.config.json and build nothing', () => {
    const cwd = project()
    mkdirSync(path.join(cwd, 'content'))
    writeFileSync(path.join(cwd, 'dateline.config.json'), JSON.stringify({ pageSize: 0 }))
    const run = dateline(['build'], cwd)
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('Unexpected value for `pageSize` in dateline.config.json')
    expect(existsSync(path.join(cwd, 'dist'))).toBe(false)
  })
})
