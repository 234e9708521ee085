/**
 * The mdast tree of a Markdown file, with a fast path proven equal to the full parser.
 *
 * micromark is the costliest part of a build (about half of `parseArticle`). Most news
 * paragraphs are plain sentences with no Markdown syntax at all, and for those the tree is
 * known without parsing: one paragraph holding one text node. So plain paragraphs are
 * built here, blanked out of the text (same length, line breaks kept, so every offset,
 * line and column stays true), and micromark parses what is left. The differential tests
 * (`tests/unit/parse/markdown-tree.test.ts`) check the result equals the full parse, over
 * generated inputs and the fixture articles.
 */
import type { Paragraph, Root, RootContent } from 'mdast'
import type { Point } from 'unist'
import remarkFrontmatter from 'remark-frontmatter'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { location } from 'vfile-location'
import { VFile } from 'vfile'
import { frontMatterEnd } from '../content/front-matter.js'

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml'])

/** Characters that may start Markdown syntax anywhere in a line. */
const syntaxCharacters = /[\\`*_[\]<>!&#|~\t]/
/** Line starts that may open a block other than a paragraph: lists, rules, headings, setext underlines, indentation. */
const blockStart = /^(?:[-+=\s]|\d{1,9}[.)])/
/** Constructs that run over blank lines (fenced code, HTML blocks): with either, no shortcut is safe. */
const spansBlankLines = /^ {0,3}(?:```|~~~|<)/m

/** Whether a blank-line-separated chunk is certainly one plain CommonMark paragraph. */
function isPlainChunk(lines: readonly string[]): boolean {
  for (const line of lines) {
    if (line === '' || blockStart.test(line) || syntaxCharacters.test(line) || /\s$/.test(line)) return false
  }
  return true
}

/** The full parse, for tests and for files the fast path cannot help. */
export function parseMarkdownTreeFully(text: string): Root {
  return processor.parse(new VFile({ value: text }))
}

/**
 * Parse `text` (a whole Markdown file, front matter included) into mdast, equal to
 * `parseMarkdownTreeFully(text)` but with plain paragraphs built directly.
 */
export function parseMarkdownTree(text: string): Root {
  const bodyStart = frontMatterEnd(text)
  // A byte order mark is micromark's to handle (the load stage strips it anyway).
  if (text.startsWith('\uFEFF') || spansBlankLines.test(text.slice(bodyStart))) return parseMarkdownTreeFully(text)
  const place = location(text)
  const pointAt = (offset: number): Point => place.toPoint(offset) ?? { line: 1, column: 1, offset }
  const fast: Paragraph[] = []
  let blanked = ''
  let copiedTo = 0
  const addChunk = (start: number, end: number): void => {
    const value = text.slice(start, end)
    if (!isPlainChunk(value.split('\n'))) return
    const position = { start: pointAt(start), end: pointAt(end) }
    fast.push({ type: 'paragraph', children: [{ type: 'text', value, position }], position })
    blanked += text.slice(copiedTo, start) + value.replace(/[^\n]/g, ' ')
    copiedTo = end
  }
  // Chunks are runs of non-blank lines. Each starts after a blank line or at the body's
  // start, so (with fences and HTML blocks ruled out above) it opens a new block.
  let chunkStart = -1
  let lineStart = bodyStart
  while (lineStart <= text.length) {
    const newline = text.indexOf('\n', lineStart)
    const lineEnd = newline === -1 ? text.length : newline
    const isBlank = text.slice(lineStart, lineEnd).trim() === ''
    if (isBlank && chunkStart !== -1) {
      addChunk(chunkStart, lineStart - 1)
      chunkStart = -1
    } else if (!isBlank && chunkStart === -1) {
      chunkStart = lineStart
    }
    if (newline === -1) break
    lineStart = newline + 1
  }
  if (chunkStart !== -1) addChunk(chunkStart, text.length)
  if (fast.length === 0) return parseMarkdownTreeFully(text)
  blanked += text.slice(copiedTo)
  const rest = parseMarkdownTreeFully(blanked)
  const children: RootContent[] = [...rest.children, ...fast].sort((a, b) => (a.position?.start.offset ?? 0) - (b.position?.start.offset ?? 0))
  return { ...rest, children }
}
