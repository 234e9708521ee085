/**
 * The hostile corpus: every case in `tests/fixtures/hostile/cases.json` (plus the byte-level
 * cases generated below) built together through `build()`, next to ordinary articles.
 * Each case declares one outcome; the whole build must not throw, hang, emit anything
 * executable, or write outside the output folder.
 */
import { existsSync } from 'node:fs'
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { VFile } from 'vfile'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { build, type BuildResult } from '../../src/build.js'
import { defaultMaxFileSize } from '../../src/content/load.js'
import { rules } from '../../src/model/messages.js'
import { writeSite } from '../../src/write/write-site.js'
import { testConfig } from '../helpers/article.js'
import { findExecutable } from './scan-html.js'

/** `rejected`: not published, a message with the rule id and a place; `sanitized`: published with a warning of that rule; `escaped`: published, hostile text shown as text; `published`: an ordinary article. */
type Outcome = 'rejected' | 'sanitized' | 'escaped' | 'published'

interface Case {
  readonly file: string
  readonly outcome: Outcome
  readonly ruleId: string | null
  readonly note: string
  /** The line the message must point at, where the case pins it down. */
  readonly line?: number
}

const root = path.dirname(fileURLToPath(new URL('../../package.json', import.meta.url)))
const fixture = path.join(root, 'tests', 'fixtures', 'hostile')
const declared = JSON.parse(await readFile(path.join(fixture, 'cases.json'), 'utf8')) as Array<Omit<Case, 'outcome'> & { outcome: string }>
const frontMatter = '---\ntitle: Generated case\ndate: 2026-03-01\n---\n\n'
const body = 'The council met on Tuesday.\n'
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text)

/** Cases whose bytes are awkward to commit: written into the temporary content folder. */
const generated: ReadonlyArray<Case & { readonly bytes: Uint8Array }> = [
  { file: 'generated/binary.md', bytes: Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0xff, 0xfe, 0]), outcome: 'rejected', ruleId: 'file-encoding', note: 'a PNG named .md' },
  { file: 'generated/latin1.md', bytes: Uint8Array.from([...utf8(frontMatter), 0x63, 0x61, 0x66, 0xe9, 0x0a]), outcome: 'rejected', ruleId: 'file-encoding', note: 'Latin-1 bytes' },
  { file: 'generated/utf16le-bom.md', bytes: Uint8Array.from([0xff, 0xfe, ...[...frontMatter + body].flatMap((c) => [c.charCodeAt(0), 0])]), outcome: 'rejected', ruleId: 'file-encoding', note: 'UTF-16LE with BOM' },
  { file: 'generated/utf16be.md', bytes: Uint8Array.from([...frontMatter + body].flatMap((c) => [0, c.charCodeAt(0)])), outcome: 'rejected', ruleId: 'file-encoding', note: 'UTF-16BE without BOM' },
  { file: 'generated/nul.md', bytes: utf8(`${frontMatter}The coun\u0000cil met.\n`), outcome: 'rejected', ruleId: 'file-encoding', note: 'a NUL byte in UTF-8 text' },
  { file: 'generated/overlong.md', bytes: Uint8Array.from([...utf8(frontMatter), 0xc0, 0xaf, 0x0a]), outcome: 'rejected', ruleId: 'file-encoding', note: 'overlong UTF-8 encoding of /' },
  { file: 'generated/surrogate.md', bytes: Uint8Array.from([...utf8(frontMatter), 0xed, 0xa0, 0x80, 0x0a]), outcome: 'rejected', ruleId: 'file-encoding', note: 'an encoded lone surrogate' },
  { file: 'generated/too-large.md', bytes: utf8(frontMatter + 'a'.repeat(defaultMaxFileSize)), outcome: 'rejected', ruleId: 'file-too-large', note: 'one byte over the size cap and more' },
  { file: 'generated/bom-crlf.md', bytes: utf8(`\uFEFF${frontMatter}${body}`.replace(/\n/g, '\r\n')), outcome: 'published', ruleId: null, note: 'BOM and CRLF together' },
]

