/**
 * The mdast tree of a Markdown file, with a fast path proven equal to the full parser.
 *
 * micromark is the costliest part of a build (about half of `parseArticle`). Most news
 * paragraphs are plain sentences with no Markdown syntax at all, and most subheadings are
 * a `##` line of plain words; for those the tree is known without parsing. So the body is
 * cut into chunks (runs of non-blank lines), plain chunks are built here, and micromark
 * parses only the runs of other chunks between them, each on its own, with its positions
 * moved to where the run sits in the file.
 *
 * Why a run parses the same on its own: it starts at the body's start or after a blank
 * line that follows a plain chunk, and a plain chunk (first line unindented, no block or
 * inline syntax anywhere, fences and HTML blocks ruled out for the whole body) is a
 * paragraph at the top level, so every container is closed around it. What a run could
 * still take from the rest of the file is a link reference definition, so a body with
 * `]:` in it is parsed whole. The differential tests (`tests/unit/parse/markdown-tree.test.ts`)
 * check the result equals the full parse, over generated inputs and the fixture articles.
 */
import type { Heading, Nodes, Paragraph, Root, RootContent } from 'mdast'
import type { Point, Position } from 'unist'
import remarkFrontmatter from 'remark-frontmatter'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { VFile } from 'vfile'
import { frontMatterEnd } from '../content/front-matter.js'

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml'])

