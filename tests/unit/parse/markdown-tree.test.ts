import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseMarkdownTree, parseMarkdownTreeFully } from '../../../src/parse/markdown-tree.js'

const fixtures = fileURLToPath(new URL('../../fixtures/', import.meta.url))
const content = fileURLToPath(new URL('../../../content/', import.meta.url))

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.md'))
    .map((name) => path.join(dir, name))
}

describe('parseMarkdownTree (fast path for plain paragraphs)', () => {
  it('should give the same tree as the full parse for every Markdown fixture and shipped article', () => {
    const files = [...markdownFiles(fixtures), ...markdownFiles(content)]
    expect(files.length).toBeGreaterThan(20)
    for (const file of files) {
      const text = readFileSync(file, 'utf8').replace(/\r\n?/g, '\n')
      expect(parseMarkdownTree(text), file).toEqual(parseMarkdownTreeFully(text))
    }
  })

  it('should build plain paragraphs without changing a single position', () => {
    const text = '---\ntitle: T\n---\n\n"We will," she said.\nSecond line.\n\n## Head\n\nLast one.'
    expect(parseMarkdownTree(text)).toEqual(parseMarkdownTreeFully(text))
  })

  it('should leave text that only looks plain inside fences and HTML blocks to the full parser', () => {
    for (const text of ['```\ncode\n\nplain inside\n```\n', '<!--\n\nplain inside\n\n-->\n', '<div>\n\nplain\n\n</div>\n']) {
      expect(parseMarkdownTree(text)).toEqual(parseMarkdownTreeFully(text))
    }
  })

  it('should equal the full parse on generated Markdown (property, differential)', () => {
    const piece = fc.oneof(
      fc.constantFrom('word', 'Other', ' ', '  ', '\n', '\n\n', '\n \n', '"', '“', '”', "'", ',', '.', '*', '_', '`', '```', '~~~', '-', '- ', '+ ', '1. ', '2) ', '>', '> ', '#', '## ', '=', '===', '---', '***', '[', ']', '(', ')', '![', '<', '<div>', '<!--', '-->', '&amp;', '&', '\\', '\t', '    ', 'http://x.test', '|', '~', '0', '9.', '[a]: /x'),
      fc.string({ maxLength: 4 }),
    )
    const frontMatter = fc.constantFrom('', '---\ntitle: T\n---\n', '---\ntitle: T\n---\n\n', '---\n\ntitle: T\n\n---\nx\n')
    fc.assert(
      fc.property(frontMatter, fc.array(piece, { maxLength: 60 }), (head, pieces) => {
        const text = head + pieces.join('')
        expect(parseMarkdownTree(text)).toEqual(parseMarkdownTreeFully(text))
      }),
      { seed: 20261128, numRuns: 3000 },
    )
  })
})

describe('parseMarkdownTree (runs of chunks)', () => {
  it('should end a list at a plain paragraph, as the full parse does', () => {
    for (const text of ['- item\n\nplain paragraph\n\n  indented continuation\n', '1. a\n\nplain\n\n   b\n', '> q\n\nplain\n\n> r\n', '- a\n\n  b\n\nplain\n\n## Head\n\n    code\n']) {
      expect(parseMarkdownTree(text), text).toEqual(parseMarkdownTreeFully(text))
    }
  })

  it('should equal the full parse on generated stories of chunks and blank lines (property, differential)', () => {
    const line = fc.oneof(
      fc.constantFrom('Plain words here.', '"Quoted," she said.', 'Another plain line', 'Plain again.', 'Plain once more', '## Reaction', '# Top', '###### Six', '## Two  spaces', '##  Lead space', '## Closed ##', '##', '## *Em*', '- item', '* item', '+ item', '1. one', '2) two', '  indented', '    code', '> quote', '>', '---', '***', '===', 'a *b* c', 'see [x](http://x.test)', '[a]: /x', '[a]', 'tail  ', 'x\\', '<b>', '```', ' ', ''),
      fc.string({ maxLength: 6 }),
    )
    const frontMatter = fc.constantFrom('', '---\ntitle: T\n---\n', '---\ntitle: T\n---\n\n', '---\n\ntitle: T\n\n---\nx\n', '---\ntitle: T\n', '---\n---\n', '---\n\n---\n\n', '--- \na: 1\n---  \n\n', '---\na: 1\n----\n\nb: 2\n---\n\n', '---\na: 1\n---x\n---\n\n', '---yaml\na: 1\n---\n')
    const chunk = fc.array(line, { minLength: 1, maxLength: 3 })
    const gap = fc.constantFrom('\n\n', '\n\n\n', '\n \n', '\n')
    fc.assert(
      fc.property(frontMatter, fc.array(fc.tuple(chunk, gap), { maxLength: 12 }), fc.boolean(), (head, chunks, finalNewline) => {
        const text = head + chunks.map(([lines, after]) => lines.join('\n') + after).join('') + (finalNewline ? '\n' : '')
        expect(parseMarkdownTree(text)).toEqual(parseMarkdownTreeFully(text))
      }),
      { seed: 20261128, numRuns: 3000 },
    )
  })
})
