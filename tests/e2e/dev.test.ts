import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

// The real command, as a user runs it; `npm test` bundles lib/ first (pretest).
const root = path.dirname(fileURLToPath(new URL('../../package.json', import.meta.url)))
const bin = path.join(root, 'bin', 'dateline.js')

describe('dateline dev', () => {
  const cwd = mkdtempSync(path.join(tmpdir(), 'dateline-dev-'))
  const contentDir = path.join(cwd, 'content')
  let child: ChildProcess
  let log = ''
  let url = ''
  const waitFor = (pattern: RegExp, count = 1): Promise<string[]> =>
    new Promise((resolve, reject) => {
      const check = (): boolean => {
        const found = log.match(new RegExp(pattern.source, 'g')) ?? []
        if (found.length < count) return false
        resolve(found)
        return true
      }
      if (check()) return
      const timer = setTimeout(() => reject(new Error(`No ${pattern} in:\n${log}`)), 25_000)
      child.stdout?.on('data', () => check() && clearTimeout(timer))
      child.stderr?.on('data', () => check() && clearTimeout(timer))
    })

  beforeAll(async () => {
    cpSync(path.join(root, 'tests/fixtures/newsroom-small/content'), contentDir, { recursive: true })
    writeFileSync(path.join(contentDir, 'articles', 'draft-story.md'), '---\ntitle: "A story still in draft"\ndate: 2026-03-01\ndraft: true\n---\n\nNot yet published.\n')
    child = spawn(process.execPath, [bin, 'dev', '--content', 'content', '--out', 'out', '--port', '0'], { cwd })
    child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()))
    child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()))
    const [line] = await waitFor(/watching .*http:\/\/localhost:\d+\//)
    url = /http:\/\/localhost:\d+\//.exec(line ?? '')?.[0] ?? ''
  })

  afterAll(async () => {
    const closed = new Promise((resolve) => child.on('close', resolve))
    child.kill('SIGINT')
    await closed
  })

  it('should serve the built site with the reload script added', async () => {
    const response = await fetch(url)
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain('<script type="module" src="/__dateline/live.js"></script>')
    expect(readFileSync(path.join(cwd, 'out', 'index.html'), 'utf8')).not.toContain('__dateline')
    expect((await fetch(new URL('/__dateline/live.js', url))).status).toBe(200)
  })

  it('should show drafts', async () => {
    const html = await (await fetch(url)).text()
    expect(html).toContain('A story still in draft')
  })

  it('should answer a missing page with 404', async () => {
    expect((await fetch(new URL('/no/such/page/', url))).status).toBe(404)
  })

  it('should rebuild an edited article and log the time', async () => {
    const name = readdirSync(path.join(contentDir, 'articles')).sort()[1] ?? ''
    appendFileSync(path.join(contentDir, 'articles', name), '\nA sentence added while the server runs.\n')
    const [line] = await waitFor(/rebuilt .* in \d+ ms/)
    expect(line).toContain(name)
    const pages = readdirSync(path.join(cwd, 'out'), { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('index.html'))
    const updated = pages.filter((file) => readFileSync(path.join(cwd, 'out', file), 'utf8').includes('A sentence added while the server runs.'))
    expect(updated).toHaveLength(1)
  })

  it('should send content errors to the page', async () => {
    const controller = new AbortController()
    const response = await fetch(new URL('/__dateline/events', url), { signal: controller.signal })
    writeFileSync(path.join(contentDir, 'articles', 'broken.md'), '---\ntitle: [unclosed\n---\n\nBody.\n')
    const reader = response.body?.getReader()
    let text = ''
    while (reader && !text.includes('broken.md')) {
      const { value, done } = await reader.read()
      if (done) break
      text += new TextDecoder().decode(value)
    }
    controller.abort()
    expect(text).toMatch(/event: problems\ndata: .*broken\.md.*front-matter/)
  })
})