const cases: readonly Case[] = [
  ...declared.map((entry) => ({ ...entry, outcome: entry.outcome as Outcome })),
  ...generated,
  { file: 'generated/link-outside.md', outcome: 'rejected', ruleId: 'file-symlink', note: 'a symbolic link to a file outside content/' },
  { file: 'generated/linked-folder', outcome: 'rejected', ruleId: 'file-symlink', note: 'a symbolic link to a folder of articles outside content/' },
]

let work: string
let contentDir: string
let outDir: string
let result: BuildResult
let thrown: unknown
const outsideSecret = 'SECRET-OUTSIDE-CONTENT'

async function listTree(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries.map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name))).sort()
}

function sourceOf(file: string): VFile | undefined {
  return result.sources.find((source) => source.data.sourcePath === file)
}

function isPublished(file: string): boolean {
  return result.articles.some((article) => article.sourcePath === file)
}

function htmlFiles(): { path: string; text: string }[] {
  return result.files.filter((file) => file.path.endsWith('.html')).map((file) => ({ path: file.path, text: typeof file.contents === 'string' ? file.contents : new TextDecoder().decode(file.contents) }))
}

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'dateline-hostile-'))
  contentDir = path.join(work, 'content')
  outDir = path.join(work, 'dist')
  await cp(path.join(fixture, 'content'), contentDir, { recursive: true })
  await mkdir(path.join(contentDir, 'generated'))
  for (const entry of generated) await writeFile(path.join(contentDir, entry.file), entry.bytes)
  await writeFile(path.join(work, 'outside.md'), `${frontMatter}${outsideSecret}\n`)
  await symlink(path.join(work, 'outside.md'), path.join(contentDir, 'generated', 'link-outside.md'))
  await mkdir(path.join(work, 'elsewhere'))
  await writeFile(path.join(work, 'elsewhere', 'story.md'), `${frontMatter}${outsideSecret}\n`)
  await symlink(path.join(work, 'elsewhere'), path.join(contentDir, 'generated', 'linked-folder'))
  try {
    result = await build({ contentDir, templatesDir: path.join(root, 'templates'), cwd: work, config: testConfig })
  } catch (error) {
    thrown = error
  }
})

afterAll(async () => {
  await rm(work, { recursive: true, force: true })
})