/** Characters that may start Markdown syntax anywhere in a line. */
const syntaxCharacters = /[\\`*_[\]<>!&#|~\t]/
/** Line starts that may open a block other than a paragraph: lists, rules, headings, setext underlines, indentation. */
const blockStart = /^(?:[-+=\s]|\d{1,9}[.)])/
/** Constructs that run over blank lines (fenced code, HTML blocks): with either, no shortcut is safe. */
const spansBlankLines = /^ {0,3}(?:```|~~~|<)/m
/** An ATX subheading of plain words: `## Reaction` (one space, no closing `#`s). */
const plainHeading = /^(#{1,6}) (?=\S)(.*\S)?$/

/** Whether a line is certainly part of one plain CommonMark paragraph, wherever it stands in the paragraph. */
function isPlainLine(line: string): boolean {
  return !(line === '' || blockStart.test(line) || syntaxCharacters.test(line) || /\s$/.test(line))
}

/** The full parse, for tests and for files the fast path cannot help. */
export function parseMarkdownTreeFully(text: string): Root {
  return processor.parse(new VFile({ value: text }))
}

/** A chunk's place: offsets of its start and end, and the line numbers of both. */
interface Chunk {
  readonly start: number
  readonly end: number
  readonly startLine: number
  readonly endLine: number
  /** Offset where the chunk's last line starts. */
  readonly lastLineStart: number
}

function point(line: number, column: number, offset: number): Point {
  return { line, column, offset }
}

/** The node a plain chunk is, or `undefined` when micromark must read it. */
function plainNode(text: string, chunk: Chunk): Paragraph | Heading | undefined {
  const value = text.slice(chunk.start, chunk.end)
  const position: Position = { start: point(chunk.startLine, 1, chunk.start), end: point(chunk.endLine, chunk.end - chunk.lastLineStart + 1, chunk.end) }
  if (chunk.startLine === chunk.endLine && value.charCodeAt(0) === 35 /* # */) {
    const heading = plainHeading.exec(value)
    const words = heading?.[2]
    if (heading === null || words === undefined || syntaxCharacters.test(words)) return undefined
    const depth = (heading[1] as string).length as Heading['depth']
    const wordsStart = chunk.start + depth + 1
    const textPosition: Position = { start: point(chunk.startLine, depth + 2, wordsStart), end: position.end }
    return { type: 'heading', depth, children: [{ type: 'text', value: words, position: textPosition }], position }
  }
  let lineStart = 0
  while (lineStart <= value.length) {
    const newline = value.indexOf('\n', lineStart)
    const lineEnd = newline === -1 ? value.length : newline
    if (!isPlainLine(value.slice(lineStart, lineEnd))) return undefined
    if (newline === -1) break
    lineStart = newline + 1
  }
  return { type: 'paragraph', children: [{ type: 'text', value, position }], position }
}

/** Move every position in `nodes` by `lines` lines and `offset` characters (columns stay: a run starts a line). */
function shift(nodes: readonly Nodes[], lines: number, offset: number): void {
  // A stack, not recursion: a list or quote can nest deep.
  const stack: Nodes[] = [...nodes]
  for (let node = stack.pop(); node; node = stack.pop()) {
    const position = node.position
    if (position) {
      node.position = {
        start: point(position.start.line + lines, position.start.column, (position.start.offset ?? 0) + offset),
        end: point(position.end.line + lines, position.end.column, (position.end.offset ?? 0) + offset),
      }
    }
    if ('children' in node) for (const child of node.children) stack.push(child as Nodes)
  }
}

/** A run of chunks micromark must read: where it is in the file and in the text micromark reads. */
interface Run {
  /** Offset in the file where the run starts (the end of the plain chunk before it, or `0`). */
  readonly start: number
  readonly end: number
  /** Line of `start` in the file. */
  readonly line: number
  /** Offset of the run in the condensed text. */
  condensedStart: number
  /** Line of `condensedStart` in the condensed text. */
  condensedLine: number
}

/** Placed between runs in the condensed text: a plain paragraph, so every run starts at the top level as it does in the file. */
const separator = '\n\nx'

/**
 * The front matter node when the block is fenced by lines of exactly `---` (what
 * micromark and `frontMatterEnd` then agree on), `undefined` for any other block, and
 * `null` when there is no front matter.
 */
function frontMatterNode(text: string, bodyStart: number, bodyLine: number): RootContent | undefined | null {
  if (bodyStart === 0) return null
  const close = text.lastIndexOf('\n', bodyStart - 1)
  if (!text.startsWith('---\n') || close < 3 || text.slice(close + 1, bodyStart) !== '---') return undefined
  return { type: 'yaml', value: close <= 4 ? '' : text.slice(4, close), position: { start: point(1, 1, 0), end: point(bodyLine, 4, bodyStart) } }
}

/** The body's chunks in file order, and the number of the file's last line. */
function chunksOf(text: string, bodyStart: number, bodyLine: number): { readonly chunks: readonly Chunk[]; readonly lastLine: number } {
  const chunks: Chunk[] = []
  let line = bodyLine
  let chunkStart = -1
  let chunkLine = 0
  let previousLineStart = bodyStart
  let previousLine = line
  let lineStart = bodyStart
  while (lineStart <= text.length) {
    const newline = text.indexOf('\n', lineStart)
    const lineEnd = newline === -1 ? text.length : newline
    const isBlank = text.slice(lineStart, lineEnd).trim() === ''
    if (isBlank && chunkStart !== -1) {
      chunks.push({ start: chunkStart, end: lineStart - 1, startLine: chunkLine, endLine: previousLine, lastLineStart: previousLineStart })
      chunkStart = -1
    } else if (!isBlank && chunkStart === -1) {
      chunkStart = lineStart
      chunkLine = line
    }
    if (newline === -1) break
    previousLineStart = lineStart
    previousLine = line
    lineStart = newline + 1
    line++
  }
  if (chunkStart !== -1) chunks.push({ start: chunkStart, end: text.length, startLine: chunkLine, endLine: line, lastLineStart: lineStart })
  return { chunks, lastLine: line }
}

/**
 * The body in file order as nodes built here and runs for micromark to read: a plain chunk
 * becomes its node, and every other chunk joins the run that starts where the plain chunk
 * before it ends.
 *
 * @param head The front matter node, which comes before the body (`null` without one).
 */
function itemsOf(text: string, chunks: readonly Chunk[], bodyStart: number, bodyLine: number, head: RootContent | null): { readonly items: readonly (RootContent | Run)[]; readonly runs: readonly Run[]; readonly fastNodes: number } {
  const items: (RootContent | Run)[] = head === null ? [] : [head]
  const runs: Run[] = []
  // The run being gathered: from `runStart` (on line `runLine`) to `runEnd`, empty so far when they are equal.
  let runStart = bodyStart
  let runLine = bodyLine
  let runEnd = bodyStart
  let fastNodes = 0
  const closeRun = (): void => {
    if (runEnd === runStart) return
    const run: Run = { start: runStart, end: runEnd, line: runLine, condensedStart: 0, condensedLine: 0 }
    runs.push(run)
    items.push(run)
  }
  for (const chunk of chunks) {
    const node = plainNode(text, chunk)
    if (node === undefined) {
      // Joined to the current run, blank lines between included.
      runEnd = chunk.end
      continue
    }
    closeRun()
    items.push(node)
    fastNodes++
    runStart = chunk.end
    runLine = chunk.endLine
    runEnd = chunk.end
  }
  closeRun()
  return { items, runs, fastNodes }
}

/**
 * The condensed text: each run as it is in the file (so its positions differ from the
 * file's by a fixed number of lines and characters), a separator paragraph between. Sets
 * each run's `condensedStart` and `condensedLine`.
 */
function condense(text: string, runs: readonly Run[]): string {
  let condensed = ''
  let condensedLine = 1
  for (const run of runs) {
    if (condensed !== '') {
      condensed += separator
      condensedLine += 2
    }
    run.condensedStart = condensed.length
    run.condensedLine = condensedLine
    const slice = text.slice(run.start, run.end)
    condensed += slice
    condensedLine += slice.split('\n').length - 1
  }
  return condensed
}

/**
 * micromark's nodes for each run, their positions moved to the run's place in the file, or
 * `undefined` when something other than a separator stands between two runs (the proof is
 * broken, and the file must be parsed whole).
 */
function parseRuns(text: string, runs: readonly Run[]): Map<Run, RootContent[]> | undefined {
  const byRun = new Map<Run, RootContent[]>()
  if (runs.length === 0) return byRun
  const tree = parseMarkdownTreeFully(condense(text, runs))
  for (const run of runs) byRun.set(run, [])
  let index = 0
  for (const node of tree.children) {
    const offset = node.position?.start.offset ?? -1
    while (index < runs.length - 1 && offset >= (runs[index + 1] as Run).condensedStart) index++
    const run = runs[index] as Run
    if (offset >= run.condensedStart + run.end - run.start) {
      // The separator after this run: a paragraph of one word, or the proof is broken.
      const isSeparator = node.type === 'paragraph' && node.children.length === 1 && node.children[0]?.type === 'text' && node.children[0].value === 'x'
      if (!isSeparator) return undefined
      continue
    }
    shift([node], run.line - run.condensedLine, run.start - run.condensedStart)
    byRun.get(run)?.push(node)
  }
  return byRun
}

/**
 * Parse `text` (a whole Markdown file, front matter included) into mdast, equal to
 * `parseMarkdownTreeFully(text)` but with plain paragraphs and subheadings built directly.
 * micromark reads the rest in one call: the runs of other chunks, joined by a one-word
 * paragraph that is dropped again, each run's positions moved back to its place.
 */
export function parseMarkdownTree(text: string): Root {
  const bodyStart = frontMatterEnd(text)
  const body = text.slice(bodyStart)
  // The line the body starts on, which the front matter's closing fence ends.
  const bodyLine = text.slice(0, bodyStart).split('\n').length
  const head = frontMatterNode(text, bodyStart, bodyLine)
  // A byte order mark is micromark's to handle (the load stage strips it anyway); carriage
  // returns, definitions and unusual fences are rare enough to leave to the full parse.
  if (head === undefined || text.startsWith('\uFEFF') || text.includes('\r') || body.includes(']:') || spansBlankLines.test(body)) return parseMarkdownTreeFully(text)

  const { chunks, lastLine } = chunksOf(text, bodyStart, bodyLine)
  const { items, runs, fastNodes } = itemsOf(text, chunks, bodyStart, bodyLine, head)
  if (fastNodes === 0) return parseMarkdownTreeFully(text)
  const byRun = parseRuns(text, runs)
  if (byRun === undefined) return parseMarkdownTreeFully(text)

  const children: RootContent[] = []
  for (const item of items) {
    if ('condensedStart' in item) children.push(...(byRun.get(item) ?? []))
    else children.push(item)
  }
  const end = text.lastIndexOf('\n')
  return {
    type: 'root',
    children,
    position: { start: point(1, 1, 0), end: point(lastLine, text.length - (end + 1) + 1, text.length) },
  }
}
