/**
 * Property tests over generated hostile input, through the real `parseArticle` and
 * `renderBody` (fast-check, fixed seed: a failure reproduces run to run and in CI).
 */
import path from 'node:path'
import fc from 'fast-check'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { rules } from '../../src/model/messages.js'
import { parseArticle } from '../../src/parse/article.js'
import { isSlug, slugify } from '../../src/parse/slug.js'
import { renderBody } from '../../src/render/body.js'
import { articleRoute } from '../../src/site/routes.js'
import { resolveInside } from '../../src/write/write-site.js'
import { makeArticle } from '../helpers/article.js'
import { findExecutable, visibleText } from '../hostile/scan-html.js'

const seed = 20260921
const frontMatter = '---\ntitle: Generated\ndate: 2026-03-01\n---\n\n'

function fileOf(text: string, sourcePath = 'world/generated.md'): VFile {
  const file = new VFile({ path: sourcePath, value: text })
  file.data.sourcePath = sourcePath
  return file
}

/** Pieces that hostile Markdown is made of; fast-check strings them together at random. */
const markdownPiece = fc.oneof(
  fc.constantFrom(
    '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '<svg onload=alert(1)>', '<iframe srcdoc="<script>alert(1)</script>">',
    '<a href="javascript:alert(1)">', '</a>', '<', '>', '"', "'", '`', '*', '_', '**', '[', ']', '(', ')', '![', '](', '<', '>',
    'javascript:', 'JaVaScRiPt:', 'vbscript:', 'data:text/html,', '&#106;', '&#x6A;', '&colon;', '&#x09;', 'java\tscript:', 'alert(1)',
    'onload=', 'onerror=', ' srcdoc=', '\n', '\n\n', '> ', '- ', '1. ', '    ', '# ', '[r]: ', '\n[r]: javascript:alert(1)\n', '[x][r]', 'http://example.com',
    '<javascript:alert(1)>', '<http://ok.example>', '\\', '&', '&amp;', '&lt;script&gt;',
  ),
  fc.string({ maxLength: 6 }),
)
const hostileMarkdown = fc.array(markdownPiece, { maxLength: 40 }).map((pieces) => pieces.join(''))

/** Pieces of hostile YAML front matter. */
const yamlPiece = fc.oneof(
  fc.constantFrom(
    'title: ', 'date: ', 'slug: ', 'image: ', 'tags: ', '<<: ', '__proto__: ', 'constructor: ', '&a ', '*a', '*b', '!!js/function ', '!!js/regexp ', '!!python/object ',
    '!!binary ', '!<tag:yaml.org,2002:js/undefined> ', "'function(){ globalThis.pwned = true }'", '"', "'", '[', ']', '{', '}', ',', ':', '- ', '\t', '  ', '\n', '#',
    '2026-02-30', '2026-03-01T10:00', 'javascript:alert(1)', '../../x', '%YAML 1.1\n', '---\n', '...\n', '? ', '| ', '> ', '@', '`',
  ),
  fc.string({ maxLength: 5 }),
)
const opener = fc.constantFrom('---', '---yaml', '---js', '---JavaScript', '--- coffee', '---json', '---  ', '---toml')
const hostileFrontMatter = fc.tuple(opener, fc.array(yamlPiece, { maxLength: 30 })).map(([open, pieces]) => `${open}\n${pieces.join('')}\n---\n\nBody text.\n`)

describe('properties of hostile input', () => {
  it('should never turn generated Markdown into executable HTML', () => {
    let runs = 0
    fc.assert(
      fc.property(hostileMarkdown, (body) => {
        runs++
        const article = parseArticle(fileOf(frontMatter + body))
        if (!article) return
        expect(findExecutable(renderBody(article), { fragment: true })).toEqual([])
      }),
      { seed, numRuns: 500 },
    )
    console.log(`property no-executable-html: ${runs} runs`)
  })

  it('should answer generated front matter only with positioned, catalogued messages', () => {
    let runs = 0
    fc.assert(
      fc.property(hostileFrontMatter, (text) => {
        runs++
        const file = fileOf(text)
        expect(() => parseArticle(file)).not.toThrow()
        expect((globalThis as { pwned?: boolean }).pwned).toBeUndefined()
        for (const message of file.messages) {
          expect(message.source).toBe('dateline')
          expect(Object.keys(rules)).toContain(message.ruleId)
          expect(message.line).toBeTypeOf('number')
          expect(message.column).toBeTypeOf('number')
        }
      }),
      { seed, numRuns: 500 },
    )
    console.log(`property front-matter-messages: ${runs} runs`)
  })

  it('should keep every generated slug, section and file name inside dist/', () => {
    const dist = path.resolve('/tmp/dateline-property/dist')
    let runs = 0
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 120 }), fc.string({ unit: 'binary', maxLength: 60 }), (title, section) => {
        runs++
        const slug = slugify(title)
        expect(isSlug(slug)).toBe(true)
        const route = articleRoute('/', makeArticle({ slug, section }))
        expect(resolveInside(dist, route.outputPath).startsWith(dist + path.sep)).toBe(true)
        // A front matter `slug:` is used as written only when it is already a clean slug.
        const file = fileOf(`---\ntitle: T\ndate: 2026-03-01\nslug: ${JSON.stringify(title)}\n---\n\nBody.\n`)
        const article = parseArticle(file)
        if (article) expect(isSlug(article.slug)).toBe(true)
        else expect(['slug-invalid', 'front-matter-yaml']).toContain(file.messages.find((message) => message.fatal === true)?.ruleId)
      }),
      { seed, numRuns: 1000 },
    )
    console.log(`property slug-inside-dist: ${runs} runs`)
  })

  it('should show every source paragraph in the output or warn about it', () => {
    const word = fc.oneof(fc.stringMatching(/^[A-Za-z]{1,10}$/), fc.constantFrom('"', '“', '”', 'said', 'Mayor', 'Ann', 'Lee', ',', '.', '—', '<b>', '*', '_', '[', ']', '`', '&', '<x>'))
    const paragraph = fc.array(word, { minLength: 1, maxLength: 20 }).map((words) => words.join(' '))
    const letters = (text: string): string => text.replace(/[^A-Za-z]/g, '')
    let runs = 0
    fc.assert(
      fc.property(fc.array(paragraph, { minLength: 1, maxLength: 6 }), (paragraphs) => {
        runs++
        const file = fileOf(frontMatter + paragraphs.join('\n\n') + '\n')
        const article = parseArticle(file)
        expect(article).toBeDefined()
        if (!article) return
        const html = renderBody(article)
        const text = letters(visibleText(html))
        const warned = file.messages.length > 0
        for (const source of paragraphs) {
          if (!text.includes(letters(source))) expect(warned, `paragraph lost without a warning: ${source}\n${html}`).toBe(true)
        }
      }),
      { seed, numRuns: 300 },
    )
    console.log(`property paragraphs-kept: ${runs} runs`)
  })
})
