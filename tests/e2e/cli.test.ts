import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { DEFAULT_PUBLISH_THRESHOLD } from '../../src/quotes/policy.js'

// These run the real command as a user does; `npm test` bundles lib/ first (pretest).
const root = path.dirname(fileURLToPath(new URL('../../package.json', import.meta.url)))
const bin = path.join(root, 'bin', 'dateline.js')
const seed = path.join(root, 'tests/fixtures/wire-seed/content/world/2009-07-25-n-korea-direct-talks.txt')

function dateline(args: string[], cwd = root) {
  const run = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } })
  return { code: run.status, stdout: run.stdout, stderr: run.stderr }
}

describe('dateline CLI', () => {
  it('should print its version and help', () => {
    const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }
    expect(dateline(['--version']).stdout.trim()).toBe(manifest.version)
    const help = dateline(['--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('dateline <command>')
  })

  it('should exit 2 on an unknown command', () => {
    expect(dateline(['frobnicate']).code).toBe(2)
  })

  it('should print quotes as one JSON line per file in the public shape', () => {
    const run = dateline(['quotes', seed, '--jsonl'])
    expect(run.code).toBe(0)
    const lines = run.stdout.trim().split('\n')
    expect(lines).toHaveLength(1)
    const record = JSON.parse(lines[0] ?? '') as { file: string; headline: string; quotes: Record<string, unknown>[] }
    expect(record.file).toBe(seed)
    expect(record.headline).toBe('N. Korea Wants Direct Talks with U.S. Only')
    expect(record.quotes).toHaveLength(14)
    const text = readFileSync(seed, 'utf8')
    for (const quote of record.quotes) {
      expect(Object.keys(quote).sort()).toEqual(['confidence', 'cue', 'end', 'id', 'kind', 'published', 'role', 'speaker', 'start', 'text'])
      expect(quote.published).toBe(quote.speaker !== null && (quote.confidence as number) >= DEFAULT_PUBLISH_THRESHOLD)
      expect(text.slice(quote.start as number, quote.end as number)).toBe(quote.text)
    }
    expect(record.quotes[0]).toEqual(expect.objectContaining({ id: 'q-1', speaker: 'Sin Son Ho', kind: 'direct' }))
  })

  it('should say whether each quote is published at the threshold of the site folder it runs in', () => {
    const site = mkdtempSync(path.join(tmpdir(), 'dateline-quotes-'))
    const publishedAt = (threshold: number | undefined): boolean[] => {
      writeFileSync(path.join(site, 'dateline.config.json'), JSON.stringify(threshold === undefined ? {} : { attribution: { threshold } }))
      const run = dateline(['quotes', seed, '--jsonl'], site)
      expect(run.code).toBe(0)
      const record = JSON.parse(run.stdout) as { quotes: { speaker: string | null; published: boolean }[] }
      return record.quotes.map((quote) => quote.published)
    }
    expect(publishedAt(1).every((published) => !published)).toBe(true)
    expect(publishedAt(0)).toEqual(Array.from({ length: 14 }, () => true))
    writeFileSync(path.join(site, 'dateline.config.json'), JSON.stringify({ attribution: { threshold: 2 } }))
    const bad = dateline(['quotes', seed, '--jsonl'], site)
    expect(bad.code).toBe(1)
    expect(bad.stderr).toContain('Unexpected value for `attribution.threshold` in dateline.config.json')
  })

  it('should print the article model as JSON', () => {
    const run = dateline(['parse', seed, '--json'])
    const article = JSON.parse(run.stdout) as { headline: string; format: string; quotes: unknown[]; people: { name: string }[] }
    expect(article.format).toBe('wire')
    expect(article.quotes).toHaveLength(14)
    expect(article.people.map((p) => p.name)).toContain('Pamela Falk')
  })

  it('should print no `null` for a file with an error, only its messages, and exit 1', () => {
    const project = mkdtempSync(path.join(tmpdir(), 'dateline-cli-'))
    writeFileSync(path.join(project, 'bad.md'), '---\ntitle: T\ndate: 2026-09-21\ntags: 5\n---\n\nBody.\n')
    const run = dateline(['parse', 'bad.md', '--json'], project)
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain('bad.md:4:7  error  Unexpected value for `tags`')
  })

  it('should stop on a configuration typo with the key, its place and the key it misspells', () => {
    const project = mkdtempSync(path.join(tmpdir(), 'dateline-cli-'))
    writeFileSync(path.join(project, 'dateline.config.json'), '{\n  "pagesize": 5\n}\n')
    const run = dateline(['check'], project)
    // A broken configuration stops the command before any content is read: exit code 2 (README, Reliability).
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('dateline.config.json:2:3  error  Unexpected key `pagesize` in dateline.config.json, did you mean `pageSize`?  config-unknown-key')
    expect(run.stderr).not.toContain('(root)')
  })

  it('should build into dist/, report every problem as file:line:column, and exit 1 on errors', () => {
    const project = mkdtempSync(path.join(tmpdir(), 'dateline-cli-'))
    cpSync(path.join(root, 'tests/fixtures/markdown-basics/content'), path.join(project, 'content'), { recursive: true })
    const run = dateline(['build'], project)
    expect(run.code).toBe(1)
    expect(run.stderr).toContain(`${path.join('content', 'politics', 'bad-front-matter.md')}:1:4  error`)
    expect(run.stderr).toContain('front-matter-language')
    expect(run.stderr).toContain('slug-invalid')
    expect(run.stderr).toMatch(/2 errors, \d+ warnings(, \d+ notes?)? in 4 files/)
    expect(existsSync(path.join(project, 'dist', 'politics', 'council-delays-budget-vote', 'index.html'))).toBe(true)
    // No templates/ in the project: the built-in ones were used.
    expect(existsSync(path.join(project, 'dist', 'assets', 'style.css'))).toBe(true)
  })

  it('should exit 0 with only warnings', () => {
    const project = mkdtempSync(path.join(tmpdir(), 'dateline-cli-'))
    cpSync(path.join(root, 'tests/fixtures/wire-seed/content'), path.join(project, 'content'), { recursive: true })
    const run = dateline(['build', '--out', 'public'], project)
    expect(run.stderr).toContain('wire-chrome-dropped')
    expect(run.code).toBe(0)
    expect(existsSync(path.join(project, 'public', 'index.html'))).toBe(true)
  })
})