describe('dateline dev beside a published build', () => {
  const cwd = mkdtempSync(path.join(tmpdir(), 'dateline-dev-dist-'))
  const contentDir = path.join(cwd, 'content')
  const draft = 'A story still in draft'
  cpSync(path.join(root, 'tests/fixtures/newsroom-small/content'), contentDir, { recursive: true })
  writeFileSync(path.join(contentDir, 'articles', 'draft-story.md'), `---\ntitle: "${draft}"\ndate: 2026-03-01\ndraft: true\n---\n\nNot yet published.\n`)
  // A time limit: a dev that does not refuse would serve until killed.
  const run = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', timeout: 30_000 })
  /** Every file of `dir` with its size and modification time: what a deploy would upload. */
  const snapshot = (dir: string) =>
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .sort()
      .map((file) => {
        const stats = statSync(path.join(dir, file))
        return `${file} ${stats.size} ${stats.mtimeMs}`
      })

  it('should serve drafts from its own folder under .cache/ and leave dist/ as the build wrote it', async () => {
    expect(run(['build', '--no-search']).status).toBe(0)
    const dist = path.join(cwd, 'dist')
    const before = snapshot(dist)
    const child = spawn(process.execPath, [bin, 'dev', '--port', '0'], { cwd })
    let log = ''
    child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()))
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`dev did not start:\n${log}`)), 25_000)
        child.stdout.on('data', () => /watching .*http:\/\/localhost:\d+\//.test(log) && (clearTimeout(timer), resolve()))
      })
      expect(log).toMatch(/serving \.cache\/dateline-dev\/ at http:\/\/localhost:\d+\//)
      const url = /http:\/\/localhost:\d+\//.exec(log)?.[0] ?? ''
      expect(await (await fetch(url)).text()).toContain(draft)
      const preview = path.join(cwd, '.cache', 'dateline-dev')
      expect(readFileSync(path.join(preview, 'index.html'), 'utf8')).toContain(draft)
      expect(readFileSync(path.join(preview, '.dateline-output'), 'utf8')).toContain('preview: written by `dateline dev`')
      // An edit is written to the preview, and still not to dist/.
      appendFileSync(path.join(contentDir, 'articles', 'draft-story.md'), '\nEdited while dev runs.\n')
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no rebuild:\n${log}`)), 25_000)
        const check = () => /rebuilt .* in \d+ ms/.test(log) && (clearTimeout(timer), resolve())
        child.stdout.on('data', check)
        check()
      })
    } finally {
      const closed = new Promise((resolve) => child.on('close', resolve))
      child.kill('SIGINT')
      await closed
    }
    expect(snapshot(dist)).toEqual(before)
    const published = readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((file) => /\.(html|xml|json)$/.test(file))
    expect(published.filter((file) => readFileSync(path.join(dist, file), 'utf8').includes(draft))).toEqual([])
  })

  it('should refuse to write its preview into dist/ or any folder a build wrote, and leave it untouched', () => {
    expect(run(['build', '--no-search', '--out', 'public']).status).toBe(0)
    const before = { dist: snapshot(path.join(cwd, 'dist')), public: snapshot(path.join(cwd, 'public')) }
    const intoDist = run(['dev', '--out', 'dist', '--port', '0'])
    expect(intoDist.status).toBe(1)
    expect(intoDist.stderr).toContain('Cannot write the dev preview to `dist/`: it is where `dateline build` writes the site to publish')
    const intoBuild = run(['dev', '--out', 'public', '--port', '0'])
    expect(intoBuild.status).toBe(1)
    expect(intoBuild.stderr).toContain('Cannot write the dev preview to `public/`: it holds a site `dateline build` wrote')
    expect({ dist: snapshot(path.join(cwd, 'dist')), public: snapshot(path.join(cwd, 'public')) }).toEqual(before)
    expect(existsSync(path.join(cwd, 'dist', '.dateline-output'))).toBe(true)
  })
})