describe('the hostile corpus', () => {
  it('should hold at least 60 hostile cases, each with one declared outcome', () => {
    const hostile = cases.filter((entry) => entry.outcome !== 'published')
    expect(hostile.length).toBeGreaterThanOrEqual(60)
    expect(new Set(cases.map((entry) => entry.file)).size).toBe(cases.length)
    for (const entry of cases) {
      if (entry.outcome === 'rejected' || entry.outcome === 'sanitized') expect(entry.ruleId, entry.file).toBeTypeOf('string')
    }
  })

  it('should build the whole corpus without throwing', () => {
    expect(thrown).toBeUndefined()
    expect(result.sources.length).toBe(cases.length)
  })

  it.each(cases.map((entry) => [entry.file, entry] as const))('should give %s its declared outcome', (_, entry) => {
    const source = sourceOf(entry.file)
    expect(source, `no source for ${entry.file}`).toBeDefined()
    const messages = source?.messages ?? []
    const withRule = messages.filter((message) => message.ruleId === entry.ruleId)
    switch (entry.outcome) {
      case 'rejected':
        expect(isPublished(entry.file), entry.note).toBe(false)
        expect(withRule.length, `${entry.note}: ${messages.map(String).join('; ')}`).toBeGreaterThan(0)
        for (const message of withRule) {
          expect(message.line).toBeTypeOf('number')
          expect(message.column).toBeTypeOf('number')
        }
        if (entry.line !== undefined) expect(withRule.map((message) => message.line), entry.note).toContain(entry.line)
        break
      case 'sanitized':
        expect(isPublished(entry.file), `${entry.note}: ${messages.map(String).join('; ')}`).toBe(true)
        expect(withRule.filter((message) => message.fatal === false).length, `${entry.note}: ${messages.map(String).join('; ')}`).toBeGreaterThan(0)
        break
      case 'escaped':
      case 'published':
        expect(isPublished(entry.file), `${entry.note}: ${messages.map(String).join('; ')}`).toBe(true)
        expect(messages.filter((message) => message.fatal === true).map(String)).toEqual([])
        break
    }
  })

  it('should give every message a place, `source: dateline` and a rule id from the catalogue', () => {
    for (const source of result.sources) {
      for (const message of source.messages) {
        expect(message.source, String(message)).toBe('dateline')
        expect(Object.keys(rules), String(message)).toContain(message.ruleId)
        expect(message.line, String(message)).toBeTypeOf('number')
        expect(message.column, String(message)).toBeTypeOf('number')
        // What was expected, in the message; what to do, in its hint.
        expect(message.reason, String(message)).toMatch(/expected/)
        expect(message.note, String(message)).toMatch(/\S/)
      }
    }
  })

  it('should emit no script, event handler, dangerous URL or srcdoc in any HTML file', () => {
    const found = htmlFiles().flatMap((file) => findExecutable(file.text).map((problem) => `${file.path}: ${problem}`))
    expect(found).toEqual([])
  })

  it('should not swallow a wire story that opens with a `---` rule as front matter', () => {
    const article = result.articles.find((entry) => entry.sourcePath === 'wire/2026-03-01-rule.txt')
    expect(article?.headline).toBe('Council passes budget')
    expect(article?.body.map((block) => block.type)).toEqual(['paragraph', 'paragraph'])
  })

  it('should not publish the content of a file reached through a symbolic link', () => {
    for (const file of htmlFiles()) expect(file.text).not.toContain(outsideSecret)
  })

  it('should never evaluate executable front matter', () => {
    expect(existsSync('/tmp/pwned')).toBe(false)
  })

  it('should write only inside the output folder', async () => {
    const before = (await listTree(work)).filter((entry) => !entry.startsWith('dist'))
    await writeSite(result.files, outDir, { protectedPaths: [work, contentDir] })
    const after = (await listTree(work)).filter((entry) => !entry.startsWith('dist'))
    expect(after).toEqual(before)
    for (const file of result.files) expect(path.resolve(outDir, file.path).startsWith(outDir + path.sep), file.path).toBe(true)
  })

  it('should print the tally of the corpus', () => {
    const hostile = cases.filter((entry) => entry.outcome !== 'published')
    const rejected = hostile.filter((entry) => entry.outcome === 'rejected' && (sourceOf(entry.file)?.messages ?? []).some((m) => m.ruleId === entry.ruleId && m.line !== undefined))
    const sanitized = hostile.filter((entry) => entry.outcome === 'sanitized' && (sourceOf(entry.file)?.messages ?? []).some((m) => m.ruleId === entry.ruleId && m.fatal === false))
    const escaped = hostile.filter((entry) => entry.outcome === 'escaped')
    const escapes = htmlFiles().flatMap((file) => findExecutable(file.text)).length
    const ordinary = cases.filter((entry) => entry.outcome === 'published')
    console.log(
      `hostile corpus: ${hostile.length} cases → ${rejected.length} rejected with file:line:column, ${sanitized.length} sanitized with a warning, ${escaped.length} published with hostile text escaped; ` +
        `crashes ${thrown === undefined ? 0 : 1}, escapes ${escapes}; ${ordinary.filter((entry) => isPublished(entry.file)).length}/${ordinary.length} ordinary articles published`,
    )
    expect(rejected.length + sanitized.length + escaped.length).toBe(hostile.length)
  })
})
