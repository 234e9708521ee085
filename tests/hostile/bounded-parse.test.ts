/**
 * Bounded parsing: pathological Markdown at the size cap, built through `build()` with the
 * worker pool and a per-file time limit. Each file is either built or reported (for
 * example `parse-timeout`); the build always finishes and an ordinary article publishes.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { build, type BuildResult } from '../../src/build.js'
import { defaultMaxFileSize } from '../../src/content/load.js'
import { createParsePool, type ParsePool } from '../../src/pool/parse-pool.js'
import { testConfig } from '../helpers/article.js'
import { findExecutable } from './scan-html.js'

const root = path.dirname(fileURLToPath(new URL('../../package.json', import.meta.url)))
// Worker threads run compiled JavaScript: `npm test` bundles lib/ first (pretest).
const workerFile = path.join(root, 'lib', 'pool', 'parse-worker.cjs')
const frontMatter = '---\ntitle: Pathological\ndate: 2026-03-01\n---\n\n'
/** Just under the size cap, so the file is parsed rather than refused for its size. */
const room = defaultMaxFileSize - frontMatter.length - 16

function fill(unit: string): string {
  return unit.repeat(Math.floor(room / unit.length))
}

function nestedList(): string {
  let text = ''
  for (let depth = 0; text.length < room; depth++) text += `${'  '.repeat(depth)}- item ${depth}\n`
  return text.slice(0, text.lastIndexOf('\n', room) + 1)
}

const pathological: Readonly<Record<string, string>> = {
  'nested-emphasis': fill('*a **b '),
  'nested-image-openers': fill('!['),
  'nested-link-openers': fill('[a]('),
  'blockquote-30000': `${'>'.repeat(30_000)} deep\n`,
  'nested-lists': nestedList(),
  'open-brackets': fill('['),
  'backtick-runs': fill('`a ``b '),
  'straight-quotes': fill('"a '),
}

let work: string
let pool: ParsePool
let result: BuildResult

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'dateline-bounded-'))
  await mkdir(path.join(work, 'content', 'cases'), { recursive: true })
  for (const [name, body] of Object.entries(pathological)) await writeFile(path.join(work, 'content', 'cases', `${name}.md`), frontMatter + body)
  const ordinary = '---\ntitle: Council passes budget\ndate: 2026-03-01\n---\n\nThe council voted 7 to 2.\n'
  // Sorted first, so it is parsed before the stuck files fill the threads; `ordinary.md`
  // sorts among them and waits for a free thread (see the last test).
  await writeFile(path.join(work, 'content', 'cases', 'aaa-ordinary.md'), ordinary)
  await writeFile(path.join(work, 'content', 'cases', 'ordinary.md'), ordinary.replace('Council', 'Mayor'))
  pool = createParsePool({ workerFile, threads: 2 })
  result = await build({ contentDir: path.join(work, 'content'), templatesDir: path.join(root, 'templates'), cwd: work, config: testConfig, pool, parseTimeoutMs: 3_000 })
}, 120_000)

afterAll(async () => {
  await pool.close()
  await rm(work, { recursive: true, force: true })
})

describe('pathological Markdown at the size cap', () => {
  it.each(Object.keys(pathological))('should build or report %s, never hang', (name) => {
    const sourcePath = `cases/${name}.md`
    const published = result.articles.some((article) => article.sourcePath === sourcePath)
    const messages = result.sources.find((source) => source.data.sourcePath === sourcePath)?.messages ?? []
    const outcome = published ? `built${messages.length > 0 ? ` with ${[...new Set(messages.map((m) => m.ruleId))].join(', ')}` : ''}` : `reported ${[...new Set(messages.map((m) => m.ruleId))].join(', ')}`
    console.log(`bounded parse: ${name} → ${outcome}`)
    expect(published || messages.some((message) => message.fatal === true)).toBe(true)
  })

  it('should still publish an ordinary article parsed next to them', () => {
    expect(result.articles.map((article) => article.sourcePath)).toContain('cases/aaa-ordinary.md')
  })

  // The time limit used to run from submission, with two tasks per thread in flight, so an
  // ordinary file queued behind a stuck one was reported `parse-timeout` and not published.
  it('should publish an ordinary article that queued behind stuck files', () => {
    expect(result.articles.map((article) => article.sourcePath)).toContain('cases/ordinary.md')
  })

  it('should emit nothing executable from them', () => {
    const found = result.files.filter((file) => file.path.endsWith('.html')).flatMap((file) => findExecutable(String(file.contents)))
    expect(found).toEqual([])
  })
})
